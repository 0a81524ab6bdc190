// The second stage of rio-tiler's read: GDAL's RasterIO from a window of the (chosen level of the) warped grid into
// the output buffer. With nearest resampling each output pixel takes the grid pixel under its centre.
import type { RasterWindow } from './overview-choice.js';

/** GDAL adds this before truncating, so that a centre exactly on a pixel edge goes to the next pixel. */
const EPS = 1e-10;

/** For each of `bufSize` output pixels along one axis, the index of the grid pixel it takes (GDAL's nearest RasterIO). */
export function nearestIndexes(offset: number, size: number, bufSize: number, rasterSize: number): Int32Array {
  const out = new Int32Array(bufSize);
  const inc = size / bufSize;
  const last = rasterSize - 1;
  for (let i = 0; i < bufSize; i++) {
    const v = (i + 0.5) * inc + offset + EPS;
    out[i] = Math.trunc(Math.min(Math.max(0, v), last));
  }
  return out;
}

/** Column and row indexes of a window read into a `bufWidth` x `bufHeight` buffer. */
export function nearestGrid(window: RasterWindow, bufWidth: number, bufHeight: number, width: number, height: number): { cols: Int32Array; rows: Int32Array } {
  return {
    cols: nearestIndexes(window.dfXOff, window.dfXSize, bufWidth, width),
    rows: nearestIndexes(window.dfYOff, window.dfYSize, bufHeight, height),
  };
}

/** The sorted distinct values of `indexes`, and for each entry of `indexes` its position among them. */
export function distinct(indexes: Int32Array): { values: Int32Array; position: Int32Array } {
  const values = Int32Array.from(new Set(indexes)).sort();
  const where = new Map<number, number>();
  for (let i = 0; i < values.length; i++) where.set(values[i] as number, i);
  const position = new Int32Array(indexes.length);
  for (let i = 0; i < indexes.length; i++) position[i] = where.get(indexes[i] as number) ?? 0;
  return { values, position };
}
