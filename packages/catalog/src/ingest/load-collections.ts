import { AppError, throwIfAborted } from '@pqe/common';
import { type CollectionWrite, collectionHasItems, type PartitionTrunc, type WriteMethod, writeCollection } from '../collections/collection-store.js';
import { refreshCollectionExtent } from '../collections/extents.js';
import type { Database } from '../database/database.js';
import { checkCollection } from '../stac/validate-item.js';
import type { Reject } from './load-items.js';
import type { SourceRecord } from './read-records.js';

export interface LoadCollectionsOptions {
  method: WriteMethod;
  /** Time partitioning of the items of new collections (and of existing ones that have no items yet). */
  partitionTrunc?: PartitionTrunc | null | undefined;
  signal?: AbortSignal | undefined;
  onReject?: (reject: Reject) => void;
}

export type CollectionsSummary = Record<CollectionWrite, number> & { read: number; rejected: number; failed: number };

/** Loads collections, each in its own transaction; rejects and failures are reported and the rest land. */
export async function loadCollections(db: Database, records: AsyncIterable<SourceRecord>, options: LoadCollectionsOptions): Promise<CollectionsSummary> {
  const summary: CollectionsSummary = { read: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, failed: 0 };
  for await (const record of records) {
    throwIfAborted(options.signal);
    summary.read++;
    if (record.error !== undefined) {
      summary.rejected++;
      options.onReject?.({ file: record.file, line: record.line, reason: record.error });
      continue;
    }
    const check = checkCollection(record.value);
    if (!check.ok) {
      summary.rejected++;
      options.onReject?.({ file: record.file, line: record.line, reason: check.reason, ...(check.id === undefined ? {} : { id: check.id }) });
      continue;
    }
    try {
      const outcome = await db.transaction(
        async (tx) => {
          const written = await writeCollection(tx, check.value, { method: options.method, partitionTrunc: options.partitionTrunc });
          // A replaced collection keeps extents that match its items.
          if (written === 'updated' && (await collectionHasItems(tx, check.value.id))) await refreshCollectionExtent(tx, check.value.id);
          return written;
        },
        { signal: options.signal },
      );
      summary[outcome]++;
    } catch (error) {
      throwIfAborted(options.signal);
      if (!(error instanceof AppError)) throw error;
      summary.failed++;
      options.onReject?.({ file: record.file, line: record.line, id: check.value.id, reason: error.message });
    }
  }
  return summary;
}
