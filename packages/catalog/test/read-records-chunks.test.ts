import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chunkText, lineChunks, splitLines } from '../src/ingest/lines.js';
import { PreparePool } from '../src/ingest/prepare-pool.js';
import { tempFile } from './fixtures.js';

/** A small deterministic generator, so that a failing case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Text of letters, "é" (two bytes in UTF-8), CR and LF, so that CRLF, lone CRs and blank lines all occur. */
function randomText(next: () => number, length: number): string {
  const alphabet = ['a', 'b', 'é', '\r', '\n', '\n'];
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
  return text;
}

/** The bytes cut into pieces of random sizes, as a stream delivers them. */
function pieces(next: () => number, bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = 1 + Math.floor(next() * 7);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** Lines and their numbers as node's readline gives them: the reference the chunked reading must agree with. */
async function readlineLines(parts: Buffer[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  let n = 0;
  for await (const line of createInterface({ input: Readable.from(parts), crlfDelay: Number.POSITIVE_INFINITY })) out.push([++n, line]);
  return out;
}

async function chunkedLines(parts: Buffer[], chunkBytes: number): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const chunk of lineChunks(Readable.from(parts), chunkBytes)) {
    splitLines(chunkText(chunk.bytes)).forEach((line, i) => {
      out.push([chunk.firstLine + i, line]);
    });
  }
  return out;
}

describe('lineChunks and splitLines', () => {
  it('give the lines and line numbers readline gives, however the bytes arrive and whatever the chunk size', async () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const bytes = Buffer.from(randomText(next, Math.floor(next() * 60)));
      const parts = pieces(next, bytes);
      const expected = await readlineLines(parts);
      for (const chunkBytes of [1, 3, 16, 1024]) {
        assert.deepEqual(await chunkedLines(parts, chunkBytes), expected, `round ${round}, chunks of ${chunkBytes}: ${JSON.stringify(bytes.toString())}`);
      }
    }
  });

  it('cuts chunks only after a line break, each owning its own memory', async () => {
    const parts = ['one\r\n', 'two\r', 'three\n', 'four'].map((p) => Buffer.from(p));
    const chunks = [];
    for await (const chunk of lineChunks(Readable.from(parts), 4)) chunks.push(chunk);
    // 'two\r' is not cut alone: its final CR could be the first half of a CRLF.
    assert.deepEqual(
      chunks.map((c) => [c.firstLine, chunkText(c.bytes)]),
      [
        [1, 'one\r\n'],
        [2, 'two\rthree\n'],
        [4, 'four'],
      ],
    );
    for (const c of chunks) assert.equal(c.bytes.byteOffset, 0);
    assert.equal(new Set(chunks.map((c) => c.bytes.buffer)).size, chunks.length);
  });

  it('does not cut between the CR and LF of a CRLF that arrive in different pieces', async () => {
    const chunks = [];
    for await (const chunk of lineChunks(Readable.from([Buffer.from('abc\r'), Buffer.from('\ndef\n')]), 2)) chunks.push(chunk);
    // 'abc\r' alone may not be cut (its CR may start a CRLF); with the next piece, the cut is after the last LF.
    assert.deepEqual(
      chunks.map((c) => [c.firstLine, chunkText(c.bytes)]),
      [[1, 'abc\r\ndef\n']],
    );
  });
});

describe('PreparePool', () => {
  const settings = { keepParts: false };
  const chunk = () => ({ bytes: new Uint8Array(Buffer.from('{"id": "x"}\n')), firstLine: 1 });

  it('rejects pending chunks with the error of a worker that crashes, instead of waiting for it', async () => {
    const script = tempFile('crash.mjs', "throw new Error('this worker cannot start');\n");
    const pool = new PreparePool(1, settings, async () => undefined, pathToFileURL(script));
    try {
      await assert.rejects(pool.prepare('f.ndjson', chunk()), /this worker cannot start/);
      await assert.rejects(pool.prepare('f.ndjson', chunk()), /this worker cannot start/, 'and every chunk after it');
    } finally {
      await pool.close();
    }
  });

  it('rejects pending chunks when a worker exits', async () => {
    const dir = tempFile('unused', '').replace(/unused$/, '');
    const script = join(dir, 'exit.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const pool = new PreparePool(1, settings, async () => undefined, pathToFileURL(script));
    try {
      await assert.rejects(pool.prepare('f.ndjson', chunk()), /stopped unexpectedly \(exit code 3\)/);
    } finally {
      await pool.close();
    }
  });

  it('rejects the chunk that needs a collection when the lookup fails', async () => {
    const failing = async () => {
      throw new Error('connection lost');
    };
    const pool = new PreparePool(1, settings, failing);
    const item = {
      type: 'Feature',
      stac_version: '1.0.0',
      id: 'x',
      collection: 'c',
      geometry: { type: 'Point', coordinates: [1, 2] },
      bbox: [1, 2, 1, 2],
      properties: { datetime: '2021-01-01T00:00:00Z' },
      links: [],
      assets: {},
    };
    try {
      await assert.rejects(pool.prepare('f.ndjson', { bytes: new Uint8Array(Buffer.from(`${JSON.stringify(item)}\n`)), firstLine: 1 }), /connection lost/);
    } finally {
      await pool.close();
    }
  });
});
