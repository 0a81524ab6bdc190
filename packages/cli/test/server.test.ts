import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PgliteDatabase } from '@pqe/catalog';
import { describeEachDatabase } from '@pqe/catalog/testing';
import { loadConfig, silentLogger } from '@pqe/common';
import type { FastifyInstance } from 'fastify';
import { loadDemo } from '../src/commands/demo.js';
import { buildApp } from '../src/server.js';

/** The samples of one metric in a Prometheus text exposition, with their labels. */
function samplesOf(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [String(m[1]), String(m[2])]));
    out.push({ labels, value: Number(match[3]) });
  }
  return out;
}

const COUNT = 'pqe_http_request_duration_seconds_count';

describeEachDatabase('the all-in-one server', (ctx) => {
  let app: FastifyInstance;
  before(async () => {
    await loadDemo(ctx.db);
    app = await buildApp({ config: loadConfig({}), db: ctx.db, log: silentLogger() });
  });
  after(async () => {
    await app.close();
  });

  it('answers /_mgmt/ping with PONG, as the Planetary Computer does', async () => {
    const res = await app.inject('/_mgmt/ping');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { message: 'PONG' });
  });

  it('mounts the data API under /api/data/v1, with the source policy of the configuration', async () => {
    assert.equal((await app.inject('/api/data/v1/tileMatrixSets')).statusCode, 200);
    const outside = await app.inject('/api/data/v1/cog/info?url=/etc/passwd');
    assert.equal(outside.statusCode, 403);
    assert.match((outside.json() as { detail: string }).detail, /not allowed/);
  });

  it('is live and ready when the database answers and migrations are current', async () => {
    assert.equal((await app.inject('/healthz')).statusCode, 200);
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(
      ready.json().checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok]),
      [
        ['database', true],
        ['migrations', true],
      ],
    );
  });

  it('serves the STAC landing page with id, title, description and links', async () => {
    const res = await app.inject('/api/stac/v1/');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.type, 'Catalog');
    assert.equal(body.id, 'pqe');
    assert.equal(typeof body.title, 'string');
    assert.equal(typeof body.description, 'string');
    const rels = body.links.map((l: { rel: string }) => l.rel);
    for (const rel of ['self', 'root', 'data', 'conformance', 'child']) assert.ok(rels.includes(rel), `has a ${rel} link`);
    assert.equal(body.links.find((l: { rel: string }) => l.rel === 'self').href, 'http://localhost/api/stac/v1/');
  });

  it('builds links from X-Forwarded-Proto, -Host and -Prefix behind a proxy', async () => {
    const res = await app.inject({
      url: '/api/stac/v1/',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'maps.example.org', 'x-forwarded-prefix': '/geo' },
    });
    const self = res.json().links.find((l: { rel: string }) => l.rel === 'self');
    assert.equal(self.href, 'https://maps.example.org/geo/api/stac/v1/');
  });

  it('lists the visible collections and serves one by id, 404 with a STAC error body for an unknown one', async () => {
    const list = (await app.inject('/api/stac/v1/collections')).json();
    assert.ok(list.collections.length >= 3);
    const first = list.collections[0];
    const one = await app.inject(`/api/stac/v1/collections/${first.id}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().id, first.id);
    const missing = await app.inject('/api/stac/v1/collections/no-such-thing');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { code: 'NotFound', description: "No collection with id 'no-such-thing' found" });
  });

  it('answers an unknown route with 404 and a {code, description} body', async () => {
    const res = await app.inject('/nothing/here');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { code: 'NotFound', description: 'No resource at GET /nothing/here' });
  });

  it('echoes a sane X-Request-ID and makes one up otherwise', async () => {
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const made = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics at /metrics, with the process metrics', async () => {
    const res = await app.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.equal(samplesOf(res.body, 'process_cpu_user_seconds_total').length, 1);
    assert.equal(samplesOf(res.body, 'nodejs_eventloop_lag_seconds').length, 1);
  });

  it('counts STAC requests under their route template and the stac engine, tiler requests under the data engine', async () => {
    // Earlier tests of this suite made requests too: what is checked is what these requests add.
    const isOne = (s: { labels: Record<string, string> }) =>
      /^\/api\/stac\/v1\/collections\/:\w+$/.test(s.labels.route ?? '') && s.labels.status_code === '200';
    const ones = async () => samplesOf((await app.inject('/metrics')).body, COUNT).filter(isOne);
    const before = (await ones())[0]?.value ?? 0;
    const list = (await app.inject('/api/stac/v1/collections')).json();
    const ids: string[] = list.collections.slice(0, 2).map((c: { id: string }) => c.id);
    for (const id of ids) assert.equal((await app.inject(`/api/stac/v1/collections/${id}`)).statusCode, 200);
    assert.equal((await app.inject('/api/data/v1/tileMatrixSets')).statusCode, 200);
    const text = (await app.inject('/metrics')).body;
    assert.deepEqual(
      (await ones()).map((s) => [s.labels.method, s.labels.engine, s.value - before]),
      [['GET', 'stac', 2]],
    );
    for (const id of ids) assert.ok(!text.includes(`collections/${id}`), `no label holds the raw URL of ${id}`);
    assert.equal(samplesOf(text, COUNT).find((s) => s.labels.route === '/api/data/v1/tileMatrixSets')?.labels.engine, 'data');
  });

  it('counts 404s for unknown paths under one route label, whatever the path', async () => {
    const before = samplesOf((await app.inject('/metrics')).body, COUNT).find((s) => s.labels.route === 'unmatched' && s.labels.status_code === '404');
    for (const path of ['/nothing-1', '/nothing-2/deeper', '/api/nothing-3']) assert.equal((await app.inject(path)).statusCode, 404);
    const text = (await app.inject('/metrics')).body;
    const after = samplesOf(text, COUNT).filter((s) => s.labels.status_code === '404' && s.labels.engine === 'none');
    assert.deepEqual(
      after.map((s) => [s.labels.route, s.value - (before?.value ?? 0)]),
      [['unmatched', 3]],
    );
    assert.doesNotMatch(text, /nothing-/);
  });

  it(`gives the database pool's gauges on PostgreSQL and none on the embedded database`, async () => {
    await app.inject('/api/stac/v1/collections');
    const text = (await app.inject('/metrics')).body;
    const value = (name: string) => samplesOf(text, name)[0]?.value;
    if (ctx.kind === 'pglite') {
      assert.doesNotMatch(text, /pqe_db_pool_/);
      return;
    }
    // The test database's pool is opened with poolMax 4 (openTestPostgres).
    assert.equal(value('pqe_db_pool_max_clients'), 4);
    const total = value('pqe_db_pool_clients') ?? Number.NaN;
    assert.ok(total >= 1 && total <= 4, `connections open after a query: ${total}`);
    const idle = value('pqe_db_pool_idle_clients') ?? Number.NaN;
    assert.ok(idle >= 0 && idle <= total, `idle connections: ${idle}`);
    assert.equal(value('pqe_db_pool_waiting_requests'), 0);
  });

  it('allows cross-origin requests and compresses when the client asks', async () => {
    const res = await app.inject({ url: '/api/stac/v1/collections', headers: { origin: 'https://app.example.org', 'accept-encoding': 'br' } });
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['content-encoding'], 'br');
  });
});

describe('readiness', () => {
  it('is 503 with the reason while migrations are pending', async () => {
    const db = await PgliteDatabase.open();
    const app = await buildApp({ config: loadConfig({}), db, log: silentLogger() });
    try {
      const res = await app.inject('/readyz');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().code, 'Unavailable');
      assert.match(res.json().description, /migrations: pending: 0001_catalog, 0002_unique_item_ids/);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('PQE_METRICS=false', () => {
  it('serves no /metrics route', async () => {
    const db = await PgliteDatabase.open();
    const app = await buildApp({ config: loadConfig({ PQE_METRICS: 'false' }), db, log: silentLogger() });
    try {
      assert.equal((await app.inject('/healthz')).statusCode, 200);
      const res = await app.inject('/metrics');
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { code: 'NotFound', description: 'No resource at GET /metrics' });
    } finally {
      await app.close();
      await db.close();
    }
  });
});
