// The warper's read for the default methods (nearest warp kernel, nearest decimation), with its two pixel loops
// specialised: the source pixel under each warped pixel is copied in the source's own type (no per-pixel kernel
// call, no float64 staging), and the decimation to the output copies typed values. The planning (grid, overview
// choice, GDAL's 512 x 128 warp blocks and approximate transformer) is the warper's own, so the pixels are the same
// as warpToTile's, bit for bit (the tests compare them).
import { AppError, throwIfAborted } from '@pqe/common';
import type { TypedArray } from '../types.js';
import { APPROX_MAX_ERROR, approxTransformRow, type PointsTransform } from '../warp/approx-transformer.js';
import { distinct, nearestGrid } from '../warp/decimate.js';
import { gridBounds } from '../warp/geotransform.js';
import { chooseOverview, integerWindow } from '../warp/overview-choice.js';
import { allocate } from '../warp/sample-arrays.js';
import { sourceWindow } from '../warp/source-window.js';
import type { Bounds, WarpRequest, WarpResult, WarpSource } from '../warp/types.js';
import { applyBuffer, reprojectedResolution, vrtGrid } from '../warp/vrt-grid.js';
import { BLOCK_HEIGHT, BLOCK_WIDTH, MAX_SOURCE_PIXELS } from '../warp/warp-level.js';
import { warpToTile } from '../warp/warp-to-tile.js';
import { levelTransform, type WarpedLevel, warpedLevels } from '../warp/warped-levels.js';
import { type BitsArray, bitsOf, bitsView } from './sample-bits.js';

/** GDAL's nearest kernel adds this before truncating. */
const EPS = 1e-10;

/** warpToTile, faster for nearest / nearest; other methods go to warpToTile itself. */
export async function warpNearest(req: WarpRequest): Promise<WarpResult> {
  const nearest = (req.resampling ?? 'nearest') === 'nearest' && (req.reproject ?? 'nearest') === 'nearest';
  const padding = req.padding ?? 0;
  // warpToTile validates the request; the specialised path takes the plain cases and checks what it relies on.
  if (!nearest || padding > 0 || !plain(req)) return warpToTile(req);
  const { source, transformer, signal } = req;
  const buffer = req.buffer ?? 0;
  throwIfAborted(signal);
  const resolution = reprojectedResolution(
    source,
    req.dstCrs,
    (x, y) => transformer.forward(x, y),
    (x, y) => transformer.inverse(x, y),
  );
  let outW = req.width;
  let outH = req.height;
  let grid = vrtGrid(req.dstBounds, resolution, outW, outH);
  let bounds: Bounds = grid.bounds;
  if (buffer > 0) {
    const grown = applyBuffer(buffer, bounds, outW, outH);
    outW = grown.width;
    outH = grown.height;
    grid = vrtGrid(grown.bounds, resolution, outW, outH);
    bounds = grid.bounds;
  }
  const levels = warpedLevels(grid.width, grid.height, grid.transform, source.geotransform, source.levels);
  const choice = chooseOverview(
    grid.width,
    grid.height,
    levels.slice(1).map((l) => ({ width: l.width, height: l.height })),
    integerWindow(0, 0, grid.width, grid.height),
    outW,
    outH,
  );
  const level = levels[choice.index + 1];
  if (!level) throw new AppError('Internal', 'no level of the warped grid to read from');
  const { cols, rows } = nearestGrid(choice.window, outW, outH, level.width, level.height);
  const c = distinct(cols);
  const r = distinct(rows);
  const exact = levelTransform(level, (x, y) => transformer.inverse(x, y));
  const picked = await pickNearest(source, level, exact, r.values, c.values, signal);
  const result = decimate(source, picked, r.position, c.position, c.values.length, outW, outH);
  throwIfAborted(signal);
  return { ...result, bounds: gridBounds(grid.transform, grid.width, grid.height) };
}

/** The request is one warpToTile would accept as is (else it goes there and gets its error). */
function plain(req: WarpRequest): boolean {
  const { width, height } = req;
  const buffer = req.buffer ?? 0;
  return (
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    width >= 1 &&
    height >= 1 &&
    width <= 4096 &&
    height <= 4096 &&
    Number.isFinite(buffer) &&
    buffer >= 0 &&
    buffer <= 64 &&
    buffer % 0.5 === 0 &&
    req.dstBounds.every(Number.isFinite) &&
    req.dstBounds[2] > req.dstBounds[0] &&
    req.dstBounds[3] > req.dstBounds[1]
  );
}

interface Picked {
  /** Per band, the source sample under each selected warped pixel (rows x cols, row-major), in the source's type. */
  bands: TypedArray[];
  valid: Uint8Array;
}

/** The warp of the selected pixels of `level` with GDAL's nearest kernel, block by block as warpLevel does it. */
async function pickNearest(
  source: WarpSource,
  level: WarpedLevel,
  transform: PointsTransform,
  rows: Int32Array,
  cols: Int32Array,
  signal: AbortSignal | undefined,
): Promise<Picked> {
  const nb = source.bandCount;
  const nc = cols.length;
  const bands = Array.from({ length: nb }, () => allocate(source.sampleType, rows.length * nc));
  const to = bands.map(bitsView);
  const valid = new Uint8Array(rows.length * nc);
  const bw = Math.min(level.width, BLOCK_WIDTH);
  const bh = Math.min(level.height, BLOCK_HEIGHT);
  const xs = new Float64Array(bw);
  const ys = new Float64Array(bw);
  const ok = new Uint8Array(bw);
  const srcIndex = new Int32Array(bw);
  const dst = new Int32Array(bw);
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
      const win = sourceWindow(transform, block, level.sourceWidth, level.sourceHeight, 0);
      if (win) {
        budget -= win.w * win.h;
        if (budget < 0) {
          throw new AppError('BadRequest', 'This request needs too many source pixels: the raster has no overview small enough for it; add overviews to it.');
        }
        throwIfAborted(signal);
        const px = await source.readWindow(level.sourceLevel, win.x, win.y, win.w, win.h, signal);
        const from = px.bands.map(bitsView);
        const pxValid = px.valid;
        const wx1 = win.x + win.w;
        const wy1 = win.y + win.h;
        for (let rr = r0; rr < r1; rr++) {
          const row = rows[rr] as number;
          for (let k = 0; k < block.w; k++) {
            xs[k] = block.x + k + 0.5;
            ys[k] = row + 0.5;
          }
          approxTransformRow(transform, APPROX_MAX_ERROR, xs, ys, ok, block.w);
          const base = rr * nc;
          // First where each selected pixel comes from, then the samples band by band (tight, monomorphic copies).
          let picks = 0;
          for (let cc = c0; cc < c1; cc++) {
            const k = (cols[cc] as number) - block.x;
            if (!ok[k]) continue;
            const sx = xs[k] as number;
            const sy = ys[k] as number;
            // GDAL's nearest: the pixel containing the point; NaN fails every comparison and is skipped.
            if (!(sx >= win.x && sy >= win.y && sx + EPS <= wx1 && sy + EPS <= wy1)) continue;
            let ix = Math.trunc(sx + EPS) - win.x;
            let iy = Math.trunc(sy + EPS) - win.y;
            if (ix === win.w) ix--;
            if (iy === win.h) iy--;
            const i = iy * win.w + ix;
            if (!pxValid[i]) continue;
            const o = base + cc;
            valid[o] = 255;
            dst[picks] = o;
            srcIndex[picks++] = i;
          }
          for (let b = 0; b < nb; b++) copyPicks(from[b] as BitsArray, to[b] as BitsArray, srcIndex, dst, picks);
        }
      }
      c0 = c1;
    }
    r0 = r1;
  }
  return { bands, valid };
}

/** Output pixel (i, j) takes picked pixel (rowPos[j], colPos[i]); masked where invalid or any band holds nodata. */
function decimate(
  source: WarpSource,
  picked: Picked,
  rowPos: Int32Array,
  colPos: Int32Array,
  nc: number,
  outW: number,
  outH: number,
): Pick<WarpResult, 'bands' | 'mask' | 'width' | 'height'> {
  const n = outW * outH;
  const nb = source.bandCount;
  const bands = Array.from({ length: nb }, () => allocate(source.sampleType, n));
  const mask = new Uint8Array(n);
  const nodata = source.nodata;
  const fill = nodata ?? 0;
  // Each output pixel's picked index, or -1 where the picked pixel is invalid (the warper writes nodata, or 0).
  const index = new Int32Array(n);
  for (let j = 0; j < outH; j++) {
    const rowBase = (rowPos[j] as number) * nc;
    const o = j * outW;
    for (let i = 0; i < outW; i++) {
      const k = rowBase + (colPos[i] as number);
      const ok = picked.valid[k] === 255;
      index[o + i] = ok ? k : -1;
      mask[o + i] = ok ? 255 : 0;
    }
  }
  for (let b = 0; b < nb; b++) {
    const src = bitsView(picked.bands[b] as TypedArray);
    const out = bitsView(bands[b] as TypedArray);
    const fillBits = bitsOf(bands[b] as TypedArray, fill);
    copyByIndex(src, out, index, fillBits);
  }
  if (nodata !== undefined) {
    // rio-tiler masks a pixel when any band holds the nodata value.
    for (const band of bands) maskValue(band, mask, nodata);
  }
  return { bands, mask, width: outW, height: outH };
}

function copyByIndex(src: BitsArray, out: BitsArray, index: Int32Array, fill: number): void {
  for (let p = 0; p < index.length; p++) {
    const k = index[p] as number;
    out[p] = k >= 0 ? (src[k] as number) : fill;
  }
}

/** Clears the mask where `band` holds `nodata` (NaN-aware). */
function maskValue(band: TypedArray, mask: Uint8Array, nodata: number): void {
  const n = mask.length;
  if (Number.isNaN(nodata) || (nodata === 0 && (band instanceof Float32Array || band instanceof Float64Array))) {
    // NaNs differ in their bits, and so do 0 and -0: compare values.
    const isNan = Number.isNaN(nodata);
    for (let p = 0; p < n; p++) if (isNan ? Number.isNaN(band[p]) : band[p] === nodata) mask[p] = 0;
    return;
  }
  // Equal values of one type have equal bits: compare them through the four kinds of bits views.
  maskBits(bitsView(band), mask, bitsOf(band, nodata));
}

function maskBits(bits: BitsArray, mask: Uint8Array, value: number): void {
  for (let p = 0; p < mask.length; p++) if (bits[p] === value) mask[p] = 0;
}

function copyPicks(from: BitsArray, to: BitsArray, srcIndex: Int32Array, dst: Int32Array, count: number): void {
  for (let p = 0; p < count; p++) to[dst[p] as number] = from[srcIndex[p] as number] as number;
}
