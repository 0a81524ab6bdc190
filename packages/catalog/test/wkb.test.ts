import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/database/database.js';
import { geometryToEwkbHex } from '../src/ingest/wkb.js';
import type { Geometry } from '../src/stac/geojson.js';
import { openTestPglite, type TestDatabase } from '../src/testing/test-databases.js';

const ring2d = [
  [10, 50],
  [10.25, 50],
  [10.25, 50.25],
  [10, 50.25],
  [10, 50],
];
const hole2d = [
  [10.1, 50.1],
  [10.1, 50.2],
  [10.2, 50.2],
  [10.1, 50.1],
];
const ring3d = [
  [0.1, 0.2, 100],
  [1.5, 0.2, 101.5],
  [1.5, 1.7, -3],
  [0.1, 0.2, 100],
];

const geometries: { name: string; geometry: Geometry }[] = [
  { name: 'a 2D Point', geometry: { type: 'Point', coordinates: [10, 50] } },
  { name: 'a 3D Point', geometry: { type: 'Point', coordinates: [10, 50, 1234.5] } },
  { name: 'a Point at 0.1, 0.30000000000000004', geometry: { type: 'Point', coordinates: [0.1, 0.30000000000000004] } },
  { name: 'a Point at 1e-7, -1e-7', geometry: { type: 'Point', coordinates: [1e-7, -1e-7] } },
  { name: 'a Point at -179.999999999, 89.999999999', geometry: { type: 'Point', coordinates: [-179.999999999, 89.999999999] } },
  { name: 'a Point at 180, -90', geometry: { type: 'Point', coordinates: [180, -90] } },
  { name: 'a Point at 0, 0', geometry: { type: 'Point', coordinates: [0, 0] } },
  { name: 'a Point with many significant digits', geometry: { type: 'Point', coordinates: [12.345678901234567, -45.67890123456789] } },
  { name: 'a 3D Point with a height of 0', geometry: { type: 'Point', coordinates: [1, 2, 0] } },
  {
    name: 'a 2D MultiPoint',
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3.5, -4.25],
      ],
    },
  },
  {
    name: 'a 3D MultiPoint',
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    },
  },
  {
    name: 'a 2D LineString',
    geometry: {
      type: 'LineString',
      coordinates: [
        [0.1, 0.1],
        [1e-7, 2e-7],
        [-179.999999999, 45],
      ],
    },
  },
  {
    name: 'a 3D LineString',
    geometry: {
      type: 'LineString',
      coordinates: [
        [0, 0, 0],
        [1, 1, 10],
      ],
    },
  },
  {
    name: 'a 2D MultiLineString of two lines',
    geometry: {
      type: 'MultiLineString',
      coordinates: [
        [
          [0, 0],
          [1, 1],
        ],
        [
          [2, 2],
          [3, 3],
          [4, 2],
        ],
      ],
    },
  },
  {
    name: 'a 3D MultiLineString',
    geometry: {
      type: 'MultiLineString',
      coordinates: [
        [
          [0, 0, 5],
          [1, 1, 6],
        ],
      ],
    },
  },
  { name: 'a 2D Polygon', geometry: { type: 'Polygon', coordinates: [ring2d] } },
  { name: 'a 2D Polygon with a hole', geometry: { type: 'Polygon', coordinates: [ring2d, hole2d] } },
  { name: 'a 3D Polygon', geometry: { type: 'Polygon', coordinates: [ring3d] } },
  {
    name: 'a Polygon across the antimeridian corner',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [179.999999999, -89.9],
          [-179.999999999, -89.9],
          [-179.999999999, -89.8],
          [179.999999999, -89.9],
        ],
      ],
    },
  },
  {
    name: 'a 2D MultiPolygon of two parts, one with a hole',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [ring2d, hole2d],
        [
          [
            [0, 0],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      ],
    },
  },
  {
    name: 'a 3D MultiPolygon',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [ring3d],
        [
          [
            [5, 5, 1],
            [6, 5, 1],
            [6, 6, 1],
            [5, 5, 1],
          ],
        ],
      ],
    },
  },
  {
    name: 'a 2D GeometryCollection of every other type',
    geometry: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [0.1, 0.2] },
        {
          type: 'MultiPoint',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
        },
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1e-7, 1],
          ],
        },
        {
          type: 'MultiLineString',
          coordinates: [
            [
              [0, 0],
              [1, 1],
            ],
          ],
        },
        { type: 'Polygon', coordinates: [ring2d, hole2d] },
        { type: 'MultiPolygon', coordinates: [[ring2d]] },
      ],
    },
  },
  {
    name: 'a 3D GeometryCollection',
    geometry: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [1, 2, 3] },
        { type: 'Polygon', coordinates: [ring3d] },
      ],
    },
  },
  { name: 'a GeometryCollection of one Point', geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [-179.999999999, 0] }] } },
];

describe('geometryToEwkbHex, read back by PostGIS', () => {
  let testDb: TestDatabase | undefined;
  const db = (): Database => {
    if (testDb === undefined) throw new Error('database not open yet');
    return testDb.db;
  };

  before(async () => {
    testDb = await openTestPglite();
  });

  after(async () => {
    await testDb?.dispose();
  });

  for (const { name, geometry } of geometries) {
    it(`gives back ${name} exactly, in SRID 4326`, async () => {
      const { rows } = await db().query<{ geojson: string; srid: number }>('SELECT ST_AsGeoJSON($1::geometry, 17) AS geojson, ST_SRID($1::geometry) AS srid', [
        geometryToEwkbHex(geometry),
      ]);
      assert.deepEqual(JSON.parse(rows[0]?.geojson ?? 'null'), geometry);
      assert.equal(rows[0]?.srid, 4326);
    });
  }

  for (const { name, geometry } of geometries) {
    it(`writes ${name} as the very bytes PostGIS writes for it`, async () => {
      const hex = geometryToEwkbHex(geometry);
      const { rows } = await db().query<{ hex: string }>("SELECT encode(ST_AsEWKB($1::geometry, 'NDR'), 'hex') AS hex", [hex]);
      assert.equal(rows[0]?.hex, hex);
    });
  }
});

describe('geometryToEwkbHex', () => {
  it('writes a 2D Point as little-endian EWKB with the SRID flag and 4326', () => {
    // 01: little endian; 01000020: Point with the SRID flag; e6100000: 4326; then two doubles.
    assert.equal(geometryToEwkbHex({ type: 'Point', coordinates: [1, 2] }), '0101000020e6100000000000000000f03f0000000000000040');
  });

  it('sets the Z flag for a 3D Point', () => {
    assert.equal(geometryToEwkbHex({ type: 'Point', coordinates: [1, 2, 3] }).slice(2, 10), '010000a0');
  });
});
