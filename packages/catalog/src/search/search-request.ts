import type { BooleanExpression } from '../cql2/ast.js';
import type { Geometry } from '../stac/geojson.js';

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  /** A property name as the user gave it: `datetime`, `properties.eo:cloud_cover`, `id`, `collection`. */
  field: string;
  direction: SortDirection;
}

/** A closed or half-open time interval; an instant has start === end. RFC 3339 strings, null for an open end. */
export interface DatetimeInterval {
  start: string | null;
  end: string | null;
}

export const queryOperators = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'startsWith', 'endsWith', 'contains'] as const;
export type QueryOperator = (typeof queryOperators)[number];

/** The query extension: `{property: {operator: value}}`, every condition AND-ed. */
export type QueryConditions = Record<string, Partial<Record<QueryOperator, unknown>>>;

export interface FieldsSpec {
  include: string[];
  exclude: string[];
}

/**
 * One item search, whatever its origin (GET /search, POST /search, /collections/{id}/items): validated values
 * only. Lists are never empty (an empty list given by the user is the same as none).
 */
export interface SearchRequest {
  ids?: string[];
  collections?: string[];
  /** minx, miny, maxx, maxy in CRS84; minx > maxx crosses the antimeridian. */
  bbox?: [number, number, number, number];
  intersects?: Geometry;
  datetime?: DatetimeInterval;
  query?: QueryConditions;
  /** A CQL2 filter, read from either encoding. */
  filter?: BooleanExpression;
  sortby?: SortKey[];
  fields?: FieldsSpec;
  limit: number;
  /** An opaque paging token from a previous page's next or prev link. */
  token?: string;
}
