import type { JsonObject } from '../stac/dehydrate.js';
import { distinctValues, extentOf } from './collection-summary.js';
import { type DemoAssetHref, itemAssetsFor } from './demo-assets.js';
import { byDatetime, claimId, type DemoCollection, type DemoCollectionSource } from './demo-collection.js';
import { type Bbox, bboxCentre, footprintOf, type LonLat, swathRing } from './footprints.js';
import { type OrbitState, trackHeading, utcAtLocalSolarTime } from './orbit-track.js';
import type { Random } from './prng.js';
import { DEMO_DATA_NOTE, DEMO_LICENSE, demoProviders, extensionSchemas, isoSeconds, licenseLink, mediaTypes, STAC_VERSION } from './stac-conventions.js';
import { utmEpsg } from './utm-zone.js';

const ID = 'demo-sar';
const SWATH_WIDTH_KM = 250;
const GROUND_SPEED_KM_S = 6.9;
const FIRST_DAY_MS = Date.UTC(2024, 0, 1);
/** 2024 is a leap year. */
const DAYS = 366;
/** A 12-day repeat cycle of 175 orbits, as a dawn–dusk radar orbit might have. */
const ORBITS_PER_DAY = 175 / 12;

/** Rough boxes (degrees) over South America that swath centres fall in. */
const REGIONS = [
  { name: 'Amazon basin', west: -76, south: -12, east: -52, north: 4 },
  { name: 'Brazilian highlands and the Chaco', west: -66, south: -32, east: -44, north: -12 },
  { name: 'Patagonia', west: -72, south: -50, east: -64, north: -32 },
] as const;

const PLATFORMS = [
  { name: 'demosar-1a', short: '1a', firstOrbit: 52_000 },
  { name: 'demosar-1b', short: '1b', firstOrbit: 31_000 },
] as const;

function itemAssets(): JsonObject {
  const band = (polarization: string, title: string): JsonObject => ({
    title,
    type: mediaTypes.cog,
    roles: ['data'],
    'sar:polarizations': [polarization],
  });
  return {
    vv: band('VV', 'VV: vertical transmit, vertical receive'),
    vh: band('VH', 'VH: vertical transmit, horizontal receive'),
    thumbnail: { title: 'Thumbnail', type: mediaTypes.png, roles: ['thumbnail'] },
  };
}

function scene(random: Random, taken: Set<string>, assets: JsonObject, hrefOf: DemoAssetHref): JsonObject {
  const region = random.pick(REGIONS);
  const platform = random.pick(PLATFORMS);
  const state: OrbitState = random.chance(0.5) ? 'ascending' : 'descending';
  const day = random.int(0, DAYS - 1);
  const centre: LonLat = [random.between(region.west, region.east), random.between(region.south, region.north)];
  const lengthKm = random.between(400, 1100);
  const ring = swathRing(centre, lengthKm, SWATH_WIDTH_KM, trackHeading(centre[1], state), Math.ceil(lengthKm / 150));
  const { geometry, bbox } = footprintOf(ring);
  const [centreLat, centreLon] = bboxCentre(bbox);

  // A dawn–dusk orbit: southwards around 06:00 local time, northwards around 18:00.
  const middle = utcAtLocalSolarTime(FIRST_DAY_MS + day * 86_400_000, (state === 'descending' ? 6 : 18) + random.between(-0.2, 0.2), centre[0]);
  const halfDurationMs = (lengthKm / GROUND_SPEED_KM_S / 2) * 1000;
  const absoluteOrbit = platform.firstOrbit + Math.floor(day * ORBITS_PER_DAY) + random.int(0, 14);
  const polarizations = random.chance(0.9) ? ['VV', 'VH'] : ['VV'];
  const datetime = isoSeconds(middle);
  const stamp = datetime.replace(/[-:Z]/g, '').toLowerCase();
  const id = claimId(taken, `demo-sar-${platform.short}-iw-grd-${polarizations.length === 2 ? 'dv' : 'sv'}-${stamp}-o${absoluteOrbit}`);
  return {
    type: 'Feature',
    stac_version: STAC_VERSION,
    stac_extensions: [extensionSchemas.sar, extensionSchemas.sat, extensionSchemas.projection],
    id,
    collection: ID,
    geometry,
    bbox,
    properties: {
      datetime,
      start_datetime: isoSeconds(middle - halfDurationMs),
      end_datetime: isoSeconds(middle + halfDurationMs),
      platform: platform.name,
      constellation: 'demosar',
      instruments: ['demo-csar'],
      'sar:instrument_mode': 'IW',
      'sar:frequency_band': 'C',
      'sar:center_frequency': 5.4,
      'sar:polarizations': polarizations,
      'sar:product_type': 'GRD',
      'sar:resolution_range': 18,
      'sar:resolution_azimuth': 21,
      'sar:pixel_spacing_range': 10,
      'sar:pixel_spacing_azimuth': 10,
      'sar:looks_range': 4,
      'sar:looks_azimuth': 1,
      'sat:orbit_state': state,
      'sat:relative_orbit': (absoluteOrbit % 175) + 1,
      'sat:absolute_orbit': absoluteOrbit,
      // Terrain-corrected products are delivered in the UTM zone of the swath's middle.
      'proj:epsg': utmEpsg(centreLon, centreLat),
    },
    links: [licenseLink()],
    assets: itemAssetsFor(ID, id, assets, polarizations.length === 2 ? ['vv', 'vh', 'thumbnail'] : ['vv', 'thumbnail'], hrefOf),
  };
}

function build(random: Random, count: number, hrefOf: DemoAssetHref): DemoCollection {
  const assets = itemAssets();
  const taken = new Set<string>();
  const items = Array.from({ length: count }, () => scene(random, taken, assets, hrefOf)).sort(byDatetime);

  const collection: JsonObject = {
    type: 'Collection',
    stac_version: STAC_VERSION,
    stac_extensions: [extensionSchemas.itemAssets],
    id: ID,
    title: 'Demo radar swaths (invented)',
    description:
      'Invented C-band radar backscatter swaths, 250 km wide and 400–1,100 km long, over South America in 2024, from two ' +
      'made-up satellites on a dawn–dusk orbit. ' +
      DEMO_DATA_NOTE,
    license: DEMO_LICENSE,
    keywords: ['demo', 'radar', 'SAR', 'C-band', 'backscatter', 'South America'],
    providers: demoProviders(),
    extent: extentOf(items),
    summaries: {
      platform: distinctValues(items, 'platform'),
      constellation: ['demosar'],
      instruments: [['demo-csar']],
      'sar:instrument_mode': ['IW'],
      'sar:frequency_band': ['C'],
      'sar:polarizations': ['VV', 'VH'],
      'sar:product_type': ['GRD'],
      'sat:orbit_state': distinctValues(items, 'sat:orbit_state'),
      'proj:epsg': distinctValues(items, 'proj:epsg'),
    },
    item_assets: assets,
    links: [licenseLink()],
  };

  const first = items[0];
  if (first === undefined) throw new RangeError('demo-sar needs at least one item');
  const preview = bboxCentre(first.bbox as Bbox);
  const orbitIs = (state: OrbitState): JsonObject => ({ op: '=', args: [{ property: 'sat:orbit_state' }, state] });
  const config: JsonObject = {
    render_config: {
      render_params: { rescale: ['0,0.4'], nodata: 0 },
      minzoom: 7,
      assets: ['vv'],
      maxzoom: 16,
      create_links: true,
      has_mosaic: false,
      mosaic_preview_zoom: 7,
      mosaic_preview_coords: preview,
      requires_token: false,
      hidden: false,
    },
    mosaic_info: {
      mosaics: [
        { name: 'Latest', description: 'The newest swaths, either direction', cql: [] },
        { name: 'Latest descending', description: 'Morning passes only, which all look the same way', cql: [orbitIs('descending')] },
        { name: 'Latest ascending', description: 'Evening passes only', cql: [orbitIs('ascending')] },
      ],
      renderOptions: [
        {
          name: 'VV backscatter',
          description: 'Co-polarised backscatter in grey: bright for rough ground and buildings, dark for calm water',
          type: 'raster-tile',
          options: 'assets=vv&rescale=0,0.4&nodata=0',
          minZoom: 7,
        },
        {
          name: 'VV, VH and their ratio',
          description: 'Red VV, green VH, blue VV/VH: vegetation shows green, bare ground and towns purple',
          type: 'raster-tile',
          options: 'assets=vv&assets=vh&asset_as_band=true&expression=vv;vh;vv/vh&rescale=0,0.4&rescale=0,0.1&rescale=0,12&nodata=0',
          minZoom: 7,
          conditions: [{ property: 'sar:polarizations', value: ['VV', 'VH'] }],
        },
      ],
      defaultLocation: { zoom: 7, coordinates: preview },
    },
  };
  return { collection, items, config };
}

/** `demo-sar`: long, thin radar swaths over South America in 2024. */
export const demoSar: DemoCollectionSource = { id: ID, baseCount: 60, build };
