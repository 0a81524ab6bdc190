import type { JsonObject } from '../stac/dehydrate.js';
import { extentOf, rangeOf } from './collection-summary.js';
import { type DemoAssetHref, itemAssetsFor } from './demo-assets.js';
import type { DemoCollection, DemoCollectionSource } from './demo-collection.js';
import type { Random } from './prng.js';
import { DEMO_DATA_NOTE, DEMO_LICENSE, demoProviders, extensionSchemas, isoSeconds, licenseLink, mediaTypes, STAC_VERSION } from './stac-conventions.js';

const ID = 'demo-climate-monthly';
/** The last month of the series; at scale 1 it runs from January 2023, larger scales reach further back. */
const LAST_MONTH = { year: 2024, month: 12 } as const;
/** The cell size of the grids, in degrees of latitude and longitude. */
const GRID_SPACING_DEG = 1;

/** The whole Earth as a GeoJSON Polygon, new on every call so that items share no arrays. */
function globe(): JsonObject {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [-180, -90],
        [180, -90],
        [180, 90],
        [-180, 90],
        [-180, -90],
      ],
    ],
  };
}

function itemAssets(): JsonObject {
  return {
    data: { title: 'Monthly precipitation total (mm)', type: mediaTypes.cog, roles: ['data'] },
    thumbnail: { title: 'Thumbnail', type: mediaTypes.png, roles: ['thumbnail'] },
  };
}

/** One month (1–12) as an item whose datetime is null and whose interval runs to the month's last second. */
function month(random: Random, year: number, monthNumber: number, assets: JsonObject, hrefOf: DemoAssetHref): JsonObject {
  const label = `${year}-${String(monthNumber).padStart(2, '0')}`;
  const id = `demo-climate-precipitation-${label}`;
  const start = Date.UTC(year, monthNumber - 1, 1);
  const end = Date.UTC(year, monthNumber, 1) - 1000;
  // Global mean rain peaks in the northern summer, when the monsoons are strongest.
  const seasonal = 82 + 6 * Math.cos((2 * Math.PI * (monthNumber - 7)) / 12);
  return {
    type: 'Feature',
    stac_version: STAC_VERSION,
    stac_extensions: [extensionSchemas.projection],
    id,
    collection: ID,
    geometry: globe(),
    bbox: [-180, -90, 180, 90],
    properties: {
      datetime: null,
      start_datetime: isoSeconds(start),
      end_datetime: isoSeconds(end),
      'demo:variable': 'precipitation',
      'demo:units': 'mm',
      'demo:aggregation': 'monthly total',
      'demo:global_mean': Math.round((seasonal + random.between(-4, 4)) * 10) / 10,
      'demo:grid_spacing_deg': GRID_SPACING_DEG,
      'proj:epsg': 4326,
    },
    links: [licenseLink()],
    assets: itemAssetsFor(ID, id, assets, ['data', 'thumbnail'], hrefOf),
  };
}

function build(random: Random, count: number, hrefOf: DemoAssetHref): DemoCollection {
  const assets = itemAssets();
  const last = LAST_MONTH.year * 12 + (LAST_MONTH.month - 1);
  const items = Array.from({ length: count }, (_, i) => {
    const index = last - (count - 1) + i;
    return month(random, Math.floor(index / 12), (index % 12) + 1, assets, hrefOf);
  });

  const collection: JsonObject = {
    type: 'Collection',
    stac_version: STAC_VERSION,
    stac_extensions: [extensionSchemas.itemAssets],
    id: ID,
    title: 'Demo monthly precipitation (invented)',
    description:
      `Invented global grids of monthly precipitation totals on a ${GRID_SPACING_DEG}° grid, one item per month. Each item covers ` +
      'its whole month (datetime is null; start_datetime and end_datetime give the month). ' +
      DEMO_DATA_NOTE,
    license: DEMO_LICENSE,
    keywords: ['demo', 'climate', 'precipitation', 'monthly', 'global'],
    providers: demoProviders(),
    extent: extentOf(items),
    summaries: {
      'demo:variable': ['precipitation'],
      'demo:units': ['mm'],
      'demo:global_mean': rangeOf(items, 'demo:global_mean'),
      'proj:epsg': [4326],
    },
    item_assets: assets,
    links: [licenseLink()],
  };

  const options = 'assets=data&rescale=0,300&colormap_name=ylgnbu&nodata=-9999';
  const config: JsonObject = {
    render_config: {
      render_params: { rescale: ['0,300'], colormap_name: 'ylgnbu', nodata: -9999 },
      minzoom: 0,
      assets: ['data'],
      maxzoom: 8,
      create_links: true,
      has_mosaic: false,
      mosaic_preview_zoom: 1,
      mosaic_preview_coords: [10, 0],
      requires_token: false,
      hidden: false,
    },
    mosaic_info: {
      mosaics: [
        { name: 'Latest month', description: 'The newest monthly total', cql: [] },
        {
          name: 'July 2024',
          description: 'The height of the northern monsoon season',
          cql: [{ op: 'anyinteracts', args: [{ property: 'datetime' }, { interval: ['2024-07-01T00:00:00Z', '2024-07-31T23:59:59Z'] }] }],
        },
      ],
      renderOptions: [
        { name: 'Precipitation', description: 'Monthly total, 0 to 300 mm, from pale yellow to deep blue', type: 'raster-tile', options, minZoom: 0 },
      ],
      defaultLocation: { zoom: 1, coordinates: [10, 0] },
    },
  };
  return { collection, items, config };
}

/** `demo-climate-monthly`: global monthly grids, whose items have a time range instead of a datetime. */
export const demoClimateMonthly: DemoCollectionSource = { id: ID, baseCount: 24, build };
