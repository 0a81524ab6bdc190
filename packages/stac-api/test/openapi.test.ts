import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadConfig } from '@pqe/common';
import { stacOpenApi } from '../src/openapi.js';

describe('the OpenAPI document', () => {
  it('matches the committed copy in docs/openapi (run scripts/openapi after changing a route)', () => {
    const config = loadConfig({});
    const generated = stacOpenApi({ title: config.catalogTitle, description: config.catalogDescription, rootPath: config.stacRootPath });
    const committed = JSON.parse(readFileSync(new URL('../../../../docs/openapi/stac-api.json', import.meta.url), 'utf8'));
    assert.deepEqual(generated, committed);
  });

  it('is OpenAPI 3.1 and describes both search methods with their parameters', () => {
    const doc = stacOpenApi({ title: 't', description: 'd', rootPath: '/api/stac/v1' }) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    const get = doc.paths['/search']?.get;
    assert.ok(get?.parameters?.some((p) => p.name === 'bbox'));
    assert.ok(doc.paths['/search']?.post);
  });
});
