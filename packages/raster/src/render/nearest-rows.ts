// The pixel loops of the nearest read, for one 512 x 128 block of the warped grid once its source window is read:
// where each output pixel of a row comes from in the window, then the samples moved there as bits. Synchronous
// and apart from the async code that reads windows (loops compiled inside an async function run slower).

import type { TypedArray } from '../types.js';
import { approxRowRuns, RowRuns } from '../warp/approx-row-runs.js';
import { APPROX_MAX_ERROR, type PointsTransform } from '../warp/approx-transformer.js';
import type { PixelWindow } from '../warp/source-window.js';
import type { WindowPixels } from '../warp/types.js';
import { type BitsArray, bitsOf, bitsView } from './sample-bits.js';

/** GDAL's nearest kernel adds this before truncating. */
const EPS = 1e-10;
// Points are truncated with `| 0` (int32 arithmetic from there on): they are tested to lie in the window first, so
// they are >= 0 and below the window's far edge, well under 2^31, where `| 0` is Math.trunc.

/** The output of a nearest read and the scratch its rows share. */
export class NearestTarget {
  /** Output bands seen as bits, `outW * outH` samples each, holding the fill where nothing is written. */
  readonly out: BitsArray[];
  /** 255 where the output pixel holds data and no band is at nodata. */
  readonly mask: Uint8Array;
  readonly outW: number;
  /** Warped-grid column of each output column, row of each output row (sorted: nearest decimation). */
  readonly cols: Int32Array;
  readonly rows: Int32Array;
  readonly nodata: number | undefined;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly ok: Uint8Array;
  readonly runs: RowRuns;
  readonly index: Int32Array;
  /** Source column of each output column of the block, or -1, while rows keep the same columns (separable rows). */
  readonly colIx: Int32Array;
  /** The x part of the runs colIx was made for (count 0: none). */
  readonly colRuns: RowRuns;

  constructor(bands: TypedArray[], mask: Uint8Array, cols: Int32Array, rows: Int32Array, nodata: number | undefined, blockWidth: number) {
    this.out = bands.map(bitsView);
    this.mask = mask;
    this.outW = cols.length;
    this.cols = cols;
    this.rows = rows;
    this.nodata = nodata;
    this.xs = new Float64Array(blockWidth);
    this.ys = new Float64Array(blockWidth);
    this.ok = new Uint8Array(blockWidth);
    this.runs = new RowRuns(blockWidth);
    this.index = new Int32Array(this.outW);
    this.colIx = new Int32Array(this.outW);
    this.colRuns = new RowRuns(blockWidth);
  }
}

/**
 * Scratch for the states of a window, shared by all reads: writeBlock uses it synchronously, so reads running at
 * the same time never meet in it. Kept only up to a window of SHARED_PIXELS (larger ones get their own).
 */
const SHARED_PIXELS = 1 << 20;
let sharedState = new Uint8Array(0);
let sharedCount = new Uint16Array(0);

function stateScratch(n: number): { state: Uint8Array; count: Uint16Array } {
  if (n > SHARED_PIXELS) return { state: new Uint8Array(n), count: new Uint16Array(n) };
  if (sharedState.length < n) {
    sharedState = new Uint8Array(n);
    sharedCount = new Uint16Array(n);
  }
  return { state: sharedState.subarray(0, n), count: sharedCount.subarray(0, n) };
}

/** A block of the warped grid, in the level's pixels. */
export type GridBlock = PixelWindow;

/**
 * Writes output rows [j0, j1) x columns [i0, i1) (those whose grid pixels lie in `block`) from the window `win` of
 * the source level read for the block, through `transform` (grid pixel → source pixel) made approximate as GDAL's
 * WarpedVRT does, row by row.
 */
export function writeBlock(
  t: NearestTarget,
  transform: PointsTransform,
  block: GridBlock,
  j0: number,
  j1: number,
  i0: number,
  i1: number,
  win: PixelWindow,
  px: WindowPixels,
): void {
  const { out, mask, outW, rows, xs, ys, ok, runs, index } = t;
  const nb = out.length;
  const from = px.bands.map(bitsView);
  // A pixel with data but a band at nodata is copied and masked (rio-tiler masks where any band holds nodata).
  let state = px.valid;
  if (t.nodata !== undefined) {
    const scratch = stateScratch(px.valid.length);
    state = pixelStates(px.bands, px.valid, t.nodata, scratch.state, scratch.count);
  }
  // One band: the index loops copy the samples themselves (no second pass over the row).
  const single = nb === 1;
  const geometry: WindowGeometry = {
    x: win.x,
    y: win.y,
    w: win.w,
    h: win.h,
    state,
    from1: single ? (from[0] as BitsArray) : null,
    out1: single ? (out[0] as BitsArray) : null,
  };
  t.colRuns.count = 0;
  for (let j = j0; j < j1; j++) {
    const row = rows[j] as number;
    const o = j * outW;
    if (j > j0 && row === rows[j - 1]) {
      // The output repeats a grid row (an overview coarser than the output): copy the row above.
      for (let b = 0; b < nb; b++) (out[b] as BitsArray).copyWithin(o + i0, o - outW + i0, o - outW + i1);
      mask.copyWithin(o + i0, o - outW + i0, o - outW + i1);
      continue;
    }
    approxRowRuns(transform, APPROX_MAX_ERROR, block.x, row + 0.5, block.w, xs, ys, ok, runs);
    if (separable(runs)) {
      // The source row is the same along the row, and the source columns the same as on rows before (lon/lat or
      // same-CRS sources): the columns are found once, the row once per row.
      if (!sameColumns(runs, t.colRuns)) {
        columnIndexes(runs, t.cols, block.x, i0, i1, geometry, t.colIx);
        copyRuns(runs, t.colRuns);
      }
      separableIndexes(runs.y0[0] as number, t.colIx, i0, i1, geometry, index, mask, o);
    } else {
      rowIndexes(runs, xs, ys, ok, t.cols, block.x, i0, i1, geometry, index, mask, o);
    }
    if (!single) copyBands(from, out, index, i0, i1, o);
  }
}

/** What a window pixel gives the output: nothing (no data), its samples masked, or its samples (the mask's 255). */
export const NO_DATA = 0;
export const MASKED = 1;
export const KEPT = 255;

/**
 * The state of each pixel of a window: NO_DATA where not `valid` or where every band holds `nodata` (GDAL's
 * per-dataset nodata mask: the source may have left such pixels valid), MASKED where some band does, else KEPT.
 * NaN-aware; values compared, so -0 is 0. `count` is scratch of the window's size.
 */
export function pixelStates(bands: readonly TypedArray[], valid: Uint8Array, nodata: number, state: Uint8Array, count: Uint16Array): Uint8Array {
  count.fill(0);
  for (const band of bands) {
    const float = band instanceof Float32Array || band instanceof Float64Array;
    if (Number.isNaN(nodata)) countNan(band, count);
    else if (float && nodata === 0) countZero(band, count);
    // Equal values of one type have equal bits: compare them through the four kinds of bits views.
    else countBits(bitsView(band), bitsOf(band, nodata), count);
  }
  statesFromCounts(valid, count, bands.length, state);
  return state;
}

function countBits(bits: BitsArray, value: number, count: Uint16Array): void {
  for (let p = 0; p < count.length; p++) if (bits[p] === value) count[p] = (count[p] as number) + 1;
}

function countNan(band: TypedArray, count: Uint16Array): void {
  for (let p = 0; p < count.length; p++) if (Number.isNaN(band[p])) count[p] = (count[p] as number) + 1;
}

function countZero(band: TypedArray, count: Uint16Array): void {
  for (let p = 0; p < count.length; p++) if (band[p] === 0) count[p] = (count[p] as number) + 1;
}

/** States as literals: NO_DATA 0, MASKED 1, KEPT 255. */
function statesFromCounts(valid: Uint8Array, count: Uint16Array, bands: number, state: Uint8Array): void {
  for (let p = 0; p < state.length; p++) {
    const c = count[p] as number;
    state[p] = valid[p] === 0 || c === bands ? 0 : c > 0 ? 1 : 255;
  }
}

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
function separable(runs: RowRuns): boolean {
  const y = runs.y0[0] as number;
  for (let r = 0; r < runs.count; r++) {
    if (runs.linear[r] !== 1 || runs.dy[r] !== 0 || runs.y0[r] !== y) return false;
  }
  return true;
}

/** Both have the same intervals with the same x origin and slope (compared as bits: -0 is not 0, NaN is NaN). */
function sameColumns(a: RowRuns, b: RowRuns): boolean {
  if (a.count !== b.count) return false;
  for (let r = 0; r < a.count; r++) {
    if (a.start[r] !== b.start[r] || !Object.is(a.x0[r], b.x0[r]) || !Object.is(a.dx[r], b.dx[r])) return false;
  }
  return true;
}

function copyRuns(from: RowRuns, to: RowRuns): void {
  to.count = from.count;
  to.start.set(from.start.subarray(0, from.count));
  to.x0.set(from.x0.subarray(0, from.count));
  to.dx.set(from.dx.subarray(0, from.count));
}

/** For separable rows: the window column of each output column in [i0, i1), or -1 where x is off the window. */
function columnIndexes(runs: RowRuns, cols: Int32Array, blockX: number, i0: number, i1: number, win: WindowGeometry, colIx: Int32Array): void {
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
function separableIndexes(sy: number, colIx: Int32Array, i0: number, i1: number, win: WindowGeometry, index: Int32Array, mask: Uint8Array, o: number): void {
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

/** out[b][o + i] = from[b][index[i]] for every band b and i in [i0, i1) where index[i] >= 0 (others keep the fill). */
export function copyBands(from: readonly BitsArray[], out: readonly BitsArray[], index: Int32Array, i0: number, i1: number, o: number): void {
  // One pass for the usual band counts (RGB, RGBN): the index is read once for all bands.
  if (from.length === 3) {
    copy3(from[0] as BitsArray, from[1] as BitsArray, from[2] as BitsArray, out[0] as BitsArray, out[1] as BitsArray, out[2] as BitsArray, index, i0, i1, o);
    return;
  }
  if (from.length === 4) {
    const [f0, f1, f2, f3] = from as [BitsArray, BitsArray, BitsArray, BitsArray];
    const [o0, o1, o2, o3] = out as [BitsArray, BitsArray, BitsArray, BitsArray];
    copy4(f0, f1, f2, f3, o0, o1, o2, o3, index, i0, i1, o);
    return;
  }
  for (let b = 0; b < from.length; b++) copyRow(from[b] as BitsArray, out[b] as BitsArray, index, i0, i1, o);
}

/** out[o + i] = from[index[i]] for i in [i0, i1) where index[i] >= 0 (other pixels keep the fill). */
export function copyRow(from: BitsArray, out: BitsArray, index: Int32Array, i0: number, i1: number, o: number): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx >= 0) out[o + i] = from[idx] as number;
  }
}

function copy3(
  f0: BitsArray,
  f1: BitsArray,
  f2: BitsArray,
  o0: BitsArray,
  o1: BitsArray,
  o2: BitsArray,
  index: Int32Array,
  i0: number,
  i1: number,
  o: number,
): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx < 0) continue;
    o0[o + i] = f0[idx] as number;
    o1[o + i] = f1[idx] as number;
    o2[o + i] = f2[idx] as number;
  }
}

function copy4(
  f0: BitsArray,
  f1: BitsArray,
  f2: BitsArray,
  f3: BitsArray,
  o0: BitsArray,
  o1: BitsArray,
  o2: BitsArray,
  o3: BitsArray,
  index: Int32Array,
  i0: number,
  i1: number,
  o: number,
): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx < 0) continue;
    o0[o + i] = f0[idx] as number;
    o1[o + i] = f1[idx] as number;
    o2[o + i] = f2[idx] as number;
    o3[o + i] = f3[idx] as number;
  }
}
