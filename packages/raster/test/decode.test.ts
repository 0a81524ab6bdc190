import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SampleType } from '../src/types.js';
import { decodeImage, firstDifference, gdal, gdalMissing, readStoredImages, syntheticSamples, withTempDir, writeEnvi } from './decode-fixtures.js';

// 40 x 35 pixels: with 16 x 16 blocks, the right and bottom tiles are partly outside the image and the last
// strip holds 3 rows.
const WIDTH = 40;
const HEIGHT = 35;
const tiles = ['-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16'];
const strips = ['-co', 'BLOCKYSIZE=16'];
const bigEndian = ['-co', 'ENDIANNESS=BIG'];
const bandInterleaved = ['-co', 'INTERLEAVE=BAND'];

interface Case {
  name: string;
  type: SampleType;
  bands: number;
  options: string[];
  /** What the file must turn out to hold, so that a case cannot pass on a layout GDAL chose instead. */
  expect: { compression: number; predictor: number; littleEndian: boolean; samplesPerPixel: number };
}

const le = true;
const be = false;
const cases: Case[] = [
  {
    name: 'uint8, 1 band, uncompressed tiles',
    type: 'uint8',
    bands: 1,
    options: [...tiles],
    expect: { compression: 1, predictor: 1, littleEndian: le, samplesPerPixel: 1 },
  },
  {
    name: 'uint8, 3 bands pixel-interleaved, deflate with the horizontal predictor',
    type: 'uint8',
    bands: 3,
    options: [...tiles, '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2'],
    expect: { compression: 8, predictor: 2, littleEndian: le, samplesPerPixel: 3 },
  },
  {
    name: 'uint8 strips, deflate, the last strip short',
    type: 'uint8',
    bands: 1,
    options: [...strips, '-co', 'COMPRESS=DEFLATE'],
    expect: { compression: 8, predictor: 1, littleEndian: le, samplesPerPixel: 1 },
  },
  {
    name: 'int8, PackBits tiles',
    type: 'int8',
    bands: 1,
    options: [...tiles, '-co', 'COMPRESS=PACKBITS', '-co', 'PIXELTYPE=SIGNEDBYTE'],
    expect: { compression: 32773, predictor: 1, littleEndian: le, samplesPerPixel: 1 },
  },
  {
    name: 'uint16, LZW with the horizontal predictor',
    type: 'uint16',
    bands: 1,
    options: [...tiles, '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2'],
    expect: { compression: 5, predictor: 2, littleEndian: le, samplesPerPixel: 1 },
  },
  {
    name: 'uint16, 4 bands pixel-interleaved, ZSTD with the horizontal predictor',
    type: 'uint16',
    bands: 4,
    options: [...tiles, '-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=2'],
    expect: { compression: 50000, predictor: 2, littleEndian: le, samplesPerPixel: 4 },
  },
  {
    name: 'uint16 big-endian, PackBits strips',
    type: 'uint16',
    bands: 1,
    options: [...strips, ...bigEndian, '-co', 'COMPRESS=PACKBITS'],
    expect: { compression: 32773, predictor: 1, littleEndian: be, samplesPerPixel: 1 },
  },
  {
    name: 'int16 big-endian, 2 bands band-interleaved, LZW with the horizontal predictor',
    type: 'int16',
    bands: 2,
    options: [...tiles, ...bigEndian, ...bandInterleaved, '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2'],
    expect: { compression: 5, predictor: 2, littleEndian: be, samplesPerPixel: 1 },
  },
  {
    name: 'int16 big-endian, uncompressed strips',
    type: 'int16',
    bands: 1,
    options: [...strips, ...bigEndian],
    expect: { compression: 1, predictor: 1, littleEndian: be, samplesPerPixel: 1 },
  },
  {
    name: 'uint32, LZW tiles',
    type: 'uint32',
    bands: 1,
    options: [...tiles, '-co', 'COMPRESS=LZW'],
    expect: { compression: 5, predictor: 1, littleEndian: le, samplesPerPixel: 1 },
  },
  {
    name: 'uint32 big-endian, 3 bands band-interleaved, ZSTD with the horizontal predictor',
    type: 'uint32',
    bands: 3,
    options: [...tiles, ...bigEndian, ...bandInterleaved, '-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=2'],
    expect: { compression: 50000, predictor: 2, littleEndian: be, samplesPerPixel: 1 },
  },
  {
    name: 'int32 big-endian, deflate with the horizontal predictor',
    type: 'int32',
    bands: 1,
    options: [...tiles, ...bigEndian, '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2'],
    expect: { compression: 8, predictor: 2, littleEndian: be, samplesPerPixel: 1 },
  },
  {
    name: 'float32, deflate with the floating point predictor',
    type: 'float32',
    bands: 1,
    options: [...tiles, '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3'],
    expect: { compression: 8, predictor: 3, littleEndian: le, samplesPerPixel: 1 },
  },
  {
    name: 'float32 big-endian, 2 bands pixel-interleaved, LZW strips with the floating point predictor',
    type: 'float32',
    bands: 2,
    options: [...strips, ...bigEndian, '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=3'],
    expect: { compression: 5, predictor: 3, littleEndian: be, samplesPerPixel: 2 },
  },
  {
    name: 'float32, LZW with the horizontal predictor (float bits differenced as 32-bit integers)',
    type: 'float32',
    bands: 1,
    options: [...tiles, '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2'],
    expect: { compression: 5, predictor: 2, littleEndian: le, samplesPerPixel: 1 },
  },
  {
    name: 'float32 big-endian, uncompressed tiles',
    type: 'float32',
    bands: 1,
    options: [...tiles, ...bigEndian],
    expect: { compression: 1, predictor: 1, littleEndian: be, samplesPerPixel: 1 },
  },
  {
    name: 'float64, 2 bands pixel-interleaved, deflate with the floating point predictor',
    type: 'float64',
    bands: 2,
    options: [...tiles, '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3'],
    expect: { compression: 8, predictor: 3, littleEndian: le, samplesPerPixel: 2 },
  },
  {
    name: 'float64 big-endian, ZSTD with the floating point predictor',
    type: 'float64',
    bands: 1,
    options: [...tiles, ...bigEndian, '-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=3'],
    expect: { compression: 50000, predictor: 3, littleEndian: be, samplesPerPixel: 1 },
  },
  {
    name: 'float64 big-endian, 2 bands, deflate with the horizontal predictor (64-bit integer differencing)',
    type: 'float64',
    bands: 2,
    options: [...tiles, ...bigEndian, '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2'],
    expect: { compression: 8, predictor: 2, littleEndian: be, samplesPerPixel: 2 },
  },
];

// Each case waits mostly on gdal_translate starting up, so a few run at once.
describe('decodeBlock gives back the samples GDAL was given, for each compression, predictor and layout', { concurrency: 4 }, () => {
  for (const c of cases) {
    it(c.name, async (t) => {
      const missing = gdalMissing();
      if (missing !== undefined) return t.skip(missing);
      await withTempDir(async (dir) => {
        const samples = syntheticSamples(c.type, WIDTH, HEIGHT, c.bands);
        const source = await writeEnvi(dir, 'source', samples, c.type, WIDTH, HEIGHT, c.bands);
        const tiff = join(dir, 'raster.tif');
        gdal('gdal_translate', ['-of', 'GTiff', ...c.options, source, tiff]);
        const [image] = await readStoredImages(tiff);
        assert.ok(image !== undefined);
        const layout = image.blocks[0]?.layout;
        assert.deepEqual(
          { compression: layout?.compression, predictor: layout?.predictor, littleEndian: layout?.littleEndian, samplesPerPixel: layout?.samplesPerPixel },
          c.expect,
        );
        const decoded = await decodeImage(image, c.type);
        const at = firstDifference(decoded, samples);
        assert.equal(at, -1, `sample ${at} is ${decoded[at]}, GDAL was given ${samples[at]}`);
      });
    });
  }
});

describe('decodeBlock reads 1-bit masks', () => {
  for (const [name, options] of [
    ['in tiles', tiles],
    ['in strips, the last one short', strips],
  ] as const) {
    it(`unpacks an internal mask ${name} to 0 / 255, as GDAL writes it from the data`, async (t) => {
      const missing = gdalMissing();
      if (missing !== undefined) return t.skip(missing);
      await withTempDir(async (dir) => {
        const samples = syntheticSamples('uint8', WIDTH, HEIGHT, 1);
        const source = await writeEnvi(dir, 'source', samples, 'uint8', WIDTH, HEIGHT, 1);
        const tiff = join(dir, 'masked.tif');
        // -mask 1: the mask is band 1 made binary (0 stays 0, anything else becomes 255)
        gdal('gdal_translate', ['--config', 'GDAL_TIFF_INTERNAL_MASK', 'YES', '-mask', '1', '-co', 'COMPRESS=DEFLATE', ...options, source, tiff]);
        const mask = (await readStoredImages(tiff)).find((image) => image.isMask);
        assert.ok(mask !== undefined, 'the file has an internal mask');
        assert.equal(mask.blocks[0]?.layout.bitsPerSample, 1);
        const decoded = await decodeImage(mask, 'uint8');
        const expected = samples.map((value) => (value === 0 ? 0 : 255));
        assert.ok(expected.includes(0) && expected.includes(255), 'the mask has both valid and masked pixels');
        const at = firstDifference(decoded, expected);
        assert.equal(at, -1, `mask pixel ${at} is ${decoded[at]}, expected ${expected[at]}`);
      });
    });
  }
});
