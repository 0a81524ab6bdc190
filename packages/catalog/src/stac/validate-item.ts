import { parseRfc3339 } from './datetime.js';
import type { Json, JsonObject } from './dehydrate.js';
import { type Geometry, geometryProblem } from './geojson.js';

/** An item that passed validation, with the values the catalog's columns need. */
export interface ValidItem {
  id: string;
  collection: string;
  geometry: Geometry;
  /** The item's datetime, or its start_datetime when datetime is null (RFC 3339, as given). */
  datetime: string;
  /** end_datetime, or datetime for an instant. */
  endDatetime: string;
  /** Epoch ms of `datetime`, for choosing a time partition. */
  datetimeMs: number;
  item: JsonObject;
}

export type ItemCheck = { ok: true; value: ValidItem } | { ok: false; reason: string; id?: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(reason: string, id?: unknown): ItemCheck {
  return typeof id === 'string' ? { ok: false, reason, id } : { ok: false, reason };
}

const MAX_ID_LENGTH = 1024;

/**
 * Checks what the catalog needs before writing: the required STAC Item fields, a valid geometry and bbox, and
 * `datetime` or both `start_datetime` and `end_datetime`. `defaultCollection` applies to items without one.
 */
export function checkItem(value: unknown, defaultCollection?: string): ItemCheck {
  if (!isObject(value)) return fail('not a JSON object');
  const id = value.id;
  if (value.type !== 'Feature') return fail(`type is ${JSON.stringify(value.type)}, expected "Feature" (a STAC Item)`, id);
  if (typeof id !== 'string' || id.length === 0) return fail('id is missing or not a non-empty string');
  if (id.length > MAX_ID_LENGTH) return fail(`id is longer than ${MAX_ID_LENGTH} characters`, id);
  if (typeof value.stac_version !== 'string') return fail('stac_version is missing', id);
  const collection = value.collection ?? defaultCollection;
  if (typeof collection !== 'string' || collection.length === 0) {
    return fail('collection is missing (give it in the item, or load with --collection)', id);
  }
  if (value.collection !== undefined && defaultCollection !== undefined && value.collection !== defaultCollection) {
    return fail(`collection is ${JSON.stringify(value.collection)}, but this load is for ${JSON.stringify(defaultCollection)}`, id);
  }
  if (value.geometry === null || value.geometry === undefined) return fail('geometry is missing; the catalog needs a footprint for every item', id);
  const problem = geometryProblem(value.geometry);
  if (problem !== undefined) return fail(`invalid geometry: ${problem}`, id);
  const bbox = value.bbox;
  if (!Array.isArray(bbox) || (bbox.length !== 4 && bbox.length !== 6) || bbox.some((n) => typeof n !== 'number' || !Number.isFinite(n))) {
    return fail('bbox is missing or is not 4 or 6 numbers (required when geometry is not null)', id);
  }
  if (!isObject(value.properties)) return fail('properties is missing or not an object', id);
  if (!Array.isArray(value.links)) return fail('links is missing or not an array', id);
  if (!isObject(value.assets)) return fail('assets is missing or not an object', id);

  const p = value.properties;
  let datetime: string;
  let endDatetime: string;
  let datetimeMs: number;
  if (p.datetime !== null && p.datetime !== undefined) {
    const ms = parseRfc3339(p.datetime);
    if (ms === undefined) return fail(`properties.datetime ${JSON.stringify(p.datetime)} is not an RFC 3339 date-time`, id);
    datetime = p.datetime as string;
    endDatetime = datetime;
    datetimeMs = ms;
    // As pgstac and the STAC API do, an item with a datetime is found by that instant; its interval, when it
    // has one, must still be well formed.
    if (p.start_datetime !== undefined || p.end_datetime !== undefined) {
      const start = parseRfc3339(p.start_datetime);
      const end = parseRfc3339(p.end_datetime);
      if (start === undefined || end === undefined) return fail('start_datetime and end_datetime must both be RFC 3339 date-times when either is given', id);
      if (start > end) return fail('start_datetime is after end_datetime', id);
    }
  } else {
    const start = parseRfc3339(p.start_datetime);
    const end = parseRfc3339(p.end_datetime);
    if (start === undefined || end === undefined) {
      return p.start_datetime === undefined && p.end_datetime === undefined
        ? fail(
            `properties.datetime is ${p.datetime === null ? 'null' : 'missing'} and there is no start_datetime / end_datetime: an item needs a datetime or both`,
            id,
          )
        : fail('properties.datetime is not given, so start_datetime and end_datetime must both be RFC 3339 date-times', id);
    }
    if (start > end) return fail('start_datetime is after end_datetime', id);
    datetime = p.start_datetime as string;
    endDatetime = p.end_datetime as string;
    datetimeMs = start;
  }
  const item = (value.collection === undefined ? { ...value, collection } : value) as JsonObject;
  return { ok: true, value: { id, collection, geometry: value.geometry as Geometry, datetime, endDatetime, datetimeMs, item } };
}

export type CollectionCheck = { ok: true; value: JsonObject & { id: string } } | { ok: false; reason: string; id?: string };

/** Checks the required STAC Collection fields. */
export function checkCollection(value: unknown): CollectionCheck {
  if (!isObject(value)) return { ok: false, reason: 'not a JSON object' };
  const id = value.id;
  const withId = (reason: string): CollectionCheck => (typeof id === 'string' ? { ok: false, reason, id } : { ok: false, reason });
  if (value.type !== 'Collection') return withId(`type is ${JSON.stringify(value.type)}, expected "Collection"`);
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) return withId('id is missing, empty or longer than 256 characters');
  if (typeof value.stac_version !== 'string') return withId('stac_version is missing');
  if (typeof value.description !== 'string') return withId('description is missing');
  if (typeof value.license !== 'string') return withId('license is missing');
  if (!Array.isArray(value.links)) return withId('links is missing or not an array');
  const extent = value.extent as Record<string, Json> | undefined;
  const spatial = isObject(extent) ? (extent.spatial as Record<string, Json> | undefined) : undefined;
  const temporal = isObject(extent) ? (extent.temporal as Record<string, Json> | undefined) : undefined;
  if (!isObject(spatial) || !Array.isArray(spatial.bbox) || !Array.isArray(spatial.bbox[0])) {
    return withId('extent.spatial.bbox is missing (an array of bounding boxes)');
  }
  if (!isObject(temporal) || !Array.isArray(temporal.interval) || !Array.isArray(temporal.interval[0])) {
    return withId('extent.temporal.interval is missing (an array of [start, end] intervals)');
  }
  if (value.item_assets !== undefined && !isObject(value.item_assets)) return withId('item_assets is not an object');
  return { ok: true, value: value as JsonObject & { id: string } };
}

/** The base item of a collection: what every one of its items is assumed to say, unless it says otherwise. */
export function baseItemOf(collection: JsonObject & { id: string }): JsonObject {
  return {
    type: 'Feature',
    stac_version: collection.stac_version ?? null,
    collection: collection.id,
    assets: isObject(collection.item_assets) ? (collection.item_assets as JsonObject) : {},
  };
}
