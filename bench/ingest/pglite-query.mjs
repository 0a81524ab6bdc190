#!/usr/bin/env node
// Runs one SQL statement on a pqe embedded data dir (the benchmark's check of what a PGlite load wrote) and
// prints its first row, fields tab-separated.
//
// usage: pglite-query.mjs DATA_DIR SQL
const { openDatabase } = await import(new URL('../../packages/catalog/dist/src/index.js', import.meta.url).href);

const [dataDir, sql] = process.argv.slice(2);
if (sql === undefined) throw new Error('usage: pglite-query.mjs DATA_DIR SQL');
const db = await openDatabase({ dataDir });
try {
  const { rows } = await db.query(sql);
  process.stdout.write(`${Object.values(rows[0] ?? {}).join('\t')}\n`);
} finally {
  await db.close();
}
