// Warp kernels: the value of one warped-grid pixel from the source pixels around the point its centre maps to
// (source pixel coordinates, fractional). They read a source window and write one sample per band.
import type { TypedArray } from '../types.js';
import { type AreaKernel, averageKernel, modeKernel } from './area-kernels.js';
import type { WarpResampling } from './types.js';

/** A window of a source level, as read: origin and size in that level's pixels, bands and validity. */
export interface SourceBlock {
  x: number;
  y: number;
  w: number;
  h: number;
  bands: TypedArray[];
  valid: Uint8Array;
}

/** Writes the bands' values at (px, py) into `out` and returns whether the pixel holds data. */
export type Kernel = (block: SourceBlock, px: number, py: number, out: Float64Array) => boolean;

/** A point kernel samples at the pixel centre's source position; an area kernel reads the pixel's whole footprint. */
export type WarpKernel = { kind: 'point'; kernel: Kernel } | { kind: 'area'; kernel: AreaKernel };

/**
 * How far beyond the point a kernel reads, in source pixels (GDAL's filter radius). Area kernels read only their
 * footprint; one pixel more keeps footprints whole against the approximate transformer's error.
 */
export const KERNEL_RADIUS: Record<WarpResampling, number> = { nearest: 0, bilinear: 1, cubic: 2, average: 1, mode: 1 };

const EPS = 1e-10;

/** GDAL's nearest: the pixel containing the point; outside the window means no data. */
export const nearestKernel: Kernel = (block, px, py, out) => {
  if (px < block.x || py < block.y) return false;
  if (px + EPS > block.w + block.x || py + EPS > block.h + block.y) return false;
  let ix = Math.trunc(px + EPS) - block.x;
  let iy = Math.trunc(py + EPS) - block.y;
  if (ix === block.w) ix--;
  if (iy === block.h) iy--;
  const i = iy * block.w + ix;
  if (!block.valid[i]) return false;
  for (let b = 0; b < block.bands.length; b++) out[b] = (block.bands[b] as TypedArray)[i] as number;
  return true;
};

/** Separable kernels: weights of the taps around the point, GDAL's formulas. */
function bilinearWeight(d: number): number {
  const a = Math.abs(d);
  return a < 1 ? 1 - a : 0;
}

function cubicWeight(d: number): number {
  // Keys' cubic convolution with a = -0.5, as GDAL's cubic.
  const a = Math.abs(d);
  if (a <= 1) return 1.5 * a * a * a - 2.5 * a * a + 1;
  if (a < 2) return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
  return 0;
}

function separable(radius: number, weight: (d: number) => number): Kernel {
  return (block, px, py, out) => {
    // Pixel centres are at i + 0.5.
    const cx = px - 0.5;
    const cy = py - 0.5;
    const ix = Math.floor(cx);
    const iy = Math.floor(cy);
    out.fill(0);
    let total = 0;
    let validWeight = 0;
    for (let j = iy - radius + 1; j <= iy + radius; j++) {
      const wy = weight(cy - j);
      if (wy === 0) continue;
      for (let i = ix - radius + 1; i <= ix + radius; i++) {
        const wx = weight(cx - i);
        if (wx === 0) continue;
        const w = wx * wy;
        total += Math.abs(w);
        const lx = i - block.x;
        const ly = j - block.y;
        if (lx < 0 || ly < 0 || lx >= block.w || ly >= block.h) continue;
        const k = ly * block.w + lx;
        if (!block.valid[k]) continue;
        validWeight += Math.abs(w);
        for (let b = 0; b < block.bands.length; b++) out[b] = (out[b] as number) + w * ((block.bands[b] as TypedArray)[k] as number);
      }
    }
    // GDAL renormalises over the valid taps; a point with too little valid support has no data.
    if (validWeight < total * 0.5 || validWeight === 0) return false;
    let sum = 0;
    for (let j = iy - radius + 1; j <= iy + radius; j++) {
      for (let i = ix - radius + 1; i <= ix + radius; i++) {
        const lx = i - block.x;
        const ly = j - block.y;
        if (lx < 0 || ly < 0 || lx >= block.w || ly >= block.h || !block.valid[ly * block.w + lx]) continue;
        sum += weight(cx - i) * weight(cy - j);
      }
    }
    if (sum === 0) return false;
    for (let b = 0; b < block.bands.length; b++) out[b] = (out[b] as number) / sum;
    return true;
  };
}

export const bilinearKernel = separable(1, bilinearWeight);
export const cubicKernel = separable(2, cubicWeight);

export function kernelFor(method: WarpResampling): WarpKernel {
  switch (method) {
    case 'bilinear':
      return { kind: 'point', kernel: bilinearKernel };
    case 'cubic':
      return { kind: 'point', kernel: cubicKernel };
    case 'nearest':
      return { kind: 'point', kernel: nearestKernel };
    case 'average':
      return { kind: 'area', kernel: averageKernel };
    case 'mode':
      return { kind: 'area', kernel: modeKernel };
  }
}
