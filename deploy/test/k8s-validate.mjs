#!/usr/bin/env node
// Validates rendered Kubernetes manifests against the Kubernetes OpenAPI document, strictly: a wrong type, a
// missing required field, an unknown field (a misspelt imagePullPolcy) or an unknown kind fails.
// Usage: k8s-validate.mjs <tools dir> <manifest.yaml>...   (the tools dir holds ajv, yaml and the OpenAPI
// document, installed by deploy/test/run from npm by package name). Exit 0 when every object is valid.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { crdSchemas } from './crd-schemas.mjs';

const [toolsDir, ...files] = process.argv.slice(2);
if (!toolsDir || files.length === 0) {
  process.stderr.write('usage: k8s-validate.mjs <tools dir> <manifest.yaml>...\n');
  process.exit(2);
}
const require = createRequire(join(resolve(toolsDir), 'package.json'));
const Ajv = require('ajv');
const YAML = require('yaml');
// The Kubernetes API's OpenAPI (swagger 2.0) document, as an npm package carries it.
const swagger = require('@kubev2v/types/src/generated/kubernetes/swagger.json');

/**
 * Turns one OpenAPI definition into a strict JSON Schema: objects with declared properties allow no others
 * (unless Kubernetes itself keeps unknown fields there), vendor keys and formats are dropped, and the two
 * types that the API server accepts in two JSON shapes (quantities, int-or-string) take both.
 */
function strict(node) {
  if (Array.isArray(node)) return node.map(strict);
  if (node === null || typeof node !== 'object') return node;
  if (node.format === 'int-or-string') return { anyOf: [{ type: 'string' }, { type: 'integer' }] };
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'format' || key === 'description') continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)])) : strict(value);
  }
  if (out.properties && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

const definitions = {};
const kinds = new Map();
for (const [name, definition] of Object.entries(swagger.definitions)) {
  definitions[name] = strict(definition);
  for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
    const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
    if (definition.properties?.kind) kinds.set(`${apiVersion}/${gvk.kind}`, `k8s#/definitions/${name}`);
  }
}
definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { anyOf: [{ type: 'string' }, { type: 'number' }] };
definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { anyOf: [{ type: 'string' }, { type: 'integer' }] };

for (const [key, schema] of Object.entries(crdSchemas())) {
  definitions[`custom/${key}`] = schema;
  kinds.set(key, `k8s#/definitions/${encodeURIComponent(`custom/${key}`)}`);
}
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addSchema({ $id: 'k8s', definitions }, 'k8s');

// What the API server checks beyond the schema for every object: DNS-1123 names, label value sizes.
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
function metadataErrors(object) {
  const errors = [];
  const name = object.metadata?.name;
  if (typeof name !== 'string' || !NAME.test(name) || name.length > 253) errors.push(`metadata.name ${JSON.stringify(name)} is not a DNS-1123 name`);
  for (const [key, value] of Object.entries(object.metadata?.labels ?? {})) {
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
      errors.push(`label ${key}=${JSON.stringify(value)} is not a valid label value`);
  }
  return errors;
}

let objects = 0;
let failures = 0;
for (const file of files) {
  const documents = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
  for (const document of documents) {
    if (document.errors.length > 0) {
      failures += 1;
      process.stderr.write(`${file}: YAML error: ${document.errors[0].message}\n`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    objects += 1;
    const source = /# Source: (\S+)/.exec(String(document.commentBefore ?? ''))?.[1] ?? file;
    const label = `${source}: ${object.kind ?? '?'} ${object.metadata?.name ?? '?'}`;
    const ref = kinds.get(`${object.apiVersion}/${object.kind}`);
    if (ref === undefined) {
      failures += 1;
      process.stderr.write(`${label}: unknown kind ${object.apiVersion}/${object.kind}\n`);
      continue;
    }
    const validate = ajv.getSchema(ref);
    const errors = validate(object)
      ? []
      : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
    errors.push(...metadataErrors(object));
    if (errors.length > 0) {
      failures += 1;
      process.stderr.write(`${label}:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
    }
  }
}
process.stdout.write(`${objects} objects checked, ${failures} invalid\n`);
process.exit(failures === 0 && objects > 0 ? 0 : 1);
