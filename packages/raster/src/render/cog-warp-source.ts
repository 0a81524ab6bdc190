// A Cog seen as the warper's WarpSource: a window of a level is assembled from the blocks it touches, read in
// parallel (bounded), decoded once through the shared decoded-block cache (which also shares concurrent loads of
// a block), and masked where the raster says there is no data: nodata (NaN-aware), the level's internal mask, or
// alpha 0. Palette rasters stay indexes; the colormap is applied when rendering.
import { AppError, throwIfAborted } from '@pqe/common';
import type { BlockCache, BlockKey } from '../cache/block-cache.js';
import { sourceCacheKey } from '../cache/source-cache-key.js';
import type { Cog, CogLevel } from '../cog/cog.js';
import { decodeBlock } from '../decode/decode-block.js';
import type { BlockLayout, Crs, DecodedBlock, GeoTransform, SampleType, TypedArray } from '../types.js';
import { allocate } from '../warp/sample-arrays.js';
import type { ReadWindowOptions, WarpSource, WindowPixels } from '../warp/types.js';
import { copyBandFromBlock, copyPixelsFromBlock, fillOverlap, maskNodata, maskWhereZero, type Overlap } from './window-copy.js';

/** Blocks read and decoded at once for one window. */
export const DEFAULT_BLOCK_CONCURRENCY = 8;
/** Pixels of one window (all bands together): the warper asks for a 512 x 128 block's footprint at a time. */
export const MAX_WINDOW_PIXELS = 16 * 1024 * 1024;

export interface CogWarpSourceOptions {
  crs: Crs;
  blockCache: BlockCache;
  /** The bands given to the warper, 0-based; default every band but the alpha band. */
  bands?: readonly number[] | undefined;
  /** Overrides the file's nodata (which, when there is one, decides validity before alpha and mask). */
  nodata?: number | undefined;
  /** Blocks loaded at once per window. */
  concurrency?: number | undefined;
}

/** Where validity comes from. */
type Validity = { kind: 'nodata'; value: number } | { kind: 'mask' } | { kind: 'alpha'; band: number } | { kind: 'none' };

/** The bands a request reads by default: all but the alpha band (rio-tiler's non-alpha indexes). */
export function defaultBands(cog: Cog): number[] {
  const out: number[] = [];
  for (let b = 0; b < cog.bandCount; b++) if (b !== cog.alphaBand) out.push(b);
  return out;
}

export class CogWarpSource implements WarpSource {
  readonly cog: Cog;
  readonly crs: Crs;
  readonly width: number;
  readonly height: number;
  readonly geotransform: GeoTransform;
  readonly bandCount: number;
  readonly sampleType: SampleType;
  readonly nodata: number | undefined;
  readonly paletted: boolean;
  readonly levels: ReadonlyArray<{ width: number; height: number }>;
  /** 0-based band indexes of the cog, in output order. */
  readonly bands: readonly number[];
  readonly #cogLevels: CogLevel[];
  readonly #cache: BlockCache;
  readonly #validity: Validity;
  readonly #concurrency: number;
  readonly #keyUrl: string;

  constructor(cog: Cog, options: CogWarpSourceOptions) {
    const gt = cog.geotransform;
    if (gt === undefined) throw new AppError('BadRequest', `${cog.url} is not georeferenced: it has no geotransform.`);
    this.cog = cog;
    this.crs = options.crs;
    this.width = cog.width;
    this.height = cog.height;
    this.geotransform = gt;
    this.sampleType = cog.sampleType;
    this.paletted = cog.colormap !== undefined;
    this.bands = options.bands ?? defaultBands(cog);
    for (const b of this.bands) {
      if (!Number.isInteger(b) || b < 0 || b >= cog.bandCount) {
        throw new AppError('InvalidParameter', `Band ${b + 1} does not exist: the raster has ${cog.bandCount} band(s) (bidx counts from 1).`);
      }
    }
    if (this.bands.length === 0) throw new AppError('InvalidParameter', 'At least one band must be read.');
    this.bandCount = this.bands.length;
    this.#cogLevels = cog.levels;
    this.levels = this.#cogLevels.map((l) => ({ width: l.width, height: l.height }));
    this.#cache = options.blockCache;
    this.#concurrency = Math.max(1, options.concurrency ?? DEFAULT_BLOCK_CONCURRENCY);
    this.#keyUrl = sourceCacheKey(cog.url);
    const nodata = options.nodata ?? cog.nodata;
    this.nodata = nodata;
    // rio-tiler's order: nodata (the file's or the request's), then the alpha band, then the internal mask.
    if (nodata !== undefined) this.#validity = { kind: 'nodata', value: nodata };
    else if (cog.alphaBand !== undefined) this.#validity = { kind: 'alpha', band: cog.alphaBand };
    else if (this.#cogLevels[0]?.hasMask) this.#validity = { kind: 'mask' };
    else this.#validity = { kind: 'none' };
  }

  /** The pixels of window (x0, y0, w, h) of `level`, which must lie inside the level. */
  async readWindow(level: number, x0: number, y0: number, w: number, h: number, signal?: AbortSignal, options?: ReadWindowOptions): Promise<WindowPixels> {
    const info = this.#cogLevels[level];
    if (info === undefined) throw new RangeError(`level ${level} does not exist`);
    if (!Number.isInteger(x0) || !Number.isInteger(y0) || w < 1 || h < 1 || x0 < 0 || y0 < 0 || x0 + w > info.width || y0 + h > info.height) {
      throw new RangeError(`window ${x0},${y0} ${w}x${h} is outside level ${level} (${info.width}x${info.height})`);
    }
    if (w * h * (this.bandCount + 1) > MAX_WINDOW_PIXELS) {
      throw new AppError('BadRequest', `A read of ${w}x${h} pixels is more than this server reads at once; the raster needs overviews.`);
    }
    throwIfAborted(signal);
    const n = w * h;
    const bands = this.bands.map(() => allocate(this.sampleType, n));
    const valid = new Uint8Array(n).fill(255);
    const validity = this.#validity;
    const alpha = validity.kind === 'alpha' ? allocate(this.sampleType, n) : undefined;
    // An overview without its own mask reads as all valid, as GDAL reads it.
    const mask = validity.kind === 'mask' && info.hasMask ? new Uint8Array(n) : undefined;
    const planar = this.cog.planarConfiguration === 2;
    const fill = this.nodata !== undefined && !Number.isNaN(this.nodata) ? this.nodata : 0;

    const bx0 = Math.floor(x0 / info.blockWidth);
    const bx1 = Math.floor((x0 + w - 1) / info.blockWidth);
    const by0 = Math.floor(y0 / info.blockHeight);
    const by1 = Math.floor((y0 + h - 1) / info.blockHeight);
    const tasks: (() => Promise<void>)[] = [];
    for (let by = by0; by <= by1; by++) {
      for (let bx = bx0; bx <= bx1; bx++) {
        const o = overlap(info, bx, by, x0, y0, w, h);
        if (planar) {
          this.bands.forEach((band, i) => {
            tasks.push(async () => this.#place(level, bx, by, band, o, [[bands[i] as TypedArray, 0]], w, fill, signal));
          });
          if (alpha && validity.kind === 'alpha') tasks.push(async () => this.#place(level, bx, by, validity.band, o, [[alpha, 0]], w, 0, signal));
        } else {
          const targets: [TypedArray, number][] = this.bands.map((band, i) => [bands[i] as TypedArray, band]);
          if (alpha && validity.kind === 'alpha') targets.push([alpha, validity.band]);
          tasks.push(async () => this.#place(level, bx, by, 0, o, targets, w, fill, signal));
        }
        if (mask) tasks.push(async () => this.#placeMask(level, bx, by, o, mask, w, signal));
      }
    }
    await runBounded(tasks, this.#concurrency, signal);

    if (validity.kind === 'nodata' && options?.callerTestsNodata !== true) maskNodata(bands, valid, validity.value);
    else if (mask) maskWhereZero(mask, valid);
    else if (alpha) maskWhereZero(alpha, valid);
    return { bands, valid };
  }

  /** Copies block (bx, by) of `level` into the windows of `targets` ([array, sample within the block]). */
  async #place(
    level: number,
    bx: number,
    by: number,
    band: number,
    o: Overlap,
    targets: readonly [TypedArray, number][],
    w: number,
    fill: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const block = await this.#block(level, bx, by, band, false, signal);
    // Every sample of the pixels, in order (RGB, RGBN...): one pass for all of them.
    if (block !== undefined && inOrder(targets) && copyPixelsFromBlock(block.data, block.width, block.samplesPerPixel, targets.map(first), w, o)) return;
    for (const [out, sample] of targets) {
      if (block === undefined) fillOverlap(out, w, o, fill);
      else copyBandFromBlock(block.data, block.width, block.samplesPerPixel, sample, out, w, o);
    }
  }

  async #placeMask(level: number, bx: number, by: number, o: Overlap, out: Uint8Array, w: number, signal: AbortSignal | undefined): Promise<void> {
    const block = await this.#block(level, bx, by, 0, true, signal);
    if (block === undefined) fillOverlap(out, w, o, 0);
    else copyBandFromBlock(block.data, block.width, block.samplesPerPixel, 0, out, w, o);
  }

  /** A decoded block (data or mask) from the cache or loaded; undefined when the file does not store it. */
  async #block(level: number, bx: number, by: number, band: number, isMask: boolean, signal: AbortSignal | undefined): Promise<DecodedBlock | undefined> {
    const cog = this.cog;
    const index = cog.blockIndex(level, bx, by, band);
    // Mask blocks are keyed on negative levels so that they never meet the data blocks of the same index.
    const key: BlockKey = { url: this.#keyUrl, version: cog.source.version() ?? cog.header.version ?? '', level: isMask ? -1 - level : level, index };
    const block = await this.#cache.getOrLoad(
      key,
      async (shared) => {
        const bytes = isMask ? await cog.readMaskBytes(level, bx, by, shared) : await cog.readBlockBytes(level, bx, by, band, shared);
        if (bytes === undefined) return SPARSE;
        const layout = isMask ? cog.maskLayout(level) : cog.blockLayout(level, band);
        if (layout === undefined) return SPARSE;
        return decodeBlock(bytes, blockLayoutFor(layout, this.#cogLevels[level] as CogLevel, by), shared);
      },
      signal,
    );
    return block === SPARSE ? undefined : block;
  }
}

function inOrder(targets: readonly [TypedArray, number][]): boolean {
  for (let i = 0; i < targets.length; i++) if ((targets[i] as [TypedArray, number])[1] !== i) return false;
  return true;
}

function first(target: readonly [TypedArray, number]): TypedArray {
  return target[0];
}

/** Stands for a block the file does not store (cached too, so that sparse files are not asked again). */
const SPARSE: DecodedBlock = { data: new Uint8Array(0), width: 0, height: 0, samplesPerPixel: 1 };

/** The last strip of a stripped image holds only the rows left: its layout says so, so that it decodes. */
function blockLayoutFor(layout: BlockLayout, level: CogLevel, by: number): BlockLayout {
  if (level.tiled) return layout;
  const rows = Math.min(level.blockHeight, level.height - by * level.blockHeight);
  return rows === layout.height ? layout : { ...layout, height: rows };
}

function overlap(level: CogLevel, bx: number, by: number, x0: number, y0: number, w: number, h: number): Overlap {
  const left = Math.max(x0, bx * level.blockWidth);
  const top = Math.max(y0, by * level.blockHeight);
  const right = Math.min(x0 + w, (bx + 1) * level.blockWidth, level.width);
  const bottom = Math.min(y0 + h, (by + 1) * level.blockHeight, level.height);
  return { bx: left - bx * level.blockWidth, by: top - by * level.blockHeight, wx: left - x0, wy: top - y0, w: right - left, h: bottom - top };
}

/** Runs `tasks` with at most `limit` at once; stops starting new ones when the signal aborts or one fails. */
export async function runBounded(tasks: readonly (() => Promise<void>)[], limit: number, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < tasks.length && !failed) {
      throwIfAborted(signal);
      const task = tasks[next++] as () => Promise<void>;
      try {
        await task();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, worker);
  await Promise.all(workers);
}
