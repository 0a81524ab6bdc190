// GeoKeys (GeoTIFF 1.1, OGC 19-008r4 §7): the GeoKeyDirectory tag lists keys whose values sit inline, in the
// GeoDoubleParams tag or in the GeoAsciiParams tag. They are returned as they are; the CRS code reads them.

export type GeoKeyValue = number | string | number[];
export type GeoKeys = Record<number, GeoKeyValue>;

export const GEO_KEY_DIRECTORY_TAG = 34735;
export const GEO_DOUBLE_PARAMS_TAG = 34736;
export const GEO_ASCII_PARAMS_TAG = 34737;
/** GTRasterTypeGeoKey: 1 PixelIsArea, 2 PixelIsPoint. */
export const GT_RASTER_TYPE_GEO_KEY = 1025;
export const RASTER_PIXEL_IS_POINT = 2;

/** Unpacks the GeoKey directory; entries that point outside their params are skipped. */
export function parseGeoKeys(directory: readonly number[], doubles: readonly number[], ascii: string): GeoKeys {
  const keys: GeoKeys = {};
  const declared = directory[3] ?? 0;
  const count = Math.min(declared, Math.floor((directory.length - 4) / 4));
  for (let i = 0; i < count; i += 1) {
    const at = 4 + i * 4;
    const id = directory[at];
    const location = directory[at + 1];
    const valueCount = directory[at + 2] ?? 0;
    const valueOffset = directory[at + 3] ?? 0;
    if (id === undefined || location === undefined) continue;
    if (location === 0) {
      keys[id] = valueOffset;
    } else if (location === GEO_DOUBLE_PARAMS_TAG) {
      if (valueOffset + valueCount > doubles.length || valueCount === 0) continue;
      const values = doubles.slice(valueOffset, valueOffset + valueCount);
      keys[id] = values.length === 1 ? (values[0] as number) : values;
    } else if (location === GEO_ASCII_PARAMS_TAG) {
      if (valueOffset + valueCount > ascii.length) continue;
      // Each string ends with a '|' that stands for its NUL.
      keys[id] = ascii.slice(valueOffset, valueOffset + valueCount).replace(/\|$/, '');
    } else if (location === GEO_KEY_DIRECTORY_TAG) {
      if (valueOffset + valueCount > directory.length) continue;
      keys[id] = directory.slice(valueOffset, valueOffset + valueCount);
    }
  }
  return keys;
}
