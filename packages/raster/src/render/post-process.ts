// titiler's post-processing of an image, as pure functions: unscale (scale / offset to float32), rescale to
// uint8 (linear, clipped, truncated as numpy's astype), and a palette applied to a one-band image.
import { AppError } from '@pqe/common';
import type { TypedArray } from '../types.js';
import type { ImageData } from './image-data.js';

export type Range = readonly [number, number];

/** value * scale + offset per band, in float32 (rio-tiler casts to float32 first, then multiplies and adds). */
export function unscale(image: ImageData, scales: readonly number[], offsets: readonly number[]): ImageData {
  const bands = image.bands.map((band, b) => {
    const scale = Math.fround(scales[b] ?? 1);
    const offset = Math.fround(offsets[b] ?? 0);
    const out = Float32Array.from(band);
    if (scale === 1 && offset === 0) return out;
    for (let i = 0; i < out.length; i++) out[i] = Math.fround((out[i] as number) * scale) + offset;
    return out;
  });
  return { ...image, bands, sampleType: 'float32' };
}

/**
 * Each band linearly from its range (one range for all bands, or one per band) to 0..255, clipped, truncated
 * to uint8; the mask is kept.
 */
export function rescale(image: ImageData, ranges: readonly Range[]): ImageData {
  if (ranges.length === 0) throw new AppError('InvalidParameter', 'rescale needs at least one min,max range.');
  if (ranges.length !== 1 && ranges.length < image.bands.length) {
    throw new AppError('InvalidParameter', `rescale has ${ranges.length} ranges for ${image.bands.length} bands: give one, or one per band.`);
  }
  const bands = image.bands.map((band, b) => {
    const [min, max] = (ranges.length === 1 ? ranges[0] : ranges[b]) as Range;
    if (!Number.isFinite(min) || !Number.isFinite(max) || min === max) {
      throw new AppError('InvalidParameter', `A rescale range is two different finite numbers, not ${min},${max}.`);
    }
    return rescaleBand(band, min, max);
  });
  return { ...image, bands, sampleType: 'uint8' };
}

function rescaleBand(band: TypedArray, min: number, max: number): Uint8Array {
  const out = new Uint8Array(band.length);
  const span = max - min;
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  for (let i = 0; i < band.length; i++) {
    const x = band[i] as number;
    // numpy: clip, subtract, divide, scale; then astype(uint8) truncates (NaN becomes 0 here).
    const v = (Math.min(Math.max(x, lo), hi) - min) / span;
    const scaled = v * 255;
    out[i] = scaled > 0 ? Math.trunc(scaled) : 0;
  }
  return out;
}

/**
 * A one-band image of palette indexes as RGB through `colormap` (RGBA, 4 bytes per entry); the entries' alpha
 * joins the mask (values beyond the palette are transparent black), as rio-tiler's apply_cmap.
 */
export function applyColormap(image: ImageData, colormap: Uint8Array): ImageData {
  if (image.bands.length !== 1) {
    throw new AppError('InvalidParameter', `A colormap applies to one band, not ${image.bands.length}; select one with bidx.`);
  }
  const band = image.bands[0] as TypedArray;
  const n = band.length;
  const entries = colormap.length >> 2;
  const r = new Uint8Array(n);
  const g = new Uint8Array(n);
  const b = new Uint8Array(n);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = band[i] as number;
    if (!(v >= 0 && v < entries) || !Number.isInteger(v)) continue;
    const o = v * 4;
    r[i] = colormap[o] as number;
    g[i] = colormap[o + 1] as number;
    b[i] = colormap[o + 2] as number;
    mask[i] = (image.mask[i] as number) & (colormap[o + 3] as number);
  }
  return { ...image, bands: [r, g, b], mask, sampleType: 'uint8', bandNames: ['b1', 'b2', 'b3'] };
}
