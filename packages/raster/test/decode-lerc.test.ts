import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SampleType } from '../src/types.js';
import { decodeImage, firstDifference, gdal, gdalDecoded, gdalMissing, readStoredImages, syntheticSamples, withTempDir, writeEnvi } from './decode-fixtures.js';

const WIDTH = 40;
const HEIGHT = 35;
const tiles = ['-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16'];

interface Case {
  name: string;
  type: SampleType;
  bands: number;
  options: string[];
  samplesPerPixel: number;
  /** MAX_Z_ERROR 0: the decoded samples must also be the ones GDAL was given. */
  lossless: boolean;
}

const cases: Case[] = [
  {
    name: 'float32 plain LERC, with NaN pixels (masked in the blob)',
    type: 'float32',
    bands: 1,
    options: ['-co', 'COMPRESS=LERC'],
    samplesPerPixel: 1,
    lossless: true,
  },
  { name: 'uint16 LERC wrapped in deflate', type: 'uint16', bands: 1, options: ['-co', 'COMPRESS=LERC_DEFLATE'], samplesPerPixel: 1, lossless: true },
  {
    name: 'int16, 2 bands pixel-interleaved, LERC wrapped in ZSTD',
    type: 'int16',
    bands: 2,
    options: ['-co', 'COMPRESS=LERC_ZSTD'],
    samplesPerPixel: 2,
    lossless: true,
  },
  {
    name: 'uint8, 3 bands stored apart, plain LERC',
    type: 'uint8',
    bands: 3,
    options: ['-co', 'COMPRESS=LERC', '-co', 'INTERLEAVE=BAND'],
    samplesPerPixel: 1,
    lossless: true,
  },
  {
    name: 'float64, 2 bands pixel-interleaved, LERC wrapped in ZSTD, big-endian file',
    type: 'float64',
    bands: 2,
    options: ['-co', 'COMPRESS=LERC_ZSTD', '-co', 'ENDIANNESS=BIG'],
    samplesPerPixel: 2,
    lossless: true,
  },
  {
    name: 'float32 lossy LERC (MAX_Z_ERROR=0.5)',
    type: 'float32',
    bands: 1,
    options: ['-co', 'COMPRESS=LERC', '-co', 'MAX_Z_ERROR=0.5'],
    samplesPerPixel: 1,
    lossless: false,
  },
];

describe('decodeBlock decodes LERC blocks as GDAL does', { concurrency: 3 }, () => {
  for (const c of cases) {
    it(c.name, async (t) => {
      const missing = gdalMissing();
      if (missing !== undefined) return t.skip(missing);
      await withTempDir(async (dir) => {
        const samples = syntheticSamples(c.type, WIDTH, HEIGHT, c.bands);
        const source = await writeEnvi(dir, 'source', samples, c.type, WIDTH, HEIGHT, c.bands);
        const tiff = join(dir, 'raster.tif');
        gdal('gdal_translate', ['-of', 'GTiff', ...tiles, ...c.options, source, tiff]);
        const [image] = await readStoredImages(tiff);
        assert.ok(image !== undefined);
        assert.equal(image.blocks[0]?.layout.compression, 34887);
        assert.equal(image.blocks[0]?.layout.samplesPerPixel, c.samplesPerPixel);

        const decoded = await decodeImage(image, c.type);
        const reference = await gdalDecoded(dir, tiff, c.type);
        const at = firstDifference(decoded, reference);
        assert.equal(at, -1, `sample ${at} is ${decoded[at]}, GDAL decodes ${reference[at]}`);
        if (c.lossless) {
          const from = firstDifference(decoded, samples);
          assert.equal(from, -1, `sample ${from} is ${decoded[from]}, GDAL was given ${samples[from]}`);
        } else {
          assert.notEqual(firstDifference(decoded, samples), -1, 'the compression was lossy, so the test compares decoders, not inputs');
        }
      });
    });
  }
});
