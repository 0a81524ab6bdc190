// CRSs read from GeoKeys that GDAL wrote (gdal_create -a_srs), checked by transforming points with the result
// and comparing with GDAL/PROJ transforming the same points with the original definition.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '@pqe/common';
import { crsFromEpsg } from '../src/crs/crs.js';
import { crsFromGeoKeys, type GeoKeys } from '../src/crs/geokeys.js';
import { transformer } from '../src/crs/transformer.js';
import { gdalMissing, gdalTransform, geoKeysOf, limited } from './crs-gdal.js';

interface Case {
  name: string;
  srs: string;
  center: readonly [number, number];
  spread: readonly [number, number];
  /** Tolerance of the inverse, degrees (default 1e-8). */
  inverseTolerance?: number;
}

const cases: readonly Case[] = [
  {
    name: 'Transverse Mercator on WGS 84',
    srs: '+proj=tmerc +lat_0=10 +lon_0=7 +k=0.9995 +x_0=300000 +y_0=100000 +datum=WGS84 +units=m',
    center: [7, 10],
    spread: [3, 5],
  },
  {
    name: 'Transverse Mercator in US survey feet on an ellipsoid given by its axes',
    srs: '+proj=tmerc +lat_0=10 +lon_0=7 +k=0.9995 +x_0=300000 +y_0=100000 +a=6378000 +rf=299 +units=us-ft',
    center: [7, 10],
    spread: [3, 5],
  },
  {
    // GDAL writes a Helmert shift in its own GeogTOWGS84GeoKey; proj4 inverts it approximately (see crs-transform).
    name: 'Transverse Mercator on Bessel with a 7-parameter shift',
    srs: '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=0 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7',
    center: [9, 50],
    spread: [2, 3],
    inverseTolerance: 2e-8,
  },
  { name: 'UTM on GRS 80 (ProjectionGeoKey 16033)', srs: '+proj=utm +zone=33 +ellps=GRS80', center: [15, 45], spread: [2.5, 20] },
  {
    name: 'Lambert Conformal Conic 2SP on NAD83',
    srs: '+proj=lcc +lat_1=33 +lat_2=45 +lat_0=39 +lon_0=-96 +x_0=1000 +y_0=2000 +datum=NAD83',
    center: [-96, 39],
    spread: [20, 12],
  },
  {
    name: 'Lambert Conformal Conic 1SP',
    srs: '+proj=lcc +lat_1=45 +lat_0=45 +lon_0=-96 +k_0=0.999 +x_0=1000 +y_0=2000 +datum=WGS84',
    center: [-96, 45],
    spread: [20, 12],
  },
  {
    name: 'Albers Equal Area',
    srs: '+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=23 +lon_0=-96 +x_0=10 +y_0=20 +datum=NAD83',
    center: [-96, 38],
    spread: [25, 12],
  },
  {
    name: 'Polar Stereographic by latitude of true scale',
    srs: '+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +datum=WGS84',
    center: [-45, 75],
    spread: [90, 10],
  },
  {
    name: 'Polar Stereographic by scale at the pole',
    srs: '+proj=stere +lat_0=-90 +k=0.994 +lon_0=0 +x_0=2000000 +y_0=2000000 +datum=WGS84',
    center: [0, -78],
    spread: [90, 8],
  },
  { name: 'Lambert Azimuthal Equal Area', srs: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80', center: [10, 52], spread: [20, 15] },
  { name: 'Mercator 1SP', srs: '+proj=merc +lon_0=10 +k=0.997 +x_0=100 +y_0=200 +datum=WGS84', center: [10, 0], spread: [100, 60] },
  { name: 'Mercator 2SP', srs: '+proj=merc +lon_0=10 +lat_ts=20 +datum=WGS84', center: [10, 0], spread: [100, 60] },
  { name: 'Equirectangular', srs: '+proj=eqc +lat_ts=30 +lon_0=5 +x_0=7 +y_0=9 +datum=WGS84', center: [5, 0], spread: [150, 70] },
  { name: 'Sinusoidal on a sphere (MODIS)', srs: '+proj=sinu +lon_0=0 +R=6371007.181', center: [0, 0], spread: [100, 60] },
  { name: 'Cylindrical Equal Area', srs: '+proj=cea +lat_ts=30 +lon_0=0 +datum=WGS84', center: [0, 0], spread: [150, 60] },
];

function grid({ center, spread }: Case): [number, number][] {
  const points: [number, number][] = [];
  for (const fy of [-1, 0, 1]) for (const fx of [-1, 0, 1]) points.push([center[0] + fx * spread[0], center[1] + fy * spread[1]]);
  return points;
}

const missing = gdalMissing();

test('user-defined projected CRSs from GeoKeys transform as GDAL/PROJ transforms their definitions', async (t) => {
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'pqe-crs-'));
  try {
    const wgs84 = crsFromEpsg(4326);
    const results = await limited(
      4,
      cases.map((c, i) => async () => ({ keys: await geoKeysOf(join(dir, `${i}.tif`), c.srs), reference: await gdalTransform('EPSG:4326', c.srs, grid(c)) })),
    );
    cases.forEach((c, i) => {
      const result = results[i];
      assert.ok(result !== undefined);
      const crs = crsFromGeoKeys(result.keys);
      assert.equal(crs.id, undefined, c.name);
      assert.equal(crs.geographic, false, c.name);
      const toCrs = transformer(wgs84, crs);
      grid(c).forEach(([lon, lat], j) => {
        const [gx, gy] = result.reference[j] ?? [Number.NaN, Number.NaN];
        const [x, y] = toCrs.forward(lon, lat);
        assert.ok(
          Math.abs(x - gx) <= 1e-3 && Math.abs(y - gy) <= 1e-3,
          `${c.name}: forward (${lon}, ${lat}) ours (${x}, ${y}), GDAL (${gx}, ${gy}); ${crs.proj4}`,
        );
        const [blon, blat] = toCrs.inverse(gx, gy);
        const tolerance = c.inverseTolerance ?? 1e-8;
        assert.ok(
          Math.abs(blon - lon) <= tolerance && Math.abs(blat - lat) <= tolerance,
          `${c.name}: inverse (${gx}, ${gy}) ours (${blon}, ${blat}); ${crs.proj4}`,
        );
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('GeoTIFFs that name an EPSG CRS get that CRS, and user-defined geographic ones their ellipsoid', async (t) => {
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'pqe-crs-'));
  try {
    const named = await limited(
      4,
      ['EPSG:32631', 'EPSG:4326', 'EPSG:3857', 'EPSG:26915'].map((srs, i) => async () => [srs, await geoKeysOf(join(dir, `n${i}.tif`), srs)] as const),
    );
    for (const [srs, keys] of named) {
      const crs = crsFromGeoKeys(keys);
      assert.equal(crs.id, srs);
      assert.equal(crs.proj4, crsFromEpsg(Number(srs.slice(5))).proj4);
    }
    // A geographic CRS on an ellipsoid of its own: PROJ and proj4 both leave coordinates as they are (no datum).
    const custom = crsFromGeoKeys(await geoKeysOf(join(dir, 'g.tif'), '+proj=longlat +a=6378000 +b=6350000'));
    assert.equal(custom.geographic, true);
    assert.match(custom.proj4, /^\+proj=longlat \+a=6378000 \+rf=227\.78571428571/);
    assert.deepEqual(transformer(custom, crsFromEpsg(4326)).forward(12.5, 45.25), [12.5, 45.25]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a GeoTIFF in a projection pqe does not support gets an error that names the projection', async (t) => {
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'pqe-crs-'));
  try {
    const keys = await geoKeysOf(join(dir, 'r.tif'), '+proj=robin +lon_0=0 +datum=WGS84');
    assert.throws(
      () => crsFromGeoKeys(keys),
      (error: unknown) => error instanceof AppError && error.code === 'BadRequest' && /Robinson \(23\)/.test(error.message),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const badKeys: readonly (readonly [string, GeoKeys, RegExp])[] = [
  ['no GeoKeys at all', {}, /no coordinate reference system/],
  ['a geocentric model', { 1024: 3 }, /geocentric/],
  ['an EPSG code outside the registry', { 1024: 1, 3072: 2056 }, /EPSG:2056 is not a coordinate reference system pqe knows/],
  ['Oblique Mercator', { 1024: 1, 3072: 32767, 3075: 3, 2048: 4326 }, /Oblique Mercator \(3\)/],
  ['a user-defined projection without its method', { 1024: 1, 3072: 32767, 2048: 4326 }, /without ProjCoordTransGeoKey/],
  ['an unknown linear unit', { 1024: 1, 3072: 32767, 3075: 1, 3076: 9099, 2048: 4326 }, /linear unit EPSG:9099/],
  ['an unknown ellipsoid', { 1024: 2, 2048: 32767, 2050: 32767, 2056: 7777 }, /ellipsoid EPSG:7777/],
  ['a semi-major axis of 1 m', { 1024: 2, 2048: 32767, 2050: 32767, 2056: 32767, 2057: 1, 2059: 300 }, /semi-major axis of 1 m/],
  ['a TOWGS84 of 5 numbers', { 1024: 2, 2048: 32767, 2050: 32767, 2056: 7019, 2062: [1, 2, 3, 4, 5] }, /not 3 or 7 numbers/],
  ['text where a number belongs', { 1024: 'projected' }, /GeoKey 1024 .* where a number is expected/],
  ['geographic coordinates in grads', { 1024: 2, 2048: 32767, 2056: 7030, 2054: 9105 }, /angular units other than degrees/],
  ['an unknown prime meridian', { 1024: 2, 2048: 32767, 2056: 7030, 2051: 8902 }, /prime meridian EPSG:8902/],
  ['a polar stereographic CRS with a latitude of origin of 0', { 1024: 1, 3072: 32767, 3075: 15, 2048: 4326, 3081: 0 }, /latitude of origin of 0/],
];

for (const [what, keys, message] of badKeys) {
  test(`GeoKeys with ${what} are refused with a BadRequest that says so`, () => {
    assert.throws(
      () => crsFromGeoKeys(keys),
      (error: unknown) => error instanceof AppError && error.code === 'BadRequest' && message.test(error.message),
    );
  });
}
