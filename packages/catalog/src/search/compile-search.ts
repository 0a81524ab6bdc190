import { AppError } from '@pqe/common';
import { Cql2SqlCompiler } from './cql2-sql.js';
import type { Cursor } from './paging-token.js';
import { type PropertySql, propertySql } from './property-sql.js';
import type { QueryableTypes } from './queryable-types.js';
import type { QueryConditions, SearchRequest, SortKey } from './search-request.js';
import { SqlParams } from './sql-params.js';

/** The sort order used when the search gives none: newest first, as pgstac and the Planetary Computer do. */
export const DEFAULT_SORT: readonly SortKey[] = [{ field: 'datetime', direction: 'desc' }];

/**
 * The full sort order of a search: the user's keys, then collection and id so that every row has one place
 * (the keyset needs a total order). Tie-breakers follow the first key's direction, which lets a single
 * row comparison, and the indexes, serve the common case.
 */
export function fullSort(sortby: readonly SortKey[] | undefined): SortKey[] {
  const keys = sortby !== undefined && sortby.length > 0 ? [...sortby] : [...DEFAULT_SORT];
  const direction = keys[0]?.direction ?? 'desc';
  const named = new Set(keys.map((k) => k.field.replace(/^properties\./, '')));
  if (!named.has('collection')) keys.push({ field: 'collection', direction });
  if (!named.has('id')) keys.push({ field: 'id', direction });
  return keys;
}

function sortExpression(p: PropertySql): string {
  // A missing property sorts as JSON null (the lowest JSON value), so that the order has no SQL NULLs.
  return p.kind === 'jsonb' ? `coalesce(${p.sql}, 'null'::jsonb)` : p.sql;
}

function castOf(p: PropertySql): string {
  return p.kind === 'jsonb' ? 'text::jsonb' : p.kind;
}

/** SQL for the bbox, in two parts when it crosses the antimeridian. */
function bboxCondition(bbox: readonly [number, number, number, number], params: SqlParams): string {
  const [minx, miny, maxx, maxy] = bbox;
  const box = (x0: number, x1: number) =>
    `ST_Intersects(i.geometry, ST_MakeEnvelope(${params.add(x0, 'float8')}, ${params.add(miny, 'float8')}, ${params.add(x1, 'float8')}, ${params.add(maxy, 'float8')}, 4326))`;
  return minx <= maxx ? box(minx, maxx) : `(${box(minx, 180)} OR ${box(-180, maxx)})`;
}

function queryConditions(query: QueryConditions, params: SqlParams): string[] {
  const out: string[] = [];
  for (const [property, ops] of Object.entries(query)) {
    const p = propertySql(property, params);
    const value = (v: unknown) => (p.kind === 'jsonb' ? params.add(JSON.stringify(v), 'text::jsonb') : params.add(v, p.kind));
    const text = p.kind === 'jsonb' ? `(${p.sql} #>> '{}')` : `${p.sql}::text`;
    for (const [op, operand] of Object.entries(ops)) {
      switch (op) {
        case 'eq':
          out.push(`${p.sql} = ${value(operand)}`);
          break;
        case 'neq':
          out.push(`${p.sql} <> ${value(operand)}`);
          break;
        case 'lt':
          out.push(`${p.sql} < ${value(operand)}`);
          break;
        case 'lte':
          out.push(`${p.sql} <= ${value(operand)}`);
          break;
        case 'gt':
          out.push(`${p.sql} > ${value(operand)}`);
          break;
        case 'gte':
          out.push(`${p.sql} >= ${value(operand)}`);
          break;
        case 'in':
          out.push(
            p.kind === 'jsonb'
              ? `${p.sql} = ANY(${params.add(
                  (operand as unknown[]).map((v) => JSON.stringify(v)),
                  'text[]',
                )}::jsonb[])`
              : `${p.sql} = ANY(${params.add(operand, `${p.kind}[]`)})`,
          );
          break;
        case 'startsWith':
          out.push(`starts_with(${text}, ${params.add(operand, 'text')})`);
          break;
        case 'endsWith':
          out.push(`right(${text}, length(${params.add(operand, 'text')})) = ${params.add(operand, 'text')}`);
          break;
        case 'contains':
          out.push(`strpos(${text}, ${params.add(operand, 'text')}) > 0`);
          break;
        default:
          throw new AppError('InvalidParameter', `query: unknown operator ${op}`);
      }
    }
  }
  return out;
}

/** The WHERE conditions of a search, without paging; shared by the page query and the count. */
export function whereConditions(request: SearchRequest, params: SqlParams, options: { hidden: readonly string[]; queryables?: QueryableTypes }): string[] {
  const where: string[] = [];
  if (request.collections !== undefined) where.push(`i.collection = ANY(${params.add(request.collections, 'text[]')})`);
  if (request.ids !== undefined) where.push(`i.id = ANY(${params.add(request.ids, 'text[]')})`);
  if (request.bbox !== undefined) where.push(bboxCondition(request.bbox, params));
  if (request.intersects !== undefined) {
    where.push(`ST_Intersects(i.geometry, ST_SetSRID(ST_GeomFromGeoJSON(${params.add(JSON.stringify(request.intersects), 'text')}), 4326))`);
  }
  const { datetime } = request;
  if (datetime !== undefined) {
    // An item (instant or interval) matches when its [datetime, end_datetime] meets the searched interval. With
    // a spatial filter, the GiST index over geometry and both datetimes checks the two together.
    if (datetime.end !== null) where.push(`i.datetime <= ${params.add(datetime.end, 'timestamptz')}`);
    if (datetime.start !== null) where.push(`i.end_datetime >= ${params.add(datetime.start, 'timestamptz')}`);
  }
  if (request.query !== undefined) where.push(...queryConditions(request.query, params));
  if (request.filter !== undefined) where.push(new Cql2SqlCompiler(params, options.queryables).condition(request.filter));
  // Hidden collections come as a list of constants, which the planner can estimate (and drop when empty).
  if (options.hidden.length > 0) where.push(`NOT (i.collection = ANY(${params.add(options.hidden, 'text[]')}))`);
  return where;
}

/** `a < x OR (a = x AND (b > y OR ...))`, or one row comparison when every key goes the same way. */
function keysetCondition(keys: readonly PropertySql[], sort: readonly SortKey[], cursor: Cursor, params: SqlParams): string {
  const forward = cursor.direction === 'next';
  const after = (k: SortKey) => (k.direction === 'asc') === forward; // the page continues towards larger values
  const values = cursor.values.map((v, i) => `${params.add(v, castOf(keys[i] as PropertySql))}`);
  const exprs = keys.map(sortExpression);
  if (sort.every((k) => after(k) === after(sort[0] as SortKey))) {
    return `(${exprs.join(', ')}) ${after(sort[0] as SortKey) ? '>' : '<'} (${values.join(', ')})`;
  }
  let condition = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const strict = `${exprs[i]} ${after(sort[i] as SortKey) ? '>' : '<'} ${values[i]}`;
    condition = condition === '' ? strict : `(${strict} OR (${exprs[i]} = ${values[i]} AND ${condition}))`;
  }
  return condition;
}

export interface CompiledSearch {
  sql: string;
  params: unknown[];
  /** The full sort order, for making tokens. */
  sort: SortKey[];
}

/**
 * One parameterized statement for one page: the item rows plus their sort values (k0, k1, ...), `limit + 1` of
 * them so that the caller knows whether another page follows. A `prev` cursor reads backwards; the caller
 * reverses those rows.
 */
export function compileSearch(
  request: SearchRequest,
  cursor: Cursor | undefined,
  options: { hidden: readonly string[]; queryables?: QueryableTypes },
): CompiledSearch {
  const params = new SqlParams();
  const sort = fullSort(request.sortby);
  const keys = sort.map((k) => propertySql(k.field, params));
  const where = whereConditions(request, params, options);
  if (cursor !== undefined) {
    where.push(keysetCondition(keys, sort, cursor, params));
    // The same bound on the first key alone, which an index on that column can use (a row comparison cannot).
    const first = keys[0] as PropertySql;
    if (first.kind !== 'jsonb') {
      const after = ((sort[0] as SortKey).direction === 'asc') === (cursor.direction === 'next');
      where.push(`${first.sql} ${after ? '>=' : '<='} ${params.add(cursor.values[0], castOf(first))}`);
    }
  }
  const backwards = cursor?.direction === 'prev';
  const order = sort
    .map((k, i) => {
      const asc = (k.direction === 'asc') !== backwards;
      return `${sortExpression(keys[i] as PropertySql)} ${asc ? 'ASC' : 'DESC'}`;
    })
    .join(', ');
  const select = keys.map((k, i) => `${sortExpression(k)}::text AS k${i}`).join(', ');
  const sql = `SELECT i.collection, i.id, ST_AsGeoJSON(i.geometry, 17) AS geometry, i.content, ${select}
  FROM pqe.items AS i
 ${where.length > 0 ? `WHERE ${where.join('\n   AND ')}` : ''}
 ORDER BY ${order}
 LIMIT ${params.add(request.limit + 1, 'int')}`;
  return { sql, params: params.values, sort };
}

/** `SELECT count(*)` of a search, for numberMatched; with `estimate`, the statement to EXPLAIN instead. */
export function compileCount(
  request: SearchRequest,
  options: { hidden: readonly string[]; queryables?: QueryableTypes; estimate?: boolean },
): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const where = whereConditions(request, params, options);
  const from = `FROM pqe.items AS i ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { sql: options.estimate === true ? `EXPLAIN (FORMAT JSON) SELECT 1 ${from}` : `SELECT count(*)::bigint AS n ${from}`, params: params.values };
}
