#!/usr/bin/env node
// How fast pqe's own baseline JPEG decoder (libjpeg 9's pixels) is next to sharp (libjpeg-turbo) on one 512 x 512
// TIFF JPEG block: a textured RGB image (sines plus noise in every band, so chroma matters) written by gdal_translate
// as one 512 x 512 tile, YCbCr 4:2:0, RGB and greyscale, at two qualities. Each block is decoded many times in a row.
//
// usage: node bench/decode/jpeg.mjs [--rounds N]
// It builds packages/raster when needed and keeps its rasters in bench/.work/decode.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' } } });
const rounds = Number(values.rounds);
const size = 512;

const root = new URL('../..', import.meta.url).pathname;
const work = join(root, 'bench/.work/decode');
mkdirSync(work, { recursive: true });

execFileSync('npx', ['tsc', '-b', 'packages/raster'], { cwd: root, stdio: 'inherit' });
const { decodeJpegBaseline } = await import(join(root, 'packages/raster/dist/src/decode/jpeg-baseline.js'));
const { completeJpegStream } = await import(join(root, 'packages/raster/dist/src/decode/jpeg-stream.js'));
const { decodeWithSharp } = await import(join(root, 'packages/raster/dist/src/decode/sharp-decode.js'));
const { Tiff, TiffTag } = await import('@cogeotiff/core');

/** Three bands of sines at different frequencies plus uniform noise, pixel-interleaved. */
function texture() {
  const out = new Uint8Array(size * size * 3);
  let state = 12345;
  const noise = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      out[i] = Math.max(0, Math.min(255, 128 + 90 * Math.sin(x / 7) * Math.cos(y / 5) + (noise() - 0.5) * 60));
      out[i + 1] = Math.max(0, Math.min(255, 128 + 90 * Math.sin(x / 3 + y / 11) + (noise() - 0.5) * 60));
      out[i + 2] = Math.max(0, Math.min(255, ((x * 5 + y * 3) % 256) + (noise() - 0.5) * 80));
    }
  }
  return out;
}

const source = join(work, `texture-${size}.bin`);
if (!existsSync(source)) {
  writeFileSync(source, texture());
  writeFileSync(
    join(work, `texture-${size}.hdr`),
    `ENVI\nsamples = ${size}\nlines = ${size}\nbands = 3\nheader offset = 0\ndata type = 1\ninterleave = bip\nbyte order = 0\n`,
  );
}

const variants = [];
for (const quality of [75, 95]) {
  variants.push({ name: `YCbCr 4:2:0, q${quality}`, bands: 3, options: ['-co', 'PHOTOMETRIC=YCBCR', '-co', `JPEG_QUALITY=${quality}`] });
  variants.push({ name: `RGB, q${quality}`, bands: 3, options: ['-co', 'PHOTOMETRIC=RGB', '-co', `JPEG_QUALITY=${quality}`] });
  variants.push({ name: `grey, q${quality}`, bands: 1, options: ['-b', '1', '-co', `JPEG_QUALITY=${quality}`] });
}

async function firstBlock(path) {
  const file = new Uint8Array(readFileSync(path));
  const tiff = await Tiff.create({
    url: new URL(`file://${path}`),
    async fetch(offset, length) {
      return file.slice(offset, length === undefined ? undefined : offset + length).buffer;
    },
  });
  const image = tiff.images[0];
  const [offset] = await image.fetch(TiffTag.TileOffsets);
  const [count] = await image.fetch(TiffTag.TileByteCounts);
  const tables = image.value(TiffTag.JpegTables);
  return {
    block: file.subarray(offset, offset + count),
    tables: tables === null ? undefined : Uint8Array.from(tables),
    photometric: image.value(TiffTag.Photometric),
  };
}

async function time(run) {
  for (let i = 0; i < 3; i++) await run(); // warm up
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[Math.floor(times.length / 2)] };
}

const rows = [];
for (const v of variants) {
  const path = join(work, `texture-${size}-${v.name.replace(/\W+/g, '-')}.tif`);
  if (!existsSync(path)) {
    execFileSync('gdal_translate', [
      '-q',
      ...v.options,
      '-co',
      'COMPRESS=JPEG',
      '-co',
      'TILED=YES',
      '-co',
      `BLOCKXSIZE=${size}`,
      '-co',
      `BLOCKYSIZE=${size}`,
      source,
      path,
    ]);
  }
  const { block, tables, photometric } = await firstBlock(path);
  const stream = completeJpegStream(block, tables, photometric, v.bands);
  if (decodeJpegBaseline(stream, size, size, v.bands, photometric) === undefined) throw new Error(`${v.name}: not a stream our decoder reads`);
  const ours = await time(() => decodeJpegBaseline(stream, size, size, v.bands, photometric));
  const turbo = await time(() => decodeWithSharp(stream, size, size, v.bands, 7, 'JPEG'));
  rows.push({ variant: v.name, bytes: block.length, ours, sharp: turbo });
}

console.log(`\none ${size} x ${size} JPEG block, decoded ${rounds} times one after another: best and median ms per decode\n`);
console.log('variant               bytes   ours best  ours median  sharp best  sharp median');
for (const r of rows) {
  console.log(
    `${r.variant.padEnd(20)} ${String(r.bytes).padStart(6)}  ${r.ours.best.toFixed(2).padStart(9)}  ${r.ours.median.toFixed(2).padStart(11)}  ${r.sharp.best.toFixed(2).padStart(10)}  ${r.sharp.median.toFixed(2).padStart(12)}`,
  );
}
writeFileSync(join(work, 'jpeg.json'), `${JSON.stringify({ size, rounds, rows }, null, 2)}\n`);
