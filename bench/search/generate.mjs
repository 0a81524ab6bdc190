#!/usr/bin/env node
// Writes the search benchmark's catalog: C collections and N items spread over them, the same bytes on every run
// for the same N, C and generators. The items are the ingest benchmark's (bench/ingest/generate-items.mjs: invented
// Sentinel-2 L2A scenes over 56°S–72°N, 2019–2024, ~5.5 KB each); item i goes to collection i mod C, so every
// collection covers the whole area and time span. Also writes a sample of (collection, id) pairs, evenly spaced
// over the items, from which the queries pick the ids they ask for.
//
// usage: generate.mjs --items N --collections C --out-dir DIR
// Prints the three paths written (collections NDJSON, items NDJSON, sample JSON); reuses them when their stamp
// says same N, same C and same generators.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ITEMS_GENERATOR = fileURLToPath(new URL('../ingest/generate-items.mjs', import.meta.url));
const SAMPLE_SIZE = 1000;

const { values } = parseArgs({ options: { items: { type: 'string' }, collections: { type: 'string' }, 'out-dir': { type: 'string' } } });
const n = Number(values.items);
const c = Number(values.collections);
const outDir = values['out-dir'];
if (!Number.isInteger(n) || n < 1) throw new Error(`--items must be a positive integer, got ${values.items}`);
if (!Number.isInteger(c) || c < 1 || c > 99) throw new Error(`--collections must be an integer from 1 to 99, got ${values.collections}`);
if (outDir === undefined) throw new Error('--out-dir is required');

const collectionsPath = join(outDir, `collections-c${c}.ndjson`);
const itemsPath = join(outDir, `items-${n}-c${c}.ndjson`);
const samplePath = join(outDir, `sample-${n}-c${c}.json`);
const stampPath = `${itemsPath}.stamp`;
// Both generators' source is part of the stamp, so that a change to either makes the files again.
const sources = createHash('sha256')
  .update(readFileSync(ITEMS_GENERATOR))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex');
const stamp = JSON.stringify({ items: n, collections: c, sources });

const fresh = [collectionsPath, itemsPath, samplePath, stampPath].every(existsSync) && readFileSync(stampPath, 'utf8') === stamp;
if (!fresh) {
  // The ingest generator writes one collection and its items into a folder of ours; they are re-homed below.
  const sourceDir = join(outDir, 'source');
  mkdirSync(sourceDir, { recursive: true });
  const made = spawnSync(process.execPath, [ITEMS_GENERATOR, '--items', String(n), '--out-dir', sourceDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (made.status !== 0) throw new Error(`${ITEMS_GENERATOR} failed (exit ${made.status})`);
  const [sourceCollectionPath, sourceItemsPath] = made.stdout.trim().split('\n');
  if (sourceItemsPath === undefined) throw new Error(`${ITEMS_GENERATOR} printed no paths`);

  const base = JSON.parse(readFileSync(sourceCollectionPath, 'utf8'));
  const ids = Array.from({ length: c }, (_, k) => (c === 1 ? base.id : `${base.id}-${k + 1}`));
  const collections = ids.map((id, k) => ({ ...base, id, title: c === 1 ? base.title : `${base.title} (${k + 1} of ${c})` }));
  writeFileSync(collectionsPath, `${collections.map((col) => JSON.stringify(col)).join('\n')}\n`);

  const tmp = `${itemsPath}.tmp`;
  writeFileSync(tmp, '');
  const step = Math.max(1, Math.floor(n / SAMPLE_SIZE));
  const sample = [];
  const oldHref = `/collections/${base.id}`;
  let lines = [];
  let i = 0;
  for await (const text of createInterface({ input: createReadStream(sourceItemsPath), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (text.trim() === '') continue;
    const item = JSON.parse(text);
    const collection = ids[i % c];
    item.collection = collection;
    for (const link of item.links) link.href = link.href.replace(oldHref, `/collections/${collection}`);
    if (i % step === 0 && sample.length < SAMPLE_SIZE) sample.push({ collection, id: item.id });
    lines.push(JSON.stringify(item));
    i++;
    if (lines.length === 2000) {
      await appendFile(tmp, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) await appendFile(tmp, `${lines.join('\n')}\n`);
  if (i !== n) throw new Error(`${sourceItemsPath} has ${i} items, expected ${n}`);
  renameSync(tmp, itemsPath);
  writeFileSync(samplePath, `${JSON.stringify(sample)}\n`);
  writeFileSync(stampPath, stamp);
  // The single-collection copy is as large as ours (5.5 GB at a million items) and is not needed again.
  rmSync(sourceDir, { recursive: true, force: true });
}
process.stdout.write(`${collectionsPath}\n${itemsPath}\n${samplePath}\n`);
