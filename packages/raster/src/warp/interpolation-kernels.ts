// GDAL's bilinear and cubic warp kernels (GDAL 3.8), as its warper applies them to one chunk: the point's source
// position, in the pixels of the chunk's source window, and the chunk's scale (see kernel-scale.ts) decide the
// path. At a scale of 0.95 or more on both axes the kernel is the plain 2x2 (bilinear) or 4x4 (cubic) one; below,
// the filter is stretched by 1/scale over more taps and normalised by the sum of its weights. A chunk with a
// validity mask (nodata, an internal mask) takes the masked paths: invalid taps are left out and the weights
// renormalised, cubic falls back to bilinear as soon as one of its 16 taps is invalid or outside the window, and
// the point is no data when the pixel it falls in is invalid. Arithmetic follows GDAL's order of operations so
// that integer results round the same way.
import type { TypedArray } from '../types.js';
import type { Kernel, SourceBlock } from './kernels.js';

/** A separable filter's weight at a distance, in (stretched) source pixels. */
type Filter = (d: number) => number;

/** The triangle filter, radius 1. */
export function triangle(d: number): number {
  const a = Math.abs(d);
  return a <= 1 ? 1 - a : 0;
}

/** Keys' cubic convolution filter with a = -0.5 (Catmull-Rom), radius 2, in GDAL's factored form. */
export function catmullRom(d: number): number {
  const a = Math.abs(d);
  const d2 = d * d;
  if (a <= 1) return d2 * (1.5 * a - 2.5) + 1;
  if (a <= 2) return d2 * (-0.5 * a + 2.5) - 4 * a + 2;
  return 0;
}

/** The four cubic weights of the taps at -1, 0, 1, 2 for a point `t` (0..1) past tap 0, as GDAL factors them. */
function cubicWeights(t: number, w: Float64Array): void {
  const half = 0.5 * t;
  const half2 = half * t;
  const three = 3 * t;
  w[0] = half * (-1 + t * (2 - t));
  w[1] = 1 + half2 * (-5 + three);
  w[2] = half * (1 + t * (4 - three));
  w[3] = half2 * (-1 + t);
}

const SCRATCH_X = new Float64Array(4);
const SCRATCH_Y = new Float64Array(4);
const ROWS = new Float64Array(4);
/** Column weights of the stretched filter, for radii up to the warper's bound on the scale. */
let columnWeights = new Float64Array(64);

function band(block: SourceBlock, b: number): TypedArray {
  return block.bands[b] as TypedArray;
}

/**
 * The masked 2x2 bilinear (GWKBilinearResample4Sample): taps outside the window or invalid are left out and the
 * others renormalised; a point left of (above) the first pixel centre takes the first column (row) whole.
 */
function bilinearMasked(block: SourceBlock, sx: number, sy: number, out: Float64Array): boolean {
  const { w, h, valid } = block;
  let ix = Math.floor(sx - 0.5);
  let iy = Math.floor(sy - 0.5);
  let rx = 1.5 - (sx - ix);
  let ry = 1.5 - (sy - iy);
  if (ix === -1) {
    ix = 0;
    rx = 1;
  }
  if (iy === -1) {
    iy = 0;
    ry = 1;
  }
  // Taps in GDAL's order: upper left, upper right, lower left, lower right.
  const k0 = iy * w + ix;
  const upper = iy >= 0 && iy < h;
  const lower = iy + 1 >= 0 && iy + 1 < h;
  const left = ix >= 0 && ix < w;
  const right = ix + 1 >= 0 && ix + 1 < w;
  const ul = upper && left && valid[k0] !== 0;
  const ur = upper && right && valid[k0 + 1] !== 0;
  const ll = lower && left && valid[k0 + w] !== 0;
  const lr = lower && right && valid[k0 + w + 1] !== 0;
  const wul = rx * ry;
  const wur = (1 - rx) * ry;
  const wll = rx * (1 - ry);
  const wlr = (1 - rx) * (1 - ry);
  let divisor = 0;
  if (ul) divisor += wul;
  if (ur) divisor += wur;
  if (ll) divisor += wll;
  if (lr) divisor += wlr;
  if (divisor !== 1 && divisor < 0.00001) return false;
  for (let b = 0; b < block.bands.length; b++) {
    const v = band(block, b);
    let acc = 0;
    if (ul) acc += (v[k0] as number) * wul;
    if (ur) acc += (v[k0 + 1] as number) * wur;
    if (ll) acc += (v[k0 + w] as number) * wll;
    if (lr) acc += (v[k0 + w + 1] as number) * wlr;
    out[b] = divisor === 1 ? acc : acc / divisor;
  }
  return true;
}

/** The 2x2 bilinear of a chunk without masks (GWKBilinearResampleNoMasks4SampleT). */
function bilinearPlain(block: SourceBlock, sx: number, sy: number, out: Float64Array): boolean {
  const { w, h } = block;
  const ix = Math.floor(sx - 0.5);
  const iy = Math.floor(sy - 0.5);
  const rx = 1.5 - (sx - ix);
  const ry = 1.5 - (sy - iy);
  const k0 = iy * w + ix;
  if (ix >= 0 && ix + 1 < w && iy >= 0 && iy + 1 < h) {
    for (let b = 0; b < block.bands.length; b++) {
      const v = band(block, b);
      out[b] =
        ((v[k0] as number) * rx + (v[k0 + 1] as number) * (1 - rx)) * ry + ((v[k0 + w] as number) * rx + (v[k0 + w + 1] as number) * (1 - rx)) * (1 - ry);
    }
    return true;
  }
  // At the window's edge, in GDAL's order here: upper left, upper right, lower right, lower left.
  const upper = iy >= 0 && iy < h;
  const lower = iy + 1 >= 0 && iy + 1 < h;
  const left = ix >= 0 && ix < w;
  const right = ix + 1 >= 0 && ix + 1 < w;
  let divisor = 0;
  if (upper && left) divisor += rx * ry;
  if (upper && right) divisor += (1 - rx) * ry;
  if (lower && right) divisor += (1 - rx) * (1 - ry);
  if (lower && left) divisor += rx * (1 - ry);
  for (let b = 0; b < block.bands.length; b++) {
    const v = band(block, b);
    let acc = 0;
    if (upper && left) acc += (v[k0] as number) * (rx * ry);
    if (upper && right) acc += (v[k0 + 1] as number) * ((1 - rx) * ry);
    if (lower && right) acc += (v[k0 + w + 1] as number) * ((1 - rx) * (1 - ry));
    if (lower && left) acc += (v[k0 + w] as number) * (rx * (1 - ry));
    // GDAL writes 0 when no tap is inside (a point it never sends here: the centre pixel is in the window).
    out[b] = divisor < 0.00001 ? 0 : divisor === 1 ? acc : acc / divisor;
  }
  return true;
}

/** Whether the 4x4 taps around (ix, iy) are inside the window (and, for a masked chunk, all valid). */
function cubicTapsUsable(block: SourceBlock, ix: number, iy: number, masked: boolean): boolean {
  const { w, h, valid } = block;
  if (ix - 1 < 0 || ix + 2 >= w || iy - 1 < 0 || iy + 2 >= h) return false;
  if (!masked) return true;
  for (let j = -1; j < 3; j++) {
    const k = (iy + j) * w + ix - 1;
    if (valid[k] === 0 || valid[k + 1] === 0 || valid[k + 2] === 0 || valid[k + 3] === 0) return false;
  }
  return true;
}

/** The 4x4 cubic (GWKCubicResample4Sample, GWKCubicResampleNoMasks4SampleT), bilinear where it cannot apply. */
function cubic4(block: SourceBlock, sx: number, sy: number, out: Float64Array, masked: boolean): boolean {
  // GDAL truncates here (a point before the first centre then fails the edge test anyway).
  const ix = Math.trunc(sx - 0.5);
  const iy = Math.trunc(sy - 0.5);
  if (!cubicTapsUsable(block, ix, iy, masked)) return masked ? bilinearMasked(block, sx, sy, out) : bilinearPlain(block, sx, sy, out);
  const dx = sx - 0.5 - ix;
  const dy = sy - 0.5 - iy;
  const wx = SCRATCH_X;
  cubicWeights(dx, wx);
  const w = block.w;
  for (let b = 0; b < block.bands.length; b++) {
    const v = band(block, b);
    for (let j = 0; j < 4; j++) {
      const k = (iy + j - 1) * w + ix - 1;
      ROWS[j] =
        (wx[0] as number) * (v[k] as number) +
        (wx[1] as number) * (v[k + 1] as number) +
        (wx[2] as number) * (v[k + 2] as number) +
        (wx[3] as number) * (v[k + 3] as number);
    }
    const r0 = ROWS[0] as number;
    const r1 = ROWS[1] as number;
    const r2 = ROWS[2] as number;
    const r3 = ROWS[3] as number;
    if (masked) {
      const wy = SCRATCH_Y;
      cubicWeights(dy, wy);
      out[b] = (wy[0] as number) * r0 + (wy[1] as number) * r1 + (wy[2] as number) * r2 + (wy[3] as number) * r3;
    } else {
      // The unmasked path interpolates the rows with the cubic convolution polynomial itself.
      const dy2 = dy * dy;
      const dy3 = dy2 * dy;
      out[b] = r1 + 0.5 * (dy * (r2 - r0) + dy2 * (2 * r0 - 5 * r1 + 4 * r2 - r3) + dy3 * (3 * (r1 - r2) + r3 - r0));
    }
  }
  return true;
}

/**
 * The stretched filter of a masked chunk (GWKResample): taps from `first` to the radius on each axis, clipped to
 * the window, invalid ones left out; the sum is divided by the weights taken unless they add up to 1.
 */
function stretchedMasked(block: SourceBlock, sx: number, sy: number, out: Float64Array, filter: Filter, firstX: number, firstY: number): boolean {
  const { w, h, valid } = block;
  const ctx = block.kernel;
  const xScale = ctx?.xScale ?? 1;
  const yScale = ctx?.yScale ?? 1;
  const ix = Math.floor(sx - 0.5);
  const iy = Math.floor(sy - 0.5);
  const dx = sx - 0.5 - ix;
  const dy = sy - 0.5 - iy;
  const iMin = ix + firstX < 0 ? -ix : firstX;
  const iMax = ix + (ctx?.xRadius ?? 1) >= w ? w - ix - 1 : (ctx?.xRadius ?? 1);
  const jMin = iy + firstY < 0 ? -iy : firstY;
  const jMax = iy + (ctx?.yRadius ?? 1) >= h ? h - iy - 1 : (ctx?.yRadius ?? 1);
  const n = iMax - iMin + 1;
  if (n <= 0) return false;
  if (columnWeights.length < n) columnWeights = new Float64Array(n);
  for (let i = iMin; i <= iMax; i++) columnWeights[i - iMin] = xScale < 1 ? filter((i - dx) * xScale) : filter(i - dx);
  out.fill(0);
  let weight = 0;
  for (let j = jMin; j <= jMax; j++) {
    const row = (iy + j) * w + ix;
    const wy = yScale < 1 ? filter((j - dy) * yScale) : filter(j - dy);
    let rowWeight = 0;
    for (let i = iMin; i <= iMax; i++) if (valid[row + i] !== 0) rowWeight += columnWeights[i - iMin] as number;
    weight += rowWeight * wy;
  }
  if (weight < 0.000001) return false;
  const divide = weight < 0.99999 || weight > 1.00001;
  for (let b = 0; b < block.bands.length; b++) {
    const v = band(block, b);
    let acc = 0;
    for (let j = jMin; j <= jMax; j++) {
      const row = (iy + j) * w + ix;
      const wy = yScale < 1 ? filter((j - dy) * yScale) : filter(j - dy);
      let rowAcc = 0;
      for (let i = iMin; i <= iMax; i++) if (valid[row + i] !== 0) rowAcc += (v[row + i] as number) * (columnWeights[i - iMin] as number);
      acc += rowAcc * wy;
    }
    out[b] = divide ? acc / weight : acc;
  }
  return true;
}

/**
 * The stretched filter of a chunk without masks (GWKResampleNoMasksT): taps from 1 - radius to the radius, clipped
 * to the window, normalised by the product of the column and row weight sums.
 */
function stretchedPlain(block: SourceBlock, sx: number, sy: number, out: Float64Array, filter: Filter): boolean {
  const { w, h } = block;
  const ctx = block.kernel;
  const xRadius = ctx?.xRadius ?? 1;
  const yRadius = ctx?.yRadius ?? 1;
  const ix = Math.floor(sx - 0.5);
  const iy = Math.floor(sy - 0.5);
  if (ix >= w || iy >= h || xRadius > w || yRadius > h) return bilinearPlain(block, sx, sy, out);
  const xScale = Math.min(ctx?.xScale ?? 1, 1);
  const yScale = Math.min(ctx?.yScale ?? 1, 1);
  const dx = sx - 0.5 - ix;
  const dy = sy - 0.5 - iy;
  const iMin = ix + 1 - xRadius < 0 ? -ix : 1 - xRadius;
  const iMax = ix + xRadius >= w - 1 ? w - 1 - ix : xRadius;
  const jMin = iy + 1 - yRadius < 0 ? -iy : 1 - yRadius;
  const jMax = iy + yRadius >= h - 1 ? h - 1 - iy : yRadius;
  const n = iMax - iMin + 1;
  if (columnWeights.length < n) columnWeights = new Float64Array(n);
  let sumX = 0;
  // GDAL steps the filter's argument by the scale, four columns at a time.
  let i = iMin;
  for (; i + 2 < iMax; i += 4) {
    const a0 = (i - dx) * xScale;
    const a1 = a0 + xScale;
    const a2 = a1 + xScale;
    const a3 = a2 + xScale;
    const w0 = filter(a0);
    const w1 = filter(a1);
    const w2 = filter(a2);
    const w3 = filter(a3);
    columnWeights[i - iMin] = w0;
    columnWeights[i - iMin + 1] = w1;
    columnWeights[i - iMin + 2] = w2;
    columnWeights[i - iMin + 3] = w3;
    sumX += w0 + w1 + w2 + w3;
  }
  for (; i <= iMax; i++) {
    const wi = filter((i - dx) * xScale);
    columnWeights[i - iMin] = wi;
    sumX += wi;
  }
  let sumY = 0;
  for (let j = jMin; j <= jMax; j++) sumY += filter((j - dy) * yScale);
  const norm = sumX * sumY;
  for (let b = 0; b < block.bands.length; b++) {
    const v = band(block, b);
    let acc = 0;
    for (let j = jMin; j <= jMax; j++) {
      const row = (iy + j) * w + ix;
      let rowAcc = 0;
      for (let c = iMin; c <= iMax; c++) rowAcc += (v[row + c] as number) * (columnWeights[c - iMin] as number);
      acc += filter((j - dy) * yScale) * rowAcc;
    }
    out[b] = acc / norm;
  }
  return true;
}

/** The pixel the point falls in, as GDAL finds it, or -1 when the point is outside the window. */
function centrePixel(block: SourceBlock, sx: number, sy: number): number {
  if (sx < 0 || sy < 0 || sx + 1e-10 > block.w || sy + 1e-10 > block.h) return -1;
  let cx = Math.trunc(sx + 1e-10);
  let cy = Math.trunc(sy + 1e-10);
  if (cx === block.w) cx--;
  if (cy === block.h) cy--;
  return cy * block.w + cx;
}

function interpolation(method: 'bilinear' | 'cubic'): Kernel {
  const filter = method === 'bilinear' ? triangle : catmullRom;
  // The stretched bilinear filter of a masked chunk starts one tap further left (GDAL's parity rule).
  const firstOffset = method === 'bilinear' ? 0 : 1;
  return (block, px, py, out) => {
    const sx = px - block.x;
    const sy = py - block.y;
    const centre = centrePixel(block, sx, sy);
    if (centre < 0) return false;
    const ctx = block.kernel;
    const masked = ctx?.masked ?? true;
    if (masked && block.valid[centre] === 0) return false;
    if (block.w === 1 || block.h === 1) {
      for (let b = 0; b < block.bands.length; b++) out[b] = band(block, b)[centre] as number;
      return true;
    }
    const xScale = ctx?.xScale ?? 1;
    const yScale = ctx?.yScale ?? 1;
    if (xScale >= 0.95 && yScale >= 0.95) {
      if (method === 'cubic') return cubic4(block, sx, sy, out, masked);
      return masked ? bilinearMasked(block, sx, sy, out) : bilinearPlain(block, sx, sy, out);
    }
    if (!masked) return stretchedPlain(block, sx, sy, out, filter);
    return stretchedMasked(block, sx, sy, out, filter, firstOffset - (ctx?.xRadius ?? 1), firstOffset - (ctx?.yRadius ?? 1));
  };
}

export const bilinearKernel: Kernel = interpolation('bilinear');
export const cubicKernel: Kernel = interpolation('cubic');
