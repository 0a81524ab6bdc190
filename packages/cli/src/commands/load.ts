import { createWriteStream, type WriteStream } from 'node:fs';
import {
  type CollectionsSummary,
  type Database,
  type LoadMethod,
  type LoadSummary,
  loadCollections,
  loadItemFiles,
  loadMethods,
  type PartitionTrunc,
  type Reject,
  readRecords,
  type SourceRecord,
} from '@pqe/catalog';
import { AppError, type Logger } from '@pqe/common';
import { ProgressLine } from '../progress.js';

/** Where rejects go: standard error as readable lines, or a file as NDJSON (one object per reject). */
export class RejectSink {
  readonly #file: WriteStream | undefined;
  count = 0;

  constructor(path: string | undefined) {
    this.#file = path === undefined ? undefined : createWriteStream(path, { flags: 'w' });
  }

  write = (reject: Reject): void => {
    this.count++;
    if (this.#file !== undefined) this.#file.write(`${JSON.stringify(reject)}\n`);
    else process.stderr.write(`rejected ${reject.file}:${reject.line}${reject.id === undefined ? '' : ` (${reject.id})`}: ${reject.reason}\n`);
  };

  async close(): Promise<void> {
    const file = this.#file;
    if (file !== undefined) await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

function checkStdinOnce(files: readonly string[]): void {
  if (files.filter((f) => f === '-').length > 1) throw new AppError('InvalidParameter', 'standard input (-) can be read only once');
}

async function* recordsOf(files: readonly string[]): AsyncGenerator<SourceRecord> {
  checkStdinOnce(files);
  for (const file of files) yield* readRecords(file);
}

export function parseMethod(value: string): LoadMethod {
  if (!(loadMethods as readonly string[]).includes(value)) {
    throw new AppError('InvalidParameter', `--method must be one of ${loadMethods.join(', ')}; got ${JSON.stringify(value)}`);
  }
  return value as LoadMethod;
}

export function parseBatchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new AppError('InvalidParameter', `--batch-size must be an integer from 1 to 100000; got ${JSON.stringify(value)}`);
  return n;
}

export function parsePartition(value: string | undefined): PartitionTrunc | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  if (value === 'year' || value === 'month') return value;
  throw new AppError('InvalidParameter', `--partition must be year, month or none; got ${JSON.stringify(value)}`);
}

export interface LoadItemsCommandOptions {
  method: LoadMethod;
  batchSize: number;
  collection?: string | undefined;
  rejects?: string | undefined;
  signal?: AbortSignal;
  log?: Logger;
}

export async function loadItemsCommand(db: Database, files: readonly string[], options: LoadItemsCommandOptions): Promise<LoadSummary> {
  checkStdinOnce(files);
  const sink = new RejectSink(options.rejects);
  const progress = new ProgressLine();
  try {
    const summary = await loadItemFiles(db, files, {
      method: options.method,
      batchSize: options.batchSize,
      collection: options.collection,
      signal: options.signal,
      log: options.log,
      onReject: sink.write,
      onProgress: (p) =>
        progress.update(
          (rate) => `${(p.loaded + p.unchanged).toLocaleString('en-US')} items (${rate(p.loaded + p.unchanged)} items/s), ${p.rejected} rejected`,
        ),
    });
    progress.done();
    return summary;
  } finally {
    progress.done();
    await sink.close();
  }
}

export function describeItemsSummary(s: LoadSummary): string {
  const failed = s.failedBatches.reduce((n, b) => n + b.items, 0);
  const lines = [
    `${s.loaded} items loaded, ${s.unchanged} unchanged or kept, ${s.rejected} rejected, ${failed} in ${s.failedBatches.length} failed batches` +
      (s.collections.length > 0 ? `; extents updated for ${s.collections.join(', ')}` : ''),
  ];
  for (const b of s.failedBatches) lines.push(`failed batch ${b.firstLine} .. ${b.lastLine} (${b.items} items): ${b.reason}`);
  return lines.join('\n');
}

export async function loadCollectionsCommand(
  db: Database,
  files: readonly string[],
  options: { method: LoadMethod; partition?: PartitionTrunc | null | undefined; rejects?: string | undefined },
): Promise<CollectionsSummary> {
  if (options.method === 'delsert') throw new AppError('InvalidParameter', '--method delsert applies to items; use upsert for collections');
  const sink = new RejectSink(options.rejects);
  try {
    return await loadCollections(db, recordsOf(files), { method: options.method, partitionTrunc: options.partition, onReject: sink.write });
  } finally {
    await sink.close();
  }
}

export function describeCollectionsSummary(s: CollectionsSummary): string {
  return `${s.inserted} collections created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.rejected + s.failed} rejected`;
}
