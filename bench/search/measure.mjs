#!/usr/bin/env node
// Times the search benchmark's queries (queries.mjs) against several STAC APIs, one request at a time over a
// keep-alive connection, and checks that they all answer alike. For each request index the servers take turns
// (the first server first on even indexes, last on odd ones), so that drift on the machine touches them alike.
// A request is timed from just before it is sent to the last byte of the body; parsing the JSON is not timed.
//
// usage: measure.mjs --server NAME=BASE_URL ... --collections FILE --sample FILE --requests K --warmup W
//                    [--encoding identity|gzip|br] --out FILE
//   BASE_URL: the STAC root of the server (http://127.0.0.1:8080/api/stac/v1); the first server is the reference
//   the others are compared with.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { searchQueries } from './queries.mjs';

const { values } = parseArgs({
  options: {
    server: { type: 'string', multiple: true },
    collections: { type: 'string' },
    sample: { type: 'string' },
    requests: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    encoding: { type: 'string', default: 'identity' },
    out: { type: 'string' },
  },
});
const servers = (values.server ?? []).map((spec) => {
  const at = spec.indexOf('=');
  if (at < 1) throw new Error(`--server takes NAME=BASE_URL, got ${spec}`);
  return { name: spec.slice(0, at), base: spec.slice(at + 1).replace(/\/+$/, '') };
});
const requests = Number(values.requests);
const warmup = Number(values.warmup);
if (servers.length === 0 || values.collections === undefined || values.sample === undefined || values.out === undefined) {
  throw new Error('usage: measure.mjs --server NAME=BASE_URL ... --collections FILE --sample FILE --requests K --warmup W --out FILE');
}
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(warmup) || warmup < 0) throw new Error('--requests must be >= 1 and --warmup >= 0');
if (!['identity', 'gzip', 'br'].includes(values.encoding)) throw new Error(`--encoding must be identity, gzip or br, got ${values.encoding}`);

const collectionIds = readFileSync(values.collections, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line).id);
const sample = JSON.parse(readFileSync(values.sample, 'utf8'));
const queries = searchQueries({ collections: collectionIds, sample, count: warmup + requests });
const headers = { accept: 'application/geo+json, application/json', 'accept-encoding': values.encoding };

/** One HTTP exchange: milliseconds to the last byte, the parsed body, and its size on the wire. */
async function exchange(url, method, body) {
  const init = method === 'POST' ? { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) } : { method, headers };
  const start = performance.now();
  const response = await fetch(url, init);
  const bytes = await response.arrayBuffer();
  const ms = performance.now() - start;
  const text = new TextDecoder().decode(bytes);
  if (response.status !== 200) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  const encoding = response.headers.get('content-encoding') ?? 'identity';
  if (encoding !== values.encoding && !(values.encoding === 'identity' && encoding === '')) {
    throw new Error(`${method} ${url} answered with content-encoding ${encoding}, asked for ${values.encoding}`);
  }
  return { ms, json: JSON.parse(text), bytes: Number(response.headers.get('content-length') ?? bytes.byteLength) };
}

/** The link to the next page as a request, or undefined on the last page. POST links may ask to merge bodies. */
function nextRequest(json, previous) {
  const link = (json.links ?? []).find((l) => l.rel === 'next');
  if (link === undefined) return undefined;
  const method = (link.method ?? 'GET').toUpperCase();
  if (method === 'GET') return { method, url: link.href };
  return { method, url: link.href, body: link.merge === true ? { ...previous.body, ...link.body } : link.body };
}

/** Runs one request of a query (all its pages): total ms, bytes, and what is compared between servers. */
async function run(server, query, request) {
  let current = { method: request.method, url: `${server.base}${request.path}`, body: request.body };
  const pages = query.pages ?? 1;
  let ms = 0;
  let bytes = 0;
  const ids = [];
  let numberMatched;
  for (let page = 0; page < pages && current !== undefined; page++) {
    const result = await exchange(current.url, current.method, current.body);
    ms += result.ms;
    bytes += result.bytes;
    const { json } = result;
    if (query.expect === 'item') ids.push(json.id);
    else if (query.expect === 'collections') ids.push(...json.collections.map((c) => c.id).sort());
    else {
      if (json.numberReturned !== undefined && json.numberReturned !== json.features.length) {
        throw new Error(`${server.name}: numberReturned ${json.numberReturned} but ${json.features.length} features for ${current.url}`);
      }
      ids.push(...json.features.map((f) => `${f.collection}/${f.id}`));
      if (page === 0) numberMatched = json.numberMatched;
    }
    current = nextRequest(json, current);
  }
  return { ms, bytes, ids, numberMatched };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

const out = { requests, warmup, encoding: values.encoding, servers: servers.map((s) => s.name), queries: [] };
const reference = servers[0];
for (const query of queries) {
  const times = Object.fromEntries(servers.map((s) => [s.name, []]));
  const sizes = Object.fromEntries(servers.map((s) => [s.name, []]));
  const returned = Object.fromEntries(servers.map((s) => [s.name, []]));
  const matched = Object.fromEntries(servers.map((s) => [s.name, []]));
  const mismatches = [];
  for (const [index, request] of query.requests.entries()) {
    const order = index % 2 === 0 ? servers : [...servers].reverse();
    const results = {};
    for (const server of order) results[server.name] = await run(server, query, request);
    if (query.expect === 'item' && results[reference.name].ids[0] !== request.id) {
      throw new Error(`${reference.name} answered item ${results[reference.name].ids[0]} for ${request.path}`);
    }
    for (const server of servers) {
      const r = results[server.name];
      if (index >= warmup) {
        times[server.name].push(r.ms);
        sizes[server.name].push(r.bytes);
      }
      returned[server.name].push(r.ids.length);
      if (r.numberMatched !== undefined) matched[server.name].push(r.numberMatched);
      if (server === reference) continue;
      const want = results[reference.name].ids;
      if (r.ids.length !== want.length || r.ids.some((id, k) => id !== want[k])) {
        const first = r.ids.findIndex((id, k) => id !== want[k]);
        mismatches.push({
          index,
          server: server.name,
          request: { method: request.method, path: request.path, ...(request.body === undefined ? {} : { body: request.body }) },
          counts: { [reference.name]: want.length, [server.name]: r.ids.length },
          sameSet: r.ids.length === want.length && [...r.ids].sort().join() === [...want].sort().join(),
          firstDifference: first < 0 ? want.length : first,
          [reference.name]: want.slice(0, 12),
          [server.name]: r.ids.slice(0, 12),
        });
      }
    }
  }
  const stats = Object.fromEntries(
    servers.map((s) => [
      s.name,
      {
        median_ms: median(times[s.name]),
        p95_ms: percentile(times[s.name], 95),
        min_ms: Math.min(...times[s.name]),
        max_ms: Math.max(...times[s.name]),
        mean_ms: times[s.name].reduce((a, b) => a + b, 0) / times[s.name].length,
        median_bytes: median(sizes[s.name]),
        mean_returned: returned[s.name].reduce((a, b) => a + b, 0) / returned[s.name].length,
        number_matched_given: matched[s.name].length,
        ms: times[s.name].map((t) => Math.round(t * 1000) / 1000),
      },
    ]),
  );
  out.queries.push({ key: query.key, title: query.title, pages: query.pages ?? 1, stats, mismatches });
  const line = servers.map((s) => `${s.name} ${stats[s.name].median_ms.toFixed(2)} ms`).join(', ');
  process.stderr.write(`${query.key}: ${line}${mismatches.length > 0 ? `; ${mismatches.length} MISMATCHES` : ''}\n`);
}
writeFileSync(values.out, `${JSON.stringify(out, null, 2)}\n`);
