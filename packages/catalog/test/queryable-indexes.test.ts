import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Database } from '../src/database/database.js';
import { loadCollections } from '../src/ingest/load-collections.js';
import { loadItems } from '../src/ingest/load-items.js';
import type { SourceRecord } from '../src/ingest/read-records.js';
import { listConfiguredQueryables, removeQueryable, setQueryable } from '../src/queryables/queryable-store.js';
import { compileSearch } from '../src/search/compile-search.js';
import { searchItems } from '../src/search/search-items.js';
import { describeEachDatabase } from '../src/testing/test-databases.js';
import { makeCollection, makeItem } from './fixtures.js';

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'test', line: ++line, value };
}

async function queryableIndexes(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ indexname: string }>(
    "SELECT indexname FROM pg_indexes WHERE schemaname = 'pqe' AND indexname ~ '_q_[0-9a-f]{12}$' ORDER BY indexname",
  );
  return rows.map((r) => r.indexname);
}

describeEachDatabase('queryable indexes', (ctx) => {
  const key: Record<string, number> = {};
  before(async () => {
    await loadCollections(ctx.db, records([makeCollection('qi-a'), makeCollection('qi-b')]), { method: 'upsert' });
    const items = ['qi-a', 'qi-b'].flatMap((c) =>
      Array.from({ length: 400 }, (_, i) =>
        makeItem(c, `${c}-${i}`, { cloud: (i * 37) % 101, lon: (i % 40) - 20, datetime: `2021-0${1 + (i % 9)}-10T00:00:00Z` }),
      ),
    );
    await loadItems(ctx.db, records(items), { method: 'insert', batchSize: 500 });
    const { rows } = await ctx.db.query<{ id: string; key: number }>("SELECT id, key FROM pqe.collections WHERE id LIKE 'qi-%'");
    for (const row of rows) key[row.id] = row.key;
  });

  it('indexes a property for the collections it is set for, and lists it', async () => {
    const { indexesCreated } = await setQueryable(ctx.db, { name: 'eo:cloud_cover', collections: ['qi-a'], type: 'number', index: 'btree' });
    assert.equal(indexesCreated, 1);
    const indexes = await queryableIndexes(ctx.db);
    assert.equal(indexes.length, 1);
    assert.match(indexes[0] as string, new RegExp(`^items_c${key['qi-a']}_q_`));
    const listed = (await listConfiguredQueryables(ctx.db)).find((q) => q.name === 'eo:cloud_cover');
    assert.deepEqual(listed, { name: 'eo:cloud_cover', collections: ['qi-a'], definition: { type: 'number' }, index: 'btree' });
  });

  it('sorts by the indexed property through the index, with the same answer', async () => {
    await ctx.db.query('ANALYZE pqe.items');
    const request = {
      collections: ['qi-a'],
      sortby: [{ field: 'properties.eo:cloud_cover', direction: 'asc' as const }],
      limit: 5,
    };
    const { sql, params } = compileSearch(request, undefined, { hidden: [] });
    const { rows } = await ctx.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(plan, /Index Scan using items_c\d+_q_[0-9a-f]{12}/, plan);
    const page = await searchItems(ctx.db, request);
    const clouds = page.items.map((item) => (item.properties as Record<string, number>)['eo:cloud_cover']);
    assert.deepEqual(clouds, [0, 0, 0, 0, 1]);
  });

  it('indexes a collection created after the queryable was set', async () => {
    await setQueryable(ctx.db, { name: 'properties.platform', collections: ['qi-a', 'qi-b'], type: 'string', index: 'btree' });
    await removeQueryable(ctx.db, 'platform', ['qi-a', 'qi-b']);
    await setQueryable(ctx.db, { name: 'sat:orbit', type: 'integer', index: 'btree' });
    const before = await queryableIndexes(ctx.db);
    assert.ok(
      before.some((name) => /^items_q_/.test(name)),
      before.join(),
    );
    await loadCollections(ctx.db, records([makeCollection('qi-late')]), { method: 'upsert' });
    await setQueryable(ctx.db, { name: 'gsd', collections: ['qi-late'], type: 'number', index: 'btree' });
    const { rows } = await ctx.db.query<{ key: number }>("SELECT key FROM pqe.collections WHERE id = 'qi-late'");
    const late = rows[0]?.key;
    const after = await queryableIndexes(ctx.db);
    assert.ok(
      after.some((name) => name.startsWith(`items_c${late}_q_`)),
      after.join(),
    );
  });

  it('drops the index of a queryable that is removed or set without one', async () => {
    await setQueryable(ctx.db, { name: 'eo:cloud_cover', collections: ['qi-a'], type: 'number', index: null });
    assert.ok(!(await queryableIndexes(ctx.db)).some((name) => name.startsWith(`items_c${key['qi-a']}_q_`)));
    assert.equal(await removeQueryable(ctx.db, 'sat:orbit'), true);
    assert.ok(!(await queryableIndexes(ctx.db)).some((name) => name.startsWith('items_q_')));
    assert.equal(await removeQueryable(ctx.db, 'sat:orbit'), false);
  });

  it('refuses bad names and unknown collections, and changes nothing then', async () => {
    const before = await listConfiguredQueryables(ctx.db);
    await assert.rejects(setQueryable(ctx.db, { name: 'properties.', type: 'number', index: 'btree' }), /not a property name/);
    await assert.rejects(setQueryable(ctx.db, { name: 'a..b', type: 'number' }), /not a property name/);
    await assert.rejects(setQueryable(ctx.db, { name: 'x', collections: ['no-such'], type: 'number', index: 'btree' }), /no collection "no-such"/);
    assert.deepEqual(await listConfiguredQueryables(ctx.db), before);
  });

  it('quotes odd property names safely in the index it makes', async () => {
    const name = `we'ird"name;--{x}`;
    await setQueryable(ctx.db, { name, collections: ['qi-b'], type: 'string', index: 'btree' });
    const { rows } = await ctx.db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'pqe' AND indexname LIKE $1`, [
      `items_c${key['qi-b']}_q_%`,
    ]);
    assert.equal(rows.length, 1);
    const { rows: found } = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pqe.items_c${key['qi-b']}`);
    assert.equal(found[0]?.n, 400);
    await removeQueryable(ctx.db, name, ['qi-b']);
  });
});
