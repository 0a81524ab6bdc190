import { AppError } from '@pqe/common';
import type { Source } from '../types.js';

// Reads the parts of a file that opening it needs, in aligned chunks kept for the time of the opening: the IFDs
// and tag values of a COG sit together at its start, so one chunk usually answers many small reads, and the
// total is bounded so that a hostile header cannot make us read the whole file.

/** Reads larger than this many chunks go to the source directly (still counted). */
const MAX_CHUNKS_PER_READ = 4;

export class HeaderReader {
  readonly #source: Source;
  readonly #chunkSize: number;
  readonly #maxBytes: number;
  readonly #signal: AbortSignal | undefined;
  readonly #chunks = new Map<number, Promise<Uint8Array>>();
  #bytesRead = 0;

  constructor(source: Source, chunkSize: number, maxBytes: number, signal?: AbortSignal) {
    this.#source = source;
    this.#chunkSize = chunkSize;
    this.#maxBytes = maxBytes;
    this.#signal = signal;
  }

  /** Bytes fetched from the source so far. */
  get bytesRead(): number {
    return this.#bytesRead;
  }

  /** Reads `length` bytes at `offset` (fewer at the end of the file). */
  async read(offset: number, length: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new AppError('BadRequest', `${this.#source.url} points outside itself (offset ${offset}, length ${length}): the file is damaged.`);
    }
    if (length === 0) return new Uint8Array(0);
    const first = Math.floor(offset / this.#chunkSize);
    const last = Math.floor((offset + length - 1) / this.#chunkSize);
    if (last - first + 1 > MAX_CHUNKS_PER_READ) {
      this.#count(length);
      return this.#source.read(offset, length, this.#signal);
    }
    const chunks = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.#chunk(first + i)));
    const out = new Uint8Array(length);
    let filled = 0;
    for (const [i, chunk] of chunks.entries()) {
      const chunkStart = (first + i) * this.#chunkSize;
      const from = Math.max(0, offset - chunkStart);
      const to = Math.min(chunk.length, offset + length - chunkStart);
      if (to <= from) break;
      out.set(chunk.subarray(from, to), filled);
      filled += to - from;
      if (chunk.length < this.#chunkSize) break;
    }
    return filled === length ? out : out.subarray(0, filled);
  }

  #chunk(index: number): Promise<Uint8Array> {
    let chunk = this.#chunks.get(index);
    if (chunk === undefined) {
      this.#count(this.#chunkSize);
      chunk = this.#source.read(index * this.#chunkSize, this.#chunkSize, this.#signal);
      this.#chunks.set(index, chunk);
    }
    return chunk;
  }

  #count(bytes: number): void {
    this.#bytesRead += bytes;
    if (this.#bytesRead > this.#maxBytes) {
      throw new AppError('BadRequest', `${this.#source.url} has a header larger than ${this.#maxBytes} bytes, more than this server reads to open a file.`);
    }
  }
}
