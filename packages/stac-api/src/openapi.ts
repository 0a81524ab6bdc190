import { z } from 'zod';
import { collectionParams, itemParams, itemsQuerySchema, searchBodySchema, searchQuerySchema } from './route-schemas.js';

type JsonSchema = Record<string, unknown>;

const schema = (s: z.ZodType): JsonSchema => {
  const out = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
};

/** Query (or path) parameters of an OpenAPI operation, one per property of an object schema. */
function parameters(s: z.ZodObject, where: 'query' | 'path'): JsonSchema[] {
  const json = schema(s) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const json = (description: string, ref: string, type = 'application/json') => ({ description, content: { [type]: { schema: { $ref: ref } } } });

/**
 * The STAC API's OpenAPI 3.1 document, generated from the route schemas. Paths are relative to the server URL,
 * which is the service's root path.
 */
export function stacOpenApi(options: { title: string; description: string; rootPath: string }): JsonSchema {
  const itemCollection = json('An ItemCollection (GeoJSON FeatureCollection)', '#/components/schemas/ItemCollection', 'application/geo+json');
  return {
    openapi: '3.1.0',
    info: { title: options.title, description: options.description, version: '1.0.0' },
    servers: [{ url: options.rootPath === '' ? '/' : options.rootPath }],
    paths: {
      '/': {
        get: {
          summary: 'Landing page',
          operationId: 'getLandingPage',
          responses: { 200: json('The landing page, a STAC Catalog', '#/components/schemas/Catalog') },
        },
      },
      '/conformance': {
        get: {
          summary: 'Conformance classes',
          operationId: 'getConformance',
          responses: { 200: json('The conformance classes', '#/components/schemas/Conformance') },
        },
      },
      '/collections': {
        get: {
          summary: 'Collections',
          operationId: 'getCollections',
          responses: { 200: json('Every visible collection', '#/components/schemas/Collections') },
        },
      },
      '/collections/{collectionId}': {
        get: {
          summary: 'One collection',
          operationId: 'getCollection',
          parameters: parameters(collectionParams, 'path'),
          responses: { 200: json('A STAC Collection', '#/components/schemas/Collection'), 404: error },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          summary: 'Items of a collection',
          operationId: 'getItems',
          parameters: [...parameters(collectionParams, 'path'), ...parameters(itemsQuerySchema, 'query')],
          responses: { 200: itemCollection, 400: error, 404: error },
        },
      },
      '/collections/{collectionId}/items/{itemId}': {
        get: {
          summary: 'One item',
          operationId: 'getItem',
          parameters: parameters(itemParams, 'path'),
          responses: { 200: json('A STAC Item', '#/components/schemas/Item', 'application/geo+json'), 304: { description: 'Not modified' }, 404: error },
        },
      },
      '/search': {
        get: {
          summary: 'Item search',
          operationId: 'getSearch',
          parameters: parameters(searchQuerySchema, 'query'),
          responses: { 200: itemCollection, 400: error },
        },
        post: {
          summary: 'Item search',
          operationId: 'postSearch',
          requestBody: { required: true, content: { 'application/json': { schema: schema(searchBodySchema) } } },
          responses: { 200: itemCollection, 400: error, 415: error },
        },
      },
      '/queryables': {
        get: { summary: 'Queryables of every collection', operationId: 'getQueryables', responses: { 200: { description: 'A JSON Schema' } } },
      },
      '/collections/{collectionId}/queryables': {
        get: {
          summary: 'Queryables of a collection',
          operationId: 'getCollectionQueryables',
          parameters: parameters(collectionParams, 'path'),
          responses: { 200: { description: 'A JSON Schema' }, 404: error },
        },
      },
      '/functions': { get: { summary: 'Functions a filter may call', operationId: 'getFunctions', responses: { 200: { description: 'The functions' } } } },
      '/api': { get: { summary: 'This document', operationId: 'getOpenApi', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'description'],
          properties: { code: { type: 'string' }, description: { type: 'string', description: 'What went wrong and what to do' } },
        },
        Link: { type: 'object', required: ['rel', 'href'], properties: { rel: { type: 'string' }, href: { type: 'string' }, type: { type: 'string' } } },
        Catalog: { type: 'object', required: ['type', 'id', 'description', 'links'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
        Conformance: { type: 'object', required: ['conformsTo'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
        Collection: { type: 'object', required: ['type', 'id', 'description', 'license', 'extent', 'links'] },
        Collections: {
          type: 'object',
          required: ['collections', 'links'],
          properties: { collections: { type: 'array', items: { $ref: '#/components/schemas/Collection' } } },
        },
        Item: { type: 'object', required: ['type', 'id', 'geometry', 'properties', 'links', 'assets'] },
        ItemCollection: {
          type: 'object',
          required: ['type', 'features'],
          properties: {
            type: { const: 'FeatureCollection' },
            features: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
            links: { type: 'array', items: { $ref: '#/components/schemas/Link' } },
            numberMatched: { type: 'integer' },
            numberReturned: { type: 'integer' },
          },
        },
      },
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page describing the API (no scripts, nothing fetched from elsewhere). */
export function openApiHtml(doc: JsonSchema, specHref: string): string {
  const info = doc.info as { title: string; description: string };
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(
    doc.paths as Record<string, Record<string, { summary?: string; parameters?: { name: string; in: string; description?: string }[] }>>,
  )) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}) ${escapeHtml(p.description ?? '')}</li>`)
        .join('');
      rows.push(
        `<section><h2><span class="m">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h2><p>${escapeHtml(op.summary ?? '')}</p>${params === '' ? '' : `<ul>${params}</ul>`}</section>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}code{background:#f3f3f3;padding:0 .2em}.m{display:inline-block;min-width:4em;color:#fff;background:#2b6cb0;border-radius:3px;padding:0 .4em;font-size:.8em}section{border-top:1px solid #ddd}</style>
</head><body><h1>${escapeHtml(info.title)}</h1><p>${escapeHtml(info.description)}</p><p>OpenAPI document: <a href="${escapeHtml(specHref)}">${escapeHtml(specHref)}</a></p>
${rows.join('\n')}
</body></html>`;
}
