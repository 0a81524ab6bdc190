import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRfc3339, pgTimestampToIso } from '../src/stac/datetime.js';
import type { Json, JsonObject } from '../src/stac/dehydrate.js';
import { baseItemOf, type CollectionCheck, checkCollection, checkItem, type ItemCheck, type ValidItem } from '../src/stac/validate-item.js';
import { makeCollection, makeItem } from './fixtures.js';

/** A valid fixture item with `change` applied: a key set to undefined is removed. */
function itemWith(change: { [key: string]: Json | undefined }, properties?: { [key: string]: Json | undefined }): JsonObject {
  const item = makeItem('c1', 'i1');
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete item[key];
    else item[key] = value;
  }
  if (properties !== undefined) {
    const p = item.properties as JsonObject;
    for (const [key, value] of Object.entries(properties)) {
      if (value === undefined) delete p[key];
      else p[key] = value;
    }
  }
  return item;
}

function accepted(check: ItemCheck): ValidItem {
  if (!check.ok) assert.fail(`expected the item to pass, got: ${check.reason}`);
  return check.value;
}

function rejected(check: ItemCheck | CollectionCheck): { reason: string; id?: string } {
  if (check.ok) assert.fail('expected a rejection');
  return check;
}

describe('checkItem', () => {
  it('accepts a complete item and gives the values the columns need', () => {
    const item = makeItem('c1', 'i1', { datetime: '2021-06-01T10:30:00Z' });
    const value = accepted(checkItem(item));
    assert.equal(value.id, 'i1');
    assert.equal(value.collection, 'c1');
    assert.deepEqual(value.geometry, item.geometry);
    assert.equal(value.datetime, '2021-06-01T10:30:00Z');
    assert.equal(value.endDatetime, '2021-06-01T10:30:00Z');
    assert.equal(value.datetimeMs, Date.UTC(2021, 5, 1, 10, 30));
    assert.deepEqual(value.item, item);
  });

  const missingOrWrong: { name: string; change: { [key: string]: Json | undefined }; reason: RegExp }[] = [
    { name: 'type missing', change: { type: undefined }, reason: /^type is undefined, expected "Feature" \(a STAC Item\)$/ },
    { name: 'type "Collection"', change: { type: 'Collection' }, reason: /^type is "Collection", expected "Feature"/ },
    { name: 'type "FeatureCollection"', change: { type: 'FeatureCollection' }, reason: /^type is "FeatureCollection", expected "Feature"/ },
    { name: 'id missing', change: { id: undefined }, reason: /^id is missing or not a non-empty string$/ },
    { name: 'id empty', change: { id: '' }, reason: /^id is missing or not a non-empty string$/ },
    { name: 'id a number', change: { id: 42 }, reason: /^id is missing or not a non-empty string$/ },
    { name: 'id longer than 1024 characters', change: { id: 'x'.repeat(1025) }, reason: /^id is longer than 1024 characters$/ },
    { name: 'stac_version missing', change: { stac_version: undefined }, reason: /^stac_version is missing$/ },
    { name: 'stac_version a number', change: { stac_version: 1 }, reason: /^stac_version is missing$/ },
    { name: 'collection missing', change: { collection: undefined }, reason: /^collection is missing \(give it in the item, or load with --collection\)$/ },
    { name: 'collection empty', change: { collection: '' }, reason: /^collection is missing/ },
    { name: 'collection null', change: { collection: null }, reason: /^collection is missing/ },
    { name: 'geometry missing', change: { geometry: undefined }, reason: /^geometry is missing; the catalog needs a footprint for every item$/ },
    { name: 'geometry null', change: { geometry: null }, reason: /^geometry is missing; the catalog needs a footprint/ },
    {
      name: 'geometry invalid',
      change: { geometry: { type: 'Point', coordinates: [200, 0] } },
      reason: /^invalid geometry: geometry\.coordinates \[200, 0\] is outside/,
    },
    { name: 'bbox missing', change: { bbox: undefined }, reason: /^bbox is missing or is not 4 or 6 numbers/ },
    { name: 'bbox of 3 numbers', change: { bbox: [1, 2, 3] }, reason: /^bbox is missing or is not 4 or 6 numbers/ },
    { name: 'bbox of 5 numbers', change: { bbox: [1, 2, 3, 4, 5] }, reason: /^bbox is missing or is not 4 or 6 numbers/ },
    { name: 'bbox of strings', change: { bbox: ['10', '50', '10.25', '50.25'] }, reason: /^bbox is missing or is not 4 or 6 numbers/ },
    { name: 'bbox with a null', change: { bbox: [10, 50, null, 50.25] }, reason: /^bbox is missing or is not 4 or 6 numbers/ },
    { name: 'bbox an object', change: { bbox: { west: 10 } }, reason: /^bbox is missing or is not 4 or 6 numbers/ },
    { name: 'properties missing', change: { properties: undefined }, reason: /^properties is missing or not an object$/ },
    { name: 'properties null', change: { properties: null }, reason: /^properties is missing or not an object$/ },
    { name: 'properties an array', change: { properties: [] }, reason: /^properties is missing or not an object$/ },
    { name: 'links missing', change: { links: undefined }, reason: /^links is missing or not an array$/ },
    { name: 'links an object', change: { links: {} }, reason: /^links is missing or not an array$/ },
    { name: 'assets missing', change: { assets: undefined }, reason: /^assets is missing or not an object$/ },
    { name: 'assets an array', change: { assets: [] }, reason: /^assets is missing or not an object$/ },
  ];
  for (const { name, change, reason } of missingOrWrong) {
    it(`rejects an item with ${name}`, () => {
      assert.match(rejected(checkItem(itemWith(change))).reason, reason);
    });
  }

  const notObjects: { name: string; value: unknown }[] = [
    { name: 'null', value: null },
    { name: 'an array', value: [makeItem('c1', 'i1')] },
    { name: 'a string', value: 'i1' },
    { name: 'a number', value: 1 },
  ];
  for (const { name, value } of notObjects) {
    it(`rejects ${name} as not a JSON object`, () => {
      assert.deepEqual(checkItem(value), { ok: false, reason: 'not a JSON object' });
    });
  }

  it('names the id of a rejected item when it has one', () => {
    assert.equal(rejected(checkItem(itemWith({ bbox: [1, 2, 3] }))).id, 'i1');
  });

  it('names the id even when the type is wrong', () => {
    assert.equal(rejected(checkItem(itemWith({ type: 'Collection' }))).id, 'i1');
  });

  it('leaves out the id of a rejected item whose id is not a string', () => {
    const check = rejected(checkItem(itemWith({ id: 42 })));
    assert.equal(Object.hasOwn(check, 'id'), false);
  });

  it('accepts a bbox of 6 numbers', () => {
    accepted(checkItem(itemWith({ bbox: [10, 50, 0, 10.25, 50.25, 100] })));
  });

  it('accepts an id of exactly 1024 characters', () => {
    accepted(checkItem(itemWith({ id: 'x'.repeat(1024) })));
  });

  describe('collection', () => {
    it('takes the collection from defaultCollection when the item has none, and adds it to the item', () => {
      const value = accepted(checkItem(itemWith({ collection: undefined }), 'c1'));
      assert.equal(value.collection, 'c1');
      assert.equal(value.item.collection, 'c1');
    });

    it('does not change the item it was given when it adds the default collection', () => {
      const item = itemWith({ collection: undefined });
      checkItem(item, 'c1');
      assert.equal(Object.hasOwn(item, 'collection'), false);
    });

    it('accepts an item whose collection equals defaultCollection', () => {
      assert.equal(accepted(checkItem(makeItem('c1', 'i1'), 'c1')).collection, 'c1');
    });

    it('rejects an item whose collection differs from defaultCollection, naming both', () => {
      assert.match(rejected(checkItem(makeItem('c1', 'i1'), 'c2')).reason, /^collection is "c1", but this load is for "c2"$/);
    });

    it('rejects an item with a null collection when the load is for a collection', () => {
      assert.match(rejected(checkItem(itemWith({ collection: null }), 'c2')).reason, /^collection is null, but this load is for "c2"$/);
    });
  });

  describe('datetime', () => {
    it('uses datetime as both ends of an instant', () => {
      const value = accepted(checkItem(itemWith({}, { datetime: '2020-02-29T23:59:59Z' })));
      assert.equal(value.datetime, '2020-02-29T23:59:59Z');
      assert.equal(value.endDatetime, '2020-02-29T23:59:59Z');
      assert.equal(value.datetimeMs, Date.UTC(2020, 1, 29, 23, 59, 59));
    });

    it('uses start_datetime and end_datetime when datetime is null', () => {
      const value = accepted(checkItem(itemWith({}, { datetime: null, start_datetime: '2020-01-01T00:00:00Z', end_datetime: '2020-12-31T23:59:59Z' })));
      assert.equal(value.datetime, '2020-01-01T00:00:00Z');
      assert.equal(value.endDatetime, '2020-12-31T23:59:59Z');
      assert.equal(value.datetimeMs, Date.UTC(2020, 0, 1));
    });

    it('uses start_datetime and end_datetime when datetime is missing', () => {
      const value = accepted(checkItem(itemWith({}, { datetime: undefined, start_datetime: '2020-01-01T00:00:00Z', end_datetime: '2020-01-02T00:00:00Z' })));
      assert.equal(value.datetime, '2020-01-01T00:00:00Z');
      assert.equal(value.endDatetime, '2020-01-02T00:00:00Z');
    });

    it('accepts an interval whose start equals its end', () => {
      accepted(checkItem(itemWith({}, { datetime: null, start_datetime: '2020-01-01T00:00:00Z', end_datetime: '2020-01-01T00:00:00Z' })));
    });

    it('finds an item with both datetime and an interval by its datetime', () => {
      const value = accepted(
        checkItem(itemWith({}, { datetime: '2020-06-01T00:00:00Z', start_datetime: '2020-01-01T00:00:00Z', end_datetime: '2020-12-31T00:00:00Z' })),
      );
      assert.equal(value.datetime, '2020-06-01T00:00:00Z');
      assert.equal(value.endDatetime, '2020-06-01T00:00:00Z');
    });

    it('compares start and end as instants, not as text, across offsets', () => {
      // 10:00+05:00 is 05:00Z, before 06:00Z, although its text sorts after.
      accepted(checkItem(itemWith({}, { datetime: null, start_datetime: '2020-01-01T10:00:00+05:00', end_datetime: '2020-01-01T06:00:00Z' })));
    });

    const bad: { name: string; properties: { [key: string]: Json | undefined }; reason: RegExp }[] = [
      {
        name: 'datetime null and no interval',
        properties: { datetime: null },
        reason: /^properties\.datetime is null and there is no start_datetime \/ end_datetime/,
      },
      {
        name: 'datetime missing and no interval',
        properties: { datetime: undefined },
        reason: /^properties\.datetime is missing and there is no start_datetime \/ end_datetime/,
      },
      {
        name: 'datetime null and only start_datetime',
        properties: { datetime: null, start_datetime: '2020-01-01T00:00:00Z' },
        reason: /^properties\.datetime is not given, so start_datetime and end_datetime must both be RFC 3339 date-times$/,
      },
      {
        name: 'datetime null and only end_datetime',
        properties: { datetime: null, end_datetime: '2020-01-01T00:00:00Z' },
        reason: /^properties\.datetime is not given, so start_datetime and end_datetime must both/,
      },
      {
        name: 'datetime null and an invalid end_datetime',
        properties: { datetime: null, start_datetime: '2020-01-01T00:00:00Z', end_datetime: '2020-13-01T00:00:00Z' },
        reason: /must both be RFC 3339 date-times/,
      },
      {
        name: 'datetime null and start after end',
        properties: { datetime: null, start_datetime: '2020-01-02T00:00:00Z', end_datetime: '2020-01-01T00:00:00Z' },
        reason: /^start_datetime is after end_datetime$/,
      },
      {
        name: 'a datetime and an interval whose start is after its end',
        properties: { start_datetime: '2020-01-02T00:00:00Z', end_datetime: '2020-01-01T00:00:00Z' },
        reason: /^start_datetime is after end_datetime$/,
      },
      {
        name: 'a datetime and only start_datetime',
        properties: { start_datetime: '2020-01-01T00:00:00Z' },
        reason: /^start_datetime and end_datetime must both be RFC 3339 date-times when either is given$/,
      },
      {
        name: 'a datetime and an invalid start_datetime',
        properties: { start_datetime: 'yesterday', end_datetime: '2020-01-01T00:00:00Z' },
        reason: /^start_datetime and end_datetime must both be RFC 3339/,
      },
      { name: 'a date without a time', properties: { datetime: '2021-06-01' }, reason: /^properties\.datetime "2021-06-01" is not an RFC 3339 date-time$/ },
      {
        name: 'a datetime of February 30',
        properties: { datetime: '2021-02-30T00:00:00Z' },
        reason: /^properties\.datetime "2021-02-30T00:00:00Z" is not an RFC 3339 date-time$/,
      },
      {
        name: 'a datetime as epoch milliseconds',
        properties: { datetime: 1622543400000 },
        reason: /^properties\.datetime 1622543400000 is not an RFC 3339 date-time$/,
      },
      { name: 'a datetime without an offset', properties: { datetime: '2021-06-01T10:30:00' }, reason: /is not an RFC 3339 date-time/ },
    ];
    for (const { name, properties, reason } of bad) {
      it(`rejects an item with ${name}`, () => {
        assert.match(rejected(checkItem(itemWith({}, properties))).reason, reason);
      });
    }
  });
});

describe('parseRfc3339', () => {
  const valid: { text: string; iso: string }[] = [
    { text: '2021-06-01T10:30:00Z', iso: '2021-06-01T10:30:00.000Z' },
    { text: '2021-06-01T10:30:00+05:30', iso: '2021-06-01T05:00:00.000Z' },
    { text: '2021-06-01T10:30:00-03:00', iso: '2021-06-01T13:30:00.000Z' },
    { text: '2021-06-01T00:30:00+01:00', iso: '2021-05-31T23:30:00.000Z' },
    { text: '2021-06-01T10:30:00.5Z', iso: '2021-06-01T10:30:00.500Z' },
    { text: '2021-06-01T10:30:00.123Z', iso: '2021-06-01T10:30:00.123Z' },
    { text: '2021-06-01T10:30:00.123456789Z', iso: '2021-06-01T10:30:00.123Z' },
    { text: '2021-06-01T10:30:00.123456+02:00', iso: '2021-06-01T08:30:00.123Z' },
    { text: '2021-06-01t10:30:00z', iso: '2021-06-01T10:30:00.000Z' },
    { text: '2021-06-01 10:30:00Z', iso: '2021-06-01T10:30:00.000Z' },
    { text: '2020-02-29T00:00:00Z', iso: '2020-02-29T00:00:00.000Z' },
    { text: '2000-02-29T00:00:00Z', iso: '2000-02-29T00:00:00.000Z' },
    { text: '0001-01-01T00:00:00Z', iso: '0001-01-01T00:00:00.000Z' },
    { text: '0004-02-29T00:00:00Z', iso: '0004-02-29T00:00:00.000Z' },
    { text: '9999-12-31T23:59:59Z', iso: '9999-12-31T23:59:59.000Z' },
  ];
  for (const { text, iso } of valid) {
    it(`reads ${text} as ${iso}`, () => {
      const ms = parseRfc3339(text);
      assert.notEqual(ms, undefined);
      assert.equal(new Date(ms ?? Number.NaN).toISOString(), iso);
    });
  }

  const invalid: { name: string; value: unknown }[] = [
    { name: 'February 30', value: '2021-02-30T00:00:00Z' },
    { name: 'February 29 of a common year', value: '2021-02-29T00:00:00Z' },
    { name: 'February 29 of 1900', value: '1900-02-29T00:00:00Z' },
    { name: 'April 31', value: '2021-04-31T00:00:00Z' },
    { name: 'day 0', value: '2021-01-00T00:00:00Z' },
    { name: 'month 13', value: '2021-13-01T00:00:00Z' },
    { name: 'month 0', value: '2021-00-01T00:00:00Z' },
    { name: 'year 0000', value: '0000-01-01T00:00:00Z' },
    { name: 'hour 24', value: '2021-06-01T24:00:00Z' },
    { name: 'minute 60', value: '2021-06-01T10:60:00Z' },
    { name: 'second 61', value: '2021-06-01T10:30:61Z' },
    { name: 'an offset of 25 hours', value: '2021-06-01T10:30:00+25:00' },
    { name: 'an offset without a colon', value: '2021-06-01T10:30:00+0530' },
    { name: 'no offset', value: '2021-06-01T10:30:00' },
    { name: 'no seconds', value: '2021-06-01T10:30Z' },
    { name: 'a date only', value: '2021-06-01' },
    { name: 'a decimal point without digits', value: '2021-06-01T10:30:00.Z' },
    { name: 'a five-digit year', value: '12021-06-01T10:30:00Z' },
    { name: 'a one-digit month', value: '2021-6-01T10:30:00Z' },
    { name: 'surrounding spaces', value: ' 2021-06-01T10:30:00Z ' },
    { name: 'an empty string', value: '' },
    { name: 'a number', value: 1622543400000 },
    { name: 'null', value: null },
    { name: 'undefined', value: undefined },
  ];
  for (const { name, value } of invalid) {
    it(`rejects ${name}`, () => {
      assert.equal(parseRfc3339(value), undefined);
    });
  }

  it('accepts a leap second, which RFC 3339 allows', () => {
    assert.notEqual(parseRfc3339('2016-12-31T23:59:60Z'), undefined);
  });
});

describe('pgTimestampToIso', () => {
  const cases: { pg: string; iso: string }[] = [
    { pg: '2019-11-18 00:00:00+00', iso: '2019-11-18T00:00:00Z' },
    { pg: '2019-11-18 10:30:15.123456+00', iso: '2019-11-18T10:30:15.123456Z' },
    { pg: '2019-11-18 10:30:15.5+00', iso: '2019-11-18T10:30:15.5Z' },
    { pg: '0001-01-01 00:00:00+00', iso: '0001-01-01T00:00:00Z' },
    { pg: '2019-11-18 02:00:00+02', iso: '2019-11-18T00:00:00.000Z' },
  ];
  for (const { pg, iso } of cases) {
    it(`turns "${pg}" into ${iso}`, () => {
      assert.equal(pgTimestampToIso(pg), iso);
    });
  }
});

describe('checkCollection', () => {
  it('accepts a complete collection', () => {
    const collection = makeCollection('c1');
    const check = checkCollection(collection);
    assert.equal(check.ok, true);
    assert.equal(check.ok && check.value.id, 'c1');
  });

  it('accepts a collection without item_assets', () => {
    const collection = makeCollection('c1');
    delete collection.item_assets;
    assert.equal(checkCollection(collection).ok, true);
  });

  const bad: { name: string; change: JsonObject; reason: RegExp }[] = [
    { name: 'type "Feature"', change: { type: 'Feature' }, reason: /^type is "Feature", expected "Collection"$/ },
    { name: 'an empty id', change: { id: '' }, reason: /^id is missing, empty or longer than 256 characters$/ },
    { name: 'an id longer than 256 characters', change: { id: 'c'.repeat(257) }, reason: /^id is missing, empty or longer than 256 characters$/ },
    { name: 'a numeric id', change: { id: 7 }, reason: /^id is missing, empty/ },
    { name: 'stac_version not a string', change: { stac_version: null }, reason: /^stac_version is missing$/ },
    { name: 'description not a string', change: { description: null }, reason: /^description is missing$/ },
    { name: 'license not a string', change: { license: 3 }, reason: /^license is missing$/ },
    { name: 'links not an array', change: { links: {} }, reason: /^links is missing or not an array$/ },
    { name: 'no extent', change: { extent: null }, reason: /^extent\.spatial\.bbox is missing/ },
    {
      name: 'a flat spatial bbox',
      change: { extent: { spatial: { bbox: [-180, -90, 180, 90] }, temporal: { interval: [[null, null]] } } },
      reason: /^extent\.spatial\.bbox is missing \(an array of bounding boxes\)$/,
    },
    { name: 'no temporal extent', change: { extent: { spatial: { bbox: [[-180, -90, 180, 90]] } } }, reason: /^extent\.temporal\.interval is missing/ },
    {
      name: 'a flat temporal interval',
      change: { extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: ['2020-01-01T00:00:00Z', null] } } },
      reason: /^extent\.temporal\.interval is missing \(an array of \[start, end\] intervals\)$/,
    },
    { name: 'item_assets an array', change: { item_assets: [] }, reason: /^item_assets is not an object$/ },
  ];
  for (const { name, change, reason } of bad) {
    it(`rejects a collection with ${name}`, () => {
      assert.match(rejected(checkCollection(makeCollection('c1', change))).reason, reason);
    });
  }

  for (const key of ['stac_version', 'description', 'license', 'links', 'extent', 'type', 'id']) {
    it(`rejects a collection without ${key}`, () => {
      const collection = makeCollection('c1');
      delete collection[key];
      assert.equal(checkCollection(collection).ok, false);
    });
  }

  it('names the id of a rejected collection', () => {
    assert.equal(rejected(checkCollection(makeCollection('c1', { license: 3 }))).id, 'c1');
  });

  it('rejects a value that is not an object', () => {
    assert.deepEqual(checkCollection([makeCollection('c1')]), { ok: false, reason: 'not a JSON object' });
  });
});

describe('baseItemOf', () => {
  it('makes the base item from the collection id, stac_version and item_assets', () => {
    const collection = makeCollection('c1') as JsonObject & { id: string };
    assert.deepEqual(baseItemOf(collection), {
      type: 'Feature',
      stac_version: '1.0.0',
      collection: 'c1',
      assets: collection.item_assets as JsonObject,
    });
  });

  it('gives empty assets to a collection without item_assets', () => {
    const collection = makeCollection('c1') as JsonObject & { id: string };
    delete collection.item_assets;
    assert.deepEqual(baseItemOf(collection).assets, {});
  });

  it('gives empty assets to a collection whose item_assets is not an object', () => {
    const collection = makeCollection('c1', { item_assets: ['data'] }) as JsonObject & { id: string };
    assert.deepEqual(baseItemOf(collection).assets, {});
  });

  it('gives a null stac_version to a collection without one', () => {
    const collection = makeCollection('c1') as JsonObject & { id: string };
    delete collection.stac_version;
    assert.equal(baseItemOf(collection).stac_version, null);
  });
});
