import type { JsonObject } from '../stac/dehydrate.js';

/** One asset of one demo item, as the href of its file is asked for. */
export interface DemoAssetRef {
  collection: string;
  itemId: string;
  /** The asset's key in the item, e.g. "visual". */
  key: string;
  /** File extension without the dot: "tif" for data, "png" for thumbnails. */
  extension: string;
}

/**
 * Where a demo asset is, for callers that write the files themselves (`pqe demo` writes COGs); undefined keeps the
 * placeholder href of `placeholderHref`.
 */
export type DemoAssetHref = (asset: DemoAssetRef) => string | undefined;

/**
 * Where a demo asset would be when nobody wrote it. The reserved `.invalid` top-level domain (RFC 2606) makes
 * plain that these are placeholders that no client can fetch.
 */
export function placeholderHref({ collection, itemId, key, extension }: DemoAssetRef): string {
  return `https://demo.pqe.invalid/${collection}/${itemId}/${key}.${extension}`;
}

const placeholders: DemoAssetHref = () => undefined;

/**
 * An item's assets: each is its collection's `item_assets` entry plus an href, so that an item stored as its
 * difference from the collection (see dehydrate.ts) keeps little more than the hrefs.
 */
export function itemAssetsFor(
  collection: string,
  itemId: string,
  itemAssets: JsonObject,
  keys: readonly string[],
  hrefOf: DemoAssetHref = placeholders,
): JsonObject {
  const assets: JsonObject = {};
  for (const key of keys) {
    const definition = itemAssets[key];
    if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
      throw new RangeError(`item_assets of ${collection} has no asset "${key}"`);
    }
    const ref: DemoAssetRef = { collection, itemId, key, extension: extensionOf(definition as JsonObject) };
    assets[key] = { href: hrefOf(ref) ?? placeholderHref(ref), ...structuredClone(definition) };
  }
  return assets;
}

/** Thumbnails are PNG; everything else is a GeoTIFF. */
function extensionOf(definition: JsonObject): string {
  return definition.type === 'image/png' ? 'png' : 'tif';
}
