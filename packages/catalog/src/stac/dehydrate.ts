/**
 * Dehydration: an item is stored as its difference from the collection's base item (item_assets and the fields
 * every item shares), and hydrated back exactly when read. A key the base has but the item lacks is kept as
 * ABSENT, so that hydration does not add it back.
 */
export const ABSENT = '\u{1F6AB}pqe:absent';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    if (!Object.hasOwn(bo, k) || !deepEqual((a as Record<string, unknown>)[k], bo[k])) return false;
  }
  return true;
}

/** Sets an own property, even one named __proto__ (which plain assignment would turn into a prototype). */
export function setKey(target: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** What `item` says beyond `base`; objects are compared key by key, everything else as a whole value. */
export function dehydrate(item: JsonObject, base: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(item)) {
    if (!Object.hasOwn(base, key)) {
      setKey(out, key, value);
      continue;
    }
    const baseValue = base[key];
    if (isPlainObject(value) && isPlainObject(baseValue)) {
      const diff = dehydrate(value, baseValue);
      if (Object.keys(diff).length > 0) setKey(out, key, diff);
    } else if (!deepEqual(value, baseValue)) {
      setKey(out, key, value);
    }
  }
  for (const key of Object.keys(base)) {
    if (!Object.hasOwn(item, key)) setKey(out, key, ABSENT);
  }
  return out;
}

/** The inverse of dehydrate: `hydrate(base, dehydrate(item, base))` deep-equals `item`. */
export function hydrate(base: JsonObject, diff: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, baseValue] of Object.entries(base)) {
    if (!Object.hasOwn(diff, key)) {
      setKey(out, key, baseValue);
      continue;
    }
    const value = diff[key] as Json;
    if (value === ABSENT) continue;
    setKey(out, key, isPlainObject(value) && isPlainObject(baseValue) ? hydrate(baseValue, value) : value);
  }
  for (const [key, value] of Object.entries(diff)) {
    if (!Object.hasOwn(base, key)) setKey(out, key, value);
  }
  return out;
}
