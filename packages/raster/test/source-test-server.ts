import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small http server for the source tests: serves `data` at /file.bin with Range support and can be told to
 * fail, hang, ignore ranges or change the file's version. It counts the requests it gets.
 */
export class TestFileServer {
  readonly server: Server;
  data: Uint8Array;
  etag = '"v1"';
  requests = 0;
  ranges: string[] = [];
  /** Statuses to answer, one per request, before serving normally. */
  failures: number[] = [];
  /** Extra headers sent with each failure. */
  failureHeaders: Record<string, string> = {};
  hang = false;
  ignoreRange = false;
  /** Resolves when a hanging request's connection is closed by the client. */
  closedHanging: Promise<void>;
  /** Resolves when a request arrives while `hang` is set. */
  hangingArrived: Promise<void>;
  #closed!: () => void;
  #arrived!: () => void;

  constructor(data: Uint8Array) {
    this.data = data;
    this.closedHanging = new Promise((resolve) => {
      this.#closed = resolve;
    });
    this.hangingArrived = new Promise((resolve) => {
      this.#arrived = resolve;
    });
    this.server = createServer((request, response) => this.#handle(request, response));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    this.requests += 1;
    this.ranges.push(request.headers.range ?? '');
    if (this.hang) {
      request.socket.on('close', () => this.#closed());
      this.#arrived();
      return;
    }
    const failure = this.failures.shift();
    if (failure !== undefined) {
      response.writeHead(failure, this.failureHeaders).end('failed on purpose');
      return;
    }
    if (request.url !== '/file.bin') {
      response.writeHead(404).end('not found');
      return;
    }
    const size = this.data.length;
    const match = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
    if (this.ignoreRange || match === null) {
      response.writeHead(200, { 'Content-Length': size, ETag: this.etag }).end(this.data);
      return;
    }
    const first = Number(match[1]);
    if (first >= size) {
      response.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    const last = Math.min(Number(match[2]), size - 1);
    response
      .writeHead(206, { 'Content-Range': `bytes ${first}-${last}/${size}`, 'Content-Length': last - first + 1, ETag: this.etag })
      .end(this.data.subarray(first, last + 1));
  }
}

/** Bytes whose value tells their position (mod 251, a prime, so that no two nearby windows repeat). */
export function patternBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) out[i] = i % 251;
  return out;
}
