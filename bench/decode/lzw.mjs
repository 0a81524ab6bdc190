#!/usr/bin/env node
// How fast pqe decodes LZW blocks, next to deflate for scale: a 1024 x 1024 uint16 DEM-like raster (smooth terrain
// plus noise), written by gdal_translate as 256 x 256 tiles with LZW and deflate, with and without the horizontal
// predictor; every tile is decoded with decodeBlock, one at a time, for several rounds.
//
// usage: node bench/decode/lzw.mjs [--rounds N] [--size PIXELS] [--tile PIXELS]
// It builds packages/raster when needed and keeps its rasters in bench/.work/decode.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    size: { type: 'string', default: '1024' },
    tile: { type: 'string', default: '256' },
  },
});
const rounds = Number(values.rounds);
const size = Number(values.size);
const tile = Number(values.tile);

const root = new URL('../..', import.meta.url).pathname;
const work = join(root, 'bench/.work/decode');
mkdirSync(work, { recursive: true });

execFileSync('npx', ['tsc', '-b', 'packages/raster'], { cwd: root, stdio: 'inherit' });
const { decodeBlock } = await import(join(root, 'packages/raster/dist/src/decode/decode-block.js'));
const { decodeLzw } = await import(join(root, 'packages/raster/dist/src/decode/lzw.js'));
const { Tiff, TiffTag } = await import('@cogeotiff/core');

/** A deterministic DEM: a few octaves of sines (metres, 0..4000) plus +-2 m of noise, as uint16. */
function dem() {
  const out = new Uint16Array(size * size);
  let state = 12345;
  const noise = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let h = 2000;
      for (let octave = 1; octave <= 5; octave++) {
        const f = (octave * octave) / size;
        h += (900 / octave) * Math.sin(x * f * 6.1 + octave) * Math.cos(y * f * 4.7 - octave);
      }
      out[y * size + x] = Math.max(0, Math.round(h + (noise() - 0.5) * 4));
    }
  }
  return out;
}

const source = join(work, `dem-${size}.bin`);
if (!existsSync(source)) {
  writeFileSync(source, dem());
  writeFileSync(
    join(work, `dem-${size}.hdr`),
    `ENVI\nsamples = ${size}\nlines = ${size}\nbands = 1\nheader offset = 0\ndata type = 12\ninterleave = bsq\nbyte order = 0\n`,
  );
}

const variants = [
  { name: 'LZW, predictor 2', options: ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2'] },
  { name: 'LZW, no predictor', options: ['-co', 'COMPRESS=LZW'] },
  { name: 'deflate, predictor 2', options: ['-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2'] },
  { name: 'deflate, no predictor', options: ['-co', 'COMPRESS=DEFLATE'] },
];

async function blocksOf(path) {
  const file = new Uint8Array(readFileSync(path));
  const tiff = await Tiff.create({
    url: new URL(`file://${path}`),
    async fetch(offset, length) {
      return file.slice(offset, length === undefined ? undefined : offset + length).buffer;
    },
  });
  const image = tiff.images[0];
  const offsets = await image.fetch(TiffTag.TileOffsets);
  const counts = await image.fetch(TiffTag.TileByteCounts);
  const layout = {
    compression: image.value(TiffTag.Compression),
    predictor: image.value(TiffTag.Predictor) ?? 1,
    width: image.tileSize.width,
    height: image.tileSize.height,
    samplesPerPixel: 1,
    bitsPerSample: 16,
    sampleFormat: 1,
    littleEndian: tiff.isLittleEndian,
    photometric: 1,
  };
  const blocks = Array.from(offsets, (offset, i) => file.subarray(offset, offset + counts[i]));
  return { layout, blocks, bytes: blocks.reduce((sum, b) => sum + b.length, 0) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
let reference;
for (const variant of variants) {
  const tiffPath = join(work, `dem-${size}-${variant.name.replace(/\W+/g, '-')}.tif`);
  if (!existsSync(tiffPath)) {
    execFileSync('gdal_translate', ['-q', '-co', 'TILED=YES', '-co', `BLOCKXSIZE=${tile}`, '-co', `BLOCKYSIZE=${tile}`, ...variant.options, source, tiffPath]);
  }
  const { layout, blocks, bytes } = await blocksOf(tiffPath);
  const pixels = blocks.length * layout.width * layout.height;
  // same samples from every variant
  const first = await decodeBlock(blocks[0], layout);
  reference ??= first.data;
  if (first.data.some((v, i) => v !== reference[i])) throw new Error(`${variant.name} decodes other samples than ${variants[0].name}`);

  const times = [];
  for (let round = 0; round < rounds + 1; round++) {
    const start = process.hrtime.bigint();
    for (const block of blocks) await decodeBlock(block, layout);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (round > 0) times.push(ms); // the first round warms up the JIT
  }
  const row = { variant: variant.name, tiles: blocks.length, ratio: (pixels * 2) / bytes, best: Math.min(...times), median: median(times) };
  if (layout.compression === 5) {
    // the LZW codec alone, without predictor and typed-array work
    const lzwTimes = [];
    for (let round = 0; round < rounds; round++) {
      const start = process.hrtime.bigint();
      for (const block of blocks) decodeLzw(block, layout.width * layout.height * 2);
      lzwTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    row.codecOnly = Math.min(...lzwTimes);
  }
  row.mpix = pixels / 1e6 / (row.best / 1000);
  row.mpixMedian = pixels / 1e6 / (row.median / 1000);
  rows.push(row);
}

console.log(`\n${size} x ${size} uint16 DEM, ${tile} x ${tile} tiles, decodeBlock one tile at a time, best and median of ${rounds} rounds\n`);
console.log('variant                  ratio   best ms  MPix/s (best)  MPix/s (median)  LZW codec alone');
for (const r of rows) {
  const codec = r.codecOnly === undefined ? '' : `${((size * size) / 1e6 / (r.codecOnly / 1000)).toFixed(1)} MPix/s`;
  console.log(
    `${r.variant.padEnd(24)} ${r.ratio.toFixed(2).padStart(5)}  ${r.best.toFixed(1).padStart(8)}  ${r.mpix.toFixed(1).padStart(13)}  ${r.mpixMedian.toFixed(1).padStart(15)}  ${codec}`,
  );
}
writeFileSync(join(work, 'lzw.json'), `${JSON.stringify({ size, tile, rounds, rows }, null, 2)}\n`);
