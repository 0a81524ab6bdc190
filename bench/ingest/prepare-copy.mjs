#!/usr/bin/env node
// Turns the benchmark items into the exact rows `pqe load items` writes to pqe.items, as a COPY text file, so
// that a bare COPY of them is the floor pqe's loader is measured against. Built with pqe's own functions
// (checkItem, dehydrate against baseItemOf(collection), geometryToEwkbHex, copyField), the same way
// prepareRow in packages/catalog/src/ingest/load-items.ts does. Not timed.
//
// usage: prepare-copy.mjs COLLECTION_JSON ITEMS_NDJSON OUT_TSV
import { createReadStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

const dist = new URL('../../packages/catalog/dist/src/', import.meta.url);
const { copyField } = await import(new URL('ingest/copy-text.js', dist).href);
const { geometryToEwkbHex } = await import(new URL('ingest/wkb.js', dist).href);
const { dehydrate } = await import(new URL('stac/dehydrate.js', dist).href);
const { baseItemOf, checkItem } = await import(new URL('stac/validate-item.js', dist).href);

const [collectionPath, itemsPath, outPath] = process.argv.slice(2);
if (outPath === undefined) throw new Error('usage: prepare-copy.mjs COLLECTION_JSON ITEMS_NDJSON OUT_TSV');

const baseItem = baseItemOf(JSON.parse(readFileSync(collectionPath, 'utf8')));
const tmp = `${outPath}.tmp`;
writeFileSync(tmp, '');
let lines = [];
let count = 0;
for await (const text of createInterface({ input: createReadStream(itemsPath), crlfDelay: Number.POSITIVE_INFINITY })) {
  if (text.trim() === '') continue;
  const check = checkItem(JSON.parse(text));
  if (!check.ok) throw new Error(`item ${count + 1} is not valid: ${check.reason}`);
  const item = check.value;
  const { id: _id, collection: _collection, geometry: _geometry, ...rest } = item.item;
  const content = JSON.stringify(dehydrate(rest, baseItem));
  lines.push(
    `${copyField(item.collection)}\t${copyField(item.id)}\t${geometryToEwkbHex(item.geometry)}\t${item.datetime}\t${item.endDatetime}\t${copyField(content)}\n`,
  );
  count++;
  if (lines.length === 5000) {
    await appendFile(tmp, lines.join(''));
    lines = [];
  }
}
await appendFile(tmp, lines.join(''));
renameSync(tmp, outPath);
process.stdout.write(`${count} rows\n`);
