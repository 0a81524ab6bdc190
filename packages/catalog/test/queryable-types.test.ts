import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { parseCql2Text } from '../src/cql2/index.js';
import { loadCollections } from '../src/ingest/load-collections.js';
import { loadItems } from '../src/ingest/load-items.js';
import type { SourceRecord } from '../src/ingest/read-records.js';
import { filterPropertyNames, mergeQueryableTypes, type QueryableType, queryableType } from '../src/search/queryable-types.js';
import { searchItems } from '../src/search/search-items.js';
import { describeEachDatabase } from '../src/testing/test-databases.js';
import { loadExampleCatalog } from './cql2-example-catalog.js';
import { makeCollection, makeItem } from './fixtures.js';

const numeric: QueryableType = { type: 'numeric', convert: false, integer: false };
const text: QueryableType = { type: 'text', convert: false, integer: false };
const timestamp: QueryableType = { type: 'timestamptz', convert: false, integer: false };

describe('the type a queryable gives its property', () => {
  const cases: [string, unknown, string | null, QueryableType | undefined][] = [
    ['number', { type: 'number' }, null, numeric],
    ['integer', { type: 'integer', minimum: 0 }, null, numeric],
    ['number or null', { type: ['number', 'null'] }, null, numeric],
    ['string', { type: 'string', enum: ['a', 'b'] }, null, text],
    ['string with format date-time', { type: 'string', format: 'date-time' }, null, timestamp],
    ['string with format date', { type: 'string', format: 'date' }, null, timestamp],
    ['boolean', { type: 'boolean' }, null, { type: 'boolean', convert: false, integer: false }],
    ['a $ref alone', { $ref: 'https://stac-extensions.github.io/eo/v1.0.0/schema.json#/definitions/fields/properties/eo:cloud_cover' }, null, undefined],
    ['an array', { type: 'array', items: { type: 'string' } }, null, undefined],
    ['string or number', { type: ['string', 'number'] }, null, undefined],
    ['not an object', 'number', null, undefined],
    ['integer with the to_int wrapper', { type: 'integer' }, 'to_int', { type: 'numeric', convert: true, integer: true }],
    ['number with the to_float wrapper', { type: 'number' }, 'to_float', { type: 'numeric', convert: true, integer: false }],
    ['date-time with the to_tstz wrapper', { type: 'string', format: 'date-time' }, 'to_tstz', { type: 'timestamptz', convert: true, integer: false }],
    // As `pqe queryables set flag --type boolean` stores it: the schema's type, values converted.
    ['boolean with the to_text wrapper', { type: 'boolean' }, 'to_text', { type: 'boolean', convert: true, integer: false }],
    ['a $ref with the to_float wrapper', { $ref: 'https://example.com/schema.json#/gsd' }, 'to_float', { type: 'numeric', convert: true, integer: false }],
    ['no type with the to_tstz wrapper', {}, 'to_tstz', { type: 'timestamptz', convert: true, integer: false }],
    ['string with the to_int wrapper, where the schema wins', { type: 'string' }, 'to_int', { type: 'text', convert: true, integer: false }],
  ];
  for (const [name, definition, wrapper, expected] of cases) {
    it(`reads ${name} as ${expected === undefined ? 'no type' : `${expected.type}${expected.convert ? ', converting' : ''}`}`, () => {
      assert.deepEqual(queryableType(definition, wrapper), expected);
    });
  }

  it('keeps a type the definitions of every searched collection agree on', () => {
    const types = mergeQueryableTypes([
      { name: 'gsd', definition: { type: 'number', title: 'GSD' }, wrapper: null },
      { name: 'gsd', definition: { type: 'integer' }, wrapper: null },
    ]);
    assert.deepEqual(types.get('gsd'), numeric);
  });

  it('leaves a property untyped where the definitions disagree, or one has no type', () => {
    const types = mergeQueryableTypes([
      { name: 'level', definition: { type: 'number' }, wrapper: null },
      { name: 'level', definition: { type: 'string' }, wrapper: null },
      { name: 'eo:cloud_cover', definition: { type: 'number' }, wrapper: null },
      { name: 'eo:cloud_cover', definition: { $ref: 'x' }, wrapper: null },
      { name: 'rows', definition: { type: 'number' }, wrapper: null },
      { name: 'rows', definition: { type: 'number' }, wrapper: 'to_int' },
    ]);
    assert.deepEqual([...types.keys()], []);
  });

  it('finds every property a filter names, once, without properties.', () => {
    const filter = parseCql2Text(
      "properties.a = 1 AND a > 0 AND CASEI(b) LIKE 'x' AND T_DURING(INTERVAL(c, d), INTERVAL('..', '..')) AND S_INTERSECTS(geometry, POINT(0 0)) AND e + f IN (1)",
    );
    assert.deepEqual(filterPropertyNames(filter).sort(), ['a', 'b', 'c', 'd', 'e', 'f', 'geometry']);
  });
});

describeEachDatabase('filters typed by queryables', (ctx) => {
  before(async () => {
    await loadExampleCatalog(ctx.db);
  });

  const ids = async (text: string, collections?: string[]) => {
    const page = await searchItems(ctx.db, { filter: parseCql2Text(text), limit: 100, ...(collections === undefined ? {} : { collections }) });
    return page.items.map((item) => String(item.id)).sort();
  };

  const found: [string, string, string[]][] = [
    // floors is an integer queryable: the string literal is read as the number it spells.
    ['a string literal that spells a number, for a number queryable', "floors = '10'", ['t2']],
    ['a string literal with an exponent', "eo:cloud_cover = '1e-1'", ['s2']],
    ['a string literal that spells a boolean', "swimming_pool = 'TRUE'", ['t1', 't3', 't5']],
    ['a string literal that spells a date, for a date queryable', "built > '2015-06-01'", ['t2']],
    ['a string literal that spells a timestamp, for datetime', "datetime < '2000-01-01T00:00:00Z'", ['e4']],
    // t6 stores floors as the string "12": not an integer, so not a match, not an error.
    ['a stored value of another type than its queryable, without a wrapper', 'floors = 12', []],
    ['a stored string read by the to_float wrapper', 'taxes = 300', ['t6']],
    ['a stored string read by the to_int wrapper', 'landsat:wrs_row = 28 AND eo:cloud_cover > 0.1', ['s4']],
    // city has no queryable: it is read as what it is compared with, as before.
    ['a property without a queryable, typed by the literal', "city = 'Tokyo'", ['t3']],
    ['a property without a queryable compared with another type', 'city = 5', []],
    ['IS NULL of a value stored in another type (it is set)', 'floors IS NULL', ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 's1', 's2', 's3', 's4', 's5', 't5']],
  ];
  for (const [name, filter, expected] of found) {
    it(`filters with ${name}: ${filter}`, async () => {
      assert.deepEqual(await ids(filter), expected);
    });
  }

  const refused: [string, string, RegExp][] = [
    ['a string that is no number, for a number queryable', "eo:cloud_cover = 'abc'", /^filter: eo:cloud_cover is a number, and 'abc' is not one$/],
    [
      'a number for a string queryable',
      'landsat:wrs_path = 203',
      /^filter: landsat:wrs_path is a string and 203 a number; only values of one type can be compared$/,
    ],
    ['strings in the IN list of a number queryable (example 40)', "\"value\" NOT IN ('a', 'b', 'c')", /value is a number, and 'a' is not one/],
    ['a string that is no boolean', "swimming_pool = 'yes'", /swimming_pool is a boolean, and 'yes' is not one/],
    ['a string that is no date', "built > 'soon'", /built is a timestamp, and 'soon' is not one/],
    ['a string that is no timestamp, for datetime', "datetime = '2021-13-01'", /datetime is a timestamp, and '2021-13-01' is not one/],
    ['a number for id', 'id = 5', /id is a string and 5 a number/],
    ['two properties of different types', 'owner = floors', /owner is a string and floors a number/],
    ['LIKE on a number queryable', "floors LIKE '1%'", /LIKE needs a string, and floors is a number/],
    ['BETWEEN on a string queryable', 'owner BETWEEN 1 AND 2', /BETWEEN needs a number, and owner is a string/],
    ['arithmetic on a string queryable', 'owner + 1 > 2', /the operator \+ needs a number, and owner is a string/],
    ['CASEI of a number queryable', "CASEI(floors) = 'x'", /CASEI needs a string, and floors is a number/],
    ['a temporal predicate on a number queryable', "T_AFTER(floors, DATE('2020-01-01'))", /T_AFTER needs a timestamp, and floors is a number/],
    [
      'a number queryable as an interval end the relation does not use',
      "T_MEETS(INTERVAL(floors, built), DATE('2020-01-01'))",
      /T_MEETS needs a timestamp, and floors is a number/,
    ],
    ['a spatial predicate on id', 'S_INTERSECTS(id, POINT(0 0))', /id is a string, not a geometry/],
  ];
  for (const [name, filter, message] of refused) {
    it(`refuses ${name}: ${filter}`, async () => {
      await assert.rejects(ids(filter), (error: unknown) => {
        assert.ok(error instanceof AppError, String(error));
        assert.equal(error.code, 'InvalidParameter');
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it('counts numberMatched with the same types as the page', async () => {
    const page = await searchItems(ctx.db, { filter: parseCql2Text('taxes <= 500'), limit: 1 }, { countBudgetMs: 10_000 });
    assert.equal(page.numberMatched, 4);
  });
});

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'test', line: ++line, value };
}

describeEachDatabase('queryables per collection', (ctx) => {
  before(async () => {
    await loadCollections(ctx.db, records(['lab-a', 'lab-b', 'lab-c'].map((id) => makeCollection(id))), { method: 'upsert' });
    const withProperties = (collection: string, id: string, properties: Record<string, unknown>) => {
      const item = makeItem(collection, id);
      Object.assign(item.properties as Record<string, unknown>, properties);
      return item;
    };
    const items = [
      withProperties('lab-a', 'a1', { level: 3, flag: true }),
      withProperties('lab-b', 'b1', { level: '3', flag: 'TRUE' }),
      withProperties('lab-c', 'c1', { level: '3', flag: 'no' }),
    ];
    await loadItems(ctx.db, records(items), { method: 'insert', batchSize: 10 });
    // level is a string everywhere but in lab-a, where it is a number. flag is a boolean with the wrapper that
    // `pqe queryables set flag --type boolean` stores.
    await ctx.db.query(
      `INSERT INTO pqe.queryables (name, collection_ids, definition, property_wrapper) VALUES
         ('level', NULL, '{"type": "string"}', NULL), ('level', ARRAY['lab-a'], '{"type": "number"}', NULL),
         ('flag', NULL, '{"type": "boolean"}', 'to_text')`,
    );
  });

  const ids = async (text: string, collections?: string[]) => {
    const page = await searchItems(ctx.db, { filter: parseCql2Text(text), limit: 10, ...(collections === undefined ? {} : { collections }) });
    return page.items.map((item) => String(item.id)).sort();
  };

  it("uses a collection's own definition over the one for all collections", async () => {
    assert.deepEqual(await ids("level = '3'", ['lab-a']), ['a1']);
    assert.deepEqual(await ids('level > 2', ['lab-a']), ['a1']);
  });

  it('uses the definition for all collections where a collection has none', async () => {
    assert.deepEqual(await ids("level = '3'", ['lab-b', 'lab-c']), ['b1', 'c1']);
    await assert.rejects(ids('level = 3', ['lab-b']), /level is a string and 3 a number/);
  });

  it('reads booleans stored as strings when the queryable has a wrapper', async () => {
    assert.deepEqual(await ids('flag = TRUE'), ['a1', 'b1']);
    // c1's "no" is no boolean: unknown, whichever way it is asked.
    assert.deepEqual(await ids('flag <> TRUE'), []);
  });

  it('leaves a property untyped where the searched collections disagree, typed by the literal as before', async () => {
    assert.deepEqual(await ids('level = 3'), ['a1']);
    assert.deepEqual(await ids("level = '3'"), ['b1', 'c1']);
    assert.deepEqual(await ids('level = 3', ['lab-a', 'lab-b']), ['a1']);
  });
});
