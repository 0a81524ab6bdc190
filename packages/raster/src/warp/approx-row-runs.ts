// The approximate transformer of one row of a warp block, as intervals instead of points: the same recursion as
// approxTransformRow (same exact points, same arithmetic, so the same bits), but an interpolated run is kept as its
// origin and slope, to be evaluated only at the columns a reader needs. Points transformed exactly are written to
// xs / ys / ok as approxTransformRow writes them.
import type { PointsTransform } from './approx-transformer.js';

/** The intervals of a row, in order and covering it: linear runs, or points to read from xs / ys / ok. */
export class RowRuns {
  count = 0;
  /** Interval r is [start[r], start[r + 1]) (the last ends at the row's end). */
  readonly start: Int32Array;
  /** 1 for a linear run: x = x0 + dx * (k - start), y = y0 + dy * (k - start) at column k. */
  readonly linear: Uint8Array;
  readonly x0: Float64Array;
  readonly y0: Float64Array;
  readonly dx: Float64Array;
  readonly dy: Float64Array;

  /** For rows of at most `width` points. */
  constructor(width: number) {
    const n = width + 1;
    this.start = new Int32Array(n);
    this.linear = new Uint8Array(n);
    this.x0 = new Float64Array(n);
    this.y0 = new Float64Array(n);
    this.dx = new Float64Array(n);
    this.dy = new Float64Array(n);
  }
}

/** Scratch for the three points transformed at each step. */
const P = new Float64Array(3);
const Q = new Float64Array(3);
const POK = new Uint8Array(3);

/**
 * The row of `n` points (blockX + k + 0.5, y) for k in [0, n), as GDALApproxTransform with `maxError` transforms it
 * through `exact`, into `runs`; points it transforms exactly go to `xs, ys, ok` (which must hold `n` points), and
 * `ok` is 1 along linear runs, as approxTransformRow leaves them.
 */
export function approxRowRuns(
  exact: PointsTransform,
  maxError: number,
  blockX: number,
  y: number,
  n: number,
  xs: Float64Array,
  ys: Float64Array,
  ok: Uint8Array,
  runs: RowRuns,
): void {
  runs.count = 0;
  const mid = (n - 1) >> 1;
  const last = n - 1;
  if (n <= 5 || maxError <= 0) {
    exactRange(exact, blockX, y, xs, ys, ok, runs, 0, n);
    return;
  }
  P[0] = blockX + 0 + 0.5;
  P[1] = blockX + mid + 0.5;
  P[2] = blockX + last + 0.5;
  Q.fill(y);
  exact(P, Q, POK, 0, 3);
  if (!POK[0] || !POK[1] || !POK[2]) {
    exactRange(exact, blockX, y, xs, ys, ok, runs, 0, n);
    return;
  }
  internal(exact, maxError, blockX, y, xs, ys, ok, runs, 0, n, P[0] as number, Q[0] as number, P[1] as number, Q[1] as number, P[2] as number, Q[2] as number);
}

/** Starts an interval at `start` read from the points (merged with one just before it). */
function pointsInterval(runs: RowRuns, start: number): void {
  const c = runs.count;
  if (c > 0 && runs.linear[c - 1] === 0) return;
  runs.start[c] = start;
  runs.linear[c] = 0;
  runs.count = c + 1;
}

/** [start, end) transformed exactly, as points. */
function exactRange(
  exact: PointsTransform,
  blockX: number,
  y: number,
  xs: Float64Array,
  ys: Float64Array,
  ok: Uint8Array,
  runs: RowRuns,
  start: number,
  end: number,
): void {
  if (end <= start) return;
  for (let k = start; k < end; k++) {
    xs[k] = blockX + k + 0.5;
    ys[k] = y;
  }
  exact(xs, ys, ok, start, end - start);
  pointsInterval(runs, start);
}

function setPoint(xs: Float64Array, ys: Float64Array, ok: Uint8Array, runs: RowRuns, k: number, x: number, y: number): void {
  xs[k] = x;
  ys[k] = y;
  ok[k] = 1;
  pointsInterval(runs, k);
}

function internal(
  exact: PointsTransform,
  maxError: number,
  blockX: number,
  y: number,
  xs: Float64Array,
  ys: Float64Array,
  ok: Uint8Array,
  runs: RowRuns,
  start: number,
  len: number,
  s0x: number,
  s0y: number,
  s1x: number,
  s1y: number,
  s2x: number,
  s2y: number,
): void {
  const nMiddle = (len - 1) >> 1;
  const mid = start + nMiddle;
  const end = start + len - 1;
  // The input x of column k is blockX + k + 0.5: differences of inputs are exact, as approxTransformRow computes them.
  const x0 = blockX + start + 0.5;
  const span = blockX + end + 0.5 - x0;
  const dx = (s2x - s0x) / span;
  const dy = (s2y - s0y) / span;
  const midDist = blockX + mid + 0.5 - x0;
  const error = Math.abs(s0x + dx * midDist - s1x) + Math.abs(s0y + dy * midDist - s1y);
  if (error <= maxError) {
    const c = runs.count;
    runs.start[c] = start;
    runs.linear[c] = 1;
    runs.x0[c] = s0x;
    runs.y0[c] = s0y;
    runs.dx[c] = dx;
    runs.dy[c] = dy;
    runs.count = c + 1;
    ok.fill(1, start, start + len);
    return;
  }
  const leftLen = nMiddle;
  const rightLen = len - nMiddle;
  const leftMid = start + ((nMiddle - 1) >> 1);
  const leftEnd = start + leftLen - 1;
  const rightMid = mid + ((rightLen - 1) >> 1);
  // Along one row, approxTransformRow goes to the exact transform exactly for the parts of 5 points or fewer.
  const baseLeft = leftLen <= 5;
  const baseRight = rightLen <= 5;
  P[0] = blockX + leftMid + 0.5;
  P[1] = blockX + leftEnd + 0.5;
  P[2] = blockX + rightMid + 0.5;
  Q.fill(y);
  POK.fill(1);
  if (!baseLeft && !baseRight) exact(P, Q, POK, 0, 3);
  else if (!baseLeft) exact(P, Q, POK, 0, 2);
  else if (!baseRight) exact(P, Q, POK, 2, 1);
  const m0x = P[0] as number;
  const m0y = Q[0] as number;
  const m1x = P[1] as number;
  const m1y = Q[1] as number;
  const m2x = P[2] as number;
  const m2y = Q[2] as number;
  const midOk = baseLeft ? baseRight || POK[2] === 1 : POK[0] === 1 && POK[1] === 1 && (baseRight || POK[2] === 1);
  if (!midOk) {
    // In column order: start, its interior, mid, mid's interior, end.
    // Here both halves have at least 3 points (a part of 5 or fewer next to one of 6 or more has 3 or more).
    setPoint(xs, ys, ok, runs, start, s0x, s0y);
    exactRange(exact, blockX, y, xs, ys, ok, runs, start + 1, start + leftLen);
    setPoint(xs, ys, ok, runs, mid, s1x, s1y);
    exactRange(exact, blockX, y, xs, ys, ok, runs, mid + 1, end);
    setPoint(xs, ys, ok, runs, end, s2x, s2y);
    return;
  }
  if (!baseLeft) {
    internal(exact, maxError, blockX, y, xs, ys, ok, runs, start, leftLen, s0x, s0y, m0x, m0y, m1x, m1y);
  } else {
    setPoint(xs, ys, ok, runs, start, s0x, s0y);
    exactRange(exact, blockX, y, xs, ys, ok, runs, start + 1, start + leftLen);
  }
  if (!baseRight) {
    internal(exact, maxError, blockX, y, xs, ys, ok, runs, mid, rightLen, s1x, s1y, m2x, m2y, s2x, s2y);
  } else {
    setPoint(xs, ys, ok, runs, mid, s1x, s1y);
    exactRange(exact, blockX, y, xs, ys, ok, runs, mid + 1, end);
    setPoint(xs, ys, ok, runs, end, s2x, s2y);
  }
}
