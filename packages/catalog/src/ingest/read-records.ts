import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '@pqe/common';
import { jsonElementLines } from './json-element-lines.js';
import { chunkText, type LineChunk, lineChunks, splitLines } from './lines.js';

/** One record of an input file: a parsed JSON value, or the reason the line could not be parsed. */
export interface SourceRecord {
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  value?: unknown;
  error?: string;
}

/** Opens a file, or standard input for "-", transparently gunzipping gzip content (detected by magic bytes). */
export async function openInput(file: string, stdin: Readable = process.stdin): Promise<Readable> {
  const raw: Readable = file === '-' ? stdin : createReadStream(file);
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const readError = (error: unknown) =>
    new AppError('BadRequest', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
      cause: error,
    });
  // The first two bytes decide whether the input is gzip; they may arrive in more than one chunk.
  let head = Buffer.alloc(0);
  let ended = false;
  try {
    while (head.length < 2) {
      const next = await chunks.next();
      if (next.done === true) {
        ended = true;
        break;
      }
      head = Buffer.concat([head, Buffer.from(next.value)]);
    }
  } catch (error) {
    throw readError(error);
  }
  const whole = Readable.from(
    (async function* () {
      if (head.length > 0) yield head;
      if (ended) return;
      for (;;) {
        const next = await chunks.next();
        if (next.done === true) return;
        yield Buffer.from(next.value);
      }
    })(),
  );
  const gzipped = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const out = new PassThrough();
  const source = gzipped ? whole.pipe(createGunzip()) : whole;
  whole.on('error', (error) => out.destroy(readError(error)));
  if (gzipped) source.on('error', (error) => out.destroy(readError(error)));
  return source.pipe(out);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function* unwrap(file: string, line: number, value: unknown, lines?: number[]): Generator<SourceRecord> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield { file, line: lines?.[i] ?? line, value: value[i] };
  } else if (isObject(value) && value.type === 'FeatureCollection' && Array.isArray(value.features)) {
    for (let i = 0; i < value.features.length; i++) yield { file, line: lines?.[i] ?? line, value: value.features[i] };
  } else {
    yield { file, line, value };
  }
}

type LineParse = { ok: true; value: unknown } | { ok: false; message: string };

function parseLine(trimmed: string): LineParse {
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** The records of one NDJSON line (a line may hold a FeatureCollection), or the reason it is not JSON. */
function* ndjsonLine(file: string, line: number, parsed: LineParse): Generator<SourceRecord> {
  if (parsed.ok) yield* unwrap(file, line, parsed.value);
  else yield { file, line, error: `not valid JSON: ${parsed.message}` };
}

const withoutBom = (line: string) => (line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);

/** The records of a chunk of NDJSON lines whose first line is `firstLine`; blank lines are skipped but counted. */
export function* ndjsonRecords(file: string, text: string, firstLine: number): Generator<SourceRecord> {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = withoutBom(lines[i] as string).trim();
    if (trimmed !== '') yield* ndjsonLine(file, firstLine + i, parseLine(trimmed));
  }
}

/** Bytes of NDJSON per chunk: enough to make a chunk's overhead small, few enough to keep memory bounded. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** A part of an input: a chunk of whole NDJSON lines, still raw, or a record of a JSON document. */
export type InputPart = { kind: 'ndjson'; file: string; chunk: LineChunk } | { kind: 'record'; record: SourceRecord };

/** How an input reads, decided by its first non-blank line: a whole JSON object on one line means NDJSON. */
function detect(chunk: LineChunk): 'detect' | 'ndjson' | 'document' {
  for (const line of splitLines(chunkText(chunk.bytes))) {
    const trimmed = withoutBom(line).trim();
    if (trimmed === '') continue;
    return trimmed.startsWith('{') && parseLine(trimmed).ok ? 'ndjson' : 'document';
  }
  return 'detect';
}

/**
 * Reads one input as parts: NDJSON as chunks of raw lines (for the caller to parse, maybe elsewhere), any other
 * form (a JSON array, a FeatureCollection / ItemCollection, a single object, pretty-printed or not) read whole
 * and given as records. Gzip is undone first.
 */
export async function* readInput(file: string, stdin?: Readable, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<InputPart> {
  const input = await openInput(file, stdin);
  let mode: 'detect' | 'ndjson' | 'document' = 'detect';
  const held: LineChunk[] = [];
  try {
    for await (const chunk of lineChunks(input, chunkBytes)) {
      if (mode === 'ndjson') {
        yield { kind: 'ndjson', file, chunk };
        continue;
      }
      held.push(chunk);
      if (mode === 'detect') mode = detect(chunk);
      if (mode === 'ndjson') for (const c of held.splice(0)) yield { kind: 'ndjson', file, chunk: c };
    }
  } finally {
    input.destroy();
  }
  if (mode !== 'document') return;
  for (const record of documentRecords(
    file,
    held.flatMap((c) => splitLines(chunkText(c.bytes))),
  ))
    yield { kind: 'record', record };
}

function* documentRecords(file: string, documentLines: string[]): Generator<SourceRecord> {
  const text = withoutBom(documentLines.join('\n'));
  const whole = parseLine(text);
  if (whole.ok) {
    yield* unwrap(file, 1, whole.value, jsonElementLines(text));
    return;
  }
  // NDJSON whose first line is broken: read it line by line after all, so one bad line costs one record.
  const lines = documentLines.map((line) => withoutBom(line).trim());
  if (lines.slice(1).some((line) => line.startsWith('{') && isObject((parseLine(line) as { value?: unknown }).value))) {
    for (let i = 0; i < lines.length; i++) if (lines[i] !== '') yield* ndjsonLine(file, i + 1, parseLine(lines[i] as string));
    return;
  }
  yield { file, line: 1, error: `neither NDJSON (one JSON object per line) nor a JSON document: ${whole.message}` };
}

/**
 * Reads the records of one input: NDJSON (one object per line; a line may also hold a FeatureCollection), a JSON
 * array, a FeatureCollection / ItemCollection, or a single object, pretty-printed or not, gzipped or not.
 * NDJSON streams; the other forms are read whole.
 */
export async function* readRecords(file: string, stdin?: Readable): AsyncGenerator<SourceRecord> {
  for await (const part of readInput(file, stdin)) {
    if (part.kind === 'record') yield part.record;
    else yield* ndjsonRecords(file, chunkText(part.chunk.bytes), part.chunk.firstLine);
  }
}
