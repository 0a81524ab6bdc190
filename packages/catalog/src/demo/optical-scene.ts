import type { JsonObject } from '../stac/dehydrate.js';
import { type Bbox, bboxCentre, type LonLat } from './footprints.js';
import type { Random } from './prng.js';
import { isoSeconds } from './stac-conventions.js';
import { sunPosition } from './sun-position.js';
import { demoTileCode, utmEpsg } from './utm-zone.js';

/** The bands of the invented multispectral instrument "demo-msi" (wavelengths in micrometres). */
export function opticalBands(): { red: JsonObject; green: JsonObject; blue: JsonObject; nir: JsonObject } {
  return {
    blue: { name: 'B02', common_name: 'blue', center_wavelength: 0.49, full_width_half_max: 0.065 },
    green: { name: 'B03', common_name: 'green', center_wavelength: 0.56, full_width_half_max: 0.035 },
    red: { name: 'B04', common_name: 'red', center_wavelength: 0.665, full_width_half_max: 0.03 },
    nir: { name: 'B08', common_name: 'nir', center_wavelength: 0.84, full_width_half_max: 0.11 },
  };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export interface SceneFacts {
  /** The scene centre; its longitude may run past 180 while a footprint is being built. */
  centre: LonLat;
  epochMs: number;
  platform: string;
  /** The cloud cover (%) of the whole pass, around which each scene's varies. */
  weather: number;
  /** Ground sample distance in metres. */
  gsd: number;
}

/** The properties an optical demo scene carries: time, platform, cloud, sun angles, UTM zone and tile code. */
export function opticalSceneProperties(random: Random, facts: SceneFacts): JsonObject {
  const [lon, lat] = facts.centre;
  const sun = sunPosition(facts.epochMs, lon, lat);
  const cloud = Math.min(100, Math.max(0, facts.weather + random.between(-8, 8)));
  return {
    datetime: isoSeconds(facts.epochMs),
    platform: facts.platform,
    constellation: 'demosat',
    instruments: ['demo-msi'],
    gsd: facts.gsd,
    'eo:cloud_cover': round(cloud, 2),
    'view:sun_elevation': round(sun.elevation, 4),
    'view:sun_azimuth': round(sun.azimuth, 4),
    'proj:epsg': utmEpsg(lon, lat),
    'demo:tile': demoTileCode(lon, lat),
  };
}

/** Where the explorer opens: the middle of the least cloudy scene, so that the first view shows something. */
export function previewOf(items: readonly JsonObject[]): [number, number] {
  let best: JsonObject | undefined;
  for (const item of items) {
    const cloud = (item.properties as JsonObject)['eo:cloud_cover'] as number;
    if (best === undefined || cloud < ((best.properties as JsonObject)['eo:cloud_cover'] as number)) best = item;
  }
  if (best === undefined) throw new RangeError('a preview needs at least one item');
  return bboxCentre(best.bbox as Bbox);
}
