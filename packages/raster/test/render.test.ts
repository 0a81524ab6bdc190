// The render pipeline's own behaviour, on small rasters written by our GeoTIFF writer into a temp dir: cancellation
// stops the reads, the decoded-block cache keeps to its budget, hostile files and bad requests give 4xx AppErrors,
// feature masks, post-processing and GeoTIFF output (checked with gdalinfo when GDAL is installed).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { BlockCache } from '../src/cache/block-cache.js';
import { openCog } from '../src/cog/cog.js';
import { transformer } from '../src/crs/transformer.js';
import { warpNearest } from '../src/render/nearest-warp.js';
import { applyColormap, rescale } from '../src/render/post-process.js';
import { openRaster, RasterReader } from '../src/render/raster-reader.js';
import { encodeImage } from '../src/render/render-output.js';
import { histogram, quantile } from '../src/render/statistics.js';
import { openSource } from '../src/source/open-source.js';
import { getTileMatrixSet } from '../src/tms/tile-matrix-sets.js';
import type { Source } from '../src/types.js';
import { warpToTile } from '../src/warp/warp-to-tile.js';
import { writeGeoTiff } from '../src/writer/geotiff-writer.js';

const wmq = getTileMatrixSet('WebMercatorQuad');
const gdalMissing = spawnSync('gdalinfo', ['--version']).status === 0 ? false : 'gdalinfo not installed: the GeoTIFF output is checked with it';

/** A 256 x 256 uint16 raster in UTM 31N, 10 m pixels, 16 px tiles: value = row * 256 + col, so each pixel says where it is. */
async function gradient(path: string, tileSize = 16): Promise<void> {
  const data = new Uint16Array(256 * 256);
  for (let i = 0; i < data.length; i++) data[i] = i;
  const bytes = await writeGeoTiff({
    width: 256,
    height: 256,
    bands: 1,
    sampleType: 'uint16',
    data,
    geotransform: [500000, 10, 0, 4800000, 0, -10],
    crs: { epsg: 32631, geographic: false },
    tileSize,
  });
  writeFileSync(path, bytes);
}

/** A Source that counts its reads and waits a little in each, so that a test can abort in between. */
function countingSource(inner: Source, onRead?: () => void): Source & { reads: number } {
  const counted = {
    reads: 0,
    url: inner.url,
    size: () => inner.size(),
    version: () => inner.version(),
    async read(offset: number, length: number, signal?: AbortSignal) {
      counted.reads++;
      onRead?.();
      await new Promise((resolve) => setTimeout(resolve, 2));
      return inner.read(offset, length, signal);
    },
  };
  return counted;
}

describe('the render pipeline', () => {
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pqe-render-'));
    await gradient(join(dir, 'gradient.tif'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const open = async (name: string, blocks = new BlockCache(64 << 20)) =>
    openRaster(join(dir, name), { caches: { blocks }, sourceOptions: { localRoots: [dir] } });
  // Tile 12/2048/1497 of WebMercatorQuad lies inside the raster (lon 0-0.09, lat ~43.3).
  const inside = async (reader: RasterReader) => {
    const info = reader.info(wmq);
    const [w, s, e, n] = info.bounds;
    const t = wmq.tileAtLonLat((w + e) / 2, (s + n) / 2, info.maxzoom);
    return t;
  };

  it('reads a tile inside the raster from its pixels: along a row, values (row * 256 + col) never decrease eastwards', async () => {
    const reader = await open('gradient.tif');
    const t = await inside(reader);
    const image = await reader.tile(wmq, t.z, t.x, t.y);
    assert.equal(image.sampleType, 'uint16');
    const band = image.bands[0] as Uint16Array;
    const mid = 128 * image.width;
    let previous = -1;
    let valid = 0;
    for (let i = 0; i < image.width; i++) {
      if (!image.mask[mid + i]) continue;
      valid++;
      assert.ok((band[mid + i] as number) >= previous, `column ${i}`);
      previous = band[mid + i] as number;
    }
    assert.ok(valid > 0);
  });

  it('reads nearest tiles bit for bit as warpToTile does, with NaN nodata and overviews, below, at and above native zoom', async () => {
    // float32, NaN nodata on a diagonal band, 512 x 512 at 5 m with overviews.
    const data = new Float32Array(512 * 512);
    for (let i = 0; i < data.length; i++) data[i] = Math.abs(((i % 512) - Math.floor(i / 512)) % 97) < 5 ? Number.NaN : i * 0.25;
    const bytes = await writeGeoTiff({
      width: 512,
      height: 512,
      bands: 1,
      sampleType: 'float32',
      data,
      nodata: Number.NaN,
      geotransform: [500000, 5, 0, 4800000, 0, -5],
      crs: { epsg: 32631, geographic: false },
      tileSize: 128,
      overviews: true,
    });
    writeFileSync(join(dir, 'nan.tif'), bytes);
    for (const name of ['gradient.tif', 'nan.tif']) {
      const reader = await open(name);
      const info = reader.info(wmq);
      const [w, s, e, n] = info.bounds;
      for (let z = info.maxzoom - 2; z <= info.maxzoom + 1; z++) {
        const t = wmq.tileAtLonLat((w + e) / 2, (s + n) / 2, z);
        for (const buffer of [0, 0.5]) {
          const req = {
            source: reader.source(),
            dstCrs: wmq.crs,
            dstBounds: wmq.tileBounds(z, t.x, t.y),
            width: 256,
            height: 256,
            transformer: transformer(reader.crs, wmq.crs),
            buffer,
          };
          const fast = await warpNearest(req);
          const plain = await warpToTile(req);
          assert.deepEqual(fast.mask, plain.mask, `${name} z${z} buffer ${buffer}: mask`);
          assert.deepEqual(fast.bands, plain.bands, `${name} z${z} buffer ${buffer}: values`);
          assert.deepEqual(fast.bounds, plain.bounds);
        }
      }
    }
  });

  it('stops reading when the signal aborts, and rejects with the cancellation', async () => {
    const blocks = new BlockCache(64 << 20);
    const full = countingSource(await openSource(join(dir, 'gradient.tif'), { localRoots: [dir] }));
    const fullReader = new RasterReader(await openCog(full), blocks);
    const before = full.reads;
    await fullReader.preview({ maxSize: 256 });
    const needed = full.reads - before;
    assert.ok(needed >= 64, `a full-size preview reads the 256 blocks (${needed} reads)`);

    const controller = new AbortController();
    let blockReads = 0;
    const watched = countingSource(await openSource(join(dir, 'gradient.tif'), { localRoots: [dir] }), () => {
      blockReads++;
      if (blockReads === 3) controller.abort();
    });
    const aborting = new RasterReader(await openCog(watched), new BlockCache(64 << 20));
    const start = watched.reads;
    await assert.rejects(
      aborting.preview({ maxSize: 256, signal: controller.signal }),
      (e: unknown) => e instanceof AppError && e.code === 'ClientClosedRequest',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = watched.reads - start;
    assert.ok(after < needed / 4, `${after} reads after aborting, of the ${needed} a full read makes`);
  });

  it('keeps the decoded-block cache within its budget and gives the same pixels as with a large one', async () => {
    const small = new BlockCache(20 * 1024);
    const a = await (await open('gradient.tif', small)).preview({ maxSize: 256 });
    const b = await (await open('gradient.tif')).preview({ maxSize: 256 });
    assert.ok(small.stats.bytes <= 20 * 1024, `${small.stats.bytes} bytes held`);
    assert.ok(small.stats.evictions > 0);
    assert.deepEqual(a.bands[0], b.bands[0]);
  });

  it('reads a full-size preview as the raster itself (value = row * 256 + col)', async () => {
    const image = await (await open('gradient.tif')).preview();
    assert.equal(`${image.width}x${image.height}`, '256x256');
    const band = image.bands[0] as Uint16Array;
    for (const i of [0, 1, 255, 256, 40000, 65535]) assert.equal(band[i], i);
  });

  it('reads a point as the pixel that contains it', async () => {
    const reader = await open('gradient.tif');
    const utm = reader.crs;
    // Pixel (col 10, row 20) spans x 500100..500110, y 4799800..4799790.
    const p = await reader.point(500105, 4799795, { coordCrs: utm });
    assert.deepEqual(p.values, [20 * 256 + 10]);
    await assert.rejects(reader.point(499999, 4799795, { coordCrs: utm }), { code: 'NotFound', message: 'Point is outside dataset bounds' });
  });

  it('says a tile outside the raster is outside its bounds (NotFound, rio-tiler message)', async () => {
    const reader = await open('gradient.tif');
    await assert.rejects(reader.tile(wmq, 12, 100, 100), { code: 'NotFound', message: 'Tile(x=100, y=100, z=12) is outside bounds' });
  });

  it('refuses band indexes the raster does not have, and bad sizes, with 400s', async () => {
    const reader = await open('gradient.tif');
    const t = await inside(reader);
    await assert.rejects(reader.tile(wmq, t.z, t.x, t.y, { indexes: [2] }), { code: 'InvalidParameter' });
    await assert.rejects(reader.tile(wmq, t.z, t.x, t.y, { tilesize: 100000 }), { code: 'InvalidParameter' });
    await assert.rejects(reader.preview({ maxSize: 0 }), { code: 'InvalidParameter' });
    await assert.rejects(reader.part([1, 1, 0, 0]), { code: 'InvalidParameter' });
  });

  it('gives a 4xx AppError for a file whose blocks are corrupt, and for a file that is not a TIFF', async () => {
    const bytes = readFileSync(join(dir, 'gradient.tif'));
    const cog = await openCog(await openSource(join(dir, 'gradient.tif'), { localRoots: [dir] }));
    const located = await cog.header.levels[0]?.table.locate(0, cog.source);
    assert.ok(located && located.length > 8);
    const corrupt = Buffer.from(bytes);
    corrupt.fill(0xa5, located.offset, located.offset + located.length);
    writeFileSync(join(dir, 'corrupt.tif'), corrupt);
    writeFileSync(join(dir, 'not-a-tiff.tif'), 'hello, this is text');
    const reader = await open('corrupt.tif');
    await assert.rejects(reader.preview(), (e: unknown) => e instanceof AppError && e.status >= 400 && e.status < 500);
    await assert.rejects(open('not-a-tiff.tif'), (e: unknown) => e instanceof AppError && e.status === 400);
  });

  it('reads the part under a feature and masks the pixels the feature does not touch', async () => {
    const reader = await open('gradient.tif');
    const utm = reader.crs;
    // A right triangle with corners at pixels (0, 0), (0, 256) and (128, 256) (col, row): its hypotenuse runs
    // along col = row / 2.
    const feature = {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [500000, 4797440],
            [501280, 4797440],
            [500000, 4800000],
            [500000, 4797440],
          ],
        ],
      },
    };
    const image = await reader.feature(feature, { shapeCrs: utm, dstCrs: utm });
    assert.equal(`${image.width}x${image.height}`, '128x256');
    assert.deepEqual(image.bounds, [500000, 4797440, 501280, 4800000]);
    // Row 200: the hypotenuse crosses x 100 to 100.5; pixel 99 has its centre inside, 100 is touched, 102 is not.
    const row = 200 * 128;
    assert.equal(image.mask[row + 50], 255);
    assert.equal(image.mask[row + 99], 255);
    assert.equal(image.mask[row + 100], 255);
    assert.equal(image.mask[row + 102], 0);
    assert.equal(image.mask[row + 127], 0);
    assert.equal(image.mask[5 * 128 + 10], 0);
    assert.equal((image.bands[0] as Uint16Array)[row + 50], 200 * 256 + 50);
    await assert.rejects(reader.feature({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }), { code: 'InvalidParameter' });
  });

  it('rescales linearly to uint8 (clipped, truncated) and applies a palette with its alpha to the mask', () => {
    const base = {
      width: 4,
      height: 1,
      bounds: [0, 0, 4, 1] as const,
      crs: { id: 'EPSG:3857', proj4: '', geographic: false },
      bandNames: ['b1'],
    };
    const scaled = rescale({ ...base, bands: [new Float32Array([-5, 0, 50, 200])], mask: new Uint8Array([255, 255, 255, 0]), sampleType: 'float32' }, [
      [0, 100],
    ]);
    // (50 - 0) / 100 * 255 = 127.5 → 127.
    assert.deepEqual([...(scaled.bands[0] as Uint8Array)], [0, 0, 127, 255]);
    const palette = new Uint8Array([10, 20, 30, 255, 40, 50, 60, 0]);
    const colored = applyColormap({ ...base, bands: [new Uint8Array([0, 1, 0, 7])], mask: new Uint8Array([255, 255, 0, 255]), sampleType: 'uint8' }, palette);
    assert.deepEqual([...(colored.bands[0] as Uint8Array)], [10, 40, 10, 0]);
    assert.deepEqual([...colored.mask], [255, 0, 0, 0]);
  });

  it('computes quantiles as rio-tiler (first value reaching q * n) and histograms as numpy', () => {
    const sorted = new Float64Array([1, 2, 3, 4]);
    // q * n = 2 → the second value; 0.98 * 4 = 3.92 → the fourth.
    assert.equal(quantile(sorted, 0.5), 2);
    assert.equal(quantile(sorted, 0.98), 4);
    assert.equal(quantile(sorted, 0.02), 1);
    // numpy.histogram([1, 2, 3, 4], bins=3) → counts [1, 1, 2], edges [1, 2, 3, 4].
    assert.deepEqual(histogram(sorted, 3), [
      [1, 1, 2],
      [1, 2, 3, 4],
    ]);
    // One value: the range becomes [v - 0.5, v + 0.5].
    assert.deepEqual(histogram(new Float64Array([5]), 2), [
      [0, 1],
      [4.5, 5, 5.5],
    ]);
  });

  it('writes a tile as a GeoTIFF that GDAL reads with the tile bounds and CRS', { skip: gdalMissing }, async () => {
    const reader = await open('gradient.tif');
    const t = await inside(reader);
    const image = await reader.tile(wmq, t.z, t.x, t.y);
    const out = await encodeImage(image, { format: 'tif' });
    writeFileSync(join(dir, 'tile.tif'), out.body);
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', join(dir, 'tile.tif')], { encoding: 'utf8' })) as {
      size: number[];
      geoTransform: number[];
      stac?: { 'proj:epsg'?: number };
      coordinateSystem: { wkt: string };
    };
    assert.deepEqual(info.size, [256, 256]);
    const [w, , e, n] = wmq.tileBounds(t.z, t.x, t.y);
    assert.ok(Math.abs((info.geoTransform[0] as number) - w) < 1e-6);
    assert.ok(Math.abs((info.geoTransform[3] as number) - n) < 1e-6);
    assert.ok(Math.abs((info.geoTransform[1] as number) - (e - w) / 256) < 1e-9);
    assert.match(info.coordinateSystem.wkt, /Pseudo-Mercator/);
    const png = await encodeImage(image);
    assert.equal(png.format, 'png');
  });
});
