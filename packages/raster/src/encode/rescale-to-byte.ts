// Non-uint8 data asked as an 8-bit image is stretched to 0..255, as titiler 0.18's render_image does
// (titiler.core.utils.rescale_array with rio_tiler.utils.linear_rescale): per band,
//   out = trunc((clip(x, min, max) - min) / (max - min) * 255), masked pixels 0,
// from the dataset statistics when the caller has them, else the sample type's full range (rasterio dtype_ranges),
// so float data of ordinary magnitude lands near 127. The result is cast to uint8 by truncation.
// Two upstream quirks are not reproduced on purpose: titiler computes `clip(x) - min` in the integer type itself,
// which wraps for signed types (int16 0 becomes -32768), and it indexes the 2D mask by band number, so it masks
// by rows of the mask; here the arithmetic is in float64 and the mask is the pixel's own.
import type { TypedArray } from '../types.js';

export type Range = readonly [number, number];

/** `inRanges` has one range per band, or one for all. Masked pixels (mask 0) and NaN become 0. */
export function rescaleToUint8(data: TypedArray, bands: number, mask: Uint8Array | undefined, inRanges: readonly Range[]): Uint8Array {
  const out = new Uint8Array(data.length);
  const pixels = data.length / bands;
  for (let b = 0; b < bands; b++) {
    const [min, max] = inRanges.length === bands ? (inRanges[b] as Range) : (inRanges[0] as Range);
    const span = max - min;
    for (let p = 0; p < pixels; p++) {
      if (mask && mask[p] === 0) continue;
      const i = p * bands + b;
      const x = data[i] ?? 0;
      // Same operation order as numpy's, so that truncation lands on the same integer.
      const v = ((Math.min(Math.max(x, min), max) - min) / span) * 255;
      out[i] = v > 0 ? Math.trunc(v) : 0;
    }
  }
  return out;
}
