import type { JsonObject } from '../stac/dehydrate.js';
import { distinctValues, extentOf, rangeOf } from './collection-summary.js';
import { type DemoAssetHref, itemAssetsFor } from './demo-assets.js';
import { byDatetime, claimId, type DemoCollection, type DemoCollectionSource } from './demo-collection.js';
import { footprintOf, type LonLat, moveKm, rotatedSquare } from './footprints.js';
import { demoLandCoverClasses, landCoverColormap } from './land-cover-classes.js';
import { opticalBands, opticalSceneProperties, previewOf } from './optical-scene.js';
import { trackHeading, utcAtLocalSolarTime } from './orbit-track.js';
import type { Random } from './prng.js';
import { DEMO_DATA_NOTE, DEMO_LICENSE, demoProviders, extensionSchemas, licenseLink, mediaTypes, STAC_VERSION } from './stac-conventions.js';

const ID = 'demo-optical';
const SCENE_KM = 110;
/** Scenes along a track overlap by 10 km, as tiled products of real missions do. */
const STEP_KM = 100;
/** A low-Earth-orbit satellite's ground speed: it sets the time from one scene's centre to the next. */
const GROUND_SPEED_KM_S = 6.9;
const FIRST_DAY_MS = Date.UTC(2023, 0, 1);
/** 2023 and the leap year 2024. */
const DAYS = 731;

/** Rough land boxes (degrees) that tracks start in and stop at the south edge of, so scenes stay off the open sea. */
const REGIONS = [
  { name: 'western and central Europe', west: -9, south: 37, east: 24, north: 58 },
  { name: 'northern Africa and the Sahel', west: -16, south: 6, east: 34, north: 32 },
  { name: 'central and southern Africa', west: 12, south: -33, east: 39, north: 4 },
] as const;

const PLATFORMS = ['demosat-a', 'demosat-b'] as const;

function itemAssets(): JsonObject {
  const { red, green, blue, nir } = opticalBands();
  const cog = (title: string, bands: JsonObject[]): JsonObject => ({ title, type: mediaTypes.cog, roles: ['data'], gsd: 10, 'eo:bands': bands });
  return {
    visual: cog('True colour image (red, green, blue)', [red, green, blue]),
    B04: cog('Red band, 10 m', [red]),
    B08: cog('Near-infrared band, 10 m', [nir]),
    landcover: {
      title: `Land cover classes (${demoLandCoverClasses.map(({ value, name }) => `${value} ${name.toLowerCase()}`).join(', ')})`,
      type: mediaTypes.cog,
      roles: ['data'],
      gsd: 10,
    },
    thumbnail: { title: 'Thumbnail', type: mediaTypes.png, roles: ['thumbnail'] },
  };
}

/** One descending pass: up to `limit` consecutive scenes southwards along one track, on one day. */
function pass(random: Random, limit: number, taken: Set<string>, assets: JsonObject, hrefOf: DemoAssetHref): JsonObject[] {
  const region = random.pick(REGIONS);
  const platform = random.pick(PLATFORMS);
  const relativeOrbit = random.int(1, 143);
  const dayStart = FIRST_DAY_MS + random.int(0, DAYS - 1) * 86_400_000;
  let centre: LonLat = [random.between(region.west, region.east), random.between(region.south, region.north)];
  const start = utcAtLocalSolarTime(dayStart, random.between(10.3, 10.7), centre[0]);
  // The weather of a pass: mostly clear, sometimes overcast, which skews cloud cover low.
  const weather = 100 * random.next() ** 2.5;
  const scenes: JsonObject[] = [];
  const length = Math.min(limit, random.int(3, 8));
  for (let i = 0; i < length && centre[1] >= region.south; i++) {
    const heading = trackHeading(centre[1], 'descending');
    const { geometry, bbox } = footprintOf(rotatedSquare(centre, SCENE_KM, heading + random.between(-0.5, 0.5)));
    const epochMs = start + ((i * STEP_KM) / GROUND_SPEED_KM_S) * 1000;
    const properties = opticalSceneProperties(random, { centre, epochMs, platform, weather, gsd: 10 });
    properties['demo:relative_orbit'] = relativeOrbit;
    const stamp = (properties.datetime as string).replace(/[-:Z]/g, '').toLowerCase();
    const id = claimId(
      taken,
      `demo-opt-${platform.slice(-1)}-${stamp}-r${String(relativeOrbit).padStart(3, '0')}-t${String(properties['demo:tile']).toLowerCase()}`,
    );
    scenes.push({
      type: 'Feature',
      stac_version: STAC_VERSION,
      stac_extensions: [extensionSchemas.eo, extensionSchemas.view, extensionSchemas.projection],
      id,
      collection: ID,
      geometry,
      bbox,
      properties,
      links: [licenseLink()],
      assets: itemAssetsFor(ID, id, assets, ['visual', 'B04', 'B08', 'landcover', 'thumbnail'], hrefOf),
    });
    centre = moveKm(centre, STEP_KM, heading);
  }
  return scenes;
}

function build(random: Random, count: number, hrefOf: DemoAssetHref): DemoCollection {
  const assets = itemAssets();
  const taken = new Set<string>();
  const items: JsonObject[] = [];
  while (items.length < count) items.push(...pass(random, count - items.length, taken, assets, hrefOf));
  items.sort(byDatetime);

  const collection: JsonObject = {
    type: 'Collection',
    stac_version: STAC_VERSION,
    stac_extensions: [extensionSchemas.itemAssets],
    id: ID,
    title: 'Demo optical scenes (invented)',
    description:
      'Invented multispectral scenes of about 110 km by 110 km along descending sun-synchronous tracks over Europe and ' +
      'Africa, 2023–2024, from two made-up satellites. ' +
      DEMO_DATA_NOTE,
    license: DEMO_LICENSE,
    keywords: ['demo', 'optical', 'multispectral', 'surface reflectance', 'Europe', 'Africa'],
    providers: demoProviders(),
    extent: extentOf(items),
    summaries: {
      platform: distinctValues(items, 'platform'),
      constellation: ['demosat'],
      instruments: [['demo-msi']],
      gsd: [10],
      'eo:bands': Object.values(opticalBands()),
      'eo:cloud_cover': rangeOf(items, 'eo:cloud_cover'),
      'view:sun_elevation': rangeOf(items, 'view:sun_elevation'),
      'view:sun_azimuth': rangeOf(items, 'view:sun_azimuth'),
      'proj:epsg': distinctValues(items, 'proj:epsg'),
    },
    item_assets: assets,
    links: [licenseLink()],
  };

  const preview = previewOf(items);
  const lowCloud = { op: '<=', args: [{ property: 'eo:cloud_cover' }, 15] };
  const config: JsonObject = {
    render_config: {
      render_params: { asset_bidx: 'visual|1,2,3', nodata: 0 },
      minzoom: 9,
      assets: ['visual'],
      maxzoom: 18,
      create_links: true,
      has_mosaic: false,
      mosaic_preview_zoom: 9,
      mosaic_preview_coords: preview,
      requires_token: false,
      hidden: false,
    },
    mosaic_info: {
      mosaics: [
        { name: 'Latest, little cloud', description: 'The newest scenes with at most 15% cloud cover', cql: [lowCloud] },
        { name: 'Latest, any cloud', description: 'The newest scenes, however cloudy', cql: [] },
        {
          name: 'Summer 2024, little cloud',
          description: 'June to August 2024, at most 15% cloud cover',
          cql: [{ op: 'anyinteracts', args: [{ property: 'datetime' }, { interval: ['2024-06-01T00:00:00Z', '2024-08-31T23:59:59Z'] }] }, lowCloud],
        },
      ],
      renderOptions: [
        {
          name: 'True colour',
          description: 'The red, green and blue composite as delivered',
          type: 'raster-tile',
          options: 'assets=visual&asset_bidx=visual|1,2,3&nodata=0',
          minZoom: 9,
        },
        {
          name: 'Vegetation (NDVI)',
          description: 'Normalised difference of near infrared (B08) and red (B04): green where plants grow',
          type: 'raster-tile',
          options: 'assets=B08&assets=B04&asset_as_band=true&expression=(B08-B04)/(B08+B04)&rescale=-1,1&colormap_name=rdylgn&nodata=0',
          minZoom: 9,
        },
        {
          name: 'Land cover',
          description: 'Seven classes in the colours of their palette: water, forest, grassland, cropland, built area, road, bare ground',
          type: 'raster-tile',
          options: `assets=landcover&nodata=0&colormap=${encodeURIComponent(JSON.stringify(landCoverColormap()))}`,
          minZoom: 9,
          legend: { type: 'classmap', labels: demoLandCoverClasses.map(({ name }) => name) },
        },
      ],
      defaultLocation: { zoom: 9, coordinates: preview },
    },
  };
  return { collection, items, config };
}

/** `demo-optical`: scenes like those of a two-satellite multispectral mission, over Europe and Africa. */
export const demoOptical: DemoCollectionSource = { id: ID, baseCount: 150, build };
