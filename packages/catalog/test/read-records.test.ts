import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { AppError } from '@pqe/common';
import { jsonElementLines } from '../src/ingest/json-element-lines.js';
import { openInput, readRecords, type SourceRecord } from '../src/ingest/read-records.js';
import { ndjson, tempFile } from './fixtures.js';

async function readAll(file: string, stdin?: Readable): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of readRecords(file, stdin)) out.push(record);
  return out;
}

/** The records of a file with `content`, as [line, value] pairs (or [line, 'error'] for an error record). */
async function linesAndValues(name: string, content: string | Buffer): Promise<[number, unknown][]> {
  const file = tempFile(name, content);
  return (await readAll(file)).map((r) => [r.line, r.error === undefined ? r.value : 'error']);
}

/** A byte stream (not object mode), like process.stdin, that holds `content` and has ended. */
function byteStream(content: string | Buffer): Readable {
  const stream = new PassThrough();
  stream.end(content);
  return stream;
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const prettyArray = `[
  {
    "id": "a",
    "bbox": [1, 2, 3, 4]
  },
  {
    "id": "b"
  },

  {"id": "c"}
]
`;

const prettyFeatureCollection = `{
  "type": "FeatureCollection",
  "links": [
    {"rel": "self", "href": "https://example.com/x]", "features": [1, 2]}
  ],
  "note": "a \\"quoted\\" [bracket] {brace} and features",
  "path": "C:\\\\dir\\\\",
  "numberMatched": 2,
  "features": [
    {
      "type": "Feature",
      "id": "a",
      "title": "holds ] and \\" and [ and }, inside"
    },
    {"type": "Feature", "id": "b", "bbox": [[0, 0], [1, 1]]}
  ],
  "context": [{"returned": 2}]
}
`;

describe('readRecords', () => {
  describe('NDJSON', () => {
    it('reads one record per line, numbering lines from 1', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', ndjson([{ id: 'a' }, { id: 'b' }])), [
        [1, { id: 'a' }],
        [2, { id: 'b' }],
      ]);
    });

    it('names the file in every record', async () => {
      const file = tempFile('a.ndjson', ndjson([{ id: 'a' }]));
      assert.deepEqual(await readAll(file), [{ file, line: 1, value: { id: 'a' } }]);
    });

    it('skips blank lines but counts them', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', '\n{"id":"a"}\n\n   \n{"id":"b"}\n\n'), [
        [2, { id: 'a' }],
        [5, { id: 'b' }],
      ]);
    });

    it('gives a malformed line as a record with an error and its line, and reads on', async () => {
      const file = tempFile('a.ndjson', '{"id":"a"}\n\n{"id": "b",\n{"id":"c"}\n');
      const records = await readAll(file);
      assert.equal(records.length, 3);
      assert.deepEqual(records[0], { file, line: 1, value: { id: 'a' } });
      assert.equal(records[1]?.line, 3);
      assert.equal(records[1]?.value, undefined);
      assert.match(records[1]?.error ?? '', /^not valid JSON: /);
      assert.deepEqual(records[2], { file, line: 4, value: { id: 'c' } });
    });

    it('reads lines ending in CRLF', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', '{"id":"a"}\r\n\r\n{"id":"b"}\r\n'), [
        [1, { id: 'a' }],
        [3, { id: 'b' }],
      ]);
    });

    it('reads a last line without a newline', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', '{"id":"a"}\n{"id":"b"}'), [
        [1, { id: 'a' }],
        [2, { id: 'b' }],
      ]);
    });

    it('unwraps a one-line FeatureCollection, giving each feature the line of the collection', async () => {
      const collection = { type: 'FeatureCollection', features: [{ id: 'b' }, { id: 'c' }] };
      assert.deepEqual(await linesAndValues('a.ndjson', ndjson([{ id: 'a' }, collection, { id: 'd' }])), [
        [1, { id: 'a' }],
        [2, { id: 'b' }],
        [2, { id: 'c' }],
        [3, { id: 'd' }],
      ]);
    });

    it('unwraps a FeatureCollection on the first line', async () => {
      const collection = { type: 'FeatureCollection', features: [{ id: 'a' }, { id: 'b' }] };
      assert.deepEqual(await linesAndValues('a.ndjson', ndjson([collection])), [
        [1, { id: 'a' }],
        [1, { id: 'b' }],
      ]);
    });

    it('unwraps a one-line array after the first line', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', '{"id":"a"}\n[{"id":"b"},{"id":"c"}]\n'), [
        [1, { id: 'a' }],
        [2, { id: 'b' }],
        [2, { id: 'c' }],
      ]);
    });

    it('gives a line that is not an object as its value, for the caller to reject', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', '{"id":"a"}\n42\n'), [
        [1, { id: 'a' }],
        [2, 42],
      ]);
    });

    it('reads a file that starts with a byte order mark', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', '\uFEFF{"id":"a"}\n{"id":"b"}\n'), [
        [1, { id: 'a' }],
        [2, { id: 'b' }],
      ]);
    });

    it('still reads the other lines when the first line is malformed', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', '{"id": "a",\n{"id":"b"}\n{"id":"c"}\n'), [
        [1, 'error'],
        [2, { id: 'b' }],
        [3, { id: 'c' }],
      ]);
    });
  });

  describe('JSON documents', () => {
    it('reads a pretty-printed array, giving each element the line it starts on', async () => {
      assert.deepEqual(await linesAndValues('a.json', prettyArray), [
        [2, { id: 'a', bbox: [1, 2, 3, 4] }],
        [6, { id: 'b' }],
        [10, { id: 'c' }],
      ]);
    });

    it('reads a pretty-printed FeatureCollection, giving each feature the line it starts on, past other arrays and tricky strings', async () => {
      assert.deepEqual(await linesAndValues('fc.json', prettyFeatureCollection), [
        [10, { type: 'Feature', id: 'a', title: 'holds ] and " and [ and }, inside' }],
        [
          15,
          {
            type: 'Feature',
            id: 'b',
            bbox: [
              [0, 0],
              [1, 1],
            ],
          },
        ],
      ]);
    });

    it('reads a pretty-printed single object as one record on line 1', async () => {
      const item = { type: 'Feature', id: 'a', properties: { datetime: null } };
      assert.deepEqual(await linesAndValues('item.json', JSON.stringify(item, null, 2)), [[1, item]]);
    });

    it('reads a pretty-printed object after leading blank lines', async () => {
      assert.deepEqual(await linesAndValues('item.json', '\n\n{\n  "id": "a"\n}\n'), [[1, { id: 'a' }]]);
    });

    it('reads a one-line array', async () => {
      assert.deepEqual(await linesAndValues('a.json', '[{"id":"a"},{"id":"b"}]'), [
        [1, { id: 'a' }],
        [1, { id: 'b' }],
      ]);
    });

    it('reads an empty array as no records', async () => {
      assert.deepEqual(await linesAndValues('a.json', '[\n]\n'), []);
    });

    it('reads a FeatureCollection with no features as no records', async () => {
      assert.deepEqual(await linesAndValues('fc.json', '{\n  "type": "FeatureCollection",\n  "features": []\n}\n'), []);
    });

    it('reads a pretty-printed array that starts with a byte order mark', async () => {
      assert.deepEqual(await linesAndValues('a.json', `\uFEFF${prettyArray}`), [
        [2, { id: 'a', bbox: [1, 2, 3, 4] }],
        [6, { id: 'b' }],
        [10, { id: 'c' }],
      ]);
    });
  });

  describe('gzip', () => {
    it('reads gzipped NDJSON', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson.gz', gzipSync(ndjson([{ id: 'a' }, { id: 'b' }]))), [
        [1, { id: 'a' }],
        [2, { id: 'b' }],
      ]);
    });

    it('reads a gzipped pretty-printed array with the lines of the uncompressed text', async () => {
      assert.deepEqual(await linesAndValues('a.json.gz', gzipSync(prettyArray)), [
        [2, { id: 'a', bbox: [1, 2, 3, 4] }],
        [6, { id: 'b' }],
        [10, { id: 'c' }],
      ]);
    });

    it('detects gzip by its magic bytes, whatever the file is called', async () => {
      assert.deepEqual(await linesAndValues('a.ndjson', gzipSync(ndjson([{ id: 'a' }]))), [[1, { id: 'a' }]]);
    });

    it('reads a large gzipped NDJSON file whole', async () => {
      const values = Array.from({ length: 5000 }, (_, i) => ({ id: `i${i}`, pad: 'x'.repeat(100) }));
      const records = await linesAndValues('big.ndjson.gz', gzipSync(ndjson(values)));
      assert.equal(records.length, 5000);
      assert.deepEqual(records[4999], [5000, values[4999]]);
    });

    it('throws an AppError naming the file when the gzip stream is cut short', async () => {
      const gz = gzipSync(ndjson(Array.from({ length: 1000 }, (_, i) => ({ id: `i${i}` }))));
      const file = tempFile('cut.ndjson.gz', gz.subarray(0, gz.length - 20));
      await assert.rejects(readAll(file), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'BadRequest');
        assert.match(error.message, /^Cannot read .*cut\.ndjson\.gz: unexpected end of file/);
        return true;
      });
    });

    it('throws an AppError when the gzip magic bytes are followed by garbage', async () => {
      const file = tempFile('junk.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5]));
      await assert.rejects(readAll(file), (error: unknown) => error instanceof AppError && /^Cannot read .*junk\.gz: /.test(error.message));
    });
  });

  describe('standard input', () => {
    it('reads NDJSON that arrives in several chunks from the given stream for "-"', async () => {
      const records = await readAll('-', Readable.from(['{"id":"a"}\n', '\n{"id":', '"b"}\n']));
      assert.deepEqual(records, [
        { file: '-', line: 1, value: { id: 'a' } },
        { file: '-', line: 3, value: { id: 'b' } },
      ]);
    });

    it('reads a pretty-printed array from a byte stream for "-"', async () => {
      const records = await readAll('-', byteStream(prettyArray));
      assert.deepEqual(
        records.map((r) => r.line),
        [2, 6, 10],
      );
    });

    it('reads gzipped NDJSON from a byte stream for "-"', async () => {
      const records = await readAll('-', byteStream(gzipSync(ndjson([{ id: 'a' }, { id: 'b' }]))));
      assert.deepEqual(
        records.map((r) => r.value),
        [{ id: 'a' }, { id: 'b' }],
      );
    });

    it('reads gzipped NDJSON whose first byte arrives alone', async () => {
      const gz = gzipSync(ndjson([{ id: 'a' }, { id: 'b' }]));
      const stream = new PassThrough();
      stream.write(gz.subarray(0, 1));
      setTimeout(() => stream.end(gz.subarray(1)), 20);
      const records = await readAll('-', stream);
      assert.deepEqual(
        records.map((r) => r.value),
        [{ id: 'a' }, { id: 'b' }],
      );
    });

    it('reads a stream whose whole content comes in one chunk', async () => {
      const records = await readAll('-', Readable.from([Buffer.from(ndjson([{ id: 'a' }, { id: 'b' }]))]));
      assert.deepEqual(
        records.map((r) => r.value),
        [{ id: 'a' }, { id: 'b' }],
      );
    });

    it('reads a byte stream of a single byte', async () => {
      assert.deepEqual(await readAll('-', byteStream('7')), [{ file: '-', line: 1, value: 7 }]);
    });

    it('reads an empty stream as no records', async () => {
      assert.deepEqual(await readAll('-', Readable.from([])), []);
    });
  });

  describe('files with nothing to read', () => {
    it('reads an empty file as no records', async () => {
      assert.deepEqual(await linesAndValues('empty.ndjson', ''), []);
    });

    it('reads a file of blank lines as no records', async () => {
      assert.deepEqual(await linesAndValues('blank.ndjson', '\n  \n\t\n'), []);
    });

    it('gives a file that is neither NDJSON nor JSON as one error record on line 1', async () => {
      const file = tempFile('notes.txt', 'id,datetime\na,2021-01-01\n');
      const records = await readAll(file);
      assert.equal(records.length, 1);
      assert.equal(records[0]?.line, 1);
      assert.equal(records[0]?.file, file);
      assert.match(records[0]?.error ?? '', /^neither NDJSON \(one JSON object per line\) nor a JSON document: /);
    });

    it('gives a truncated pretty-printed array as one error record', async () => {
      assert.deepEqual(await linesAndValues('cut.json', prettyArray.slice(0, 40)), [[1, 'error']]);
    });

    it('throws an AppError saying "no such file" for a missing file', async () => {
      const file = `${tempFile('x', '')}-missing.ndjson`;
      await assert.rejects(readAll(file), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'BadRequest');
        assert.equal(error.message, `Cannot read ${file}: no such file`);
        return true;
      });
    });
  });
});

describe('openInput', () => {
  it('gives back the bytes of a plain file', async () => {
    assert.equal(await text(await openInput(tempFile('a.txt', 'hello\nworld\n'))), 'hello\nworld\n');
  });

  it('gives back the uncompressed bytes of a gzipped file', async () => {
    assert.equal(await text(await openInput(tempFile('a.gz', gzipSync('hello\nworld\n')))), 'hello\nworld\n');
  });

  it('gives back a file of one byte', async () => {
    assert.equal(await text(await openInput(tempFile('a.txt', '7'))), '7');
  });

  it('gives back a file whose first byte is the first gzip magic byte alone', async () => {
    assert.equal((await text(await openInput(tempFile('a.bin', Buffer.from([0x1f, 0x41]))))).length, 2);
  });

  it('gives back nothing for an empty file', async () => {
    assert.equal(await text(await openInput(tempFile('a.txt', ''))), '');
  });

  it('rejects a missing file with an AppError saying "no such file"', async () => {
    await assert.rejects(openInput('/nonexistent/pqe/input.ndjson'), /^AppError: Cannot read \/nonexistent\/pqe\/input\.ndjson: no such file$/);
  });
});

describe('jsonElementLines', () => {
  const cases: { name: string; text: string; lines: number[] }[] = [
    { name: 'a one-line array', text: '[1, 2, 3]', lines: [1, 1, 1] },
    { name: 'an array of one element per line', text: '[\n1,\n2,\n3\n]', lines: [2, 3, 4] },
    { name: 'an array whose elements start after the comma line', text: '[\n  {"a": 1}\n  ,\n  {"b": 2}\n]', lines: [2, 4] },
    { name: 'an empty array', text: '[]', lines: [] },
    { name: 'an empty pretty-printed array', text: '[\n\n]', lines: [] },
    { name: 'an array of arrays (only the root elements count)', text: '[\n  [1,\n   2],\n  [3]\n]', lines: [2, 4] },
    { name: 'an array of strings holding brackets, commas and escapes', text: '[\n"a,]",\n"b\\"[",\n"c\\\\"\n]', lines: [2, 3, 4] },
    { name: 'a pretty-printed FeatureCollection with arrays and tricky strings before features', text: prettyFeatureCollection, lines: [10, 15] },
    { name: 'a FeatureCollection whose features come first', text: '{"features": [\n{},\n{}\n], "links": [\n1\n]}', lines: [2, 3] },
    { name: 'a FeatureCollection with no features', text: '{"type": "FeatureCollection", "features": []}', lines: [] },
    { name: 'an object whose features key is nested, not at the root', text: '{"a": {"features": [\n1\n]}, "b": [\n2\n]}', lines: [] },
    { name: 'an object with a string value "features" before another array', text: '{"kind": "features", "links": [\n1\n]}', lines: [] },
    { name: 'an object without arrays', text: '{\n"id": "a"\n}', lines: [] },
    { name: 'a scalar', text: '42', lines: [] },
    { name: 'a string that looks like an array', text: '"[1, 2]"', lines: [] },
    { name: 'text with CRLF line endings', text: '[\r\n1,\r\n2\r\n]', lines: [2, 3] },
  ];
  for (const { name, text, lines } of cases) {
    it(`gives the element lines of ${name}`, () => {
      assert.deepEqual(jsonElementLines(text), lines);
    });
  }
});
