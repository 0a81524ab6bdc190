import { type Geometry, geometryProblem, type Position } from '../stac/geojson.js';
import type { BboxLiteral, GeometryLiteral } from './ast.js';
import { bboxProblem } from './cql2-literals.js';
import { type GeometryKeyword, isGeometryKeyword } from './cql2-operators.js';
import type { WordToken } from './cql2-text-tokenizer.js';
import type { TokenStream } from './cql2-token-stream.js';

/** What one geometry literal has settled so far: its keyword for messages and how many coordinates a point has. */
interface Shape {
  readonly keyword: string;
  dims: number;
  readonly z: boolean;
}

/** A signed number (`signedNumericLiteral`); the tokenizer leaves signs as separate symbols. */
function readNumber(s: TokenStream): number {
  const sign = s.atSymbol('-') ? -1 : 1;
  if (s.atSymbol('-') || s.atSymbol('+')) s.next();
  const token = s.peek();
  if (token.kind !== 'number') s.failExpected('a number');
  s.next();
  const value = sign * token.value;
  return value === 0 ? 0 : value;
}

/** `x y [z]`, in CRS84: longitude, latitude and height. */
function readPoint(s: TokenStream, shape: Shape): Position {
  const first = s.peek();
  const position: number[] = [];
  const starts: number[] = [];
  while (position.length < 3 && !s.atSymbol(',') && !s.atSymbol(')')) {
    starts.push(s.peek().start);
    position.push(readNumber(s));
  }
  if (position.length < 2) s.fail(first, `a point has 2 or 3 coordinates (x y or x y z), found ${position.length}`);
  if (shape.dims === 0 && !shape.z) shape.dims = position.length;
  if (position.length !== shape.dims) {
    const why = shape.z ? `${shape.keyword} Z has 3` : `the first point of this ${shape.keyword} has ${shape.dims}`;
    s.fail(first, `this point has ${position.length} coordinates but ${why}`);
  }
  const [x, y] = position as [number, number];
  if (x < -180 || x > 180) s.fail(starts[0] as number, `longitude ${x} is outside [-180, 180]`);
  if (y < -90 || y > 90) s.fail(starts[1] as number, `latitude ${y} is outside [-90, 90]`);
  return position;
}

/** `( point, point, … )` with at least `min` points; rings must end where they start. */
function readPoints(s: TokenStream, shape: Shape, min: number, what: string, ring: boolean): Position[] {
  const open = s.expectSymbol('(', `"(" to start a ${what}`);
  const points = [readPoint(s, shape)];
  while (s.takeSymbol(',')) points.push(readPoint(s, shape));
  s.expectSymbol(')', () => `"," or ")" in the ${what} that starts at position ${s.positionOf(open)}`);
  if (points.length < min) s.fail(open, `a ${what} needs at least ${min} points, found ${points.length}`);
  const first = points[0] as Position;
  const last = points[points.length - 1] as Position;
  if (ring && first.some((n, i) => n !== last[i])) {
    s.fail(open, `this ${what} is not closed: it starts at (${first.join(' ')}) and ends at (${last.join(' ')})`);
  }
  return points;
}

/** `( item, item, … )` */
function readList<T>(s: TokenStream, what: string, item: () => T): T[] {
  const open = s.expectSymbol('(', `"(" to start the ${what}`);
  const items = [item()];
  while (s.takeSymbol(',')) items.push(item());
  s.expectSymbol(')', () => `"," or ")" in the ${what} that starts at position ${s.positionOf(open)}`);
  return items;
}

function readPolygon(s: TokenStream, shape: Shape): Position[][] {
  return readList(s, `${shape.keyword} rings`, () => readPoints(s, shape, 4, `${shape.keyword} ring`, true));
}

function readBody(s: TokenStream, keyword: GeometryKeyword, shape: Shape): Geometry {
  switch (keyword) {
    case 'POINT': {
      s.expectSymbol('(', '"(" after POINT');
      const coordinates = readPoint(s, shape);
      s.expectSymbol(')', '")" after the coordinates of the POINT');
      return { type: 'Point', coordinates };
    }
    case 'LINESTRING':
      return { type: 'LineString', coordinates: readPoints(s, shape, 2, 'LINESTRING', false) };
    case 'POLYGON':
      return { type: 'Polygon', coordinates: readPolygon(s, shape) };
    case 'MULTIPOINT':
      // Both `MULTIPOINT (1 2, 3 4)` and the standard's `MULTIPOINT ((1 2), (3 4))` are in use.
      return {
        type: 'MultiPoint',
        coordinates: readList(s, 'MULTIPOINT points', () => {
          if (!s.takeSymbol('(')) return readPoint(s, shape);
          const point = readPoint(s, shape);
          s.expectSymbol(')', '")" after the coordinates of the point');
          return point;
        }),
      };
    case 'MULTILINESTRING':
      return { type: 'MultiLineString', coordinates: readList(s, 'MULTILINESTRING lines', () => readPoints(s, shape, 2, 'line', false)) };
    case 'MULTIPOLYGON':
      return { type: 'MultiPolygon', coordinates: readList(s, 'MULTIPOLYGON polygons', () => readPolygon(s, shape)) };
    case 'GEOMETRYCOLLECTION':
      return {
        type: 'GeometryCollection',
        geometries: readList(s, 'GEOMETRYCOLLECTION members', () => {
          const member = s.peek();
          if (member.kind === 'word' && isGeometryKeyword(member.upper) && member.upper !== 'GEOMETRYCOLLECTION') {
            return readTagged(s, member, member.upper, shape);
          }
          return s.failExpected('a POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING or MULTIPOLYGON in the GEOMETRYCOLLECTION');
        }),
      };
  }
}

function readTagged(s: TokenStream, keyword: WordToken, type: GeometryKeyword, outer: Shape | undefined): Geometry {
  s.next();
  const z = s.takeWord('Z') !== undefined;
  if (s.atWord('EMPTY')) s.fail(s.peek(), `empty geometries (${type} EMPTY) are not supported`);
  const shape: Shape = outer ?? { keyword: type, dims: z ? 3 : 0, z };
  if (outer !== undefined && z) {
    if (outer.dims === 2) s.fail(keyword, `this ${type} Z is 3D but the GEOMETRYCOLLECTION holds 2D geometries`);
    outer.dims = 3;
  }
  return readBody(s, type, shape);
}

/**
 * Reads a WKT geometry literal (`POINT (1 2)`, `POLYGON Z ((…))`, …) starting at its keyword, into GeoJSON.
 * Points are checked to be CRS84 longitude/latitude, as `filter-crs` accepts nothing else.
 */
export function readWktGeometry(s: TokenStream, keyword: WordToken): GeometryLiteral {
  if (!isGeometryKeyword(keyword.upper)) return s.fail(keyword, `${keyword.text} is not a geometry type`);
  const geometry = readTagged(s, keyword, keyword.upper, undefined);
  const problem = geometryProblem(geometry);
  if (problem !== undefined) s.fail(keyword, `invalid ${keyword.upper}: ${problem.replace(/^geometry\.?/, '')}`);
  return { kind: 'geometry', geometry };
}

/** Reads `BBOX(west, south, east, north)` or `BBOX(west, south, minz, east, north, maxz)` starting at BBOX. */
export function readBbox(s: TokenStream, keyword: WordToken): BboxLiteral {
  s.next();
  const open = s.expectSymbol('(', '"(" after BBOX');
  const bbox = [readNumber(s)];
  while (s.takeSymbol(',')) bbox.push(readNumber(s));
  s.expectSymbol(')', () => `"," or ")" in the BBOX that starts at position ${s.positionOf(open)}`);
  const problem = bboxProblem(bbox);
  if (problem !== undefined) s.fail(keyword, problem);
  return { kind: 'bbox', bbox };
}
