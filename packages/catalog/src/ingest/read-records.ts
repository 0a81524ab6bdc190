import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '@pqe/common';
import { jsonElementLines } from './json-element-lines.js';

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

const withoutBom = (line: string) => line.replace(/^\uFEFF/, '');

/**
 * Reads the records of one input: NDJSON (one object per line; a line may also hold a FeatureCollection), a JSON
 * array, a FeatureCollection / ItemCollection, or a single object, pretty-printed or not, gzipped or not.
 * NDJSON streams; the other forms are read whole.
 */
export async function* readRecords(file: string, stdin?: Readable): AsyncGenerator<SourceRecord> {
  const input = await openInput(file, stdin);
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let mode: 'detect' | 'ndjson' | 'document' = 'detect';
  const documentLines: string[] = [];
  try {
    for await (const line of reader) {
      lineNumber++;
      if (mode === 'document') {
        documentLines.push(line);
        continue;
      }
      const trimmed = withoutBom(line).trim();
      if (trimmed === '') {
        if (mode === 'detect') documentLines.push(line);
        continue;
      }
      const parsed = parseLine(trimmed);
      // The first non-blank line decides: a whole JSON object on one line means NDJSON.
      if (mode === 'detect') {
        if (!trimmed.startsWith('{') || !parsed.ok) {
          mode = 'document';
          documentLines.push(line);
          continue;
        }
        mode = 'ndjson';
      }
      yield* ndjsonLine(file, lineNumber, parsed);
    }
  } finally {
    reader.close();
  }
  if (mode !== 'document') return;
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
