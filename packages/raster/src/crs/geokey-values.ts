// GeoKey values as a GeoTIFF reader hands them over, and how to read one as a number.
import { AppError } from '@pqe/common';

export type GeoKeyValue = number | string | readonly number[];

/** GeoKey id → value, as read from the GeoKeyDirectory (e.g. `Object.fromEntries(image.tagsGeo)`). */
export type GeoKeys = Readonly<Partial<Record<number, GeoKeyValue>>>;

/** A numeric GeoKey, or undefined when absent; throws when the file stored something else under that id. */
export function numberKey(keys: GeoKeys, id: number): number | undefined {
  const value = keys[id];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.length === 1 && Number.isFinite(value[0])) return value[0] as number;
  throw new AppError('BadRequest', `GeoKey ${id} of the GeoTIFF holds ${JSON.stringify(value).slice(0, 60)} where a number is expected.`);
}
