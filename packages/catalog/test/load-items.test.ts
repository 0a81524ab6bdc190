import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'node:test';
import type { Database } from '../src/database/database.js';
import { loadCollections } from '../src/ingest/load-collections.js';
import { type LoadItemsOptions, loadItems, type Reject } from '../src/ingest/load-items.js';
import { readRecords } from '../src/ingest/read-records.js';
import { getItem } from '../src/items/read-items.js';
import type { JsonObject } from '../src/stac/dehydrate.js';
import { describeEachDatabase, pcDataDir } from '../src/testing/test-databases.js';
import { makeCollection, makeItem, ndjson, tempFile } from './fixtures.js';

async function load(db: Database, values: readonly unknown[] | string, options: Partial<LoadItemsOptions> = {}) {
  const file = tempFile('items.ndjson', typeof values === 'string' ? values : ndjson(values));
  const rejects: Reject[] = [];
  const summary = await loadItems(db, readRecords(file), { method: 'insert', batchSize: 100, onReject: (r) => rejects.push(r), ...options });
  return { summary, rejects, file };
}

async function addCollection(db: Database, collection: JsonObject, partitionTrunc: 'year' | 'month' | null = null) {
  const summary = await loadCollections(db, readRecords(tempFile('c.json', JSON.stringify(collection))), { method: 'upsert', partitionTrunc });
  assert.equal(summary.rejected + summary.failed, 0);
}

async function count(db: Database, collection: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pqe.items WHERE collection = $1', [collection]);
  return rows[0]?.n ?? -1;
}

describeEachDatabase('loading items', (ctx) => {
  it('loads valid items and gives each back exactly as it was loaded', async () => {
    await addCollection(ctx.db, makeCollection('exact'));
    const b = makeItem('exact', 'b', { lon: 0.1, lat: 0.30000000000000004 });
    // An asset without a title that item_assets has, and one that item_assets does not know.
    const assets = b.assets as JsonObject;
    assets.extra = { href: 'https://example.com/extra.json', roles: ['metadata'] };
    delete (assets.data as JsonObject).title;
    const items = [makeItem('exact', 'a'), b];
    const { summary, rejects } = await load(ctx.db, items);
    assert.deepEqual(rejects, []);
    assert.equal(summary.loaded, 2);
    for (const item of items) assert.deepEqual(await getItem(ctx.db, 'exact', item.id as string), item);
  });

  it('stores items dehydrated: what item_assets says is not repeated', async () => {
    const { rows } = await ctx.db.query<{ content: JsonObject }>("SELECT content FROM pqe.items WHERE collection = 'exact' AND id = 'a'");
    const assets = rows[0]?.content.assets as JsonObject;
    assert.deepEqual(assets.data, { href: 'https://example.com/exact/a/data.tif' });
    assert.equal(rows[0]?.content.geometry, undefined);
  });

  it('is idempotent under upsert: a second run writes nothing and changes nothing', async () => {
    await addCollection(ctx.db, makeCollection('idem'));
    const items = Array.from({ length: 30 }, (_, i) => makeItem('idem', `i${i}`, { lon: i }));
    const first = await load(ctx.db, items, { method: 'upsert', batchSize: 7 });
    assert.equal(first.summary.loaded, 30);
    const second = await load(ctx.db, items, { method: 'upsert', batchSize: 7 });
    assert.equal(second.summary.loaded, 0);
    assert.equal(second.summary.unchanged, 30);
    assert.equal(await count(ctx.db, 'idem'), 30);
    assert.deepEqual(await getItem(ctx.db, 'idem', 'i3'), items[3]);
  });

  it('replaces a changed item under upsert', async () => {
    const changed = makeItem('idem', 'i4', { lon: 4, cloud: 99 });
    const { summary } = await load(ctx.db, [changed, makeItem('idem', 'i5', { lon: 5 })], { method: 'upsert' });
    assert.equal(summary.loaded, 1);
    assert.equal(summary.unchanged, 1);
    assert.deepEqual(await getItem(ctx.db, 'idem', 'i4'), changed);
  });

  it('fails the whole batch under insert when an id is already there, with a message that says what to do', async () => {
    const { summary } = await load(ctx.db, [makeItem('idem', 'new-one', { lon: 40 }), makeItem('idem', 'i1', { lon: 1 })], { method: 'insert' });
    assert.equal(summary.loaded, 0);
    assert.equal(summary.failedBatches.length, 1);
    assert.match(summary.failedBatches[0]?.reason ?? '', /already in collection idem \(i1\).*--method upsert/);
    assert.equal(await getItem(ctx.db, 'idem', 'new-one'), undefined, 'the batch is rolled back whole');
  });

  it('fails a batch under insert that holds the same id twice', async () => {
    const { summary } = await load(ctx.db, [makeItem('idem', 'twice'), makeItem('idem', 'twice')], { method: 'insert' });
    assert.equal(summary.loaded, 0);
    assert.match(summary.failedBatches[0]?.reason ?? '', /appears twice in this batch/);
  });

  it('skips existing ids under ignore and keeps the stored item', async () => {
    const other = makeItem('idem', 'i2', { lon: 2, cloud: 77 });
    const { summary } = await load(ctx.db, [other, makeItem('idem', 'fresh', { lon: 50 })], { method: 'ignore' });
    assert.equal(summary.loaded, 1);
    assert.equal(summary.unchanged, 1);
    const kept = await getItem(ctx.db, 'idem', 'i2');
    assert.ok(kept);
    assert.equal((kept.properties as JsonObject)['eo:cloud_cover'], 12.5);
  });

  it('replaces under delsert, even when the datetime moves the item to another partition', async () => {
    await addCollection(ctx.db, makeCollection('monthly'), 'month');
    await load(ctx.db, [makeItem('monthly', 'm', { datetime: '2021-01-15T00:00:00Z' })]);
    const moved = makeItem('monthly', 'm', { datetime: '2022-07-15T00:00:00Z' });
    const { summary } = await load(ctx.db, [moved], { method: 'delsert' });
    assert.equal(summary.loaded, 1);
    assert.equal(await count(ctx.db, 'monthly'), 1);
    assert.deepEqual(await getItem(ctx.db, 'monthly', 'm'), moved);
  });

  it('creates a time partition per month for a month-partitioned collection', async () => {
    // 202101 and 202207 come from the delsert above; the first partition is left in place, empty.
    await load(ctx.db, [makeItem('monthly', 'x', { datetime: '2021-03-31T23:59:59.999Z' }), makeItem('monthly', 'y', { datetime: '2021-04-01T00:00:00Z' })]);
    const { rows } = await ctx.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = (SELECT to_regclass('pqe.items_c' || key) FROM pqe.collections WHERE id = 'monthly') ORDER BY 1`,
    );
    assert.deepEqual(
      rows.map((r) => r.name.replace(/^items_c\d+_/, '')),
      ['202101', '202103', '202104', '202207'],
    );
  });

  it('rejects bad records with file, line and reason while the good items land', async () => {
    await addCollection(ctx.db, makeCollection('mixed'));
    const noDatetime = makeItem('mixed', 'no-datetime');
    delete (noDatetime.properties as JsonObject).datetime;
    const badGeometry = makeItem('mixed', 'bad-geometry');
    ((badGeometry.geometry as JsonObject).coordinates as number[][][])[0]?.pop();
    const lines = [
      JSON.stringify(makeItem('mixed', 'good-1')),
      '{"type": "Feature", "id": ',
      JSON.stringify(badGeometry),
      JSON.stringify(noDatetime),
      JSON.stringify(makeItem('nowhere', 'lost')),
      JSON.stringify(makeItem('mixed', 'good-2', { lon: 11 })),
    ];
    const { summary, rejects, file } = await load(ctx.db, `${lines.join('\n')}\n`);
    assert.equal(summary.loaded, 2);
    assert.equal(summary.rejected, 4);
    assert.deepEqual(
      rejects.map((r) => [r.file === file, r.line, r.id]),
      [
        [true, 2, undefined],
        [true, 3, 'bad-geometry'],
        [true, 4, 'no-datetime'],
        [true, 5, 'lost'],
      ],
    );
    assert.match(rejects[0]?.reason ?? '', /not valid JSON/);
    assert.match(rejects[1]?.reason ?? '', /invalid geometry: .*(not closed|at least 4)/);
    assert.match(rejects[2]?.reason ?? '', /datetime is missing/);
    assert.match(rejects[3]?.reason ?? '', /unknown collection "nowhere"/);
    assert.equal(await count(ctx.db, 'mixed'), 2);
  });

  it('updates the collection extents after a load', async () => {
    await addCollection(ctx.db, makeCollection('extent'));
    await load(ctx.db, [
      makeItem('extent', 'w', { lon: -5, lat: 40, datetime: '2020-02-01T00:00:00Z' }),
      makeItem('extent', 'e', { lon: 20, lat: 55, datetime: '2023-09-30T12:00:00Z' }),
    ]);
    const { rows } = await ctx.db.query<{ extent: JsonObject }>("SELECT content->'extent' AS extent FROM pqe.collections WHERE id = 'extent'");
    assert.deepEqual(rows[0]?.extent, {
      spatial: { bbox: [[-5, 40, 20.25, 55.25]] },
      temporal: { interval: [['2020-02-01T00:00:00Z', '2023-09-30T12:00:00Z']] },
    });
  });

  it('gives a collection whose items straddle the antimeridian a crossing bbox', async () => {
    await addCollection(ctx.db, makeCollection('pacific'));
    const crossing = makeItem('pacific', 'crossing');
    crossing.geometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [179, -18],
            [180, -18],
            [180, -17],
            [179, -17],
            [179, -18],
          ],
        ],
        [
          [
            [-180, -18],
            [-179.5, -18],
            [-179.5, -17],
            [-180, -17],
            [-180, -18],
          ],
        ],
      ],
    };
    crossing.bbox = [179, -18, -179.5, -17];
    await load(ctx.db, [crossing]);
    const { rows } = await ctx.db.query<{ bbox: number[] }>("SELECT content->'extent'->'spatial'->'bbox'->0 AS bbox FROM pqe.collections WHERE id = 'pacific'");
    assert.deepEqual(rows[0]?.bbox, [179, -18, -179.5, -17]);
    assert.deepEqual(await getItem(ctx.db, 'pacific', 'crossing'), crossing);
  });

  it('loads the NAIP collection and its 12 items of the Planetary Computer, each exactly', async (t) => {
    const dir = pcDataDir();
    if (dir === undefined) {
      t.skip('../shared/data/pc is not present beside the repository');
      return;
    }
    const summary = await loadCollections(ctx.db, readRecords(`${dir}/naip/collection.json`), { method: 'upsert' });
    assert.equal(summary.inserted, 1);
    const files = readdirSync(`${dir}/naip/items`).map((f) => `${dir}/naip/items/${f}`);
    const rejects: Reject[] = [];
    let loaded = 0;
    for (const file of files) {
      const s = await loadItems(ctx.db, readRecords(file), { method: 'upsert', batchSize: 100, onReject: (r) => rejects.push(r) });
      loaded += s.loaded;
    }
    assert.deepEqual(rejects, []);
    assert.equal(loaded, 12);
    for (const file of files) {
      const item = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
      assert.deepEqual(await getItem(ctx.db, 'naip', item.id as string), item);
    }
  });
});
