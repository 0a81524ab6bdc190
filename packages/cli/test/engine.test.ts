import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestPglite, type TestDatabase } from '@pqe/catalog/testing';
import { type Engine, loadConfig, silentLogger } from '@pqe/common';
import type { FastifyInstance } from 'fastify';
import { buildApp, runsEngine } from '../src/server.js';
import { exited, runPqe, startPqe } from './run-pqe.js';

describe('runsEngine', () => {
  const cases: { engine: Engine; stac: boolean; data: boolean }[] = [
    { engine: 'all', stac: true, data: true },
    { engine: 'stac', stac: true, data: false },
    { engine: 'data', stac: false, data: true },
  ];
  for (const { engine, stac, data } of cases) {
    it(`runs ${[stac && 'stac', data && 'data'].filter(Boolean).join(' and ')} for --engine ${engine}`, () => {
      assert.equal(runsEngine(engine, 'stac'), stac);
      assert.equal(runsEngine(engine, 'data'), data);
    });
  }
});

describe('buildApp for one engine', () => {
  let test: TestDatabase;
  const apps: FastifyInstance[] = [];
  const build = async (engine: string) => {
    const app = await buildApp({ config: loadConfig({ PQE_ENGINE: engine }), db: test.db, log: silentLogger() });
    apps.push(app);
    return app;
  };
  before(async () => {
    test = await openTestPglite();
  });
  after(async () => {
    for (const app of apps) await app.close();
    await test.dispose();
  });

  it('serves the health routes but not the STAC API for the data engine', async () => {
    const app = await build('data');
    assert.equal((await app.inject('/healthz')).statusCode, 200);
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    assert.equal((await app.inject('/api/stac/v1/')).statusCode, 404);
    assert.equal((await app.inject('/')).statusCode, 404, 'no redirect to a STAC API it does not serve');
  });

  it('serves the STAC API and the health routes for the stac engine', async () => {
    const app = await build('stac');
    assert.equal((await app.inject('/api/stac/v1/')).statusCode, 200);
    assert.equal((await app.inject('/readyz')).statusCode, 200);
  });
});

describe('pqe serve --engine', () => {
  it('rejects an engine it does not know, naming the choices', async () => {
    const result = await runPqe(['serve', '--engine', 'tiler']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Invalid the engine option \("tiler"\): .*"stac"\|"data"\|"all"/);
  });

  it('takes the engine from PQE_ENGINE, and the option wins over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pqe-engine-'));
    // --no-migrate keeps this quick: which routes exist does not depend on the catalog.
    const args = ['serve', '--port', '0', '--data-dir', dir, '--no-migrate', '--engine', 'data'];
    const server = await startPqe(args, /pqe serving http:\/\/[^:]+:(\d+)\/ \(engine: data/, { PQE_ENGINE: 'stac' });
    try {
      const base = `http://127.0.0.1:${server.match[1]}`;
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      assert.equal((await fetch(`${base}/api/stac/v1/`)).status, 404);
    } finally {
      server.child.kill('SIGTERM');
    }
    assert.equal((await exited(server.child)).code, 0);
    rmSync(dir, { recursive: true, force: true });
  });
});
