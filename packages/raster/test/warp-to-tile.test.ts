// warpToTile on cases whose answer is known by hand: aligned grids, shifted grids, edges, poles, antimeridian,
// and the inputs it refuses. Plus one real COG made by GDAL, read back level by level with gdal_translate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import type { Crs, GeoTransform, TypedArray } from '../src/types.js';
import { proj4Transformer } from '../src/warp/proj4-transformer.js';
import { assertTileInside, tileIntersectsSource } from '../src/warp/tile-bounds.js';
import type { WarpRequest } from '../src/warp/types.js';
import { warpToTile } from '../src/warp/warp-to-tile.js';
import { arraySource } from './helpers/array-source.js';
import { mercatorTileBounds, WEB_MERCATOR } from './helpers/reference.js';

const WGS84: Crs = { id: 'EPSG:4326', proj4: 'EPSG:4326', geographic: true };
const UTM31: Crs = { id: 'EPSG:32631', proj4: '+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs', geographic: false };

/** A uint16 source whose pixel (col, row) holds `value(col, row)`. */
function filled(width: number, height: number, value: (c: number, r: number) => number, gt: GeoTransform, crs: Crs, nodata?: number) {
  const data = new Uint16Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = value(c, r);
  return arraySource({ crs, geotransform: gt, sampleType: 'uint16', levels: [{ width, height, bands: [data] }], ...(nodata === undefined ? {} : { nodata }) });
}

function tileRequest(source: WarpRequest['source'], z: number, x: number, y: number, extra: Partial<WarpRequest> = {}): WarpRequest {
  return {
    source,
    dstCrs: WEB_MERCATOR,
    dstBounds: mercatorTileBounds(z, x, y),
    width: 256,
    height: 256,
    transformer: proj4Transformer(source.crs, WEB_MERCATOR),
    ...extra,
  };
}

// Tile 2/1/1 spans x -10018754..0 and y 0..10018754 in EPSG:3857; its pixels are 39135.76 m.
const [W, , , N] = mercatorTileBounds(2, 1, 1);
const RES = 20037508.342789244 / 2 / 256;
const code = (c: number, r: number) => r * 251 + c;

describe('warpToTile on a source already in the tile grid', () => {
  it('returns the source window itself when the grids coincide', async () => {
    const src = filled(256, 256, code, [W, RES, 0, N, 0, -RES], WEB_MERCATOR);
    const out = await warpToTile(tileRequest(src, 2, 1, 1));
    assert.equal(out.bands[0]?.constructor, Uint16Array);
    for (let r = 0; r < 256; r++) for (let c = 0; c < 256; c++) assert.equal(out.bands[0]?.[r * 256 + c], code(c, r));
    assert.ok(out.mask.every((v) => v === 255));
  });

  it('takes the next column when the source starts 0.75 pixel further west', async () => {
    // Output centre (i + 0.5) lands on source column i + 1.25.
    const src = filled(260, 256, code, [W - 0.75 * RES, RES, 0, N, 0, -RES], WEB_MERCATOR);
    const out = await warpToTile(tileRequest(src, 2, 1, 1));
    for (let r = 0; r < 256; r += 17) for (let c = 0; c < 256; c++) assert.equal(out.bands[0]?.[r * 256 + c], code(c + 1, r));
  });

  it('masks the pixels beyond the source edge and fills them with 0, or nodata when it has one', async () => {
    const half = filled(128, 256, () => 5, [W, RES, 0, N, 0, -RES], WEB_MERCATOR);
    const out = await warpToTile(tileRequest(half, 2, 1, 1));
    for (const r of [0, 100, 255]) {
      assert.deepEqual([out.mask[r * 256 + 127], out.mask[r * 256 + 128]], [255, 0]);
      assert.deepEqual([out.bands[0]?.[r * 256 + 127], out.bands[0]?.[r * 256 + 128]], [5, 0]);
    }
    const withNodata = filled(128, 256, (c) => (c < 10 ? 9 : 5), [W, RES, 0, N, 0, -RES], WEB_MERCATOR, 9);
    const out2 = await warpToTile(tileRequest(withNodata, 2, 1, 1));
    assert.deepEqual([out2.bands[0]?.[9], out2.mask[9], out2.bands[0]?.[10], out2.mask[10], out2.bands[0]?.[200], out2.mask[200]], [9, 0, 5, 255, 9, 0]);
  });

  it('masks NaN in a float32 source whose nodata is NaN', async () => {
    const data = new Float32Array(256 * 256).fill(1.5);
    data[3] = Number.NaN;
    const src = arraySource({
      crs: WEB_MERCATOR,
      geotransform: [W, RES, 0, N, 0, -RES],
      sampleType: 'float32',
      nodata: Number.NaN,
      levels: [{ width: 256, height: 256, bands: [data] }],
    });
    const out = await warpToTile(tileRequest(src, 2, 1, 1));
    assert.equal(out.bands[0]?.constructor, Float32Array);
    assert.ok(Number.isNaN(out.bands[0]?.[3] as number));
    assert.deepEqual([out.mask[3], out.mask[4], out.bands[0]?.[4]], [0, 255, 1.5]);
  });

  it('grows the output by the buffer: 258 pixels for 1, the tile shifted by one pixel inside', async () => {
    const src = filled(300, 300, code, [W - 10 * RES, RES, 0, N + 10 * RES, 0, -RES], WEB_MERCATOR);
    const out = await warpToTile(tileRequest(src, 2, 1, 1, { buffer: 1 }));
    assert.deepEqual([out.width, out.height, out.bands[0]?.length], [258, 258, 258 * 258]);
    assert.equal(out.bands[0]?.[1 * 258 + 1], code(10, 10));
    assert.equal(out.bands[0]?.[0], code(9, 9));
    const half = await warpToTile(tileRequest(src, 2, 1, 1, { buffer: 0.5 }));
    assert.equal(half.width, 257);
  });

  it('gives the same nearest tile with padding as without', async () => {
    const src = filled(300, 300, code, [W - 10 * RES, RES, 0, N + 10 * RES, 0, -RES], WEB_MERCATOR);
    const a = await warpToTile(tileRequest(src, 2, 1, 1));
    const b = await warpToTile(tileRequest(src, 2, 1, 1, { padding: 2 }));
    assert.deepEqual(b.bands[0], a.bands[0]);
    assert.deepEqual(b.bounds, a.bounds);
  });
});

describe('warpToTile at the poles and the antimeridian', () => {
  // A 1° world raster: rows 0..179 from 90°N, columns 0..359 from 180°W.
  const world = (value: (c: number, r: number) => number) => filled(360, 180, value, [-180, 1, 0, 90, 0, -1], WGS84);

  it('reads a whole-world tile without NaN, all valid, its top row near 85°N (row 5)', async () => {
    const out = await warpToTile(
      tileRequest(
        world((_, r) => r),
        0,
        0,
        0,
      ),
    );
    assert.ok(out.mask.every((v) => v === 255));
    // Top row centre: y = 20037508 - 78271.5 / 2 -> 84.93°N -> row 5; bottom row: 84.93°S -> row 174.
    for (const c of [0, 128, 255]) {
      assert.ok(Math.abs((out.bands[0]?.[c] as number) - 5) <= 1, `top ${out.bands[0]?.[c]}`);
      assert.ok(Math.abs((out.bands[0]?.[255 * 256 + c] as number) - 174) <= 1, `bottom ${out.bands[0]?.[255 * 256 + c]}`);
    }
  });

  it('reaches the last column at 180°E and the first at 180°W', async () => {
    const east = await warpToTile(
      tileRequest(
        world((c) => c),
        1,
        1,
        0,
      ),
    );
    const west = await warpToTile(
      tileRequest(
        world((c) => c),
        1,
        0,
        0,
      ),
    );
    for (const r of [0, 128, 255]) {
      assert.ok((east.bands[0]?.[r * 256 + 255] as number) >= 358, `east ${east.bands[0]?.[r * 256 + 255]}`);
      assert.ok((west.bands[0]?.[r * 256] as number) <= 1, `west ${west.bands[0]?.[r * 256]}`);
      assert.equal(east.mask[r * 256 + 255], 255);
      assert.equal(west.mask[r * 256], 255);
    }
  });
});

describe('tiles outside the source', () => {
  const src = filled(100, 100, () => 1, [440000, 10, 0, 5400000, 0, -10], UTM31);
  const t = proj4Transformer(UTM31, WEB_MERCATOR);

  it('are told apart from tiles that touch it', () => {
    // The source is around 2.2°E 48.7°N: tile 10/518/352 holds it, 10/600/352 is far east.
    assert.equal(tileIntersectsSource(src, mercatorTileBounds(10, 518, 352), t), true);
    assert.equal(tileIntersectsSource(src, mercatorTileBounds(10, 600, 352), t), false);
  });

  it('throw a NotFound AppError worded as rio-tiler words it', () => {
    assert.throws(
      () => assertTileInside(src, { z: 10, x: 600, y: 352 }, mercatorTileBounds(10, 600, 352), t),
      (e: unknown) => e instanceof AppError && e.code === 'NotFound' && e.message === 'Tile(x=600, y=352, z=10) is outside bounds',
    );
  });

  it('warp to an empty, fully masked tile when asked anyway', async () => {
    const out = await warpToTile(tileRequest(src, 10, 600, 352));
    assert.ok(out.mask.every((v) => v === 0));
  });
});

describe('warpToTile refuses bad requests with InvalidParameter', () => {
  const src = filled(10, 10, () => 1, [W, RES, 0, N, 0, -RES], WEB_MERCATOR);
  const cases: [string, Partial<WarpRequest>][] = [
    ['a buffer that is not a multiple of 0.5', { buffer: 0.3 }],
    ['a negative buffer', { buffer: -1 }],
    ['a zero width', { width: 0 }],
    ['a huge height', { height: 100000 }],
    ['a fractional padding', { padding: 1.5 }],
    ['an unknown resampling', { resampling: 'lanczos' as NonNullable<WarpRequest['resampling']> }],
    ['inverted bounds', { dstBounds: [10, 0, 0, 10] }],
  ];
  for (const [what, extra] of cases) {
    it(`refuses ${what}`, async () => {
      await assert.rejects(warpToTile(tileRequest(src, 2, 1, 1, extra)), (e: unknown) => e instanceof AppError && e.code === 'InvalidParameter');
    });
  }
});

const gdal = spawnSync('gdal_translate', ['--version']).status === 0;

describe('warpToTile on a COG made by GDAL', { skip: gdal ? false : 'gdal_translate not installed: cannot make the test COG' }, () => {
  it('reads a tile far below native zoom from an overview, never from full resolution', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pqe-warp-'));
    try {
      const w = 1024;
      const h = 1024;
      const raw = new Uint8Array(w * h);
      for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251;
      writeFileSync(join(dir, 'src.raw'), raw);
      writeFileSync(
        join(dir, 'src.hdr'),
        `ENVI\nsamples = ${w}\nlines = ${h}\nbands = 1\nheader offset = 0\ndata type = 1\ninterleave = bsq\nbyte order = 0\n`,
      );
      const run = (args: string[]) => assert.equal(spawnSync(args[0] as string, args.slice(1)).status, 0, args.join(' '));
      run([
        'gdal_translate',
        '-q',
        '-of',
        'COG',
        '-a_srs',
        'EPSG:32631',
        '-a_ullr',
        '440000',
        '5400000',
        '450240',
        '5389760',
        '-co',
        'OVERVIEW_RESAMPLING=NEAREST',
        join(dir, 'src.raw'),
        join(dir, 'cog.tif'),
      ]);
      const levels: { width: number; height: number; bands: TypedArray[] }[] = [];
      for (let k = 0; k < 3; k++) {
        const args = ['gdal_translate', '-q', '-of', 'ENVI', ...(k > 0 ? ['-ovr', String(k - 1)] : []), join(dir, 'cog.tif'), join(dir, `l${k}.bin`)];
        run(args);
        const size = w >> k;
        levels.push({ width: size, height: size, bands: [new Uint8Array(readFileSync(join(dir, `l${k}.bin`)))] });
      }
      const src = arraySource({ crs: UTM31, geotransform: [440000, 10, 0, 5400000, 0, -10], sampleType: 'uint8', levels });
      const reads: number[] = [];
      const spy = {
        ...src,
        readWindow: (level: number, x: number, y: number, ww: number, hh: number) => {
          reads.push(level);
          return src.readWindow(level, x, y, ww, hh);
        },
      };
      // Zoom 11 pixels are ~76 m, 7.6 source pixels at 10 m: the 4x overview is the coarsest within 1.2.
      const out = await warpToTile(tileRequest(spy, 11, 1036, 705));
      assert.ok(reads.length > 0 && reads.every((l) => l === 2), `levels read: ${reads.join(',')}`);
      assert.ok(out.mask.some((v) => v === 255));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
