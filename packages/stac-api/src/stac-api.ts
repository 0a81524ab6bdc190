import { createHash } from 'node:crypto';
import { type Database, getItem, type RenderConfig, type SearchPage, type SearchRequest, searchItems } from '@pqe/catalog';
import { AppError, type Config } from '@pqe/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CollectionRow, collectionView } from './collection-view.js';
import { itemView, type LinkContext } from './item-view.js';
import { stacBaseUrl } from './links.js';
import { openApiHtml, stacOpenApi } from './openapi.js';
import { cql2Functions, queryablesSchema } from './queryables.js';
import { LIMITS, searchFromBody, searchFromQuery } from './search-input.js';

export interface StacApiDeps {
  db: Database;
  config: Pick<Config, 'stacRootPath' | 'catalogId' | 'catalogTitle' | 'catalogDescription' | 'tilerHref' | 'region' | 'describedbyHref' | 'countBudgetMs'>;
}

export const STAC_VERSION = '1.0.0';

/** Conformance classes of exactly what works. */
export const conformanceClasses = [
  'https://api.stacspec.org/v1.0.0/core',
  'https://api.stacspec.org/v1.0.0/collections',
  'https://api.stacspec.org/v1.0.0/ogcapi-features',
  'https://api.stacspec.org/v1.0.0/item-search',
  'https://api.stacspec.org/v1.0.0/item-search#fields',
  'https://api.stacspec.org/v1.0.0/item-search#sort',
  'https://api.stacspec.org/v1.0.0/item-search#query',
  'https://api.stacspec.org/v1.0.0/ogcapi-features#fields',
  'https://api.stacspec.org/v1.0.0/ogcapi-features#sort',
  'https://api.stacspec.org/v1.0.0/ogcapi-features#query',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'https://api.stacspec.org/v1.0.0/item-search#filter',
  'https://api.stacspec.org/v1.0.0-rc.2/item-search#filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison',
  'http://www.opengis.net/spec/cql2/1.0/conf/accent-insensitive-comparison',
  'http://www.opengis.net/spec/cql2/1.0/conf/accent-case-insensitive-comparison',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus',
  'http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/array-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/property-property',
  'http://www.opengis.net/spec/cql2/1.0/conf/arithmetic',
  'http://www.opengis.net/spec/cql2/1.0/conf/functions',
] as const;

const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';
const SCHEMA_JSON = 'application/schema+json';

const GEOJSON = 'application/geo+json';
const OPENAPI = 'application/vnd.oai.openapi+json;version=3.1';

const COLLECTIONS_SQL = `SELECT c.id, c.content, cc.render_config
   FROM pqe.collections AS c LEFT JOIN pqe.collection_configs AS cc ON cc.collection_id = c.id
  WHERE coalesce((cc.render_config->>'hidden')::boolean, false) = false`;

async function visibleCollections(db: Database, signal: AbortSignal, id?: string): Promise<CollectionRow[]> {
  const { rows } =
    id === undefined
      ? await db.query<CollectionRow>(`${COLLECTIONS_SQL} ORDER BY c.id`, [], { signal })
      : await db.query<CollectionRow>(`${COLLECTIONS_SQL} AND c.id = $1`, [id], { signal });
  return rows;
}

async function renderConfigs(db: Database, collections: readonly string[], signal: AbortSignal): Promise<Map<string, RenderConfig>> {
  if (collections.length === 0) return new Map();
  const { rows } = await db.query<{ collection_id: string; render_config: RenderConfig }>(
    'SELECT collection_id, render_config FROM pqe.collection_configs WHERE collection_id = ANY($1::text[])',
    [collections],
    { signal },
  );
  return new Map(rows.map((r) => [r.collection_id, r.render_config]));
}

/** A weak ETag of the body; answers 304 when the client already has it. */
function withEtag(request: FastifyRequest, reply: FastifyReply, body: unknown, type = 'application/json'): unknown {
  const json = JSON.stringify(body);
  const etag = `W/"${createHash('sha1').update(json).digest('base64url')}"`;
  void reply.header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(type).send(json);
}

/**
 * The STAC API: landing page, conformance, collections, items, and item search (GET and POST), registered
 * under the configured root path. Handlers validate, call the catalog with the request's signal, and shape links.
 */
export async function stacApi(app: FastifyInstance, deps: StacApiDeps): Promise<void> {
  const { db, config } = deps;
  const root = config.stacRootPath;

  const context = (request: FastifyRequest): LinkContext => {
    const base = stacBaseUrl(request, root);
    const tilerHref = config.tilerHref !== '' ? config.tilerHref.replace(/\/?$/, '/') : `${new URL(base).origin}/api/data/v1/`;
    return { base, tilerHref, region: config.region, describedbyHref: config.describedbyHref };
  };

  const page = async (request: FastifyRequest, search: SearchRequest) => {
    const result = await searchItems(db, search, { signal: request.abortSignal, countBudgetMs: config.countBudgetMs });
    const configs = await renderConfigs(db, [...new Set(result.items.map((i) => String(i.collection)))], request.abortSignal);
    const ctx = context(request);
    return { result, features: result.items.map((item) => itemView(item, ctx, configs.get(String(item.collection)))), ctx };
  };

  const itemCollection = (features: unknown[], result: SearchPage, links: unknown[]) => ({
    type: 'FeatureCollection',
    features,
    links,
    ...(result.numberMatched === undefined ? {} : { numberMatched: result.numberMatched }),
    numberReturned: features.length,
    ...(result.numberMatchedIsEstimate === true ? { numberMatchedIsEstimate: true } : {}),
  });

  /** GET paging links: the request's own URL with the token swapped. */
  const getPagingLinks = (request: FastifyRequest, ctx: LinkContext, path: string, result: SearchPage) => {
    const url = new URL(`${ctx.base}${path}`);
    for (const [key, value] of Object.entries(request.query as Record<string, string | string[]>)) {
      if (key === 'token') continue;
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
    }
    const withToken = (token: string) => {
      const u = new URL(url);
      u.searchParams.set('token', token);
      return u.toString();
    };
    const links: unknown[] = [];
    if (result.next !== undefined) links.push({ rel: 'next', type: GEOJSON, method: 'GET', href: withToken(result.next) });
    if (result.prev !== undefined) links.push({ rel: 'prev', type: GEOJSON, method: 'GET', href: withToken(result.prev) });
    return { self: url.toString(), links };
  };

  const landing = async (request: FastifyRequest) => {
    const base = stacBaseUrl(request, root);
    const collections = await visibleCollections(db, request.abortSignal);
    return {
      type: 'Catalog',
      stac_version: STAC_VERSION,
      id: config.catalogId,
      title: config.catalogTitle,
      description: config.catalogDescription,
      conformsTo: conformanceClasses,
      links: [
        { rel: 'self', type: 'application/json', href: `${base}/` },
        { rel: 'root', type: 'application/json', href: `${base}/` },
        { rel: 'data', type: 'application/json', href: `${base}/collections` },
        { rel: 'conformance', type: 'application/json', href: `${base}/conformance` },
        { rel: 'service-desc', type: OPENAPI, href: `${base}/api` },
        { rel: 'service-doc', type: 'text/html', href: `${base}/api.html` },
        { rel: 'search', type: GEOJSON, method: 'GET', href: `${base}/search` },
        { rel: 'search', type: GEOJSON, method: 'POST', href: `${base}/search` },
        { rel: QUERYABLES_REL, type: SCHEMA_JSON, href: `${base}/queryables` },
        ...collections.map((c) => ({
          rel: 'child',
          type: 'application/json',
          href: `${base}/collections/${encodeURIComponent(c.id)}`,
          ...(typeof c.content.title === 'string' ? { title: c.content.title } : {}),
        })),
      ],
    };
  };
  app.get(`${root}/`, landing);
  if (root !== '') app.get(root, landing);
  app.get(`${root}/conformance`, async () => ({ conformsTo: conformanceClasses }));
  app.get(`${root}/functions`, async () => cql2Functions);
  app.get(`${root}/queryables`, async (request, reply) => {
    const base = stacBaseUrl(request, root);
    return reply.type(SCHEMA_JSON).send(await queryablesSchema(db, `${base}/queryables`, undefined, request.abortSignal));
  });
  app.get<{ Params: { collectionId: string } }>(`${root}/collections/:collectionId/queryables`, async (request, reply) => {
    const id = request.params.collectionId;
    await collectionOr404(request, id);
    const href = `${stacBaseUrl(request, root)}/collections/${encodeURIComponent(id)}/queryables`;
    return reply.type(SCHEMA_JSON).send(await queryablesSchema(db, href, id, request.abortSignal));
  });

  const openapi = stacOpenApi({ title: config.catalogTitle, description: config.catalogDescription, rootPath: root });
  app.get(`${root}/api`, async (_request, reply) => reply.type(OPENAPI).send(JSON.stringify(openapi)));
  app.get(`${root}/api.html`, async (request, reply) => reply.type('text/html; charset=utf-8').send(openApiHtml(openapi, `${stacBaseUrl(request, root)}/api`)));

  app.get(`${root}/collections`, async (request) => {
    const ctx = context(request);
    const collections = await visibleCollections(db, request.abortSignal);
    return {
      collections: collections.map((row) => collectionView(row, ctx)),
      links: [
        { rel: 'self', type: 'application/json', href: `${ctx.base}/collections` },
        { rel: 'root', type: 'application/json', href: `${ctx.base}/` },
        { rel: 'parent', type: 'application/json', href: `${ctx.base}/` },
      ],
      numberMatched: collections.length,
      numberReturned: collections.length,
    };
  });

  const collectionOr404 = async (request: FastifyRequest, id: string) => {
    const row = (await visibleCollections(db, request.abortSignal, id))[0];
    if (row === undefined) throw new AppError('NotFound', `No collection with id '${id}' found`);
    return row;
  };

  app.get<{ Params: { collectionId: string } }>(`${root}/collections/:collectionId`, async (request, reply) => {
    const row = await collectionOr404(request, request.params.collectionId);
    return withEtag(request, reply, collectionView(row, context(request)));
  });

  app.get<{ Params: { collectionId: string }; Querystring: Record<string, string | string[]> }>(
    `${root}/collections/:collectionId/items`,
    async (request, reply) => {
      const id = request.params.collectionId;
      const search = searchFromQuery(request.query, LIMITS.items);
      if (search.collections !== undefined || search.ids !== undefined) {
        throw new AppError('InvalidParameter', 'collections and ids are parameters of /search; this route lists the items of one collection');
      }
      await collectionOr404(request, id);
      const { result, features, ctx } = await page(request, { ...search, collections: [id] });
      const paging = getPagingLinks(request, ctx, `/collections/${encodeURIComponent(id)}/items`, result);
      const collectionHref = `${ctx.base}/collections/${encodeURIComponent(id)}`;
      return reply
        .type(GEOJSON)
        .send(
          itemCollection(features, result, [
            { rel: 'self', type: GEOJSON, href: paging.self },
            { rel: 'root', type: 'application/json', href: `${ctx.base}/` },
            { rel: 'parent', type: 'application/json', href: collectionHref },
            { rel: 'collection', type: 'application/json', href: collectionHref },
            ...paging.links,
          ]),
        );
    },
  );

  app.get<{ Params: { collectionId: string; itemId: string } }>(`${root}/collections/:collectionId/items/:itemId`, async (request, reply) => {
    const { collectionId, itemId } = request.params;
    await collectionOr404(request, collectionId);
    const item = await getItem(db, collectionId, itemId, request.abortSignal);
    if (item === undefined) throw new AppError('NotFound', `No item with id '${itemId}' in collection '${collectionId}'`);
    const configs = await renderConfigs(db, [collectionId], request.abortSignal);
    return withEtag(request, reply, itemView(item, context(request), configs.get(collectionId)), GEOJSON);
  });

  app.get<{ Querystring: Record<string, string | string[]> }>(`${root}/search`, async (request, reply) => {
    const search = searchFromQuery(request.query, LIMITS.search);
    const { result, features, ctx } = await page(request, search);
    const paging = getPagingLinks(request, ctx, '/search', result);
    return reply
      .type(GEOJSON)
      .send(
        itemCollection(features, result, [
          { rel: 'self', type: GEOJSON, href: paging.self },
          { rel: 'root', type: 'application/json', href: `${ctx.base}/` },
          ...paging.links,
        ]),
      );
  });

  app.post(`${root}/search`, async (request, reply) => {
    const search = searchFromBody(request.body, LIMITS.search);
    const { result, features, ctx } = await page(request, search);
    const href = `${ctx.base}/search`;
    // The next and prev links carry only the token; `merge: true` tells the client to send it with its own body.
    const links: unknown[] = [
      { rel: 'self', type: GEOJSON, href },
      { rel: 'root', type: 'application/json', href: `${ctx.base}/` },
    ];
    if (result.next !== undefined) links.push({ rel: 'next', type: GEOJSON, method: 'POST', href, body: { token: result.next }, merge: true });
    if (result.prev !== undefined) links.push({ rel: 'prev', type: GEOJSON, method: 'POST', href, body: { token: result.prev }, merge: true });
    return reply.type(GEOJSON).send(itemCollection(features, result, links));
  });

  // A known path asked with a method it does not take is 405, not 404.
  const allowed: [string, string[]][] = [
    [`${root}/`, ['GET']],
    [`${root}/conformance`, ['GET']],
    [`${root}/functions`, ['GET']],
    [`${root}/queryables`, ['GET']],
    [`${root}/collections/:collectionId/queryables`, ['GET']],
    [`${root}/api`, ['GET']],
    [`${root}/api.html`, ['GET']],
    [`${root}/collections`, ['GET']],
    [`${root}/collections/:collectionId`, ['GET']],
    [`${root}/collections/:collectionId/items`, ['GET']],
    [`${root}/collections/:collectionId/items/:itemId`, ['GET']],
    [`${root}/search`, ['GET', 'POST']],
  ];
  for (const [url, methods] of allowed) {
    const others = ['POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methods.includes(m));
    app.route({
      method: others,
      url,
      handler: async (request, reply) => {
        void reply.header('allow', [...methods, 'HEAD', 'OPTIONS'].join(', '));
        throw new AppError('MethodNotAllowed', `${request.method} is not allowed on ${request.url.split('?')[0]}; use ${methods.join(' or ')}`);
      },
    });
  }
}
