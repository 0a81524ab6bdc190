// TIFF predictors, applied before deflate so that smooth rasters compress better.
// Horizontal differencing (Predictor=2, TIFF 6.0 section 14) for integers; the floating-point predictor
// (Predictor=3, Adobe Photoshop TIFF Technical Note 3) for floats: each row's bytes are regrouped by significance,
// most significant byte plane first, then differenced byte by byte.
import type { TypedArray } from '../types.js';

/** In place: each sample becomes its difference from the same band's sample one pixel to the left. */
export function horizontalDifference(tile: TypedArray, tileWidth: number, samplesPerPixel: number): void {
  const rowLength = tileWidth * samplesPerPixel;
  for (let row = 0; row + rowLength <= tile.length; row += rowLength) {
    for (let i = row + rowLength - 1; i >= row + samplesPerPixel; i--) {
      // Integer typed arrays wrap the difference modulo 2^bits, as the predictor specifies.
      tile[i] = (tile[i] ?? 0) - (tile[i - samplesPerPixel] ?? 0);
    }
  }
}

/** The bytes of a float tile after the floating-point predictor (the tile itself is left alone). */
export function floatingPointDifference(tile: Float32Array | Float64Array, tileWidth: number, samplesPerPixel: number): Uint8Array {
  const bps = tile.BYTES_PER_ELEMENT;
  const wc = tileWidth * samplesPerPixel;
  const rowBytes = wc * bps;
  // Little-endian host order: byte k of a sample is its (k+1)-th least significant byte.
  const src = new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
  const out = new Uint8Array(tile.byteLength);
  for (let row = 0; row < out.length; row += rowBytes) {
    for (let i = 0; i < wc; i++) {
      const s = row + i * bps;
      for (let k = 0; k < bps; k++) out[row + (bps - 1 - k) * wc + i] = src[s + k] ?? 0;
    }
    for (let k = row + rowBytes - 1; k >= row + samplesPerPixel; k--) {
      out[k] = ((out[k] ?? 0) - (out[k - samplesPerPixel] ?? 0)) & 0xff;
    }
  }
  return out;
}
