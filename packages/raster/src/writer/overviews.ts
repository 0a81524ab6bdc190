// Reduced-resolution levels, each half the size of the previous one (rounded up, as GDAL sizes overviews).
import type { TypedArray } from '../types.js';
import { newSampleArray, sampleTypeOf } from './sample-arrays.js';
import { isFloat } from './tiff-constants.js';

/** One resolution level: pixel-interleaved samples and an optional per-pixel mask (0 = no data, else valid). */
export interface Level {
  width: number;
  height: number;
  data: TypedArray;
  mask?: Uint8Array | undefined;
}

/**
 * 'average' for continuous data: the mean of the valid samples of each 2x2 block (integers rounded half up);
 * 'nearest' for categorical or palette data: the sample at (2x+1, 2y+1), clamped to the image, which is the
 * pixel whose centre GDAL's nearest resampling picks for a factor of 2.
 */
export type OverviewResampling = 'average' | 'nearest';

/** How many levels after the full resolution one, halving until the image fits one tile. */
export function overviewCount(width: number, height: number, tileSize: number): number {
  let n = 0;
  let w = width;
  let h = height;
  while (w > tileSize || h > tileSize) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    n++;
  }
  return n;
}

/**
 * The next level of `level`. A sample is invalid when its pixel is masked out, when it equals `nodata`, or when it
 * is NaN; an output pixel with no valid input takes `nodata` (or 0) and is masked out.
 */
export function halveLevel(level: Level, bands: number, resampling: OverviewResampling, nodata: number | undefined): Level {
  const width = Math.ceil(level.width / 2);
  const height = Math.ceil(level.height / 2);
  const type = sampleTypeOf(level.data);
  const data = newSampleArray(type, width * height * bands);
  const mask = level.mask ? new Uint8Array(width * height) : undefined;
  if (resampling === 'nearest') nearest(level, bands, width, height, data, mask);
  else average(level, bands, width, height, data, mask, nodata, isFloat(type));
  return { width, height, data, mask };
}

function nearest(src: Level, bands: number, width: number, height: number, data: TypedArray, mask: Uint8Array | undefined): void {
  for (let y = 0; y < height; y++) {
    const sy = Math.min(2 * y + 1, src.height - 1);
    for (let x = 0; x < width; x++) {
      const sp = sy * src.width + Math.min(2 * x + 1, src.width - 1);
      const dp = y * width + x;
      for (let b = 0; b < bands; b++) data[dp * bands + b] = src.data[sp * bands + b] ?? 0;
      if (mask && src.mask) mask[dp] = src.mask[sp] ?? 0;
    }
  }
}

function average(
  src: Level,
  bands: number,
  width: number,
  height: number,
  data: TypedArray,
  mask: Uint8Array | undefined,
  nodata: number | undefined,
  float: boolean,
): void {
  const sw = src.width;
  const sm = src.mask;
  const fill = nodata ?? 0;
  const hasNodata = nodata !== undefined;
  for (let y = 0; y < height; y++) {
    const y0 = 2 * y;
    const rows = y0 + 1 < src.height ? 2 : 1;
    for (let x = 0; x < width; x++) {
      const x0 = 2 * x;
      const cols = x0 + 1 < sw ? 2 : 1;
      const dp = y * width + x;
      let anyValidPixel = false;
      for (let b = 0; b < bands; b++) {
        let sum = 0;
        let n = 0;
        for (let j = 0; j < rows; j++) {
          for (let i = 0; i < cols; i++) {
            const sp = (y0 + j) * sw + x0 + i;
            if (sm && sm[sp] === 0) continue;
            anyValidPixel = true;
            const v = src.data[sp * bands + b] ?? 0;
            if (Number.isNaN(v) || (hasNodata && v === nodata)) continue;
            sum += v;
            n++;
          }
        }
        data[dp * bands + b] = n === 0 ? fill : float ? sum / n : Math.floor(sum / n + 0.5);
      }
      if (mask) mask[dp] = anyValidPixel ? 255 : 0;
    }
  }
}
