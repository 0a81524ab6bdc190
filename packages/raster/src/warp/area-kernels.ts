// Area kernels (GDAL's average and mode warp kernels): the value of one warped-grid pixel from every source pixel
// its footprint overlaps. The footprint is the box spanned by two opposite corners of the pixel mapped to source
// pixel coordinates, as GDAL approximates it (exact for a pure scale, close for a smooth reprojection). The
// footprint never reaches beyond the source window, itself bounded by the warper's source pixel budget.
import type { TypedArray } from '../types.js';
import type { SourceBlock } from './kernels.js';

/**
 * Writes the bands' values for the footprint spanned by (ax, ay) and (bx, by) into `out` and returns whether any
 * valid source pixel contributed.
 */
export type AreaKernel = (block: SourceBlock, ax: number, ay: number, bx: number, by: number, out: Float64Array) => boolean;

const EPS = 1e-10;

/** Source pixels the footprint overlaps, clipped to the block, or undefined when none; local block indices. */
interface Footprint {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** The footprint's edges in local pixel coordinates, for the partial weights of the first and last rows/columns. */
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function footprint(block: SourceBlock, ax: number, ay: number, bx: number, by: number): Footprint | undefined {
  // A transform may flip an axis, so the corners are ordered here.
  const minX = Math.min(ax, bx) - block.x;
  const maxX = Math.max(ax, bx) - block.x;
  const minY = Math.min(ay, by) - block.y;
  const maxY = Math.max(ay, by) - block.y;
  if (!(maxX > 0 && maxY > 0 && minX < block.w && minY < block.h)) return undefined;
  const x0 = Math.max(Math.floor(minX + EPS), 0);
  let x1 = Math.min(Math.ceil(maxX - EPS), block.w);
  const y0 = Math.max(Math.floor(minY + EPS), 0);
  let y1 = Math.min(Math.ceil(maxY - EPS), block.h);
  // A footprint thinner than the EPS tolerance still takes the pixel it lies in.
  if (x0 === x1 && x1 < block.w) x1++;
  if (y0 === y1 && y1 < block.h) y1++;
  if (x0 >= x1 || y0 >= y1) return undefined;
  return { x0, x1, y0, y1, minX, maxX, minY, maxY };
}

/** The share of pixel `i` (of first..last-1) the interval [lo, hi] covers along one axis. */
function coverage(i: number, first: number, last: number, lo: number, hi: number): number {
  if (first + 1 === last) return 1;
  if (i === first) return Math.min(1, 1 - (lo - first));
  if (i + 1 === last) return Math.min(1, 1 - (last - hi));
  return 1;
}

/**
 * GDAL's average (3.1 and later): the mean of the valid pixels the footprint overlaps, each weighted by the share of
 * it the footprint covers, so a footprint that cuts pixels does not count them whole.
 */
export const averageKernel: AreaKernel = (block, ax, ay, bx, by, out) => {
  const f = footprint(block, ax, ay, bx, by);
  if (!f) return false;
  out.fill(0);
  let weight = 0;
  for (let y = f.y0; y < f.y1; y++) {
    const wy = coverage(y, f.y0, f.y1, f.minY, f.maxY);
    for (let x = f.x0; x < f.x1; x++) {
      const k = y * block.w + x;
      if (!block.valid[k]) continue;
      const w = wy * coverage(x, f.x0, f.x1, f.minX, f.maxX);
      weight += w;
      for (let b = 0; b < block.bands.length; b++) out[b] = (out[b] as number) + w * ((block.bands[b] as TypedArray)[k] as number);
    }
  }
  if (!(weight > 0)) return false;
  for (let b = 0; b < block.bands.length; b++) out[b] = (out[b] as number) / weight;
  return true;
};

/**
 * GDAL's mode: per band, the most frequent value among the valid pixels the footprint overlaps (unweighted
 * counts), scanning rows top to bottom and pixels left to right; on a tie the value that reached the highest count
 * first wins. Values are compared as float32, as GDAL does for non-byte data.
 */
export const modeKernel: AreaKernel = (block, ax, ay, bx, by, out) => {
  const f = footprint(block, ax, ay, bx, by);
  if (!f) return false;
  let any = false;
  const counts = new Map<number, number>();
  for (let b = 0; b < block.bands.length; b++) {
    const band = block.bands[b] as TypedArray;
    counts.clear();
    let best = Number.NaN;
    let bestCount = 0;
    for (let y = f.y0; y < f.y1; y++) {
      for (let x = f.x0; x < f.x1; x++) {
        const k = y * block.w + x;
        if (!block.valid[k]) continue;
        const v = Math.fround(band[k] as number);
        const c = (counts.get(v) ?? 0) + 1;
        counts.set(v, c);
        if (c > bestCount) {
          bestCount = c;
          best = v;
        }
      }
    }
    if (bestCount === 0) return false;
    any = true;
    out[b] = best;
  }
  return any;
};
