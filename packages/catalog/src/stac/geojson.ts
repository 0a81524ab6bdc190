/** GeoJSON geometry types (RFC 7946), as the catalog stores them. */
export type Position = number[];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

export const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;

class GeometryProblem extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that `value` is a well-formed GeoJSON geometry in longitude/latitude: known type, positions of 2 or 3
 * finite numbers (the same count throughout), longitudes in [-180, 180] and latitudes in [-90, 90], lines of at
 * least two positions, closed rings of at least four. Returns what is wrong, or undefined when it is valid.
 */
export function geometryProblem(value: unknown): string | undefined {
  try {
    const dims = { value: 0 };
    checkGeometry(value, dims, 'geometry', 0);
    return undefined;
  } catch (error) {
    if (error instanceof GeometryProblem) return error.message;
    throw error;
  }
}

function checkPosition(value: unknown, dims: { value: number }, path: string): void {
  if (!Array.isArray(value)) throw new GeometryProblem(`${path} is not a position (an array of numbers)`);
  if (value.length < 2 || value.length > 3) throw new GeometryProblem(`${path} has ${value.length} numbers; a position has 2 (lon, lat) or 3`);
  for (const n of value) {
    if (typeof n !== 'number' || !Number.isFinite(n))
      throw new GeometryProblem(`${path} holds ${typeof n === 'number' ? String(n) : JSON.stringify(n)}, not a finite number`);
  }
  const [lon, lat] = value as [number, number];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new GeometryProblem(`${path} [${lon}, ${lat}] is outside longitude [-180, 180] / latitude [-90, 90]`);
  }
  if (dims.value === 0) dims.value = value.length;
  else if (dims.value !== value.length) throw new GeometryProblem(`${path} mixes 2D and 3D positions`);
}

function checkPositions(value: unknown, dims: { value: number }, path: string, min: number, what: string): void {
  if (!Array.isArray(value)) throw new GeometryProblem(`${path} is not an array of positions`);
  if (value.length < min) throw new GeometryProblem(`${path}: a ${what} needs at least ${min} positions, got ${value.length}`);
  value.forEach((position, i) => {
    checkPosition(position, dims, `${path}[${i}]`);
  });
}

function checkRing(value: unknown, dims: { value: number }, path: string): void {
  checkPositions(value, dims, path, 4, 'linear ring');
  const ring = value as number[][];
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first.length !== last.length || first.some((n, i) => n !== last[i])) {
    throw new GeometryProblem(`${path} is not closed: its first and last positions differ`);
  }
}

function checkArray(value: unknown, path: string, min = 0): unknown[] {
  if (!Array.isArray(value)) throw new GeometryProblem(`${path} is not an array`);
  if (value.length < min) throw new GeometryProblem(`${path} is empty`);
  return value;
}

function checkGeometry(value: unknown, dims: { value: number }, path: string, depth: number): void {
  if (!isObject(value)) throw new GeometryProblem(`${path} is not a GeoJSON geometry object`);
  const coordinates = value.coordinates;
  const at = `${path}.coordinates`;
  switch (value.type) {
    case 'Point':
      checkPosition(coordinates, dims, at);
      return;
    case 'MultiPoint':
      checkPositions(coordinates, dims, at, 1, 'MultiPoint');
      return;
    case 'LineString':
      checkPositions(coordinates, dims, at, 2, 'LineString');
      return;
    case 'MultiLineString':
      checkArray(coordinates, at, 1).forEach((line, i) => {
        checkPositions(line, dims, `${at}[${i}]`, 2, 'LineString');
      });
      return;
    case 'Polygon':
      checkArray(coordinates, at, 1).forEach((ring, i) => {
        checkRing(ring, dims, `${at}[${i}]`);
      });
      return;
    case 'MultiPolygon':
      checkArray(coordinates, at, 1).forEach((polygon, i) => {
        checkArray(polygon, `${at}[${i}]`, 1).forEach((ring, j) => {
          checkRing(ring, dims, `${at}[${i}][${j}]`);
        });
      });
      return;
    case 'GeometryCollection':
      if (depth > 0) throw new GeometryProblem(`${path}: nested GeometryCollections are not supported`);
      checkArray(value.geometries, `${path}.geometries`, 1).forEach((g, i) => {
        checkGeometry(g, dims, `${path}.geometries[${i}]`, depth + 1);
      });
      return;
    default:
      throw new GeometryProblem(`${path}.type is ${JSON.stringify(value.type)}; expected one of ${geometryTypes.join(', ')}`);
  }
}
