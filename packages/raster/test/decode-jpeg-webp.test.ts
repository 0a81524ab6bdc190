import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeBlock } from '../src/decode/decode-block.js';
import {
  decodeImage,
  firstDifference,
  gdal,
  gdalDecoded,
  gdalMissing,
  maxDifference,
  readStoredImages,
  syntheticSamples,
  withTempDir,
  writeEnvi,
} from './decode-fixtures.js';

const WIDTH = 40;
const HEIGHT = 35;
const tiles = ['-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16'];
const strips = ['-co', 'BLOCKYSIZE=16'];
/** Measured: libjpeg 9 and libjpeg-turbo decode these YCbCr rasters (sharp edges where the samples wrap past 255) up to 73 levels apart. */
const TURBO_TOLERANCE = 73;

interface Case {
  name: string;
  bands: number;
  options: string[];
  expect: { compression: number; photometric: number; samplesPerPixel: number };
  /** Lossless: the decoded samples must also be the ones GDAL was given. */
  lossless?: boolean;
  /**
   * YCbCr JPEG: we decode as libjpeg 9 does (the rasterio wheels' library; decode-jpeg-libjpeg9.test.ts checks that
   * sample for sample), while the system GDAL uses libjpeg-turbo, whose chroma upsampling and colour rounding differ.
   * The largest difference allowed from GDAL here, as measured on these rasters.
   */
  turboTolerance?: number;
}

const cases: Case[] = [
  {
    name: 'JPEG YCbCr tiles come out near the RGB GDAL (libjpeg-turbo) gives',
    bands: 3,
    options: [...tiles, '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=YCBCR'],
    expect: { compression: 7, photometric: 6, samplesPerPixel: 3 },
    turboTolerance: TURBO_TOLERANCE,
  },
  {
    name: 'JPEG YCbCr strips, the last one short, come out near the RGB GDAL gives',
    bands: 3,
    options: [...strips, '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=YCBCR'],
    expect: { compression: 7, photometric: 6, samplesPerPixel: 3 },
    turboTolerance: TURBO_TOLERANCE,
  },
  {
    name: 'JPEG RGB tiles (no colour transform) are what GDAL gives',
    bands: 3,
    options: [...tiles, '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=RGB'],
    expect: { compression: 7, photometric: 2, samplesPerPixel: 3 },
  },
  {
    name: 'JPEG RGB bands stored apart are what GDAL gives',
    bands: 3,
    options: [...tiles, '-co', 'COMPRESS=JPEG', '-co', 'INTERLEAVE=BAND'],
    expect: { compression: 7, photometric: 2, samplesPerPixel: 1 },
  },
  {
    name: 'JPEG greyscale tiles are what GDAL gives',
    bands: 1,
    options: [...tiles, '-co', 'COMPRESS=JPEG'],
    expect: { compression: 7, photometric: 1, samplesPerPixel: 1 },
  },
  {
    name: 'JPEG YCbCr tiles without a JPEGTables tag (complete streams) are near what GDAL gives',
    bands: 3,
    options: [...tiles, '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=YCBCR', '-co', 'JPEGTABLESMODE=0'],
    expect: { compression: 7, photometric: 6, samplesPerPixel: 3 },
    turboTolerance: TURBO_TOLERANCE,
  },
  {
    name: 'WebP RGB tiles, lossy, are what GDAL gives',
    bands: 3,
    options: [...tiles, '-co', 'COMPRESS=WEBP'],
    expect: { compression: 50001, photometric: 2, samplesPerPixel: 3 },
  },
  {
    name: 'WebP RGBA tiles, lossy, are what GDAL gives',
    bands: 4,
    options: [...tiles, '-co', 'COMPRESS=WEBP'],
    expect: { compression: 50001, photometric: 2, samplesPerPixel: 4 },
  },
  {
    name: 'WebP RGB tiles, lossless, are the samples GDAL was given',
    bands: 3,
    options: [...tiles, '-co', 'COMPRESS=WEBP', '-co', 'WEBP_LOSSLESS=YES'],
    expect: { compression: 50001, photometric: 2, samplesPerPixel: 3 },
    lossless: true,
  },
  {
    name: 'WebP RGBA tiles, lossless, are the samples GDAL was given',
    bands: 4,
    options: [...tiles, '-co', 'COMPRESS=WEBP', '-co', 'WEBP_LOSSLESS=YES'],
    expect: { compression: 50001, photometric: 2, samplesPerPixel: 4 },
    lossless: true,
  },
];

describe('decodeBlock decodes JPEG and WebP blocks as GDAL does', { concurrency: 4 }, () => {
  for (const c of cases) {
    it(c.name, async (t) => {
      const missing = gdalMissing();
      if (missing !== undefined) return t.skip(missing);
      await withTempDir(async (dir) => {
        const samples = syntheticSamples('uint8', WIDTH, HEIGHT, c.bands);
        const source = await writeEnvi(dir, 'source', samples, 'uint8', WIDTH, HEIGHT, c.bands);
        const tiff = join(dir, 'raster.tif');
        gdal('gdal_translate', ['-of', 'GTiff', ...c.options, source, tiff]);
        const [image] = await readStoredImages(tiff);
        assert.ok(image !== undefined);
        const layout = image.blocks[0]?.layout;
        assert.deepEqual({ compression: layout?.compression, photometric: layout?.photometric, samplesPerPixel: layout?.samplesPerPixel }, c.expect);

        const decoded = await decodeImage(image, 'uint8');
        const reference = await gdalDecoded(dir, tiff, 'uint8');
        if (c.turboTolerance !== undefined) {
          const difference = maxDifference(decoded, reference);
          assert.ok(difference <= c.turboTolerance, `samples differ from GDAL's by up to ${difference}, more than ${c.turboTolerance}`);
        } else {
          // identical, lossy or not: both sides use libjpeg-turbo / libwebp
          const at = firstDifference(decoded, reference);
          assert.equal(at, -1, `sample ${at} is ${decoded[at]}, GDAL decodes ${reference[at]}`);
        }
        if (c.lossless === true) {
          // libwebp's lossless mode does not keep the colour of fully transparent pixels; only their alpha counts.
          const expected = samples.slice();
          if (c.bands === 4) for (let i = 0; i < expected.length; i += 4) if (expected[i + 3] === 0) expected.set(decoded.subarray(i, i + 3), i);
          assert.equal(firstDifference(decoded, expected), -1);
        } else assert.ok(maxDifference(decoded, samples) > 0, 'the compression was lossy, so the test compares decoders, not inputs');
      });
    });
  }
});

/**
 * Renumbers the components of a baseline JPEG stream 0, 1, 2 in its frame header and scan header, as some TIFF
 * writers number them; libjpeg would then guess YCbCr for an RGB stream.
 */
function renumberComponents(stream: Uint8Array): Uint8Array {
  const out = stream.slice();
  let p = 2;
  while (p + 4 <= out.length && out[p] === 0xff) {
    const marker = out[p + 1] as number;
    const length = ((out[p + 2] as number) << 8) | (out[p + 3] as number);
    if (marker === 0xc0) for (let c = 0; c < (out[p + 9] as number); c++) out[p + 10 + 3 * c] = c;
    if (marker === 0xda) {
      for (let c = 0; c < (out[p + 4] as number); c++) out[p + 5 + 2 * c] = c;
      return out;
    }
    p += 2 + length;
  }
  throw new Error('no scan header found');
}

describe('decodeBlock states the colour transform of RGB JPEG blocks', () => {
  it('keeps RGB blocks whose components are numbered 0, 1, 2 (not R, G, B) as GDAL reads them, without a YCbCr conversion', async (t) => {
    const missing = gdalMissing();
    if (missing !== undefined) return t.skip(missing);
    await withTempDir(async (dir) => {
      const samples = syntheticSamples('uint8', 16, 16, 3);
      const source = await writeEnvi(dir, 'source', samples, 'uint8', 16, 16, 3);
      const tiff = join(dir, 'rgb.tif');
      gdal('gdal_translate', ['-of', 'GTiff', ...tiles, '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=RGB', source, tiff]);
      const [image] = await readStoredImages(tiff);
      const block = image?.blocks[0];
      assert.ok(block !== undefined);
      // libtiff numbers them R, G, B (82, 71, 66) today
      const reference = await gdalDecoded(dir, tiff, 'uint8');
      const decoded = await decodeBlock(renumberComponents(block.bytes), block.layout);
      const at = firstDifference(decoded.data, reference);
      assert.equal(at, -1, `sample ${at} is ${decoded.data[at]}, GDAL decodes ${reference[at]}`);
    });
  });
});
