import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadConfig } from '@pqe/common';
import { dataRoutes } from '../src/data-api.js';
import { dataOpenApi, openApiPage } from '../src/openapi.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; deprecated?: boolean }>> };

describe('the data API OpenAPI document', () => {
  it('matches the committed copy in docs/openapi (run scripts/openapi after changing a route)', () => {
    const generated = dataOpenApi({ rootPath: loadConfig({}).dataRootPath });
    const committed = JSON.parse(readFileSync(new URL('../../../../docs/openapi/data-api.json', import.meta.url), 'utf8'));
    assert.deepEqual(generated, committed);
  });

  it('describes the tile parameters, with url required, and marks the routes without a TileMatrixSet deprecated', () => {
    const doc = dataOpenApi({ rootPath: '/api/data/v1' }) as Doc;
    assert.equal(doc.openapi, '3.1.0');
    const tile = doc.paths['/cog/tiles/{tileMatrixSetId}/{z}/{x}/{y}@{scale}x.{format}']?.get;
    const names = tile?.parameters?.map((p) => p.name) ?? [];
    for (const name of [
      'tileMatrixSetId',
      'z',
      'x',
      'y',
      'scale',
      'format',
      'url',
      'bidx',
      'nodata',
      'unscale',
      'resampling',
      'reproject',
      'buffer',
      'padding',
      'rescale',
      'return_mask',
    ]) {
      assert.ok(names.includes(name), `${name} is described`);
    }
    assert.equal(tile?.parameters?.find((p) => p.name === 'url')?.required, true);
    assert.equal(doc.paths['/cog/tiles/{z}/{x}/{y}']?.get?.deprecated, true);
    assert.equal(doc.paths['/cog/tilejson.json']?.get?.deprecated, true);
    assert.ok(doc.paths['/cog/feature/{width}x{height}.{format}']?.post);
  });

  it('has an operation for every route the API serves', () => {
    const doc = dataOpenApi({ rootPath: '/api/data/v1' }) as Doc;
    const documented = Object.keys(doc.paths).map((p) => p.replace(/\{(\w+)\}/g, ':$1'));
    for (const [route] of dataRoutes) {
      if (route === '/api.html') continue;
      const pattern = new RegExp(`^${route.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+').replace('*', '.+')}$`);
      assert.ok(
        documented.some((p) => pattern.test(p)),
        `${route} is documented`,
      );
    }
  });

  it('gives a page that escapes what it shows', () => {
    const html = openApiPage({ info: { title: '<b>t</b>', description: 'a & b' }, paths: {} }, '/x/api?a="b"');
    assert.ok(!html.includes('<b>t</b>'));
    assert.match(html, /href="\/x\/api\?a=&#34;b&#34;"/);
  });
});
