import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type BooleanExpression, parseCql2Text, readCql2Json } from '../src/cql2/index.js';
import { searchItems } from '../src/search/search-items.js';
import { describeEachDatabase } from '../src/testing/test-databases.js';
import { EXAMPLE_FAMILIES } from './cql2-example-cases.js';
import { loadExampleCatalog } from './cql2-example-catalog.js';

const sorted = (ids: readonly string[]) => [...ids].sort();

for (const [family, cases] of Object.entries(EXAMPLE_FAMILIES)) {
  describe(`CQL2 examples, ${family}: both encodings`, () => {
    for (const c of cases) {
      it(`${c.name}: text and JSON read into the same tree`, () => {
        assert.deepEqual(readCql2Json(c.json), parseCql2Text(c.text));
      });
    }
  });
}

describeEachDatabase('CQL2 examples on the example catalog', (ctx) => {
  before(async () => {
    await loadExampleCatalog(ctx.db);
  });

  const found = async (filter: BooleanExpression) => {
    const page = await searchItems(ctx.db, { filter, limit: 100 });
    return sorted(page.items.map((item) => String(item.id)));
  };

  for (const [family, cases] of Object.entries(EXAMPLE_FAMILIES)) {
    for (const c of cases) {
      it(`${family}: ${c.name} finds ${c.ids.length === 0 ? 'nothing' : c.ids.length > 8 ? `${c.ids.length} items` : c.ids.join(', ')}`, async () => {
        assert.deepEqual(await found(parseCql2Text(c.text)), sorted(c.ids), `cql2-text: ${c.text}`);
        assert.deepEqual(await found(readCql2Json(c.json)), sorted(c.ids), `cql2-json: ${JSON.stringify(c.json)}`);
      });
    }
  }
});
