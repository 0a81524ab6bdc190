// The nearest read (warpNearest: one pass from source windows to the output) against warpToTile (the warper's
// general path: float64 kernel samples, then the decimation), bit for bit, on small rasters written by our GeoTIFF
// writer: sources whose rows map to one source row (lon/lat and Web Mercator) and rotated ones (UTM), 1, 3 and 4
// bands, nodata in some bands only, masks, overviews, below, at and above native zoom, with and without buffer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BlockCache } from '../src/cache/block-cache.js';
import { transformer } from '../src/crs/transformer.js';
import { warpNearest } from '../src/render/nearest-warp.js';
import { openRaster } from '../src/render/raster-reader.js';
import { copyBandFromBlock, copyPixelsFromBlock } from '../src/render/window-copy.js';
import { getTileMatrixSet } from '../src/tms/tile-matrix-sets.js';
import type { SampleType, TypedArray } from '../src/types.js';
import { allocate } from '../src/warp/sample-arrays.js';
import { warpToTile } from '../src/warp/warp-to-tile.js';
import { type GeoTiffOptions, writeGeoTiff } from '../src/writer/geotiff-writer.js';

const wmq = getTileMatrixSet('WebMercatorQuad');

interface Case {
  name: string;
  options: Omit<GeoTiffOptions, 'data'>;
  /** Sample of band b at (col, row). */
  value: (b: number, col: number, row: number) => number;
}

const W = 300;
const H = 260;
const cases: Case[] = [
  {
    // Classes in lon/lat, 0 as nodata in a corner: every row of a tile is one source row.
    name: 'lonlat-u8',
    options: {
      width: W,
      height: H,
      bands: 1,
      sampleType: 'uint8',
      nodata: 0,
      geotransform: [5, 0.003, 0, 46, 0, -0.003],
      crs: { epsg: 4326, geographic: true },
    },
    value: (_b, c, r) => (c < 40 && r < 30 ? 0 : 1 + ((c * 7 + r * 3) % 250)),
  },
  {
    // Four uint16 bands in Web Mercator, nodata 0 in one band only in a stripe (such pixels are copied, then masked).
    name: 'merc-u16x4',
    options: {
      width: W,
      height: H,
      bands: 4,
      sampleType: 'uint16',
      nodata: 0,
      geotransform: [600000, 7, 0, 5700000, 0, -7],
      crs: { epsg: 3857, geographic: false },
    },
    value: (b, c, r) => (b === 2 && r % 17 < 3 ? 0 : 1 + ((c * 13 + r * 29 + b * 1000) % 60000)),
  },
  {
    // Three uint8 bands in UTM with an internal mask: rows cross source rows.
    name: 'utm-u8x3-mask',
    options: { width: W, height: H, bands: 3, sampleType: 'uint8', geotransform: [440000, 10, 0, 5400000, 0, -10], crs: { epsg: 32631, geographic: false } },
    value: (b, c, r) => (c * 3 + r * 5 + b * 60) % 256,
  },
  {
    // float32 in UTM with NaN as nodata on a diagonal band.
    name: 'utm-f32-nan',
    options: {
      width: W,
      height: H,
      bands: 1,
      sampleType: 'float32',
      nodata: Number.NaN,
      geotransform: [500000, 5, 0, 4800000, 0, -5],
      crs: { epsg: 32631, geographic: false },
    },
    value: (_b, c, r) => (Math.abs(c - r) % 61 < 4 ? Number.NaN : c * 0.25 - r * 0.5),
  },
];

function samples(c: Case): TypedArray {
  const { width, height, bands, sampleType } = c.options;
  const data = allocate(sampleType as SampleType, width * height * bands);
  for (let r = 0; r < height; r++)
    for (let col = 0; col < width; col++) for (let b = 0; b < bands; b++) data[(r * width + col) * bands + b] = c.value(b, col, r);
  return data;
}

describe('warpNearest', () => {
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pqe-nearest-'));
    for (const c of cases) {
      const mask = c.name.endsWith('-mask') ? Uint8Array.from({ length: W * H }, (_, i) => ((i % W) + Math.floor(i / W) < 120 ? 0 : 255)) : undefined;
      const bytes = await writeGeoTiff({ ...c.options, data: samples(c), tileSize: 64, overviews: true, ...(mask ? { mask } : {}) });
      writeFileSync(join(dir, `${c.name}.tif`), bytes);
    }
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const c of cases) {
    it(`reads ${c.name} tiles as warpToTile does, bit for bit, below, at and above native zoom`, async () => {
      const reader = await openRaster(join(dir, `${c.name}.tif`), { caches: { blocks: new BlockCache(64 << 20) }, sourceOptions: { localRoots: [dir] } });
      const info = reader.info(wmq);
      const [w, s, e, n] = info.bounds;
      let masked = 0;
      let unmasked = 0;
      for (let z = info.maxzoom - 2; z <= info.maxzoom + 1; z++) {
        // The centre tile and one across the raster's north-west corner (edges, pixels without data).
        for (const [lon, lat] of [
          [(w + e) / 2, (s + n) / 2],
          [w, n],
        ] as const) {
          const t = wmq.tileAtLonLat(lon, lat, z);
          for (const [size, buffer] of [
            [256, 0],
            [512, 0],
            [256, 0.5],
          ] as const) {
            const req = {
              source: reader.source(),
              dstCrs: wmq.crs,
              dstBounds: wmq.tileBounds(z, t.x, t.y),
              width: size,
              height: size,
              transformer: transformer(reader.crs, wmq.crs),
              buffer,
            };
            const fast = await warpNearest(req);
            const plain = await warpToTile(req);
            const what = `${c.name} z${z} ${t.x}/${t.y} ${size} px buffer ${buffer}`;
            assert.deepEqual(fast.mask, plain.mask, `${what}: mask`);
            assert.deepEqual(fast.bands, plain.bands, `${what}: values`);
            for (const m of fast.mask) m ? unmasked++ : masked++;
          }
        }
      }
      assert.ok(masked > 0 && unmasked > 0.1 * (masked + unmasked), `the tiles hold data and masked pixels (${unmasked} / ${masked})`);
    });
  }
});

describe('copyPixelsFromBlock', () => {
  it('copies every sample of a pixel-interleaved block as copyBandFromBlock does sample by sample', () => {
    const overlap = { bx: 3, by: 2, wx: 1, wy: 4, w: 9, h: 5 };
    for (const [Type, spp] of [
      [Uint8Array, 3],
      [Uint16Array, 4],
      [Float32Array, 3],
      [Int16Array, 4],
    ] as const) {
      const block = new Type(16 * 12 * spp);
      for (let i = 0; i < block.length; i++) block[i] = (i * 37) % 251;
      const one = Array.from({ length: spp }, () => new Type(14 * 10));
      const all = Array.from({ length: spp }, () => new Type(14 * 10));
      for (let s = 0; s < spp; s++) copyBandFromBlock(block, 16, spp, s, one[s] as TypedArray, 14, overlap);
      assert.equal(copyPixelsFromBlock(block, 16, spp, all, 14, overlap), true);
      assert.deepEqual(all, one, `${Type.name} x ${spp}`);
    }
  });

  it('declines other layouts (a subset of the samples, or one sample per pixel)', () => {
    const overlap = { bx: 0, by: 0, wx: 0, wy: 0, w: 2, h: 2 };
    assert.equal(copyPixelsFromBlock(new Uint8Array(4 * 4 * 4), 4, 4, [new Uint8Array(4), new Uint8Array(4), new Uint8Array(4)], 2, overlap), false);
    assert.equal(copyPixelsFromBlock(new Uint8Array(16), 4, 1, [new Uint8Array(4)], 2, overlap), false);
  });
});
