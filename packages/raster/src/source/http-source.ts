import { AppError } from '@pqe/common';
import type { Source } from '../types.js';
import { checkRange } from './byte-range.js';
import type { HttpClient } from './http-client.js';

/** Gives the headers a request needs (e.g. an Azure bearer token); called before each read. */
export type HeaderProvider = (signal?: AbortSignal) => Promise<Record<string, string>>;

/**
 * A file read over http(s) by ranges. Its size and version are learnt from the first answer; a later answer
 * with another version means the file was replaced mid-read, which is reported rather than mixed.
 */
export class HttpSource implements Source {
  readonly url: string;
  readonly #href: URL;
  readonly #client: HttpClient;
  readonly #headers: HeaderProvider | undefined;
  #size: number | undefined;
  #version: string | undefined;
  /** True once the version was handed out (to key a cache): from then on, a change of version is an error. */
  #versionUsed = false;

  constructor(url: URL, client: HttpClient, headers?: HeaderProvider) {
    this.url = url.href;
    this.#href = url;
    this.#client = client;
    this.#headers = headers;
    // The version last seen for this URL lets caches be keyed before the first read; the first answer checks it.
    this.#version = client.versions.get(this.url);
  }

  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    checkRange(this.url, offset, length, this.#client.maxReadBytes);
    if (length === 0) return new Uint8Array(0);
    if (this.#size !== undefined && offset >= this.#size) return new Uint8Array(0);
    const headers = this.#headers === undefined ? {} : await this.#headers(signal);
    const response = await this.#client.readRange(this.#href, offset, length, headers, signal);
    if (response.size !== undefined) this.#size = response.size;
    if (response.version !== undefined) {
      const known = this.#version;
      this.#client.versions.set(this.url, response.version);
      this.#version = response.version;
      if (this.#versionUsed && known !== undefined && known !== response.version) {
        throw new AppError('Conflict', `${this.#href.origin}${this.#href.pathname} changed while it was being read; try again.`);
      }
    }
    return response.bytes;
  }

  size(): number | undefined {
    return this.#size;
  }

  version(): string | undefined {
    this.#versionUsed = true;
    return this.#version;
  }
}
