// Which window pixels the nearest read copies and which it masks: GDAL's per-dataset nodata mask (all bands at
// nodata: no data) and rio-tiler's mask (any band at nodata: masked), found in one count per pixel.
import type { TypedArray } from '../types.js';
import { type BitsArray, bitsOf, bitsView } from './sample-bits.js';

/** What a window pixel gives the output: nothing (no data), its samples masked, or its samples (the mask's 255). */
export const NO_DATA = 0;
export const MASKED = 1;
export const KEPT = 255;

/**
 * The state of each pixel of a window: NO_DATA where not `valid` or where every band holds `nodata` (GDAL's
 * per-dataset nodata mask: the source may have left such pixels valid), MASKED where some band does, else KEPT.
 * NaN-aware; values compared, so -0 is 0. `count` is scratch of the window's size.
 */
export function pixelStates(bands: readonly TypedArray[], valid: Uint8Array, nodata: number, state: Uint8Array, count: Uint16Array): Uint8Array {
  const only = bands.length === 1 ? (bands[0] as TypedArray) : undefined;
  if (only !== undefined && !Number.isNaN(nodata) && !(nodata === 0 && (only instanceof Float32Array || only instanceof Float64Array))) {
    // One band: at nodata is no data (never masked with data), one pass.
    singleBandStates(bitsView(only), bitsOf(only, nodata), valid, state);
    return state;
  }
  count.fill(0);
  for (const band of bands) {
    const float = band instanceof Float32Array || band instanceof Float64Array;
    if (Number.isNaN(nodata)) countNan(band, count);
    else if (float && nodata === 0) countZero(band, count);
    // Equal values of one type have equal bits: compare them through the four kinds of bits views.
    else countBits(bitsView(band), bitsOf(band, nodata), count);
  }
  statesFromCounts(valid, count, bands.length, state);
  return state;
}

function singleBandStates(bits: BitsArray, value: number, valid: Uint8Array, state: Uint8Array): void {
  for (let p = 0; p < state.length; p++) state[p] = bits[p] === value ? 0 : (valid[p] as number);
}

function countBits(bits: BitsArray, value: number, count: Uint16Array): void {
  for (let p = 0; p < count.length; p++) if (bits[p] === value) count[p] = (count[p] as number) + 1;
}

function countNan(band: TypedArray, count: Uint16Array): void {
  for (let p = 0; p < count.length; p++) if (Number.isNaN(band[p])) count[p] = (count[p] as number) + 1;
}

function countZero(band: TypedArray, count: Uint16Array): void {
  for (let p = 0; p < count.length; p++) if (band[p] === 0) count[p] = (count[p] as number) + 1;
}

/** States as literals: NO_DATA 0, MASKED 1, KEPT 255. */
function statesFromCounts(valid: Uint8Array, count: Uint16Array, bands: number, state: Uint8Array): void {
  for (let p = 0; p < state.length; p++) {
    const c = count[p] as number;
    state[p] = valid[p] === 0 || c === bands ? 0 : c > 0 ? 1 : 255;
  }
}
