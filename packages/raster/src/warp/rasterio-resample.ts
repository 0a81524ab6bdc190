// The second stage of rio-tiler's read with bilinear or cubic `resampling`: GDAL 3.8's RasterIO from a window of
// one level of the warped grid into the output buffer when the two differ in size or the window has fractions.
// The buffer is cut into chunks of at most about a million level pixels; each chunk reads the level over its extent
// plus a margin (filter radius times the rounded ratio), then a separable convolution, rows first, applies the
// filter stretched by the ratio (never narrowed when up-sampling). Invalid level pixels (nodata) take no weight, and
// a result that would read as nodata is moved off it. Pure arithmetic: the caller warps the pixels.
import { catmullRom, triangle } from './interpolation-kernels.js';
import type { RasterWindow } from './overview-choice.js';

export interface ResampleFilter {
  radius: number;
  weight: (d: number) => number;
  /** Filters with negative lobes drop a point whose taps have too few consecutive valid ones. */
  negative: boolean;
}

export const RESAMPLE_FILTERS: Record<'bilinear' | 'cubic', ResampleFilter> = {
  bilinear: { radius: 1, weight: triangle, negative: false },
  cubic: { radius: 2, weight: catmullRom, negative: true },
};

/** GDAL's limit on the level pixels one chunk covers (before the margin). */
const CHUNK_PIXELS = 1024 * 1024;

/** One axis of the read. */
export interface ResampleAxis {
  /** Window size over buffer size: level pixels per output pixel. */
  ratio: number;
  /** The integer window's offset, from which chunk extents are counted. */
  off: number;
  /** Origin of the convolution's coordinates, in level pixels (0 or `off`). */
  base: number;
  /** Added to each output index: the window's place in a whole-raster output when it falls on whole pixels. */
  shift: number;
  /** The window's fraction beyond `off`, when it does not. */
  delta: number;
  /** The margin of a chunk, in units of the filter radius. */
  factor: number;
  /** The level's size along this axis. */
  size: number;
}

/**
 * An axis of reading a window (`dfOff`, `dfSize` with fractions; `off` its integer offset) of a level of `size`
 * pixels into `buf` pixels. A window whose offset lands on a whole output pixel is resampled as part of the whole
 * level, so that sub-windows give the same values as the whole.
 */
export function resampleAxis(dfOff: number, dfSize: number, off: number, buf: number, size: number): ResampleAxis {
  const ratio = dfSize / buf;
  const dest = dfOff / ratio;
  const whole = Math.trunc(dest + 0.5);
  const aligned = Math.abs(dest - whole) < 1e-8;
  return {
    ratio,
    off,
    base: aligned ? 0 : off,
    shift: aligned ? whole : 0,
    delta: aligned ? 0 : dfOff - off,
    factor: Math.max(1, Math.trunc(0.5 + ratio)),
    size,
  };
}

/** One chunk: output columns [x0, x1) and rows [y0, y1), and the level pixels it reads (margin included). */
export interface ResampleChunk {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  readX: number;
  readW: number;
  readY: number;
  readH: number;
}

/** Level pixels read along one axis for output pixels [d0, d0 + count). */
function readExtent(axis: ResampleAxis, d0: number, count: number, radius: number): { start: number; length: number } {
  const c0 = axis.off + Math.trunc(d0 * axis.ratio);
  const c1 = Math.min(axis.off + 1 + Math.trunc(Math.ceil((d0 + count) * axis.ratio)), axis.size);
  const margin = radius * axis.factor;
  let start = c0 - margin;
  let length = c1 - c0 + 2 * margin;
  if (start < 0) {
    length += start;
    start = 0;
  }
  if (start + length > axis.size) length = axis.size - start;
  return { start, length };
}

/**
 * The chunks of a read into a `bufW` x `bufH` buffer, as GDAL cuts it: halving the longer side (or the rows of a
 * full-width read of a level as wide as its blocks) until a chunk covers at most a million level pixels.
 */
export function resampleChunks(
  x: ResampleAxis,
  y: ResampleAxis,
  bufW: number,
  bufH: number,
  window: RasterWindow,
  blockWidth: number,
  radius: number,
): ResampleChunk[] {
  let bw = bufW;
  let bh = bufH;
  for (;;) {
    const fx = Math.min(3 + Math.trunc(bw * x.ratio), x.size);
    const fy = Math.min(3 + Math.trunc(bh * y.ratio), y.size);
    if ((bw === 1 && bh === 1) || fx * fy <= CHUNK_PIXELS) break;
    if (fx >= window.xSize && window.xSize === blockWidth && bh > 1) bh = Math.trunc(bh / 2);
    else if (bw > 1 && (fx > fy || bh === 1)) bw = Math.trunc(bw / 2);
    else bh = Math.trunc(bh / 2);
  }
  const chunks: ResampleChunk[] = [];
  for (let y0 = 0; y0 < bufH; y0 += bh) {
    const y1 = Math.min(y0 + bh, bufH);
    const ry = readExtent(y, y0, y1 - y0, radius);
    for (let x0 = 0; x0 < bufW; x0 += bw) {
      const x1 = Math.min(x0 + bw, bufW);
      const rx = readExtent(x, x0, x1 - x0, radius);
      chunks.push({ x0, x1, y0, y1, readX: rx.start, readW: rx.length, readY: ry.start, readH: ry.length });
    }
  }
  return chunks;
}

/** How results are written back: the band's type range, integer or not, and its nodata value. */
export interface ResampleTarget {
  integer: boolean;
  min: number;
  max: number;
  nodata?: number | undefined;
}

/** The value GDAL writes instead of a computed one that would equal nodata. */
export function nodataReplacement(target: ResampleTarget, nodata: number): number {
  if (target.integer) return nodata >= target.max ? target.max - 1 : nodata + 1;
  return nodata === 0 ? 1.1754943508222875e-38 : Math.fround(nodata + 1e-7 * nodata);
}

function roundHalfAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/** Filter weights for one output pixel along an axis: taps [start, stop) of the chunk's coordinates. */
interface Taps {
  start: number;
  count: number;
  sum: number;
}

function taps(pos: number, scaledRadius: number, step: number, lo: number, hi: number, filter: ResampleFilter, weights: Float64Array, vertical: boolean): Taps {
  const start = Math.max(Math.floor(pos - scaledRadius + 0.5), lo);
  const stop = Math.min(Math.trunc(pos + scaledRadius + 0.5), hi);
  let d = step * (start - pos + 0.5);
  let sum = 0;
  let n = start;
  // GDAL steps the distance by additions, four taps at a time, and sums each group of four first.
  for (; n + 3 < stop; n += 4) {
    const i = n - start;
    let d0: number;
    let d1: number;
    let d2: number;
    let d3: number;
    if (vertical) {
      d0 = d;
      d1 = d + step;
      d2 = d + 2 * step;
      d3 = d + 3 * step;
      d += 4 * step;
    } else {
      d0 = d;
      d += step;
      d1 = d;
      d += step;
      d2 = d;
      d += step;
      d3 = d;
      d += step;
    }
    weights[i] = filter.weight(d0);
    weights[i + 1] = filter.weight(d1);
    weights[i + 2] = filter.weight(d2);
    weights[i + 3] = filter.weight(d3);
    sum += (weights[i] as number) + (weights[i + 1] as number) + (weights[i + 2] as number) + (weights[i + 3] as number);
  }
  for (; n < stop; n++, d += step) {
    const w = filter.weight(d);
    weights[n - start] = w;
    sum += w;
  }
  return { start, count: Math.max(0, stop - start), sum };
}

/** Whether the longest run of valid taps is at least half their count (negative-lobe filters need it). */
function enoughConsecutive(mask: Uint8Array, first: number, stride: number, count: number): boolean {
  let run = 0;
  let best = 0;
  for (let k = 0; k < count; k++) {
    if (mask[first + k * stride]) run++;
    else if (run) {
      best = Math.max(best, run);
      run = 0;
    }
  }
  return Math.max(best, run) >= Math.trunc(count / 2);
}

/**
 * Resamples one band over one chunk. `values` holds the chunk's level pixels (`chunk.readW` x `chunk.readH`, as
 * the band's type holds them), `mask` their validity (0 / 255) or undefined when all are valid. Writes the output
 * pixels of the chunk into `out` (row-major, `outW` wide) and their validity into `valid` (0 where no valid tap).
 */
export function convolveChunk(
  chunk: ResampleChunk,
  x: ResampleAxis,
  y: ResampleAxis,
  filter: ResampleFilter,
  target: ResampleTarget,
  values: Float64Array,
  mask: Uint8Array | undefined,
  out: Float64Array,
  valid: Uint8Array,
  outW: number,
): void {
  const nodata = target.nodata;
  const fill = nodata ?? 0;
  const replacement = nodata === undefined ? 0 : nodataReplacement(target, nodata);
  const finish = (f: number): number => {
    if (nodata === undefined) return f;
    const clamped = Math.min(Math.max(f, target.min), target.max);
    if (target.integer ? Math.trunc(nodata) === roundHalfAway(clamped) : nodata === clamped) return replacement;
    return clamped;
  };
  const nDst = chunk.x1 - chunk.x0;
  const rows = chunk.readH;
  const cw = chunk.readW;
  const cx = chunk.readX - x.base;
  const cy = chunk.readY - y.base;
  // Up-sampling keeps the filter's own width; down-sampling stretches it by the ratio.
  const xStep = Math.min(1, 1 / x.ratio);
  const yStep = Math.min(1, 1 / y.ratio);
  const xRadius = filter.radius / xStep;
  const yRadius = filter.radius / yStep;
  const weights = new Float64Array(Math.trunc(2 + 2 * Math.max(xRadius, yRadius) + 0.5) + 4);
  const horizontal = new Float64Array(rows * nDst);
  const hMask = mask ? new Uint8Array(rows * nDst) : undefined;

  for (let k = 0; k < nDst; k++) {
    const pos = (chunk.x0 + x.shift + k + 0.5) * x.ratio + x.delta;
    const t = taps(pos, xRadius, xStep, cx, cx + cw, filter, weights, false);
    const first = t.start - cx;
    if (!mask || !hMask) {
      if (t.sum !== 0) {
        const inv = 1 / t.sum;
        for (let i = 0; i < t.count; i++) weights[i] = (weights[i] as number) * inv;
      }
      for (let r = 0; r < rows; r++) {
        const j = r * cw + first;
        let v = 0;
        for (let i = 0; i < t.count; i++) v += (values[j + i] as number) * (weights[i] as number);
        horizontal[r * nDst + k] = v;
      }
      continue;
    }
    for (let r = 0; r < rows; r++) {
      const j = r * cw + first;
      const o = r * nDst + k;
      if (filter.negative && !enoughConsecutive(mask, j, 1, t.count)) {
        horizontal[o] = 0;
        hMask[o] = 0;
        continue;
      }
      let v = 0;
      let sum = 0;
      for (let i = 0; i < t.count; i++) {
        const w = (weights[i] as number) * (mask[j + i] as number);
        v += (values[j + i] as number) * w;
        sum += w;
      }
      if (sum > 0) {
        horizontal[o] = v / sum;
        hMask[o] = 1;
      } else {
        horizontal[o] = 0;
        hMask[o] = 0;
      }
    }
  }

  for (let line = chunk.y0; line < chunk.y1; line++) {
    const pos = (line + y.shift + 0.5) * y.ratio + y.delta;
    const t = taps(pos, yRadius, yStep, cy, cy + rows, filter, weights, true);
    const first = (t.start - cy) * nDst;
    const outRow = line * outW + chunk.x0;
    if (!hMask) {
      if (t.sum !== 0) {
        const inv = 1 / t.sum;
        for (let i = 0; i < t.count; i++) weights[i] = (weights[i] as number) * inv;
      }
      for (let k = 0; k < nDst; k++) {
        let v = 0;
        for (let i = 0; i < t.count; i++) v += (horizontal[first + i * nDst + k] as number) * (weights[i] as number);
        out[outRow + k] = finish(Math.fround(v));
        valid[outRow + k] = 255;
      }
      continue;
    }
    for (let k = 0; k < nDst; k++) {
      if (filter.negative && !enoughConsecutive(hMask, first + k, nDst, t.count)) {
        out[outRow + k] = fill;
        valid[outRow + k] = 0;
        continue;
      }
      let v = 0;
      let sum = 0;
      for (let i = 0; i < t.count; i++) {
        const j = first + i * nDst + k;
        const w = (weights[i] as number) * (hMask[j] as number);
        v += (horizontal[j] as number) * w;
        sum += w;
      }
      if (sum > 0) {
        out[outRow + k] = finish(Math.fround(v / sum));
        valid[outRow + k] = 255;
      } else {
        out[outRow + k] = fill;
        valid[outRow + k] = 0;
      }
    }
  }
}

/** A chunk whose level pixels are all invalid: GDAL fills its output with nodata (0 without one). */
export function fillChunk(chunk: ResampleChunk, target: ResampleTarget, out: Float64Array, valid: Uint8Array, outW: number): void {
  const fill = target.nodata ?? 0;
  for (let line = chunk.y0; line < chunk.y1; line++) {
    for (let k = chunk.x0; k < chunk.x1; k++) {
      out[line * outW + k] = fill;
      valid[line * outW + k] = 0;
    }
  }
}

/** GDAL's float to integer conversion of a result: NaN to 0, clamped to the range, rounded half up in float32. */
export function toBandValue(target: ResampleTarget, f: number): number {
  if (!target.integer) return f;
  if (Number.isNaN(f)) return 0;
  if (f <= target.min) return target.min;
  if (f >= target.max) return target.max;
  return Math.floor(Math.fround(f + 0.5));
}
