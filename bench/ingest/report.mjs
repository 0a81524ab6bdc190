#!/usr/bin/env node
// Prints the ingest benchmark's table and writes its figures as JSON.
//
// usage: report.mjs RUNS_TSV FACTS_FILE OUT_JSON
//   RUNS_TSV: method <TAB> round <TAB> seconds <TAB> rows, one line per timed load
//   FACTS_FILE: key=value lines about the machine and the run (items, batch_size, ...)
import { readFileSync, writeFileSync } from 'node:fs';

const [runsPath, factsPath, outPath] = process.argv.slice(2);
if (outPath === undefined) throw new Error('usage: report.mjs RUNS_TSV FACTS_FILE OUT_JSON');

const METHODS = [
  { key: 'copy', label: 'COPY floor (psql \\copy, PostgreSQL)' },
  { key: 'pqe', label: 'pqe load items (PostgreSQL)' },
  { key: 'pypgstac', label: 'pypgstac load items (PostgreSQL)' },
  { key: 'pglite', label: 'pqe load items (PGlite, embedded)' },
];

const facts = {};
for (const line of readFileSync(factsPath, 'utf8').split('\n')) {
  const at = line.indexOf('=');
  if (at > 0) facts[line.slice(0, at)] = line.slice(at + 1);
}
const items = Number(facts.items);

const runs = readFileSync(runsPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [method, round, seconds, rows] = line.split('\t');
    return { method, round: Number(round), seconds: Number(seconds), rows: Number(rows) };
  });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const results = {};
for (const { key, label } of METHODS) {
  const seconds = runs.filter((r) => r.method === key).map((r) => r.seconds);
  if (seconds.length === 0) continue;
  const best = Math.min(...seconds);
  const med = median(seconds);
  results[key] = {
    label,
    runs_seconds: seconds,
    best_seconds: best,
    median_seconds: med,
    best_items_per_second: items / best,
    median_items_per_second: items / med,
  };
}

/** Throughput of a over throughput of b (b's seconds over a's), on the median and on the best runs. */
function ratio(a, b) {
  const ra = results[a];
  const rb = results[b];
  if (ra === undefined || rb === undefined) return undefined;
  return { median: rb.median_seconds / ra.median_seconds, best: rb.best_seconds / ra.best_seconds };
}
for (const [key, result] of Object.entries(results)) {
  const r = ratio(key, 'copy');
  if (r !== undefined) result.vs_copy = r;
}

const targets = {
  pqe_over_copy: { ...ratio('pqe', 'copy'), target: '>= 0.5' },
  pqe_over_pypgstac: { ...ratio('pqe', 'pypgstac'), target: '> 1' },
};
targets.pqe_over_copy.met = targets.pqe_over_copy.median === undefined ? undefined : targets.pqe_over_copy.median >= 0.5;
targets.pqe_over_pypgstac.met = targets.pqe_over_pypgstac.median === undefined ? undefined : targets.pqe_over_pypgstac.median > 1;

const fmt = (value, digits) => (value === undefined ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const header = ['method', 'runs', 'best s', 'median s', 'items/s (median)', 'items/s (best)', 'x COPY (median)'];
const rows = Object.values(results).map((r) => [
  r.label,
  String(r.runs_seconds.length),
  fmt(r.best_seconds, 2),
  fmt(r.median_seconds, 2),
  fmt(r.median_items_per_second, 0),
  fmt(r.best_items_per_second, 0),
  fmt(r.vs_copy?.median, 3),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

const out = [];
out.push('');
out.push(
  `ingest benchmark: ${items.toLocaleString('en-US')} items (${facts.items_file_mb} MB NDJSON), pqe --batch-size ${facts.batch_size}, ` +
    `pypgstac chunk size ${facts.pypgstac_chunksize}, ${facts.repeat} round(s)`,
);
out.push(
  `machine: ${facts.nproc} cores (${facts.cpu}), ${facts.memory}, load average at start ${facts.loadavg_before}; ` +
    `node ${facts.node}; pypgstac ${facts.pypgstac} (pgstac ${facts.pgstac})`,
);
out.push(`server: ${facts.postgres}; PostGIS ${facts.postgis}; ${facts.server_settings}${facts.server_started === 'yes' ? ' (throwaway server)' : ''}`);
out.push('');
out.push(line(header));
out.push(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) out.push(line(row));
out.push('');
const verdict = (t) => (t.met === undefined ? '' : t.met ? '  [met]' : '  [NOT met]');
out.push(
  `pqe / COPY     = ${fmt(targets.pqe_over_copy.median, 3)} (best runs: ${fmt(targets.pqe_over_copy.best, 3)}), target >= 0.5${verdict(targets.pqe_over_copy)}`,
);
out.push(
  `pqe / pypgstac = ${fmt(targets.pqe_over_pypgstac.median, 3)} (best runs: ${fmt(targets.pqe_over_pypgstac.best, 3)}), target > 1${verdict(targets.pqe_over_pypgstac)}`,
);
out.push(`(ratios are of items/s; the PGlite row's "x COPY" compares an embedded load with a COPY on the server)`);
process.stdout.write(`${out.join('\n')}\n`);

writeFileSync(outPath, `${JSON.stringify({ generated_at: new Date().toISOString(), facts, results, targets, runs }, null, 2)}\n`);
process.stdout.write(`\nfigures written to ${outPath}\n`);
