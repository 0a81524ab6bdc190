import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadCollections } from '../src/ingest/load-collections.js';
import { loadItems } from '../src/ingest/load-items.js';
import type { SourceRecord } from '../src/ingest/read-records.js';
import { estimateCount, searchItems } from '../src/search/search-items.js';
import { describeEachDatabase } from '../src/testing/test-databases.js';
import { makeCollection, makeItem } from './fixtures.js';

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'test', line: ++line, value };
}

describeEachDatabase('numberMatched', (ctx) => {
  it('is the exact count when it fits the budget', async () => {
    await loadCollections(ctx.db, records([makeCollection('counted')]), { method: 'upsert' });
    const items = Array.from({ length: 120 }, (_, i) => makeItem('counted', `c${i}`, { lon: (i % 60) - 30, lat: Math.floor(i / 60) * 10 }));
    await loadItems(ctx.db, records(items), { method: 'insert', batchSize: 50 });
    const page = await searchItems(ctx.db, { collections: ['counted'], bbox: [-30, -5, 29.5, 5], limit: 5 }, { countBudgetMs: 10_000 });
    assert.equal(page.numberMatched, 60);
    assert.equal(page.numberMatchedIsEstimate, undefined);
  });

  it('is left out when the budget is 0', async () => {
    const page = await searchItems(ctx.db, { collections: ['counted'], limit: 5 }, { countBudgetMs: 0 });
    assert.equal(page.numberMatched, undefined);
  });

  it('can be estimated by the planner, close to the real count', async () => {
    const estimate = await estimateCount(ctx.db, { collections: ['counted'], limit: 5 }, { hidden: [] });
    assert.ok(estimate !== undefined && estimate >= 60 && estimate <= 240, `estimate ${estimate} is near 120`);
  });
});
