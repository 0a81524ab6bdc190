import type { Queryable } from '../database/database.js';
import { hydrate, type Json, type JsonObject, setKey } from '../stac/dehydrate.js';

/** A row of pqe.items as the readers select it. */
export interface ItemRow {
  collection: string;
  id: string;
  /** ST_AsGeoJSON text at full precision. */
  geometry: string;
  content: JsonObject;
}

/** The SELECT list that gives an ItemRow; geometry keeps every digit so that it reads back as loaded. */
export const ITEM_ROW_COLUMNS = 'i.collection, i.id, ST_AsGeoJSON(i.geometry, 17) AS geometry, i.content';

const ITEM_KEY_ORDER = ['type', 'stac_version', 'stac_extensions', 'id', 'collection', 'geometry', 'bbox', 'properties', 'links', 'assets'];

/** Rebuilds the full STAC item from its stored row and its collection's base item. */
export function hydrateItem(row: ItemRow, baseItem: JsonObject): JsonObject {
  const full = hydrate(baseItem, row.content);
  full.id = row.id;
  full.collection = (full.collection as Json | undefined) ?? row.collection;
  full.geometry = JSON.parse(row.geometry) as Json;
  const ordered: JsonObject = {};
  for (const key of ITEM_KEY_ORDER) if (Object.hasOwn(full, key)) ordered[key] = full[key] as Json;
  for (const [key, value] of Object.entries(full)) if (!Object.hasOwn(ordered, key)) setKey(ordered, key, value);
  return ordered;
}

/** One item, hydrated, or undefined when the collection has no such item. */
export async function getItem(db: Queryable, collection: string, id: string, signal?: AbortSignal): Promise<JsonObject | undefined> {
  const { rows } = await db.query<ItemRow & { base_item: JsonObject }>(
    `SELECT ${ITEM_ROW_COLUMNS}, c.base_item
       FROM pqe.items AS i JOIN pqe.collections AS c ON c.id = i.collection
      WHERE i.collection = $1 AND i.id = $2`,
    [collection, id],
    { signal },
  );
  const row = rows[0];
  return row === undefined ? undefined : hydrateItem(row, row.base_item);
}
