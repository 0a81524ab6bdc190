import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PgliteDatabase } from '@pqe/catalog';
import { describeEachDatabase } from '@pqe/catalog/testing';
import { loadConfig, silentLogger } from '@pqe/common';
import type { FastifyInstance } from 'fastify';
import { loadDemo } from '../src/commands/demo.js';
import { buildApp } from '../src/server.js';

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
