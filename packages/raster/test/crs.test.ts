// The CRS registry, CRS names and transformers: facts that need no GDAL (crs-transform.test.ts compares with it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '@pqe/common';
import { CRS84, crsFromEpsg, parseCrs } from '../src/crs/crs.js';
import { epsgCodes } from '../src/crs/epsg-registry.js';
import { transformer } from '../src/crs/transformer.js';

const range = (first: number, last: number): number[] => Array.from({ length: last - first + 1 }, (_, i) => first + i);

test('the registry holds every CRS the tiler is expected to meet', () => {
  const required = [
    4326,
    3857,
    3395,
    4269,
    4267,
    3035,
    4258,
    3978,
    5482,
    2193,
    5042,
    5041,
    27700,
    2154,
    3031,
    3413,
    6933,
    ...range(32601, 32660),
    ...range(32701, 32760),
    ...range(26901, 26923),
    ...range(26701, 26722),
    ...range(25828, 25838),
  ];
  const known = new Set(epsgCodes());
  for (const code of required) {
    assert.ok(known.has(code), `EPSG:${code}`);
    const crs = crsFromEpsg(code);
    assert.equal(crs.id, `EPSG:${code}`);
    // proj4 accepts the definition (it throws on what it cannot parse).
    transformer(crs, CRS84);
  }
  assert.equal(crsFromEpsg(4326).geographic, true);
  assert.equal(crsFromEpsg(32631).geographic, false);
  assert.match(crsFromEpsg(32760).proj4, /\+zone=60 \+south/);
  assert.match(crsFromEpsg(26722).proj4, /\+zone=22 \+ellps=clrk66/);
  assert.match(crsFromEpsg(25828).proj4, /\+zone=28 \+ellps=GRS80/);
});

test('CRS names in the forms users and OGC documents write them all parse', () => {
  for (const text of [
    'EPSG:4326',
    'epsg:4326',
    '4326',
    ' EPSG:4326 ',
    'http://www.opengis.net/def/crs/EPSG/0/4326',
    'urn:ogc:def:crs:EPSG::4326',
    'urn:ogc:def:crs:EPSG:9.8:4326',
  ]) {
    assert.equal(parseCrs(text).id, 'EPSG:4326', text);
  }
  for (const text of ['OGC:CRS84', 'CRS84', 'http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'urn:ogc:def:crs:OGC:1.3:CRS84']) {
    assert.equal(parseCrs(text), CRS84, text);
  }
  assert.equal(parseCrs('EPSG:900913').id, 'EPSG:3857');
});

test('unknown or malformed CRS names are refused with errors a user can act on', () => {
  const refused = (text: string, code: string, message: RegExp): void => {
    assert.throws(
      () => parseCrs(text),
      (error: unknown) => error instanceof AppError && error.code === code && message.test(error.message),
    );
  };
  refused('EPSG:2056', 'BadRequest', /EPSG:2056 is not a coordinate reference system pqe knows/);
  refused('WGS84', 'InvalidParameter', /"WGS84" is not a CRS pqe understands/);
  refused('EPSG:43.26', 'InvalidParameter', /not a CRS/);
  refused('x'.repeat(300), 'InvalidParameter', /at most 256 characters/);
});

test('WGS 84 to Web Mercator follows the spherical formulas: ±180° is ±π·R and the top edge is atan(sinh π)', () => {
  const t = transformer(crsFromEpsg(4326), crsFromEpsg(3857));
  const halfWorld = Math.PI * 6378137;
  const topLatitude = (Math.atan(Math.sinh(Math.PI)) * 180) / Math.PI;
  const [x, y] = t.forward(180, topLatitude);
  assert.ok(Math.abs(x - halfWorld) < 1e-6 && Math.abs(y - halfWorld) < 1e-6);
  const [lon, lat] = t.inverse(-halfWorld, -halfWorld);
  assert.ok(Math.abs(lon + 180) < 1e-12 && Math.abs(lat + topLatitude) < 1e-12);
  assert.deepEqual(t.forward(0, 0), [0, 0]);
  assert.ok(t.forward(10, 90).every(Number.isNaN));
  // Past the antimeridian, longitudes wrap as PROJ wraps them.
  assert.ok(Math.abs((t.forward(190, 0)[0] as number) - (t.forward(-170, 0)[0] as number)) < 1e-6);
});

test('UTM puts its central meridian at easting 500000 m on the equator', () => {
  // Zone 31: central meridian 6·31 − 183 = 3°; southern zones add 10 000 000 m of false northing.
  const [easting, northing] = transformer(CRS84, crsFromEpsg(32631)).forward(3, 0);
  assert.ok(Math.abs(easting - 500000) < 1e-6 && Math.abs(northing) < 1e-6);
  const [southEasting, southNorthing] = transformer(CRS84, crsFromEpsg(32731)).forward(3, 0);
  assert.ok(Math.abs(southEasting - 500000) < 1e-6 && Math.abs(southNorthing - 10000000) < 1e-6);
});

test('transformers are cached per pair, identity between EPSG:4326 and OGC:CRS84, and arrays transform in place', () => {
  const a = transformer(crsFromEpsg(4326), crsFromEpsg(32631));
  assert.equal(transformer(crsFromEpsg(4326), crsFromEpsg(32631)), a);
  const identity = transformer(crsFromEpsg(4326), CRS84);
  assert.deepEqual(identity.forward(12.25, -40.5), [12.25, -40.5]);
  const xs = new Float64Array([3, 3, Number.NaN]);
  const ys = new Float64Array([0, 45, 1]);
  a.forwardArrays(xs, ys);
  assert.deepEqual([xs[0], ys[0]], a.forward(3, 0));
  assert.deepEqual([xs[1], ys[1]], a.forward(3, 45));
  // Points proj4 cannot take come back as NaN instead of throwing.
  assert.ok(Number.isNaN(xs[2]) && Number.isNaN(ys[2]));
  assert.ok(a.forward(Number.POSITIVE_INFINITY, 0).every(Number.isNaN));
});
