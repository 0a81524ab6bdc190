import { AppError, type Logger, throwIfAborted } from '@pqe/common';
import { type CollectionInfo, getCollectionInfos } from '../collections/collection-store.js';
import { refreshCollectionExtent } from '../collections/extents.js';
import type { Database, Queryable } from '../database/database.js';
import { dehydrate, type JsonObject } from '../stac/dehydrate.js';
import { checkItem, type ValidItem } from '../stac/validate-item.js';
import { copyField } from './copy-text.js';
import type { SourceRecord } from './read-records.js';
import { geometryToEwkbHex } from './wkb.js';

/**
 * How a load treats an item whose id is already in its collection:
 * insert fails the batch, ignore keeps the stored item, upsert replaces it when it changed, delsert always
 * deletes and inserts it again.
 */
export const loadMethods = ['insert', 'ignore', 'upsert', 'delsert'] as const;
export type LoadMethod = (typeof loadMethods)[number];

export interface Reject {
  file: string;
  line: number;
  id?: string;
  reason: string;
}

export interface LoadProgress {
  read: number;
  loaded: number;
  unchanged: number;
  rejected: number;
}

export interface LoadItemsOptions {
  method: LoadMethod;
  batchSize: number;
  /** The collection of items that do not name one. */
  collection?: string | undefined;
  signal?: AbortSignal | undefined;
  log?: Logger | undefined;
  onReject?: (reject: Reject) => void;
  onProgress?: (progress: LoadProgress) => void;
  /** Recompute the extents of the touched collections at the end (default true). */
  updateExtents?: boolean;
}

export interface LoadSummary extends LoadProgress {
  /** Batches rolled back whole, with why. */
  failedBatches: { firstLine: string; lastLine: string; items: number; reason: string }[];
  collections: string[];
}

interface PendingItem {
  file: string;
  line: number;
  item: ValidItem;
}

interface PreparedItem extends PendingItem {
  row: PreparedRow;
}

/** The columns of pqe.items that a load writes, in COPY order. */
const ITEM_COLUMNS = ['collection', 'id', 'geometry', 'datetime', 'end_datetime', 'content'] as const;

interface PreparedRow {
  id: string;
  line: string;
  content: string;
  ewkb: string;
  datetime: string;
  endDatetime: string;
}

/** A JSON escape of U+0000 (an odd number of backslashes before u0000): jsonb cannot hold it. */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** The item as a COPY line, dehydrated against its collection; undefined when PostgreSQL could not store it. */
function prepareRow(item: ValidItem, info: CollectionInfo): PreparedRow | undefined {
  const { id: _id, collection: _collection, geometry: _geometry, ...rest } = item.item;
  const content = JSON.stringify(dehydrate(rest as JsonObject, info.baseItem));
  if (ESCAPED_NUL.test(content) || item.id.includes('\0')) return undefined;
  const ewkb = geometryToEwkbHex(item.geometry);
  const line = `${copyField(item.collection)}\t${copyField(item.id)}\t${ewkb}\t${item.datetime}\t${item.endDatetime}\t${copyField(content)}\n`;
  return { id: item.id, line, content, ewkb, datetime: item.datetime, endDatetime: item.endDatetime };
}

/** A key per time partition a row lands in, so that each partition is made once per batch. */
function partitionKey(info: CollectionInfo, datetimeMs: number): string {
  if (info.partitionTrunc === null) return '';
  const d = new Date(datetimeMs);
  return info.partitionTrunc === 'year' ? `${d.getUTCFullYear()}` : `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
}

const lineLabel = (p: PendingItem) => `${p.file}:${p.line}`;

/**
 * Writes one batch in one transaction: all of it lands, or none of it. Returns the rows written and the rows
 * that were already there unchanged (upsert) or kept (ignore).
 */
async function writeBatch(
  tx: Queryable,
  batch: readonly PreparedItem[],
  infos: Map<string, CollectionInfo>,
  method: LoadMethod,
  signal: AbortSignal | undefined,
): Promise<{ written: number; unchanged: number }> {
  const byCollection = new Map<string, PreparedItem[]>();
  for (const pending of batch) {
    const list = byCollection.get(pending.item.collection);
    if (list === undefined) byCollection.set(pending.item.collection, [pending]);
    else list.push(pending);
  }
  let written = 0;
  let unchanged = 0;
  for (const collection of [...byCollection.keys()].sort()) {
    const info = infos.get(collection) as CollectionInfo;
    let items = byCollection.get(collection) as PreparedItem[];
    // Writers of one collection take turns, so that the id checks below stay true until commit.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`pqe.items:${collection}`], { signal });

    const byId = new Map<string, PreparedItem>();
    for (const pending of items) {
      const earlier = byId.get(pending.item.id);
      if (earlier !== undefined && method === 'insert') {
        throw new AppError('Conflict', `id ${pending.item.id} appears twice in this batch (${lineLabel(earlier)} and ${lineLabel(pending)})`);
      }
      if (earlier === undefined || method !== 'ignore') byId.set(pending.item.id, pending); // ignore keeps the first
    }
    items = [...byId.values()];

    const partitions = new Map<string, string>();
    for (const pending of items) partitions.set(partitionKey(info, pending.item.datetimeMs), pending.item.datetime);
    await tx.query('SELECT pqe.ensure_item_partition($1, d) FROM unnest($2::timestamptz[]) AS d', [collection, [...partitions.values()]], { signal });

    const rows = items.map((pending) => pending.row);
    const ids = rows.map((row) => row.id);
    let toWrite = rows;
    if (method === 'delsert') {
      await tx.query('DELETE FROM pqe.items WHERE collection = $1 AND id = ANY($2::text[])', [collection, ids], { signal });
    } else {
      const { rows: found } = await tx.query<{ id: string }>('SELECT id FROM pqe.items WHERE collection = $1 AND id = ANY($2::text[])', [collection, ids], {
        signal,
      });
      if (found.length > 0) {
        const existing = new Set(found.map((row) => row.id));
        if (method === 'insert') {
          const sample = [...existing].slice(0, 5).join(', ');
          throw new AppError(
            'Conflict',
            `${existing.size} item(s) already in collection ${collection} (${sample}${existing.size > 5 ? ', …' : ''}); ` +
              'load with --method upsert to replace them, ignore to keep them, or delsert to delete and insert them again',
          );
        }
        if (method === 'ignore') {
          toWrite = rows.filter((row) => !existing.has(row.id));
          unchanged += rows.length - toWrite.length;
        } else {
          // upsert: rows that differ in anything are deleted and written again; identical ones are left alone.
          const again = rows.filter((row) => existing.has(row.id));
          const { rows: replaced } = await tx.query<{ id: string }>(
            `DELETE FROM pqe.items AS i
              USING unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[]) AS u(id, content, ewkb, datetime, end_datetime)
              WHERE i.collection = $1 AND i.id = u.id
                AND (i.content IS DISTINCT FROM u.content::jsonb OR i.datetime IS DISTINCT FROM u.datetime
                     OR i.end_datetime IS DISTINCT FROM u.end_datetime OR NOT ST_OrderingEquals(i.geometry, u.ewkb::geometry))
              RETURNING i.id`,
            [
              collection,
              again.map((r) => r.id),
              again.map((r) => r.content),
              again.map((r) => r.ewkb),
              again.map((r) => r.datetime),
              again.map((r) => r.endDatetime),
            ],
            { signal },
          );
          const replacedIds = new Set(replaced.map((row) => row.id));
          toWrite = rows.filter((row) => !existing.has(row.id) || replacedIds.has(row.id));
          unchanged += rows.length - toWrite.length;
        }
      }
    }
    if (toWrite.length > 0) {
      written += await tx.copyFrom('pqe.items', ITEM_COLUMNS, toWrite.map((row) => row.line).join(''), { signal });
    }
  }
  return { written, unchanged };
}

/**
 * Loads items from records (see readRecords) in batches. Every item is validated before anything is written;
 * rejects are reported with file, line and reason and the good items still land. Each batch commits atomically,
 * so a load stopped at any point leaves only whole batches. Extents of the touched collections are refreshed.
 */
export async function loadItems(db: Database, records: AsyncIterable<SourceRecord>, options: LoadItemsOptions): Promise<LoadSummary> {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new AppError('InvalidParameter', `batch size must be a positive integer, got ${options.batchSize}`);
  }
  const summary: LoadSummary = { read: 0, loaded: 0, unchanged: 0, rejected: 0, failedBatches: [], collections: [] };
  const infos = new Map<string, CollectionInfo>();
  const unknown = new Set<string>();
  const touched = new Set<string>();
  const reject = (r: Reject) => {
    summary.rejected++;
    options.onReject?.(r);
  };
  let batch: PendingItem[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const missing = [...new Set(current.map((p) => p.item.collection))].filter((c) => !infos.has(c) && !unknown.has(c));
    if (missing.length > 0) {
      for (const [id, info] of await getCollectionInfos(db, missing, options.signal)) infos.set(id, info);
      for (const id of missing) if (!infos.has(id)) unknown.add(id);
    }
    const known: PreparedItem[] = [];
    for (const pending of current) {
      const info = infos.get(pending.item.collection);
      if (info !== undefined) {
        const row = prepareRow(pending.item, info);
        if (row !== undefined) known.push({ ...pending, row });
        else
          reject({ file: pending.file, line: pending.line, id: pending.item.id, reason: 'contains a NUL character (\\u0000), which PostgreSQL cannot store' });
      } else {
        reject({
          file: pending.file,
          line: pending.line,
          id: pending.item.id,
          reason: `unknown collection ${JSON.stringify(pending.item.collection)}: load the collection first (pqe load collections FILE)`,
        });
      }
    }
    if (known.length === 0) return;
    // One batch in the database at a time; the next one is read, checked and prepared meanwhile.
    await inFlight;
    inFlight = write(known);
    inFlight.catch(() => undefined); // its failure is seen by the next await of inFlight
  };

  const write = async (known: PreparedItem[]) => {
    try {
      const { written, unchanged } = await db.transaction((tx) => writeBatch(tx, known, infos, options.method, options.signal), { signal: options.signal });
      summary.loaded += written;
      summary.unchanged += unchanged;
      options.log?.debug({ written, unchanged, loaded: summary.loaded }, 'batch committed');
      for (const p of known) touched.add(p.item.collection);
    } catch (error) {
      throwIfAborted(options.signal);
      const reason = error instanceof AppError ? error.message : `database error: ${(error as Error).message}`;
      const failed = {
        firstLine: lineLabel(known[0] as PendingItem),
        lastLine: lineLabel(known[known.length - 1] as PendingItem),
        items: known.length,
        reason,
      };
      summary.failedBatches.push(failed);
      options.log?.warn(failed, 'batch not loaded');
      if (!(error instanceof AppError)) options.log?.debug({ err: error }, 'batch error');
    }
    options.onProgress?.(summary);
  };

  for await (const record of records) {
    throwIfAborted(options.signal);
    summary.read++;
    if (record.error !== undefined) {
      reject({ file: record.file, line: record.line, reason: record.error });
      continue;
    }
    const check = checkItem(record.value, options.collection);
    if (!check.ok) {
      reject({ file: record.file, line: record.line, reason: check.reason, ...(check.id === undefined ? {} : { id: check.id }) });
      continue;
    }
    batch.push({ file: record.file, line: record.line, item: check.value });
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  await inFlight;

  summary.collections = [...touched].sort();
  if (options.updateExtents !== false) {
    for (const collection of summary.collections) {
      await db.transaction((tx) => refreshCollectionExtent(tx, collection, options.signal), { signal: options.signal });
    }
  }
  return summary;
}
