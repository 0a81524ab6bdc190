import { Worker } from 'node:worker_threads';
import type { CollectionInfo } from '../collections/collection-store.js';
import type { LineChunk } from './lines.js';
import type { Prepared, PreparedRow, PrepareSettings, Reject } from './prepare-item.js';

/** A chunk of NDJSON lines to prepare. */
export interface ChunkJob {
  type: 'chunk';
  job: number;
  file: string;
  bytes: Uint8Array;
  firstLine: number;
}

export type ToWorker = ChunkJob | { type: 'info'; collection: string; info: CollectionInfo | null };

/** A prepared chunk as it crosses threads: column arrays, which cost far less to copy than an object per item. */
export interface PreparedChunk {
  /** The COPY line of each item. */
  rows: string[];
  lines: Uint32Array;
  ids: string[];
  collections: string[];
  datetimes: string[];
  datetimeMs: Float64Array;
  /** For upsert only. */
  parts?: NonNullable<PreparedRow['parts']>[];
  /** Each reject with the number of the chunk's items before it. */
  rejects: { before: number; reject: Reject }[];
}

/** The entries of a prepared chunk in line order. */
export function chunkEntries(file: string, chunk: PreparedChunk): Prepared[] {
  const out: Prepared[] = [];
  let r = 0;
  for (let i = 0; i < chunk.ids.length; i++) {
    for (; r < chunk.rejects.length && (chunk.rejects[r]?.before ?? 0) <= i; r++) out.push({ reject: (chunk.rejects[r] as { reject: Reject }).reject });
    const line = chunk.rows[i] as string;
    const id = chunk.ids[i] as string;
    const parts = chunk.parts?.[i];
    const row: PreparedRow = parts === undefined ? { id, line } : { id, line, parts };
    out.push({
      item: {
        file,
        line: chunk.lines[i] as number,
        id,
        collection: chunk.collections[i] as string,
        datetime: chunk.datetimes[i] as string,
        datetimeMs: chunk.datetimeMs[i] as number,
        row,
      },
    });
  }
  for (; r < chunk.rejects.length; r++) out.push({ reject: (chunk.rejects[r] as { reject: Reject }).reject });
  return out;
}

export type FromWorker =
  | { type: 'lookup'; collection: string }
  | { type: 'done'; job: number; chunk: PreparedChunk }
  | { type: 'failed'; job: number; message: string; stack?: string };

interface Pending {
  file: string;
  resolve: (entries: Prepared[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

const YOUNG_GENERATION_MB = 48;

const WORKER_SCRIPT = new URL('./prepare-worker.js', import.meta.url);

/**
 * Worker threads that prepare chunks of NDJSON lines into items and rejects. Each chunk's answer comes back as
 * a promise; the caller keeps them in input order and bounds how many are in flight. When a worker fails or
 * stops, or a collection cannot be looked up, every pending chunk is rejected with that error.
 */
export class PreparePool {
  readonly #slots: Slot[] = [];
  readonly #lookup: (collection: string) => Promise<CollectionInfo | undefined>;
  #nextJob = 0;
  #failure: Error | undefined;
  #closing = false;

  constructor(size: number, settings: PrepareSettings, lookup: (collection: string) => Promise<CollectionInfo | undefined>, script: URL = WORKER_SCRIPT) {
    this.#lookup = lookup;
    for (let i = 0; i < size; i++) {
      // A young generation larger than the default: parsing makes short-lived garbage fast, and scavenges of a
      // small one cost much of the worker's time.
      const worker = new Worker(script, { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, pending: new Map() };
      slot.worker.on('message', (message: FromWorker) => this.#onMessage(slot, message));
      slot.worker.on('error', (error) => this.#fail(error));
      slot.worker.on('exit', (code) => {
        if (!this.#closing) this.#fail(new Error(`an item preparation worker stopped unexpectedly (exit code ${code})`));
      });
      this.#slots.push(slot);
    }
  }

  /** The items and rejects of a chunk, in line order. The chunk's memory moves to the worker. */
  prepare(file: string, chunk: LineChunk): Promise<Prepared[]> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    // The least busy worker: chunks are about the same size.
    let slot = this.#slots[0] as Slot;
    for (const s of this.#slots) if (s.pending.size < slot.pending.size) slot = s;
    const job = this.#nextJob++;
    const message: ChunkJob = { type: 'chunk', job, file, bytes: chunk.bytes, firstLine: chunk.firstLine };
    return new Promise<Prepared[]>((resolve, reject) => {
      slot.pending.set(job, { file, resolve, reject });
      slot.worker.postMessage(message, [chunk.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'lookup') {
      this.#lookup(message.collection).then(
        (info) => slot.worker.postMessage({ type: 'info', collection: message.collection, info: info ?? null } satisfies ToWorker),
        (error: unknown) => this.#fail(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    const pending = slot.pending.get(message.job);
    if (pending === undefined) return;
    slot.pending.delete(message.job);
    if (message.type === 'done') pending.resolve(chunkEntries(pending.file, message.chunk));
    else {
      const error = new Error(message.message);
      if (message.stack !== undefined) error.stack = message.stack;
      pending.reject(error);
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const slot of this.#slots) {
      for (const pending of slot.pending.values()) pending.reject(this.#failure);
      slot.pending.clear();
    }
    void this.close();
  }
}
