import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Database } from '../src/database/database.js';
import { loadCollections } from '../src/ingest/load-collections.js';
import { type LoadItemFilesOptions, loadItemFiles, type Reject } from '../src/ingest/load-items.js';
import { readRecords } from '../src/ingest/read-records.js';
import { getItem } from '../src/items/read-items.js';
import type { JsonObject } from '../src/stac/dehydrate.js';
import { describeEachDatabase } from '../src/testing/test-databases.js';
import { makeCollection, makeItem, ndjson, tempFile } from './fixtures.js';

async function load(db: Database, files: readonly string[], options: Partial<LoadItemFilesOptions> = {}) {
  const rejects: Reject[] = [];
  const summary = await loadItemFiles(db, files, { method: 'insert', batchSize: 3, onReject: (r) => rejects.push(r), ...options });
  return { summary, rejects };
}

async function rows(db: Database, collection: string): Promise<[string, string][]> {
  const { rows } = await db.query<{ id: string; content: string }>('SELECT id, content::text AS content FROM pqe.items WHERE collection = $1 ORDER BY id', [
    collection,
  ]);
  return rows.map((r) => [r.id, r.content]);
}

const line = (item: JsonObject) => JSON.stringify(item);

/**
 * NDJSON with everything the line reader must get right. Its lines, numbered by hand: 1 BOM + item a; 2 blank;
 * 3 item b (CRLF, control characters and non-ASCII text); 4 not JSON; 5 item c (lone CR); 6 a FeatureCollection of d and e; 7 unknown collection;
 * 8 a NUL in a property; 9 a second "a" (a duplicate in the same batch of 3 under insert); 10 item f, no newline.
 */
function trickyNdjson(collection: string): string {
  const b = makeItem(collection, 'b', { lon: 1 });
  (b.properties as JsonObject).title = 'a tab\t, a newline\n, a CR\r, a backslash \\ and a "quote"';
  // Beyond ASCII (2-, 3- and 4-byte UTF-8): the worker's UTF-8 buffer of COPY lines must grow past its first guess.
  (b.properties as JsonObject)['pqe:note'] = 'Zürich, 東京, 🛰️ '.repeat(40);
  const nul = makeItem(collection, 'nul');
  (nul.properties as JsonObject).title = 'a\u0000b';
  return [
    `\uFEFF${line(makeItem(collection, 'a'))}\n`,
    '   \n',
    `${line(b)}\r\n`,
    '{"type": "Feature", "id": \n',
    `${line(makeItem(collection, 'c', { lon: 2 }))}\r`,
    `${JSON.stringify({ type: 'FeatureCollection', features: [makeItem(collection, 'd', { lon: 3 }), makeItem(collection, 'e', { lon: 4 })] })}\n`,
    `${line(makeItem('nowhere', 'lost'))}\n`,
    `${line(nul)}\n`,
    `${line(makeItem(collection, 'a', { lon: 5 }))}\n`,
    line(makeItem(collection, 'f', { lon: 6 })),
  ].join('');
}

describeEachDatabase('loading item files with worker threads', (ctx) => {
  it('gives the same rejects, failed batches and rows as preparing on the main thread, whatever the chunk size', async () => {
    const c = 'workers';
    await loadCollections(ctx.db, readRecords(tempFile('c.json', JSON.stringify(makeCollection(c)))), { method: 'upsert' });
    const file = tempFile('tricky.ndjson', trickyNdjson(c));
    const outcome = async (options: Partial<LoadItemFilesOptions>) => {
      await ctx.db.query('DELETE FROM pqe.items WHERE collection = $1', [c]);
      const { summary, rejects } = await load(ctx.db, [file], options);
      return { summary, rejects, rows: await rows(ctx.db, c) };
    };
    const here = await outcome({ workers: 0 });
    assert.deepEqual(
      here.rejects.map((r) => [r.line, r.id]),
      [
        [4, undefined],
        [7, 'lost'],
        [8, 'nul'],
      ],
    );
    // Batches of 3 items: [a b c] [d e a] [f]; the second holds "a" twice, so it fails whole under insert.
    assert.deepEqual(
      here.summary.failedBatches.map((b) => [b.firstLine, b.lastLine, b.items]),
      [[`${file}:6`, `${file}:9`, 3]],
    );
    assert.deepEqual(
      here.rows.map(([id]) => id),
      ['a', 'b', 'c', 'f'],
    );
    const b = (await getItem(ctx.db, c, 'b')) as JsonObject;
    assert.equal((b.properties as JsonObject).title, 'a tab\t, a newline\n, a CR\r, a backslash \\ and a "quote"');
    for (const [workers, chunkBytes] of [
      [1, 1],
      [1, 700],
      [2, 1],
      [2, 1 << 20],
    ] as const) {
      assert.deepEqual(await outcome({ workers, chunkBytes }), here, `${workers} worker(s), chunks of ${chunkBytes} bytes`);
    }
    // Under upsert the later "a" wins, as on the main thread: a b c, then d e and a again (it changed), then f.
    const upserted = await outcome({ workers: 1, chunkBytes: 700, method: 'upsert' });
    assert.deepEqual(upserted, await outcome({ workers: 0, method: 'upsert' }));
    assert.equal(upserted.summary.loaded, 7);
  });

  it('reads gzipped NDJSON from standard input, and a pretty-printed FeatureCollection, in one load', async () => {
    const c = 'stdin-workers';
    await loadCollections(ctx.db, readRecords(tempFile('c.json', JSON.stringify(makeCollection(c)))), { method: 'upsert' });
    const items = Array.from({ length: 8 }, (_, i) => makeItem(c, `s${i}`, { lon: i }));
    const stdin = Readable.from([gzipSync(ndjson(items.slice(0, 5)))]);
    const pretty = tempFile('fc.json', JSON.stringify({ type: 'FeatureCollection', features: items.slice(5) }, null, 2));
    const { summary, rejects } = await load(ctx.db, ['-', pretty], { workers: 1, chunkBytes: 100, stdin });
    assert.deepEqual(rejects, []);
    assert.equal(summary.loaded, 8);
    assert.deepEqual(
      (await rows(ctx.db, c)).map(([id]) => id),
      items.map((item) => item.id),
    );
  });

  it('still reads the other lines when the first line is broken', async () => {
    const c = 'broken-first';
    await loadCollections(ctx.db, readRecords(tempFile('c.json', JSON.stringify(makeCollection(c)))), { method: 'upsert' });
    const file = tempFile('broken.ndjson', `{"id": \n${ndjson([makeItem(c, 'x'), makeItem(c, 'y')])}`);
    const { summary, rejects } = await load(ctx.db, [file], { workers: 1 });
    assert.deepEqual(
      rejects.map((r) => r.line),
      [1],
    );
    assert.equal(summary.loaded, 2);
  });

  it('leaves whole batches only when stopped', async () => {
    const c = 'stopped';
    await loadCollections(ctx.db, readRecords(tempFile('c.json', JSON.stringify(makeCollection(c)))), { method: 'upsert' });
    const file = tempFile('many.ndjson', ndjson(Array.from({ length: 40 }, (_, i) => makeItem(c, `m${i}`, { lon: i % 170 }))));
    const controller = new AbortController();
    await assert.rejects(
      load(ctx.db, [file], { workers: 1, chunkBytes: 1500, batchSize: 4, signal: controller.signal, onProgress: () => controller.abort() }),
      /cancelled/,
    );
    const stored = (await rows(ctx.db, c)).length;
    assert.ok(stored > 0 && stored < 40 && stored % 4 === 0, `${stored} items stored`);
  });
});
