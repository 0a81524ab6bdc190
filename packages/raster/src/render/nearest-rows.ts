// The per-row loops of the nearest read: where each output pixel of a row comes from in a source window, then the
// samples moved there as bits. Each loop is one pass over a row segment of typed arrays, with no call per pixel.
import type { RowRuns } from '../warp/approx-row-runs.js';
import type { BitsArray } from './sample-bits.js';

/** GDAL's nearest kernel adds this before truncating. */
const EPS = 1e-10;

/** A source window as read: its origin and size in the level's pixels, and per-pixel validity (255 / 0). */
export interface WindowGeometry {
  x: number;
  y: number;
  w: number;
  h: number;
  valid: Uint8Array;
}

/**
 * For output columns [i0, i1): `index[i]` the window pixel under warped-grid column `cols[i]` of the row, or -1 where
 * there is none or it holds no data; `mask[o + i]` 255 or 0 accordingly. Column k = cols[i] - blockX of the row maps
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
  const wx1 = wx0 + ww;
  const wy1 = wy0 + wh;
  const valid = win.valid;
  for (let i = i0; i < i1; i++) {
    const d = (cols[i] as number) - a;
    const sx = x0 + dx * d;
    const sy = y0 + dy * d;
    let idx = -1;
    // GDAL's nearest: the pixel containing the point (one on the window's far edge goes to the last pixel).
    if (sx >= wx0 && sy >= wy0 && sx + EPS <= wx1 && sy + EPS <= wy1) {
      const ix = Math.min(Math.trunc(sx + EPS) - wx0, ww - 1);
      const iy = Math.min(Math.trunc(sy + EPS) - wy0, wh - 1);
      const p = iy * ww + ix;
      if (valid[p] !== 0) idx = p;
    }
    index[i] = idx;
    mask[o + i] = idx >= 0 ? 255 : 0;
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
  const valid = win.valid;
  for (let i = i0; i < i1; i++) {
    const k = (cols[i] as number) - blockX;
    let idx = -1;
    if (ok[k] === 1) {
      const sx = xs[k] as number;
      const sy = ys[k] as number;
      if (sx >= wx0 && sy >= wy0 && sx + EPS <= wx1 && sy + EPS <= wy1) {
        const ix = Math.min(Math.trunc(sx + EPS) - wx0, ww - 1);
        const iy = Math.min(Math.trunc(sy + EPS) - wy0, wh - 1);
        const p = iy * ww + ix;
        if (valid[p] !== 0) idx = p;
      }
    }
    index[i] = idx;
    mask[o + i] = idx >= 0 ? 255 : 0;
  }
}

/** out[o + i] = from[index[i]] for i in [i0, i1) where index[i] >= 0 (other pixels keep the fill). */
export function copyRow(from: BitsArray, out: BitsArray, index: Int32Array, i0: number, i1: number, o: number): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx >= 0) out[o + i] = from[idx] as number;
  }
}

/** copyRow, also clearing the mask where the sample's bits are `nodata`'s (rio-tiler masks any band at nodata). */
export function copyRowMasking(from: BitsArray, out: BitsArray, index: Int32Array, i0: number, i1: number, o: number, nodata: number, mask: Uint8Array): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx < 0) continue;
    const v = from[idx] as number;
    out[o + i] = v;
    if (v === nodata) mask[o + i] = 0;
  }
}
