import http from 'node:http';
import https from 'node:https';
import { AppError, abortError } from '@pqe/common';
import { Inflight } from '../cache/inflight.js';
import { LruCache } from '../cache/lru-cache.js';
import { DEFAULT_MAX_READ_BYTES } from './byte-range.js';
import { parseContentRange } from './content-range.js';
import { type RetryPolicy, retryAfterMs, retryDelayMs, sleep } from './retry.js';

// Range reads over http(s), shared by every source of the process: keep-alive agents (a COG is read in many
// small requests to the same host), retries with backoff on the failures that pass (5xx, 429, timeouts, reset
// connections), and one request for callers that ask for the same range of the same URL at the same time.
// Redirects are not followed: a redirect could lead to a host outside the allow-list.

export interface HttpClientOptions {
  /** Time limit of one attempt, from sending the request to the last byte of the body. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  maxSocketsPerHost?: number;
  /** Largest range read at once. */
  maxReadBytes?: number;
  /** When a server ignores Range and sends the whole file, read at most this many bytes of it. */
  maxUnrangedBytes?: number;
}

export interface RangeResponse {
  bytes: Uint8Array;
  /** Full size of the file, from Content-Range (or Content-Length of a whole-file answer). */
  size: number | undefined;
  /** ETag, else Last-Modified. */
  version: string | undefined;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 2000, budgetMs: 20_000 };

/** Why an attempt failed, and whether another may succeed. */
class AttemptFailure extends Error {
  constructor(
    readonly error: AppError,
    readonly retryable: boolean,
    readonly waitMs?: number,
  ) {
    super(error.message);
  }
}

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);

function describeUrl(url: URL): string {
  // Never echo query strings: they may hold SAS tokens.
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export class HttpClient {
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxReadBytes: number;
  readonly maxUnrangedBytes: number;
  /** The last version seen per URL, so that a new source can key caches before its first read. */
  readonly versions = new LruCache<string, string>({ budgetBytes: 4 * 1024 * 1024, sizeOf: (v) => v.length + 256 });
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;
  readonly #inflight = new Inflight<string, RangeResponse>();

  constructor(options: HttpClientOptions = {}) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.maxReadBytes = options.maxReadBytes ?? DEFAULT_MAX_READ_BYTES;
    this.maxUnrangedBytes = options.maxUnrangedBytes ?? 16 * 1024 * 1024;
    const maxSockets = options.maxSocketsPerHost ?? 64;
    this.#httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.#httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  /** Range requests running now (after coalescing). */
  get pending(): number {
    return this.#inflight.size;
  }

  /**
   * Reads `length` bytes at `offset` of `url`. Callers asking for the same range at the same time share one
   * request; `headers` (authorization) are taken from whichever caller started it.
   */
  readRange(url: URL, offset: number, length: number, headers: Record<string, string>, signal?: AbortSignal): Promise<RangeResponse> {
    const key = `${url.href}\n${offset}\n${length}`;
    return this.#inflight.run(key, (shared) => this.#readWithRetries(url, offset, length, headers, shared), signal);
  }

  async #readWithRetries(url: URL, offset: number, length: number, headers: Record<string, string>, signal: AbortSignal): Promise<RangeResponse> {
    const started = Date.now();
    for (let retry = 0; ; retry += 1) {
      try {
        return await this.#attempt(url, offset, length, headers, signal);
      } catch (error) {
        if (signal.aborted) throw abortError(signal);
        if (!(error instanceof AttemptFailure)) throw error;
        if (!error.retryable || retry >= this.retry.maxRetries) throw error.error;
        const delay = Math.max(error.waitMs ?? 0, retryDelayMs(retry, this.retry));
        if (Date.now() - started + delay > this.retry.budgetMs) throw error.error;
        await sleep(delay, signal);
      }
    }
  }

  #attempt(url: URL, offset: number, length: number, headers: Record<string, string>, signal: AbortSignal): Promise<RangeResponse> {
    const where = describeUrl(url);
    return new Promise<RangeResponse>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: { value: RangeResponse } | { error: unknown }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if ('value' in outcome) resolve(outcome.value);
        else reject(outcome.error);
      };
      const fail = (error: AppError, retryable: boolean, waitMs?: number) => {
        finish({ error: new AttemptFailure(error, retryable, waitMs) });
        request.destroy();
      };
      const isHttps = url.protocol === 'https:';
      const request = (isHttps ? https : http).request(url, {
        method: 'GET',
        agent: isHttps ? this.#httpsAgent : this.#httpAgent,
        headers: { ...headers, Range: `bytes=${offset}-${offset + length - 1}`, 'Accept-Encoding': 'identity' },
      });
      const onAbort = () => {
        finish({ error: abortError(signal) });
        request.destroy();
      };
      const timer = setTimeout(() => fail(new AppError('Timeout', `${where} did not answer within ${this.requestTimeoutMs} ms.`), true), this.requestTimeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });

      request.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? 'unknown';
        const retryable = RETRYABLE_NETWORK_CODES.has(code) || error.message === 'socket hang up';
        fail(new AppError('BadGateway', `Could not read ${where}: ${code === 'unknown' ? error.message : code}.`, { cause: error }), retryable);
      });
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const version = header(response, 'etag') ?? header(response, 'last-modified');
        const range = parseContentRange(header(response, 'content-range'));
        if (status === 416) {
          response.resume();
          finish({ value: { bytes: new Uint8Array(0), size: range?.size, version } });
          return;
        }
        if (status !== 200 && status !== 206) {
          response.resume();
          const retryable = status === 429 || status >= 500;
          fail(statusError(where, status), retryable, retryAfterMs(header(response, 'retry-after')));
          return;
        }
        const encoding = header(response, 'content-encoding');
        if (encoding !== undefined && encoding !== 'identity') {
          fail(new AppError('BadGateway', `${where} was sent with Content-Encoding ${encoding}; byte ranges need the file as stored.`), false);
          return;
        }
        let skip = 0;
        let size: number | undefined;
        if (status === 206) {
          if (range?.first !== offset || range.last === undefined || range.last - range.first + 1 > length) {
            fail(new AppError('BadGateway', `${where} answered a range request with another range (${header(response, 'content-range')}).`), false);
            return;
          }
          size = range.size;
        } else {
          // The server ignores Range and sends the whole file: keep the part asked for, within a bound.
          if (offset + length > this.maxUnrangedBytes) {
            fail(new AppError('BadGateway', `${where} does not support range requests, which reading a COG needs.`), false);
            return;
          }
          skip = offset;
          const declared = Number(header(response, 'content-length'));
          size = Number.isSafeInteger(declared) ? declared : undefined;
        }
        const expected = status === 206 && range?.last !== undefined && range.first !== undefined ? range.last - range.first + 1 : length;
        const body = new Uint8Array(expected);
        let received = 0;
        let seen = 0;
        response.on('data', (chunk: Buffer) => {
          const start = Math.max(0, skip - seen);
          seen += chunk.length;
          if (start >= chunk.length) return;
          const take = Math.min(chunk.length - start, expected - received);
          if (take > 0) {
            body.set(chunk.subarray(start, start + take), received);
            received += take;
          }
          if (received === expected && status === 200) {
            // The rest of the file is not wanted.
            finish({ value: { bytes: body, size, version } });
            request.destroy();
          } else if (status === 206 && seen > expected) {
            fail(new AppError('BadGateway', `${where} sent more bytes than the range it announced.`), false);
          }
        });
        response.on('end', () => {
          if (status === 206 && received < expected) {
            fail(new AppError('BadGateway', `${where} closed the connection after ${received} of ${expected} bytes.`), true);
            return;
          }
          finish({ value: { bytes: received === expected ? body : body.subarray(0, received), size, version } });
        });
        response.on('error', (error) => fail(new AppError('BadGateway', `Reading ${where} failed: ${error.message}.`, { cause: error }), true));
      });
      request.end();
    });
  }

  /** Closes the idle keep-alive connections. */
  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }
}

function header(response: http.IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function statusError(where: string, status: number): AppError {
  if (status === 404 || status === 410) return new AppError('NotFound', `${where} was not found (the server answered ${status}).`);
  if (status === 401 || status === 403) {
    return new AppError('BadGateway', `${where} refused access (the server answered ${status}); check the asset's signature or credentials.`);
  }
  if (status >= 300 && status < 400) return new AppError('BadGateway', `${where} answered with a redirect (${status}); redirects are not followed.`);
  return new AppError('BadGateway', `${where} answered ${status}.`);
}
