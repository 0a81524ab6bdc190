// GDAL's approximate transformer (the one rasterio's WarpedVRT installs with a 0.125 pixel tolerance): along a
// row of destination pixels it transforms the first, middle and last points exactly and interpolates the rest
// linearly when the middle point is within tolerance, else splits the row in two and tries again. Which source
// pixel a destination pixel lands on depends on it, so it is reproduced step by step.

/** Transforms points in place (`xs[i], ys[i]` for i in [start, start + len)), setting ok[i] to 1 or 0. */
export type PointsTransform = (xs: Float64Array, ys: Float64Array, ok: Uint8Array, start: number, len: number) => void;

/** WarpedVRT's default `tolerance`, in source pixels. */
export const APPROX_MAX_ERROR = 0.125;

/**
 * Transforms the first `n` points of the row `xs, ys` (all `ys` equal) in place like GDALApproxTransform with
 * `maxError`.
 */
export function approxTransformRow(exact: PointsTransform, maxError: number, xs: Float64Array, ys: Float64Array, ok: Uint8Array, n: number): void {
  const mid = (n - 1) >> 1;
  const last = n - 1;
  if (n <= 5 || maxError <= 0 || ys[0] !== ys[last] || ys[0] !== ys[mid] || xs[0] === xs[last] || xs[0] === xs[mid]) {
    exact(xs, ys, ok, 0, n);
    return;
  }
  const sx = new Float64Array([xs[0] as number, xs[mid] as number, xs[last] as number]);
  const sy = new Float64Array([ys[0] as number, ys[mid] as number, ys[last] as number]);
  const sok = new Uint8Array(3);
  exact(sx, sy, sok, 0, 3);
  if (!sok[0] || !sok[1] || !sok[2]) {
    exact(xs, ys, ok, 0, n);
    return;
  }
  internal(exact, maxError, xs, ys, ok, 0, n, sx, sy);
}

function usesBase(xs: Float64Array, ys: Float64Array, start: number, len: number): boolean {
  const end = start + len - 1;
  const mid = start + ((len - 1) >> 1);
  return len <= 5 || ys[start] !== ys[end] || ys[start] !== ys[mid] || xs[start] === xs[end] || xs[start] === xs[mid];
}

/** Exact transform of the points in [from, to). */
function exactInterior(exact: PointsTransform, xs: Float64Array, ys: Float64Array, ok: Uint8Array, from: number, to: number): void {
  if (to > from) exact(xs, ys, ok, from, to - from);
}

function internal(
  exact: PointsTransform,
  maxError: number,
  xs: Float64Array,
  ys: Float64Array,
  ok: Uint8Array,
  start: number,
  len: number,
  sx: Float64Array,
  sy: Float64Array,
): void {
  const nMiddle = (len - 1) >> 1;
  const mid = start + nMiddle;
  const end = start + len - 1;
  const x0 = xs[start] as number;
  const span = (xs[end] as number) - x0;
  const s0x = sx[0] as number;
  const s0y = sy[0] as number;
  const dx = ((sx[2] as number) - s0x) / span;
  const dy = ((sy[2] as number) - s0y) / span;
  const midDist = (xs[mid] as number) - x0;
  const error = Math.abs(s0x + dx * midDist - (sx[1] as number)) + Math.abs(s0y + dy * midDist - (sy[1] as number));
  if (error <= maxError) {
    for (let i = len - 1; i >= 0; i--) {
      const d = (xs[start + i] as number) - x0;
      xs[start + i] = s0x + dx * d;
      ys[start + i] = s0y + dy * d;
      ok[start + i] = 1;
    }
    return;
  }
  const leftLen = nMiddle;
  const rightLen = len - nMiddle;
  const leftMid = start + ((nMiddle - 1) >> 1);
  const leftEnd = start + leftLen - 1;
  const rightMid = mid + ((rightLen - 1) >> 1);
  const baseLeft = usesBase(xs, ys, start, leftLen);
  const baseRight = usesBase(xs, ys, mid, rightLen);
  const mx = new Float64Array([xs[leftMid] as number, xs[leftEnd] as number, xs[rightMid] as number]);
  const my = new Float64Array([ys[leftMid] as number, ys[leftEnd] as number, ys[rightMid] as number]);
  const mok = new Uint8Array([1, 1, 1]);
  if (!baseLeft && !baseRight) exact(mx, my, mok, 0, 3);
  else if (!baseLeft) exact(mx, my, mok, 0, 2);
  else if (!baseRight) exact(mx, my, mok, 2, 1);
  const midOk = baseLeft ? baseRight || mok[2] === 1 : mok[0] === 1 && mok[1] === 1 && (baseRight || mok[2] === 1);
  if (!midOk) {
    if (leftLen > 2) exactInterior(exact, xs, ys, ok, start + 1, start + leftLen);
    if (rightLen > 2) exactInterior(exact, xs, ys, ok, mid + 1, end);
    setPoint(xs, ys, ok, start, s0x, s0y);
    setPoint(xs, ys, ok, mid, sx[1] as number, sy[1] as number);
    setPoint(xs, ys, ok, end, sx[2] as number, sy[2] as number);
    return;
  }
  if (!baseLeft) {
    internal(
      exact,
      maxError,
      xs,
      ys,
      ok,
      start,
      leftLen,
      new Float64Array([s0x, mx[0] as number, mx[1] as number]),
      new Float64Array([s0y, my[0] as number, my[1] as number]),
    );
  } else {
    if (leftLen > 1) exactInterior(exact, xs, ys, ok, start + 1, start + leftLen);
    setPoint(xs, ys, ok, start, s0x, s0y);
  }
  if (!baseRight) {
    internal(
      exact,
      maxError,
      xs,
      ys,
      ok,
      mid,
      rightLen,
      new Float64Array([sx[1] as number, mx[2] as number, sx[2] as number]),
      new Float64Array([sy[1] as number, my[2] as number, sy[2] as number]),
    );
  } else {
    if (rightLen > 2) exactInterior(exact, xs, ys, ok, mid + 1, end);
    setPoint(xs, ys, ok, mid, sx[1] as number, sy[1] as number);
    setPoint(xs, ys, ok, end, sx[2] as number, sy[2] as number);
  }
}

function setPoint(xs: Float64Array, ys: Float64Array, ok: Uint8Array, i: number, x: number, y: number): void {
  xs[i] = x;
  ys[i] = y;
  ok[i] = 1;
}
