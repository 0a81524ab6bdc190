import { isAscii } from 'node:buffer';
import { AppError } from '@pqe/common';

/** Whole lines of an input as raw bytes: `bytes` has its own ArrayBuffer (it can be transferred to a worker). */
export interface LineChunk {
  bytes: Uint8Array;
  /** 1-based number of the chunk's first line in the input. */
  firstLine: number;
}

const LF = 10;
const CR = 13;

/** The longest line read: V8 cannot hold a longer string anyway, so a longer line can only be a broken file. */
export const MAX_LINE_BYTES = 512 * 1024 * 1024;

/** The line breaks in `bytes`: LF, CRLF (one break) and a lone CR, as node's readline counts them. */
export function countLineBreaks(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
  for (let i = bytes.indexOf(CR); i !== -1; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) n++;
  return n;
}

/** Where a chunk of `bytes` may end: after its last LF, else after its last CR that is not its final byte (that
 * one may be the first half of a CRLF); 0 when no line ends in it. */
function cutPoint(bytes: Buffer): number {
  const lf = bytes.lastIndexOf(LF);
  if (lf !== -1) return lf + 1;
  return bytes.length < 2 ? 0 : bytes.lastIndexOf(CR, bytes.length - 2) + 1;
}

/**
 * Cuts a byte stream into chunks of whole lines of about `chunkBytes` each (more when a line is longer). Splitting
 * on bytes is safe for UTF-8: CR and LF never occur inside a multi-byte sequence.
 */
export async function* lineChunks(input: AsyncIterable<Buffer | string>, chunkBytes: number): AsyncGenerator<LineChunk> {
  let parts: Buffer[] = [];
  let size = 0;
  let wanted = chunkBytes;
  let nextLine = 1;
  const take = (whole: Buffer, end: number): LineChunk => {
    const chunk = { bytes: new Uint8Array(whole.buffer, whole.byteOffset, end), firstLine: nextLine };
    nextLine += countLineBreaks(whole.subarray(0, end));
    return chunk;
  };
  for await (const piece of input) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    parts.push(bytes);
    size += bytes.length;
    if (size < wanted) continue;
    // A fresh, unpooled buffer, so that the chunk owns its memory.
    const whole = Buffer.from(new ArrayBuffer(size));
    let at = 0;
    for (const part of parts) {
      whole.set(part, at);
      at += part.length;
    }
    const cut = cutPoint(whole);
    if (cut === 0) {
      if (size > MAX_LINE_BYTES)
        throw new AppError('BadRequest', `line ${nextLine} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB: is this a JSON or NDJSON file?`);
      // One line longer than a chunk: wait for twice as much, so that a long line is copied a few times, not once per piece.
      parts = [whole];
      wanted = size * 2;
      continue;
    }
    const rest = whole.subarray(cut);
    parts = rest.length === 0 ? [] : [Buffer.from(rest)];
    size = rest.length;
    wanted = chunkBytes;
    yield take(whole, cut);
  }
  if (size === 0) return;
  const whole = Buffer.from(new ArrayBuffer(size));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  yield take(whole, size);
}

/** The text of a chunk. */
export function chunkText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // Plain ASCII, the common case, is copied as it is; UTF-8 decoding costs more.
  return isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8');
}

/** The lines of a text: ended by LF, CRLF or a lone CR (as readline splits them); no empty line after a final break. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  if (text.indexOf('\r') === -1) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
      lines.push(text.slice(start, i));
      start = i + 1;
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      lines.push(text.slice(start, i));
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
