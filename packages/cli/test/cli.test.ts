import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { PgliteDatabase } from '@pqe/catalog';
import { openTestPostgres, postgresTestUrl, type TestDatabase } from '@pqe/catalog/testing';
import { exited, runPqe, startPqe } from './run-pqe.js';

/** Test data of our own: a collection and n items. */
function collection(id: string) {
  return {
    type: 'Collection',
    stac_version: '1.0.0',
    id,
    description: 'CLI test collection',
    license: 'CC0-1.0',
    links: [],
    extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [[null, null]] } },
  };
}

function item(c: string, i: number) {
  const lon = -170 + (i % 340);
  const lat = -60 + (Math.floor(i / 340) % 120);
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    id: `item-${i}`,
    collection: c,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    bbox: [lon, lat, lon, lat],
    properties: { datetime: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString() },
    links: [],
    assets: {},
  };
}

const ndjson = (values: readonly unknown[]) => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pqe-cli-'));
}

function writeTemp(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

interface Target {
  kind: 'pglite' | 'postgres';
  args: () => string[];
  count: (collection: string) => Promise<number>;
}

function targets(): { name: string; skip: string | false; setup: () => Promise<Target & { dispose: () => Promise<void> }> }[] {
  return [
    {
      name: 'pglite',
      skip: false,
      setup: async () => {
        const dir = tempDir();
        return {
          kind: 'pglite',
          args: () => ['--data-dir', dir],
          count: async (c) => {
            const db = await PgliteDatabase.open({ dataDir: join(dir, 'pgdata') });
            try {
              const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pqe.items WHERE collection = $1', [c]);
              return rows[0]?.n ?? -1;
            } finally {
              await db.close();
            }
          },
          dispose: async () => undefined,
        };
      },
    },
    {
      name: 'postgres',
      skip: postgresTestUrl() === undefined ? 'PostgreSQL not configured: set PQE_TEST_DATABASE_URL (scripts/test does)' : false,
      setup: async () => {
        const test: TestDatabase = await openTestPostgres();
        return {
          kind: 'postgres',
          args: () => ['--database-url', test.url as string],
          count: async (c) => {
            const { rows } = await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pqe.items WHERE collection = $1', [c]);
            return rows[0]?.n ?? -1;
          },
          dispose: () => test.dispose(),
        };
      },
    },
  ];
}

for (const target of targets()) {
  describe(`pqe load [${target.name}]`, { skip: target.skip }, () => {
    let t: Target & { dispose: () => Promise<void> };
    before(async () => {
      t = await target.setup();
    });
    after(async () => {
      await t.dispose();
    });

    it('loads collections, then items from gzipped standard input, writing rejects to a file and exiting 1', async () => {
      const loaded = await runPqe([...t.args(), 'load', 'collections', writeTemp('c.json', JSON.stringify(collection('cli')))]);
      assert.equal(loaded.code, 0, loaded.stderr);
      assert.match(loaded.stdout, /1 collections created/);
      const bad = { ...item('cli', 99), geometry: { type: 'Point', coordinates: [200, 0] } };
      const input = gzipSync(`${ndjson([item('cli', 1), item('cli', 2)])}not json\n${JSON.stringify(bad)}\n`);
      const rejectsFile = join(tempDir(), 'rejects.ndjson');
      const result = await runPqe([...t.args(), 'load', 'items', '-', '--rejects', rejectsFile], { input });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /2 items loaded, 0 unchanged or kept, 2 rejected/);
      const rejects = readFileSync(rejectsFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { file: string; line: number; reason: string });
      assert.deepEqual(
        rejects.map((r) => [r.file, r.line]),
        [
          ['-', 3],
          ['-', 4],
        ],
      );
      assert.match(rejects[1]?.reason ?? '', /outside longitude/);
      assert.equal(await t.count('cli'), 2);
    });

    it('is idempotent with --method upsert and says so', async () => {
      const file = writeTemp('items.ndjson', ndjson([item('cli', 1), item('cli', 2)]));
      const result = await runPqe([...t.args(), 'load', 'items', file, '--method', 'upsert']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /0 items loaded, 2 unchanged or kept, 0 rejected/);
    });

    it('leaves only whole batches when the load is killed in the middle', async () => {
      const total = 40_000;
      const file = writeTemp('many.ndjson', ndjson(Array.from({ length: total }, (_, i) => item('cli', 1000 + i))));
      const before = await t.count('cli');
      const { child } = await startPqe(
        [...t.args(), 'load', 'items', file, '--batch-size', '500', '--log-level', 'debug'],
        /batch committed[\s\S]*batch committed/,
      );
      child.kill('SIGKILL');
      const { signal } = await exited(child);
      assert.equal(signal, 'SIGKILL');
      const landed = (await t.count('cli')) - before;
      assert.ok(landed > 0 && landed < total, `some but not all batches landed (${landed})`);
      assert.equal(landed % 500, 0, `only whole batches of 500 landed (${landed})`);
    });

    it('sets, lists and removes a queryable with an index, and refuses a bad type', async () => {
      const set = await runPqe([...t.args(), 'queryables', 'set', 'eo:cloud_cover', '--type', 'number', '--collection', 'cli', '--index', 'btree']);
      assert.equal(set.code, 0, set.stderr);
      assert.match(set.stdout, /queryable eo:cloud_cover set, 1 index created/);
      const list = await runPqe([...t.args(), 'queryables', 'list']);
      assert.equal(list.code, 0, list.stderr);
      assert.deepEqual(JSON.parse(list.stdout.trim()), { name: 'eo:cloud_cover', collections: ['cli'], definition: { type: 'number' }, index: 'btree' });
      const bad = await runPqe([...t.args(), 'queryables', 'set', 'x', '--type', 'float']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--type float: expected one of number, integer, string, boolean, datetime/);
      const removed = await runPqe([...t.args(), 'queryables', 'remove', 'eo:cloud_cover', '--collection', 'cli']);
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal((await runPqe([...t.args(), 'queryables', 'list'])).stdout, '');
    });

    it('refuses a bad method, batch size or missing file with exit code 2 and a clear message', async () => {
      const method = await runPqe([...t.args(), 'load', 'items', 'x.ndjson', '--method', 'merge']);
      assert.equal(method.code, 2);
      assert.match(method.stderr, /--method must be one of insert, ignore, upsert, delsert; got "merge"/);
      const size = await runPqe([...t.args(), 'load', 'items', 'x.ndjson', '--batch-size', '0']);
      assert.equal(size.code, 2);
      assert.match(size.stderr, /--batch-size must be an integer from 1 to 100000/);
      const missing = await runPqe([...t.args(), 'load', 'items', join(tempDir(), 'nope.ndjson')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /nope\.ndjson: no such file/);
    });
  });
}

describe('the embedded data dir', () => {
  it('serves one process at a time: a second one fails at once, naming the holder and what to do', async () => {
    const dir = tempDir();
    const server = await startPqe(['serve', '--port', '0', '--data-dir', dir], /pqe serving http:\/\/[^:]+:(\d+)/);
    try {
      const started = Date.now();
      const second = await runPqe(['--data-dir', dir, 'migrate']);
      assert.equal(second.code, 2);
      assert.match(second.stderr, new RegExp(`in use by process ${server.child.pid}.*stop that process, use another --data-dir`, 's'));
      assert.ok(Date.now() - started < 15_000, 'fails at once, without waiting for the holder');
    } finally {
      server.child.kill('SIGTERM');
    }
    const { code } = await exited(server.child);
    assert.equal(code, 0, 'SIGTERM shuts the server down cleanly');
    const after = await runPqe(['--data-dir', dir, 'migrate']);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /up to date/);
  });
});

describe('pqe serve', () => {
  it('serves the health routes and the STAC landing page, and stops on SIGTERM', async () => {
    const dir = tempDir();
    const server = await startPqe(['serve', '--port', '0', '--data-dir', dir, '--demo'], /pqe serving http:\/\/[^:]+:(\d+)/);
    try {
      const base = `http://127.0.0.1:${server.match[1]}`;
      const ping = await fetch(`${base}/_mgmt/ping`);
      assert.deepEqual(await ping.json(), { message: 'PONG' });
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200);
      const landing = (await (await fetch(`${base}/api/stac/v1/`)).json()) as { type: string; links: { rel: string }[] };
      assert.equal(landing.type, 'Catalog');
      assert.ok(landing.links.filter((l) => l.rel === 'child').length >= 3, 'the demo collections are linked');
    } finally {
      server.child.kill('SIGTERM');
    }
    assert.equal((await exited(server.child)).code, 0);
  });
});
