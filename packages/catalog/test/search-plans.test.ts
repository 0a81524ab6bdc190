import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { parseCql2Text } from '../src/cql2/index.js';
import { loadCollections } from '../src/ingest/load-collections.js';
import { loadItems } from '../src/ingest/load-items.js';
import type { SourceRecord } from '../src/ingest/read-records.js';
import { compileSearch } from '../src/search/compile-search.js';
import type { SearchRequest } from '../src/search/search-request.js';
import { describeEachDatabase } from '../src/testing/test-databases.js';
import { makeCollection, makeItem } from './fixtures.js';

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'test', line: ++line, value };
}

/** The partitions a search's plan reads. */
async function partitionsRead(db: Parameters<typeof loadItems>[0], request: SearchRequest): Promise<string[]> {
  const { sql, params } = compileSearch(request, undefined, { hidden: [] });
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  return [...new Set([...plan.matchAll(/\bon (items_c\d+(?:_\d+)?)\b/g)].map((m) => m[1] as string))].sort();
}

describeEachDatabase('search plans', (ctx) => {
  let keys: Record<string, number>;
  before(async () => {
    await loadCollections(ctx.db, records([makeCollection('plan-a'), makeCollection('plan-b')]), { method: 'upsert', partitionTrunc: 'month' });
    const items = ['plan-a', 'plan-b'].flatMap((c) =>
      ['2021-01-15', '2021-02-15', '2021-03-15'].map((day, i) => makeItem(c, `${c}-${i}`, { datetime: `${day}T00:00:00Z`, lon: i })),
    );
    await loadItems(ctx.db, records(items), { method: 'insert', batchSize: 100 });
    await loadCollections(ctx.db, records([makeCollection('plan-ids')]), { method: 'upsert' });
    const { rows } = await ctx.db.query<{ id: string; key: number }>("SELECT id, key FROM pqe.collections WHERE id LIKE 'plan-%'");
    keys = Object.fromEntries(rows.map((r) => [r.id, r.key]));
  });

  const leaf = (collection: string, month: string) => `items_c${keys[collection]}_${month}`;

  it('reads only the partitions of the collections asked for', async () => {
    const read = await partitionsRead(ctx.db, { collections: ['plan-a'], limit: 10 });
    assert.deepEqual(read, [leaf('plan-a', '202101'), leaf('plan-a', '202102'), leaf('plan-a', '202103')].sort());
  });

  it('reads only the time partitions a datetime interval can touch', async () => {
    const read = await partitionsRead(ctx.db, { collections: ['plan-a'], datetime: { start: null, end: '2021-01-31T00:00:00Z' }, limit: 10 });
    assert.deepEqual(read, [leaf('plan-a', '202101')]);
  });

  it('prunes partitions for a CQL2 filter on collection and datetime too', async () => {
    const filter = parseCql2Text("collection = 'plan-b' AND datetime < TIMESTAMP('2021-02-01T00:00:00Z')");
    const read = await partitionsRead(ctx.db, { filter, limit: 10 });
    assert.deepEqual(read, [leaf('plan-b', '202101')]);
  });

  it('finds items by id through the id index of a collection of thousands', async () => {
    await loadCollections(ctx.db, records([makeCollection('plan-ids')]), { method: 'upsert' });
    const items = Array.from({ length: 3000 }, (_, i) => makeItem('plan-ids', `n${i}`, { lon: (i % 300) / 2, lat: Math.floor(i / 300) }));
    await loadItems(ctx.db, records(items), { method: 'insert', batchSize: 1000 });
    const { sql, params } = compileSearch({ collections: ['plan-ids'], ids: ['n7', 'n2999'], limit: 10 }, undefined, { hidden: [] });
    const { rows } = await ctx.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(plan, new RegExp(`items_c${keysOf('plan-ids')}_id_key`), plan);
    assert.doesNotMatch(plan, /Seq Scan/, plan);
  });

  it('checks a bbox and a datetime interval together in the geometry + datetime GiST index', async () => {
    // Items spread over a 60° x 50° grid and eight years: a 4° box holds a few hundredths of them and a month a
    // hundredth, so neither the geometry nor the datetimes alone narrow the search as both together do.
    await loadCollections(ctx.db, records([makeCollection('plan-st')]), { method: 'upsert' });
    const day = 86_400_000;
    const items = Array.from({ length: 3000 }, (_, i) =>
      makeItem('plan-st', `st${i}`, {
        lon: (i * 7) % 60,
        lat: (i * 13) % 50,
        datetime: new Date(Date.UTC(2015, 0, 1) + ((i * 389) % 3000) * day).toISOString(),
      }),
    );
    await loadItems(ctx.db, records(items), { method: 'insert', batchSize: 1000 });
    await ctx.db.query('ANALYZE pqe.items');
    const request: SearchRequest = {
      collections: ['plan-st'],
      bbox: [10, 10, 14, 14],
      datetime: { start: '2018-02-01T00:00:00Z', end: '2018-02-28T00:00:00Z' },
      limit: 10,
    };
    const { sql, params } = compileSearch(request, undefined, { hidden: [] });
    const { rows } = await ctx.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(plan, /geometry_datetime_end_datetime_idx/, plan);
    assert.match(plan, /Index Cond: \(\(geometry && .*\) AND \(datetime <= .*\) AND \(end_datetime >= .*\)\)/, plan);
  });

  const keysOf = (collection: string) => keys[collection] ?? -1;
});
