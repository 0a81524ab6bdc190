import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { healthPaths, registerHealthRoutes } from '../src/http/health.js';
import { createHttpServer } from '../src/http/http-server.js';
import { enginesByRootPath, type Metrics, metricsPath, registerMetrics } from '../src/http/metrics.js';
import { createLogger } from '../src/logger.js';

/** One sample of the text exposition: `name{k="v",...} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(match, `a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[String(key)] = String(value);
    samples.push({ name: String(match[1]), labels, value: Number(match[3]) });
  }
  return samples;
}

/** The samples named `name` whose labels include `labels`. */
function find(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

const COUNT = 'pqe_http_request_duration_seconds_count';

describe('enginesByRootPath', () => {
  const engineOf = enginesByRootPath({ stac: '/api/stac/v1', data: '/api/data/v1' });
  const cases: [route: string, engine: string][] = [
    ['/api/stac/v1', 'stac'],
    ['/api/stac/v1/', 'stac'],
    ['/api/stac/v1/collections/:collectionId', 'stac'],
    ['/api/data/v1/cog/tiles/:tileMatrixSetId/:z/:x/:y', 'data'],
    ['/api/stac/v10/search', 'none'],
    ['/', 'none'],
    ['/healthz', 'none'],
  ];
  for (const [route, engine] of cases) {
    it(`gives ${route} to ${engine}`, () => assert.equal(engineOf(route), engine));
  }

  it('lets the longest root win, so an engine at the server root does not take the other one', () => {
    const rooted = enginesByRootPath({ stac: '', data: '/api/data/v1' });
    assert.equal(rooted('/collections'), 'stac');
    assert.equal(rooted('/api/data/v1/tileMatrixSets'), 'data');
  });
});

describe('registerMetrics', () => {
  let app: FastifyInstance;
  let metrics: Metrics;
  const logLines: string[] = [];
  let release: () => void = () => undefined;
  let entered: Promise<void> = Promise.resolve();
  let enter: () => void = () => undefined;

  const scrape = async (): Promise<Sample[]> => {
    const res = await app.inject(metricsPath);
    assert.equal(res.statusCode, 200);
    return parseSamples(res.body);
  };

  before(async () => {
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    });
    app = await createHttpServer({
      logger: createLogger({ level: 'info', destination }),
      corsOrigins: '*',
      requestTimeoutMs: 0,
      quietPaths: [...healthPaths, metricsPath],
    });
    metrics = registerMetrics(app, { engineOf: enginesByRootPath({ stac: '/stac', data: '/data' }), quietRoutes: healthPaths });
    registerHealthRoutes(app, { readiness: async () => [] });
    app.get('/stac/items/:itemId', async (request) => ({ id: (request.params as { itemId: string }).itemId }));
    app.get('/data/slow', async () => {
      enter();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { done: true };
    });
    let level = 3;
    let served = 0;
    metrics.addSource({ name: 'test_cache_bytes', help: 'Bytes held', type: 'gauge', read: () => level });
    metrics.addSource({
      name: 'test_cache_reads_total',
      help: 'Reads by outcome',
      type: 'counter',
      labelNames: ['outcome'],
      read: () => [
        { labels: { outcome: 'hit' }, value: served },
        { labels: { outcome: 'miss' }, value: 1 },
      ],
    });
    app.get('/stac/bump', async () => {
      level = 7;
      served += 5;
      return {};
    });
  });
  after(async () => {
    await app.close();
  });

  it('answers in the Prometheus text format, with the process metrics', async () => {
    const res = await app.inject(metricsPath);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /^# HELP pqe_http_request_duration_seconds /m);
    assert.match(res.body, /^# TYPE pqe_http_request_duration_seconds histogram$/m);
    const samples = parseSamples(res.body);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      assert.equal(find(samples, name).length, 1, `${name} is served`);
    }
    assert.match(res.body, /^# TYPE nodejs_gc_duration_seconds histogram$/m);
  });

  it('counts a request under its route template and engine, never under its raw URL', async () => {
    assert.equal((await app.inject('/stac/items/abc-123?x=1')).statusCode, 200);
    assert.equal((await app.inject('/stac/items/def-456')).statusCode, 200);
    const res = await app.inject(metricsPath);
    const counted = find(parseSamples(res.body), COUNT, { method: 'GET', route: '/stac/items/:itemId', status_code: '200', engine: 'stac' });
    assert.equal(counted.length, 1);
    assert.equal(counted[0]?.value, 2);
    assert.doesNotMatch(res.body, /abc-123|def-456/);
  });

  it('counts requests to unknown paths under one label value, however many paths there are', async () => {
    for (const path of ['/no/such/a', '/no/such/b', '/stac/no-such-route', '/wp-admin.php']) {
      assert.equal((await app.inject(path)).statusCode, 404);
    }
    const res = await app.inject(metricsPath);
    const notFound = find(parseSamples(res.body), COUNT, { status_code: '404' });
    assert.deepEqual(
      notFound.map((s) => [s.labels.route, s.labels.engine, s.value]),
      [['unmatched', 'none', 4]],
    );
    assert.doesNotMatch(res.body, /no-such|wp-admin/);
  });

  it('folds methods outside HTTP\'s usual ones into "other"', async () => {
    assert.equal((await app.inject({ method: 'PROPFIND', url: '/dav' })).statusCode, 404);
    const samples = await scrape();
    assert.equal(find(samples, COUNT, { method: 'other', route: 'unmatched' })[0]?.value, 1);
    assert.equal(find(samples, COUNT, { method: 'PROPFIND' }).length, 0);
  });

  it('leaves the health probes and /metrics out of the histogram and out of the access log', async () => {
    logLines.length = 0;
    for (const path of [...healthPaths, metricsPath]) assert.equal((await app.inject(path)).statusCode, 200);
    assert.equal((await app.inject('/stac/items/logged')).statusCode, 200);
    const samples = await scrape();
    for (const path of [...healthPaths, metricsPath]) assert.equal(find(samples, COUNT, { route: path }).length, 0, `${path} is not counted`);
    const logged = logLines.map((line) => (JSON.parse(line) as { url?: string }).url);
    assert.deepEqual(logged, ['/stac/items/logged']);
  });

  it('shows a request in flight until it is answered', async () => {
    entered = new Promise<void>((resolve) => {
      enter = resolve;
    });
    const pending = app.inject('/data/slow');
    await entered;
    const during = await scrape();
    assert.equal(find(during, 'pqe_http_requests_in_flight', { engine: 'data' })[0]?.value, 1);
    release();
    assert.equal((await pending).statusCode, 200);
    const afterwards = await scrape();
    assert.equal(find(afterwards, 'pqe_http_requests_in_flight', { engine: 'data' })[0]?.value, 0);
    assert.equal(find(afterwards, COUNT, { route: '/data/slow', status_code: '200', engine: 'data' })[0]?.value, 1);
  });

  it('serves the metrics that an engine keeps, read at each scrape', async () => {
    const first = await scrape();
    assert.equal(find(first, 'test_cache_bytes')[0]?.value, 3);
    assert.equal(find(first, 'test_cache_reads_total', { outcome: 'hit' })[0]?.value, 0);
    assert.equal(find(first, 'test_cache_reads_total', { outcome: 'miss' })[0]?.value, 1);
    await app.inject('/stac/bump');
    const second = await scrape();
    assert.equal(find(second, 'test_cache_bytes')[0]?.value, 7);
    assert.equal(find(second, 'test_cache_reads_total', { outcome: 'hit' })[0]?.value, 5);
  });

  it('refuses a second metric with a name already served', () => {
    assert.throws(() => metrics.addSource({ name: 'test_cache_bytes', help: 'again', type: 'gauge', read: () => 0 }), /already been registered/);
  });
});

describe('a client that goes away before the answer', () => {
  it('is counted with status 499 and leaves no request in flight', async () => {
    const app = await createHttpServer({ logger: createLogger({ level: 'silent' }), corsOrigins: '*', requestTimeoutMs: 0 });
    registerMetrics(app, { engineOf: () => 'stac' });
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    app.get('/wait', async (request) => {
      entered();
      // Held until the client's departure aborts the request.
      await new Promise<void>((resolve) => request.abortSignal.addEventListener('abort', () => resolve(), { once: true }));
      return { late: true };
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const req = httpRequest({ host: '127.0.0.1', port, path: '/wait' });
      req.on('error', () => undefined);
      req.end();
      await inHandler;
      req.destroy();
      // The server sees the close after the client's; poll the scrape until the 499 appears (bounded).
      let samples: Sample[] = [];
      for (let attempt = 0; attempt < 100; attempt++) {
        samples = parseSamples((await app.inject(metricsPath)).body);
        if (find(samples, COUNT, { route: '/wait' }).length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.deepEqual(
        find(samples, COUNT, { route: '/wait' }).map((s) => [s.labels.status_code, s.value]),
        [['499', 1]],
      );
      assert.equal(find(samples, 'pqe_http_requests_in_flight', { engine: 'stac' })[0]?.value, 0);
    } finally {
      await app.close();
    }
  });
});
