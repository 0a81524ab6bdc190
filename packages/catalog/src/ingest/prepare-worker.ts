/**
 * A worker thread that prepares items: parses chunks of NDJSON lines, validates each record and turns each item
 * into its COPY line, so that the main thread only batches and writes. Collections are asked of the main thread
 * the first time they are met.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CollectionInfo } from '../collections/collection-store.js';
import { chunkText } from './lines.js';
import { checkRecord, type PreparedRow, type PrepareSettings, prepareItem } from './prepare-item.js';
import type { ChunkJob, FromWorker, PreparedChunk, ToWorker } from './prepare-pool.js';
import { ndjsonRecords } from './read-records.js';

const port = parentPort;
if (port === null) throw new Error('prepare-worker runs as a worker thread only');
const settings = workerData as PrepareSettings;
const infos = new Map<string, CollectionInfo | null>();
const waiting = new Map<string, () => void>();
const jobs: ChunkJob[] = [];
let running = false;

const post = (message: FromWorker) => port.postMessage(message);

async function collectionInfo(collection: string): Promise<CollectionInfo | undefined> {
  if (!infos.has(collection)) {
    await new Promise<void>((resolve) => {
      waiting.set(collection, resolve);
      post({ type: 'lookup', collection });
    });
  }
  return infos.get(collection) ?? undefined;
}

async function prepareChunk(job: ChunkJob): Promise<PreparedChunk> {
  const rows: string[] = [];
  const lines: number[] = [];
  const ids: string[] = [];
  const collections: string[] = [];
  const datetimes: string[] = [];
  const datetimeMs: number[] = [];
  const parts: NonNullable<PreparedRow['parts']>[] = [];
  const rejects: PreparedChunk['rejects'] = [];
  for (const record of ndjsonRecords(job.file, chunkText(job.bytes), job.firstLine)) {
    const checked = checkRecord(record, settings);
    if (checked.reject !== undefined) {
      rejects.push({ before: ids.length, reject: checked.reject });
      continue;
    }
    const collection = checked.item.collection;
    const info = infos.has(collection) ? (infos.get(collection) ?? undefined) : await collectionInfo(collection);
    const prepared = prepareItem(record, checked.item, info, settings);
    if (prepared.reject !== undefined) {
      rejects.push({ before: ids.length, reject: prepared.reject });
      continue;
    }
    const item = prepared.item;
    rows.push(item.row.line);
    lines.push(item.line);
    ids.push(item.id);
    collections.push(item.collection);
    datetimes.push(item.datetime);
    datetimeMs.push(item.datetimeMs);
    if (item.row.parts !== undefined) parts.push(item.row.parts);
  }
  return {
    rows,
    lines: Uint32Array.from(lines),
    ids,
    collections,
    datetimes,
    datetimeMs: Float64Array.from(datetimeMs),
    ...(settings.keepParts ? { parts } : {}),
    rejects,
  };
}

// Chunks are prepared one after the other, in the order they came.
async function run(): Promise<void> {
  running = true;
  for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
    try {
      post({ type: 'done', job: job.job, chunk: await prepareChunk(job) });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'failed', job: job.job, message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) });
    }
  }
  running = false;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'info') {
    infos.set(message.collection, message.info);
    waiting.get(message.collection)?.();
    waiting.delete(message.collection);
    return;
  }
  jobs.push(message);
  if (!running) void run();
});
