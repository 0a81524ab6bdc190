import { AppError } from '@pqe/common';
import type { JsonObject } from '../stac/dehydrate.js';
import type { DemoAssetHref } from './demo-assets.js';
import { demoClimateMonthly } from './demo-climate-monthly.js';
import type { DemoCollectionSource } from './demo-collection.js';
import { demoOptical } from './demo-optical.js';
import { demoPacific } from './demo-pacific.js';
import { demoSar } from './demo-sar.js';
import { createRandom, deriveSeed } from './prng.js';

export interface DemoCatalog {
  /** STAC 1.0.0 Collections. */
  collections: JsonObject[];
  /** STAC 1.0.0 Items, each with `collection` set. */
  items: JsonObject[];
  /** Keyed by collection id: `{ render_config, mosaic_info }`, as the Planetary Computer's collection_config.json. */
  renderConfigs: Record<string, unknown>;
}

export interface DemoCatalogOptions {
  /** Any safe integer; the same seed gives the same catalog, byte for byte. */
  seed?: number;
  /** Multiplies every collection's item count; more than 0 and at most MAX_DEMO_SCALE. */
  scale?: number;
  /**
   * Where each asset's file is, for a caller that writes them (`pqe demo`); without it, or where it answers
   * undefined, hrefs are placeholders under https://demo.pqe.invalid/. Hrefs change nothing else in the catalog.
   */
  assetHref?: DemoAssetHref;
}

export const DEFAULT_DEMO_SEED = 20_230_101;
/**
 * The largest scale: about 26,000 items, enough to feel a catalog's weight, while the monthly series (which grows
 * back in time) still starts after the year 1800.
 */
export const MAX_DEMO_SCALE = 100;

const SOURCES: readonly DemoCollectionSource[] = [demoOptical, demoSar, demoClimateMonthly, demoPacific];

/**
 * An invented STAC catalog for demos and tests: four collections that between them hold the cases a STAC API and
 * tiler must get right (scenes along orbit tracks, long radar swaths, items with a time range instead of a
 * datetime, footprints split at the antimeridian). Made from a seeded generator, never from real data.
 */
export function generateDemoCatalog(options: DemoCatalogOptions = {}): DemoCatalog {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isSafeInteger(seed)) {
    throw new AppError('InvalidParameter', `The demo catalog seed must be an integer; got ${seed}.`);
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_DEMO_SCALE) {
    throw new AppError('InvalidParameter', `The demo catalog scale must be a number above 0 and at most ${MAX_DEMO_SCALE}; got ${scale}.`);
  }
  const hrefOf = options.assetHref ?? (() => undefined);
  const catalog: DemoCatalog = { collections: [], items: [], renderConfigs: {} };
  for (const source of SOURCES) {
    // Each collection draws from its own stream, so that its content depends only on the seed and its own count.
    const random = createRandom(deriveSeed(seed, source.id));
    const { collection, items, config } = source.build(random, Math.max(1, Math.round(source.baseCount * scale)), hrefOf);
    catalog.collections.push(collection);
    for (const item of items) catalog.items.push(item);
    catalog.renderConfigs[source.id] = config;
  }
  return catalog;
}
