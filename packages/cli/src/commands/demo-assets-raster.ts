import type { SampleType, TypedArray } from '@pqe/raster';

/** The pixels of one demo asset, on its item's grid, ready for the COG writer. */
export interface AssetRaster {
  bands: number;
  sampleType: SampleType;
  /** Pixel-interleaved, rows top to bottom. */
  data: TypedArray;
  nodata: number;
  colormap?: ReadonlyArray<readonly [number, number, number]>;
  bandDescriptions?: readonly string[];
}

/** A seed from a text (FNV-1a), so that each item's random texture (clouds, speckle) is its own and repeatable. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // The synth generators take any safe integer; keep it below 2^31 so that sums of seeds stay exact in int32 math.
  return hash & 0x7fffffff;
}
