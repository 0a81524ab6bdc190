// The pixel loops of the nearest read, for one 512 x 128 block of the warped grid once its source window is read:
// where each output pixel of a row comes from in the window, then the samples moved there as bits. Synchronous
// and apart from the async code that reads windows (loops compiled inside an async function run slower).
import type { TypedArray } from '../types.js';
import { approxRowRuns, RowRuns } from '../warp/approx-row-runs.js';
import { APPROX_MAX_ERROR, type PointsTransform } from '../warp/approx-transformer.js';
import type { PixelWindow } from '../warp/source-window.js';
import type { WindowPixels } from '../warp/types.js';
import { copyBands } from './band-copy.js';
import { columnIndexes, copyRuns, rowIndexes, sameColumns, separable, separableIndexes, type WindowGeometry } from './nearest-indexes.js';
import { pixelStates } from './pixel-states.js';
import { type BitsArray, bitsView } from './sample-bits.js';

/** The output of a nearest read and the scratch its rows share. */
export class NearestTarget {
  /** Output bands seen as bits, `outW * outH` samples each, holding the fill where nothing is written. */
  readonly out: BitsArray[];
  /** 255 where the output pixel holds data and no band is at nodata. */
  readonly mask: Uint8Array;
  readonly outW: number;
  /** Warped-grid column of each output column, row of each output row (sorted: nearest decimation). */
  readonly cols: Int32Array;
  readonly rows: Int32Array;
  readonly nodata: number | undefined;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly ok: Uint8Array;
  readonly runs: RowRuns;
  readonly index: Int32Array;
  /** Source column of each output column of the block, or -1, while rows keep the same columns (separable rows). */
  readonly colIx: Int32Array;
  /** The x part of the runs colIx was made for (count 0: none). */
  readonly colRuns: RowRuns;

  constructor(bands: TypedArray[], mask: Uint8Array, cols: Int32Array, rows: Int32Array, nodata: number | undefined, blockWidth: number) {
    this.out = bands.map(bitsView);
    this.mask = mask;
    this.outW = cols.length;
    this.cols = cols;
    this.rows = rows;
    this.nodata = nodata;
    this.xs = new Float64Array(blockWidth);
    this.ys = new Float64Array(blockWidth);
    this.ok = new Uint8Array(blockWidth);
    this.runs = new RowRuns(blockWidth);
    this.index = new Int32Array(this.outW);
    this.colIx = new Int32Array(this.outW);
    this.colRuns = new RowRuns(blockWidth);
  }
}

/**
 * Scratch for the states of a window, shared by all reads: writeBlock uses it synchronously, so reads running at
 * the same time never meet in it. Kept only up to a window of SHARED_PIXELS (larger ones get their own).
 */
const SHARED_PIXELS = 1 << 20;
let sharedState = new Uint8Array(0);
let sharedCount = new Uint16Array(0);

function stateScratch(n: number): { state: Uint8Array; count: Uint16Array } {
  if (n > SHARED_PIXELS) return { state: new Uint8Array(n), count: new Uint16Array(n) };
  if (sharedState.length < n) {
    sharedState = new Uint8Array(n);
    sharedCount = new Uint16Array(n);
  }
  return { state: sharedState.subarray(0, n), count: sharedCount.subarray(0, n) };
}

/** A block of the warped grid, in the level's pixels. */
export type GridBlock = PixelWindow;

/**
 * Writes output rows [j0, j1) x columns [i0, i1) (those whose grid pixels lie in `block`) from the window `win` of
 * the source level read for the block, through `transform` (grid pixel → source pixel) made approximate as GDAL's
 * WarpedVRT does, row by row.
 */
export function writeBlock(
  t: NearestTarget,
  transform: PointsTransform,
  block: GridBlock,
  j0: number,
  j1: number,
  i0: number,
  i1: number,
  win: PixelWindow,
  px: WindowPixels,
): void {
  const { out, mask, outW, rows, xs, ys, ok, runs, index } = t;
  const nb = out.length;
  const from = px.bands.map(bitsView);
  // A pixel with data but a band at nodata is copied and masked (rio-tiler masks where any band holds nodata).
  let state = px.valid;
  if (t.nodata !== undefined) {
    const scratch = stateScratch(px.valid.length);
    state = pixelStates(px.bands, px.valid, t.nodata, scratch.state, scratch.count);
  }
  // One band: the index loops copy the samples themselves (no second pass over the row).
  const single = nb === 1;
  const geometry: WindowGeometry = {
    x: win.x,
    y: win.y,
    w: win.w,
    h: win.h,
    state,
    from1: single ? (from[0] as BitsArray) : null,
    out1: single ? (out[0] as BitsArray) : null,
  };
  t.colRuns.count = 0;
  for (let j = j0; j < j1; j++) {
    const row = rows[j] as number;
    const o = j * outW;
    if (j > j0 && row === rows[j - 1]) {
      // The output repeats a grid row (an overview coarser than the output): copy the row above.
      for (let b = 0; b < nb; b++) (out[b] as BitsArray).copyWithin(o + i0, o - outW + i0, o - outW + i1);
      mask.copyWithin(o + i0, o - outW + i0, o - outW + i1);
      continue;
    }
    approxRowRuns(transform, APPROX_MAX_ERROR, block.x, row + 0.5, block.w, xs, ys, ok, runs);
    if (separable(runs)) {
      // The source row is the same along the row, and the source columns the same as on rows before (lon/lat or
      // same-CRS sources): the columns are found once, the row once per row.
      if (!sameColumns(runs, t.colRuns)) {
        columnIndexes(runs, t.cols, block.x, i0, i1, geometry, t.colIx);
        copyRuns(runs, t.colRuns);
      }
      separableIndexes(runs.y0[0] as number, t.colIx, i0, i1, geometry, index, mask, o);
    } else {
      rowIndexes(runs, xs, ys, ok, t.cols, block.x, i0, i1, geometry, index, mask, o);
    }
    if (!single) copyBands(from, out, index, i0, i1, o);
  }
}
