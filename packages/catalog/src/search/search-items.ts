import { throwIfAborted } from '@pqe/common';
import type { Database, Queryable } from '../database/database.js';
import { SqlState, sqlStateOf } from '../database/database-errors.js';
import { hydrateItem, type ItemRow } from '../items/read-items.js';
import type { JsonObject } from '../stac/dehydrate.js';
import { compileCount, compileSearch, fullSort } from './compile-search.js';
import { applyFields } from './fields.js';
import { type Cursor, decodeToken, encodeToken } from './paging-token.js';
import { filterPropertyNames, mergeQueryableTypes, type QueryableTypes } from './queryable-types.js';
import type { SearchRequest } from './search-request.js';

export interface SearchOptions {
  signal?: AbortSignal | undefined;
  /** Collections whose items are left out (those hidden by their render config); set by searchItems. */
  hidden?: readonly string[];
  /** The types of the queryables the filter names; set by searchItems. */
  queryables?: QueryableTypes;
  /** Leave out the items of collections whose render config hides them (default true). */
  visibleOnly?: boolean;
  /** How long the exact count may take before it is given up (ms); 0 skips numberMatched. */
  countBudgetMs?: number;
}

export interface SearchPage {
  items: JsonObject[];
  /** Token of the next page, when there is one. */
  next?: string;
  /** Token of the previous page, when this page is not the first. */
  prev?: string;
  /** Items matching the search: counted when that fits the budget, else the planner's estimate. */
  numberMatched?: number;
  /** True when numberMatched is the planner's estimate rather than a count. */
  numberMatchedIsEstimate?: boolean;
}

type PageRow = ItemRow & Record<`k${number}`, string>;

async function baseItems(db: Queryable, collections: readonly string[], signal: AbortSignal | undefined): Promise<Map<string, JsonObject>> {
  if (collections.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; base_item: JsonObject }>(
    'SELECT id, base_item FROM pqe.collections WHERE id = ANY($1::text[])',
    [collections],
    {
      signal,
    },
  );
  return new Map(rows.map((row) => [row.id, row.base_item]));
}

/**
 * Counts the matches within a time budget: on PostgreSQL the count runs under its own statement timeout and is
 * dropped when it takes longer. Returns undefined when it was not counted.
 */
async function countWithin(db: Database, request: SearchRequest, budgetMs: number, options: SearchOptions): Promise<number | undefined> {
  const { sql, params } = compileCount(request, { hidden: options.hidden ?? [], queryables: options.queryables ?? new Map() });
  const run = async (q: Queryable) => {
    const { rows } = await q.query<{ n: number }>(sql, params, { signal: options.signal });
    return rows[0]?.n;
  };
  try {
    if (db.kind === 'postgres') {
      return await db.transaction(
        async (tx) => {
          await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(budgetMs))}`);
          return run(tx);
        },
        { signal: options.signal },
      );
    }
    return await run(db);
  } catch (error) {
    throwIfAborted(options.signal);
    const state = sqlStateOf((error as { cause?: unknown }).cause ?? error);
    if (state === SqlState.queryCanceled || (error as { code?: string }).code === 'Timeout') return undefined;
    throw error;
  }
}

/** The planner's estimate of the matches, from EXPLAIN: cheap, and close enough to say "about this many". */
export async function estimateCount(db: Queryable, request: SearchRequest, options: SearchOptions): Promise<number | undefined> {
  const { sql, params } = compileCount(request, { hidden: options.hidden ?? [], queryables: options.queryables ?? new Map(), estimate: true });
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(sql, params, { signal: options.signal });
  const estimate = rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'];
  return typeof estimate === 'number' ? Math.round(estimate) : undefined;
}

/** What a search is compiled with besides the request: the collections left out, the types of its queryables. */
interface SearchContext {
  hidden: string[];
  queryables: QueryableTypes;
}

/**
 * The collections hidden by their render config (when only visible ones are searched) and the configured
 * queryables of the properties the filter names, in one statement. A queryable applies to a collection when it
 * names the collection, else when it names none; every visible collection the search can read contributes its
 * own, and mergeQueryableTypes keeps the types they agree on.
 */
async function searchContext(db: Queryable, request: SearchRequest, visibleOnly: boolean, signal: AbortSignal | undefined): Promise<SearchContext> {
  const names = request.filter === undefined ? [] : filterPropertyNames(request.filter);
  if (!visibleOnly && names.length === 0) return { hidden: [], queryables: new Map() };
  const { rows } = await db.query<{ hidden: string[]; queryables: { name: string; definition: unknown; wrapper: string | null }[] }>(
    `WITH hidden AS (
       SELECT collection_id AS id FROM pqe.collection_configs WHERE $1::boolean AND (render_config->>'hidden')::boolean
     ), applied AS (
       SELECT DISTINCT ON (c.id, q.name) q.name, q.definition, q.property_wrapper
         FROM pqe.collections AS c
         JOIN pqe.queryables AS q ON q.collection_ids IS NULL OR c.id = ANY(q.collection_ids)
        WHERE q.name = ANY($2::text[])
          AND ($3::text[] IS NULL OR c.id = ANY($3::text[]))
          AND c.id NOT IN (SELECT id FROM hidden)
        ORDER BY c.id, q.name, q.collection_ids IS NULL
     )
     SELECT ARRAY(SELECT id FROM hidden ORDER BY id) AS hidden,
            coalesce((SELECT jsonb_agg(DISTINCT jsonb_build_object('name', name, 'definition', definition, 'wrapper', property_wrapper)) FROM applied), '[]') AS queryables`,
    [visibleOnly, names, request.collections ?? null],
    { signal },
  );
  const row = rows[0];
  return { hidden: row?.hidden ?? [], queryables: mergeQueryableTypes(row?.queryables ?? []) };
}

/** Above this many estimated matches, the estimate is given rather than a count (as pgstac's "auto" context). */
export const EXACT_COUNT_MAX = 10_000;

/**
 * numberMatched as cheaply as it can be had: the planner's estimate first; an exact count when the estimate is
 * small and the count finishes within the budget; the estimate, flagged, otherwise.
 */
async function numberMatched(
  db: Database,
  request: SearchRequest,
  budgetMs: number,
  options: SearchOptions,
): Promise<{ count: number; estimated: boolean } | undefined> {
  const estimate = await estimateCount(db, request, options);
  if (estimate === undefined || estimate <= EXACT_COUNT_MAX) {
    const count = await countWithin(db, request, budgetMs, options);
    if (count !== undefined) return { count, estimated: false };
  }
  return estimate === undefined ? undefined : { count: estimate, estimated: true };
}

/**
 * Runs one page of an item search: the items in the search's order, hydrated and trimmed to the fields asked
 * for, with tokens for the next and previous pages, and the number matched when it can be counted in time.
 */
export async function searchItems(db: Database, request: SearchRequest, givenOptions: SearchOptions = {}): Promise<SearchPage> {
  const { hidden, queryables } = await searchContext(db, request, givenOptions.visibleOnly ?? true, givenOptions.signal);
  const options: SearchOptions = { ...givenOptions, hidden, queryables };
  const cursor: Cursor | undefined = request.token === undefined ? undefined : decodeToken(request.token, fullSort(request.sortby));
  const compiled = compileSearch(request, cursor, { hidden, queryables });
  const budget = options.countBudgetMs ?? 0;
  const [page, matched] = await Promise.all([
    db.query<PageRow>(compiled.sql, compiled.params, { signal: options.signal }),
    budget > 0 ? numberMatched(db, request, budget, options) : Promise.resolve(undefined),
  ]);
  let rows = page.rows;
  const more = rows.length > request.limit;
  if (more) rows = rows.slice(0, request.limit);
  if (cursor?.direction === 'prev') rows.reverse();

  const bases = await baseItems(db, [...new Set(rows.map((r) => r.collection))], options.signal);
  const items = rows.map((row) => applyFields(hydrateItem(row, bases.get(row.collection) ?? {}), request.fields));
  const valuesOf = (row: PageRow) => compiled.sort.map((_, i) => row[`k${i}`] ?? null);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const result: SearchPage = { items };
  // Reading forwards, more rows mean a next page; reading backwards (prev), they mean a page before this one.
  const hasNext = cursor?.direction === 'prev' ? true : more;
  const hasPrev = cursor === undefined ? false : cursor.direction === 'next' ? true : more;
  if (hasNext && last !== undefined) result.next = encodeToken({ direction: 'next', values: valuesOf(last) }, compiled.sort);
  if (hasPrev && first !== undefined) result.prev = encodeToken({ direction: 'prev', values: valuesOf(first) }, compiled.sort);
  if (matched !== undefined) {
    result.numberMatched = matched.count;
    if (matched.estimated) result.numberMatchedIsEstimate = true;
  }
  return result;
}
