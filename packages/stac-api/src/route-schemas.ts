import { z } from 'zod';

/**
 * The inputs of the STAC routes as schemas: the handlers read their raw inputs through these, and the OpenAPI
 * document is generated from them, so the two cannot disagree. Values are then checked in depth by the catalog's
 * parsers (bbox ranges, datetimes, geometries), which give the messages users see.
 */
const text = (description: string) => z.string().describe(description).optional();

export const searchQuerySchema = z.looseObject({
  collections: text('Comma-separated collection ids'),
  ids: text('Comma-separated item ids'),
  bbox: text('minx,miny,maxx,maxy (or 6 numbers with minz and maxz), in CRS84; minx > maxx crosses the antimeridian'),
  intersects: text('A GeoJSON geometry, as JSON'),
  datetime: text('An RFC 3339 instant, a date (read as midnight UTC), or an interval start/end with .. for an open end'),
  limit: text('Items per page: 1 to 1000 (larger is clamped)'),
  query: text('The query extension, as JSON: {"eo:cloud_cover": {"lt": 10}}'),
  sortby: text('Comma-separated properties, - for descending: -datetime,+id'),
  fields: text('Comma-separated fields to include, - to exclude: id,-geometry'),
  token: text('A paging token from a next or prev link'),
  filter: text('A CQL2 filter, in cql2-text by default'),
  'filter-lang': text('cql2-text (default on GET) or cql2-json'),
  'filter-crs': text('Only http://www.opengis.net/def/crs/OGC/1.3/CRS84'),
});

export const itemsQuerySchema = searchQuerySchema.omit({ collections: true, ids: true });

const sortKey = z.object({ field: z.string(), direction: z.enum(['asc', 'desc']).default('asc') });

export const searchBodySchema = z
  .looseObject({
    collections: z.array(z.string()).optional(),
    ids: z.array(z.string()).optional(),
    bbox: z.array(z.number()).min(4).max(6).optional(),
    intersects: z.record(z.string(), z.unknown()).describe('A GeoJSON geometry').optional(),
    datetime: z.string().optional(),
    limit: z.number().int().optional(),
    query: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    sortby: z.array(sortKey).optional(),
    fields: z.object({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).optional(),
    token: z.string().optional(),
    filter: z.unknown().describe('A CQL2 filter: cql2-json by default on POST').optional(),
    'filter-lang': z.enum(['cql2-text', 'cql2-json']).optional(),
    'filter-crs': z.string().optional(),
  })
  .describe('An item search');

export const collectionParams = z.object({ collectionId: z.string().describe('A collection id') });
export const itemParams = z.object({ collectionId: z.string().describe('A collection id'), itemId: z.string().describe('An item id') });
