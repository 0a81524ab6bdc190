import type { DecodedBlock } from '../types.js';
import { Inflight } from './inflight.js';
import { LruCache, type LruCacheStats } from './lru-cache.js';

// Decoded blocks, shared by the tiles that need them: adjacent map tiles read the same COG blocks, and the
// decode costs more than the read. Keys carry the file's version, so a replaced file never serves old pixels.

/** Bytes counted for a block beyond its samples (the object and its typed array header). */
const BLOCK_OVERHEAD_BYTES = 128;

export interface BlockKey {
  /** The source's cache key (see sourceCacheKey). */
  url: string;
  /** The source's version (ETag, Last-Modified, or mtime and size); '' when unknown. */
  version: string;
  /** Image level: 0 the full resolution, then the overviews from the largest. */
  level: number;
  /** The block's index in the level's TileOffsets / StripOffsets (planes after each other when separate). */
  index: number;
}

export function blockCacheKey(key: BlockKey): string {
  return `${key.url}\n${key.version}\n${key.level}\n${key.index}`;
}

export class BlockCache {
  readonly #lru: LruCache<string, DecodedBlock>;
  readonly #inflight = new Inflight<string, DecodedBlock>();

  constructor(budgetBytes: number) {
    this.#lru = new LruCache({ budgetBytes, sizeOf: (block) => block.data.byteLength + BLOCK_OVERHEAD_BYTES });
  }

  /**
   * The block for `key`, from the cache, from a load already running for the same key, or from `load`.
   * A failed or aborted load is not cached.
   */
  getOrLoad(key: BlockKey, load: (signal: AbortSignal) => Promise<DecodedBlock>, signal?: AbortSignal): Promise<DecodedBlock> {
    const id = blockCacheKey(key);
    const cached = this.#lru.get(id);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.#inflight.run(
      id,
      async (loadSignal) => {
        const block = await load(loadSignal);
        this.#lru.set(id, block);
        return block;
      },
      signal,
    );
  }

  get stats(): LruCacheStats {
    return this.#lru.stats;
  }

  clear(): void {
    this.#lru.clear();
  }
}
