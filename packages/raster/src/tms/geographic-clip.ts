// Keeping geographic extents inside what a TileMatrixSet can represent. Web Mercator has no image of the poles:
// rio-tiler 6 crops EPSG:4326 datasets to ±85.06° of latitude before it works out their grid in EPSG:3857.
import { isWebMercator, isWgs84Geographic } from '../crs/crs.js';
import type { Crs, GeoTransform } from '../types.js';
import type { Bounds, TileMatrixSet } from './tile-matrix-set.js';

/** rio-tiler's latitude limit for EPSG:4326 datasets warped to EPSG:3857 (a little past Web Mercator's 85.0511°). */
export const WEB_MERCATOR_LATITUDE_LIMIT = 85.06;

/** Longitude / latitude bounds intersected with the TMS's geographic extent; undefined when they do not meet. */
export function clipToTmsGeographicBounds(bounds: Bounds, tms: TileMatrixSet): Bounds | undefined {
  const [tw, ts, te, tn] = tms.geographicBounds;
  const clipped: Bounds = [Math.max(bounds[0], tw), Math.max(bounds[1], ts), Math.min(bounds[2], te), Math.min(bounds[3], tn)];
  return clipped[0] < clipped[2] && clipped[1] < clipped[3] ? clipped : undefined;
}

/** A source grid as the warper sizes its output from: bounds in the source CRS and a size in pixels. */
export interface SourceExtent {
  bounds: Bounds;
  width: number;
  height: number;
  /** True when the latitudes were cropped. */
  cropped: boolean;
}

/** Bounds of a grid as rasterio gives them: from the transform, min / max of the corners when rotated. */
export function gridBounds(transform: GeoTransform, width: number, height: number): Bounds {
  const [c, a, b, f, d, e] = transform;
  if (b === 0 && d === 0) return [c, f + e * height, c + a * width, f];
  const xs = [c, c + b * height, c + a * width + b * height, c + a * width];
  const ys = [f, f + e * height, f + d * width + e * height, f + d * width];
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * The extent rio-tiler 6 uses for a dataset in EPSG:4326 warped to EPSG:3857 when it reaches past ±85.06°: the
 * latitudes are cropped there and the size is the rounded size of the cropped window. Other CRS pairs, and
 * datasets within the limit, keep their own bounds and size.
 */
export function webMercatorSourceExtent(source: Crs, target: Crs, transform: GeoTransform, width: number, height: number): SourceExtent {
  const bounds = gridBounds(transform, width, height);
  const [west, south, east, north] = bounds;
  if (!isWgs84Geographic(source) || !isWebMercator(target)) return { bounds, width, height, cropped: false };
  const limit = WEB_MERCATOR_LATITUDE_LIMIT;
  let cropped: Bounds;
  if (south < -limit || north > limit) cropped = [west, Math.max(south, -limit), east, Math.min(north, limit)];
  else if (south > limit || north < -limit) cropped = [west, Math.min(south, limit), east, Math.max(north, -limit)];
  else return { bounds, width, height, cropped: false };
  const window = windowFromBounds(cropped, transform);
  return { bounds: cropped, width: roundHalfEven(window.width), height: roundHalfEven(window.height), cropped: true };
}

/** The fractional pixel window of bounds in a grid, as rasterio 1.3 computes it (corners through the inverse affine). */
function windowFromBounds([left, bottom, right, top]: Bounds, transform: GeoTransform): { width: number; height: number } {
  const [c, a, b, f, d, e] = transform;
  const idet = 1 / (a * e - b * d);
  const ra = e * idet;
  const rb = -b * idet;
  const rd = -d * idet;
  const re = a * idet;
  const rc = -c * ra - f * rb;
  const rf = -c * rd - f * re;
  const cols: number[] = [];
  const rows: number[] = [];
  for (const [x, y] of [
    [left, top],
    [right, top],
    [right, bottom],
    [left, bottom],
  ] as const) {
    cols.push(x * ra + y * rb + rc);
    rows.push(x * rd + y * re + rf);
  }
  return { width: Math.max(Math.max(...cols) - Math.min(...cols), 0), height: Math.max(Math.max(...rows) - Math.min(...rows), 0) };
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
