// A tile whose COG is read over http stops its reads when nobody wants it any more: the client went away, or the
// request ran past PQE_REQUEST_TIMEOUT_MS. The COG (written by our writer) lies exactly on WebMercatorQuad tile
// 10/524/330 with 16-pixel blocks, so that the tile needs 256 block reads, at most 8 at a time. A local node:http
// server answers each range after a delay, counts the requests and sees each one whose socket closed before it
// was answered. The data API runs as in production: Fastify listening on a port, sources read through its one
// http client, 127.0.0.1 allowed.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Config, createHttpServer, loadConfig, silentLogger } from '@pqe/common';
import { getTileMatrixSet, writeGeoTiff } from '@pqe/raster';
import type { FastifyInstance } from 'fastify';
import { dataApi } from '../src/data-api.js';
import { rasterCogEngine, rasterTileMatrixSets } from '../src/raster-engine.js';

const root = '/api/data/v1';
const Z = 10;
const X = 524;
const Y = 330;
const SIZE = 256;
const BLOCK = 16;
/** Blocks of the tile: the raster is the tile, 16 x 16 blocks of 16 pixels. */
const BLOCKS = (SIZE / BLOCK) ** 2;
/** How long the range server waits before it answers each request (when slow). */
const DELAY_MS = 150;

/** Serves one file by byte ranges, each answer after `delayMs`, and keeps count of what happens. */
class SlowRangeServer {
  delayMs = 0;
  /** Arrival time of every request, in order. */
  readonly arrivals: number[] = [];
  /** Requests whose connection closed before the answer was written. */
  closedUnanswered = 0;
  readonly #open = new Set<http.ServerResponse>();
  readonly #server: http.Server;

  constructor(readonly bytes: Uint8Array) {
    this.#server = http.createServer((req, res) => this.#handle(req, res));
  }

  get open(): number {
    return this.#open.size;
  }

  reset(delayMs: number): void {
    this.delayMs = delayMs;
    this.arrivals.length = 0;
    this.closedUnanswered = 0;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/grid.tif`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.arrivals.push(Date.now());
    this.#open.add(res);
    const timer = setTimeout(() => this.#answer(req, res), this.delayMs);
    res.on('close', () => {
      clearTimeout(timer);
      this.#open.delete(res);
      if (!res.writableFinished) this.closedUnanswered += 1;
    });
  }

  #answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const size = this.bytes.length;
    const match = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (match === null) {
      res.writeHead(200, { 'content-length': size }).end(this.bytes);
      return;
    }
    const first = Number(match[1]);
    const last = Math.min(Number(match[2]), size - 1);
    if (first >= size) {
      res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      return;
    }
    const body = this.bytes.subarray(first, last + 1);
    res.writeHead(206, { 'content-range': `bytes ${first}-${last}/${size}`, 'content-length': body.length }).end(body);
  }
}

let upstream: SlowRangeServer;
let cogUrl: string;

/** The data API on a port of its own, with a fresh engine (empty caches) and the given configuration. */
async function startApi(config: Config): Promise<{ app: FastifyInstance; base: string }> {
  const app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: config.requestTimeoutMs });
  await dataApi(app, { config, engine: rasterCogEngine({ blockCacheBytes: 16 * 1024 * 1024 }), tms: rasterTileMatrixSets() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

const configWith = (env: Record<string, string>) => loadConfig({ PQE_ALLOWED_HOSTS: '127.0.0.1', ...env });

const tilePath = () => `${root}/cog/tiles/WebMercatorQuad/${Z}/${X}/${Y}.png?url=${encodeURIComponent(cogUrl)}`;

/** Polls `condition` every 10 ms; false when it did not hold within `limitMs`. */
async function until(condition: () => boolean, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  const [west, , east, north] = tms.tileBounds(Z, X, Y);
  const pixel = (east - west) / SIZE;
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
  const bytes = await writeGeoTiff({
    width: SIZE,
    height: SIZE,
    bands: 3,
    sampleType: 'uint8',
    data,
    geotransform: [west, pixel, 0, north, 0, -pixel],
    crs: { epsg: 3857, geographic: false },
    tileSize: BLOCK,
  });
  upstream = new SlowRangeServer(bytes);
  cogUrl = await upstream.listen();
});

after(async () => {
  await upstream.close();
});

describe('a tile read over http', { timeout: 30_000 }, () => {
  it('reads every block of the tile when the client waits for it', async () => {
    upstream.reset(0);
    const { app, base } = await startApi(configWith({}));
    try {
      const response = await fetch(`${base}${tilePath()}`);
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(response.headers.get('content-type'), 'image/png');
      await response.arrayBuffer();
      // The header, then one read per block: what the two tests below must cut short.
      assert.ok(upstream.arrivals.length > BLOCKS, `${upstream.arrivals.length} range requests`);
      assert.equal(upstream.closedUnanswered, 0);
    } finally {
      await app.close();
    }
  });

  it('stops reading, and aborts the reads in flight, when the client goes away', async () => {
    upstream.reset(DELAY_MS);
    const { app, base } = await startApi(configWith({ PQE_REQUEST_TIMEOUT_MS: '0' }));
    try {
      const request = http.get(`${base}${tilePath()}`);
      request.on('error', () => undefined);
      // Several reads at once means the header is read and the blocks are being fetched.
      assert.ok(await until(() => upstream.open >= 4, 10_000), 'block reads never started');
      const inFlight = upstream.open;
      const gone = Date.now();
      request.destroy();

      assert.ok(await until(() => upstream.open === 0, 2_000), `${upstream.open} range requests still open 2 s after the client left`);
      assert.ok(upstream.closedUnanswered >= inFlight, `${upstream.closedUnanswered} of ${inFlight} reads in flight were aborted`);
      const seen = upstream.arrivals.length;
      // A few rounds of reads would have come in this time had the tile gone on.
      await pause(4 * DELAY_MS);
      assert.equal(upstream.arrivals.length, seen, 'range requests went on after the reads in flight were aborted');
      const late = upstream.arrivals.filter((t) => t > gone + DELAY_MS);
      assert.deepEqual(late, [], 'range requests started after the client had gone');
      assert.ok(seen < BLOCKS / 2, `${seen} range requests for a tile of ${BLOCKS} blocks`);
    } finally {
      await app.close();
    }
  });

  it('answers 504 when PQE_REQUEST_TIMEOUT_MS runs out, and stops reading', async () => {
    upstream.reset(DELAY_MS);
    const config = configWith({ PQE_REQUEST_TIMEOUT_MS: String(4 * DELAY_MS) });
    assert.equal(config.requestTimeoutMs, 4 * DELAY_MS);
    const { app, base } = await startApi(config);
    try {
      const response = await fetch(`${base}${tilePath()}`);
      const answered = Date.now();
      assert.equal(response.status, 504);
      const body = (await response.json()) as { code: string; detail: string };
      assert.equal(body.code, 'Timeout');
      assert.match(body.detail, /took longer than 600 ms/);

      assert.ok(await until(() => upstream.open === 0, 2_000), `${upstream.open} range requests still open 2 s after the 504`);
      assert.ok(upstream.closedUnanswered >= 1, 'no read in flight was aborted');
      const seen = upstream.arrivals.length;
      await pause(4 * DELAY_MS);
      assert.equal(upstream.arrivals.length, seen, 'range requests went on after the 504');
      assert.deepEqual(
        upstream.arrivals.filter((t) => t > answered + DELAY_MS),
        [],
        'range requests started after the 504',
      );
      assert.ok(seen < BLOCKS / 2, `${seen} range requests for a tile of ${BLOCKS} blocks`);
    } finally {
      await app.close();
    }
  });
});
