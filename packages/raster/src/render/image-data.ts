// The pixels a read gives back, from the warper to the encoders: one array per band (numpy's (bands, h, w), as
// rio-tiler's ImageData, and what statistics, rescale and colormaps work on), interleaved once when encoded.
import type { Bounds } from '../tms/tile-matrix-set.js';
import type { Crs, SampleType, TypedArray } from '../types.js';
import { allocate } from '../warp/sample-arrays.js';

export interface ImageData {
  /** One array per band, `width * height` samples each, rows top to bottom. */
  bands: TypedArray[];
  /** 255 where the pixel holds data in every band, 0 where it does not (rio-tiler's ImageData.mask). */
  mask: Uint8Array;
  width: number;
  height: number;
  sampleType: SampleType;
  /** In `crs`. */
  bounds: Bounds;
  crs: Crs;
  /** rio-tiler's names: "b1", "b2"... after the 1-based band indexes read. */
  bandNames: string[];
}

/** The bands pixel-interleaved (all bands of a pixel together), as the encoders and sharp take them. */
export function interleave(bands: readonly TypedArray[], type: SampleType, pixels: number): TypedArray {
  const nb = bands.length;
  if (nb === 1) return bands[0] as TypedArray;
  const out = allocate(type, pixels * nb);
  for (let b = 0; b < nb; b++) {
    const band = bands[b] as TypedArray;
    for (let p = 0, o = b; p < pixels; p++, o += nb) out[o] = band[p] as number;
  }
  return out;
}
