// JPEG blocks decode to the samples of IJG libjpeg 9, the library inside the rasterio wheels that titiler users run:
// GDAL-made JPEG TIFFs are read by rasterio (the reference venv at the repository root) and by decodeBlock, and every
// sample must be equal. Runs only where the venv and GDAL exist.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeImage, gdal, gdalMissing, randomStream, readStoredImages, writeEnvi } from './decode-fixtures.js';

const root = new URL('../../../../', import.meta.url).pathname;
const python = join(root, '.venv', 'bin', 'python');
const venvMissing = existsSync(python) ? undefined : 'no reference venv (.venv with rasterio 1.3.10 and its libjpeg 9): the comparison has no oracle';

// odd sizes, so that the last MCUs of tiles and strips are partly outside the image and chroma rows are odd
const WIDTH = 203;
const HEIGHT = 151;

/** Three bands of sines plus strong noise in each (pixel-interleaved), so that chroma varies from pixel to pixel. */
function texture(bands: number): Uint8Array {
  const random = randomStream(7);
  const out = new Uint8Array(WIDTH * HEIGHT * bands);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const waves = [Math.sin(x / 7) * Math.cos(y / 5), Math.sin(x / 3 + y / 11), Math.cos((x - y) / 4)];
      for (let b = 0; b < bands; b++) {
        const value = 128 + 100 * (waves[b] as number) + (random() - 0.5) * 70;
        out[(y * WIDTH + x) * bands + b] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  // saturated corners: colour conversion and range limiting at both ends
  for (let i = 0; i < 8 * bands; i++) out[i] = 255;
  out.fill(0, out.length - 8 * bands);
  return out;
}

const tiles = (size: number) => ['-co', 'TILED=YES', '-co', `BLOCKXSIZE=${size}`, '-co', `BLOCKYSIZE=${size}`];
const ycbcr = ['-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=YCBCR'];

const cases: { name: string; bands: number; options: string[] }[] = [
  { name: 'YCbCr 4:2:0 16 px tiles, quality 10', bands: 3, options: [...tiles(16), ...ycbcr, '-co', 'JPEG_QUALITY=10'] },
  { name: 'YCbCr 4:2:0 32 px tiles, quality 75', bands: 3, options: [...tiles(32), ...ycbcr] },
  { name: 'YCbCr 4:2:0 256 px tiles, quality 95', bands: 3, options: [...tiles(256), ...ycbcr, '-co', 'JPEG_QUALITY=95'] },
  { name: 'YCbCr 4:2:0 256 px tiles, quality 100', bands: 3, options: [...tiles(256), ...ycbcr, '-co', 'JPEG_QUALITY=100'] },
  { name: 'YCbCr 4:2:0 strips of 16 rows, the last one 7, quality 30', bands: 3, options: ['-co', 'BLOCKYSIZE=16', ...ycbcr, '-co', 'JPEG_QUALITY=30'] },
  { name: 'YCbCr 4:2:0 tiles with complete streams (no JPEGTables)', bands: 3, options: [...tiles(32), ...ycbcr, '-co', 'JPEGTABLESMODE=0'] },
  {
    name: 'RGB (no colour transform) tiles, quality 50',
    bands: 3,
    options: [...tiles(32), '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=RGB', '-co', 'JPEG_QUALITY=50'],
  },
  { name: 'RGB bands stored apart', bands: 3, options: [...tiles(32), '-co', 'COMPRESS=JPEG', '-co', 'INTERLEAVE=BAND'] },
  { name: 'greyscale strips, quality 20', bands: 1, options: ['-co', 'BLOCKYSIZE=24', '-co', 'COMPRESS=JPEG', '-co', 'JPEG_QUALITY=20'] },
];

describe('decodeBlock gives the samples rasterio (libjpeg 9) reads from JPEG TIFFs', () => {
  const skip = venvMissing ?? gdalMissing();
  let dir = '';
  let rasterioFailed: string | undefined;

  before(async () => {
    if (skip !== undefined) return;
    dir = mkdtempSync(join(tmpdir(), 'pqe-jpeg9-'));
    const sources = new Map<number, string>();
    for (const bands of [1, 3]) sources.set(bands, await writeEnvi(dir, `texture-${bands}`, texture(bands), 'uint8', WIDTH, HEIGHT, bands));
    const paths = cases.map((c, i) => {
      const path = join(dir, `case-${i}.tif`);
      gdal('gdal_translate', ['-of', 'GTiff', ...c.options, sources.get(c.bands) as string, path]);
      return path;
    });
    // one interpreter for all files: each read is rasterio's full-resolution read(), written out pixel-interleaved
    const script = [
      'import sys, warnings, numpy, rasterio',
      "warnings.filterwarnings('ignore')",
      'for path in sys.argv[1:]:',
      '    with rasterio.open(path) as ds: samples = ds.read()',
      "    numpy.ascontiguousarray(samples.transpose(1, 2, 0)).tofile(path + '.rasterio')",
    ].join('\n');
    const run = spawnSync(python, ['-c', script, ...paths], { encoding: 'utf8' });
    if (run.status !== 0) rasterioFailed = run.stderr;
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  cases.forEach((c, i) => {
    it(`${c.name}: every sample equal`, async (t) => {
      if (skip !== undefined) return t.skip(skip);
      assert.equal(rasterioFailed, undefined, `rasterio could not read the fixtures: ${rasterioFailed}`);
      const path = join(dir, `case-${i}.tif`);
      const reference = new Uint8Array(readFileSync(`${path}.rasterio`));
      const [image] = await readStoredImages(path);
      assert.ok(image !== undefined);
      assert.equal(image.blocks[0]?.layout.compression, 7);
      const decoded = await decodeImage(image, 'uint8');
      assert.equal(decoded.length, reference.length);
      let differing = 0;
      let first = -1;
      for (let s = 0; s < reference.length; s++) {
        if (decoded[s] !== reference[s]) {
          differing++;
          if (first < 0) first = s;
        }
      }
      assert.equal(
        differing,
        0,
        `${differing} of ${reference.length} samples differ; the first, ${first}, is ${decoded[first]}, rasterio reads ${reference[first]}`,
      );
    });
  });
});
