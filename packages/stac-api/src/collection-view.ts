import type { RenderConfig } from '@pqe/catalog';
import type { LinkContext } from './item-view.js';

export interface CollectionRow {
  id: string;
  content: Record<string, unknown>;
  render_config: RenderConfig | null;
}

type Link = { rel?: string; href?: string } & Record<string, unknown>;

const OWN = new Set(['self', 'root', 'parent', 'items']);

/**
 * A collection as the API serves it: its own links (relative ones made absolute) plus self, parent, root and
 * items, `msft:region` when it has none, the describedby link when configured, and the Planetary Computer's
 * tiler extras when its render config asks for them.
 */
export function collectionView(row: CollectionRow, ctx: LinkContext): Record<string, unknown> {
  const self = `${ctx.base}/collections/${encodeURIComponent(row.id)}`;
  const own = (Array.isArray(row.content.links) ? (row.content.links as Link[]) : [])
    .filter((link) => !OWN.has(link.rel ?? ''))
    .map((link) => (typeof link.href === 'string' ? { ...link, href: new URL(link.href, `${self}/`).toString() } : link));
  const links: Link[] = [
    ...own,
    { rel: 'self', type: 'application/json', href: self },
    { rel: 'parent', type: 'application/json', href: `${ctx.base}/` },
    { rel: 'root', type: 'application/json', href: `${ctx.base}/` },
    { rel: 'items', type: 'application/geo+json', href: `${self}/items` },
    { rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: 'application/schema+json', href: `${self}/queryables` },
  ];
  if (ctx.describedbyHref !== '') {
    links.push({
      rel: 'describedby',
      href: ctx.describedbyHref.replaceAll('{collection}', encodeURIComponent(row.id)),
      type: 'text/html',
      title: 'Human readable dataset overview and reference',
    });
  }
  const view: Record<string, unknown> = { ...row.content, links };
  if (view['msft:region'] === undefined) view['msft:region'] = ctx.region;
  const config = row.render_config;
  if (config?.vector_tilesets != null && config.vector_tilesets.length > 0) {
    const assets = { ...((view.assets as Record<string, unknown> | undefined) ?? {}) };
    for (const tileset of config.vector_tilesets) {
      assets[tileset.id] = {
        title: tileset.name ?? tileset.id,
        href: `${ctx.tilerHref}vector/collections/${encodeURIComponent(row.id)}/tilesets/${encodeURIComponent(tileset.id)}/tilejson.json`,
        type: 'application/json',
        roles: ['tiles'],
      };
    }
    view.assets = assets;
  }
  return view;
}
