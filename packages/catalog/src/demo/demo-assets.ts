import type { JsonObject } from '../stac/dehydrate.js';

/**
 * Where a demo asset would be. The reserved `.invalid` top-level domain (RFC 2606) makes plain that these are
 * placeholders that no client can fetch.
 */
export function assetHref(collection: string, itemId: string, asset: string, extension = 'tif'): string {
  return `https://demo.pqe.invalid/${collection}/${itemId}/${asset}.${extension}`;
}

/**
 * An item's assets: each is its collection's `item_assets` entry plus an href, so that an item stored as its
 * difference from the collection (see dehydrate.ts) keeps little more than the hrefs.
 */
export function itemAssetsFor(
  collection: string,
  itemId: string,
  itemAssets: JsonObject,
  keys: readonly string[],
  extensionOf: (key: string) => string = (key) => (key === 'thumbnail' ? 'png' : 'tif'),
): JsonObject {
  const assets: JsonObject = {};
  for (const key of keys) {
    const definition = itemAssets[key];
    if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
      throw new RangeError(`item_assets of ${collection} has no asset "${key}"`);
    }
    assets[key] = { href: assetHref(collection, itemId, key, extensionOf(key)), ...structuredClone(definition) };
  }
  return assets;
}
