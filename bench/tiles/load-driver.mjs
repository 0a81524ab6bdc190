#!/usr/bin/env node
// The load benchmark's client, run by bench/tiles/load against a running `pqe serve`: reads each COG's info,
// checks every picked tile once (which also warms the caches; tiles outside a raster's footprint are dropped),
// then sends the mixed tile list from N connections for D seconds with autocannon while it samples the server's
// resident memory (VmRSS) every 250 ms. Writes the figures as JSON and exits 1 when a 5xx, a failed or timed-out
// request happened, or the memory went over the bound: --max-rss-mb when given, else the server's RSS when it is
// ready (before any tile; node and the embedded database) plus the block cache's budget plus 300 MiB.
// usage: node bench/tiles/load-driver.mjs --base URL --pid PID --cogs FILE.json --deps DIR --out FILE.json
//          --block-cache-mb MB [--duration S] [--connections N] [--max-rss-mb MB] [--facts TEXT]...
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRandom } from '../lib/random.mjs';
import { pickTiles, tileUrls } from './load-urls.mjs';

const ROOT = '/api/data/v1';
const SEED = 20240612;
const SAMPLE_MS = 250;

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    pid: { type: 'string' },
    cogs: { type: 'string' },
    deps: { type: 'string' },
    out: { type: 'string' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    'max-rss-mb': { type: 'string' },
    'block-cache-mb': { type: 'string' },
    facts: { type: 'string', multiple: true, default: [] },
  },
});
for (const name of ['base', 'pid', 'cogs', 'deps', 'out', 'block-cache-mb']) {
  if (args[name] === undefined) {
    console.error(`load-driver: --${name} is required`);
    process.exit(2);
  }
}
const pid = Number(args.pid);
const duration = Number(args.duration);
const connections = Number(args.connections);
const blockCacheMb = Number(args['block-cache-mb']);
/** What the tiler may use beyond its block cache: the header cache (32 MiB), sharp, buffers of requests in flight. */
const HEADROOM_MB = 300;
const autocannon = createRequire(join(args.deps, 'package.json'))('autocannon');

/** The server's resident set in MiB, from /proc (undefined once it is gone). */
function rssMb() {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const samples = [];
let phase = 'ready';
const started = Date.now();
const sample = () => {
  const mb = rssMb();
  if (mb !== undefined) samples.push({ t: Date.now() - started, phase, mb: Math.round(mb * 10) / 10 });
};
sample();
const sampler = setInterval(sample, SAMPLE_MS);
const readyMb = samples[0]?.mb ?? 0;
const maxRssMb = args['max-rss-mb'] === undefined ? Math.round(readyMb + blockCacheMb + HEADROOM_MB) : Number(args['max-rss-mb']);
const boundRule = args['max-rss-mb'] === undefined ? `RSS when ready ${readyMb} + block cache ${blockCacheMb} + ${HEADROOM_MB} MiB` : '--max-rss-mb';

// ---- what to ask for ----
const cogs = JSON.parse(readFileSync(args.cogs, 'utf8')).cogs;
const random = createRandom(SEED);
for (const cog of cogs) {
  const response = await fetch(`${args.base}${ROOT}/cog/info?url=${encodeURIComponent(cog.path)}`);
  if (response.status !== 200) throw new Error(`info of ${cog.name}: ${response.status} ${await response.text()}`);
  cog.info = await response.json();
  cog.tiles = pickTiles(cog.info, random);
}

// ---- check each tile once (and warm the caches) ----
phase = 'probe';
const probe = { tiles: 0, kept: 0, outside: 0, statusCodes: {} };
await Promise.all(
  [0, 1].map(async (worker) => {
    for (const cog of cogs) {
      const kept = [];
      for (const [i, t] of cog.tiles.entries()) {
        if (i % 2 !== worker) continue;
        const response = await fetch(`${args.base}${ROOT}/cog/tiles/WebMercatorQuad/${t.z}/${t.x}/${t.y}.npy?url=${encodeURIComponent(cog.path)}`);
        await response.arrayBuffer();
        probe.tiles += 1;
        probe.statusCodes[response.status] = (probe.statusCodes[response.status] ?? 0) + 1;
        if (response.status === 200) kept.push(t);
        else if (response.status === 404) probe.outside += 1;
      }
      cog.kept = [...(cog.kept ?? []), ...kept];
    }
  }),
);
for (const cog of cogs) cog.tiles = cog.kept;
probe.kept = cogs.reduce((n, cog) => n + cog.tiles.length, 0);
const urls = tileUrls(cogs, ROOT, SEED);

// ---- the load ----
phase = 'load';
sample();
let next = 0;
const run = autocannon({
  url: args.base,
  connections,
  duration,
  timeout: 30,
  headers: { 'accept-encoding': 'gzip, deflate, br' },
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => {
        const url = urls[next++ % urls.length];
        return { ...request, path: url.path };
      },
    },
  ],
});
const result = await new Promise((resolve, reject) => {
  run.on('done', resolve);
  run.on('error', reject);
});

// ---- after ----
phase = 'after';
await new Promise((resolve) => setTimeout(resolve, 1000));
sample();
clearInterval(sampler);

const during = samples.filter((s) => s.phase === 'load');
const peak = Math.max(...samples.map((s) => s.mb));
const final = samples.at(-1)?.mb;
const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
const fiveXx = Object.entries(statusCodes).reduce((n, [code, count]) => (Number(code) >= 500 ? n + count : n), 0);
const perCog = Object.fromEntries(cogs.map((c) => [c.name, { dtype: c.info.dtype, bands: c.info.count, maxzoom: c.info.maxzoom, tiles: c.tiles.length }]));
const figures = {
  requests: result.requests.total,
  requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
  throughputMBps: Math.round((result.throughput.average / 1e6) * 100) / 100,
  statusCodes,
  fiveXx,
  errors: result.errors,
  timeouts: result.timeouts,
  rssMb: {
    ready: readyMb,
    beforeLoad: during[0]?.mb,
    peakDuringLoad: Math.max(...during.map((s) => s.mb)),
    peak,
    final,
    bound: maxRssMb,
    boundRule,
    growth: Math.round((peak - readyMb) * 10) / 10,
  },
};
const failures = [];
if (fiveXx > 0) failures.push(`${fiveXx} answers were 5xx`);
const probe5xx = Object.entries(probe.statusCodes).reduce((n, [code, count]) => (Number(code) >= 500 ? n + count : n), 0);
if (probe5xx > 0) failures.push(`${probe5xx} answers of the tile check were 5xx`);
if (result.errors > 0 || result.timeouts > 0) failures.push(`${result.errors} requests failed (${result.timeouts} timed out)`);
if (peak > maxRssMb) failures.push(`the server's RSS reached ${peak} MiB, over the bound of ${maxRssMb} MiB`);
if (samples.length === 0 || rssMb() === undefined) failures.push('the server is gone');

writeFileSync(
  args.out,
  JSON.stringify(
    {
      facts: args.facts,
      options: { connections, durationSeconds: duration, blockCacheMb, maxRssMb, seed: SEED },
      mix: { urls: urls.length, probe, cogs: perCog },
      figures,
      ok: failures.length === 0,
      failures,
      rssSamples: samples,
    },
    null,
    1,
  ),
);

const line = (label, value) => console.log(`${label.padEnd(26)} ${value}`);
for (const fact of args.facts) console.log(fact);
line('tile URLs in the mix', `${urls.length} (${probe.kept} tiles of ${cogs.length} COGs; ${probe.outside} picked tiles outside a footprint dropped)`);
line('connections x seconds', `${connections} x ${result.duration}`);
line('requests', `${figures.requests} (${figures.requestsPerSecond} req/s, ${figures.throughputMBps} MB/s)`);
line('latency p50 / p99 / max', `${figures.latencyMs.p50} / ${figures.latencyMs.p99} / ${figures.latencyMs.max} ms`);
line('status codes', JSON.stringify(statusCodes));
line('errors / timeouts', `${result.errors} / ${result.timeouts}`);
line('server RSS (MiB)', `ready ${readyMb}, before load ${figures.rssMb.beforeLoad}, peak ${peak}, final ${final}`);
line('RSS bound (MiB)', `${maxRssMb} (${boundRule})`);
console.log(failures.length === 0 ? 'OK: no 5xx, no failed request, memory within the bound' : `FAILED: ${failures.join('; ')}`);
process.exit(failures.length === 0 ? 0 : 1);
