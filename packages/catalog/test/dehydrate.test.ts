import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ABSENT, deepEqual, dehydrate, hydrate, type JsonObject } from '../src/stac/dehydrate.js';
import { baseItemOf } from '../src/stac/validate-item.js';
import { makeCollection, makeItem } from './fixtures.js';

const collection = makeCollection('c1') as JsonObject & { id: string };
const realBase = baseItemOf(collection);

interface RoundTrip {
  name: string;
  base: JsonObject;
  item: JsonObject;
}

const roundTrips: RoundTrip[] = [
  { name: 'an item equal to its base', base: { a: 1, b: { c: 'x' } }, item: { a: 1, b: { c: 'x' } } },
  { name: 'an item that lacks a top-level key the base has', base: { a: 1, b: 2 }, item: { a: 1 } },
  { name: 'an item that lacks a nested key the base has', base: { a: { b: 1, c: 2 } }, item: { a: { b: 1 } } },
  { name: 'an item that lacks a key three levels down', base: { a: { b: { c: 1, d: 2 } } }, item: { a: { b: { d: 2 } } } },
  { name: 'an item that lacks a whole nested object the base has', base: { a: { b: 1 }, z: 0 }, item: { z: 0 } },
  { name: 'an item with keys the base does not have', base: { a: 1 }, item: { a: 1, b: 2, c: { d: [1, 2] } } },
  { name: 'an item with nested keys the base does not have', base: { a: { b: 1 } }, item: { a: { b: 1, c: 3 } } },
  { name: 'an item whose array equals the base array', base: { roles: ['data', 'visual'] }, item: { roles: ['data', 'visual'] } },
  { name: 'an item whose array differs from the base array in one element', base: { roles: ['data', 'visual'] }, item: { roles: ['data', 'overview'] } },
  { name: 'an item whose array is shorter than the base array', base: { roles: ['data', 'visual'] }, item: { roles: ['data'] } },
  { name: 'an item whose array is empty where the base array is not', base: { roles: ['data'] }, item: { roles: [] } },
  { name: 'an item whose array holds objects', base: { bands: [{ name: 'red' }, { name: 'green' }] }, item: { bands: [{ name: 'red' }, { name: 'nir' }] } },
  { name: 'an item whose array elements are in another order', base: { a: [1, 2, 3] }, item: { a: [3, 2, 1] } },
  { name: 'an item whose object is a string in the base', base: { a: 'text' }, item: { a: { b: 1 } } },
  { name: 'an item whose string is an object in the base', base: { a: { b: 1 } }, item: { a: 'text' } },
  { name: 'an item whose null is an object in the base', base: { a: { b: 1 } }, item: { a: null } },
  { name: 'an item whose object is null in the base', base: { a: null }, item: { a: { b: 1 } } },
  { name: 'an item whose array is an object in the base', base: { a: { b: 1 } }, item: { a: [1] } },
  { name: 'an item whose object is an array in the base', base: { a: [1] }, item: { a: { b: 1 } } },
  { name: 'an item whose number is a string in the base', base: { a: '1' }, item: { a: 1 } },
  { name: 'an item whose boolean is a number in the base', base: { a: 0 }, item: { a: false } },
  { name: 'an item with an empty object where the base has keys', base: { a: { b: 1, c: 2 } }, item: { a: {} } },
  { name: 'an item with an empty object where the base has an empty object', base: { a: {} }, item: { a: {} } },
  { name: 'an item with keys where the base has an empty object', base: { a: {} }, item: { a: { b: 1 } } },
  { name: 'an empty item against a non-empty base', base: { a: 1, b: { c: 2 } }, item: {} },
  { name: 'an item against an empty base', base: {}, item: { a: 1, b: { c: [1, { d: null }] } } },
  { name: 'an empty item against an empty base', base: {}, item: {} },
  { name: 'an item whose values are null, false, 0 and the empty string', base: { a: 1, b: true, c: 'x', d: null }, item: { a: 0, b: false, c: '', d: null } },
  { name: 'an item with a key whose value is null where the base lacks the key', base: {}, item: { a: null } },
  {
    name: 'an item whose assets are nested objects partly given by item_assets',
    base: { assets: { data: { type: 'image/tiff', roles: ['data'], title: 'Data' }, thumb: { type: 'image/png' } } },
    item: {
      assets: {
        data: { href: 'https://example.com/d.tif', type: 'image/tiff', roles: ['data'] },
        extra: { href: 'https://example.com/e.json' },
      },
    },
  },
  { name: 'a fixture item against its collection base item', base: realBase, item: makeItem('c1', 'a') },
  { name: 'a fixture item of another collection against the base item', base: realBase, item: makeItem('other', 'a') },
  { name: 'a fixture item against an empty base', base: {}, item: makeItem('c1', 'a') },
];

describe('hydrate(base, dehydrate(item, base))', () => {
  for (const { name, base, item } of roundTrips) {
    it(`gives back ${name}`, () => {
      const original = structuredClone(item);
      const restored = hydrate(base, dehydrate(item, base));
      assert.deepEqual(restored, original);
      assert.equal(deepEqual(restored, original), true);
    });
  }

  it('gives back the item after the diff went through JSON (as it does through the database)', () => {
    const item = makeItem('c1', 'json');
    delete ((item.assets as JsonObject).thumbnail as JsonObject).type;
    const diff = JSON.parse(JSON.stringify(dehydrate(item, realBase))) as JsonObject;
    assert.deepEqual(hydrate(realBase, diff), item);
  });

  it('leaves the item and the base unchanged', () => {
    const base = { a: { b: 1 }, c: 2 };
    const item = { a: { d: 3 } };
    dehydrate(item, base);
    hydrate(base, dehydrate(item, base));
    assert.deepEqual(base, { a: { b: 1 }, c: 2 });
    assert.deepEqual(item, { a: { d: 3 } });
  });

  it('keeps a key named __proto__ that the item has (JSON.parse makes it an ordinary key)', () => {
    const item = JSON.parse('{"id": "p", "__proto__": {"x": 1}}') as JsonObject;
    assert.deepEqual(Object.keys(hydrate({}, dehydrate(item, {}))), ['id', '__proto__']);
  });
});

describe('dehydrate', () => {
  it('stores nothing for an item equal to its base', () => {
    assert.deepEqual(dehydrate({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }), {});
  });

  it('omits top-level values equal to the base and keeps the others', () => {
    assert.deepEqual(dehydrate({ a: 1, b: 2, c: 3 }, { a: 1, b: 5 }), { b: 2, c: 3 });
  });

  it('omits nested values equal to the base and keeps only what differs', () => {
    const base = { assets: { data: { type: 'image/tiff', roles: ['data'], title: 'Data' } } };
    const item = { assets: { data: { href: 'https://example.com/d.tif', type: 'image/tiff', roles: ['data'], title: 'Data' } } };
    assert.deepEqual(dehydrate(item, base), { assets: { data: { href: 'https://example.com/d.tif' } } });
  });

  it('marks a top-level key the item lacks as ABSENT', () => {
    assert.deepEqual(dehydrate({ a: 1 }, { a: 1, b: 2 }), { b: ABSENT });
  });

  it('marks a nested key the item lacks as ABSENT', () => {
    assert.deepEqual(dehydrate({ a: { b: 1 } }, { a: { b: 1, c: 2 } }), { a: { c: ABSENT } });
  });

  it('marks every key of a base object as ABSENT when the item has that object empty', () => {
    assert.deepEqual(dehydrate({ a: {} }, { a: { b: 1, c: 2 } }), { a: { b: ABSENT, c: ABSENT } });
  });

  it('stores a differing array whole rather than element by element', () => {
    assert.deepEqual(dehydrate({ a: [1, 2, 4] }, { a: [1, 2, 3] }), { a: [1, 2, 4] });
  });

  it('stores a value whole when its type differs from the base value', () => {
    assert.deepEqual(dehydrate({ a: { b: 1 } }, { a: 'text' }), { a: { b: 1 } });
    assert.deepEqual(dehydrate({ a: null }, { a: { b: 1 } }), { a: null });
  });

  it('stores an empty object the base lacks', () => {
    assert.deepEqual(dehydrate({ a: {} }, {}), { a: {} });
  });

  it('stores an asset the collection item_assets describes without repeating type, roles and title', () => {
    const diff = dehydrate(makeItem('c1', 'a'), realBase);
    const assets = diff.assets as JsonObject;
    assert.deepEqual(assets.data, { href: 'https://example.com/c1/a/data.tif' });
    // The thumbnail lacks the title that item_assets gives it.
    assert.deepEqual(assets.thumbnail, { href: 'https://example.com/c1/a/thumb.png', title: ABSENT });
    assert.equal(diff.type, undefined);
    assert.equal(diff.stac_version, undefined);
    assert.equal(diff.collection, undefined);
  });

  it('stores the collection of an item whose collection differs from the base', () => {
    assert.equal(dehydrate(makeItem('other', 'a'), realBase).collection, 'other');
  });
});

describe('hydrate', () => {
  it('adds back what the base says and the diff does not', () => {
    assert.deepEqual(hydrate({ a: 1, b: { c: 2 } }, { d: 3 }), { a: 1, b: { c: 2 }, d: 3 });
  });

  it('leaves out a key marked ABSENT', () => {
    assert.deepEqual(hydrate({ a: 1, b: 2 }, { b: ABSENT }), { a: 1 });
  });

  it('leaves out a nested key marked ABSENT', () => {
    assert.deepEqual(hydrate({ a: { b: 1, c: 2 } }, { a: { c: ABSENT } }), { a: { b: 1 } });
  });

  it('lets a diff value replace a base value of another type', () => {
    assert.deepEqual(hydrate({ a: { b: 1 } }, { a: [1] }), { a: [1] });
  });
});

describe('deepEqual', () => {
  const cases: { name: string; a: unknown; b: unknown; equal: boolean }[] = [
    { name: 'equal numbers', a: 1, b: 1, equal: true },
    { name: 'a number and its string', a: 1, b: '1', equal: false },
    { name: 'null and null', a: null, b: null, equal: true },
    { name: 'null and an empty object', a: null, b: {}, equal: false },
    { name: 'an empty object and null', a: {}, b: null, equal: false },
    { name: 'an empty array and an empty object', a: [], b: {}, equal: false },
    { name: 'an empty object and an empty array', a: {}, b: [], equal: false },
    { name: 'arrays with the same elements', a: [1, [2, { c: 3 }]], b: [1, [2, { c: 3 }]], equal: true },
    { name: 'arrays of different lengths', a: [1, 2], b: [1, 2, 3], equal: false },
    { name: 'arrays in another order', a: [1, 2], b: [2, 1], equal: false },
    { name: 'objects with keys in another order', a: { a: 1, b: 2 }, b: { b: 2, a: 1 }, equal: true },
    { name: 'objects with the same key count but other keys', a: { a: 1 }, b: { b: 1 }, equal: false },
    { name: 'objects with one extra key', a: { a: 1 }, b: { a: 1, b: 2 }, equal: false },
    { name: 'objects differing deep down', a: { a: { b: { c: 1 } } }, b: { a: { b: { c: 2 } } }, equal: false },
    { name: 'a key holding undefined and a missing key', a: { a: undefined }, b: { b: undefined }, equal: false },
  ];
  for (const { name, a, b, equal } of cases) {
    it(`says ${name} are ${equal ? 'equal' : 'not equal'}`, () => {
      assert.equal(deepEqual(a, b), equal);
    });
  }
});
