// TileJSON, WMTS and the map page describe tiles: the parameters of the request that shape those tiles travel
// into the tile URL, the ones that describe the document itself do not (titiler drops the same keys).

/** Keys (compared in lower case) that tilejson.json and map do not forward. */
export const tilejsonOwnKeys = ['tilematrixsetid', 'tile_format', 'tile_scale', 'minzoom', 'maxzoom'] as const;

/** Keys that WMTSCapabilities.xml does not forward (its own, and the OGC request keys clients add). */
export const wmtsOwnKeys = [...tilejsonOwnKeys, 'service', 'use_epsg', 'request'] as const;

/**
 * The query string to append to a tile URL ('' or '?a=b&...'): the parameters of `requestUrl` but the dropped
 * ones, in their order, repeats kept.
 */
export function forwardedQuery(requestUrl: string, drop: readonly string[]): string {
  const question = requestUrl.indexOf('?');
  const params = new URLSearchParams(question === -1 ? '' : requestUrl.slice(question + 1));
  const kept = new URLSearchParams();
  for (const [key, value] of params) if (!drop.includes(key.toLowerCase())) kept.append(key, value);
  const text = kept.toString();
  return text === '' ? '' : `?${text}`;
}
