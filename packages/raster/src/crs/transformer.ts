// Point transformers between two CRSs, cached per pair. proj4 does the general case; the pairs every web
// map tile needs (identity, WGS 84 <-> Web Mercator) use their closed formulas, which are exact.
import proj4 from 'proj4';
import type { Crs, Transformer } from '../types.js';
import { isWebMercator, isWgs84Geographic, sameCrs } from './crs.js';

/** A Transformer that also transforms coordinate arrays in place (points it cannot transform become NaN). */
export interface ArrayTransformer extends Transformer {
  forwardArrays(xs: Float64Array, ys: Float64Array): void;
  inverseArrays(xs: Float64Array, ys: Float64Array): void;
}

type PointFn = (x: number, y: number) => [number, number];

function arrayTransformer(forward: PointFn, inverse: PointFn): ArrayTransformer {
  const apply = (fn: PointFn, xs: Float64Array, ys: Float64Array): void => {
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) {
      const [x, y] = fn(xs[i] as number, ys[i] as number);
      xs[i] = x;
      ys[i] = y;
    }
  };
  return {
    forward,
    inverse,
    forwardArrays: (xs, ys) => apply(forward, xs, ys),
    inverseArrays: (xs, ys) => apply(inverse, xs, ys),
  };
}

const identity: ArrayTransformer = {
  forward: (x, y) => [x, y],
  inverse: (x, y) => [x, y],
  forwardArrays: () => {},
  inverseArrays: () => {},
};

/** Radius of the sphere of EPSG:3857, metres. */
const WEB_MERCATOR_RADIUS = 6378137;
const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

/** Longitudes past ±180° are wrapped back, as PROJ does (a hair of tolerance keeps ±180 itself). */
function wrapLongitude(lon: number): number {
  if (Math.abs(lon) <= 180 + 1e-10) return lon;
  return lon - 360 * Math.floor((lon + 180) / 360);
}

/** EPSG:4326 degrees → EPSG:3857 metres; the poles and beyond have no image (NaN). */
export function lonLatToWebMercator(lon: number, lat: number): [number, number] {
  if (!(Math.abs(lat) < 90) || !Number.isFinite(lon)) return [Number.NaN, Number.NaN];
  return [WEB_MERCATOR_RADIUS * wrapLongitude(lon) * D2R, WEB_MERCATOR_RADIUS * Math.asinh(Math.tan(lat * D2R))];
}

/** EPSG:3857 metres → EPSG:4326 degrees. */
export function webMercatorToLonLat(x: number, y: number): [number, number] {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return [Number.NaN, Number.NaN];
  return [wrapLongitude((x / WEB_MERCATOR_RADIUS) * R2D), Math.atan(Math.sinh(y / WEB_MERCATOR_RADIUS)) * R2D];
}

function proj4Transformer(from: Crs, to: Crs): ArrayTransformer {
  const converter = proj4(from.proj4, to.proj4);
  // proj4 throws on non-finite input and returns non-finite or undefined values where the projection fails.
  const call = (fn: (p: number[]) => number[], x: number, y: number): [number, number] => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return [Number.NaN, Number.NaN];
    try {
      const out = fn([x, y]);
      const ox = out[0];
      const oy = out[1];
      return ox === undefined || oy === undefined || !Number.isFinite(ox) || !Number.isFinite(oy) ? [Number.NaN, Number.NaN] : [ox, oy];
    } catch {
      return [Number.NaN, Number.NaN];
    }
  };
  const forward = (p: number[]): number[] => converter.forward(p);
  const inverse = (p: number[]): number[] => converter.inverse(p);
  return arrayTransformer(
    (x, y) => call(forward, x, y),
    (x, y) => call(inverse, x, y),
  );
}

function build(from: Crs, to: Crs): ArrayTransformer {
  if (sameCrs(from, to)) return identity;
  if (isWgs84Geographic(from) && isWebMercator(to)) return arrayTransformer(lonLatToWebMercator, webMercatorToLonLat);
  if (isWebMercator(from) && isWgs84Geographic(to)) return arrayTransformer(webMercatorToLonLat, lonLatToWebMercator);
  return proj4Transformer(from, to);
}

/** Distinct CRS pairs come from the files users open: keep the most recent ones only. */
const MAX_CACHED_PAIRS = 256;
const cache = new Map<string, ArrayTransformer>();

/** The transformer from one CRS to another (x = longitude / easting, y = latitude / northing on both sides). */
export function transformer(from: Crs, to: Crs): ArrayTransformer {
  const key = `${from.proj4}\n${to.proj4}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const created = build(from, to);
  cache.set(key, created);
  if (cache.size > MAX_CACHED_PAIRS) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return created;
}
