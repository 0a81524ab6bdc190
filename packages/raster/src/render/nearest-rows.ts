// The per-row loops of the nearest read: where each output pixel of a row comes from in a source window, then the
// samples moved there as bits. Each loop is one pass over a row segment of typed arrays, with no call per pixel.
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
 * For output columns [i0, i1): `index[i]` the window pixel under warped-grid column `cols[i]` (whose transformed
 * centre is `xs[k], ys[k]`, k = cols[i] - blockX, valid when ok[k]), or -1 where there is none or it holds no data;
 * `mask[o + i]` 255 or 0 accordingly. GDAL's nearest: the pixel containing the point; NaN fails every comparison.
 */
export function rowIndexes(
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
  const wx1 = wx0 + ww;
  const wy1 = wy0 + win.h;
  const lastX = ww - 1;
  const lastY = win.h - 1;
  const valid = win.valid;
  for (let i = i0; i < i1; i++) {
    const k = (cols[i] as number) - blockX;
    let idx = -1;
    if (ok[k] === 1) {
      const sx = xs[k] as number;
      const sy = ys[k] as number;
      if (sx >= wx0 && sy >= wy0 && sx + EPS <= wx1 && sy + EPS <= wy1) {
        const ix = Math.min(Math.trunc(sx + EPS) - wx0, lastX);
        const iy = Math.min(Math.trunc(sy + EPS) - wy0, lastY);
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
