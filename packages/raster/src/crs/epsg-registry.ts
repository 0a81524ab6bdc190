// EPSG codes → proj4 definitions, written from the EPSG parameters of each CRS. Families (UTM zones) are
// generated; the rest is a table. Axis order is always x = longitude / easting, y = latitude / northing.
import { geographicDatums } from './datums.js';

export interface EpsgDefinition {
  proj4: string;
  geographic: boolean;
}

/** EPSG:3857, the spherical pseudo-Mercator of web maps. */
export const WEB_MERCATOR_PROJ4 = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';

/** Projected CRSs that are not members of a UTM family: code → [projection parameters, geographic base code]. */
const projected: ReadonlyMap<number, readonly [string, number]> = new Map([
  [3395, ['+proj=merc +lon_0=0 +k=1 +x_0=0 +y_0=0', 4326]],
  [3035, ['+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000', 4258]],
  [3978, ['+proj=lcc +lat_0=49 +lon_0=-95 +lat_1=49 +lat_2=77 +x_0=0 +y_0=0', 4269]],
  [5482, ['+proj=stere +lat_0=-90 +lon_0=180 +k=0.994 +x_0=5000000 +y_0=1000000', 4764]],
  [2193, ['+proj=tmerc +lat_0=0 +lon_0=173 +k=0.9996 +x_0=1600000 +y_0=10000000', 4167]],
  [5041, ['+proj=stere +lat_0=90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000', 4326]],
  [5042, ['+proj=stere +lat_0=-90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000', 4326]],
  [27700, ['+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000', 4277]],
  [2154, ['+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000', 4171]],
  [3031, ['+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=0 +x_0=0 +y_0=0', 4326]],
  [3413, ['+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +x_0=0 +y_0=0', 4326]],
  [3976, ['+proj=stere +lat_0=-90 +lat_ts=-70 +lon_0=0 +x_0=0 +y_0=0', 4326]],
  [6933, ['+proj=cea +lat_ts=30 +lon_0=0 +x_0=0 +y_0=0', 4326]],
  [5070, ['+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0', 4269]],
  [3338, ['+proj=aea +lat_0=50 +lon_0=-154 +lat_1=55 +lat_2=65 +x_0=0 +y_0=0', 4269]],
  [4087, ['+proj=eqc +lat_ts=0 +lat_0=0 +lon_0=0 +x_0=0 +y_0=0', 4326]],
]);

/** Codes that other software wrote for the pseudo-Mercator before EPSG:3857 existed. */
export const webMercatorAliases: ReadonlySet<number> = new Set([3857, 900913, 3785, 102100, 102113]);

/** UTM families: [first code, first zone, last zone, south?, geographic base code]. */
const utmFamilies: readonly (readonly [number, number, number, boolean, number])[] = [
  [32601, 1, 60, false, 4326],
  [32701, 1, 60, true, 4326],
  [26901, 1, 23, false, 4269],
  [26701, 1, 22, false, 4267],
  [25828, 28, 38, false, 4258],
];

export function utmProj4(zone: number, south: boolean, datum: string): string {
  return `+proj=utm +zone=${zone}${south ? ' +south' : ''} ${datum} +units=m +no_defs`;
}

/** The proj4 definition of an EPSG code, or undefined when the code is not in the registry. */
export function epsgDefinition(code: number): EpsgDefinition | undefined {
  if (webMercatorAliases.has(code)) return { proj4: WEB_MERCATOR_PROJ4, geographic: false };
  const datum = geographicDatums.get(code);
  if (datum !== undefined) return { proj4: `+proj=longlat ${datum} +no_defs`, geographic: true };
  const entry = projected.get(code);
  if (entry !== undefined) {
    const [params, base] = entry;
    return { proj4: `${params} ${geographicDatums.get(base) ?? ''} +units=m +no_defs`, geographic: false };
  }
  for (const [first, firstZone, lastZone, south, base] of utmFamilies) {
    const zone = code - first + firstZone;
    if (zone >= firstZone && zone <= lastZone) {
      return { proj4: utmProj4(zone, south, geographicDatums.get(base) ?? ''), geographic: false };
    }
  }
  return undefined;
}

/** Every code the registry knows (for listings and tests). */
export function epsgCodes(): number[] {
  const codes = [...webMercatorAliases, ...geographicDatums.keys(), ...projected.keys()];
  for (const [first, firstZone, lastZone] of utmFamilies) {
    for (let zone = firstZone; zone <= lastZone; zone++) codes.push(first + zone - firstZone);
  }
  return codes.sort((a, b) => a - b);
}
