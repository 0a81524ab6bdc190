// TileMatrixSets checked against facts derived by hand (each derivation is in the test), so these run anywhere;
// tms-morecantile.test.ts compares every set with morecantile itself when its venv is installed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '@pqe/common';
import { crsFromEpsg } from '../src/crs/crs.js';
import { datasetZoomRange, maximumOverviewLevel } from '../src/tms/dataset-zooms.js';
import { clipToTmsGeographicBounds, roundHalfEven, webMercatorSourceExtent } from '../src/tms/geographic-clip.js';
import { DEFAULT_TILE_MATRIX_SET, getTileMatrixSet, tileMatrixSets } from '../src/tms/tile-matrix-sets.js';

/** Half the equator of the EPSG:3857 sphere: π × 6378137 m. */
const HALF_WORLD = Math.PI * 6378137;
/** Latitude of Web Mercator's top edge, y = π·R: atan(sinh(π)), in degrees. */
const MERCATOR_MAX_LAT = (Math.atan(Math.sinh(Math.PI)) * 180) / Math.PI;

function close(actual: readonly number[], expected: readonly number[], tolerance: number, message?: string): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => {
    assert.ok(Math.abs(value - (expected[i] ?? Number.NaN)) <= tolerance, `${message ?? ''} [${actual.join(', ')}] vs [${expected.join(', ')}]`);
  });
}

function throwsApp(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof AppError && error.code === code && message.test(error.message));
}

test('the 13 TileMatrixSets of titiler are listed, WebMercatorQuad being the default', () => {
  const ids = tileMatrixSets();
  assert.equal(ids.length, 13);
  assert.equal(DEFAULT_TILE_MATRIX_SET, 'WebMercatorQuad');
  for (const id of [
    'CDB1GlobalGrid',
    'CanadianNAD83_LCC',
    'EuropeanETRS89_LAEAQuad',
    'GNOSISGlobalGrid',
    'LINZAntarticaMapTilegrid',
    'NZTM2000Quad',
    'UPSAntarcticWGS84Quad',
  ]) {
    assert.ok(ids.includes(id), id);
  }
  for (const id of ids) assert.equal(getTileMatrixSet(id).toJSON().id, id);
});

test('WebMercatorQuad covers ±π·6378137 m at zoom 0 with one 256-pixel tile and 2^z tiles a side below', () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  assert.equal(tms.crs.id, 'EPSG:3857');
  assert.equal(tms.minzoom, 0);
  assert.equal(tms.maxzoom, 24);
  close(tms.tileBounds(0, 0, 0), [-HALF_WORLD, -HALF_WORLD, HALF_WORLD, HALF_WORLD], 1e-6);
  close(tms.bounds, [-HALF_WORLD, -HALF_WORLD, HALF_WORLD, HALF_WORLD], 1e-6);
  for (let z = 0; z <= 24; z++) {
    const m = tms.matrix(z);
    assert.equal(m.tileWidth, 256);
    assert.equal(m.matrixWidth, 2 ** z);
    assert.equal(m.matrixHeight, 2 ** z);
    // The documents write cell sizes to 15 significant digits.
    assert.ok(Math.abs(m.cellSize - (2 * HALF_WORLD) / 256 / 2 ** z) / m.cellSize < 1e-14, `z${z}`);
  }
  close(tms.tileBounds(1, 0, 0), [-HALF_WORLD, 0, 0, HALF_WORLD], 1e-6);
  close(tms.tileBoundsGeographic(0, 0, 0), [-180, -MERCATOR_MAX_LAT, 180, MERCATOR_MAX_LAT], 1e-9);
  close(tms.geographicBounds, [-180, -MERCATOR_MAX_LAT, 180, MERCATOR_MAX_LAT], 1e-9);
});

test('WebMercatorQuad finds the tile of a point as the slippy-map formula does', () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  // x = floor((lon + 180) / 360 · 2^z), y = floor((1 − asinh(tan φ) / π) / 2 · 2^z).
  for (const [lon, lat, z] of [
    [-122.42, 37.77, 12],
    [2.35, 48.85, 15],
    [151.2, -33.87, 9],
    [0.0001, -0.0001, 3],
  ] as const) {
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const y = Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
    assert.deepEqual(tms.tileAtLonLat(lon, lat, z), { x, y, z });
  }
  // Points outside the matrix are clamped into it.
  assert.deepEqual(tms.tileAt(-3e7, 3e7, 4), { x: 0, y: 0, z: 4 });
  assert.deepEqual(tms.tileAt(3e7, -3e7, 4), { x: 15, y: 15, z: 4 });
});

test('sets whose CRS is written latitude first still give bounds as (x, y) = (lon or easting, lat or northing)', () => {
  // WGS1984Quad: origin written (90, -180), two tiles of 180° at zoom 0.
  close(getTileMatrixSet('WGS1984Quad').tileBounds(0, 0, 0), [-180, -90, 0, 90], 0);
  close(getTileMatrixSet('WorldCRS84Quad').tileBounds(0, 1, 0), [0, -90, 180, 90], 0);
  // EuropeanETRS89_LAEAQuad: origin written (Y, X) = (5500000, 2000000); one tile of 256 × 17578.125 m = 4500 km.
  close(getTileMatrixSet('EuropeanETRS89_LAEAQuad').tileBounds(0, 0, 0), [2000000, 1000000, 6500000, 5500000], 0);
});

test('coalesced rows of GNOSIS and CDB1 make one tile span several columns', () => {
  const gnosis = getTileMatrixSet('GNOSISGlobalGrid');
  // Level 1: tiles of 256 × 0.17578125° = 45°; the polar rows coalesce 2 columns into 90°.
  close(gnosis.tileBounds(1, 1, 0), [-180, 45, -90, 90], 0);
  close(gnosis.tileBounds(1, 1, 1), [-135, 0, -90, 45], 0);
  assert.deepEqual(gnosis.tileAtLonLat(-100, 80, 1), { x: 0, y: 0, z: 1 });
  assert.deepEqual(gnosis.matrix(2).variableMatrixWidths, [
    { coalesce: 4, minTileRow: 0, maxTileRow: 0 },
    { coalesce: 2, minTileRow: 1, maxTileRow: 1 },
    { coalesce: 2, minTileRow: 6, maxTileRow: 6 },
    { coalesce: 4, minTileRow: 7, maxTileRow: 7 },
  ]);
  assert.equal(gnosis.matrix(0).variableMatrixWidths, undefined);
  const cdb1 = getTileMatrixSet('CDB1GlobalGrid');
  // Level -10: one-pixel tiles of 1°; the row touching the pole merges 12 of them.
  assert.equal(cdb1.minzoom, -10);
  assert.equal(cdb1.matrix(-10).tileWidth, 1);
  close(cdb1.tileBounds(-10, 5, 0), [-180, 89, -168, 90], 0);
  close(cdb1.tileBounds(-10, 5, 179), [-180, -90, -168, -89], 0);
  close(cdb1.tileBounds(-10, 5, 90), [-175, -1, -174, 0], 0);
});

test('regular sets extend past their last level by halving; others refuse', () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  const z25 = tms.matrix(25);
  assert.equal(z25.matrixWidth, 2 ** 25);
  assert.equal(z25.cellSize, tms.matrix(24).cellSize / 2);
  throwsApp(() => tms.matrix(31), 'NotFound', /no zoom level 31/);
  throwsApp(() => tms.matrix(-1), 'NotFound', /no zoom level -1/);
  throwsApp(() => tms.matrix(2.5), 'NotFound', /no zoom level 2.5/);
  throwsApp(() => getTileMatrixSet('GNOSISGlobalGrid').matrix(29), 'NotFound', /no zoom level 29/);
  throwsApp(() => getTileMatrixSet('CanadianNAD83_LCC').matrix(26), 'NotFound', /no zoom level 26/);
});

test('tiles outside the matrix and unknown sets are NotFound errors that say what exists', () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  throwsApp(() => tms.tileBounds(2, 4, 0), 'NotFound', /Tile 2\/4\/0 is outside TileMatrixSet WebMercatorQuad: at zoom 2, x goes from 0 to 3/);
  throwsApp(() => tms.tileBounds(2, 0, -1), 'NotFound', /outside/);
  assert.equal(tms.isValidTile(2, 3, 3), true);
  assert.equal(tms.isValidTile(2, 4, 3), false);
  assert.equal(tms.isValidTile(40, 0, 0), false);
  throwsApp(() => getTileMatrixSet('GoogleMapsCompatible'), 'NotFound', /Unknown TileMatrixSet "GoogleMapsCompatible"; known ones: CDB1GlobalGrid, /);
});

test('the zoom for a resolution is the nearest level by ratio, or the coarser / finer one on request', () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  // 10 m lies between z13 (19.109 m) and z14 (9.555 m): 19.109 / 10 = 1.91 > 10 / 9.555 = 1.047, so z14.
  assert.equal(tms.zoomForResolution(10), 14);
  assert.equal(tms.zoomForResolution(10, { strategy: 'lower' }), 13);
  assert.equal(tms.zoomForResolution(10, { strategy: 'upper' }), 14);
  // 15 m: 19.109 / 15 = 1.27 < 15 / 9.555 = 1.57, so z13.
  assert.equal(tms.zoomForResolution(15), 13);
  assert.equal(tms.zoomForResolution(tms.matrix(10).cellSize), 10);
  assert.equal(tms.zoomForResolution(1e-6), 24);
  assert.equal(tms.zoomForResolution(1e9), 0);
  assert.equal(tms.zoomForResolution(10, { maxZoom: 12 }), 12);
  throwsApp(() => tms.zoomForResolution(0), 'InvalidParameter', /positive number/);
  throwsApp(() => tms.zoomForResolution(Number.NaN), 'InvalidParameter', /positive number/);
});

test('a dataset gets maxzoom from its resolution and minzoom from its coarsest theoretical overview', () => {
  // A Sentinel-2 tile in Web Mercator: 10980 px of 10 m. Halvings until min side ≤ 256: 10980 → 5490 → 2745 → 1372 →
  // 686 → 343 → 171: 6 levels, so 640 m, between z7 (1223 m) and z8 (611.5 m), nearer z8.
  assert.equal(maximumOverviewLevel(10980, 10980, 256), 6);
  assert.equal(maximumOverviewLevel(256, 100000, 256), 0);
  assert.equal(maximumOverviewLevel(257, 600, 256), 1);
  const tms = getTileMatrixSet('WebMercatorQuad');
  assert.deepEqual(datasetZoomRange(tms, { transform: [500000, 10, 0, 5000000, 0, -10], width: 10980, height: 10980 }), { minzoom: 8, maxzoom: 14 });
  throwsApp(() => maximumOverviewLevel(Number.POSITIVE_INFINITY, 10, 256), 'InvalidParameter', /cannot have overviews/);
  throwsApp(() => maximumOverviewLevel(0, 10, 256), 'InvalidParameter', /cannot have overviews/);
});

test('geographic bounds are clipped to the extent of the TileMatrixSet', () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  close(clipToTmsGeographicBounds([-200, -90, 200, 90], tms) ?? [], [-180, -MERCATOR_MAX_LAT, 180, MERCATOR_MAX_LAT], 1e-9);
  close(clipToTmsGeographicBounds([10, 20, 30, 40], tms) ?? [], [10, 20, 30, 40], 0);
  assert.equal(clipToTmsGeographicBounds([0, 86, 10, 90], tms), undefined);
  close(clipToTmsGeographicBounds([-200, -90, 200, 90], getTileMatrixSet('WorldCRS84Quad')) ?? [], [-180, -90, 180, 90], 0);
});

test('an EPSG:4326 dataset past ±85.06° is cropped there before warping to EPSG:3857, as rio-tiler 6 does', () => {
  const wgs84 = crsFromEpsg(4326);
  const mercator = crsFromEpsg(3857);
  // A world grid of 0.1°: 3600 × 1800. Cropped to ±85.06°: 170.12° / 0.1 = 1701.2 rows, rounded to 1701.
  const world = webMercatorSourceExtent(wgs84, mercator, [-180, 0.1, 0, 90, 0, -0.1], 3600, 1800);
  assert.equal(world.cropped, true);
  close(world.bounds, [-180, -85.06, 180, 85.06], 1e-12);
  assert.equal(world.width, 3600);
  assert.equal(world.height, 1701);
  // The same grid stored south-up (positive row step): rio-tiler crops it too.
  const southUp = webMercatorSourceExtent(wgs84, mercator, [-180, 0.1, 0, -90, 0, 0.1], 3600, 1800);
  assert.equal(southUp.cropped, true);
  assert.equal(southUp.height, 1701);
  // Within the limit, or another pair of CRSs: left alone.
  const europe = webMercatorSourceExtent(wgs84, mercator, [-10, 0.1, 0, 70, 0, -0.1], 400, 300);
  assert.deepEqual(europe, { bounds: [-10, 40, 30, 70], width: 400, height: 300, cropped: false });
  assert.equal(webMercatorSourceExtent(wgs84, crsFromEpsg(3395), [-180, 0.1, 0, 90, 0, -0.1], 3600, 1800).cropped, false);
});

test('Python rounding sends halves to the even neighbour', () => {
  assert.deepEqual([0.5, 1.5, 2.5, 2.4999, 2.5001, 1701.2].map(roundHalfEven), [0, 2, 2, 2, 3, 1701]);
});
