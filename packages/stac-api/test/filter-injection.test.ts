import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { type Database, loadCollections, loadItems, type SourceRecord } from '@pqe/catalog';
import { describeEachDatabase } from '@pqe/catalog/testing';
import { createHttpServer, loadConfig, silentLogger } from '@pqe/common';
import type { FastifyInstance } from 'fastify';
import { stacApi } from '../src/stac-api.js';

/**
 * SQL injection attempts in every place a filter carries user text: property names, string literals, the
 * instants, geometries and arrays, function and operator names; in cql2-text and cql2-json, through GET and POST
 * /search and GET /collections/{id}/items. Each must come back 400 or as a plain literal match, and the database
 * must be as it was: a sentinel table in place, the items and queryables unchanged.
 */

const S = '/api/stac/v1';
const DROP = "x'); DROP TABLE pqe_sentinel; --";
const WEIRD_NAME = 'we\'ird"name;--';

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'injection', line: ++line, value };
}

function item(id: string, properties: Record<string, unknown>) {
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    id,
    collection: 'inj',
    geometry: { type: 'Point', coordinates: [1, 2] },
    bbox: [1, 2, 1, 2],
    properties: { datetime: '2021-01-01T00:00:00Z', ...properties },
    links: [],
    assets: {},
  };
}

/** inj-1 holds the injection text as a value, inj-2 has a property with quotes in its name, inj-3 a backslash. */
const ITEMS = [item('inj-1', { note: DROP, n: 1 }), item('inj-2', { note: 'plain', [WEIRD_NAME]: 1, tags: ['a'] }), item('inj-3', { note: 'a\\b' })];
const EVERY_ITEM = ['inj-1', 'inj-2', 'inj-3'];

const p = (property: string) => ({ property });
const op = (name: string, ...args: unknown[]) => ({ op: name, args });
const quoteText = (s: string) => `'${s.replaceAll("'", "''")}'`;
const quoteName = (s: string) => `"${s.replaceAll('"', '""')}"`;

interface Attempt {
  name: string;
  text?: string;
  json?: unknown;
  /** 400, or the ids a literal reading of the filter finds. */
  expect: 400 | readonly string[];
}

const names = [
  'a"b',
  "a'b",
  "x') OR 1=1 --",
  'id; DROP TABLE pqe_sentinel; --',
  'a\\b',
  'a)b',
  'a/*b*/c',
  '--a',
  '$1',
  '名前',
  '𝔘',
  '\ud800',
  'p'.repeat(5000),
  `properties.${DROP}`,
];

const attempts: Attempt[] = [
  ...names.map(
    (name): Attempt => ({
      name: `a property named ${JSON.stringify(name.slice(0, 40))}`,
      text: `${quoteName(name)} = 'x'`,
      json: op('=', p(name), 'x'),
      expect: [],
    }),
  ),
  {
    name: 'a property with quotes and a comment marker in its name, which exists',
    text: `${quoteName(WEIRD_NAME)} = 1`,
    json: op('=', p(WEIRD_NAME), 1),
    expect: ['inj-2'],
  },
  { name: 'a property path with an empty part', text: `${quoteName('a..b')} = 1`, json: op('=', p('a..b'), 1), expect: 400 },
  { name: 'a property name with a NUL', text: `${quoteName('a\u0000b')} = 1`, json: op('=', p('a\u0000b'), 1), expect: 400 },
  { name: 'a string literal that closes the quote and drops a table', text: `note = ${quoteText(DROP)}`, json: op('=', p('note'), DROP), expect: ['inj-1'] },
  { name: 'the same with a backslash-escaped quote', text: "note = 'x\\'); DROP TABLE pqe_sentinel; --'", json: op('=', p('note'), DROP), expect: ['inj-1'] },
  { name: 'a backslash in a string literal', text: "note = 'a\\\\b'", json: op('=', p('note'), 'a\\b'), expect: ['inj-3'] },
  {
    name: 'a LIKE pattern with SQL in it',
    text: "note LIKE '%; DROP TABLE pqe_sentinel; --%'",
    json: op('like', p('note'), '%; DROP TABLE pqe_sentinel; --%'),
    expect: ['inj-1'],
  },
  {
    name: 'placeholders and quoting marks in an IN list',
    text: "note IN ('$1', '$$', '%s', ':name', 'E''\\\\x00')",
    json: op('in', p('note'), ['$1', '$$', '%s', ':name', "E'\\x00"]),
    expect: [],
  },
  {
    name: 'CASEI of a string with SQL in it',
    text: `CASEI(note) = CASEI(${quoteText(DROP.toUpperCase())})`,
    json: op('=', op('casei', p('note')), op('casei', DROP.toUpperCase())),
    expect: ['inj-1'],
  },
  { name: 'a unicode string', text: "note = '𝔘名前'", json: op('=', p('note'), '𝔘名前'), expect: [] },
  { name: 'a string with a NUL', text: "note = 'a\u0000b'", json: op('=', p('note'), 'a\u0000b'), expect: 400 },
  { name: 'a NUL in an array', text: "A_CONTAINS(tags, ('a\u0000'))", json: op('a_contains', p('tags'), ['a\u0000']), expect: 400 },
  { name: 'a very long string', text: `note = '${'x'.repeat(50_000)}'`, json: op('=', p('note'), 'x'.repeat(50_000)), expect: [] },
  {
    name: 'a string for a number queryable, with SQL in it',
    text: "n = '1; DROP TABLE pqe_sentinel'",
    json: op('=', p('n'), '1; DROP TABLE pqe_sentinel'),
    expect: 400,
  },
  {
    name: 'a string for a property without a queryable, with SQL in it',
    text: "m = '1; DROP TABLE pqe_sentinel'",
    json: op('=', p('m'), '1; DROP TABLE pqe_sentinel'),
    expect: [],
  },
  { name: 'a lone surrogate in a string', text: "note = '\ud800'", json: op('=', p('note'), '\ud800'), expect: [] },
  { name: 'an array element with SQL in it', text: `A_CONTAINS(tags, (${quoteText(DROP)}))`, json: op('a_contains', p('tags'), [DROP]), expect: [] },
  {
    name: 'a timestamp with SQL after it',
    text: "datetime > TIMESTAMP('2020-01-01T00:00:00Z''); DROP TABLE pqe_sentinel; --')",
    json: op('>', p('datetime'), { timestamp: "2020-01-01T00:00:00Z'); DROP TABLE pqe_sentinel; --" }),
    expect: 400,
  },
  {
    name: 'a date with SQL after it',
    text: "datetime > DATE('2020-01-01; DROP TABLE pqe_sentinel')",
    json: op('>', p('datetime'), { date: '2020-01-01; DROP TABLE pqe_sentinel' }),
    expect: 400,
  },
  {
    name: 'an interval end with SQL in it',
    text: "T_INTERSECTS(datetime, INTERVAL('..'' OR 1=1 --', '..'))",
    json: op('t_intersects', p('datetime'), { interval: ["..' OR 1=1 --", '..'] }),
    expect: 400,
  },
  {
    name: 'a geometry with SQL after it',
    text: 'S_INTERSECTS(geometry, POINT(1 2); DROP TABLE pqe_sentinel)',
    json: op('s_intersects', p('geometry'), { type: 'Point', coordinates: [1, '2); DROP TABLE pqe_sentinel; --'] }),
    expect: 400,
  },
  {
    name: 'a BBOX with SQL in it',
    text: 'S_INTERSECTS(geometry, BBOX(0, 0, 3, 3 OR 1=1))',
    json: op('s_intersects', p('geometry'), { bbox: [0, 0, 3, '3) OR (1=1'] }),
    expect: 400,
  },
  { name: 'a database function', text: 'pg_sleep(10) = 1', json: op('=', op('pg_sleep', 10), 1), expect: 400 },
  { name: 'a database function as a predicate', text: "pg_read_file('/etc/passwd')", json: op('pg_read_file', '/etc/passwd'), expect: 400 },
  {
    name: 'a function name with SQL in it',
    text: `${quoteName('lower); DROP TABLE pqe_sentinel; --')}(note) = 'x'`,
    json: op('=', op('lower); DROP TABLE pqe_sentinel; --', p('note')), 'x'),
    expect: 400,
  },
  { name: 'an operator with SQL in it', json: op('=) OR (1=1', p('note'), 'x'), expect: 400 },
  { name: 'an arithmetic operator with SQL in it', json: op('=', op('+ 1) OR (1', p('n'), 1), 2), expect: 400 },
  { name: 'a statement after the filter', text: "note = 'x'; DROP TABLE pqe_sentinel", expect: 400 },
  { name: 'a comment after the filter', text: "note = 'x' -- and the rest", expect: 400 },
  { name: 'a block comment after the filter', text: "note = 'x' /* and the rest */", expect: 400 },
  // Not an injection: the user asked for everything, and gets it.
  { name: 'OR 1=1, which is a filter of its own', text: "note = 'x' OR 1=1", json: op('or', op('=', p('note'), 'x'), op('=', 1, 1)), expect: EVERY_ITEM },
];

async function state(db: Database) {
  const { rows } = await db.query<{ sentinel: number; items: number; queryables: number; collections: number }>(
    `SELECT (SELECT count(*)::int FROM pqe_sentinel) AS sentinel, (SELECT count(*)::int FROM pqe.items) AS items,
            (SELECT count(*)::int FROM pqe.queryables) AS queryables, (SELECT count(*)::int FROM pqe.collections) AS collections`,
  );
  return rows[0];
}

describeEachDatabase('SQL injection attempts in filters', (ctx) => {
  let app: FastifyInstance;
  before(async () => {
    await ctx.db.query('CREATE TABLE pqe_sentinel (n integer)');
    await ctx.db.query('INSERT INTO pqe_sentinel VALUES (1)');
    await loadCollections(
      ctx.db,
      records([
        {
          type: 'Collection',
          stac_version: '1.0.0',
          id: 'inj',
          description: 'Items for injection tests',
          license: 'CC0-1.0',
          links: [],
          extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [[null, null]] } },
        },
      ]),
      { method: 'upsert' },
    );
    await loadItems(ctx.db, records(ITEMS), { method: 'insert', batchSize: 10 });
    await ctx.db.query(`INSERT INTO pqe.queryables (name, collection_ids, definition) VALUES ('n', NULL, '{"type": "number"}')`);
    app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: 0 });
    await stacApi(app, { db: ctx.db, config: loadConfig({}) });
  });
  after(async () => {
    await app.close();
  });

  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const routes = (a: Attempt) => {
    const out: [string, () => Promise<{ statusCode: number; json: () => unknown }>][] = [];
    if (a.text !== undefined) {
      const text = a.text;
      out.push(['GET /search, cql2-text', () => app.inject(`${S}/search?${query({ filter: text })}`)]);
      out.push(['POST /search, cql2-text', () => app.inject({ method: 'POST', url: `${S}/search`, payload: { filter: text, 'filter-lang': 'cql2-text' } })]);
      out.push(['GET /collections/inj/items, cql2-text', () => app.inject(`${S}/collections/inj/items?${query({ filter: text })}`)]);
    }
    if (a.json !== undefined) {
      const json = a.json;
      out.push(['GET /search, cql2-json', () => app.inject(`${S}/search?${query({ filter: JSON.stringify(json), 'filter-lang': 'cql2-json' })}`)]);
      out.push(['POST /search, cql2-json', () => app.inject({ method: 'POST', url: `${S}/search`, payload: { filter: json } })]);
      out.push([
        'GET /collections/inj/items, cql2-json',
        () => app.inject(`${S}/collections/inj/items?${query({ filter: JSON.stringify(json), 'filter-lang': 'cql2-json' })}`),
      ]);
    }
    return out;
  };

  for (const a of attempts) {
    it(`answers ${a.expect === 400 ? '400' : `with the literal match (${a.expect.length} items)`} to ${a.name}`, async () => {
      for (const [route, send] of routes(a)) {
        const res = await send();
        const body = res.json() as { features?: { id: string }[]; description?: string };
        if (a.expect === 400) {
          assert.equal(res.statusCode, 400, `${route}: ${JSON.stringify(body).slice(0, 300)}`);
          assert.match(String(body.description), /filter/, route);
        } else {
          assert.equal(res.statusCode, 200, `${route}: ${JSON.stringify(body).slice(0, 300)}`);
          assert.deepEqual((body.features ?? []).map((f) => f.id).sort(), [...a.expect].sort(), route);
        }
      }
    });
  }

  it('answers 400 or a harmless search to NULs and quotes in sortby, query, ids, collections and fields', async () => {
    const odd = ['a\u0000b', "x'); DROP TABLE pqe_sentinel; --", 'p"q\\r', '\u0000'];
    for (const name of odd) {
      const bodies: unknown[] = [
        { sortby: [{ field: name, direction: 'asc' }] },
        { sortby: [{ field: `properties.${name}`, direction: 'desc' }] },
        { query: { [name]: { eq: 1 } } },
        { query: { n: { eq: name } } },
        { query: { n: { startsWith: name } } },
        { ids: [name] },
        { collections: [name] },
        { fields: { include: [name] } },
      ];
      for (const payload of bodies) {
        const res = await app.inject({ method: 'POST', url: `${S}/search`, payload: payload as Record<string, unknown> });
        assert.ok(
          res.statusCode === 200 || res.statusCode === 400 || res.statusCode === 404,
          `${JSON.stringify(payload)}: ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
      }
      const get = await app.inject(`${S}/search?${query({ sortby: name, ids: name, collections: name })}`);
      assert.ok(get.statusCode === 200 || get.statusCode === 400 || get.statusCode === 404, `GET: ${get.statusCode} ${get.body.slice(0, 200)}`);
    }
  });

  it('leaves the database as it was', async () => {
    assert.deepEqual(await state(ctx.db), { sentinel: 1, items: ITEMS.length, queryables: 1, collections: 1 });
  });
});
