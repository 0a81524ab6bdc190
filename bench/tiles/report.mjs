#!/usr/bin/env node
// Joins pqe's and rio-tiler's timings per kind of raster and tile size: median ms per tile, the ratio, and the
// share of pixels equal to rio-tiler's (min / median over the tiles). Writes the results JSON and prints a table.
// usage: node bench/tiles/report.mjs DIR PQE.json RIO.json OUT.json [context...]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, pqePath, rioPath, out, ...context] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const pqe = JSON.parse(readFileSync(pqePath, 'utf8'));
const rio = JSON.parse(readFileSync(rioPath, 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const rows = [];
for (const ds of manifest.datasets) {
  const native = ds.info.maxzoom;
  for (const size of [256, 512]) {
    for (const [where, test] of [
      ['below', (z) => z < native],
      ['at', (z) => z === native],
      ['above', (z) => z > native],
    ]) {
      const tiles = ds.tiles.filter((t) => t.size === size && test(t.z));
      if (tiles.length === 0) continue;
      const ours = tiles.map((t) => pqe[ds.name][t.name].ms);
      const theirs = tiles.map((t) => rio[ds.name][t.name]);
      const equal = tiles.map((t) => pqe[ds.name][t.name].equal);
      const row = {
        kind: ds.name,
        size,
        zoom: where,
        tiles: tiles.length,
        pqe_ms: median(ours),
        rio_tiler_ms: median(theirs),
        ratio: median(ours) / median(theirs),
        equal_min: Math.min(...equal),
        equal_median: median(equal),
      };
      rows.push(row);
    }
  }
}
const all = manifest.datasets.flatMap((ds) => ds.tiles.map((t) => ({ ours: pqe[ds.name][t.name].ms, theirs: rio[ds.name][t.name] })));
const summary = {
  tiles: all.length,
  pqe_ms_median: median(all.map((a) => a.ours)),
  rio_tiler_ms_median: median(all.map((a) => a.theirs)),
  ratio_of_medians: median(all.map((a) => a.ours)) / median(all.map((a) => a.theirs)),
  median_of_ratios: median(all.map((a) => a.ours / a.theirs)),
};
writeFileSync(out, JSON.stringify({ context, summary, rows }, null, 1));

const pad = (s, n) => String(s).padEnd(n);
const num = (v, d = 2) => v.toFixed(d).padStart(8);
console.log(
  `${pad('kind', 20)}${pad('px', 5)}${pad('zoom', 7)}${pad('n', 4)}${'pqe ms'.padStart(8)}${'rio ms'.padStart(8)}${'ratio'.padStart(8)}  equal min / median`,
);
for (const r of rows) {
  console.log(
    `${pad(r.kind, 20)}${pad(r.size, 5)}${pad(r.zoom, 7)}${pad(r.tiles, 4)}${num(r.pqe_ms)}${num(r.rio_tiler_ms)}${num(r.ratio)}  ${(100 * r.equal_min).toFixed(2)} % / ${(100 * r.equal_median).toFixed(2)} %`,
  );
}
console.log(
  `all ${summary.tiles} tiles: pqe ${summary.pqe_ms_median.toFixed(2)} ms, rio-tiler ${summary.rio_tiler_ms_median.toFixed(2)} ms (median), ratio of medians ${summary.ratio_of_medians.toFixed(2)}, median ratio ${summary.median_of_ratios.toFixed(2)}`,
);
for (const line of context) console.log(line);
