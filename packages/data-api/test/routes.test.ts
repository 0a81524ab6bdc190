// The routes, up to the engine: everything here is answered before an engine is called (bad parameters, sources
// outside the policy, unknown TileMatrixSets, tiles outside their matrix, wrong methods). The app is built with
// noCogEngine, which answers 503: a test that reached it by mistake would fail.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHttpServer, silentLogger } from '@pqe/common';
import type { FastifyInstance } from 'fastify';
import { noCogEngine } from '../src/cog-engine.js';
import { dataApi } from '../src/data-api.js';
import { oneTms } from './web-mercator-quad.js';

const root = '/api/data/v1';
let app: FastifyInstance;
// Made now, so that the test tables below can name paths in it; filled before the tests run.
const dir = mkdtempSync(join(tmpdir(), 'pqe-data-api-'));
const allowed = join(dir, 'cogs');

before(async () => {
  await mkdir(allowed);
  await writeFile(join(dir, 'secret.tif'), 'not for users');
  await symlink(join(dir, 'secret.tif'), join(allowed, 'link.tif'));
  app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: 0 });
  await dataApi(app, {
    config: {
      dataRootPath: root,
      dataCacheControl: 'public, max-age=3600',
      localRoots: [allowed],
      allowedHosts: ['data.example.org', '*.blob.example.net'],
      dataDir: '.pqe',
      databaseUrl: undefined,
    },
    engine: noCogEngine,
    tms: oneTms,
  });
});

after(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `${root}${path}`, headers });
const cog = (path: string, url: string, extra = '') => get(`/cog${path}?url=${encodeURIComponent(url)}${extra}`);

/** The body of an error: titiler's `detail`, and pqe's code and description with the same message. */
function errorOf(response: { json(): unknown }): { detail: string; code: string; description: string } {
  const body = response.json() as { detail: string; code: string; description: string };
  assert.equal(body.detail, body.description);
  return body;
}

describe('the TileMatrixSets', () => {
  it('are listed with a link to each one, under the public URL', async () => {
    const response = await get('/tileMatrixSets', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tiles.example', 'x-forwarded-prefix': '/pc' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      tileMatrixSets: [
        {
          id: 'WebMercatorQuad',
          title: 'Google Maps Compatible for the World',
          links: [
            {
              href: 'https://tiles.example/pc/api/data/v1/tileMatrixSets/WebMercatorQuad',
              rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes',
              type: 'application/json',
              title: 'Definition of WebMercatorQuad tileMatrixSet',
            },
          ],
        },
      ],
    });
  });

  it('give their OGC document by id', async () => {
    const response = await get('/tileMatrixSets/WebMercatorQuad');
    assert.equal(response.statusCode, 200);
    assert.equal((response.json() as { tileMatrices: unknown[] }).tileMatrices.length, 25);
  });

  it('answer an unknown id with a 404 that lists the known ones', async () => {
    const response = await get('/tileMatrixSets/WorldMercator');
    assert.equal(response.statusCode, 404);
    assert.equal(errorOf(response).detail, "Unknown TileMatrixSet 'WorldMercator'; use one of WebMercatorQuad.");
  });
});

describe('tile coordinates', () => {
  const url = join(allowed, 'a.tif');

  it('outside the matrix are a 404 worded as titiler words tiles outside bounds', async () => {
    const response = await cog('/tiles/WebMercatorQuad/1/2/0@2x.png', url);
    assert.equal(response.statusCode, 404);
    const body = errorOf(response);
    assert.match(body.detail, /^Tile\(x=2, y=0, z=1\) is outside bounds/);
    assert.equal(body.code, 'NotFound');
  });

  for (const path of ['/tiles/1/-1/0', '/tiles/1/0/2.png', '/tiles/25/0/0', '/tiles/3/99999999999999999999/0']) {
    it(`${path} is a 404`, async () => {
      const response = await cog(path, url);
      assert.equal(response.statusCode, 404);
      assert.match(errorOf(response).detail, /is outside bounds/);
    });
  }

  const bad: [string, RegExp][] = [
    ['/tiles/one/0/0', /^z must be a whole number/],
    ['/tiles/WebMercatorQuad/1/0/0@5x.png', /must be 1, 2, 3 or 4/],
    ['/tiles/1/0/0@0x', /must be 1, 2, 3 or 4/],
    ['/tiles/1/0/0.jp2', /^The jp2 format is not supported/],
    ['/tiles/1/0/0.gif', /^Unknown image format "gif"/],
  ];
  for (const [path, message] of bad) {
    it(`${path} is a 400 that says what to send`, async () => {
      const response = await cog(path, url);
      assert.equal(response.statusCode, 400);
      assert.match(errorOf(response).detail, message);
    });
  }

  it('in an unknown TileMatrixSet are a 404 naming the known ones', async () => {
    const response = await cog('/tiles/WorldCRS84Quad/1/0/0.png', url);
    assert.equal(response.statusCode, 404);
    assert.match(errorOf(response).detail, /^Unknown TileMatrixSet 'WorldCRS84Quad'; use one of WebMercatorQuad\.$/);
  });
});

describe('the documents that describe tiles', () => {
  const url = join(allowed, 'a.tif');
  for (const path of ['/Nope/tilejson.json', '/Nope/WMTSCapabilities.xml', '/Nope/map']) {
    it(`${path} is a 404 for an unknown TileMatrixSet`, async () => {
      const response = await cog(path, url);
      assert.equal(response.statusCode, 404);
      assert.match(errorOf(response).detail, /Unknown TileMatrixSet 'Nope'/);
    });
  }

  for (const path of ['/tilejson.json', '/WebMercatorQuad/WMTSCapabilities.xml', '/map']) {
    it(`${path} refuses the tile parameters it would forward when they are bad`, async () => {
      const response = await cog(path, url, '&bidx=b1');
      assert.equal(response.statusCode, 400);
      assert.match(errorOf(response).detail, /^bidx\.0: band indexes/);
    });
  }

  it('the map page escapes a url that holds markup', async () => {
    const response = await cog('/map', '</script><script>alert(1)</script>');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.ok(!response.body.includes('<script>alert(1)'), 'the injected script is not in the page');
    assert.ok(!response.body.includes('</script><script>'), 'the config element is not closed by the input');
    assert.match(response.body, /&#60;\/script&#62;&#60;script&#62;alert\(1\)/);
    const config = /<script type="application\/json" id="config">(.*?)<\/script>/s.exec(response.body)?.[1];
    assert.ok(config !== undefined);
    const tilejson = (JSON.parse(config) as { tilejson: string }).tilejson;
    assert.equal(new URL(tilejson).searchParams.get('url'), '</script><script>alert(1)</script>');
    assert.match(tilejson, /^http:\/\/localhost\/api\/data\/v1\/cog\/WebMercatorQuad\/tilejson\.json\?url=/);
  });
});

describe('the source policy', () => {
  const forbidden: [string, string, RegExp][] = [
    [
      'a local file outside the allowed folders',
      '/etc/passwd',
      /local files are readable only under the folders given by the --local-root option or the PQE_LOCAL_ROOTS/,
    ],
    ['a file URL outside them', 'file:///etc/passwd', /local files are readable only under/],
    ['a path that climbs out of an allowed folder', '/ALLOWED/../secret.tif', /local files are readable only under/],
    ['a symlink that leads out of an allowed folder', '/ALLOWED/link.tif', /local files are readable only under/],
    ['a host that is not listed', 'https://169.254.169.254/latest/meta-data', /Reading from 169\.254\.169\.254 is not allowed: remote hosts must be listed/],
    ['a listed suffix itself (only its subdomains are)', 'https://blob.example.net/c/a.tif', /Reading from blob\.example\.net is not allowed/],
  ];
  for (const [name, location, message] of forbidden) {
    it(`forbids ${name} (403)`, async () => {
      const response = await cog('/info', location.replace('/ALLOWED', allowed));
      assert.equal(response.statusCode, 403);
      assert.match(errorOf(response).detail, message);
    });
  }

  it('forbids before anything else is read, on every route that reads', async () => {
    for (const path of [
      '/info',
      '/info.geojson',
      '/bounds',
      '/statistics',
      '/tiles/0/0/0',
      '/tilejson.json',
      '/WMTSCapabilities.xml',
      '/point/0,0',
      '/preview.png',
      '/bbox/0,0,1,1.png',
    ]) {
      const response = await cog(path, '/etc/passwd');
      assert.equal(response.statusCode, 403, path);
    }
  });

  it('answers 404 for a missing file inside an allowed folder', async () => {
    const response = await cog('/bounds', join(allowed, 'missing.tif'));
    assert.equal(response.statusCode, 404);
    assert.match(errorOf(response).detail, /does not exist/);
  });

  it('answers 400 for a url that is neither a path nor a URL, and for other schemes', async () => {
    assert.equal((await cog('/info', 'a.tif')).statusCode, 400);
    const ftp = await cog('/info', 'ftp://data.example.org/a.tif');
    assert.equal(ftp.statusCode, 400);
    assert.match(errorOf(ftp).detail, /scheme ftp: is not supported/);
  });

  it('lets a listed host through to the engine (503 here, where there is none)', async () => {
    const response = await cog('/tiles/WebMercatorQuad/0/0/0.png', 'https://data.example.org/a.tif');
    assert.equal(response.statusCode, 503);
    assert.match(errorOf(response).detail, /no raster engine/);
  });
});

describe('query parameters', () => {
  const url = join(allowed, 'a.tif');
  const bad: [string, string, RegExp][] = [
    ['/info', '', /^url: required/],
    ['/tiles/0/0/0', `?url=${url}&nodata=abc`, /^nodata: expected a number, nan, inf or -inf/],
    ['/tiles/0/0/0', `?url=${url}&resampling=nope`, /^resampling: expected one of nearest/],
    ['/tiles/0/0/0', `?url=${url}&reproject=gauss`, /^reproject: expected one of/],
    ['/tiles/0/0/0', `?url=${url}&rescale=0`, /^rescale\.0: expected rescale as min,max/],
    ['/tiles/0/0/0', `?url=${url}&return_mask=perhaps`, /^return_mask: expected true or false/],
    ['/tiles/0/0/0', `?url=${url}&buffer=0.25`, /^buffer: expected a multiple of 0\.5/],
    ['/tiles/0/0/0', `?url=${url}&padding=-1`, /^padding: expected a whole number from 0 to 128/],
    ['/tiles/0/0/0', `?url=${url}&bidx=1%2Bb2`, /^bidx\.0: band indexes are whole numbers from 1/],
    ['/tiles/0/0/0', `?url=${url}&expression=b1*2`, /^expression: not supported by this server yet/],
    ['/tilejson.json', `?url=${url}&tile_scale=0`, /^tile_scale: expected a scale from 1 to 4/],
    ['/preview', `?url=${url}&max_size=99999`, /^max_size: expected a size in pixels from 1 to 4096/],
    ['/preview.jp2', `?url=${url}`, /^The jp2 format is not supported/],
    ['/statistics', `?url=${url}&histogram_bins=a`, /^histogram_bins: expected a number of bins/],
    ['/statistics', `?url=${url}&categorical=maybe`, /^categorical: expected true or false/],
    ['/point/0', `?url=${url}`, /^A point is \/point\/\{lon\},\{lat\}/],
    ['/point/0,0', `?url=${url}&coord_crs=WGS84`, /^coord_crs: expected EPSG:<code>/],
    ['/bbox/0,0,1,1', `?url=${url}`, /^A bbox path ends with the image format/],
    ['/bbox/0,0,1,1/10x10.jp2', `?url=${url}`, /^The jp2 format is not supported/],
  ];
  for (const [path, search, message] of bad) {
    it(`${path}${search.replace(url, 'URL')} is a 400`, async () => {
      const response = await get(`/cog${path}${search}`);
      assert.equal(response.statusCode, 400);
      assert.match(errorOf(response).detail, message);
    });
  }
});

describe('POST /cog/feature', () => {
  const url = encodeURIComponent(join(allowed, 'a.tif'));

  it('refuses a body that is not JSON with a 415', async () => {
    const response = await app.inject({ method: 'POST', url: `${root}/cog/feature?url=${url}`, headers: { 'content-type': 'text/plain' }, payload: 'x' });
    assert.equal(response.statusCode, 415);
  });

  it('refuses a geometry that is not a polygon with a 400', async () => {
    const payload = {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
      properties: {},
    };
    const response = await app.inject({ method: 'POST', url: `${root}/cog/feature.png?url=${url}`, payload });
    assert.equal(response.statusCode, 400);
    assert.match(errorOf(response).detail, /Polygon or MultiPolygon/);
  });

  it('refuses a size or format it cannot make', async () => {
    const payload = {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      properties: {},
    };
    for (const [path, message] of [
      ['/cog/feature/0x10.png', /The width must be from 1 to 4096/],
      ['/cog/feature/10x10.jp2', /jp2 format is not supported/],
      ['/cog/feature.bmp', /Unknown image format "bmp"/],
    ] as const) {
      const response = await app.inject({ method: 'POST', url: `${root}${path}?url=${url}`, payload });
      assert.equal(response.statusCode, 400, path);
      assert.match(errorOf(response).detail, message);
    }
  });
});

describe('methods and paths', () => {
  it('answer another method on a known path with a 405 and Allow', async () => {
    const del = await app.inject({ method: 'DELETE', url: `${root}/cog/info?url=x` });
    assert.equal(del.statusCode, 405);
    assert.equal(del.headers.allow, 'GET, HEAD, OPTIONS');
    assert.match(errorOf(del).detail, /^DELETE is not allowed on \/api\/data\/v1\/cog\/info; use GET\.$/);
    const getFeature = await get('/cog/feature');
    assert.equal(getFeature.statusCode, 405);
    assert.equal(getFeature.headers.allow, 'POST, OPTIONS');
    const postTile = await app.inject({ method: 'POST', url: `${root}/cog/tiles/WebMercatorQuad/0/0/0.png` });
    assert.equal(postTile.statusCode, 405);
  });

  it('answer an unknown path with a 404 in the same shape', async () => {
    const response = await get('/cog/nothing/here/at/all');
    assert.equal(response.statusCode, 404);
    assert.equal(errorOf(response).detail, `No resource at GET ${root}/cog/nothing/here/at/all`);
  });

  it('serve the OpenAPI document and its page', async () => {
    const doc = await get('/api');
    assert.equal(doc.statusCode, 200);
    assert.match(String(doc.headers['content-type']), /application\/vnd\.oai\.openapi\+json/);
    assert.ok((doc.json() as { paths: Record<string, unknown> }).paths['/cog/tiles/{tileMatrixSetId}/{z}/{x}/{y}@{scale}x.{format}']);
    const page = await get('/api.html');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<code>\/cog\/bbox\/\{minx\},\{miny\},\{maxx\},\{maxy\}\.\{format\}<\/code>/);
  });
});
