import type { RenderConfig } from '@pqe/catalog';

/** Percent-encoding as Python's quote_plus does it: only A-Z a-z 0-9 _ . - ~ stay, a space becomes +. */
function quotePlus(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** A value as Python's str() writes it, which is what the Planetary Computer's query strings carry. */
function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/**
 * The query string of a collection's default rendering, built as the Planetary Computer builds it:
 * `collection=…[&item=…]`, one `assets=` per asset, the render params (a list repeats its key), then
 * `format=png` unless the params name a format.
 */
export function renderQueryString(config: RenderConfig, collection: string, item?: string): string {
  const parts = [`collection=${quotePlus(collection)}`];
  if (item !== undefined) parts.push(`item=${quotePlus(item)}`);
  for (const asset of config.assets ?? []) parts.push(`assets=${quotePlus(asset)}`);
  for (const [key, value] of Object.entries(config.render_params)) {
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${quotePlus(key)}=${quotePlus(pythonStr(v))}`);
  }
  if (!Object.hasOwn(config.render_params, 'format')) parts.push('format=png');
  return parts.join('&');
}

/** Whether a render config asks for tiler links: it exists, creates links and is not hidden. */
export function wantsTilerLinks(config: RenderConfig | undefined): config is RenderConfig {
  return config !== undefined && config.create_links !== false && config.hidden !== true;
}

/** The preview link and tilejson / rendered_preview assets that the Planetary Computer adds to an item. */
export function itemTilerExtras(config: RenderConfig, tilerHref: string, collection: string, item: string) {
  const qs = renderQueryString(config, collection, item);
  return {
    link: {
      rel: 'preview',
      href: `${tilerHref}item/map?collection=${quotePlus(collection)}&item=${quotePlus(item)}`,
      title: 'Map of item',
      type: 'text/html',
    },
    assets: {
      tilejson: { title: 'TileJSON with default rendering', href: `${tilerHref}item/tilejson.json?${qs}`, type: 'application/json', roles: ['tiles'] },
      rendered_preview: {
        title: 'Rendered preview',
        rel: 'preview',
        href: `${tilerHref}item/preview.png?${qs}`,
        roles: ['overview'],
        type: 'image/png',
      },
    },
  };
}
