import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError, type Logger, throwIfAborted } from '@pqe/common';
import { type CollectionInfo, getCollectionInfos } from '../collections/collection-store.js';
import { refreshCollectionExtent } from '../collections/extents.js';
import type { Database, Queryable } from '../database/database.js';
import { SqlState, sqlStateOf } from '../database/database-errors.js';
import { checkRecord, type Prepared, type PreparedItem, type PreparedRow, type PrepareSettings, prepareItem, type Reject } from './prepare-item.js';
import { PreparePool } from './prepare-pool.js';
import { DEFAULT_CHUNK_BYTES, readInput, readRecords, type SourceRecord } from './read-records.js';

export type { Reject } from './prepare-item.js';

/**
 * How a load treats an item whose id is already in its collection:
 * insert fails the batch, ignore keeps the stored item, upsert replaces it when it changed, delsert always
 * deletes and inserts it again.
 */
export const loadMethods = ['insert', 'ignore', 'upsert', 'delsert'] as const;
export type LoadMethod = (typeof loadMethods)[number];

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

/** The columns of pqe.items that a load writes, in COPY order. */
const ITEM_COLUMNS = ['collection', 'id', 'geometry', 'datetime', 'end_datetime', 'content'] as const;

/** A key per time partition a row lands in, so that each partition is made once per batch. */
function partitionKey(info: CollectionInfo, datetimeMs: number): string {
  if (info.partitionTrunc === null) return '';
  const d = new Date(datetimeMs);
  return info.partitionTrunc === 'year' ? `${d.getUTCFullYear()}` : `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
}

/** Records read between two turns given to the event loop. */
const YIELD_EVERY = 25;

const lineLabel = (p: { file: string; line: number }) => `${p.file}:${p.line}`;

/**
 * The ids of `ids` already in the collection. One index probe per id, so the plan stays right even before a new
 * partition has statistics (a plain `id = ANY(...)` is then planned as a scan of the whole partition).
 */
async function existingIds(tx: Queryable, collection: string, ids: readonly string[], signal: AbortSignal | undefined): Promise<Set<string>> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT u.id FROM unnest($2::text[]) AS u(id)
      WHERE EXISTS (SELECT 1 FROM pqe.items AS i WHERE i.collection = $1 AND i.id = u.id)`,
    [collection, ids],
    { signal },
  );
  return new Set(rows.map((row) => row.id));
}

function alreadyThere(collection: string, existing: Set<string>): AppError {
  const sample = [...existing].slice(0, 5).join(', ');
  return new AppError(
    'Conflict',
    `${existing.size} item(s) already in collection ${collection} (${sample}${existing.size > 5 ? ', …' : ''}); ` +
      'load with --method upsert to replace them, ignore to keep them, or delsert to delete and insert them again',
  );
}

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
    const list = byCollection.get(pending.collection);
    if (list === undefined) byCollection.set(pending.collection, [pending]);
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
      const earlier = byId.get(pending.id);
      if (earlier !== undefined && method === 'insert') {
        throw new AppError('Conflict', `id ${pending.id} appears twice in this batch (${lineLabel(earlier)} and ${lineLabel(pending)})`);
      }
      if (earlier === undefined || method !== 'ignore') byId.set(pending.id, pending); // ignore keeps the first
    }
    items = [...byId.values()];

    const partitions = new Map<string, string>();
    for (const pending of items) partitions.set(partitionKey(info, pending.datetimeMs), pending.datetime);
    await tx.query('SELECT pqe.ensure_item_partition($1, d) FROM unnest($2::timestamptz[]) AS d', [collection, [...partitions.values()]], { signal });

    const rows = items.map((pending) => pending.row);
    const ids = rows.map((row) => row.id);
    if (method === 'insert' && info.partitionTrunc === null) {
      // The partition's unique index refuses duplicates by itself: no lookup first. A savepoint lets the batch
      // say which ids were already there before it is rolled back.
      await tx.query('SAVEPOINT pqe_copy', [], { signal });
      try {
        written += await tx.copyFrom('pqe.items', ITEM_COLUMNS, rows.map((row) => row.line).join(''), { signal });
      } catch (error) {
        if (sqlStateOf(error) !== SqlState.uniqueViolation) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT pqe_copy', [], { signal });
        throw alreadyThere(collection, await existingIds(tx, collection, ids, signal));
      }
      continue;
    }
    let toWrite = rows;
    if (method === 'delsert') {
      await tx.query('DELETE FROM pqe.items WHERE collection = $1 AND id = ANY($2::text[])', [collection, ids], { signal });
    } else {
      const existing = await existingIds(tx, collection, ids, signal);
      if (existing.size > 0) {
        if (method === 'insert') throw alreadyThere(collection, existing);
        if (method === 'ignore') {
          toWrite = rows.filter((row) => !existing.has(row.id));
          unchanged += rows.length - toWrite.length;
        } else {
          // upsert: rows that differ in anything are deleted and written again; identical ones are left alone.
          const again = rows.filter((row) => existing.has(row.id)).map((row) => ({ id: row.id, ...(row.parts as NonNullable<PreparedRow['parts']>) }));
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

/** Answers which collection an id names, looking each up in the catalog once; fills `infos` for writeBatch. */
function collectionLookup(db: Database, infos: Map<string, CollectionInfo>, signal: AbortSignal | undefined) {
  const lookups = new Map<string, Promise<CollectionInfo | undefined>>();
  return (id: string): Promise<CollectionInfo | undefined> => {
    let lookup = lookups.get(id);
    if (lookup === undefined) {
      lookup = getCollectionInfos(db, [id], signal).then((found) => {
        const info = found.get(id);
        if (info !== undefined) infos.set(id, info);
        return info;
      });
      lookups.set(id, lookup);
    }
    return lookup;
  };
}

type Lookup = ReturnType<typeof collectionLookup>;

async function prepareOnMain(record: SourceRecord, settings: PrepareSettings, lookup: Lookup): Promise<Prepared> {
  const checked = checkRecord(record, settings);
  if (checked.reject !== undefined) return { reject: checked.reject };
  return prepareItem(record, checked.item, await lookup(checked.item.collection), settings);
}

/** Records prepared on this thread, one group per record. */
async function* preparedHere(records: AsyncIterable<SourceRecord>, settings: PrepareSettings, lookup: Lookup): AsyncGenerator<Prepared[]> {
  let sinceYield = 0;
  for await (const record of records) {
    // Reading is mostly synchronous; giving the event loop a turn now and then lets the batch in flight progress.
    if (++sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await nextTurn();
    }
    yield [await prepareOnMain(record, settings, lookup)];
  }
}

/** Chunks of NDJSON in flight per worker: enough to keep the workers busy while a batch is written, and no more. */
const CHUNKS_PER_WORKER = 6;

/**
 * The files' records prepared in input order: NDJSON chunks by worker threads (a bounded number of chunks in
 * flight), records of JSON documents on this thread.
 */
async function* preparedByWorkers(
  files: readonly string[],
  stdin: Readable | undefined,
  settings: PrepareSettings,
  lookup: Lookup,
  workers: number,
  chunkBytes: number,
): AsyncGenerator<Prepared[]> {
  let pool: PreparePool | undefined;
  const queue: Promise<Prepared[]>[] = [];
  const next = async () => {
    const entries = await (queue.shift() as Promise<Prepared[]>);
    await nextTurn(); // lets the batch in flight progress even when the workers are ahead
    return entries;
  };
  try {
    for (const file of files) {
      for await (const part of readInput(file, stdin, chunkBytes)) {
        if (part.kind === 'record') {
          while (queue.length > 0) yield await next();
          yield [await prepareOnMain(part.record, settings, lookup)];
          continue;
        }
        pool ??= new PreparePool(workers, settings, lookup);
        const job = pool.prepare(part.file, part.chunk);
        job.catch(() => undefined); // seen when its turn comes
        queue.push(job);
        while (queue.length >= workers * CHUNKS_PER_WORKER) yield await next();
      }
    }
    while (queue.length > 0) yield await next();
  } finally {
    await pool?.close();
  }
}

/** Worker threads by default: one per core but one (the main thread batches and writes), at least one, at most 4. */
export function defaultLoadWorkers(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

export interface LoadItemFilesOptions extends LoadItemsOptions {
  /** Worker threads that parse and prepare NDJSON (0: all on this thread). Default: defaultLoadWorkers(). */
  workers?: number | undefined;
  /** Bytes of NDJSON handed to a worker at a time (default 1 MiB). */
  chunkBytes?: number | undefined;
  /** What "-" reads (default: process.stdin). */
  stdin?: Readable | undefined;
}

/**
 * Loads the items of files (see readRecords for the forms read; "-" is standard input). NDJSON is parsed,
 * validated and prepared by worker threads while this thread batches and writes, in input order; otherwise as
 * loadItems.
 */
export async function loadItemFiles(db: Database, files: readonly string[], options: LoadItemFilesOptions): Promise<LoadSummary> {
  const workers = options.workers ?? defaultLoadWorkers();
  if (!Number.isInteger(workers) || workers < 0 || workers > 64)
    throw new AppError('InvalidParameter', `workers must be an integer from 0 to 64, got ${workers}`);
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new AppError('InvalidParameter', `chunk size must be a positive integer, got ${chunkBytes}`);
  const stdin = options.stdin;
  if (workers === 0) {
    const records = (async function* () {
      for (const file of files) yield* readRecords(file, stdin);
    })();
    return load(db, options, (settings, lookup) => preparedHere(records, settings, lookup));
  }
  return load(db, options, (settings, lookup) => preparedByWorkers(files, stdin, settings, lookup, workers, chunkBytes));
}

/**
 * Loads items from records (see readRecords) in batches. Every item is validated before anything is written;
 * rejects are reported with file, line and reason and the good items still land. Each batch commits atomically,
 * so a load stopped at any point leaves only whole batches. Extents of the touched collections are refreshed.
 */
export async function loadItems(db: Database, records: AsyncIterable<SourceRecord>, options: LoadItemsOptions): Promise<LoadSummary> {
  return load(db, options, (settings, lookup) => preparedHere(records, settings, lookup));
}

async function load(
  db: Database,
  options: LoadItemsOptions,
  source: (settings: PrepareSettings, lookup: Lookup) => AsyncIterable<Prepared[]>,
): Promise<LoadSummary> {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new AppError('InvalidParameter', `batch size must be a positive integer, got ${options.batchSize}`);
  }
  const summary: LoadSummary = { read: 0, loaded: 0, unchanged: 0, rejected: 0, failedBatches: [], collections: [] };
  const infos = new Map<string, CollectionInfo>();
  const touched = new Set<string>();
  let batch: PreparedItem[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const write = async (known: PreparedItem[]) => {
    try {
      const { written, unchanged } = await db.transaction((tx) => writeBatch(tx, known, infos, options.method, options.signal), { signal: options.signal });
      summary.loaded += written;
      summary.unchanged += unchanged;
      options.log?.debug({ written, unchanged, loaded: summary.loaded }, 'batch committed');
      for (const p of known) touched.add(p.collection);
    } catch (error) {
      throwIfAborted(options.signal);
      const reason = error instanceof AppError ? error.message : `database error: ${(error as Error).message}`;
      const failed = {
        firstLine: lineLabel(known[0] as PreparedItem),
        lastLine: lineLabel(known[known.length - 1] as PreparedItem),
        items: known.length,
        reason,
      };
      summary.failedBatches.push(failed);
      options.log?.warn(failed, 'batch not loaded');
      if (!(error instanceof AppError)) options.log?.debug({ err: error }, 'batch error');
    }
    options.onProgress?.(summary);
  };

  // One batch in the database at a time, while the next one is read, checked and prepared.
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await inFlight;
    inFlight = write(current);
    inFlight.catch(() => undefined); // its failure is seen by the next await of inFlight
  };

  const settings: PrepareSettings = { defaultCollection: options.collection, keepParts: options.method === 'upsert' };
  for await (const group of source(settings, collectionLookup(db, infos, options.signal))) {
    for (const entry of group) {
      throwIfAborted(options.signal);
      summary.read++;
      if (entry.reject !== undefined) {
        summary.rejected++;
        options.onReject?.(entry.reject);
        continue;
      }
      batch.push(entry.item);
      if (batch.length >= options.batchSize) await flush();
    }
  }
  await flush();
  await inFlight;

  summary.collections = [...touched].sort();
  if (options.updateExtents !== false) {
    for (const collection of summary.collections) {
      await db.transaction((tx) => refreshCollectionExtent(tx, collection, options.signal), { signal: options.signal });
    }
  }
  // Fresh statistics, so that the first searches after a load are planned well (PGlite has no autovacuum). The
  // partition's name is made of its integer key, never of user input.
  if (summary.loaded > 0) {
    for (const collection of summary.collections) {
      const key = infos.get(collection)?.key;
      if (key !== undefined) await db.query(`ANALYZE pqe.items_c${Number(key)}`, [], { signal: options.signal });
    }
  }
  return summary;
}
