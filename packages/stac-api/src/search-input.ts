import {
  type BooleanExpression,
  type FilterLanguage,
  filterLanguages,
  parseBbox,
  parseDatetime,
  parseFields,
  parseFilter,
  parseIntersects,
  parseLimit,
  parseQuery,
  parseSortby,
  type SearchRequest,
} from '@pqe/catalog';
import { AppError } from '@pqe/common';

/** Page sizes as the Planetary Computer has them: 250 on /search, 10 on /items, at most 1000 (larger is clamped). */
export const LIMITS = { search: { default: 250, max: 1000 }, items: { default: 10, max: 1000 } } as const;

const bad = (message: string) => new AppError('InvalidParameter', message);

type QueryValue = string | string[] | undefined;

function single(query: Record<string, QueryValue>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw bad(`${name} was given ${value.length} times; give it once`);
    return value[0];
  }
  return value;
}

/** A comma-separated list (repeated parameters are joined too); empty entries are dropped. */
function list(query: Record<string, QueryValue>, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return parts.length === 0 ? undefined : parts;
}

const CRS84 = ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'https://www.opengis.net/def/crs/OGC/1.3/CRS84'];

/** The filter extension's three parameters; cql2-text is the default on GET, cql2-json on POST. */
function readFilter(filter: unknown, lang: unknown, crs: unknown, defaultLang: FilterLanguage): BooleanExpression | undefined {
  if (crs !== undefined && crs !== null && !CRS84.includes(String(crs))) {
    throw bad(`filter-crs ${JSON.stringify(crs)} is not supported; filters are in ${CRS84[0]}`);
  }
  const language = lang === undefined || lang === null || lang === '' ? defaultLang : lang;
  if (!(filterLanguages as readonly unknown[]).includes(language)) throw bad(`filter-lang must be cql2-text or cql2-json; got ${JSON.stringify(lang)}`);
  if (filter === undefined || filter === null || filter === '') return undefined;
  return parseFilter(filter, language as FilterLanguage);
}

/** GET /search and GET /collections/{id}/items parameters as one validated search. */
export function searchFromQuery(query: Record<string, QueryValue>, limits: { default: number; max: number }): SearchRequest {
  const request: SearchRequest = { limit: parseLimit(single(query, 'limit'), limits) };
  const collections = list(query, 'collections') ?? list(query, 'collection');
  if (collections !== undefined) request.collections = collections;
  const ids = list(query, 'ids');
  if (ids !== undefined) request.ids = ids;
  const bbox = single(query, 'bbox');
  const intersects = single(query, 'intersects');
  if (bbox !== undefined && intersects !== undefined) throw bad('bbox and intersects cannot be used together; give one of them');
  if (bbox !== undefined) request.bbox = parseBbox(bbox.split(','));
  if (intersects !== undefined) {
    let geometry: unknown;
    try {
      geometry = JSON.parse(intersects);
    } catch (error) {
      throw bad(`intersects is not valid JSON: ${(error as Error).message}`);
    }
    request.intersects = parseIntersects(geometry);
  }
  const datetime = single(query, 'datetime');
  if (datetime !== undefined) request.datetime = parseDatetime(datetime);
  const q = single(query, 'query');
  if (q !== undefined) request.query = parseQuery(q);
  const sortby = single(query, 'sortby');
  if (sortby !== undefined) {
    const keys = parseSortby(sortby);
    if (keys.length > 0) request.sortby = keys;
  }
  const fields = single(query, 'fields');
  if (fields !== undefined) request.fields = parseFields(fields);
  const token = single(query, 'token');
  if (token !== undefined && token !== '') request.token = token;
  const filter = readFilter(single(query, 'filter'), single(query, 'filter-lang'), single(query, 'filter-crs'), 'cql2-text');
  if (filter !== undefined) request.filter = filter;
  return request;
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const values = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw bad(`${name} must be an array of strings`);
  return values.length === 0 ? undefined : (values as string[]);
}

/** POST /search's JSON body as one validated search. Unknown members are ignored, as STAC clients send extras. */
export function searchFromBody(body: unknown, limits: { default: number; max: number }): SearchRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('the search body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (b.limit !== undefined && typeof b.limit !== 'number') throw bad(`limit must be an integer from 1 to ${limits.max}; got ${JSON.stringify(b.limit)}`);
  const request: SearchRequest = { limit: parseLimit(b.limit, limits) };
  const collections = stringList(b.collections, 'collections');
  if (collections !== undefined) request.collections = collections;
  const ids = stringList(b.ids, 'ids');
  if (ids !== undefined) request.ids = ids;
  if (b.bbox != null && b.intersects != null) throw bad('bbox and intersects cannot be used together; give one of them');
  if (b.bbox != null) {
    if (!Array.isArray(b.bbox)) throw bad('bbox must be an array of 4 or 6 numbers');
    request.bbox = parseBbox(b.bbox);
  }
  if (b.intersects != null) request.intersects = parseIntersects(b.intersects);
  if (b.datetime != null) {
    if (typeof b.datetime !== 'string') throw bad('datetime must be a string: an instant or an interval start/end');
    request.datetime = parseDatetime(b.datetime);
  }
  if (b.query != null) request.query = parseQuery(b.query);
  if (b.sortby != null) {
    if (!Array.isArray(b.sortby) && typeof b.sortby !== 'string') throw bad('sortby must be an array of {"field", "direction"}');
    const keys = parseSortby(b.sortby as string | unknown[]);
    if (keys.length > 0) request.sortby = keys;
  }
  if (b.fields != null) {
    if (typeof b.fields !== 'object' && typeof b.fields !== 'string') throw bad('fields must be {"include": [...], "exclude": [...]}');
    request.fields = parseFields(b.fields as string | { include?: unknown; exclude?: unknown });
  }
  if (b.token != null) {
    if (typeof b.token !== 'string') throw bad('token must be a string');
    if (b.token !== '') request.token = b.token;
  }
  const filter = readFilter(b.filter, b['filter-lang'], b['filter-crs'], 'cql2-json');
  if (filter !== undefined) request.filter = filter;
  return request;
}
