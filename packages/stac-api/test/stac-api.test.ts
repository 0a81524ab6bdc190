import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, it } from 'node:test';
import {
  type Database,
  generateDemoCatalog,
  type JsonObject,
  loadCollections,
  loadItems,
  loadRenderConfigs,
  readRecords,
  type SourceRecord,
} from '@pqe/catalog';
import { describeEachDatabase, pcDataDir } from '@pqe/catalog/testing';
import { createHttpServer, loadConfig, silentLogger } from '@pqe/common';
import type { FastifyInstance } from 'fastify';
import { stacApi } from '../src/stac-api.js';

const S = '/api/stac/v1';

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'test', line: ++line, value };
}

function item(
  id: string,
  o: { lon?: number; lat?: number; datetime?: string | null; start?: string; end?: string; cloud?: number; platform?: string } = {},
): JsonObject {
  const lon = o.lon ?? 10;
  const lat = o.lat ?? 45;
  const properties: JsonObject = { datetime: o.datetime === undefined ? '2021-06-01T00:00:00Z' : o.datetime, platform: o.platform ?? 'alpha' };
  if (o.cloud !== undefined) properties['eo:cloud_cover'] = o.cloud;
  if (o.start !== undefined) properties.start_datetime = o.start;
  if (o.end !== undefined) properties.end_datetime = o.end;
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    id,
    collection: 'stac-test',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    bbox: [lon, lat, lon, lat],
    properties,
    links: [{ rel: 'related-item', href: '../other/item.json' }],
    assets: { data: { href: `https://example.com/${id}.tif` } },
  };
}

/** 30 items a day apart from 2021-01-01, cloud cover 0..29, two platforms; plus one interval item and one at 179.9°E. */
function fixtureItems(): JsonObject[] {
  const items = Array.from({ length: 30 }, (_, i) =>
    item(`day-${String(i).padStart(2, '0')}`, {
      lon: -20 + i,
      lat: 40,
      datetime: new Date(Date.UTC(2021, 0, 1 + i, 12)).toISOString().replace('.000', ''),
      cloud: i,
      platform: i % 2 === 0 ? 'alpha' : 'beta',
    }),
  );
  items.push(item('season', { lon: 0, lat: 0, datetime: null, start: '2020-06-01T00:00:00Z', end: '2020-08-31T23:59:59Z' }));
  items.push(item('dateline', { lon: 179.9, lat: -17 }));
  return items;
}

const collection = {
  type: 'Collection',
  stac_version: '1.0.0',
  id: 'stac-test',
  title: 'STAC test',
  description: 'Items made for the STAC API tests',
  license: 'CC0-1.0',
  links: [{ rel: 'license', href: 'LICENSE.txt' }],
  extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [[null, null]] } },
};

async function load(db: Database) {
  const demo = generateDemoCatalog();
  await loadCollections(db, records([...demo.collections, collection, { ...collection, id: 'secret', title: 'Hidden' }]), { method: 'upsert' });
  await loadItems(db, records([...demo.items, ...fixtureItems(), { ...item('hidden-1'), collection: 'secret' }]), { method: 'upsert', batchSize: 500 });
  await loadRenderConfigs(db, { ...demo.renderConfigs, secret: { render_config: { render_params: {}, minzoom: 0, hidden: true } } }, { file: 'test' });
  const dir = pcDataDir();
  if (dir !== undefined) {
    await loadCollections(db, readRecords(`${dir}/naip/collection.json`), { method: 'upsert' });
    for (const f of readdirSync(`${dir}/naip/items`)) await loadItems(db, readRecords(`${dir}/naip/items/${f}`), { method: 'upsert', batchSize: 100 });
    await loadRenderConfigs(
      db,
      { naip: (JSON.parse((await import('node:fs')).readFileSync(`${dir}/collection_config.json`, 'utf8')) as JsonObject).naip },
      { file: 'pc' },
    );
  }
}

describeEachDatabase('the STAC API', (ctx) => {
  let app: FastifyInstance;
  before(async () => {
    await load(ctx.db);
    app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: 0 });
    await stacApi(app, { db: ctx.db, config: loadConfig({}) });
  });
  after(async () => {
    await app.close();
  });

  const get = async (url: string) => {
    const res = await app.inject(url);
    return { status: res.statusCode, body: res.json() as JsonObject & Record<string, unknown>, headers: res.headers };
  };
  const post = async (body: unknown, url = `${S}/search`) => {
    const res = await app.inject({ method: 'POST', url, payload: body as object });
    return { status: res.statusCode, body: res.json() as JsonObject & Record<string, unknown> };
  };
  const ids = (body: JsonObject) => (body.features as JsonObject[]).map((f) => f.id);
  const linkOf = (body: JsonObject, rel: string) => (body.links as JsonObject[]).find((l) => l.rel === rel);

  it('has a landing page linking conformance, data, search (GET and POST) and each visible collection', async () => {
    const { body } = await get(`${S}/`);
    const links = body.links as JsonObject[];
    assert.ok(links.some((l) => l.rel === 'search' && l.method === 'GET'));
    assert.ok(links.some((l) => l.rel === 'search' && l.method === 'POST'));
    const children = links.filter((l) => l.rel === 'child').map((l) => l.href as string);
    assert.ok(children.some((h) => h.endsWith('/collections/stac-test')));
    assert.ok(!children.some((h) => h.endsWith('/collections/secret')), 'a hidden collection is not linked');
    assert.ok((body.conformsTo as string[]).includes('https://api.stacspec.org/v1.0.0/item-search'));
  });

  it('serves its OpenAPI document as service-desc and a docs page as service-doc', async () => {
    const landing = (await get(`${S}/`)).body;
    assert.equal((linkOf(landing, 'service-desc') as JsonObject).href, `http://localhost${S}/api`);
    const spec = await app.inject(`${S}/api`);
    assert.equal(spec.statusCode, 200);
    assert.match(String(spec.headers['content-type']), /application\/vnd\.oai\.openapi\+json/);
    assert.equal(spec.json().openapi, '3.1.0');
    const page = await app.inject(`${S}/api.html`);
    assert.match(page.body, /<code>\/search<\/code>/);
  });

  it('lists collections with msft:region and items links, and hides hidden ones everywhere', async () => {
    const { body } = await get(`${S}/collections`);
    const list = body.collections as JsonObject[];
    assert.ok(list.every((c) => typeof c['msft:region'] === 'string'));
    assert.ok(!list.some((c) => c.id === 'secret'));
    const one = list.find((c) => c.id === 'stac-test') as JsonObject;
    assert.equal((linkOf(one, 'items') as JsonObject).href, `http://localhost${S}/collections/stac-test/items`);
    assert.equal((linkOf(one, 'license') as JsonObject).href, `http://localhost${S}/collections/stac-test/LICENSE.txt`);
    assert.equal((await get(`${S}/collections/secret`)).status, 404);
    assert.equal((await get(`${S}/collections/secret/items`)).status, 404);
    assert.deepEqual(ids((await get(`${S}/search?ids=hidden-1`)).body), []);
  });

  it('serves one item with its links, relative ones made absolute, and an ETag that gives 304', async () => {
    const res = await get(`${S}/collections/stac-test/items/day-03`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
    assert.equal((linkOf(res.body, 'related-item') as JsonObject).href, `http://localhost${S}/collections/stac-test/other/item.json`);
    const again = await app.inject({ url: `${S}/collections/stac-test/items/day-03`, headers: { 'if-none-match': String(res.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.equal((await get(`${S}/collections/stac-test/items/nope`)).status, 404);
    assert.equal((await get(`${S}/collections/nope/items/day-03`)).status, 404);
  });

  it('pages /collections/{id}/items by 10 by default and reaches every item exactly once', async () => {
    let url: string | undefined = `${S}/collections/stac-test/items`;
    const seen: unknown[] = [];
    let pages = 0;
    while (url !== undefined) {
      const { body } = await get(url);
      if (pages === 0) assert.equal(body.numberReturned, 10);
      seen.push(...ids(body));
      const next = linkOf(body, 'next');
      url = next === undefined ? undefined : new URL(next.href as string).pathname + new URL(next.href as string).search;
      pages++;
    }
    assert.equal(pages, 4);
    assert.equal(seen.length, 32);
    assert.equal(new Set(seen).size, 32);
  });

  it('pages POST /search with merge links, forwards and back', async () => {
    const query = { collections: ['stac-test'], limit: 7, sortby: [{ field: 'eo:cloud_cover', direction: 'asc' }] };
    const first = await post(query);
    const next = linkOf(first.body, 'next') as JsonObject;
    assert.equal(next.method, 'POST');
    assert.equal(next.merge, true);
    const second = await post({ ...query, ...(next.body as JsonObject) });
    assert.notDeepEqual(ids(second.body), ids(first.body));
    const prev = linkOf(second.body, 'prev') as JsonObject;
    const back = await post({ ...query, ...(prev.body as JsonObject) });
    assert.deepEqual(ids(back.body), ids(first.body));
    assert.equal(linkOf(first.body, 'prev'), undefined, 'the first page has no prev');
  });

  it('counts numberMatched and numberReturned', async () => {
    const { body } = await get(`${S}/search?collections=stac-test&limit=5`);
    assert.equal(body.numberMatched, 32);
    assert.equal(body.numberReturned, 5);
  });

  const cases: [string, string, unknown[]][] = [
    ['ids, newest first by default', 'ids=day-01,day-02,season', ['day-02', 'day-01', 'season']],
    ['a bbox', 'bbox=-20.5,39,-17.5,41', ['day-02', 'day-01', 'day-00']],
    ['a 3D bbox', 'bbox=-20.5,39,-100,-17.5,41,100', ['day-02', 'day-01', 'day-00']],
    ['a bbox across the antimeridian', 'bbox=179,-18,-179,-16', ['dateline']],
    ['an instant datetime', 'datetime=2021-01-03T12:00:00Z', ['day-02']],
    ['a date-only datetime read as midnight UTC', 'datetime=2020-07-01', ['season']],
    ['a closed interval', 'datetime=2021-01-29T00:00:00Z/2021-01-31T00:00:00Z', ['day-29', 'day-28']],
    ['an open start', 'datetime=../2020-12-31T00:00:00Z', ['season']],
    ['an interval that meets a start/end-only item', 'datetime=2020-08-31T00:00:00Z/2020-09-10T00:00:00Z', ['season']],
    ['query lt', `query=${encodeURIComponent('{"eo:cloud_cover":{"lt":2}}')}`, ['day-01', 'day-00']],
    ['query in', `query=${encodeURIComponent('{"eo:cloud_cover":{"in":[3,5]}}')}`, ['day-05', 'day-03']],
    [
      'query startsWith',
      `query=${encodeURIComponent('{"id":{"startsWith":"day-2"},"platform":{"eq":"beta"}}')}`,
      ['day-29', 'day-27', 'day-25', 'day-23', 'day-21'],
    ],
    ['query endsWith and neq', `query=${encodeURIComponent('{"id":{"endsWith":"9","neq":"day-19"}}')}`, ['day-29', 'day-09']],
    ['query contains, gte and lte', `query=${encodeURIComponent('{"id":{"contains":"y-1"},"eo:cloud_cover":{"gte":12,"lte":13}}')}`, ['day-13', 'day-12']],
    ['sortby asc by a property', 'sortby=eo:cloud_cover&limit=3&query=%7B%22eo%3Acloud_cover%22%3A%7B%22gte%22%3A0%7D%7D', ['day-00', 'day-01', 'day-02']],
    [
      'sortby on two keys',
      'sortby=-platform,%2Bproperties.eo:cloud_cover&limit=3&query=%7B%22eo%3Acloud_cover%22%3A%7B%22gte%22%3A0%7D%7D',
      ['day-01', 'day-03', 'day-05'],
    ],
    ['sortby desc by id', 'sortby=-id&limit=2&ids=day-00,day-01,day-02', ['day-02', 'day-01']],
  ];
  for (const [name, qs, expected] of cases) {
    it(`searches by ${name}`, async () => {
      const { status, body } = await get(`${S}/search?collections=stac-test&${qs}`);
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(ids(body), expected);
    });
  }

  const filters: [string, string, unknown[]][] = [
    ['a comparison on a number', 'eo:cloud_cover < 2', ['day-01', 'day-00']],
    ['LIKE and AND', "id LIKE 'day-2%' AND platform = 'beta'", ['day-29', 'day-27', 'day-25', 'day-23', 'day-21']],
    ['BETWEEN', 'eo:cloud_cover BETWEEN 3 AND 4', ['day-04', 'day-03']],
    ['IN', 'eo:cloud_cover IN (3, 5)', ['day-05', 'day-03']],
    ['IS NULL', 'eo:cloud_cover IS NULL', ['dateline', 'season']],
    ['NOT and OR', "NOT (platform = 'alpha') AND (eo:cloud_cover = 1 OR eo:cloud_cover = 29)", ['day-29', 'day-01']],
    ['arithmetic', 'eo:cloud_cover * 2 > 56', ['day-29']],
    ['CASEI on both sides', "CASEI(id) = CASEI('DAY-07')", ['day-07']],
    ['S_INTERSECTS with a BBOX', 'S_INTERSECTS(geometry, BBOX(-20.5,39,-18.5,41))', ['day-01', 'day-00']],
    ['S_WITHIN a polygon', 'S_WITHIN(geometry, POLYGON((-20.5 39, -19.5 39, -19.5 41, -20.5 41, -20.5 39)))', ['day-00']],
    ['T_INTERSECTS on an interval item', "T_INTERSECTS(datetime, INTERVAL('2020-08-31T00:00:00Z', '2020-09-10T00:00:00Z'))", ['season']],
    ['T_BEFORE', "T_BEFORE(datetime, TIMESTAMP('2021-01-02T00:00:00Z'))", ['day-00', 'season']],
    ['T_AFTER with a date', "T_AFTER(datetime, DATE('2021-01-29'))", ['dateline', 'day-29', 'day-28']],
    ['a timestamp comparison', "datetime >= TIMESTAMP('2021-01-30T00:00:00Z')", ['dateline', 'day-29']],
    ['property to property', 'eo:cloud_cover = eo:cloud_cover AND id = id AND eo:cloud_cover < 1', ['day-00']],
  ];
  for (const [name, text, expected] of filters) {
    it(`filters with cql2-text: ${name}`, async () => {
      const { status, body } = await get(`${S}/search?collections=stac-test&filter=${encodeURIComponent(text)}`);
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(ids(body), expected);
    });
  }

  it('filters with cql2-json in POST and in GET, the same as cql2-text', async () => {
    const filter = {
      op: 'and',
      args: [
        { op: '<', args: [{ property: 'eo:cloud_cover' }, 2] },
        { op: 's_intersects', args: [{ property: 'geometry' }, { bbox: [-21, 39, -18, 41] }] },
      ],
    };
    assert.deepEqual(ids((await post({ collections: ['stac-test'], filter })).body), ['day-01', 'day-00']);
    const viaGet = await get(`${S}/search?collections=stac-test&filter-lang=cql2-json&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    assert.deepEqual(ids(viaGet.body), ['day-01', 'day-00']);
    const items = await get(`${S}/collections/stac-test/items?filter=${encodeURIComponent('eo:cloud_cover = 7')}`);
    assert.deepEqual(ids(items.body), ['day-07']);
  });

  const badFilters: [string, string, RegExp][] = [
    ['an unfinished filter', `filter=${encodeURIComponent('eo:cloud_cover <')}`, /filter: at position \d+/],
    ['an unknown function', `filter=${encodeURIComponent('frobnicate(id) = 1')}`, /unknown function frobnicate/],
    ['another CRS', `filter=${encodeURIComponent('id = 1')}&filter-crs=EPSG:3857`, /filter-crs "EPSG:3857" is not supported/],
    ['an unknown language', `filter=x&filter-lang=sql`, /filter-lang must be cql2-text or cql2-json/],
    ['JSON that is not JSON', 'filter-lang=cql2-json&filter=%7Bnope', /filter: with filter-lang=cql2-json the filter must be JSON/],
    ['an injection attempt in a literal', `filter=${encodeURIComponent("id = 'x'' OR 1=1 --")}`, /filter: /],
  ];
  for (const [name, qs, message] of badFilters) {
    it(`answers 400 to a filter with ${name}`, async () => {
      const { status, body } = await get(`${S}/search?${qs}`);
      assert.equal(status, 400, JSON.stringify(body));
      assert.match(String(body.description), message);
    });
  }

  it('treats an injection attempt inside a string literal as a harmless string', async () => {
    const { status, body } = await get(`${S}/search?collections=stac-test&filter=${encodeURIComponent("id = 'x'' OR ''1''=''1'")}`);
    assert.equal(status, 200);
    assert.deepEqual(ids(body), []);
    assert.equal((await get(`${S}/collections/stac-test/items/day-01`)).status, 200, 'the table is still there');
  });

  it('describes queryables as JSON Schema, per collection with the properties found in its items', async () => {
    const all = await app.inject(`${S}/queryables`);
    assert.equal(all.statusCode, 200);
    assert.match(String(all.headers['content-type']), /application\/schema\+json/);
    assert.ok(all.json().properties.datetime);
    const one = (await get(`${S}/collections/stac-test/queryables`)).body;
    const props = one.properties as Record<string, JsonObject>;
    assert.deepEqual(props['eo:cloud_cover'], { type: 'number' });
    assert.deepEqual(props.platform, { type: 'string' });
    assert.equal(one.$id, `http://localhost${S}/collections/stac-test/queryables`);
    assert.equal((await get(`${S}/collections/nope/queryables`)).status, 404);
    const fns = (await get(`${S}/functions`)).body;
    assert.deepEqual(
      (fns.functions as JsonObject[]).map((f) => f.name),
      ['casei', 'accenti'],
    );
  });

  it('searches by intersects, in GET and POST', async () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-20.5, 39],
          [-18.5, 39],
          [-18.5, 41],
          [-20.5, 41],
          [-20.5, 39],
        ],
      ],
    };
    assert.deepEqual(ids((await get(`${S}/search?collections=stac-test&intersects=${encodeURIComponent(JSON.stringify(polygon))}`)).body), [
      'day-01',
      'day-00',
    ]);
    assert.deepEqual(ids((await post({ collections: ['stac-test'], intersects: polygon })).body), ['day-01', 'day-00']);
  });

  it('applies fields include and exclude', async () => {
    const { body } = await post({ ids: ['day-01'], fields: { include: ['properties.eo:cloud_cover'], exclude: ['geometry'] } });
    const f = (body.features as JsonObject[])[0] as JsonObject;
    assert.deepEqual(Object.keys(f.properties as JsonObject).sort(), ['datetime', 'eo:cloud_cover']);
    assert.equal(f.geometry, undefined);
    assert.ok(f.assets !== undefined);
    const excluded = (await get(`${S}/search?ids=day-01&fields=-assets,-properties.platform`)).body;
    const g = (excluded.features as JsonObject[])[0] as JsonObject;
    assert.equal(g.assets, undefined);
    assert.equal((g.properties as JsonObject).platform, undefined);
  });

  const badGets: [string, string, RegExp][] = [
    ['a malformed bbox', 'bbox=1,2,x,4', /bbox must be numbers/],
    ['a bbox of 3 numbers', 'bbox=1,2,3', /bbox must have 4 numbers .* got 3/],
    ['a bbox of 5 numbers', 'bbox=1,2,3,4,5', /got 5/],
    ['bbox with intersects', 'bbox=1,2,3,4&intersects=%7B%22type%22%3A%22Point%22%2C%22coordinates%22%3A%5B0%2C0%5D%7D', /cannot be used together/],
    ['an inverted interval', 'datetime=2021-02-01T00:00:00Z/2021-01-01T00:00:00Z', /ends before it starts/],
    ['an unparseable datetime', 'datetime=yesterday', /not an RFC 3339/],
    ['limit 0', 'limit=0', /at least 1/],
    ['limit -1', 'limit=-1', /at least 1/],
    ['limit abc', 'limit=abc', /limit must be an integer/],
    ['a query that is not JSON', 'query=%7Bnope', /query is not valid JSON/],
    ['an unknown query operator', 'query=%7B%22a%22%3A%7B%22like%22%3A1%7D%7D', /unknown operator "like"/],
    ['a sort on geometry', 'sortby=geometry', /cannot be compared or sorted/],
    ['a forged token', 'token=next:abc', /not a valid paging token/],
    ['an intersects that is not a geometry', 'intersects=%7B%22type%22%3A%22Circle%22%7D', /intersects is not a valid GeoJSON geometry/],
  ];
  for (const [name, qs, message] of badGets) {
    it(`answers 400 to ${name}`, async () => {
      const { status, body } = await get(`${S}/search?${qs}`);
      assert.equal(status, 400);
      assert.equal(body.code, 'InvalidParameter');
      assert.match(String(body.description), message);
    });
  }

  it('answers 400 to an unknown sort direction, a non-object body, and invalid JSON', async () => {
    const dir = await post({ sortby: [{ field: 'datetime', direction: 'up' }] });
    assert.equal(dir.status, 400);
    assert.match(String(dir.body.description), /direction must be "asc" or "desc"/);
    assert.equal((await post([1, 2])).status, 400);
    const broken = await app.inject({ method: 'POST', url: `${S}/search`, headers: { 'content-type': 'application/json' }, payload: '{"limit": ' });
    assert.equal(broken.statusCode, 400);
    assert.match(broken.json().description, /not valid JSON/);
  });

  it('answers 415 to a body that is not JSON, 405 to a wrong method, 404 to an unknown collection', async () => {
    const res = await app.inject({ method: 'POST', url: `${S}/search`, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    assert.equal(res.statusCode, 415);
    const put = await app.inject({ method: 'PUT', url: `${S}/search` });
    assert.equal(put.statusCode, 405);
    assert.match(String(put.headers.allow), /GET, POST/);
    assert.equal((await get(`${S}/collections/nope/items`)).status, 404);
  });

  it('clamps a limit above 1000 instead of refusing it', async () => {
    const { status, body } = await get(`${S}/search?collections=stac-test&limit=5000`);
    assert.equal(status, 200);
    assert.equal(body.numberReturned, 32);
  });

  it('finds the 12 NAIP items and gives them the tiler assets of the NAIP render config, as the Planetary Computer does', async (t) => {
    if (pcDataDir() === undefined) {
      t.skip('../shared/data/pc is not present beside the repository');
      return;
    }
    const { body } = await get(`${S}/search?collections=naip`);
    assert.equal((body.features as unknown[]).length, 12);
    const query = await post({ collections: ['naip'], query: { 'proj:epsg': { eq: 32616 } } });
    assert.equal((query.body.features as unknown[]).length, 12);
    const f = (body.features as JsonObject[])[0] as JsonObject;
    const assets = f.assets as Record<string, JsonObject>;
    assert.equal(
      assets.tilejson?.href,
      `http://localhost/api/data/v1/item/tilejson.json?collection=naip&item=${f.id}&assets=image&asset_bidx=image%7C1%2C2%2C3&format=png`,
    );
    assert.equal(
      assets.rendered_preview?.href,
      `http://localhost/api/data/v1/item/preview.png?collection=naip&item=${f.id}&assets=image&asset_bidx=image%7C1%2C2%2C3&format=png`,
    );
    assert.equal((linkOf(f, 'preview') as JsonObject).href, `http://localhost/api/data/v1/item/map?collection=naip&item=${f.id}`);
    const queryables = (await get(`${S}/collections/naip/queryables`)).body.properties as JsonObject;
    for (const name of ['id', 'datetime', 'naip:year', 'naip:state']) assert.ok(queryables[name], `naip queryables have ${name}`);
  });
});

describeEachDatabase('the STAC API under another root path', (ctx) => {
  it('serves and links everything under /stac', async () => {
    const app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: 0 });
    await stacApi(app, { db: ctx.db, config: loadConfig({ PQE_STAC_ROOT_PATH: '/stac' }) });
    try {
      const res = await app.inject('/stac/');
      assert.equal(res.statusCode, 200);
      const links = res.json().links as { rel: string; href: string }[];
      assert.ok(links.every((l) => l.href.startsWith('http://localhost/stac/')));
      assert.equal((await app.inject('/stac/search')).statusCode, 200);
      assert.equal((await app.inject('/api/stac/v1/')).statusCode, 404);
    } finally {
      await app.close();
    }
  });

  it('answers gzip to a client that accepts only gzip', async () => {
    const app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: 0 });
    await stacApi(app, { db: ctx.db, config: loadConfig({}) });
    try {
      const res = await app.inject({ url: `${S}/api`, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.headers['content-encoding'], 'gzip');
    } finally {
      await app.close();
    }
  });
});
