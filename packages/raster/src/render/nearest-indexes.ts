// Where each output pixel of a row comes from in a source window: GDAL's nearest kernel (the pixel containing the
// point the approximate transformer gives), over linear runs, exactly transformed points, or rows that stay on one
// source row. One pass over a row's columns each, typed arrays only.
import type { RowRuns } from '../warp/approx-row-runs.js';
import type { BitsArray } from './sample-bits.js';

/** GDAL's nearest kernel adds this before truncating. */
const EPS = 1e-10;
// Points are truncated with `| 0` (int32 arithmetic from there on): they are known to lie in the window first, so
// they are >= 0 and below the window's far edge, well under 2^31, where `| 0` is Math.trunc.

/** A source window as read: origin and size in the level's pixels, validity, and what the output keeps unmasked. */
export interface WindowGeometry {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Per pixel NO_DATA, MASKED or KEPT. */
  state: Uint8Array;
  /** For one band: its window and output samples, which the index loops copy as they go; else null. */
  from1: BitsArray | null;
  out1: BitsArray | null;
}

/**
 * For output columns [i0, i1): `index[i]` the window pixel under warped-grid column `cols[i]` of the row, or -1 where
 * there is none or it holds no data; `mask[o + i]` its keep flag, or 0. Column k = cols[i] - blockX of the row maps
 * to the source point `runs` gives (interpolated, or read from xs / ys where ok).
 */
export function rowIndexes(
  runs: RowRuns,
  xs: Float64Array,
  ys: Float64Array,
  ok: Uint8Array,
  cols: Int32Array,
  blockX: number,
  i0: number,
  i1: number,
  win: WindowGeometry,
  index: Int32Array,
  mask: Uint8Array,
  o: number,
): void {
  const count = runs.count;
  let i = i0;
  for (let r = 0; r < count && i < i1; r++) {
    // The output columns of interval r (columns are sorted).
    let iEnd = i1;
    if (r + 1 < count) {
      const end = (runs.start[r + 1] as number) + blockX;
      iEnd = i;
      while (iEnd < i1 && (cols[iEnd] as number) < end) iEnd++;
    }
    if (iEnd === i) continue;
    if (runs.linear[r] === 1) {
      linearIndexes(runs, r, cols, blockX, i, iEnd, win, index, mask, o);
    } else {
      pointIndexes(xs, ys, ok, cols, blockX, i, iEnd, win, index, mask, o);
    }
    i = iEnd;
  }
}

/** rowIndexes over a linear run r: the point of column k is (x0 + dx * d, y0 + dy * d), d = k - the run's start. */
function linearIndexes(
  runs: RowRuns,
  r: number,
  cols: Int32Array,
  blockX: number,
  i0: number,
  i1: number,
  win: WindowGeometry,
  index: Int32Array,
  mask: Uint8Array,
  o: number,
): void {
  const a = (runs.start[r] as number) + blockX;
  const x0 = runs.x0[r] as number;
  const y0 = runs.y0[r] as number;
  const dx = runs.dx[r] as number;
  const dy = runs.dy[r] as number;
  const wx0 = win.x;
  const wy0 = win.y;
  const ww = win.w;
  const wh = win.h;
  // GDAL's nearest takes the pixel containing the point, when x0 <= x, x + eps <= x1 and likewise for y. Along a
  // run the point moves monotonically (x0 + dx * d rounds monotonically in d), so each test holds on a prefix or a
  // suffix of the columns and all four on one interval [lo, hi): found once, no test per pixel.
  const x = insideInterval(cols, a, x0, dx, wx0, wx0 + ww, i0, i1);
  const y = insideInterval(cols, a, y0, dy, wy0, wy0 + wh, i0, i1);
  const lo = Math.max(x & 0xffff, y & 0xffff);
  const hi = Math.max(lo, Math.min(x >>> 16, y >>> 16));
  // Loops, not fill(): a row is short and fill() is a costly call for few elements.
  for (let i = i0; i < lo; i++) {
    index[i] = -1;
    mask[o + i] = 0;
  }
  for (let i = hi; i < i1; i++) {
    index[i] = -1;
    mask[o + i] = 0;
  }
  const state = win.state;
  const from1 = win.from1;
  const out1 = win.out1;
  for (let i = lo; i < hi; i++) {
    const d = (cols[i] as number) - a;
    // A point on the window's far edge (x + eps = x1) goes to the last pixel.
    const ix = Math.min(((x0 + dx * d + EPS) | 0) - wx0, ww - 1);
    const iy = Math.min(((y0 + dy * d + EPS) | 0) - wy0, wh - 1);
    const p = iy * ww + ix;
    const st = state[p] as number;
    // States as literals: NO_DATA 0, KEPT 255 (module constants cost a load and a check per use in a hot loop).
    index[i] = st !== 0 ? p : -1;
    mask[o + i] = st === 255 ? 255 : 0;
    if (out1 !== null && st !== 0) out1[o + i] = (from1 as BitsArray)[p] as number;
  }
}

/**
 * The columns [lo, hi) of [i0, i1) where c = c0 + dc * (cols[i] - a) satisfies lower <= c and c + EPS <= upper,
 * packed as lo | hi << 16 (output widths are under 2^16). c is monotonic in i, so each test holds on a prefix or a
 * suffix: a binary search finds where it changes, evaluating c exactly as the pixel loop does.
 */
function insideInterval(cols: Int32Array, a: number, c0: number, dc: number, lower: number, upper: number, i0: number, i1: number): number {
  let lo = i0;
  let hi = i1;
  if (dc > 0) {
    lo = firstWhere(cols, a, c0, dc, i0, i1, lower, ABOVE_LOWER);
    hi = firstWhere(cols, a, c0, dc, i0, i1, upper, PAST_UPPER);
  } else if (dc < 0) {
    hi = firstWhere(cols, a, c0, dc, i0, i1, lower, BELOW_LOWER);
    lo = firstWhere(cols, a, c0, dc, i0, i1, upper, WITHIN_UPPER);
  } else if (i1 > i0) {
    // dc is 0 (or -0): c is the same at every column.
    const c = c0 + dc * ((cols[i0] as number) - a);
    if (!(c >= lower && c + EPS <= upper)) hi = lo;
  }
  if (hi < lo) hi = lo;
  return lo | (hi << 16);
}

const ABOVE_LOWER = 0;
const PAST_UPPER = 1;
const BELOW_LOWER = 2;
const WITHIN_UPPER = 3;

/** The first i in [from, to) where the test holds (false then true along i), or `to`. */
function firstWhere(cols: Int32Array, a: number, c0: number, dc: number, from: number, to: number, bound: number, test: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = c0 + dc * ((cols[mid] as number) - a);
    let holds: boolean;
    if (test === ABOVE_LOWER) holds = c >= bound;
    else if (test === PAST_UPPER) holds = c + EPS > bound;
    else if (test === BELOW_LOWER) holds = c < bound;
    else holds = c + EPS <= bound;
    if (holds) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** All intervals are linear runs along one source row (dy = 0, the same y): source y does not change along the row. */
export function separable(runs: RowRuns): boolean {
  const y = runs.y0[0] as number;
  for (let r = 0; r < runs.count; r++) {
    if (runs.linear[r] !== 1 || runs.dy[r] !== 0 || runs.y0[r] !== y) return false;
  }
  return true;
}

/** Both have the same intervals with the same x origin and slope (compared as bits: -0 is not 0, NaN is NaN). */
export function sameColumns(a: RowRuns, b: RowRuns): boolean {
  if (a.count !== b.count) return false;
  for (let r = 0; r < a.count; r++) {
    if (a.start[r] !== b.start[r] || !Object.is(a.x0[r], b.x0[r]) || !Object.is(a.dx[r], b.dx[r])) return false;
  }
  return true;
}

export function copyRuns(from: RowRuns, to: RowRuns): void {
  to.count = from.count;
  to.start.set(from.start.subarray(0, from.count));
  to.x0.set(from.x0.subarray(0, from.count));
  to.dx.set(from.dx.subarray(0, from.count));
}

/** For separable rows: the window column of each output column in [i0, i1), or -1 where x is off the window. */
export function columnIndexes(runs: RowRuns, cols: Int32Array, blockX: number, i0: number, i1: number, win: WindowGeometry, colIx: Int32Array): void {
  const wx0 = win.x;
  const ww = win.w;
  const wx1 = wx0 + ww;
  const count = runs.count;
  let i = i0;
  for (let r = 0; r < count && i < i1; r++) {
    const end = r + 1 < count ? (runs.start[r + 1] as number) + blockX : Number.POSITIVE_INFINITY;
    const a = (runs.start[r] as number) + blockX;
    const x0 = runs.x0[r] as number;
    const dx = runs.dx[r] as number;
    for (; i < i1 && (cols[i] as number) < end; i++) {
      const sx = x0 + dx * ((cols[i] as number) - a);
      colIx[i] = sx >= wx0 && sx + EPS <= wx1 ? Math.min(((sx + EPS) | 0) - wx0, ww - 1) : -1;
    }
  }
}

/** rowIndexes for a separable row at source y `sy`, with the window columns of colIx. */
export function separableIndexes(
  sy: number,
  colIx: Int32Array,
  i0: number,
  i1: number,
  win: WindowGeometry,
  index: Int32Array,
  mask: Uint8Array,
  o: number,
): void {
  const wy0 = win.y;
  const wh = win.h;
  if (!(sy >= wy0 && sy + EPS <= wy0 + wh)) {
    // Loops, not fill(): a row is short and fill() is a costly call for few elements.
    for (let i = i0; i < i1; i++) {
      index[i] = -1;
      mask[o + i] = 0;
    }
    return;
  }
  const base = Math.min(((sy + EPS) | 0) - wy0, wh - 1) * win.w;
  const state = win.state;
  const from1 = win.from1;
  const out1 = win.out1;
  for (let i = i0; i < i1; i++) {
    const c = colIx[i] as number;
    let idx = -1;
    let m = 0;
    if (c >= 0) {
      const p = base + c;
      const st = state[p] as number;
      if (st !== 0) {
        idx = p;
        if (st === 255) m = 255;
        if (out1 !== null) out1[o + i] = (from1 as BitsArray)[p] as number;
      }
    }
    index[i] = idx;
    mask[o + i] = m;
  }
}

/** rowIndexes over points transformed exactly (read from xs / ys where ok; NaN fails every comparison). */
function pointIndexes(
  xs: Float64Array,
  ys: Float64Array,
  ok: Uint8Array,
  cols: Int32Array,
  blockX: number,
  i0: number,
  i1: number,
  win: WindowGeometry,
  index: Int32Array,
  mask: Uint8Array,
  o: number,
): void {
  const wx0 = win.x;
  const wy0 = win.y;
  const ww = win.w;
  const wh = win.h;
  const wx1 = wx0 + ww;
  const wy1 = wy0 + wh;
  const state = win.state;
  const from1 = win.from1;
  const out1 = win.out1;
  for (let i = i0; i < i1; i++) {
    const k = (cols[i] as number) - blockX;
    let idx = -1;
    let m = 0;
    if (ok[k] === 1) {
      const sx = xs[k] as number;
      const sy = ys[k] as number;
      if (sx >= wx0 && sy >= wy0 && sx + EPS <= wx1 && sy + EPS <= wy1) {
        const ix = Math.min(((sx + EPS) | 0) - wx0, ww - 1);
        const iy = Math.min(((sy + EPS) | 0) - wy0, wh - 1);
        const p = iy * ww + ix;
        const st = state[p] as number;
        if (st !== 0) {
          idx = p;
          if (st === 255) m = 255;
          if (out1 !== null) out1[o + i] = (from1 as BitsArray)[p] as number;
        }
      }
    }
    index[i] = idx;
    mask[o + i] = m;
  }
}
