// The warper's read for the default methods (nearest warp kernel, nearest decimation), in one pass: output pixel
// (i, j) is the warped-grid pixel the decimation picks for it, so the source pixel under that grid pixel is found
// and its samples moved as bits straight into the output (no per-pixel kernel call, no float64 staging, no
// intermediate grid). The planning (grid, overview choice, GDAL's 512 x 128 warp blocks and approximate
// transformer) is the warper's own, so the pixels are the same as warpToTile's, bit for bit (the tests compare them).
import { AppError, throwIfAborted } from '@pqe/common';
import type { PointsTransform } from '../warp/approx-transformer.js';
import { gridBounds } from '../warp/geotransform.js';
import { allocate } from '../warp/sample-arrays.js';
import { sourceWindow } from '../warp/source-window.js';
import type { ReadWindowOptions, WarpRequest, WarpResult, WarpSource } from '../warp/types.js';
import { BLOCK_HEIGHT, BLOCK_WIDTH, MAX_SOURCE_PIXELS } from '../warp/warp-level.js';
import { planWarp, requestError, warpToTile } from '../warp/warp-to-tile.js';
import type { WarpedLevel } from '../warp/warped-levels.js';
import { NearestTarget, writeBlock } from './nearest-rows.js';

const READ_OPTIONS: ReadWindowOptions = { callerTestsNodata: true };

/** Sources this wide or high take warpToTile (the pixel loops truncate source coordinates with `| 0`). */
const MAX_INT32_SIDE = 2 ** 30;

/** warpToTile, faster for nearest / nearest; other methods go to warpToTile itself. */
export async function warpNearest(request: WarpRequest): Promise<WarpResult> {
  // GDAL resamples a paletted band with nearest whatever `resampling` asks: such a read is a nearest one.
  const req: WarpRequest = request.source.paletted ? { ...request, resampling: 'nearest' } : request;
  const nearest = (req.resampling ?? 'nearest') === 'nearest' && (req.reproject ?? 'nearest') === 'nearest';
  const padding = req.padding ?? 0;
  // warpToTile validates the request; the specialised path takes the plain cases and checks what it relies on.
  if (!nearest || padding > 0 || !plain(req)) return warpToTile(req);
  const { source, signal } = req;
  throwIfAborted(signal);
  const { grid, level, cols, rows, exact } = planWarp(req);
  const result = await warpRows(source, level, exact, cols, rows, signal);
  throwIfAborted(signal);
  return { ...result, bounds: gridBounds(grid.transform, grid.width, grid.height) };
}

/**
 * The request is one warpToTile would accept as is (else it goes there and gets its error), over a source whose
 * pixel indexes the int32 arithmetic of the pixel loops can hold.
 */
function plain(req: WarpRequest): boolean {
  return req.source.width < MAX_INT32_SIDE && req.source.height < MAX_INT32_SIDE && requestError(req) === undefined;
}

/**
 * The output pixels, warped from `level` with GDAL's nearest kernel block by block as warpLevel does it (each 512 x
 * 128 block of the grid with its own source window), and written straight to the output: output pixel (i, j) is
 * grid pixel (cols[i], rows[j]). Pixels without data hold the nodata value (or 0) and are masked.
 */
async function warpRows(
  source: WarpSource,
  level: WarpedLevel,
  transform: PointsTransform,
  cols: Int32Array,
  rows: Int32Array,
  signal: AbortSignal | undefined,
): Promise<Pick<WarpResult, 'bands' | 'mask' | 'width' | 'height'>> {
  const outW = cols.length;
  const outH = rows.length;
  const n = outW * outH;
  const bands = Array.from({ length: source.bandCount }, () => allocate(source.sampleType, n));
  const fill = source.nodata ?? 0;
  if (!Object.is(fill, 0)) for (const band of bands) band.fill(fill);
  const mask = new Uint8Array(n);
  const bw = Math.min(level.width, BLOCK_WIDTH);
  const bh = Math.min(level.height, BLOCK_HEIGHT);
  const target = new NearestTarget(bands, mask, cols, rows, source.nodata, bw);
  let budget = MAX_SOURCE_PIXELS;
  // Rows and columns are sorted: each block of the grid covers a run of output rows and a run of output columns.
  let j0 = 0;
  while (j0 < outH) {
    const by = Math.floor((rows[j0] as number) / bh);
    let j1 = j0;
    while (j1 < outH && Math.floor((rows[j1] as number) / bh) === by) j1++;
    let i0 = 0;
    while (i0 < outW) {
      const bx = Math.floor((cols[i0] as number) / bw);
      let i1 = i0;
      while (i1 < outW && Math.floor((cols[i1] as number) / bw) === bx) i1++;
      const block = { x: bx * bw, y: by * bh, w: Math.min(bw, level.width - bx * bw), h: Math.min(bh, level.height - by * bh) };
      const win = sourceWindow(transform, block, level.sourceWidth, level.sourceHeight, 0);
      if (win) {
        budget -= win.w * win.h;
        if (budget < 0) {
          throw new AppError('BadRequest', 'This request needs too many source pixels: the raster has no overview small enough for it; add overviews to it.');
        }
        throwIfAborted(signal);
        // writeBlock tests every band against nodata (for the mask): the source need not do it too.
        const px = await source.readWindow(level.sourceLevel, win.x, win.y, win.w, win.h, signal, READ_OPTIONS);
        writeBlock(target, transform, block, j0, j1, i0, i1, win, px);
      }
      i0 = i1;
    }
    j0 = j1;
  }
  return { bands, mask, width: outW, height: outH };
}
