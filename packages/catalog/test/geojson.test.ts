import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geometryProblem } from '../src/stac/geojson.js';

const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];
const square3d = [
  [0, 0, 5],
  [1, 0, 5],
  [1, 1, 6],
  [0, 1, 6],
  [0, 0, 5],
];

const valid: { name: string; geometry: unknown }[] = [
  { name: 'a Point', geometry: { type: 'Point', coordinates: [10, 50] } },
  { name: 'a 3D Point', geometry: { type: 'Point', coordinates: [10, 50, 120.5] } },
  { name: 'a Point on the corners of the range', geometry: { type: 'Point', coordinates: [-180, 90] } },
  { name: 'a Point at 180, -90', geometry: { type: 'Point', coordinates: [180, -90] } },
  { name: 'a Point with a negative height', geometry: { type: 'Point', coordinates: [0, 0, -11034] } },
  { name: 'a MultiPoint of one point', geometry: { type: 'MultiPoint', coordinates: [[1, 2]] } },
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
    name: 'a LineString of two positions',
    geometry: {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    },
  },
  {
    name: 'a 3D LineString',
    geometry: {
      type: 'LineString',
      coordinates: [
        [0, 0, 0],
        [1, 1, 1],
        [2, 2, 2],
      ],
    },
  },
  {
    name: 'a MultiLineString',
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
        ],
      ],
    },
  },
  { name: 'a Polygon', geometry: { type: 'Polygon', coordinates: [square] } },
  { name: 'a 3D Polygon', geometry: { type: 'Polygon', coordinates: [square3d] } },
  {
    name: 'a Polygon with a hole',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [2, 2],
          [2, 3],
          [3, 3],
          [2, 2],
        ],
      ],
    },
  },
  {
    name: 'a Polygon whose ring has exactly four positions',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    },
  },
  {
    name: 'a MultiPolygon',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [square],
        [
          [
            [5, 5],
            [6, 5],
            [6, 6],
            [5, 5],
          ],
        ],
      ],
    },
  },
  { name: 'a 3D MultiPolygon', geometry: { type: 'MultiPolygon', coordinates: [[square3d]] } },
  {
    name: 'a GeometryCollection of every other type',
    geometry: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [1, 2] },
        { type: 'MultiPoint', coordinates: [[1, 2]] },
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
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
        { type: 'Polygon', coordinates: [square] },
        { type: 'MultiPolygon', coordinates: [[square]] },
      ],
    },
  },
  {
    name: 'a 3D GeometryCollection',
    geometry: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [1, 2, 3] },
        { type: 'Polygon', coordinates: [square3d] },
      ],
    },
  },
  { name: 'a geometry with extra members (bbox, foreign members)', geometry: { type: 'Point', coordinates: [1, 2], bbox: [1, 2, 1, 2], note: 'x' } },
];

const invalid: { name: string; geometry: unknown; problem: RegExp }[] = [
  { name: 'null', geometry: null, problem: /^geometry is not a GeoJSON geometry object$/ },
  { name: 'an array', geometry: [[0, 0]], problem: /^geometry is not a GeoJSON geometry object$/ },
  { name: 'a string', geometry: 'POINT(0 0)', problem: /not a GeoJSON geometry object/ },
  {
    name: 'an unknown type',
    geometry: { type: 'Circle', coordinates: [0, 0] },
    problem: /^geometry\.type is "Circle"; expected one of Point, .*GeometryCollection$/,
  },
  { name: 'a type in the wrong case', geometry: { type: 'point', coordinates: [0, 0] }, problem: /geometry\.type is "point"/ },
  { name: 'no type', geometry: { coordinates: [0, 0] }, problem: /geometry\.type is undefined; expected one of/ },
  { name: 'a Feature instead of a geometry', geometry: { type: 'Feature', geometry: null }, problem: /geometry\.type is "Feature"/ },
  { name: 'a Point without coordinates', geometry: { type: 'Point' }, problem: /^geometry\.coordinates is not a position/ },
  { name: 'a Polygon without coordinates', geometry: { type: 'Polygon' }, problem: /^geometry\.coordinates is not an array$/ },
  { name: 'a LineString without coordinates', geometry: { type: 'LineString' }, problem: /^geometry\.coordinates is not an array of positions$/ },
  {
    name: 'a Polygon whose ring is not closed',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    },
    problem: /^geometry\.coordinates\[0\] is not closed: its first and last positions differ$/,
  },
  {
    name: 'a Polygon whose ring closes in 2D but not in height',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0, 1],
          [1, 0, 1],
          [1, 1, 1],
          [0, 0, 2],
        ],
      ],
    },
    problem: /coordinates\[0\] is not closed/,
  },
  {
    name: 'a Polygon whose hole is not closed',
    geometry: {
      type: 'Polygon',
      coordinates: [
        square,
        [
          [0.2, 0.2],
          [0.3, 0.2],
          [0.3, 0.3],
          [0.2, 0.3],
        ],
      ],
    },
    problem: /^geometry\.coordinates\[1\] is not closed/,
  },
  {
    name: 'a Polygon whose ring has 3 positions',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
    },
    problem: /^geometry\.coordinates\[0\]: a linear ring needs at least 4 positions, got 3$/,
  },
  { name: 'a Polygon with no rings', geometry: { type: 'Polygon', coordinates: [] }, problem: /^geometry\.coordinates is empty$/ },
  {
    name: 'a LineString of 1 position',
    geometry: { type: 'LineString', coordinates: [[0, 0]] },
    problem: /^geometry\.coordinates: a LineString needs at least 2 positions, got 1$/,
  },
  {
    name: 'a MultiLineString with a line of 1 position',
    geometry: { type: 'MultiLineString', coordinates: [[[0, 0]]] },
    problem: /coordinates\[0\]: a LineString needs at least 2 positions, got 1/,
  },
  { name: 'an empty MultiLineString', geometry: { type: 'MultiLineString', coordinates: [] }, problem: /^geometry\.coordinates is empty$/ },
  { name: 'an empty MultiPoint', geometry: { type: 'MultiPoint', coordinates: [] }, problem: /a MultiPoint needs at least 1 positions, got 0/ },
  { name: 'an empty MultiPolygon', geometry: { type: 'MultiPolygon', coordinates: [] }, problem: /^geometry\.coordinates is empty$/ },
  { name: 'a MultiPolygon with an empty polygon', geometry: { type: 'MultiPolygon', coordinates: [[]] }, problem: /^geometry\.coordinates\[0\] is empty$/ },
  {
    name: 'a longitude of 181',
    geometry: { type: 'Point', coordinates: [181, 0] },
    problem: /^geometry\.coordinates \[181, 0\] is outside longitude \[-180, 180\]/,
  },
  { name: 'a longitude of -180.5', geometry: { type: 'Point', coordinates: [-180.5, 0] }, problem: /\[-180\.5, 0\] is outside longitude/ },
  { name: 'a latitude of -91', geometry: { type: 'Point', coordinates: [0, -91] }, problem: /\[0, -91\] is outside .*latitude \[-90, 90\]/ },
  {
    name: 'a latitude of 90.0001 deep in a MultiPolygon',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [square],
        [
          [
            [0, 0],
            [1, 0],
            [1, 90.0001],
            [0, 0],
          ],
        ],
      ],
    },
    problem: /^geometry\.coordinates\[1\]\[0\]\[2\] \[1, 90\.0001\] is outside/,
  },
  { name: 'swapped lat/lon that puts a latitude past 90', geometry: { type: 'Point', coordinates: [45, 120] }, problem: /\[45, 120\] is outside/ },
  { name: 'a NaN', geometry: { type: 'Point', coordinates: [Number.NaN, 0] }, problem: /^geometry\.coordinates holds .*, not a finite number$/ },
  { name: 'an Infinity', geometry: { type: 'Point', coordinates: [0, Number.POSITIVE_INFINITY] }, problem: /not a finite number/ },
  { name: 'a NaN height', geometry: { type: 'Point', coordinates: [0, 0, Number.NaN] }, problem: /not a finite number/ },
  {
    name: 'a number given as a string',
    geometry: { type: 'Point', coordinates: ['10', 50] },
    problem: /^geometry\.coordinates holds "10", not a finite number$/,
  },
  { name: 'a null in a position', geometry: { type: 'Point', coordinates: [10, null] }, problem: /holds null, not a finite number/ },
  {
    name: 'a position of 4 numbers',
    geometry: { type: 'Point', coordinates: [1, 2, 3, 4] },
    problem: /^geometry\.coordinates has 4 numbers; a position has 2 \(lon, lat\) or 3$/,
  },
  { name: 'a position of 1 number', geometry: { type: 'Point', coordinates: [1] }, problem: /has 1 numbers; a position has 2/ },
  { name: 'a Point whose coordinates are nested one level too deep', geometry: { type: 'Point', coordinates: [[1, 2]] }, problem: /has 1 numbers/ },
  {
    name: 'a LineString whose position is a number',
    geometry: { type: 'LineString', coordinates: [1, 2] },
    problem: /^geometry\.coordinates\[0\] is not a position/,
  },
  {
    name: 'a LineString mixing 2D and 3D positions',
    geometry: {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1, 1],
      ],
    },
    problem: /^geometry\.coordinates\[1\] mixes 2D and 3D positions$/,
  },
  {
    name: 'a GeometryCollection mixing 2D and 3D members',
    geometry: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [0, 0, 0] },
        { type: 'Point', coordinates: [1, 1] },
      ],
    },
    problem: /^geometry\.geometries\[1\]\.coordinates mixes 2D and 3D positions$/,
  },
  {
    name: 'a nested GeometryCollection',
    geometry: { type: 'GeometryCollection', geometries: [{ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }] }] },
    problem: /^geometry\.geometries\[0\]: nested GeometryCollections are not supported$/,
  },
  { name: 'an empty GeometryCollection', geometry: { type: 'GeometryCollection', geometries: [] }, problem: /^geometry\.geometries is empty$/ },
  {
    name: 'a GeometryCollection without geometries',
    geometry: { type: 'GeometryCollection', coordinates: [0, 0] },
    problem: /^geometry\.geometries is not an array$/,
  },
  {
    name: 'a GeometryCollection holding null',
    geometry: { type: 'GeometryCollection', geometries: [null] },
    problem: /^geometry\.geometries\[0\] is not a GeoJSON geometry object$/,
  },
  {
    name: 'a GeometryCollection with an invalid member',
    geometry: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [0, 0] },
        { type: 'Point', coordinates: [200, 0] },
      ],
    },
    problem: /^geometry\.geometries\[1\]\.coordinates \[200, 0\] is outside/,
  },
];

describe('geometryProblem', () => {
  for (const { name, geometry } of valid) {
    it(`accepts ${name}`, () => {
      assert.equal(geometryProblem(geometry), undefined);
    });
  }

  for (const { name, geometry, problem } of invalid) {
    it(`rejects ${name}, saying what is wrong`, () => {
      const message = geometryProblem(geometry);
      assert.equal(typeof message, 'string', `expected a problem for ${name}`);
      assert.match(message ?? '', problem);
    });
  }

  it('names NaN as NaN rather than as null', () => {
    assert.match(geometryProblem({ type: 'Point', coordinates: [Number.NaN, 0] }) ?? '', /holds NaN/);
  });
});
