// Our TileMatrixSets against morecantile 5.4.2 (and rio-tiler 6.8 / rasterio 1.3 when installed) from a venv at
// the repository root: python3 -m venv .venv && .venv/bin/pip install morecantile==5.4.2 rio-tiler==6.8.0.
// The OGC documents must be equal, tile bounds and tile lookups equal to the last bit, geographic bounds and
// zooms as PROJ / morecantile give them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { crsFromEpsg } from '../src/crs/crs.js';
import { datasetZoomRange } from '../src/tms/dataset-zooms.js';
import { webMercatorSourceExtent } from '../src/tms/geographic-clip.js';
import { getTileMatrixSet, tileMatrixSets } from '../src/tms/tile-matrix-sets.js';
import type { GeoTransform } from '../src/types.js';

const run = promisify(execFile);
const root = new URL('../../../../', import.meta.url).pathname;
const python = join(root, '.venv', 'bin', 'python');

/** Samples each set at a few zooms: tile bounds, point → tile, resolution → zoom; non-finite numbers become null. */
const SAMPLE = `
import json, math, warnings
warnings.simplefilter('ignore')
import morecantile
assert morecantile.__version__ == '5.4.2', morecantile.__version__
def fin(v):
    return [x if math.isfinite(x) else None for x in v]
out = {}
for tid in morecantile.tms.list():
    t = morecantile.tms.get(tid)
    zooms = sorted({t.minzoom, t.minzoom + 1, (t.minzoom + t.maxzoom) // 2, t.maxzoom})
    tiles, points, lonlats, zoom_cases = [], [], [], []
    for z in zooms:
        m = t.matrix(z)
        w, h = m.matrixWidth, m.matrixHeight
        for x, y in sorted({(0, 0), (w - 1, h - 1), (w // 2, h // 2), (min(1, w - 1), 0), (w // 3, h - 1), (w // 5, h // 7)}):
            b = t.xy_bounds(x, y, z)
            tiles.append([z, x, y, list(b), fin(list(t.bounds(x, y, z)))])
            cx, cy = (b.left + b.right) / 2, (b.bottom + b.top) / 2
            for px, py in ((cx, cy), (b.left, b.top), (b.right, b.bottom)):
                r = t._tile(px, py, z)
                points.append([px, py, z, r.x, r.y])
            lon, lat = t.lnglat(cx, cy)
            if math.isfinite(lon) and math.isfinite(lat):
                r = t.tile(lon, lat, z)
                lonlats.append([lon, lat, z, r.x, r.y])
        for f in (1, 1.3, 0.7, 1.0000000001, 1.9, 2.1, 0.51):
            r = m.cellSize * f
            zoom_cases.append([r, t.zoom_for_res(r), t.zoom_for_res(r, zoom_level_strategy='lower'), t.zoom_for_res(r, zoom_level_strategy='upper')])
    extended = None
    if not t.is_variable and len({round(a.scaleDenominator / b.scaleDenominator, 2) for a, b in zip(t.tileMatrices[1:], t.tileMatrices)}) == 1:
        extended = t.matrix(t.maxzoom + 3).model_dump(exclude_none=True, mode='json')
    out[tid] = {
        'doc': t.model_dump(exclude_none=True, mode='json'),
        'tiles': tiles, 'points': points, 'lonlats': lonlats, 'zooms': zoom_cases,
        'bbox': fin(list(t.bbox)), 'xy_bbox': list(t.xy_bbox), 'extended': extended,
    }
print(json.dumps(out))
`;

interface Sample {
  doc: unknown;
  tiles: [number, number, number, number[], (number | null)[]][];
  points: [number, number, number, number, number][];
  lonlats: [number, number, number, number, number][];
  zooms: [number, number, number, number][];
  bbox: (number | null)[];
  xy_bbox: number[];
  extended: unknown;
}

const venvMissing = existsSync(python)
  ? undefined
  : 'no .venv with morecantile 5.4.2 at the repository root: python3 -m venv .venv && .venv/bin/pip install morecantile==5.4.2';

async function samples(): Promise<Record<string, Sample>> {
  const { stdout } = await run(python, ['-c', SAMPLE], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Record<string, Sample>;
}

test('every TileMatrixSet document, tile bound, tile lookup and zoom equals morecantile 5.4.2', async (t) => {
  if (venvMissing !== undefined) {
    t.skip(venvMissing);
    return;
  }
  const reference = await samples();
  assert.deepEqual(tileMatrixSets(), Object.keys(reference));
  for (const id of tileMatrixSets()) {
    const tms = getTileMatrixSet(id);
    const sample = reference[id] as Sample;
    assert.deepEqual(JSON.parse(JSON.stringify(tms)), sample.doc, `${id}: document`);
    assert.deepEqual(tms.bounds, sample.xy_bbox, `${id}: bounds`);
    for (const [z, x, y, xy, geographic] of sample.tiles) {
      assert.deepEqual(tms.tileBounds(z, x, y), xy, `${id} ${z}/${x}/${y}: bounds`);
      const ours = tms.tileBoundsGeographic(z, x, y);
      geographic.forEach((value, i) => {
        const mine = ours[i] as number;
        // Corners PROJ cannot transform (null) are not compared; others within 1e-8 degrees.
        if (value !== null && Number.isFinite(mine))
          assert.ok(Math.abs(mine - value) <= 1e-8, `${id} ${z}/${x}/${y}: geographic [${ours.join(', ')}] vs [${geographic.join(', ')}]`);
      });
    }
    for (const [px, py, z, x, y] of sample.points) assert.deepEqual(tms.tileAt(px, py, z), { x, y, z }, `${id}: tile at (${px}, ${py}) z${z}`);
    for (const [lon, lat, z, x, y] of sample.lonlats)
      assert.deepEqual(tms.tileAtLonLat(lon, lat, z), { x, y, z }, `${id}: tile at lon/lat (${lon}, ${lat}) z${z}`);
    for (const [res, auto, lower, upper] of sample.zooms) {
      assert.equal(tms.zoomForResolution(res), auto, `${id}: zoom for ${res}`);
      assert.equal(tms.zoomForResolution(res, { strategy: 'lower' }), lower, `${id}: lower zoom for ${res}`);
      assert.equal(tms.zoomForResolution(res, { strategy: 'upper' }), upper, `${id}: upper zoom for ${res}`);
    }
    if (sample.extended !== null) assert.deepEqual(JSON.parse(JSON.stringify(tms.matrix(tms.maxzoom + 3))), sample.extended, `${id}: extended level`);
  }
});

test('the geographic extents of the sets that do not cross the antimeridian match morecantile', async (t) => {
  if (venvMissing !== undefined) {
    t.skip(venvMissing);
    return;
  }
  const reference = await samples();
  // NZTM2000Quad and LINZAntarticaMapTilegrid span the antimeridian (morecantile reports west > east there).
  for (const id of [
    'WebMercatorQuad',
    'WorldMercatorWGS84Quad',
    'EuropeanETRS89_LAEAQuad',
    'UPSArcticWGS84Quad',
    'UPSAntarcticWGS84Quad',
    'CanadianNAD83_LCC',
    'WGS1984Quad',
    'WorldCRS84Quad',
    'GNOSISGlobalGrid',
    'CDB1GlobalGrid',
  ]) {
    const expected = (reference[id] as Sample).bbox;
    const ours = getTileMatrixSet(id).geographicBounds;
    expected.forEach((value, i) => {
      assert.ok(value !== null && Math.abs((ours[i] as number) - value) <= 1e-6, `${id}: [${ours.join(', ')}] vs [${expected.join(', ')}]`);
    });
  }
});

const RIO_TILER = `
import json, sys, warnings
warnings.simplefilter('ignore')
import morecantile
from affine import Affine
from rasterio import windows
from rio_tiler.io import Reader
cases = json.loads(sys.argv[1])
zooms = []
for path, tms_id in cases['datasets']:
    with Reader(path, tms=morecantile.tms.get(tms_id)) as r:
        zooms.append([r.minzoom, r.maxzoom, list(r.dataset.transform.to_gdal()), r.dataset.width, r.dataset.height])
crops = []
for gt, width, height in cases['crops']:
    a = Affine.from_gdal(*gt)
    b = [a.c, a.f + a.e * height, a.c + a.a * width, a.f]
    b[1], b[3] = (max(b[1], -85.06), min(b[3], 85.06)) if a.e < 0 else (min(b[1], 85.06), max(b[3], -85.06))
    w = windows.from_bounds(*b, transform=a)
    crops.append([b, round(w.width), round(w.height)])
print(json.dumps({'zooms': zooms, 'crops': crops}))
`;

test('dataset zoom ranges and the ±85.06° crop agree with rio-tiler 6.8 and rasterio 1.3', async (t) => {
  if (venvMissing !== undefined) {
    t.skip(venvMissing);
    return;
  }
  const probe = await run(python, ['-c', 'import rio_tiler, rasterio; assert rio_tiler.__version__ == "6.8.0"']).then(
    () => undefined,
    () => 'rio-tiler 6.8.0 is not installed in .venv: .venv/bin/pip install rio-tiler==6.8.0',
  );
  if (probe !== undefined) {
    t.skip(probe);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'pqe-tms-'));
  try {
    // [TMS, CRS, width, height, west, north, pixel size]: datasets already in the TMS's CRS (no warp needed).
    const datasets = [
      ['WebMercatorQuad', 'EPSG:3857', 10980, 10980, 500000, 5000000, 10],
      ['WebMercatorQuad', 'EPSG:3857', 1000, 500, -8000000, 4000000, 0.3],
      ['WebMercatorQuad', 'EPSG:3857', 200, 100, -8000000, 4000000, 20000],
      ['WGS1984Quad', 'EPSG:4326', 3600, 1800, -180, 90, 0.1],
      ['UTM31WGS84Quad', 'EPSG:32631', 10980, 10980, 399960, 5000040, 10],
      ['EuropeanETRS89_LAEAQuad', 'EPSG:3035', 5000, 4000, 3000000, 4000000, 100],
    ] as const;
    const paths = await Promise.all(
      datasets.map(async ([, srs, width, height, west, north, size], i) => {
        const path = join(dir, `d${i}.tif`);
        const ullr = [west, north, west + width * size, north - height * size].map(String);
        await run('gdal_create', [
          '-of',
          'GTiff',
          '-outsize',
          String(width),
          String(height),
          '-bands',
          '1',
          '-co',
          'SPARSE_OK=TRUE',
          '-co',
          'TILED=YES',
          '-a_srs',
          srs,
          '-a_ullr',
          ...ullr,
          path,
        ]);
        return path;
      }),
    );
    const crops: [GeoTransform, number, number][] = [
      [[-180, 0.1, 0, 90, 0, -0.1], 3600, 1800],
      [[-180, 0.25, 0, 90, 0, -0.25], 1440, 720],
      [[-20, 0.013, 0, 89.3, 0, -0.013], 3000, 2000],
      [[-180, 0.1, 0, -90, 0, 0.1], 3600, 1800],
    ];
    const { stdout } = await run(python, ['-c', RIO_TILER, JSON.stringify({ datasets: paths.map((p, i) => [p, datasets[i]?.[0]]), crops })]);
    const reference = JSON.parse(stdout) as { zooms: [number, number, number[], number, number][]; crops: [number[], number, number][] };
    datasets.forEach(([id], i) => {
      const [minzoom, maxzoom, transform, width, height] = reference.zooms[i] ?? [];
      const ours = datasetZoomRange(getTileMatrixSet(id), { transform: transform as unknown as GeoTransform, width: width ?? 0, height: height ?? 0 });
      assert.deepEqual(ours, { minzoom, maxzoom }, `${id} dataset ${i}`);
    });
    crops.forEach(([transform, width, height], i) => {
      const [bounds, w, h] = reference.crops[i] ?? [];
      const ours = webMercatorSourceExtent(crsFromEpsg(4326), crsFromEpsg(3857), transform, width, height);
      assert.deepEqual([ours.bounds, ours.width, ours.height], [bounds, w, h], `crop ${i}`);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
