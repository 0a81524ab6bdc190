import { open } from 'node:fs/promises';
import { throwIfAborted } from '@pqe/common';
import type { Source } from '../types.js';
import { checkRange, DEFAULT_MAX_READ_BYTES } from './byte-range.js';
import type { LocalFile } from './local-path.js';

/**
 * A local file, opened for each read: nothing stays open between requests, and the OS page cache makes the
 * open cheap. The version is the mtime and size seen when the source was opened.
 */
export class FileSource implements Source {
  readonly url: string;
  readonly #file: LocalFile;
  readonly #maxReadBytes: number;

  constructor(url: string, file: LocalFile, maxReadBytes = DEFAULT_MAX_READ_BYTES) {
    this.url = url;
    this.#file = file;
    this.#maxReadBytes = maxReadBytes;
  }

  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    checkRange(this.url, offset, length, this.#maxReadBytes);
    throwIfAborted(signal);
    const wanted = Math.max(0, Math.min(length, this.#file.size - offset));
    if (wanted === 0) return new Uint8Array(0);
    const handle = await open(this.#file.path, 'r');
    try {
      const buffer = new Uint8Array(wanted);
      let done = 0;
      while (done < wanted) {
        const { bytesRead } = await handle.read(buffer, done, wanted - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      throwIfAborted(signal);
      return done === wanted ? buffer : buffer.subarray(0, done);
    } finally {
      await handle.close();
    }
  }

  size(): number {
    return this.#file.size;
  }

  version(): string {
    return `${Math.trunc(this.#file.mtimeMs)}-${this.#file.size}`;
  }
}
