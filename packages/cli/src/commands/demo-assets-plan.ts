// Which COGs the demo gets and which items point at them. Writing one file per asset of every item costs seconds
// (hundreds of files), and covering every footprint at a pixel size that looks like imagery costs more, so:
//   - demo-climate-monthly: each month its own global grid (EPSG:4326, as its items say);
//   - demo-pacific: one COG per UTM zone (60 south and 1 south), shared by all the items in that zone and covering
//     them all. UTM runs on across 180°, so each COG crosses the antimeridian as Sentinel-2 tiles there do, while
//     the items' footprints stay split at ±180° in longitude and latitude;
//   - demo-optical and demo-sar: their own COGs for the few newest items near the collection's preview point,
//     which is where the explorer opens; the other items keep placeholder hrefs.
// A COG only ever serves items whose footprints it covers, in the CRS their proj:epsg names.
import type { DemoCatalog } from '@pqe/catalog';
import { AppError } from '@pqe/common';
import { type AssetGrid, footprintGrid, globalGrid } from './demo-assets-grid.js';

type Json = Record<string, unknown>;

export type AssetKind = 'optical' | 'sar' | 'climate';

/** One set of COGs (one per asset key) and the items whose assets they are. */
export interface AssetPlan {
  collection: string;
  kind: AssetKind;
  /** The folder of the files under the collection's folder: the item id, or utm-<epsg> for a shared set. */
  name: string;
  items: Json[];
  /** The data asset keys of those items. */
  keys: string[];
  grid: AssetGrid;
}

interface CollectionRule {
  kind: AssetKind;
  /** 'item': one set per item; 'zone': one per proj:epsg, shared; 'showcase': one per item near the preview point. */
  share: 'item' | 'zone' | 'showcase';
  /** Pixel size in CRS units (metres in UTM); the monthly grids take theirs from demo:grid_spacing_deg. */
  pixelSize?: number;
  /** Showcase: how many items at most. */
  showcase?: number;
}

/** Sizes chosen so that all the demo's COGs are made in well under a second of CPU. */
export const DEMO_ASSET_RULES: Readonly<Record<string, CollectionRule>> = {
  'demo-optical': { kind: 'optical', share: 'showcase', pixelSize: 500, showcase: 4 },
  'demo-sar': { kind: 'sar', share: 'showcase', pixelSize: 2500, showcase: 3 },
  'demo-pacific': { kind: 'optical', share: 'zone', pixelSize: 1500 },
  'demo-climate-monthly': { kind: 'climate', share: 'item' },
};

/** The keys of an item's data assets (thumbnails are not data). */
function dataKeys(item: Json): string[] {
  const assets = (item.assets ?? {}) as Record<string, Json>;
  return Object.keys(assets).filter((key) => ((assets[key]?.roles ?? []) as unknown[]).includes('data'));
}

function epsgOf(item: Json): number {
  const epsg = (item.properties as Json)['proj:epsg'];
  if (typeof epsg !== 'number') throw new AppError('Internal', `The demo item ${String(item.id)} names no proj:epsg for its assets.`);
  return epsg;
}

/** Degrees around the preview point that the explorer's first view shows, about. */
const PREVIEW_REACH_DEG = 1;

/** Whether a bbox (west > east when it crosses the antimeridian) comes within `r` degrees of a point. */
function bboxNear(bbox: readonly number[], lon: number, lat: number, r: number): boolean {
  const [west, south, east, north] = bbox as [number, number, number, number];
  const inLon = west <= east ? lon >= west - r && lon <= east + r : lon >= west - r || lon <= east + r;
  return inLon && lat >= south - r && lat <= north + r;
}

/** The newest items (by start) near the collection's preview point, at most `count`. */
function showcaseItems(items: readonly Json[], config: unknown, count: number): Json[] {
  const coords = ((config as Json | undefined)?.render_config as Json | undefined)?.mosaic_preview_coords;
  if (!Array.isArray(coords)) return [];
  const [lat, lon] = coords as [number, number];
  // The item under the point first (the explorer centres on it), then the newest, as a "latest" mosaic shows them.
  const rank = (item: Json) =>
    `${bboxNear(item.bbox as number[], lon, lat, 0) ? 1 : 0}${String((item.properties as Json).start_datetime ?? (item.properties as Json).datetime)}`;
  return items
    .filter((item) => bboxNear(item.bbox as number[], lon, lat, PREVIEW_REACH_DEG))
    .sort((a, b) => (rank(a) < rank(b) ? 1 : rank(a) > rank(b) ? -1 : 0))
    .slice(0, count);
}

function planFor(collection: string, rule: CollectionRule, name: string, items: Json[]): AssetPlan {
  const first = items[0] as Json;
  const keys = [...new Set(items.flatMap(dataKeys))];
  const grid =
    rule.kind === 'climate'
      ? globalGrid(Number((first.properties as Json)['demo:grid_spacing_deg']))
      : footprintGrid(
          items.map((item) => item.geometry as Json),
          epsgOf(first),
          rule.pixelSize ?? Number.NaN,
        );
  return { collection, kind: rule.kind, name, items, keys, grid };
}

/** The COG sets of a demo catalog, by the rules above. Pure: the same catalog gives the same plans. */
export function planDemoAssets(catalog: DemoCatalog, rules: Readonly<Record<string, CollectionRule>> = DEMO_ASSET_RULES): AssetPlan[] {
  const plans: AssetPlan[] = [];
  for (const [collection, rule] of Object.entries(rules)) {
    const items = (catalog.items as Json[]).filter((item) => item.collection === collection);
    if (rule.share === 'zone') {
      const zones = new Map<number, Json[]>();
      for (const item of items) zones.set(epsgOf(item), [...(zones.get(epsgOf(item)) ?? []), item]);
      for (const [epsg, members] of [...zones].sort(([a], [b]) => a - b)) plans.push(planFor(collection, rule, `utm-${epsg}`, members));
    } else {
      const chosen = rule.share === 'showcase' ? showcaseItems(items, catalog.renderConfigs[collection], rule.showcase ?? 1) : items;
      for (const item of chosen) plans.push(planFor(collection, rule, String(item.id), [item]));
    }
  }
  return plans;
}
