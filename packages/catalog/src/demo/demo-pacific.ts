import type { JsonObject } from '../stac/dehydrate.js';
import { distinctValues, extentOf, rangeOf } from './collection-summary.js';
import { type DemoAssetHref, itemAssetsFor } from './demo-assets.js';
import { byDatetime, claimId, type DemoCollection, type DemoCollectionSource } from './demo-collection.js';
import { footprintOf, type LonLat, rotatedSquare } from './footprints.js';
import { opticalBands, opticalSceneProperties, previewOf } from './optical-scene.js';
import { trackHeading, utcAtLocalSolarTime } from './orbit-track.js';
import type { Random } from './prng.js';
import { DEMO_DATA_NOTE, DEMO_LICENSE, demoProviders, extensionSchemas, licenseLink, mediaTypes, STAC_VERSION } from './stac-conventions.js';

const ID = 'demo-pacific';
const SCENE_KM = 110;
const FIRST_DAY_MS = Date.UTC(2023, 0, 1);
const DAYS = 731;
const PLATFORMS = ['demosat-a', 'demosat-b'] as const;
const SOUTH = -20.5;
const NORTH = -15.5;

/**
 * Where scene centres go, in unwrapped longitude (past 180 is east of the antimeridian). Most straddle 180° so
 * that they must be split; far enough either side, a scene corner (at most ~0.75° from its centre) cannot reach it.
 */
const PLACEMENTS = [
  { west: 179.8, east: 180.2 },
  { west: 179.8, east: 180.2 },
  { west: 179.8, east: 180.2 },
  { west: 176.5, east: 178.8 },
  { west: 181.2, east: 183.5 },
] as const;

function itemAssets(): JsonObject {
  const { red, green, blue } = opticalBands();
  return {
    visual: { title: 'True colour image (red, green, blue)', type: mediaTypes.cog, roles: ['data'], gsd: 10, 'eo:bands': [red, green, blue] },
    thumbnail: { title: 'Thumbnail', type: mediaTypes.png, roles: ['thumbnail'] },
  };
}

function scene(random: Random, index: number, taken: Set<string>, assets: JsonObject, hrefOf: DemoAssetHref): JsonObject {
  const placement = PLACEMENTS[index % PLACEMENTS.length] as (typeof PLACEMENTS)[number];
  const centre: LonLat = [random.between(placement.west, placement.east), random.between(SOUTH, NORTH)];
  const platform = random.pick(PLATFORMS);
  // About 180° east, 10:30 local time is 22:30 UTC the day before: days 1 to 731 keep every UTC datetime in 2023–2024.
  const dayStart = FIRST_DAY_MS + random.int(1, DAYS) * 86_400_000;
  const epochMs = utcAtLocalSolarTime(dayStart, random.between(10.3, 10.7), centre[0]);
  const { geometry, bbox } = footprintOf(rotatedSquare(centre, SCENE_KM, trackHeading(centre[1], 'descending')));
  // Tropical islands: cloudier than the other demo scenes.
  const properties = opticalSceneProperties(random, { centre, epochMs, platform, weather: 100 * random.next() ** 1.6, gsd: 10 });
  const stamp = (properties.datetime as string).replace(/[-:Z]/g, '').toLowerCase();
  const id = claimId(taken, `demo-pac-${platform.slice(-1)}-${stamp}-t${String(properties['demo:tile']).toLowerCase()}`);
  return {
    type: 'Feature',
    stac_version: STAC_VERSION,
    stac_extensions: [extensionSchemas.eo, extensionSchemas.view, extensionSchemas.projection],
    id,
    collection: ID,
    geometry,
    bbox,
    properties,
    links: [licenseLink()],
    assets: itemAssetsFor(ID, id, assets, ['visual', 'thumbnail'], hrefOf),
  };
}

function build(random: Random, count: number, hrefOf: DemoAssetHref): DemoCollection {
  const assets = itemAssets();
  const taken = new Set<string>();
  const items = Array.from({ length: count }, (_, i) => scene(random, i, taken, assets, hrefOf)).sort(byDatetime);

  const collection: JsonObject = {
    type: 'Collection',
    stac_version: STAC_VERSION,
    stac_extensions: [extensionSchemas.itemAssets],
    id: ID,
    title: 'Demo scenes across the antimeridian (invented)',
    description:
      'Invented multispectral scenes around Fiji, 2023–2024. Most cross the antimeridian: their footprints are MultiPolygons ' +
      'split at ±180° and their bboxes run from west of 180° to east of -180° (minx > maxx), as RFC 7946 and STAC ask. ' +
      'Their rasters are in the UTM zone of proj:epsg (60 or 1 south), which runs on across 180° as real tiles there do. ' +
      DEMO_DATA_NOTE,
    license: DEMO_LICENSE,
    keywords: ['demo', 'optical', 'antimeridian', 'Fiji', 'Pacific'],
    providers: demoProviders(),
    extent: extentOf(items),
    summaries: {
      platform: distinctValues(items, 'platform'),
      constellation: ['demosat'],
      instruments: [['demo-msi']],
      gsd: [10],
      'eo:cloud_cover': rangeOf(items, 'eo:cloud_cover'),
      'proj:epsg': distinctValues(items, 'proj:epsg'),
    },
    item_assets: assets,
    links: [licenseLink()],
  };

  const preview = previewOf(items);
  const config: JsonObject = {
    render_config: {
      render_params: { asset_bidx: 'visual|1,2,3', nodata: 0 },
      minzoom: 8,
      assets: ['visual'],
      maxzoom: 18,
      create_links: true,
      has_mosaic: false,
      mosaic_preview_zoom: 8,
      mosaic_preview_coords: preview,
      requires_token: false,
      hidden: false,
    },
    mosaic_info: {
      mosaics: [
        {
          name: 'Latest, little cloud',
          description: 'The newest scenes with at most 20% cloud cover',
          cql: [{ op: '<=', args: [{ property: 'eo:cloud_cover' }, 20] }],
        },
        { name: 'Latest, any cloud', description: 'The newest scenes, however cloudy', cql: [] },
      ],
      renderOptions: [
        {
          name: 'True colour',
          description: 'The red, green and blue composite as delivered',
          type: 'raster-tile',
          options: 'assets=visual&asset_bidx=visual|1,2,3&nodata=0',
          minZoom: 8,
        },
      ],
      defaultLocation: { zoom: 8, coordinates: preview },
    },
  };
  return { collection, items, config };
}

/** `demo-pacific`: scenes around Fiji, most of them split at the antimeridian. */
export const demoPacific: DemoCollectionSource = { id: ID, baseCount: 30, build };
