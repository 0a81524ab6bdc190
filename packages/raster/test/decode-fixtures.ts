// Test fixtures for the block decoders: tiny rasters with known samples, written by us as ENVI, turned into GeoTIFFs
// by gdal_translate, and read back block by block through @cogeotiff/core.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tiff, TiffTag } from '@cogeotiff/core';
import { decodeBlock } from '../src/decode/decode-block.js';
import type { BlockLayout, SampleType, TypedArray } from '../src/types.js';

let gdalProbe: string | undefined | null = null;

/** Why GDAL tests cannot run here, or undefined when gdal_translate is installed (asked once per test file). */
export function gdalMissing(): string | undefined {
  if (gdalProbe === null) {
    const probe = spawnSync('gdal_translate', ['--version'], { encoding: 'utf8' });
    gdalProbe = probe.status === 0 ? undefined : 'gdal_translate not installed: the decoders are checked against rasters that GDAL writes';
  }
  return gdalProbe;
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pqe-decode-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function gdal(command: string, args: string[]): void {
  execFileSync(command, ['-q', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const enviTypes: Record<SampleType, number> = { uint8: 1, int8: 1, int16: 2, int32: 3, float32: 4, float64: 5, uint16: 12, uint32: 13 };

export function emptyArray(type: SampleType, length: number): TypedArray {
  switch (type) {
    case 'uint8':
      return new Uint8Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'uint16':
      return new Uint16Array(length);
    case 'int16':
      return new Int16Array(length);
    case 'uint32':
      return new Uint32Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
  }
}

/** A small deterministic pseudo-random stream (mulberry32), so that every run writes the same rasters. */
export function randomStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Pixel-interleaved samples of a DEM-like surface (smooth slopes plus noise, what predictors are made for) with the
 * type's extremes at a few pixels, a zero-valued corner (for masks), and for floats -0, NaN and tiny/huge values.
 */
export function syntheticSamples(type: SampleType, width: number, height: number, bands: number, seed = 1): TypedArray {
  const random = randomStream(seed);
  const out = emptyArray(type, width * height * bands);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let b = 0; b < bands; b++) {
        const i = (y * width + x) * bands + b;
        const smooth = x * 3 + y * 5 + b * 40 + Math.round(20 * Math.sin(x / 5) * Math.cos(y / 7));
        const noise = random();
        switch (type) {
          case 'uint8':
            out[i] = (smooth + Math.floor(noise * 8)) & 255;
            break;
          case 'int8':
            out[i] = ((smooth + Math.floor(noise * 8)) & 255) - 128;
            break;
          case 'uint16':
            out[i] = 1000 + smooth * 37 + Math.floor(noise * 50);
            break;
          case 'int16':
            out[i] = -3000 + smooth * 29 + Math.floor(noise * 50);
            break;
          case 'uint32':
            out[i] = 3_000_000_000 + smooth * 70001 + Math.floor(noise * 1000);
            break;
          case 'int32':
            out[i] = -1_000_000 + smooth * 7001 + Math.floor(noise * 1000);
            break;
          default:
            out[i] = 100.5 + x * 0.25 - y * 1.75 + b * 1000 + smooth / 64 + noise / 1000;
        }
      }
    }
  }
  const extremes: Record<SampleType, number[]> = {
    uint8: [255, 1],
    int8: [-128, 127],
    uint16: [65535, 1],
    int16: [-32768, 32767],
    uint32: [4294967295, 1],
    int32: [-2147483648, 2147483647],
    float32: [-0, 3.4e38, -1e-30, Number.NaN],
    float64: [-0, 1.7e308, -5e-324, Number.NaN],
  };
  const specials = extremes[type];
  for (let k = 0; k < specials.length; k++) out[(Math.min(5, height - 1) * width * bands + k * 7) % out.length] = specials[k] as number;
  // a zero block in the top-left corner: the masked-out area when the raster gets a mask
  for (let y = 0; y < Math.min(4, height); y++) for (let x = 0; x < Math.min(3, width); x++) out.fill(0, (y * width + x) * bands, (y * width + x + 1) * bands);
  return out;
}

/** Writes samples as an ENVI raster (raw little-endian bytes + header) that GDAL reads; returns the data file. */
export async function writeEnvi(
  dir: string,
  name: string,
  samples: TypedArray,
  type: SampleType,
  width: number,
  height: number,
  bands: number,
): Promise<string> {
  const data = join(dir, `${name}.bin`);
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  await writeFile(data, bytes);
  const header = [
    'ENVI',
    `samples = ${width}`,
    `lines = ${height}`,
    `bands = ${bands}`,
    'header offset = 0',
    'file type = ENVI Standard',
    `data type = ${enviTypes[type]}`,
    'interleave = bip',
    `byte order = ${littleEndian ? 0 : 1}`,
  ];
  await writeFile(join(dir, `${name}.hdr`), `${header.join('\n')}\n`);
  return data;
}

/** What GDAL itself decodes from a raster: `gdal_translate -of ENVI` to pixel-interleaved bytes in machine order. */
export async function gdalDecoded(dir: string, tiff: string, type: SampleType, name = 'gdal-decoded'): Promise<TypedArray> {
  const out = join(dir, `${name}.bin`);
  gdal('gdal_translate', ['-of', 'ENVI', '-co', 'INTERLEAVE=BIP', tiff, out]);
  const header = await readFile(join(dir, `${name}.hdr`), 'utf8');
  const bytes = new Uint8Array(await readFile(out));
  const bigEndian = /byte order\s*=\s*1/.test(header);
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  const sampleBytes = emptyArray(type, 1).BYTES_PER_ELEMENT;
  if (bigEndian === littleEndian) for (let i = 0; i < bytes.length; i += sampleBytes) bytes.subarray(i, i + sampleBytes).reverse();
  const out2 = emptyArray(type, bytes.length / sampleBytes);
  new Uint8Array(out2.buffer).set(bytes);
  return out2;
}

/** One stored block of an image, with the layout decodeBlock needs and where it goes in the image. */
export interface StoredBlock {
  bytes: Uint8Array;
  layout: BlockLayout;
  /** Top-left pixel of the block in the image, and the band it holds when bands are stored apart (else -1). */
  x: number;
  y: number;
  band: number;
}

export interface StoredImage {
  width: number;
  height: number;
  bands: number;
  isMask: boolean;
  blocks: StoredBlock[];
}

/** Reads every image (IFD) of a TIFF file and the raw bytes of all its blocks, exactly as stored. */
export async function readStoredImages(path: string): Promise<StoredImage[]> {
  const file = new Uint8Array(await readFile(path));
  const source = {
    url: new URL('memory://decode-test.tif'),
    metadata: { size: file.length },
    async fetch(offset: number, length?: number): Promise<ArrayBuffer> {
      const slice = file.slice(offset, length === undefined ? undefined : offset + length);
      return slice.buffer;
    },
  };
  const tiff = await Tiff.create(source);
  const images: StoredImage[] = [];
  for (const image of tiff.images) {
    const width = image.value(TiffTag.ImageWidth) ?? 0;
    const height = image.value(TiffTag.ImageHeight) ?? 0;
    const bands = image.value(TiffTag.SamplesPerPixel) ?? 1;
    const planar = image.value(TiffTag.PlanarConfiguration) ?? 1;
    const tiled = image.isTiled();
    const blockWidth = tiled ? image.tileSize.width : width;
    const blockHeight = tiled ? image.tileSize.height : Number(image.value(TiffTag.RowsPerStrip) ?? height);
    const offsets = await image.fetch(tiled ? TiffTag.TileOffsets : TiffTag.StripOffsets);
    const counts = await image.fetch(tiled ? TiffTag.TileByteCounts : TiffTag.StripByteCounts);
    const tables = image.value(TiffTag.JpegTables);
    const base = {
      compression: image.value(TiffTag.Compression) ?? 1,
      predictor: image.value(TiffTag.Predictor) ?? 1,
      samplesPerPixel: planar === 2 ? 1 : bands,
      bitsPerSample: image.value(TiffTag.BitsPerSample)?.[0] ?? 1,
      sampleFormat: image.value(TiffTag.SampleFormat)?.[0] ?? 1,
      littleEndian: tiff.isLittleEndian,
      photometric: image.value(TiffTag.Photometric) ?? 1,
      jpegTables: tables === null ? undefined : Uint8Array.from(tables),
    };
    const across = Math.ceil(width / blockWidth);
    const down = Math.ceil(height / blockHeight);
    const perPlane = across * down;
    const blocks: StoredBlock[] = [];
    for (let index = 0; index < (offsets?.length ?? 0); index++) {
      const offset = offsets?.[index] ?? 0;
      const count = counts?.[index] ?? 0;
      const inPlane = index % perPlane;
      const x = (inPlane % across) * blockWidth;
      const y = Math.floor(inPlane / across) * blockHeight;
      // a strip holds only the rows left in the image; a tile is always whole
      const rows = tiled ? blockHeight : Math.min(blockHeight, height - y);
      blocks.push({
        bytes: file.slice(offset, offset + count),
        layout: { ...base, width: blockWidth, height: rows },
        x,
        y,
        band: planar === 2 ? Math.floor(index / perPlane) : -1,
      });
    }
    const subfileType = image.value(TiffTag.SubFileType) ?? 0;
    images.push({ width, height, bands, isMask: (subfileType & 4) !== 0, blocks });
  }
  return images;
}

/** Decodes every block of an image with decodeBlock and puts the samples together, pixel-interleaved. */
export async function decodeImage(image: StoredImage, type: SampleType): Promise<TypedArray> {
  const out = emptyArray(type, image.width * image.height * image.bands);
  for (const block of image.blocks) {
    const decoded = await decodeBlock(block.bytes, block.layout);
    const { width: bw, height: bh, samplesPerPixel: spp } = decoded;
    for (let row = 0; row < bh && block.y + row < image.height; row++) {
      for (let col = 0; col < bw && block.x + col < image.width; col++) {
        const target = ((block.y + row) * image.width + block.x + col) * image.bands;
        const from = (row * bw + col) * spp;
        if (block.band >= 0) out[target + block.band] = decoded.data[from] as number;
        else for (let s = 0; s < spp; s++) out[target + s] = decoded.data[from + s] as number;
      }
    }
  }
  return out;
}

/** The index of the first sample that differs (NaN equals NaN, -0 differs from 0), or -1. */
export function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) return i;
  return -1;
}

/** The largest absolute difference between two equally long sample arrays. */
export function maxDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs((actual[i] as number) - (expected[i] as number)));
  return max;
}
