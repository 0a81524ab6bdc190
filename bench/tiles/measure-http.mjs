#!/usr/bin/env node
// The HTTP leg of the tile benchmark: the same tiles asked of `pqe serve` and of titiler over keep-alive HTTP, one
// request at a time, the two servers taking turns tile by tile so that both see the same moments of a shared
// machine. npy for every kind (the read and warp, no image encoder), PNG for the 8-bit kinds (what a map asks).
// Each URL is fetched once to warm up, then REPEATS times; the median is kept. Mosaics are left out: /cog reads one
// file. Prints a table per kind, format, size and zoom, and writes the JSON.
// usage: node bench/tiles/measure-http.mjs DIR REPEATS PQE_BASE TITILER_BASE OUT.json [context...]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [dir, repeatsText, pqeBase, titilerBase, out, ...context] = process.argv.slice(2);
if (!dir || !repeatsText || !pqeBase || !titilerBase || !out) {
  console.error('usage: node bench/tiles/measure-http.mjs DIR REPEATS PQE_BASE TITILER_BASE OUT.json [context...]');
  process.exit(2);
}
const repeats = Number(repeatsText);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const servers = {
  pqe: (path) => `${pqeBase}/api/data/v1/cog/tiles/WebMercatorQuad/${path}`,
  titiler: (path) => `${titilerBase}/cog/tiles/WebMercatorQuad/${path}`,
};

/** One request, its body read to the end; the status and type are checked so that an error page is never timed. */
async function timed(url, format) {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  const ms = performance.now() - started;
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || !type.includes(format === 'png' ? 'image/png' : 'application/x-binary')) {
    throw new Error(`${url}: ${res.status} ${type} ${Buffer.from(body).subarray(0, 200).toString()}`);
  }
  return ms;
}

const rows = [];
const perTile = {};
for (const ds of manifest.datasets) {
  if (!ds.path) continue;
  const native = ds.info.maxzoom;
  const formats = ds.info.dtype === 'uint8' ? ['npy', 'png'] : ['npy'];
  for (const format of formats) {
    const times = [];
    for (const t of ds.tiles) {
      // titiler 0.18 sizes tiles by the @{scale}x suffix only (256 px times the scale).
      const path = `${t.z}/${t.x}/${t.y}@${t.size / 256}x.${format}?url=${encodeURIComponent(ds.path)}`;
      const samples = { pqe: [], titiler: [] };
      for (const name of ['pqe', 'titiler']) await timed(servers[name](path), format);
      for (let i = 0; i < repeats; i++) {
        for (const name of i % 2 ? ['titiler', 'pqe'] : ['pqe', 'titiler']) samples[name].push(await timed(servers[name](path), format));
      }
      times.push({ tile: t, pqe: median(samples.pqe), titiler: median(samples.titiler) });
      perTile[`${ds.name} ${t.name} ${format}`] = { pqe_ms: median(samples.pqe), titiler_ms: median(samples.titiler) };
    }
    for (const size of [256, 512]) {
      for (const [zoom, test] of [
        ['below', (z) => z < native],
        ['at', (z) => z === native],
        ['above', (z) => z > native],
      ]) {
        const these = times.filter((x) => x.tile.size === size && test(x.tile.z));
        if (these.length === 0) continue;
        const pqe = median(these.map((x) => x.pqe));
        const titiler = median(these.map((x) => x.titiler));
        rows.push({ kind: ds.name, format, size, zoom, tiles: these.length, pqe_ms: pqe, titiler_ms: titiler, ratio: pqe / titiler });
      }
    }
  }
}
const all = Object.values(perTile);
const summary = {
  requests: all.length,
  pqe_ms_median: median(all.map((a) => a.pqe_ms)),
  titiler_ms_median: median(all.map((a) => a.titiler_ms)),
  median_of_ratios: median(all.map((a) => a.pqe_ms / a.titiler_ms)),
};
writeFileSync(out, JSON.stringify({ context, summary, rows, tiles: perTile }, null, 1));

const pad = (s, n) => String(s).padEnd(n);
const num = (v) => v.toFixed(2).padStart(9);
console.log(
  `${pad('kind', 20)}${pad('fmt', 5)}${pad('px', 5)}${pad('zoom', 7)}${pad('n', 4)}${'pqe ms'.padStart(9)}${'titiler'.padStart(9)}${'ratio'.padStart(9)}`,
);
for (const r of rows) {
  console.log(`${pad(r.kind, 20)}${pad(r.format, 5)}${pad(r.size, 5)}${pad(r.zoom, 7)}${pad(r.tiles, 4)}${num(r.pqe_ms)}${num(r.titiler_ms)}${num(r.ratio)}`);
}
console.log(
  `all ${summary.requests} tile requests: pqe ${summary.pqe_ms_median.toFixed(2)} ms, titiler ${summary.titiler_ms_median.toFixed(2)} ms (median), median ratio ${summary.median_of_ratios.toFixed(2)}`,
);
for (const line of context) console.log(line);
