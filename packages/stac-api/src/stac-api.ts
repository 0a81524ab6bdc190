import type { Database } from '@pqe/catalog';
import { AppError, type Config } from '@pqe/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stacBaseUrl } from './links.js';

export interface StacApiDeps {
  db: Database;
  config: Pick<Config, 'stacRootPath' | 'catalogId' | 'catalogTitle' | 'catalogDescription'>;
}

export const STAC_VERSION = '1.0.0';

/** Conformance classes of what is implemented now; each later capability adds its own. */
export const conformanceClasses = ['https://api.stacspec.org/v1.0.0/core', 'https://api.stacspec.org/v1.0.0/collections'] as const;

interface CollectionRow {
  id: string;
  content: Record<string, unknown>;
}

async function visibleCollections(db: Database, signal: AbortSignal): Promise<CollectionRow[]> {
  const { rows } = await db.query<CollectionRow>(
    `SELECT c.id, c.content FROM pqe.collections AS c
       LEFT JOIN pqe.collection_configs AS cc ON cc.collection_id = c.id
      WHERE coalesce((cc.render_config->>'hidden')::boolean, false) = false
      ORDER BY c.id`,
    [],
    { signal },
  );
  return rows;
}

function collectionWithLinks(row: CollectionRow, base: string): Record<string, unknown> {
  const own = Array.isArray(row.content.links) ? (row.content.links as { rel?: string }[]) : [];
  const kept = own.filter((link) => !['self', 'root', 'parent', 'items'].includes(link.rel ?? ''));
  const href = `${base}/collections/${encodeURIComponent(row.id)}`;
  return {
    ...row.content,
    links: [
      ...kept,
      { rel: 'self', type: 'application/json', href },
      { rel: 'parent', type: 'application/json', href: `${base}/` },
      { rel: 'root', type: 'application/json', href: `${base}/` },
    ],
  };
}

/**
 * The STAC API routes, registered under the configured root path. This is the landing page, conformance and
 * collections; item search comes with the search capability.
 */
export async function stacApi(app: FastifyInstance, deps: StacApiDeps): Promise<void> {
  const root = deps.config.stacRootPath;
  const landing = async (request: FastifyRequest) => {
    const base = stacBaseUrl(request, root);
    const collections = await visibleCollections(deps.db, request.abortSignal);
    return {
      type: 'Catalog',
      stac_version: STAC_VERSION,
      id: deps.config.catalogId,
      title: deps.config.catalogTitle,
      description: deps.config.catalogDescription,
      conformsTo: conformanceClasses,
      links: [
        { rel: 'self', type: 'application/json', href: `${base}/` },
        { rel: 'root', type: 'application/json', href: `${base}/` },
        { rel: 'data', type: 'application/json', href: `${base}/collections` },
        { rel: 'conformance', type: 'application/json', href: `${base}/conformance` },
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
  app.get(`${root}/collections`, async (request) => {
    const base = stacBaseUrl(request, root);
    const collections = await visibleCollections(deps.db, request.abortSignal);
    return {
      collections: collections.map((row) => collectionWithLinks(row, base)),
      links: [
        { rel: 'self', type: 'application/json', href: `${base}/collections` },
        { rel: 'root', type: 'application/json', href: `${base}/` },
        { rel: 'parent', type: 'application/json', href: `${base}/` },
      ],
    };
  });
  app.get<{ Params: { collectionId: string } }>(`${root}/collections/:collectionId`, async (request) => {
    const id = request.params.collectionId;
    const rows = (await visibleCollections(deps.db, request.abortSignal)).filter((row) => row.id === id);
    const row = rows[0];
    if (row === undefined) throw new AppError('NotFound', `No collection with id '${id}' found`);
    return collectionWithLinks(row, stacBaseUrl(request, root));
  });
}
