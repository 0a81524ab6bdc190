// rio-tiler's feature read: the part under the geometry's bbox, then every pixel the geometry does not touch is
// masked (rasterio's rasterize with all_touched=True: a pixel is kept when its centre is inside a polygon or any
// edge of the polygon crosses it).
import { AppError } from '@pqe/common';
import { sameCrs } from '../crs/crs.js';
import { transformer } from '../crs/transformer.js';
import type { Bounds } from '../tms/tile-matrix-set.js';
import type { Crs } from '../types.js';
import type { ImageData } from './image-data.js';

type Position = readonly number[];
type Ring = readonly Position[];
export interface Geometry {
  type: string;
  coordinates?: unknown;
}
export interface Feature {
  type: string;
  geometry?: Geometry | null;
  coordinates?: unknown;
}

/** Vertices one feature may have: bounds the rasterizing work a request can ask for. */
export const MAX_FEATURE_VERTICES = 100_000;

/** The polygons (lists of rings) of a Feature, Polygon or MultiPolygon. */
export function featurePolygons(feature: Feature): Ring[][] {
  const geometry: Geometry | null | undefined = feature.type === 'Feature' ? feature.geometry : (feature as Geometry);
  if (!geometry) throw new AppError('InvalidParameter', 'The feature has no geometry.');
  let polygons: unknown;
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates;
  else throw new AppError('InvalidParameter', `A feature read needs a Polygon or MultiPolygon, not ${String(geometry.type).slice(0, 40)}.`);
  if (!Array.isArray(polygons)) throw new AppError('InvalidParameter', 'The geometry has no coordinates.');
  let count = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) throw new AppError('InvalidParameter', 'A polygon is a list of rings.');
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) throw new AppError('InvalidParameter', 'A polygon ring has at least four positions.');
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          throw new AppError('InvalidParameter', 'A position is at least two finite numbers.');
        }
      }
      count += ring.length;
      if (count > MAX_FEATURE_VERTICES) throw new AppError('InvalidParameter', `A feature may have at most ${MAX_FEATURE_VERTICES} vertices.`);
    }
  }
  return polygons as Ring[][];
}

export function featureBounds(feature: Feature): Bounds {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  for (const polygon of featurePolygons(feature)) {
    for (const ring of polygon) {
      for (const p of ring) {
        w = Math.min(w, p[0] as number);
        e = Math.max(e, p[0] as number);
        s = Math.min(s, p[1] as number);
        n = Math.max(n, p[1] as number);
      }
    }
  }
  return [w, s, e, n];
}

/** Masks (in place) the pixels of `image` the feature (in `shapeCrs`) does not touch. */
export function maskOutsideFeature(image: ImageData, feature: Feature, shapeCrs: Crs): void {
  const t = sameCrs(shapeCrs, image.crs) ? undefined : transformer(shapeCrs, image.crs);
  const { width, height } = image;
  const [bw, , be, bn] = image.bounds;
  const bs = image.bounds[1];
  const xRes = (be - bw) / width;
  const yRes = (bn - bs) / height;
  // Rings in pixel coordinates of the image.
  const rings: Float64Array[] = [];
  for (const polygon of featurePolygons(feature)) {
    for (const ring of polygon) {
      const xy = new Float64Array(ring.length * 2);
      ring.forEach((p, i) => {
        const [x, y] = t ? t.forward(p[0] as number, p[1] as number) : [p[0] as number, p[1] as number];
        xy[i * 2] = (x - bw) / xRes;
        xy[i * 2 + 1] = (bn - y) / yRes;
      });
      rings.push(xy);
    }
  }
  const inside = new Uint8Array(width * height);
  fillCentres(rings, inside, width, height);
  for (const ring of rings) traceEdges(ring, inside, width, height);
  for (let i = 0; i < inside.length; i++) if (!inside[i]) image.mask[i] = 0;
}

/** Even-odd scanline fill of the pixels whose centres are inside (all rings together: holes cancel). */
function fillCentres(rings: readonly Float64Array[], out: Uint8Array, width: number, height: number): void {
  const xs: number[] = [];
  for (let row = 0; row < height; row++) {
    const y = row + 0.5;
    xs.length = 0;
    for (const ring of rings) {
      const n = ring.length / 2;
      for (let i = 0; i + 1 < n; i++) {
        const y0 = ring[i * 2 + 1] as number;
        const y1 = ring[i * 2 + 3] as number;
        if (y0 <= y === y1 <= y) continue;
        const x0 = ring[i * 2] as number;
        const x1 = ring[i * 2 + 2] as number;
        xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil((xs[k] as number) - 0.5));
      const to = Math.min(width - 1, Math.floor((xs[k + 1] as number) - 0.5));
      if (to >= from) out.fill(1, row * width + from, row * width + to + 1);
    }
  }
}

/** Marks every pixel an edge of the ring passes through (a walk along the segment, cell by cell). */
function traceEdges(ring: Float64Array, out: Uint8Array, width: number, height: number): void {
  const n = ring.length / 2;
  for (let i = 0; i + 1 < n; i++) {
    const x0 = ring[i * 2] as number;
    const y0 = ring[i * 2 + 1] as number;
    const x1 = ring[i * 2 + 2] as number;
    const y1 = ring[i * 2 + 3] as number;
    const steps = Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) * 2) + 1;
    if (steps > 4 * (width + height)) {
      // A segment much longer than the image: walk only its part that can meet the image.
      walk(x0, y0, x1, y1, 4 * (width + height), out, width, height);
    } else walk(x0, y0, x1, y1, steps, out, width, height);
  }
}

function walk(x0: number, y0: number, x1: number, y1: number, steps: number, out: Uint8Array, width: number, height: number): void {
  for (let k = 0; k <= steps; k++) {
    const r = k / steps;
    const col = Math.floor(x0 + r * (x1 - x0));
    const row = Math.floor(y0 + r * (y1 - y0));
    if (col >= 0 && row >= 0 && col < width && row < height) out[row * width + col] = 1;
  }
}
