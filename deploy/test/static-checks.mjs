#!/usr/bin/env node
// Checks of the deployment files that need no tool: each prints one line and sets the exit code.
// Usage: static-checks.mjs <tools dir> <check> [files...]
//   settings <files...>  every PQE_* variable named in the files is a setting of pqe (packages/common config)
//   compose              deploy/compose.yml: services, dependencies, pinned images, the ingress routes
//   dockerfile           deploy/docker/Dockerfile and .dockerignore follow the rules of the image
//   chart-readme         deploy/helm/pqe/README.md describes every value of values.yaml
//   service-monitor <manifests...>  each rendered ServiceMonitor selects every engine Service, by a port the
//                        Service has, in front of pods that serve /metrics (PQE_METRICS=true); at least one exists
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const [toolsDir, check, ...files] = process.argv.slice(2);
const require = createRequire(join(resolve(toolsDir ?? '.'), 'package.json'));
const read = (path) => readFileSync(resolve(root, path), 'utf8');
const problems = [];

/** The PQE_* variables pqe reads, from the one module that reads the environment. */
function knownSettings() {
  const names = new Set([...read('packages/common/src/config.ts').matchAll(/env: '(PQE_[A-Z0-9_]+)'/g)].map((m) => m[1]));
  if (names.size < 5) throw new Error('could not read the settings from packages/common/src/config.ts');
  return names;
}

function checkSettings() {
  const known = knownSettings();
  for (const file of files) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/\b(PQE_[A-Z0-9_]+)\b/g)) {
      // PQE_DB_PASSWORD is compose's own substitution variable, not a setting of pqe.
      if (!known.has(name) && name !== 'PQE_DB_PASSWORD') problems.push(`${file}: ${name} is not a setting of pqe`);
    }
  }
  return `${files.length} files, every PQE_* variable is one of pqe's ${known.size} settings`;
}

function checkCompose() {
  const YAML = require('yaml');
  const compose = YAML.parse(read('deploy/compose.yml'), { merge: true });
  const services = compose.services ?? {};
  for (const want of ['db', 'redis', 'migrate', 'demo', 'stac', 'data', 'ingress']) {
    if (!(want in services)) problems.push(`no ${want} service`);
  }
  for (const [name, service] of Object.entries(services)) {
    const image = String(service.image ?? '');
    if (!service.build && (!/:[\w.-]+$/.test(image) || image.endsWith(':latest'))) problems.push(`${name}: image ${image} is not pinned to a version`);
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      if (!(dependency in services)) problems.push(`${name}: depends on ${dependency}, which is not a service`);
    }
  }
  const engineOf = (service) => (service?.command ?? []).join(' ');
  if (engineOf(services.stac) !== 'serve --engine stac') problems.push('the stac service does not run serve --engine stac');
  if (engineOf(services.data) !== 'serve --engine data') problems.push('the data service does not run serve --engine data');
  const nginx = read('deploy/compose/nginx.conf');
  for (const [path, upstream] of [
    ['/api/stac/v1', 'stac'],
    ['/api/data/v1', 'data'],
  ]) {
    if (!new RegExp(`location ${path.replaceAll('/', '\\/')} \\{\\s*proxy_pass http://${upstream}:8080;`).test(nginx))
      problems.push(`the ingress does not route ${path} to ${upstream}`);
  }
  return `${Object.keys(services).length} services, dependencies and routes consistent`;
}

function checkDockerfile() {
  const dockerfile = read('deploy/docker/Dockerfile');
  const lines = dockerfile.split('\n');
  if (/^#\s*syntax=/m.test(dockerfile)) problems.push('a # syntax= line makes BuildKit pull a frontend image');
  if (/<<-?\s*['"]?[A-Z]+/.test(dockerfile)) problems.push('heredoc RUN is not supported by every builder');
  if (/COPY\s+--link/.test(dockerfile)) problems.push('COPY --link is not supported by every builder');
  if (!/^ARG NODE_IMAGE=node:20-bookworm-slim@sha256:[a-f0-9]{64}$/m.test(dockerfile)) problems.push('the base image is not pinned by digest');
  const froms = lines.filter((l) => l.startsWith('FROM '));
  if (froms.length < 2) problems.push('not a multi-stage build');
  if (!froms.every((l) => /^FROM \$\{NODE_IMAGE\}( |$)/.test(l))) problems.push('a stage does not use the pinned base');
  const users = lines.filter((l) => l.startsWith('USER '));
  if (users.length === 0 || /^USER (0|root)\b/.test(users.at(-1))) problems.push('the image runs as root');
  else if (!/^USER [1-9][0-9]*(:[0-9]+)?$/.test(users.at(-1))) problems.push('USER is not numeric, so Kubernetes cannot check runAsNonRoot');
  if (!/^HEALTHCHECK /m.test(dockerfile)) problems.push('no HEALTHCHECK');
  if (!/^ENTRYPOINT \["node", "\/app\/packages\/cli\/dist\/src\/bin\/pqe\.js"\]$/m.test(dockerfile)) problems.push('the entry point is not the pqe command');
  if (!/^CMD \["serve", "--engine", "all"\]$/m.test(dockerfile)) problems.push('the default command is not serve --engine all');
  const ignore = read('.dockerignore');
  if (!/^\*$/m.test(ignore)) problems.push('.dockerignore does not start from nothing (*)');
  if (!/^packages\/\*\/dist$/m.test(ignore)) problems.push('.dockerignore lets local builds into the image');
  return 'multi-stage, pinned base, non-root, healthcheck, no builder-specific syntax';
}

function leafPaths(value, prefix = '') {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return [prefix];
  // Maps of free keys (settings, resources, annotations) are described as one value.
  if (/(^|\.)(config|resources|annotations|nodeSelector|podAnnotations|podLabels|affinity|renderConfigs)$/.test(prefix)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

function checkChartReadme() {
  const YAML = require('yaml');
  const values = YAML.parse(read('deploy/helm/pqe/values.yaml'));
  const readme = read('deploy/helm/pqe/README.md');
  const documented = new Set([...readme.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]));
  const paths = leafPaths(values);
  for (const path of paths) if (!documented.has(path)) problems.push(`README.md does not describe ${path}`);
  for (const path of documented) if (!paths.includes(path)) problems.push(`README.md describes ${path}, which values.yaml does not have`);
  return `${paths.length} values described`;
}

/** Whether a Kubernetes label selector (matchLabels and matchExpressions) selects an object with `labels`. */
function selects(selector, labels) {
  const matchLabels = Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const matchExpressions = (selector?.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    if (operator === 'DoesNotExist') return !(key in labels);
    return false;
  });
  return matchLabels && matchExpressions;
}

function checkServiceMonitors() {
  const YAML = require('yaml');
  let monitors = 0;
  for (const file of files) {
    const objects = YAML.parseAllDocuments(readFileSync(file, 'utf8'))
      .map((document) => document.toJS())
      .filter((object) => object !== null && typeof object === 'object');
    const services = objects.filter((o) => o.kind === 'Service');
    const deployments = objects.filter((o) => o.kind === 'Deployment');
    for (const monitor of objects.filter((o) => o.kind === 'ServiceMonitor')) {
      monitors += 1;
      const name = `${file}: ServiceMonitor ${monitor.metadata?.name}`;
      const selected = services.filter((service) => selects(monitor.spec?.selector, service.metadata?.labels ?? {}));
      for (const service of services) {
        if (!selected.includes(service)) problems.push(`${name} does not select the Service ${service.metadata?.name}`);
      }
      for (const service of selected) {
        const pods = deployments.filter((d) => selects({ matchLabels: service.spec?.selector }, d.spec?.template?.metadata?.labels ?? {}));
        if (pods.length === 0) problems.push(`${name}: no Deployment behind the Service ${service.metadata?.name}`);
        for (const endpoint of monitor.spec?.endpoints ?? []) {
          const port = (service.spec?.ports ?? []).find((p) => p.name === endpoint.port);
          if (port === undefined) {
            problems.push(`${name}: the Service ${service.metadata?.name} has no port named ${endpoint.port}`);
            continue;
          }
          if ((endpoint.path ?? '/metrics') !== '/metrics') problems.push(`${name}: pqe serves its metrics at /metrics, not ${endpoint.path}`);
          for (const deployment of pods) {
            for (const container of deployment.spec.template.spec.containers ?? []) {
              const metrics = (container.env ?? []).find((e) => e.name === 'PQE_METRICS')?.value;
              if (metrics !== 'true') problems.push(`${name}: ${deployment.metadata?.name} serves no /metrics (PQE_METRICS=${metrics})`);
              const served = (container.ports ?? []).some((p) => p.name === port.targetPort || p.containerPort === port.targetPort);
              if (!served) problems.push(`${name}: ${deployment.metadata?.name} has no container port ${port.targetPort}`);
            }
          }
        }
      }
    }
  }
  if (monitors === 0) problems.push(`no ServiceMonitor in ${files.join(', ')}`);
  return `${monitors} ServiceMonitors select every engine Service, whose pods serve /metrics on the named port`;
}

const checks = {
  settings: checkSettings,
  compose: checkCompose,
  dockerfile: checkDockerfile,
  'chart-readme': checkChartReadme,
  'service-monitor': checkServiceMonitors,
};
if (!(check in checks)) {
  process.stderr.write(`usage: static-checks.mjs <tools dir> ${Object.keys(checks).join('|')} [files...]\n`);
  process.exit(2);
}
const summary = checks[check]();
for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(problems.length === 0 ? `${summary}\n` : `${problems.length} problems\n`);
process.exit(problems.length === 0 ? 0 : 1);
