/** Longitude in [-180, 180). */
function normaliseLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/** The WGS84 UTM zone (1–60) of a point in degrees, with the grid's exceptions around Norway and Svalbard. */
export function utmZone(lon: number, lat: number): number {
  const x = normaliseLon(lon);
  if (lat >= 56 && lat < 64 && x >= 3 && x < 12) return 32;
  if (lat >= 72 && lat < 84 && x >= 0 && x < 42) {
    if (x < 9) return 31;
    if (x < 21) return 33;
    if (x < 33) return 35;
    return 37;
  }
  return Math.floor((x + 180) / 6) + 1;
}

/** The EPSG code of the WGS84 UTM zone of a point: 326zz in the northern hemisphere, 327zz in the southern. */
export function utmEpsg(lon: number, lat: number): number {
  return (lat >= 0 ? 32600 : 32700) + utmZone(lon, lat);
}

const LATITUDE_BANDS = 'CDEFGHJKLMNPQRSTUVWX';
const COLUMN_LETTERS = ['ABCDEFGH', 'JKLMNPQR', 'STUVWXYZ'] as const;
const ROW_LETTERS = 'ABCDEFGHJKLMNPQRSTUV';

/**
 * A tile code in the style of MGRS 100 km squares ("33UVP"): zone, latitude band, then a column and a row letter.
 * The letters come from a flat-earth estimate of UTM easting and northing, so they look right and stay the same
 * for a place, but are not real MGRS squares; the demo items carry them as `demo:tile`, never as `mgrs:*`.
 */
export function demoTileCode(lon: number, lat: number): string {
  const zone = utmZone(lon, lat);
  const band = LATITUDE_BANDS[Math.min(19, Math.max(0, Math.floor((lat + 80) / 8)))] as string;
  const centralMeridian = -183 + 6 * zone;
  const eastingKm = 500 + (normaliseLon(lon) - centralMeridian) * 111.32 * Math.cos((lat * Math.PI) / 180);
  const columns = COLUMN_LETTERS[(zone - 1) % 3] as string;
  const column = columns[Math.min(7, Math.max(0, Math.floor(eastingKm / 100) - 1))] as string;
  const northingKm = lat * 110.574 + (lat < 0 ? 10000 : 0);
  const rowIndex = (Math.floor(northingKm / 100) + (zone % 2 === 0 ? 5 : 0)) % 20;
  const row = ROW_LETTERS[rowIndex] as string;
  return `${String(zone).padStart(2, '0')}${band}${column}${row}`;
}
