#!/usr/bin/env node
// Structure checks of the Terraform code that need no provider: every module call names a module that exists,
// passes only variables it declares and every variable it requires; every var.X is declared; providers are
// pinned to a major version; and the resources the deployment relies on are configured as the issue asks
// (workload identity, private PostgreSQL with PostGIS allowed, AcrPull, no shared keys...).
// Usage: terraform-structure.mjs <tools dir> <terraform dir>. Exit 0 when every check passes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const [toolsDir, root] = process.argv.slice(2).map((p) => resolve(p));
const require = createRequire(join(toolsDir, 'package.json'));
const { parse } = require('@cdktf/hcl2json');

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

/** Every folder that holds .tf files, parsed: blocks merged across its files. */
async function loadModules(dir, out = new Map()) {
  const tfFiles = readdirSync(dir).filter((f) => f.endsWith('.tf'));
  if (tfFiles.length > 0) {
    const merged = { variable: {}, output: {}, module: {}, resource: {}, terraform: [], text: '' };
    for (const file of tfFiles) {
      const text = readFileSync(join(dir, file), 'utf8');
      const json = await parse(file, text);
      merged.text += `${text}\n`;
      Object.assign(merged.variable, json.variable);
      Object.assign(merged.output, json.output);
      Object.assign(merged.module, json.module);
      for (const [type, byName] of Object.entries(json.resource ?? {})) merged.resource[type] = { ...merged.resource[type], ...byName };
      merged.terraform.push(...(json.terraform ?? []));
    }
    out.set(dir, merged);
  }
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory() && entry !== 'tests' && !entry.startsWith('.')) await loadModules(path, out);
  }
  return out;
}

const modules = await loadModules(root);
const first = (block) => (Array.isArray(block) ? block[0] : block) ?? {};
const resources = (m, type) => Object.values(m.resource[type] ?? {}).map(first);
const anyModule = (predicate) => [...modules.values()].some(predicate);

for (const [dir, m] of modules) {
  const where = relative(root, dir);
  const tf = Object.assign({}, ...m.terraform.map(first));
  if (!tf.required_version) fail(where, 'no terraform required_version');
  const usesAzurerm = /\bresource\s+"azurerm_|\bdata\s+"azurerm_/.test(m.text);
  const providers = Object.assign({}, ...(tf.required_providers ?? []).map(first));
  if (usesAzurerm && !/<\s*5\./.test(providers.azurerm?.version ?? '')) fail(where, 'uses azurerm without pinning its major version (< 5.0.0)');
  if (/\bresource\s+"random_/.test(m.text) && !providers.random) fail(where, 'uses random without requiring it');

  // Every var.X refers to a declared variable.
  for (const [, name] of m.text.matchAll(/\bvar\.([A-Za-z0-9_]+)/g)) {
    if (!(name in m.variable)) fail(where, `var.${name} is not declared`);
  }
  // No literal secrets.
  for (const [line] of m.text.matchAll(/^\s*(password|administrator_password|client_secret|access_key)\s*=\s*"[^$"][^"]*".*$/gm)) {
    fail(where, `a literal secret: ${line.trim()}`);
  }

  // Module calls: the module exists, gets only what it declares and everything it requires.
  for (const [name, call] of Object.entries(m.module)) {
    const args = first(call);
    const target = resolve(dir, args.source ?? '');
    const callee = modules.get(target);
    if (!callee) {
      fail(where, `module "${name}" has source ${args.source}, which is not a module here`);
      continue;
    }
    const meta = new Set(['source', 'count', 'for_each', 'providers', 'depends_on', 'version']);
    for (const arg of Object.keys(args)) {
      if (!meta.has(arg) && !(arg in callee.variable)) fail(where, `module "${name}" passes ${arg}, which ${args.source} does not declare`);
    }
    for (const [variable, declaration] of Object.entries(callee.variable)) {
      if (!('default' in first(declaration)) && !(variable in args)) fail(where, `module "${name}" does not pass ${variable}, which ${args.source} requires`);
    }
    // module.X.Y outputs used anywhere here exist.
    for (const [, callName, output] of m.text.matchAll(/\bmodule\.([A-Za-z0-9_]+)(?:\[\d+\])?\.([A-Za-z0-9_]+)/g)) {
      if (callName !== name) continue;
      if (!(output in callee.output)) fail(where, `module.${name}.${output} is not an output of ${args.source}`);
    }
  }
}

// What the deployment relies on.
const requirements = [
  [
    'AKS has the OIDC issuer and workload identity',
    (m) => resources(m, 'azurerm_kubernetes_cluster').some((c) => c.oidc_issuer_enabled === true && c.workload_identity_enabled === true),
  ],
  [
    'AKS runs the Key Vault Secrets Store CSI driver',
    (m) => resources(m, 'azurerm_kubernetes_cluster').some((c) => c.key_vault_secrets_provider !== undefined),
  ],
  ['AKS ships container logs to Log Analytics', (m) => resources(m, 'azurerm_kubernetes_cluster').some((c) => c.oms_agent !== undefined)],
  [
    'an autoscaling node pool',
    (m) => resources(m, 'azurerm_kubernetes_cluster_node_pool').some((p) => p.auto_scaling_enabled === true && p.max_count !== undefined),
  ],
  [
    'the kubelet identity has AcrPull',
    (m) => resources(m, 'azurerm_role_assignment').some((r) => r.role_definition_name === 'AcrPull' && /kubelet_identity/.test(r.principal_id)),
  ],
  ['the registry has no admin user', (m) => resources(m, 'azurerm_container_registry').some((r) => r.admin_enabled === false)],
  [
    'PostgreSQL has private access only',
    (m) =>
      resources(m, 'azurerm_postgresql_flexible_server').some(
        (s) => s.public_network_access_enabled === false && s.delegated_subnet_id && s.private_dns_zone_id,
      ),
  ],
  [
    'PostGIS and btree_gist are allow-listed',
    (m) =>
      resources(m, 'azurerm_postgresql_flexible_server_configuration').some(
        (c) => c.name === 'azure.extensions' && /\bPOSTGIS\b/.test(c.value) && /\bBTREE_GIST\b/.test(c.value),
      ),
  ],
  ['the database password is kept in Key Vault', (m) => resources(m, 'azurerm_key_vault_secret').length > 0],
  [
    'Key Vault uses Azure RBAC',
    (m) => resources(m, 'azurerm_key_vault').some((k) => k.enable_rbac_authorization === true || k.rbac_authorization_enabled === true),
  ],
  [
    'Redis is TLS-only and private',
    (m) => resources(m, 'azurerm_redis_cache').some((r) => r.non_ssl_port_enabled === false && r.public_network_access_enabled === false),
  ],
  [
    'the storage account takes no shared keys',
    (m) => resources(m, 'azurerm_storage_account').some((s) => s.shared_access_key_enabled === false && s.allow_nested_items_to_be_public === false),
  ],
  ['an NSG guards the node subnet', (m) => resources(m, 'azurerm_subnet_network_security_group_association').length > 0],
  [
    'Log Analytics and Application Insights',
    (m) => resources(m, 'azurerm_log_analytics_workspace').length > 0 && resources(m, 'azurerm_application_insights').length > 0,
  ],
  [
    'a user-assigned identity federated with Kubernetes ServiceAccounts',
    (m) => resources(m, 'azurerm_federated_identity_credential').some((f) => /system:serviceaccount:/.test(f.subject)),
  ],
];
for (const [name, holds] of requirements) {
  if (!anyModule(holds)) fail('requirements', `missing: ${name}`);
}
for (const env of ['envs/dev', 'envs/staging']) {
  const m = modules.get(join(root, env));
  if (!m) fail(env, 'no such environment');
  else if (!('helm_values' in m.output)) fail(env, 'no helm_values output for the chart');
}

for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(`${modules.size} modules checked, ${problems.length} problems\n`);
process.exit(problems.length === 0 ? 0 : 1);
