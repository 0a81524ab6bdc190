import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { generateDemoCatalog, loadCollections, loadItems, type SourceRecord } from '@pqe/catalog';
import { describeEachDatabase } from '@pqe/catalog/testing';
import { createHttpServer, loadConfig, silentLogger } from '@pqe/common';
import type { FastifyInstance } from 'fastify';
import { stacApi } from '../src/stac-api.js';

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'demo', line: ++line, value };
}

/** mulberry32: the same mutations on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  "eo:cloud_cover < 20 AND platform = 'demosat-a'",
  "S_INTERSECTS(geometry, BBOX(-10, 30, 20, 60)) OR id LIKE 'demo%'",
  "T_DURING(datetime, INTERVAL('2023-01-01T00:00:00Z', '2024-06-30T00:00:00Z'))",
  'eo:cloud_cover BETWEEN 1 AND 5 AND NOT (gsd IN (10, 20))',
  "A_CONTAINS(instruments, ('msi')) AND CASEI(constellation) = CASEI('DEMOSAT')",
  'eo:cloud_cover * 2 + 1 >= view:sun_elevation / 3',
  "datetime > TIMESTAMP('2023-05-01T00:00:00Z') AND eo:cloud_cover IS NOT NULL",
];
const PIECES = [
  '(',
  ')',
  "'",
  '"',
  ',',
  ' AND ',
  ' OR ',
  'NOT ',
  '=',
  '<',
  '>=',
  '%',
  '\\',
  '..',
  'BBOX(',
  'POINT(1 2)',
  '1e309',
  '-',
  '::',
  ';',
  '--',
  'NULL',
  '\u0000',
  '𝔘',
];

function mutate(text: string, rand: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const kind = rand();
    if (kind < 0.4) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 4));
    else if (kind < 0.8) out = out.slice(0, at) + (PIECES[Math.floor(rand() * PIECES.length)] as string) + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + out.slice(at + 1);
  }
  return out;
}

function mutateJson(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) {
    const copy = value.map((v) => mutateJson(v, rand));
    if (rand() < 0.2) copy.pop();
    if (rand() < 0.1) copy.push(rand() < 0.5 ? 'x' : { op: 'and', args: [] });
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[rand() < 0.05 ? `${k}x` : k] = mutateJson(v, rand);
    return out;
  }
  if (rand() < 0.1) return [null, true, 1.5, 'op', {}, []][Math.floor(rand() * 6)];
  return value;
}

describeEachDatabase('random and broken filters', (ctx) => {
  let app: FastifyInstance;
  before(async () => {
    const demo = generateDemoCatalog();
    await loadCollections(ctx.db, records(demo.collections), { method: 'upsert' });
    await loadItems(ctx.db, records(demo.items), { method: 'upsert', batchSize: 500 });
    app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: 0 });
    await stacApi(app, { db: ctx.db, config: loadConfig({}) });
  });
  after(async () => {
    await app.close();
  });

  it('answers every mutated cql2-text filter with 200 or 400, never a 5xx', async () => {
    const rand = random(0xf11e);
    const seen = { 200: 0, 400: 0 };
    for (let n = 0; n < 300; n++) {
      const filter = mutate(SEEDS[n % SEEDS.length] as string, rand);
      const res = await app.inject(`/api/stac/v1/search?limit=3&filter=${encodeURIComponent(filter)}`);
      assert.ok(res.statusCode === 200 || res.statusCode === 400, `${res.statusCode} for ${JSON.stringify(filter)}: ${res.body}`);
      seen[res.statusCode as 200 | 400]++;
    }
    assert.ok(seen[200] > 0 && seen[400] > 0, `both outcomes happen: ${JSON.stringify(seen)}`);
  });

  it('answers every mutated cql2-json filter with 200 or 400, never a 5xx', async () => {
    const rand = random(0x15f0);
    const base = [
      {
        op: 'and',
        args: [
          { op: '<', args: [{ property: 'eo:cloud_cover' }, 20] },
          { op: 's_intersects', args: [{ property: 'geometry' }, { bbox: [-10, 30, 20, 60] }] },
        ],
      },
      { op: 't_intersects', args: [{ property: 'datetime' }, { interval: ['2023-01-01T00:00:00Z', '..'] }] },
      { op: 'in', args: [{ property: 'platform' }, ['demosat-a', 'demosat-b']] },
    ];
    for (let n = 0; n < 300; n++) {
      const filter = mutateJson(base[n % base.length], rand);
      const res = await app.inject({ method: 'POST', url: '/api/stac/v1/search', payload: { limit: 3, filter } });
      assert.ok(res.statusCode === 200 || res.statusCode === 400, `${res.statusCode} for ${JSON.stringify(filter)}: ${res.body}`);
    }
  });
});
