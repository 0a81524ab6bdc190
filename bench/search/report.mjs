#!/usr/bin/env node
// Prints the search benchmark's table and writes its figures as JSON.
//
// usage: report.mjs MEASURED_JSON FACTS_FILE OUT_JSON
//   MEASURED_JSON: what measure.mjs wrote (servers pqe, pgstac and maybe pqe-pglite, in that order)
//   FACTS_FILE: key=value lines about the machine and the run
import { readFileSync, writeFileSync } from 'node:fs';

const [measuredPath, factsPath, outPath] = process.argv.slice(2);
if (outPath === undefined) throw new Error('usage: report.mjs MEASURED_JSON FACTS_FILE OUT_JSON');

const measured = JSON.parse(readFileSync(measuredPath, 'utf8'));
const facts = {};
for (const line of readFileSync(factsPath, 'utf8').split('\n')) {
  const at = line.indexOf('=');
  if (at > 0) facts[line.slice(0, at)] = line.slice(at + 1);
}

/** pqe's median over the peer's must be at most this for a query to meet the target. */
const TARGET = 0.5;
const pglite = measured.servers.includes('pqe-pglite');

const results = measured.queries.map((q) => {
  const ratio = q.stats.pqe.median_ms / q.stats.pgstac.median_ms;
  return {
    key: q.key,
    title: q.title,
    pages: q.pages,
    pqe: q.stats.pqe,
    pgstac: q.stats.pgstac,
    ...(pglite ? { pqe_pglite: q.stats['pqe-pglite'] } : {}),
    ratio_pqe_over_pgstac: ratio,
    target: `<= ${TARGET}`,
    met: ratio <= TARGET,
    mismatches: q.mismatches,
  };
});

const fmt = (value, digits) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const header = ['query', 'pqe median ms', 'pqe p95', 'peer median ms', 'peer p95', 'pqe/peer', 'target'];
if (pglite) header.push('PGlite median ms', 'PGlite p95');
header.push('items (pqe/peer)', 'KB (pqe/peer)');
const rows = results.map((r) => {
  const row = [
    r.key,
    fmt(r.pqe.median_ms, 2),
    fmt(r.pqe.p95_ms, 2),
    fmt(r.pgstac.median_ms, 2),
    fmt(r.pgstac.p95_ms, 2),
    fmt(r.ratio_pqe_over_pgstac, 3),
    r.met ? 'met' : 'NOT met',
  ];
  if (pglite) row.push(fmt(r.pqe_pglite.median_ms, 2), fmt(r.pqe_pglite.p95_ms, 2));
  row.push(`${fmt(r.pqe.mean_returned, 1)}/${fmt(r.pgstac.mean_returned, 1)}`, `${fmt(r.pqe.median_bytes / 1024, 0)}/${fmt(r.pgstac.median_bytes / 1024, 0)}`);
  return row;
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

const out = [];
out.push('');
out.push(
  `search benchmark: ${Number(facts.items).toLocaleString('en-US')} items in ${facts.collections} collections; ${measured.requests} timed requests per query ` +
    `after ${measured.warmup} warm-up, one at a time, keep-alive, accept-encoding ${measured.encoding}`,
);
out.push(`machine: ${facts.nproc} cores (${facts.cpu}), ${facts.memory}, load average at start ${facts.loadavg_before}; node ${facts.node}`);
out.push(`server: ${facts.postgres}; PostGIS ${facts.postgis}; ${facts.server_settings}${facts.server_started === 'yes' ? ' (throwaway server)' : ''}`);
out.push(`pqe (sources ${facts.pqe_source_sha256}): ${facts.pqe_settings}`);
out.push(`peer: stac-fastapi-pgstac ${facts.stac_fastapi_pgstac} on uvicorn ${facts.uvicorn} (1 worker), pgstac ${facts.pgstac}; ${facts.peer_settings}`);
out.push('');
out.push(line(header));
out.push(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) out.push(line(row));
out.push('');
out.push(
  `pqe/peer is the ratio of the medians (target <= ${TARGET}: pqe at least twice as fast); "paging" times its ${results.find((r) => r.key === 'paging')?.pages ?? 5} requests together.`,
);
out.push('items: mean features per request (per 5 pages for paging); KB: median response body.');
const met = results.filter((r) => r.met).length;
out.push(
  `target met on ${met} of ${results.length} queries${
    met < results.length
      ? `; not on: ${results
          .filter((r) => !r.met)
          .map((r) => r.key)
          .join(', ')}`
      : ''
  }`,
);

const mismatched = results.filter((r) => r.mismatches.length > 0);
if (mismatched.length === 0) {
  out.push(`answers: every request gave the same items in the same order on ${measured.servers.join(', ')}`);
} else {
  out.push('');
  out.push('!!! MISMATCHES: the servers did not answer every request alike !!!');
  for (const r of mismatched) {
    const bySet = r.mismatches.filter((m) => m.sameSet).length;
    const servers = [...new Set(r.mismatches.map((m) => m.server))].join(', ');
    out.push(`  ${r.key}: ${r.mismatches.length} of ${measured.requests + measured.warmup} requests differ (${servers}); ${bySet} of them only in order`);
    const m = r.mismatches[0];
    out.push(`    e.g. #${m.index} ${m.request.method} ${m.request.path}${m.request.body ? ` ${JSON.stringify(m.request.body).slice(0, 160)}` : ''}`);
    out.push(`    counts ${JSON.stringify(m.counts)}, first difference at position ${m.firstDifference}`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);

const mismatchCount = results.reduce((n, r) => n + r.mismatches.length, 0);
writeFileSync(
  outPath,
  `${JSON.stringify({ generated_at: new Date().toISOString(), facts, target: `pqe median / peer median <= ${TARGET}`, mismatches: mismatchCount, results }, null, 2)}\n`,
);
process.stdout.write(`\nfigures written to ${outPath}\n`);
