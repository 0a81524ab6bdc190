import { AppError } from '@pqe/common';
import type { Database, Queryable } from '../database/database.js';
import { queryableName } from '../search/property-sql.js';

/** The types a configured queryable can have; `datetime` is a string in RFC 3339 form. */
export const queryableTypes = ['number', 'integer', 'string', 'boolean', 'datetime'] as const;
export type QueryableType = (typeof queryableTypes)[number];

export interface QueryableSetting {
  /** The property name as users write it (`eo:cloud_cover`; a leading `properties.` is dropped). */
  name: string;
  /** The collections it applies to; all when absent or empty. */
  collections?: readonly string[] | undefined;
  type: QueryableType;
  title?: string | undefined;
  description?: string | undefined;
  /** 'btree' keeps an index on the property, which sorts on it walk; null or absent: no index. */
  index?: 'btree' | null | undefined;
}

export interface ConfiguredQueryable {
  name: string;
  collections: string[] | null;
  definition: Record<string, unknown>;
  index: string | null;
}

const WRAPPERS: Record<QueryableType, string> = { number: 'to_float', integer: 'to_int', string: 'to_text', boolean: 'to_text', datetime: 'to_tstz' };

function definitionOf(setting: QueryableSetting): Record<string, unknown> {
  const schema: Record<string, unknown> = setting.type === 'datetime' ? { type: 'string', format: 'date-time' } : { type: setting.type };
  if (setting.title !== undefined) schema.title = setting.title;
  if (setting.description !== undefined) schema.description = setting.description;
  return schema;
}

function bareName(name: string): string {
  const bare = queryableName(name);
  if (bare === '' || bare.split('.').some((part) => part === '') || bare.length > 256) {
    throw new AppError('InvalidParameter', `${JSON.stringify(name)} is not a property name (dot-separated parts, none empty, at most 256 characters)`);
  }
  return bare;
}

/** The collections of a setting as stored: sorted, distinct, NULL for all. */
function collectionIds(collections: readonly string[] | undefined): string[] | null {
  return collections === undefined || collections.length === 0 ? null : [...new Set(collections)].sort();
}

/**
 * Creates the indexes configured queryables ask for and drops those no longer asked for; with `collections`, only
 * creates those of these collections (and the catalog-wide ones). Returns how many indexes were created.
 */
export async function syncQueryableIndexes(
  db: Queryable,
  options: { collections?: readonly string[]; signal?: AbortSignal | undefined } = {},
): Promise<number> {
  const { rows } = await db.query<{ made: number }>('SELECT pqe.sync_queryable_indexes($1::text[]) AS made', [options.collections ?? null], {
    signal: options.signal,
  });
  return rows[0]?.made ?? 0;
}

/** Adds or replaces a configured queryable, and makes (or drops) its index; in one transaction. */
export async function setQueryable(db: Database, setting: QueryableSetting, options: { signal?: AbortSignal } = {}): Promise<{ indexesCreated: number }> {
  const name = bareName(setting.name);
  const ids = collectionIds(setting.collections);
  return db.transaction(
    async (tx) => {
      if (ids !== null) {
        const { rows } = await tx.query<{ id: string }>('SELECT id FROM pqe.collections WHERE id = ANY($1::text[])', [ids]);
        const missing = ids.filter((id) => !rows.some((row) => row.id === id));
        if (missing.length > 0) throw new AppError('NotFound', `no collection ${missing.map((id) => JSON.stringify(id)).join(', ')}: load it first`);
      }
      await tx.query(
        `INSERT INTO pqe.queryables (name, collection_ids, definition, property_wrapper, property_index_type)
         VALUES ($1, $2::text[], $3::text::jsonb, $4, $5)
         ON CONFLICT ON CONSTRAINT queryables_name_unique
         DO UPDATE SET definition = EXCLUDED.definition, property_wrapper = EXCLUDED.property_wrapper,
                       property_index_type = EXCLUDED.property_index_type`,
        [name, ids, JSON.stringify(definitionOf(setting)), WRAPPERS[setting.type], setting.index === 'btree' ? 'BTREE' : null],
      );
      return { indexesCreated: await syncQueryableIndexes(tx) };
    },
    { signal: options.signal },
  );
}

/** Removes a configured queryable (for exactly these collections, or the catalog-wide one) and its index. */
export async function removeQueryable(db: Database, name: string, collections?: readonly string[], options: { signal?: AbortSignal } = {}): Promise<boolean> {
  const bare = bareName(name);
  return db.transaction(
    async (tx) => {
      const { rowCount } = await tx.query('DELETE FROM pqe.queryables WHERE name = $1 AND collection_ids IS NOT DISTINCT FROM $2::text[]', [
        bare,
        collectionIds(collections),
      ]);
      await syncQueryableIndexes(tx);
      return rowCount > 0;
    },
    { signal: options.signal },
  );
}

/** The configured queryables, by name then collections. */
export async function listConfiguredQueryables(db: Queryable, options: { signal?: AbortSignal } = {}): Promise<ConfiguredQueryable[]> {
  const { rows } = await db.query<{ name: string; collection_ids: string[] | null; definition: Record<string, unknown>; property_index_type: string | null }>(
    'SELECT name, collection_ids, definition, property_index_type FROM pqe.queryables ORDER BY name, collection_ids NULLS FIRST',
    [],
    { signal: options.signal },
  );
  return rows.map((row) => ({
    name: row.name,
    collections: row.collection_ids,
    definition: row.definition,
    index: row.property_index_type?.toLowerCase() ?? null,
  }));
}
