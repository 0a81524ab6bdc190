#!/usr/bin/env node
// Milliseconds per tile of pqe's render pipeline in-process, and agreement with rio-tiler's npy, over the set
// reference_render.py --bench made. Each raster is opened once; every tile is read once to warm the block cache,
// then REPEATS times, and its median kept. Mosaic tiles read the four rasters in order and keep the first valid
// pixel (rio-tiler's mosaic_reader with its default first method).
// usage: node bench/tiles/measure-pqe.mjs DIR REPEATS OUT.json [--profile-only]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@pqe/common';
import { BlockCache, getTileMatrixSet, openRaster } from '@pqe/raster';

const [dir, repeatsText, out] = process.argv.slice(2);
if (!dir || !repeatsText || !out) {
  console.error('usage: node bench/tiles/measure-pqe.mjs DIR REPEATS OUT.json');
  process.exit(2);
}
const repeats = Number(repeatsText);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const wmq = getTileMatrixSet('WebMercatorQuad');
const blocks = new BlockCache(256 * 1024 * 1024);
const open = (path) => openRaster(path, { caches: { blocks }, sourceOptions: { localRoots: [dir] } });

function readNpy(path) {
  const buf = readFileSync(path);
  const len = buf.readUInt16LE(8);
  const header = buf.subarray(10, 10 + len).toString('latin1');
  const descr = /'descr': '([<|])(\w\d)'/.exec(header)[2];
  const body = buf.subarray(10 + len);
  const copy = new Uint8Array(body).buffer;
  const types = { u1: Uint8Array, u2: Uint16Array, i2: Int16Array, f4: Float32Array, f8: Float64Array, u4: Uint32Array, i4: Int32Array, b1: Uint8Array };
  return new types[descr](copy);
}

/** First valid pixel wins, in the order of the readers; stops once every pixel is filled. */
async function mosaicTile(readers, t) {
  let image;
  let empty = 0;
  for (const reader of readers) {
    let part;
    try {
      part = await reader.tile(wmq, t.z, t.x, t.y, { tilesize: t.size });
    } catch (err) {
      if (err instanceof AppError && err.code === 'NotFound') continue;
      throw err;
    }
    if (!image) {
      image = part;
      empty = countEmpty(image.mask);
    } else {
      empty = fillEmpty(image, part);
    }
    if (empty === 0) break;
  }
  return image;
}

function countEmpty(mask) {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 255) n++;
  return n;
}

/** Takes `part`'s pixels where `image` is empty and `part` is not; returns how many are still empty. */
function fillEmpty(image, part) {
  const { mask, bands } = image;
  const from = part.bands;
  const fromMask = part.mask;
  const nb = bands.length;
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 255) continue;
    if (fromMask[i] === 0) {
      n++;
      continue;
    }
    mask[i] = 255;
    for (let b = 0; b < nb; b++) bands[b][i] = from[b][i];
  }
  return n;
}

function agreement(folder, t, image) {
  const data = readNpy(join(folder, `${t.name}.npy`));
  const mask = readNpy(join(folder, `${t.name}.mask.npy`));
  const n = image.width * image.height;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let ok = image.mask[i] === mask[i];
    for (let b = 0; b < image.bands.length && ok; b++) ok = image.bands[b][i] === data[b * n + i];
    if (ok) same++;
  }
  return same / n;
}

const results = {};
for (const ds of manifest.datasets) {
  const readers = ds.paths ? await Promise.all(ds.paths.map(open)) : [await open(ds.path)];
  const read = ds.paths ? (t) => mosaicTile(readers, t) : (t) => readers[0].tile(wmq, t.z, t.x, t.y, { tilesize: t.size });
  const entry = {};
  for (const t of ds.tiles) {
    const image = await read(t);
    const equal = agreement(join(dir, ds.name), t, image);
    const runs = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = process.hrtime.bigint();
      await read(t);
      runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    runs.sort((a, b) => a - b);
    entry[t.name] = { ms: runs[Math.floor(runs.length / 2)], equal };
  }
  results[ds.name] = entry;
}
writeFileSync(out, JSON.stringify(results, null, 1));
