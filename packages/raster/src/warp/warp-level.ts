// Warps selected pixels of one level of the warped grid, block by block as GDAL's WarpedVRT does: each 512 x 128
// block gets its own source window, and each row of a block is transformed as one run of the approximate
// transformer (whose interpolation spans the block's width, so the blocks shape the result).
import { AppError, throwIfAborted } from '@pqe/common';
import { APPROX_MAX_ERROR, approxTransformRow, type PointsTransform } from './approx-transformer.js';
import { kernelScale } from './kernel-scale.js';
import type { SourceBlock, WarpKernel } from './kernels.js';
import { sourceWindow } from './source-window.js';
import type { WarpSource } from './types.js';
import type { WarpedLevel } from './warped-levels.js';

/** GDAL's WarpedVRT block size. */
export const BLOCK_WIDTH = 512;
export const BLOCK_HEIGHT = 128;

/** Source pixels one tile may read, all blocks together: a bound against rasters without overviews. */
export const MAX_SOURCE_PIXELS = 64 * 1024 * 1024;

export interface LevelPixels {
  /** Per band, `rows.length * cols.length` values, row-major over the selected rows and columns. */
  bands: Float64Array[];
  valid: Uint8Array;
}

/**
 * Warps the pixels at the crossings of `rows` and `cols` (sorted, distinct, inside the level) of `level`,
 * reading `source` through `transform` (grid pixel → source level pixel) with `kernel`.
 */
export async function warpLevel(
  source: WarpSource,
  level: WarpedLevel,
  transform: PointsTransform,
  rows: Int32Array,
  cols: Int32Array,
  kernel: WarpKernel,
  radius: number,
  signal?: AbortSignal,
): Promise<LevelPixels> {
  const nb = source.bandCount;
  const nc = cols.length;
  const bands = Array.from({ length: nb }, () => new Float64Array(rows.length * nc));
  const valid = new Uint8Array(rows.length * nc);
  const bw = Math.min(level.width, BLOCK_WIDTH);
  const bh = Math.min(level.height, BLOCK_HEIGHT);
  const xs = new Float64Array(bw);
  const ys = new Float64Array(bw);
  const ok = new Uint8Array(bw);
  // Area kernels also need each pixel's far corner: (x + 1, y + 1) besides the near one (x, y).
  const area = kernel.kind === 'area';
  const xs2 = new Float64Array(area ? bw : 0);
  const ys2 = new Float64Array(area ? bw : 0);
  const ok2 = new Uint8Array(area ? bw : 0);
  const corner = area ? 0 : 0.5;
  const sample = new Float64Array(nb);
  let budget = MAX_SOURCE_PIXELS;
  let r0 = 0;
  while (r0 < rows.length) {
    const by = Math.floor((rows[r0] as number) / bh);
    let r1 = r0;
    while (r1 < rows.length && Math.floor((rows[r1] as number) / bh) === by) r1++;
    let c0 = 0;
    while (c0 < nc) {
      const bx = Math.floor((cols[c0] as number) / bw);
      let c1 = c0;
      while (c1 < nc && Math.floor((cols[c1] as number) / bw) === bx) c1++;
      const block = { x: bx * bw, y: by * bh, w: Math.min(bw, level.width - bx * bw), h: Math.min(bh, level.height - by * bh) };
      const win = sourceWindow(transform, block, level.sourceWidth, level.sourceHeight, radius);
      if (win) {
        budget -= win.w * win.h;
        if (budget < 0) {
          throw new AppError('BadRequest', 'This request needs too many source pixels: the raster has no overview small enough for it; add overviews to it.');
        }
        throwIfAborted(signal);
        const px = await source.readWindow(level.sourceLevel, win.x, win.y, win.w, win.h, signal);
        // GDAL's masked kernels apply where the source has nodata or the window holds invalid pixels.
        const masked = source.nodata !== undefined || px.valid.indexOf(0) >= 0;
        const src: SourceBlock = {
          x: win.x,
          y: win.y,
          w: win.w,
          h: win.h,
          bands: px.bands,
          valid: px.valid,
          kernel: kernelScale(block.w, block.h, win, radius, masked),
        };
        for (let r = r0; r < r1; r++) {
          const row = rows[r] as number;
          for (let k = 0; k < block.w; k++) {
            xs[k] = block.x + k + corner;
            ys[k] = row + corner;
          }
          approxTransformRow(transform, APPROX_MAX_ERROR, xs, ys, ok, block.w);
          if (area) {
            for (let k = 0; k < block.w; k++) {
              xs2[k] = block.x + k + 1;
              ys2[k] = row + 1;
            }
            approxTransformRow(transform, APPROX_MAX_ERROR, xs2, ys2, ok2, block.w);
          }
          for (let c = c0; c < c1; c++) {
            const k = (cols[c] as number) - block.x;
            if (!ok[k]) continue;
            const sx = xs[k] as number;
            const sy = ys[k] as number;
            if (Number.isNaN(sx) || Number.isNaN(sy)) continue;
            let hit: boolean;
            if (kernel.kind === 'point') hit = kernel.kernel(src, sx, sy, sample);
            else {
              const sx2 = xs2[k] as number;
              const sy2 = ys2[k] as number;
              hit = ok2[k] === 1 && !Number.isNaN(sx2) && !Number.isNaN(sy2) && kernel.kernel(src, sx, sy, sx2, sy2, sample);
            }
            if (!hit) continue;
            const o = r * nc + c;
            valid[o] = 255;
            for (let b = 0; b < nb; b++) (bands[b] as Float64Array)[o] = sample[b] as number;
          }
        }
      }
      c0 = c1;
    }
    r0 = r1;
  }
  return { bands, valid };
}
