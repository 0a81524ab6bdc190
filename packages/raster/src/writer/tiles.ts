// Cuts a level into square tiles: samples padded to the full tile size (TIFF tiles are always whole), and
// transparency-mask tiles packed 1 bit per pixel, most significant bit first, rows padded to whole bytes.
import type { TypedArray } from '../types.js';
import type { Level } from './overviews.js';
import { newSampleArray, sampleTypeOf } from './sample-arrays.js';

export function tileGrid(width: number, height: number, tileSize: number): { across: number; down: number } {
  return { across: Math.ceil(width / tileSize), down: Math.ceil(height / tileSize) };
}

/** The samples of tile (tx, ty); the part outside the image holds `fill` (the nodata value, or 0). */
export function extractTile(level: Level, bands: number, tileSize: number, tx: number, ty: number, fill: number): TypedArray {
  const out = newSampleArray(sampleTypeOf(level.data), tileSize * tileSize * bands);
  const x0 = tx * tileSize;
  const y0 = ty * tileSize;
  const cols = Math.min(tileSize, level.width - x0);
  const rows = Math.min(tileSize, level.height - y0);
  if (fill !== 0 && (cols < tileSize || rows < tileSize)) out.fill(fill);
  for (let r = 0; r < rows; r++) {
    const start = ((y0 + r) * level.width + x0) * bands;
    out.set(level.data.subarray(start, start + cols * bands), r * tileSize * bands);
  }
  return out;
}

/** The mask of tile (tx, ty) as TIFF bilevel samples: 1 where the pixel is valid; outside the image 0. */
export function extractMaskTile(mask: Uint8Array, width: number, height: number, tileSize: number, tx: number, ty: number): Uint8Array {
  const rowBytes = Math.ceil(tileSize / 8);
  const out = new Uint8Array(rowBytes * tileSize);
  const x0 = tx * tileSize;
  const y0 = ty * tileSize;
  const cols = Math.min(tileSize, width - x0);
  const rows = Math.min(tileSize, height - y0);
  for (let r = 0; r < rows; r++) {
    const src = (y0 + r) * width + x0;
    const dst = r * rowBytes;
    for (let c = 0; c < cols; c++) {
      if (mask[src + c] !== 0) out[dst + (c >> 3)] = (out[dst + (c >> 3)] ?? 0) | (0x80 >> (c & 7));
    }
  }
  return out;
}
