#!/usr/bin/env node
// Agreement of pqe's warper with rio-tiler, tile by tile, over a reference set made by reference_tiles.py.
// usage: node bench/tiles/compare.mjs DIR [--tolerance N] [--verbose]
import { compareTile, loadManifest } from '../../packages/raster/dist/test/helpers/reference.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/tiles/compare.mjs DIR [--tolerance N] [--verbose]');
  process.exit(2);
}
const tolIdx = process.argv.indexOf('--tolerance');
const tolerance = tolIdx > 0 ? Number(process.argv[tolIdx + 1]) : 0;
const verbose = process.argv.includes('--verbose');
const manifest = loadManifest(dir);
const byGroup = new Map();
for (const ds of manifest.datasets) {
  for (const tile of ds.tiles) {
    if (tile.error) continue;
    const r = await compareTile(dir, ds, tile, tile.method === 'nearest' ? 0 : tolerance);
    const key = `${ds.name} ${tile.method}`;
    const g = byGroup.get(key) ?? { tiles: 0, exact: 0, ge99: 0, worstValues: 1, worstMask: 1, sumValues: 0, errors: 0 };
    g.tiles++;
    if (r.error) g.errors++;
    if (r.valuesEqual === 1 && r.maskEqual === 1) g.exact++;
    if (r.valuesEqual >= 0.99 && r.maskEqual >= 0.99) g.ge99++;
    g.worstValues = Math.min(g.worstValues, r.valuesEqual);
    g.worstMask = Math.min(g.worstMask, r.maskEqual);
    g.sumValues += r.valuesEqual;
    byGroup.set(key, g);
    if (verbose || r.error || r.valuesEqual < 1 || r.maskEqual < 1) {
      console.log(
        `${ds.name.padEnd(20)} ${tile.name.padEnd(34)} values ${(100 * r.valuesEqual).toFixed(2).padStart(6)}%  mask ${(100 * r.maskEqual).toFixed(2).padStart(6)}%  maxdiff ${r.maxDiff}${r.error ? `  ERROR ${r.error}` : ''}`,
      );
    }
  }
}
console.log('\ndataset              method     tiles  exact  >=99%  mean values  worst values  worst mask  errors');
for (const [key, g] of byGroup) {
  const [name, method] = key.split(' ');
  console.log(
    `${name.padEnd(20)} ${method.padEnd(9)} ${String(g.tiles).padStart(6)} ${String(g.exact).padStart(6)} ${String(g.ge99).padStart(6)} ${(100 * (g.sumValues / g.tiles)).toFixed(3).padStart(11)}% ${(100 * g.worstValues).toFixed(2).padStart(12)}% ${(100 * g.worstMask).toFixed(2).padStart(10)}% ${String(g.errors).padStart(7)}`,
  );
}
