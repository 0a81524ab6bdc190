// rio-tiler's read with bilinear or cubic `resampling` when the level window and the output differ: the warped
// level's pixels over each chunk of GDAL's RasterIO (margin included), made as the WarpedVRT makes them, then
// convolved to the output size (rasterio-resample.ts).
import { AppError, throwIfAborted } from '@pqe/common';
import type { TypedArray } from '../types.js';
import { sampleRange } from '../writer/sample-arrays.js';
import { KERNEL_RADIUS, kernelFor } from './kernels.js';
import type { RasterWindow } from './overview-choice.js';
import { convolveChunk, fillChunk, RESAMPLE_FILTERS, type ResampleTarget, resampleAxis, resampleChunks, toBandValue } from './rasterio-resample.js';
import { allocate, avoidNodata, isIntegerType, toSampleType } from './sample-arrays.js';
import type { WarpRequest } from './types.js';
import { BLOCK_WIDTH, MAX_SOURCE_PIXELS, warpLevel } from './warp-level.js';
import type { WarpPlan } from './warp-to-tile.js';

/** Whether GDAL copies the window as it is (same size, whole pixels) rather than resampling it. */
export function isOneToOne(window: RasterWindow, outW: number, outH: number): boolean {
  return (
    window.xSize === outW &&
    window.ySize === outH &&
    window.dfXOff === window.xOff &&
    window.dfYOff === window.yOff &&
    window.dfXSize === window.xSize &&
    window.dfYSize === window.ySize
  );
}

function range(start: number, length: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = start + i;
  return out;
}

export interface ResampledPixels {
  bands: TypedArray[];
  /** 255 where every band got a value from valid level pixels. */
  valid: Uint8Array;
}

/** The output of `plan` resampled with `req.resampling` (bilinear or cubic) from its level window. */
export async function readResampled(req: WarpRequest, plan: WarpPlan, method: 'bilinear' | 'cubic'): Promise<ResampledPixels> {
  const { source, signal } = req;
  const reproject = req.reproject ?? 'nearest';
  const { outW, outH, level, window } = plan;
  const filter = RESAMPLE_FILTERS[method];
  const x = resampleAxis(window.dfXOff, window.dfXSize, window.xOff, outW, level.width);
  const y = resampleAxis(window.dfYOff, window.dfYSize, window.yOff, outH, level.height);
  const nodata = source.nodata;
  const nb = source.bandCount;
  if (nodata === undefined && nb > 1) {
    // Without nodata the bands share one mask (the VRT's alpha) and GDAL resamples them together, with one margin.
    x.factor = y.factor = Math.max(x.factor, y.factor);
  }
  const chunks = resampleChunks(x, y, outW, outH, window, Math.min(level.width, BLOCK_WIDTH), filter.radius);
  let budget = MAX_SOURCE_PIXELS;
  for (const c of chunks) budget -= c.readW * c.readH;
  if (budget < 0) {
    throw new AppError('BadRequest', 'This request needs too many pixels: the raster has no overview small enough for it; add overviews to it.');
  }
  const type = source.sampleType;
  const [min, max] = sampleRange[type];
  const integer = isIntegerType(type);
  const target: ResampleTarget = { integer, min, max, nodata };
  const fill = nodata ?? 0;
  const computed = integer && nodata !== undefined && reproject !== 'nearest';
  const n = outW * outH;
  const out = Array.from({ length: nb }, () => new Float64Array(n));
  const valid = Array.from({ length: nb }, () => new Uint8Array(n));
  for (const chunk of chunks) {
    throwIfAborted(signal);
    const px = await warpLevel(
      source,
      level,
      plan.exact,
      range(chunk.readY, chunk.readH),
      range(chunk.readX, chunk.readW),
      kernelFor(reproject),
      KERNEL_RADIUS[reproject],
      signal,
    );
    const size = chunk.readW * chunk.readH;
    const values = new Float64Array(size);
    const mask = new Uint8Array(size);
    for (let b = 0; b < nb; b++) {
      const warped = px.bands[b] as Float64Array;
      let zeros = 0;
      for (let k = 0; k < size; k++) {
        const ok = px.valid[k] === 255;
        // The level's pixels as the WarpedVRT band holds them: of the band's type, nodata where nothing was warped.
        let v = ok ? (warped[k] as number) : fill;
        if (ok && integer) v = toSampleType(type, v);
        if (ok && computed) v = avoidNodata(type, v, nodata);
        if (type === 'float32') v = Math.fround(v);
        values[k] = v;
        const m = ok && (nodata === undefined || (Number.isNaN(nodata) ? !Number.isNaN(v) : v !== nodata));
        mask[k] = m ? 255 : 0;
        if (!m) zeros++;
      }
      const outB = out[b] as Float64Array;
      const validB = valid[b] as Uint8Array;
      if (zeros === size) fillChunk(chunk, target, outB, validB, outW);
      else convolveChunk(chunk, x, y, filter, target, values, zeros === 0 ? undefined : mask, outB, validB, outW);
    }
  }
  const bands = Array.from({ length: nb }, () => allocate(type, n));
  const all = new Uint8Array(n);
  for (let o = 0; o < n; o++) {
    let ok = true;
    for (let b = 0; b < nb; b++) {
      (bands[b] as TypedArray)[o] = toBandValue(target, (out[b] as Float64Array)[o] as number);
      if ((valid[b] as Uint8Array)[o] !== 255) ok = false;
    }
    all[o] = ok ? 255 : 0;
  }
  return { bands, valid: all };
}
