import type { JsonObject } from '../stac/dehydrate.js';
import type { DemoAssetHref } from './demo-assets.js';
import type { Random } from './prng.js';

/** One demo collection as built: the Collection, its Items, and its render config. */
export interface DemoCollection {
  collection: JsonObject;
  items: JsonObject[];
  /** `{ render_config, mosaic_info }`, the shape of an entry of the Planetary Computer's collection_config.json. */
  config: JsonObject;
}

/**
 * How to make one demo collection; `build` makes exactly `count` items from numbers drawn from `random`, and asks
 * `hrefOf` where each asset is (never drawing a number for it, so hrefs cannot change anything else).
 */
export interface DemoCollectionSource {
  id: string;
  /** Items at scale 1. */
  baseCount: number;
  build(random: Random, count: number, hrefOf: DemoAssetHref): DemoCollection;
}

/**
 * Returns `id`, or `id` with a counter when an earlier item took it: at large scales two invented acquisitions
 * can land on the same second, and ids must stay unique within a collection.
 */
export function claimId(taken: Set<string>, id: string): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** Items in time order (then by id), the order in which a catalog usually lists them. */
export function byDatetime(a: JsonObject, b: JsonObject): number {
  const at = startOf(a);
  const bt = startOf(b);
  const [ai, bi] = [a.id as string, b.id as string];
  if (at !== bt) return at < bt ? -1 : 1;
  return ai < bi ? -1 : ai > bi ? 1 : 0;
}

function startOf(item: JsonObject): string {
  const p = item.properties as JsonObject;
  return (p.datetime ?? p.start_datetime) as string;
}
