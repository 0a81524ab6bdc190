import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
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
  const first = await new Promise<Buffer | null>((resolve, reject) => {
    const onReadable = () => {
      cleanup();
      resolve(raw.read(2) ?? raw.read());
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      raw.off('readable', onReadable);
      raw.off('end', onEnd);
      raw.off('error', onError);
    };
    raw.once('readable', onReadable);
    raw.once('end', onEnd);
    raw.once('error', onError);
  }).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('BadRequest', `Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, { cause: error });
  });
  const out = new PassThrough();
  if (first === null) {
    out.end();
    return out;
  }
  raw.unshift(first);
  const gzipped = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  const source = gzipped ? raw.pipe(createGunzip()) : raw;
  source.on('error', (error) => out.destroy(new AppError('BadRequest', `Cannot read ${file}: ${error.message}`, { cause: error })));
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
      const trimmed = line.trim();
      if (trimmed === '') {
        if (mode === 'detect') documentLines.push(line);
        continue;
      }
      if (mode === 'detect') {
        // The first non-blank line decides: a whole JSON object on one line means NDJSON.
        let parsed: unknown;
        let ok = false;
        if (trimmed.startsWith('{')) {
          try {
            parsed = JSON.parse(trimmed);
            ok = true;
          } catch {
            ok = false;
          }
        }
        if (!ok) {
          mode = 'document';
          documentLines.push(line);
          continue;
        }
        mode = 'ndjson';
        yield* unwrap(file, lineNumber, parsed);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (error) {
        yield { file, line: lineNumber, error: `not valid JSON: ${(error as Error).message}` };
        continue;
      }
      yield* unwrap(file, lineNumber, parsed);
    }
  } finally {
    reader.close();
  }
  if (mode !== 'document') return;
  const text = documentLines.join('\n');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    yield { file, line: 1, error: `neither NDJSON (one JSON object per line) nor a JSON document: ${(error as Error).message}` };
    return;
  }
  yield* unwrap(file, 1, parsed, jsonElementLines(text));
}
