// A least-recently-used cache bounded by the bytes its values hold, not by their count: decoded blocks range
// from a few KiB to megabytes, so a count would bound nothing.

export interface LruCacheOptions<V> {
  /** Most bytes the values may hold together; the least recently used go first when a new value needs room. */
  budgetBytes: number;
  /** Bytes held by one value (e.g. a typed array's byteLength plus a small overhead). */
  sizeOf: (value: V) => number;
}

export interface LruCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  /** Bytes held now. */
  bytes: number;
  entries: number;
}

interface Entry<V> {
  value: V;
  size: number;
}

export class LruCache<K, V> {
  readonly budgetBytes: number;
  readonly #sizeOf: (value: V) => number;
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recently used first.
  readonly #entries = new Map<K, Entry<V>>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(options: LruCacheOptions<V>) {
    if (!Number.isFinite(options.budgetBytes) || options.budgetBytes < 0) {
      throw new RangeError(`budgetBytes must be a finite number >= 0, not ${options.budgetBytes}`);
    }
    this.budgetBytes = options.budgetBytes;
    this.#sizeOf = options.sizeOf;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#misses += 1;
      return undefined;
    }
    this.#hits += 1;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** True when the key is held; does not count as a use. */
  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Stores the value; one larger than the whole budget is not kept (and replaces nothing). */
  set(key: K, value: V): void {
    const size = this.#sizeOf(value);
    if (!Number.isFinite(size) || size < 0) throw new RangeError(`sizeOf returned ${size}`);
    if (size > this.budgetBytes) {
      this.delete(key);
      return;
    }
    this.delete(key);
    this.#entries.set(key, { value, size });
    this.#bytes += size;
    for (const [oldKey, oldEntry] of this.#entries) {
      if (this.#bytes <= this.budgetBytes) break;
      this.#entries.delete(oldKey);
      this.#bytes -= oldEntry.size;
      this.#evictions += 1;
    }
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  get stats(): LruCacheStats {
    return { hits: this.#hits, misses: this.#misses, evictions: this.#evictions, bytes: this.#bytes, entries: this.#entries.size };
  }
}
