import { AppError } from '@pqe/common';
import type { Queryable } from '../database/database.js';
import type { JsonObject } from '../stac/dehydrate.js';
import { baseItemOf } from '../stac/validate-item.js';

export type PartitionTrunc = 'year' | 'month';

/** What ingest and hydration need to know of a collection. */
export interface CollectionInfo {
  id: string;
  key: number;
  baseItem: JsonObject;
  partitionTrunc: PartitionTrunc | null;
}

interface CollectionRow {
  id: string;
  key: number;
  base_item: JsonObject;
  partition_trunc: PartitionTrunc | null;
}

export async function getCollectionInfos(db: Queryable, ids: readonly string[], signal?: AbortSignal): Promise<Map<string, CollectionInfo>> {
  const { rows } = await db.query<CollectionRow>('SELECT id, key, base_item, partition_trunc FROM pqe.collections WHERE id = ANY($1::text[])', [ids], {
    signal,
  });
  return new Map(rows.map((row) => [row.id, { id: row.id, key: row.key, baseItem: row.base_item, partitionTrunc: row.partition_trunc }]));
}

export async function collectionHasItems(db: Queryable, id: string, signal?: AbortSignal): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM pqe.items WHERE collection = $1 LIMIT 1', [id], { signal });
  return rows.length > 0;
}

export type WriteMethod = 'insert' | 'ignore' | 'upsert';
export type CollectionWrite = 'inserted' | 'updated' | 'unchanged' | 'skipped';

/**
 * Creates or replaces a collection and makes sure its item partition exists. Its base item is frozen while it has
 * items (they were dehydrated against it); its time partitioning can change only while it has none.
 */
export async function writeCollection(
  tx: Queryable,
  collection: JsonObject & { id: string },
  options: { method: WriteMethod; partitionTrunc?: PartitionTrunc | null | undefined },
): Promise<CollectionWrite> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`pqe.items:${collection.id}`]);
  const existing = (await getCollectionInfos(tx, [collection.id])).get(collection.id);
  const content = JSON.stringify(collection);
  const baseItem = JSON.stringify(baseItemOf(collection));
  if (existing === undefined) {
    await tx.query('INSERT INTO pqe.collections (id, content, base_item, partition_trunc) VALUES ($1, $2::text::jsonb, $3::text::jsonb, $4)', [
      collection.id,
      content,
      baseItem,
      options.partitionTrunc ?? null,
    ]);
    await tx.query('SELECT pqe.ensure_item_partition($1, NULL)', [collection.id]);
    // Queryables configured for this collection before it existed get their indexes now.
    await tx.query('SELECT pqe.sync_queryable_indexes($1::text[])', [[collection.id]]);
    return 'inserted';
  }
  if (options.method === 'insert') {
    throw new AppError('Conflict', `Collection ${collection.id} already exists; load with --method upsert to replace it or ignore to keep it.`);
  }
  if (options.method === 'ignore') return 'skipped';
  const hasItems = await collectionHasItems(tx, collection.id);
  const trunc = options.partitionTrunc === undefined ? existing.partitionTrunc : options.partitionTrunc;
  if (trunc !== existing.partitionTrunc) {
    if (hasItems) {
      throw new AppError(
        'Conflict',
        `Collection ${collection.id} is partitioned by ${existing.partitionTrunc ?? 'collection only'} and has items; its partitioning cannot change now. Delete its items first.`,
      );
    }
    // An empty collection: its partition is dropped and made again with the new scheme. The name is built from
    // an integer key, never from user input.
    await tx.query(`DROP TABLE IF EXISTS pqe.items_c${Number(existing.key)}`);
  }
  const { rowCount } = await tx.query(
    `UPDATE pqe.collections
        SET content = $2::text::jsonb,
            base_item = CASE WHEN $4 THEN base_item ELSE $3::text::jsonb END,
            partition_trunc = $5,
            updated_at = now()
      WHERE id = $1 AND (content IS DISTINCT FROM $2::text::jsonb OR partition_trunc IS DISTINCT FROM $5
                         OR (NOT $4 AND base_item IS DISTINCT FROM $3::text::jsonb))`,
    [collection.id, content, baseItem, hasItems, trunc],
  );
  await tx.query('SELECT pqe.ensure_item_partition($1, NULL)', [collection.id]);
  return rowCount > 0 ? 'updated' : 'unchanged';
}
