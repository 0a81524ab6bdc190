// The hot loops of window assembly: copying the part of a decoded block that a window needs into the window's
// per-band arrays, and deriving validity from nodata, an internal mask or an alpha band. Kept apart from the code
// that plans which blocks to read; no per-pixel function calls.
import type { TypedArray } from '../types.js';
import { type BitsArray, bitsView } from './sample-bits.js';

/** Where a block lands in a window: the overlap, in window pixels and in block pixels. */
export interface Overlap {
  /** Top-left of the overlap inside the block. */
  bx: number;
  by: number;
  /** Top-left of the overlap inside the window. */
  wx: number;
  wy: number;
  w: number;
  h: number;
}

/**
 * Copies sample `sample` of each pixel of the overlap from a pixel-interleaved block (`spp` samples per pixel,
 * `blockWidth` pixels a row) into `out`, a `windowWidth`-wide single-band array.
 */
export function copyBandFromBlock(block: TypedArray, blockWidth: number, spp: number, sample: number, out: TypedArray, windowWidth: number, o: Overlap): void {
  if (spp === 1) {
    for (let r = 0; r < o.h; r++) {
      const src = (o.by + r) * blockWidth + o.bx;
      out.set(block.subarray(src, src + o.w), (o.wy + r) * windowWidth + o.wx);
    }
    return;
  }
  for (let r = 0; r < o.h; r++) {
    let s = ((o.by + r) * blockWidth + o.bx) * spp + sample;
    let d = (o.wy + r) * windowWidth + o.wx;
    const end = d + o.w;
    for (; d < end; d++, s += spp) out[d] = block[s] as number;
  }
}

/**
 * copyBandFromBlock for samples 0, 1, 2 (and 3) of each pixel into outs[0..n) at once, n the block's samples per
 * pixel (3 or 4): one pass over the block's rows instead of one per sample. Returns false for other layouts.
 */
export function copyPixelsFromBlock(block: TypedArray, blockWidth: number, spp: number, outs: readonly TypedArray[], windowWidth: number, o: Overlap): boolean {
  if (outs.length !== spp || (spp !== 3 && spp !== 4)) return false;
  const src = bitsView(block);
  const dst = outs.map(bitsView);
  if (dst.some((d) => d.constructor !== src.constructor)) return false;
  if (spp === 3) copy3From(src, blockWidth, dst[0] as BitsArray, dst[1] as BitsArray, dst[2] as BitsArray, windowWidth, o);
  else copy4From(src, blockWidth, dst[0] as BitsArray, dst[1] as BitsArray, dst[2] as BitsArray, dst[3] as BitsArray, windowWidth, o);
  return true;
}

function copy3From(src: BitsArray, blockWidth: number, o0: BitsArray, o1: BitsArray, o2: BitsArray, windowWidth: number, o: Overlap): void {
  for (let r = 0; r < o.h; r++) {
    let s = ((o.by + r) * blockWidth + o.bx) * 3;
    let d = (o.wy + r) * windowWidth + o.wx;
    const end = d + o.w;
    for (; d < end; d++, s += 3) {
      o0[d] = src[s] as number;
      o1[d] = src[s + 1] as number;
      o2[d] = src[s + 2] as number;
    }
  }
}

function copy4From(src: BitsArray, blockWidth: number, o0: BitsArray, o1: BitsArray, o2: BitsArray, o3: BitsArray, windowWidth: number, o: Overlap): void {
  for (let r = 0; r < o.h; r++) {
    let s = ((o.by + r) * blockWidth + o.bx) * 4;
    let d = (o.wy + r) * windowWidth + o.wx;
    const end = d + o.w;
    for (; d < end; d++, s += 4) {
      o0[d] = src[s] as number;
      o1[d] = src[s + 1] as number;
      o2[d] = src[s + 2] as number;
      o3[d] = src[s + 3] as number;
    }
  }
}

/** Fills the overlap of `out` with `value` (a block that is not stored reads as nodata, or 0). */
export function fillOverlap(out: TypedArray | Uint8Array, windowWidth: number, o: Overlap, value: number): void {
  for (let r = 0; r < o.h; r++) {
    const d = (o.wy + r) * windowWidth + o.wx;
    out.fill(value, d, d + o.w);
  }
}

/**
 * Clears validity where every band holds `nodata` (NaN-aware), as GDAL's per-dataset nodata mask does: a pixel
 * with data in any band is kept (the warper then masks pixels where any band holds nodata, as rio-tiler does).
 */
export function maskNodata(bands: readonly TypedArray[], valid: Uint8Array, nodata: number): void {
  const n = valid.length;
  const nb = bands.length;
  if (Number.isNaN(nodata)) {
    for (let i = 0; i < n; i++) {
      let all = true;
      for (let b = 0; b < nb && all; b++) all = Number.isNaN((bands[b] as TypedArray)[i]);
      if (all) valid[i] = 0;
    }
    return;
  }
  if (nb === 1) {
    const band = bands[0] as TypedArray;
    for (let i = 0; i < n; i++) if (band[i] === nodata) valid[i] = 0;
    return;
  }
  for (let i = 0; i < n; i++) {
    let all = true;
    for (let b = 0; b < nb && all; b++) all = (bands[b] as TypedArray)[i] === nodata;
    if (all) valid[i] = 0;
  }
}

/** Clears validity where `gate` (an alpha band or a mask, any numeric type) is 0. */
export function maskWhereZero(gate: TypedArray, valid: Uint8Array): void {
  const n = valid.length;
  for (let i = 0; i < n; i++) if (gate[i] === 0) valid[i] = 0;
}
