import type { JsonObject, RenderConfig } from '@pqe/catalog';
import { itemTilerExtras, wantsTilerLinks } from './render-links.js';

/** What links are built from, for one request. */
export interface LinkContext {
  /** The STAC API's public base URL, without a trailing slash. */
  base: string;
  /** The data API's public base URL, with a trailing slash. */
  tilerHref: string;
  region: string;
  describedbyHref: string;
}

type Link = { rel?: string; href?: string } & Record<string, unknown>;

const OWN = new Set(['self', 'root', 'parent', 'collection']);

/**
 * An item as the API serves it: its own links (relative ones made absolute against the item's URL) plus self,
 * parent, collection and root; with the tiler preview link and assets when its collection's render config asks.
 * Items trimmed by `fields` get links only when they kept theirs.
 */
export function itemView(item: JsonObject, ctx: LinkContext, config: RenderConfig | undefined): JsonObject {
  const collection = typeof item.collection === 'string' ? item.collection : undefined;
  const id = typeof item.id === 'string' ? item.id : undefined;
  if (collection === undefined || id === undefined) return item;
  const collectionHref = `${ctx.base}/collections/${encodeURIComponent(collection)}`;
  const self = `${collectionHref}/items/${encodeURIComponent(id)}`;
  const view: JsonObject = { ...item };
  if (Array.isArray(item.links)) {
    const own = (item.links as Link[])
      .filter((link) => !OWN.has(link.rel ?? ''))
      .map((link) => (typeof link.href === 'string' ? { ...link, href: new URL(link.href, self).toString() } : link));
    const links: Link[] = [
      ...own,
      { rel: 'self', type: 'application/geo+json', href: self },
      { rel: 'parent', type: 'application/json', href: collectionHref },
      { rel: 'collection', type: 'application/json', href: collectionHref },
      { rel: 'root', type: 'application/json', href: `${ctx.base}/` },
    ];
    if (wantsTilerLinks(config)) {
      const extras = itemTilerExtras(config, ctx.tilerHref, collection, id);
      links.push(extras.link);
      if (typeof item.assets === 'object' && item.assets !== null) view.assets = { ...(item.assets as JsonObject), ...extras.assets };
    }
    view.links = links as JsonObject[];
  }
  return view;
}
