import { AppError } from '@pqe/common';
import { Inflight } from '../cache/inflight.js';
import { LruCache, type LruCacheStats } from '../cache/lru-cache.js';
import { sourceCacheKey } from '../cache/source-cache-key.js';
import type { BlockLayout, GeoTransform, SampleType, Source } from '../types.js';
import { type CogBandInfo, type CogHeader, type CogImage, readCogHeader } from './cog-header.js';
import { type CogLimits, DEFAULT_COG_LIMITS } from './cog-limits.js';
import type { GeoKeys } from './geo-keys.js';
import { overviewGeotransform } from './geotransform.js';

/** What a reader needs to know of one level (the full image or an overview). */
export interface CogLevel {
  width: number;
  height: number;
  /** Block size in pixels (tile size, or width x RowsPerStrip for strips). */
  blockWidth: number;
  blockHeight: number;
  blocksAcross: number;
  blocksDown: number;
  tiled: boolean;
  /** The level's own geotransform (the full image's, scaled), when the file is georeferenced. */
  geotransform: GeoTransform | undefined;
  hasMask: boolean;
}

/**
 * An opened COG (or any tiled or stripped GeoTIFF): its header, read once and shareable, bound to the source
 * that reads its blocks. Bands and levels are 0-based; level 0 is the full resolution.
 */
export class Cog {
  readonly header: CogHeader;
  readonly source: Source;
  readonly #limits: CogLimits;

  constructor(header: CogHeader, source: Source, limits: CogLimits = DEFAULT_COG_LIMITS) {
    this.header = header;
    this.source = source;
    this.#limits = limits;
  }

  get url(): string {
    return this.source.url;
  }
  get width(): number {
    return this.header.width;
  }
  get height(): number {
    return this.header.height;
  }
  get bandCount(): number {
    return this.header.bandCount;
  }
  get sampleType(): SampleType {
    return this.header.sampleType;
  }
  get geotransform(): GeoTransform | undefined {
    return this.header.geotransform;
  }
  get geoKeys(): GeoKeys {
    return this.header.geoKeys;
  }
  get nodata(): number | undefined {
    return this.header.nodata;
  }
  get bands(): readonly CogBandInfo[] {
    return this.header.bands;
  }
  get colormap(): Uint8Array | undefined {
    return this.header.colormap;
  }
  get photometric(): number {
    return this.header.photometric;
  }
  get alphaBand(): number | undefined {
    return this.header.alphaBand;
  }
  get planarConfiguration(): number {
    return this.header.planarConfiguration;
  }

  get levels(): CogLevel[] {
    const { geotransform, width, height } = this.header;
    return this.header.levels.map((image, i) => ({
      width: image.width,
      height: image.height,
      blockWidth: image.blockWidth,
      blockHeight: image.blockHeight,
      blocksAcross: image.blocksAcross,
      blocksDown: image.blocksDown,
      tiled: image.tiled,
      geotransform:
        geotransform === undefined ? undefined : i === 0 ? geotransform : overviewGeotransform(geotransform, width, height, image.width, image.height),
      hasMask: this.header.masks[i] !== undefined,
    }));
  }

  /** How the blocks of `level` are encoded (the same for every band). */
  blockLayout(level: number, band = 0): BlockLayout {
    this.#band(band);
    return this.#level(level).layout;
  }

  /** How the internal mask's blocks of `level` are encoded, when the level has a mask. */
  maskLayout(level: number): BlockLayout | undefined {
    this.#level(level);
    return this.header.masks[level]?.layout;
  }

  /** The index of a block in its level's offset tables (what block caches are keyed by). */
  blockIndex(level: number, bx: number, by: number, band = 0): number {
    return this.#index(this.#level(level), bx, by, this.#band(band));
  }

  /**
   * The stored bytes of block (bx, by) of `level` for `band` (used only when the bands are stored apart), or
   * undefined for a block that is not stored (sparse file: it reads as nodata, or zeros).
   */
  readBlockBytes(level: number, bx: number, by: number, band: number, signal?: AbortSignal): Promise<Uint8Array | undefined> {
    const image = this.#level(level);
    return this.#read(image, this.#index(image, bx, by, this.#band(band)), signal);
  }

  /** The stored bytes of the internal mask's block (bx, by) of `level`, or undefined when not stored. */
  readMaskBytes(level: number, bx: number, by: number, signal?: AbortSignal): Promise<Uint8Array | undefined> {
    this.#level(level);
    const mask = this.header.masks[level];
    if (mask === undefined) throw new RangeError(`level ${level} of ${this.url} has no mask`);
    return this.#read(mask, this.#index(mask, bx, by, 0), signal);
  }

  #level(level: number): CogImage {
    const image = this.header.levels[level];
    if (image === undefined) throw new RangeError(`level ${level} does not exist in ${this.url} (${this.header.levels.length} levels)`);
    return image;
  }

  #band(band: number): number {
    if (!Number.isInteger(band) || band < 0 || band >= this.header.bandCount) {
      throw new RangeError(`band ${band} does not exist in ${this.url} (${this.header.bandCount} bands, counted from 0)`);
    }
    return band;
  }

  #index(image: CogImage, bx: number, by: number, band: number): number {
    if (!Number.isInteger(bx) || !Number.isInteger(by) || bx < 0 || by < 0 || bx >= image.blocksAcross || by >= image.blocksDown) {
      throw new RangeError(`block ${bx},${by} is outside the ${image.blocksAcross} x ${image.blocksDown} blocks of ${this.url}`);
    }
    const plane = image.planes > 1 ? band : 0;
    return (plane * image.blocksDown + by) * image.blocksAcross + bx;
  }

  async #read(image: CogImage, index: number, signal?: AbortSignal): Promise<Uint8Array | undefined> {
    const { offset, length } = await image.table.locate(index, this.source, signal);
    if (offset === 0 || length === 0) return undefined;
    if (length > this.#limits.maxBlockBytes) {
      throw new AppError('BadRequest', `${this.url} declares a block of ${length} bytes, more than the ${this.#limits.maxBlockBytes} this server reads.`);
    }
    const size = this.source.size();
    if (size !== undefined && offset + length > size) throw new AppError('BadRequest', `${this.url} is truncated: a block lies past its end.`);
    const bytes = await this.source.read(offset, length, signal);
    if (bytes.length < length) throw new AppError('BadRequest', `${this.url} is truncated: a block lies past its end.`);
    return bytes;
  }
}

/** Parsed headers by file and version, so that each tile does not read the header again. */
export class CogHeaderCache {
  readonly #lru: LruCache<string, CogHeader>;
  readonly #inflight = new Inflight<string, CogHeader>();

  constructor(budgetBytes: number) {
    this.#lru = new LruCache({ budgetBytes, sizeOf: (header) => header.estimatedBytes });
  }

  get stats(): LruCacheStats {
    return this.#lru.stats;
  }

  get(key: string): CogHeader | undefined {
    return this.#lru.get(key);
  }

  set(key: string, header: CogHeader): void {
    this.#lru.set(key, header);
  }

  load(key: string, read: (signal: AbortSignal) => Promise<CogHeader>, signal?: AbortSignal): Promise<CogHeader> {
    return this.#inflight.run(
      key,
      async (shared) => {
        const header = await read(shared);
        this.#lru.set(key, header);
        return header;
      },
      signal,
    );
  }
}

export function headerCacheKey(url: string, version: string): string {
  return `${sourceCacheKey(url)}\n${version}`;
}

export interface OpenCogOptions {
  limits?: Partial<CogLimits>;
  /** Headers already read; used when the source knows its version before reading (local files, URLs read before). */
  cache?: CogHeaderCache;
  signal?: AbortSignal;
}

/**
 * Opens the TIFF in `source`: reads and checks its header (or takes it from the cache).
 * @throws AppError BadRequest when it is not a readable TIFF, or declares more than the limits allow.
 */
export async function openCog(source: Source, options: OpenCogOptions = {}): Promise<Cog> {
  const limits = { ...DEFAULT_COG_LIMITS, ...options.limits };
  const { cache, signal } = options;
  const version = source.version();
  if (cache === undefined) return new Cog(await readCogHeader(source, limits, signal), source, limits);
  if (version !== undefined) {
    const key = headerCacheKey(source.url, version);
    const cached = cache.get(key);
    if (cached !== undefined) return new Cog(cached, source, limits);
    return new Cog(await cache.load(key, (shared) => readCogHeader(source, limits, shared), signal), source, limits);
  }
  // The version is learnt by the first read: cache the header under it for the next opening.
  const header = await readCogHeader(source, limits, signal);
  const learnt = source.version();
  if (learnt !== undefined) cache.set(headerCacheKey(source.url, learnt), header);
  return new Cog(header, source, limits);
}
