// Warp kernels: the value of one warped-grid pixel from the source pixels around the point its centre maps to
// (source pixel coordinates, fractional). They read a source window and write one sample per band.
import type { TypedArray } from '../types.js';
import { type AreaKernel, averageKernel, modeKernel } from './area-kernels.js';
import { bilinearKernel, cubicKernel } from './interpolation-kernels.js';
import type { KernelScale } from './kernel-scale.js';
import type { WarpResampling } from './types.js';

/** A window of a source level, as read: origin and size in that level's pixels, bands and validity. */
export interface SourceBlock {
  x: number;
  y: number;
  w: number;
  h: number;
  bands: TypedArray[];
  valid: Uint8Array;
  /** How the warper's chunk reading this window scales and masks it (the interpolation kernels' path). */
  kernel?: KernelScale | undefined;
}

/** Writes the bands' values at (px, py) into `out` and returns whether the pixel holds data. */
export type Kernel = (block: SourceBlock, px: number, py: number, out: Float64Array) => boolean;

/** A point kernel samples at the pixel centre's source position; an area kernel reads the pixel's whole footprint. */
export type WarpKernel = { kind: 'point'; kernel: Kernel } | { kind: 'area'; kernel: AreaKernel };

/**
 * How far beyond the point a kernel reads, in source pixels (GDAL's filter radius). Area kernels read only their
 * footprint; one pixel more keeps footprints whole against the approximate transformer's error.
 */
export { bilinearKernel, cubicKernel };

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
