import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '@pqe/common';
import type { SampleType, TypedArray } from '../src/types.js';
import { writeGeoTiff } from '../src/writer/geotiff-writer.js';
import { newSampleArray } from '../src/writer/sample-arrays.js';
import { type GdalInfo, gdalInfo, gdalMissing, readRaw, type TempDir, tempDir, writeBytes } from './writer-gdal-tools.js';

let missing: string | undefined;
let dir: TempDir;
before(async () => {
  missing = await gdalMissing();
  dir = await tempDir('pqe-writer-');
});
after(() => dir.remove());

function bytesOf(data: TypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Values that exercise each type: its extremes, zero, and a ramp that crosses tile edges. */
const specials: Record<SampleType, number[]> = {
  uint8: [0, 255, 1, 128],
  int8: [-128, 127, 0, -1],
  uint16: [0, 65535, 1, 40000],
  int16: [-32768, 32767, 0, -1],
  uint32: [0, 4294967295, 1, 3000000000],
  int32: [-2147483648, 2147483647, 0, -1],
  float32: [Number.NaN, Number.NEGATIVE_INFINITY, -3.4028234663852886e38, 1.5e-42],
  float64: [Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 5e-324],
};

function sampleData(type: SampleType, width: number, height: number, bands: number): TypedArray {
  const data = newSampleArray(type, width * height * bands);
  const special = specials[type];
  for (let i = 0; i < data.length; i++) {
    data[i] = i % 17 === 0 ? (special[(i / 17) % special.length] ?? 0) : type.startsWith('float') ? (i * 7.25) / 3 - 300 : (i * 37) % 251;
  }
  return data;
}

const gt = [500000, 10, 0, 4600000, 0, -10] as const;
const utm31 = { epsg: 32631, geographic: false };

describe('writeGeoTiff', () => {
  // GDAL's tools take a moment to start: every sample type is written and read back at once, then checked.
  const [width, height, bands] = [41, 35, 2];
  const types = Object.keys(specials) as SampleType[];
  const readBack = new Map<SampleType, Promise<{ data: TypedArray; raw: Uint8Array; info: GdalInfo }>>();
  before(() => {
    if (missing) return;
    for (const type of types) {
      const job = (async () => {
        const data = sampleData(type, width, height, bands);
        const path = dir.file(`${type}.tif`);
        await writeBytes(
          path,
          await writeGeoTiff({ width, height, bands, sampleType: type, data, geotransform: gt, crs: utm31, tileSize: 16, overviews: true }),
        );
        const [raw, info] = await Promise.all([readRaw(dir, path), gdalInfo(path)]);
        return { data, raw, info };
      })();
      job.catch(() => undefined); // reported by the test that awaits it
      readBack.set(type, job);
    }
  });
  for (const type of types) {
    it(`writes ${type} samples that GDAL reads back exactly, across partial tiles and overviews`, async (t) => {
      if (missing) return t.skip(missing);
      const result = await readBack.get(type);
      assert.ok(result);
      const { data, raw, info } = result;
      assert.deepEqual(raw, bytesOf(data));
      assert.deepEqual(info.size, [width, height]);
      assert.equal(info.metadata.IMAGE_STRUCTURE?.LAYOUT, 'COG');
      assert.equal(info.metadata.IMAGE_STRUCTURE?.PREDICTOR, type.startsWith('float') ? '3' : '2');
      assert.deepEqual(
        info.bands[0]?.overviews?.map((o) => o.size),
        [
          [21, 18],
          [11, 9],
        ],
      );
    });
  }

  it('writes uncompressed tiles when asked', async (t) => {
    if (missing) return t.skip(missing);
    const data = sampleData('int16', 20, 20, 3);
    const path = dir.file('none.tif');
    await writeBytes(path, await writeGeoTiff({ width: 20, height: 20, bands: 3, sampleType: 'int16', data, compression: 'none', tileSize: 16 }));
    assert.deepEqual(await readRaw(dir, path), bytesOf(data));
    const info = await gdalInfo(path);
    assert.equal(info.metadata.IMAGE_STRUCTURE?.COMPRESSION, undefined);
    assert.equal(info.metadata.IMAGE_STRUCTURE?.LAYOUT, 'COG');
  });

  it('georeferences with the EPSG code, the geotransform and PixelIsArea', async (t) => {
    if (missing) return t.skip(missing);
    const path = dir.file('geo.tif');
    const geographic = dir.file('geographic.tif');
    const data = new Float32Array(30 * 20);
    const rotated = [10, 0.01, 0.002, 50, 0.001, -0.01] as const;
    await writeBytes(path, await writeGeoTiff({ width: 30, height: 20, bands: 1, sampleType: 'float32', data, geotransform: gt, crs: utm31 }));
    const crs = { epsg: 4326, geographic: true, citation: 'WGS 84' };
    await writeBytes(geographic, await writeGeoTiff({ width: 30, height: 20, bands: 1, sampleType: 'float32', data, geotransform: rotated, crs }));
    const [info, info2] = await Promise.all([gdalInfo(path), gdalInfo(geographic)]);
    assert.deepEqual(info.geoTransform, [...gt]);
    assert.match(info.coordinateSystem?.wkt ?? '', /ID\["EPSG",32631\]\]$/);
    assert.equal(info.metadata['']?.AREA_OR_POINT, 'Area');

    assert.deepEqual(info2.geoTransform, [...rotated]);
    assert.match(info2.coordinateSystem?.wkt ?? '', /^GEOGCRS\["WGS 84"[\s\S]*ID\["EPSG",4326\]\]$/);
  });

  it('writes nodata, band descriptions, scale and offset where GDAL finds them', async (t) => {
    if (missing) return t.skip(missing);
    const cases = [
      { type: 'int16' as const, nodata: -9999, expected: -9999 },
      { type: 'float32' as const, nodata: Number.NaN, expected: 'NaN' },
      { type: 'uint8' as const, nodata: 0, expected: 0 },
    ];
    await Promise.all(
      cases.map(async ({ type, nodata, expected }) => {
        const path = dir.file(`nodata-${type}.tif`);
        await writeBytes(
          path,
          await writeGeoTiff({
            width: 20,
            height: 10,
            bands: 2,
            sampleType: type,
            data: newSampleArray(type, 400),
            nodata,
            bandDescriptions: ['red & <near>', 'nir'],
            scale: [0.0001, 2],
            offset: [-0.1, 0],
          }),
        );
        const info = await gdalInfo(path);
        assert.equal(info.bands[0]?.noDataValue, expected);
        assert.equal(info.bands[1]?.noDataValue, expected);
        assert.deepEqual(
          info.bands.map((b) => [b.description, b.scale, b.offset]),
          [
            ['red & <near>', 0.0001, -0.1],
            ['nir', 2, 0],
          ],
        );
      }),
    );
  });

  it('writes an internal mask that GDAL reads per dataset, with mask overviews', async (t) => {
    if (missing) return t.skip(missing);
    const [width, height] = [37, 33];
    const data = sampleData('uint8', width, height, 3);
    const mask = new Uint8Array(width * height);
    // A disc of valid pixels: edges cross tile boundaries and bytes of the 1-bit packing.
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) mask[y * width + x] = (x - 18) ** 2 + (y - 16) ** 2 < 200 ? 255 : 0;
    const path = dir.file('mask.tif');
    await writeBytes(path, await writeGeoTiff({ width, height, bands: 3, sampleType: 'uint8', data, mask, tileSize: 16, overviews: true }));
    const [info, maskRead, dataRead, overviewMaskRead] = await Promise.all([
      gdalInfo(path),
      readRaw(dir, path, ['-b', 'mask']),
      readRaw(dir, path),
      readRaw(dir, path, ['-b', 'mask', '-ovr', '0']),
    ]);
    assert.deepEqual(info.bands[0]?.mask?.flags, ['PER_DATASET']);
    assert.equal(info.bands[0]?.mask?.overviews?.length, 2);
    assert.equal(info.metadata.IMAGE_STRUCTURE?.LAYOUT, 'COG');
    assert.deepEqual(maskRead, mask);
    assert.deepEqual(dataRead, bytesOf(data));
    // Overview mask: valid where any of the 2x2 source pixels is valid (hand rule of our averaging).
    const ow = Math.ceil(width / 2);
    const oh = Math.ceil(height / 2);
    const expected = new Uint8Array(ow * oh);
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const any = [0, 1].some((j) => [0, 1].some((i) => (mask[Math.min(2 * y + j, height - 1) * width + Math.min(2 * x + i, width - 1)] ?? 0) > 0));
        expected[y * ow + x] = any ? 255 : 0;
      }
    }
    assert.deepEqual(overviewMaskRead, expected);
  });

  it('averages overviews from valid samples only, rounding integers half up', async (t) => {
    if (missing) return t.skip(missing);
    // v(x, y) = 4x + 400y on a 33x18 grid: a 2x2 block at (2i, 2j) averages to 8i + 2 + 800j + 200 exactly; the
    // last column (x = 32 alone) averages 128 + 800j + 200, the last row is whole (18 rows). Nodata 0 at (0,0)
    // leaves the block average of the other three: (4 + 400 + 404) / 3 = 269.33 -> 269.
    const [width, height] = [33, 18];
    const data = new Uint16Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = 4 * x + 400 * y;
    const path = dir.file('average.tif');
    await writeBytes(path, await writeGeoTiff({ width, height, bands: 1, sampleType: 'uint16', data, nodata: 0, tileSize: 16, overviews: true }));
    const raw = await readRaw(dir, path, ['-ovr', '0']);
    const overview = new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
    const ow = 17;
    assert.equal(overview.length, ow * 9);
    assert.equal(overview[0], 269);
    assert.equal(overview[1], 8 + 2 + 200);
    assert.equal(overview[ow + 3], 24 + 2 + 800 + 200);
    assert.equal(overview[ow - 1], 128 + 200);
    assert.equal(overview[8 * ow + 16], 128 + 6400 + 200);
  });

  it('writes a palette and keeps categories with nearest overviews', async (t) => {
    if (missing) return t.skip(missing);
    const [width, height] = [40, 20];
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = i % width < 20 ? 1 : 3;
    const colormap: [number, number, number][] = [
      [0, 0, 0],
      [10, 200, 30],
      [0, 0, 255],
      [250, 128, 7],
    ];
    const path = dir.file('palette.tif');
    await writeBytes(path, await writeGeoTiff({ width, height, bands: 1, sampleType: 'uint8', data, colormap, tileSize: 16, overviews: true }));
    const info = await gdalInfo(path);
    const band = info.bands[0];
    assert.equal(band?.colorInterpretation, 'Palette');
    assert.equal(band?.colorTable?.count, 256);
    assert.deepEqual(band?.colorTable?.entries.slice(0, 4), [
      [0, 0, 0, 255],
      [10, 200, 30, 255],
      [0, 0, 255, 255],
      [250, 128, 7, 255],
    ]);
    const ovr = await readRaw(dir, path, ['-ovr', '0']);
    assert.deepEqual(new Set(ovr), new Set([1, 3]));
  });

  it('marks the last band as alpha when asked', async (t) => {
    if (missing) return t.skip(missing);
    const path = dir.file('alpha.tif');
    await writeBytes(path, await writeGeoTiff({ width: 8, height: 8, bands: 4, sampleType: 'uint8', data: new Uint8Array(256), alpha: true, tileSize: 16 }));
    const info = await gdalInfo(path);
    assert.deepEqual(
      info.bands.map((b) => b.colorInterpretation),
      ['Red', 'Green', 'Blue', 'Alpha'],
    );
  });

  const badInputs: [string, Parameters<typeof writeGeoTiff>[0], RegExp][] = [
    ['a data array of the wrong length', { width: 4, height: 4, bands: 1, sampleType: 'uint8', data: new Uint8Array(15) }, /need 16/],
    ['a data array of another type', { width: 4, height: 4, bands: 1, sampleType: 'uint16', data: new Uint8Array(16) }, /uint16/],
    ['a nodata the type cannot hold', { width: 4, height: 4, bands: 1, sampleType: 'uint8', data: new Uint8Array(16), nodata: -1 }, /cannot be held/],
    [
      'a tile size that is not a multiple of 16',
      { width: 4, height: 4, bands: 1, sampleType: 'uint8', data: new Uint8Array(16), tileSize: 100 },
      /multiple of 16/,
    ],
    ['a colormap on two bands', { width: 4, height: 4, bands: 2, sampleType: 'uint8', data: new Uint8Array(32), colormap: [[1, 2, 3]] }, /single band/],
    ['a mask of the wrong size', { width: 4, height: 4, bands: 1, sampleType: 'uint8', data: new Uint8Array(16), mask: new Uint8Array(3) }, /mask/],
    [
      'an EPSG code out of range',
      { width: 4, height: 4, bands: 1, sampleType: 'uint8', data: new Uint8Array(16), crs: { epsg: 900913, geographic: false } },
      /EPSG/,
    ],
    [
      'a degenerate geotransform',
      { width: 4, height: 4, bands: 1, sampleType: 'uint8', data: new Uint8Array(16), geotransform: [0, 0, 0, 0, 0, 0] },
      /degenerate/,
    ],
  ];
  for (const [name, options, message] of badInputs) {
    it(`refuses ${name} with a clear message`, async () => {
      await assert.rejects(writeGeoTiff(options), (e: unknown) => isAppError(e) && e.code === 'InvalidParameter' && message.test(e.message));
    });
  }
});
