import type { Json, JsonObject } from '../stac/dehydrate.js';
import type { FieldsSpec } from './search-request.js';

/**
 * What an item keeps when `fields` includes something: enough to stay a valid GeoJSON feature and STAC item,
 * as stac-fastapi keeps.
 */
export const ALWAYS_INCLUDED = ['type', 'stac_version', 'id', 'collection', 'links', 'bbox', 'assets', 'geometry', 'properties.datetime'] as const;

function get(obj: JsonObject, path: readonly string[]): Json | undefined {
  let current: Json | undefined = obj;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as JsonObject)[key];
  }
  return current;
}

function put(target: JsonObject, path: readonly string[], value: Json): void {
  let current = target;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[key] = {};
    current = current[key] as JsonObject;
  }
  current[path[path.length - 1] as string] = value;
}

function remove(target: JsonObject, path: readonly string[]): void {
  const parent = path.length === 1 ? target : get(target, path.slice(0, -1));
  if (typeof parent === 'object' && parent !== null && !Array.isArray(parent)) delete (parent as JsonObject)[path[path.length - 1] as string];
}

/**
 * The fields extension: with includes, only those paths (plus the defaults above) are kept; excludes are then
 * removed. Missing paths are ignored. A path is dotted (`properties.eo:cloud_cover`, `assets.visual.href`).
 */
export function applyFields(item: JsonObject, fields: FieldsSpec | undefined): JsonObject {
  if (fields === undefined || (fields.include.length === 0 && fields.exclude.length === 0)) return item;
  let out: JsonObject = fields.include.length > 0 ? item : structuredClone(item);
  if (fields.include.length > 0) {
    out = {};
    const wanted = [...ALWAYS_INCLUDED.filter((field) => !fields.exclude.includes(field)), ...fields.include];
    for (const field of wanted) {
      const path = field.split('.');
      const value = get(item, path);
      if (value !== undefined) put(out, path, structuredClone(value));
    }
  }
  for (const field of fields.exclude) {
    if (fields.include.includes(field)) continue; // naming a field in both keeps it, as the extension says
    remove(out, field.split('.'));
  }
  return out;
}
