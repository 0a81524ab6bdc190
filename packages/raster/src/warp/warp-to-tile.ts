// rio-tiler's tile read, reproduced: a warped grid at the source's native resolution aligned on the tile, GDAL's
// choice of one of its implicit overviews, the warp of the pixels the output needs, then the nearest decimation
// to the output size (rio_tiler.reader.part + read, over GDAL 3.8's WarpedVRT).
import { AppError, throwIfAborted } from '@pqe/common';
import type { Crs, TypedArray } from '../types.js';
import type { PointsTransform } from './approx-transformer.js';
import { distinct, nearestGrid } from './decimate.js';
import { gridBounds } from './geotransform.js';
import { KERNEL_RADIUS, kernelFor } from './kernels.js';
import { chooseOverview, integerWindow, type RasterWindow } from './overview-choice.js';
import { isOneToOne, readResampled } from './resampled-read.js';
import { cachedReprojectedResolution } from './resolution-cache.js';
import { allocate, avoidNodata, isIntegerType, toSampleType } from './sample-arrays.js';
import type { WarpRequest, WarpResult } from './types.js';
import { applyBuffer, type VrtGrid, vrtGrid } from './vrt-grid.js';
import { warpLevel } from './warp-level.js';
import { levelTransform, type WarpedLevel, warpedLevels } from './warped-levels.js';

/** Output sizes beyond this are refused: a tile, a preview or a crop, not a whole raster. */
export const MAX_OUTPUT_SIZE = 4096;
export const MAX_PADDING = 64;
export const MAX_BUFFER = 64;
const METHODS: readonly string[] = ['nearest', 'bilinear', 'cubic'];
const KERNELS: readonly string[] = [...METHODS, 'average', 'mode'];

export function sameCrs(a: Crs, b: Crs): boolean {
  return (a.id !== undefined && a.id === b.id) || a.proj4 === b.proj4;
}

/** What is wrong with a request, as the AppError warpToTile throws for it; undefined when nothing is. */
export function requestError(req: WarpRequest): AppError | undefined {
  const { width, height } = req;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_OUTPUT_SIZE || height > MAX_OUTPUT_SIZE) {
    return new AppError('InvalidParameter', `Output size must be whole numbers from 1 to ${MAX_OUTPUT_SIZE} pixels, not ${width}x${height}.`);
  }
  const buffer = req.buffer ?? 0;
  if (!Number.isFinite(buffer) || buffer < 0 || buffer > MAX_BUFFER || buffer % 0.5 !== 0) {
    return new AppError('InvalidParameter', `\`buffer\` must be a multiple of \`0.5\` (e.g: 0.5, 1, 1.5, ...) from 0 to ${MAX_BUFFER}.`);
  }
  const padding = req.padding ?? 0;
  if (!Number.isInteger(padding) || padding < 0 || padding > MAX_PADDING) {
    return new AppError('InvalidParameter', `\`padding\` must be a whole number from 0 to ${MAX_PADDING}.`);
  }
  for (const [name, value, allowed] of [
    ['resampling', req.resampling, METHODS],
    ['reproject', req.reproject, KERNELS],
  ] as const) {
    if (value !== undefined && !allowed.includes(value)) {
      return new AppError('InvalidParameter', `\`${name}\` must be one of ${allowed.join(', ')}, not ${String(value)}.`);
    }
  }
  if (!req.dstBounds.every(Number.isFinite) || !(req.dstBounds[2] > req.dstBounds[0]) || !(req.dstBounds[3] > req.dstBounds[1])) {
    return new AppError('InvalidParameter', 'Bounds must be finite numbers with west < east and south < north.');
  }
  return undefined;
}

export interface WarpPlan {
  /** Output size, the buffer included. */
  outW: number;
  outH: number;
  /** The warped grid over the output's bounds (the buffer included, the padding not). */
  grid: VrtGrid;
  /** The implicit overview of the warped grid read from, and the grid pixel of each output column and row. */
  level: WarpedLevel;
  cols: Int32Array;
  rows: Int32Array;
  /** The window of the level read into the output (fractional, as GDAL carries it). */
  window: RasterWindow;
  /** Level pixel → source pixel, exact. */
  exact: PointsTransform;
}

/**
 * rio-tiler's planning of a read (for a valid request): the warped grid at the source's native resolution over
 * the bounds grown by the buffer (and the padding), GDAL's choice of an implicit overview of it, and the nearest
 * decimation from that level to the output size. Shared by every kernel's read.
 */
export function planWarp(req: WarpRequest): WarpPlan {
  const { source, transformer } = req;
  const buffer = req.buffer ?? 0;
  const padding = req.padding ?? 0;
  const resolution = cachedReprojectedResolution(source, req.dstCrs, transformer);
  let outW = req.width;
  let outH = req.height;
  let grid = vrtGrid(req.dstBounds, resolution, outW, outH);
  if (buffer > 0) {
    const grown = applyBuffer(buffer, grid.bounds, outW, outH);
    outW = grown.width;
    outH = grown.height;
    grid = vrtGrid(grown.bounds, resolution, outW, outH);
  }
  let { transform, width: vrtW, height: vrtH } = grid;
  let window = integerWindow(0, 0, vrtW, vrtH);
  if (padding > 0) {
    transform = [transform[1] * -padding + transform[0], transform[1], transform[2], transform[5] * -padding + transform[3], transform[4], transform[5]];
    window = integerWindow(padding, padding, vrtW, vrtH);
    vrtW += 2 * padding;
    vrtH += 2 * padding;
  }
  const levels = warpedLevels(vrtW, vrtH, transform, source.geotransform, source.levels);
  const choice = chooseOverview(
    vrtW,
    vrtH,
    levels.slice(1).map((l) => ({ width: l.width, height: l.height })),
    window,
    outW,
    outH,
  );
  const level = levels[choice.index + 1];
  if (!level) throw new AppError('Internal', 'no level of the warped grid to read from');
  const { cols, rows } = nearestGrid(choice.window, outW, outH, level.width, level.height);
  return { outW, outH, grid, level, cols, rows, window: choice.window, exact: levelTransform(level, (x, y) => transformer.inverse(x, y)) };
}

/** Reads `dstBounds` of the source, reprojected to `dstCrs`, as rio-tiler 6.8 reads a tile or a part. */
export async function warpToTile(req: WarpRequest): Promise<WarpResult> {
  const invalid = requestError(req);
  if (invalid) throw invalid;
  const { source, signal } = req;
  const reproject = req.reproject ?? 'nearest';
  const padding = req.padding ?? 0;
  throwIfAborted(signal);
  const plan = planWarp(req);
  const { outW, outH, grid, level, cols, rows, exact } = plan;
  const bounds = padding > 0 ? gridBounds(grid.transform, grid.width, grid.height) : grid.bounds;
  const resampling = source.paletted ? 'nearest' : (req.resampling ?? 'nearest');
  if (resampling !== 'nearest' && !isOneToOne(plan.window, outW, outH)) {
    const { bands, valid } = await readResampled(req, plan, resampling);
    const mask = maskOf(bands, valid, source.nodata);
    throwIfAborted(signal);
    return { bands, mask, width: outW, height: outH, bounds };
  }
  const c = distinct(cols);
  const r = distinct(rows);
  const pixels = await warpLevel(source, level, exact, r.values, c.values, kernelFor(reproject), KERNEL_RADIUS[reproject], signal);

  const n = outW * outH;
  const bands = Array.from({ length: source.bandCount }, () => allocate(source.sampleType, n));
  const mask = new Uint8Array(n);
  const nodata = source.nodata;
  const fill = nodata ?? 0;
  const integer = isIntegerType(source.sampleType);
  // Computed values (not nearest's copies) that round to nodata are moved off it, as GDAL's warper does.
  const computed = integer && nodata !== undefined && reproject !== 'nearest';
  const nc = c.values.length;
  for (let j = 0; j < outH; j++) {
    const rowBase = (r.position[j] as number) * nc;
    for (let i = 0; i < outW; i++) {
      const k = rowBase + (c.position[i] as number);
      const o = j * outW + i;
      let ok = pixels.valid[k] === 255;
      for (let b = 0; b < bands.length; b++) {
        let v = ok ? ((pixels.bands[b] as Float64Array)[k] as number) : fill;
        if (ok && integer) v = toSampleType(source.sampleType, v);
        if (ok && computed) v = avoidNodata(source.sampleType, v, nodata);
        (bands[b] as (typeof bands)[number])[o] = v;
      }
      if (ok && nodata !== undefined) {
        // rio-tiler masks a pixel when any band holds the nodata value.
        for (let b = 0; b < bands.length && ok; b++) {
          const v = (bands[b] as (typeof bands)[number])[o] as number;
          ok = Number.isNaN(nodata) ? !Number.isNaN(v) : v !== nodata;
        }
      }
      mask[o] = ok ? 255 : 0;
    }
  }
  throwIfAborted(signal);
  return { bands, mask, width: outW, height: outH, bounds };
}

/** rio-tiler's mask: valid where every band holds data and none holds the nodata value. */
function maskOf(bands: TypedArray[], valid: Uint8Array, nodata: number | undefined): Uint8Array {
  const mask = new Uint8Array(valid.length);
  for (let o = 0; o < valid.length; o++) {
    let ok = valid[o] === 255;
    if (ok && nodata !== undefined) {
      for (let b = 0; b < bands.length && ok; b++) {
        const v = (bands[b] as TypedArray)[o] as number;
        ok = Number.isNaN(nodata) ? !Number.isNaN(v) : v !== nodata;
      }
    }
    mask[o] = ok ? 255 : 0;
  }
  return mask;
}
