import { AppError } from '@pqe/common';
import { parseRfc3339 } from '../stac/datetime.js';
import { type Geometry, geometryProblem } from '../stac/geojson.js';
import { type DatetimeInterval, type FieldsSpec, type QueryConditions, queryOperators, type SortKey } from './search-request.js';

const bad = (message: string) => new AppError('InvalidParameter', message);

/** A date without time is read as midnight UTC, as the Planetary Computer does. */
function normalizeInstant(value: string, what: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  if (parseRfc3339(text) === undefined) {
    throw bad(`${what} ${JSON.stringify(value)} is not an RFC 3339 date-time (e.g. 2020-06-01T00:00:00Z) or a date (2020-06-01)`);
  }
  return text;
}

/**
 * The `datetime` parameter: an instant, or an interval `start/end` where either end may be open (`..` or empty),
 * but not both.
 */
export function parseDatetime(value: string): DatetimeInterval {
  const trimmed = value.trim();
  if (trimmed === '') throw bad('datetime is empty: give an instant or an interval start/end');
  const parts = trimmed.split('/');
  if (parts.length === 1) {
    const instant = normalizeInstant(parts[0] as string, 'datetime');
    return { start: instant, end: instant };
  }
  if (parts.length !== 2) throw bad(`datetime ${JSON.stringify(value)} has more than one "/"; an interval is start/end`);
  const [rawStart, rawEnd] = parts.map((p) => p.trim()) as [string, string];
  const open = (p: string) => p === '' || p === '..';
  if (open(rawStart) && open(rawEnd)) throw bad('datetime interval is open at both ends; give at least a start or an end');
  const start = open(rawStart) ? null : normalizeInstant(rawStart, 'datetime start');
  const end = open(rawEnd) ? null : normalizeInstant(rawEnd, 'datetime end');
  if (start !== null && end !== null && (parseRfc3339(start) as number) > (parseRfc3339(end) as number)) {
    throw bad(`datetime interval ${JSON.stringify(value)} ends before it starts`);
  }
  return { start, end };
}

/** A 2D or 3D bbox (4 or 6 numbers) as the 2D box the catalog searches; minx > maxx crosses the antimeridian. */
export function parseBbox(values: readonly unknown[]): [number, number, number, number] {
  if (values.length !== 4 && values.length !== 6) {
    throw bad(`bbox must have 4 numbers (minx,miny,maxx,maxy) or 6 (with minz and maxz); got ${values.length}`);
  }
  const numbers = values.map((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v));
  if (numbers.some((n) => typeof n !== 'number' || !Number.isFinite(n))) {
    throw bad(`bbox must be numbers; got ${JSON.stringify(values)}`);
  }
  const n = numbers as number[];
  const [minx, miny, maxx, maxy] = (n.length === 4 ? n : [n[0], n[1], n[3], n[4]]) as [number, number, number, number];
  if (n.length === 6 && (n[2] as number) > (n[5] as number)) throw bad('bbox minz is greater than maxz');
  if (minx < -180 || maxx > 180 || minx > 180 || maxx < -180) throw bad('bbox longitudes must be within [-180, 180]');
  if (miny < -90 || maxy > 90) throw bad('bbox latitudes must be within [-90, 90]');
  if (miny > maxy) throw bad('bbox miny is greater than maxy');
  return [minx, miny, maxx, maxy];
}

export function parseIntersects(value: unknown): Geometry {
  const problem = geometryProblem(value);
  if (problem !== undefined) throw bad(`intersects is not a valid GeoJSON geometry: ${problem.replace(/^geometry/, 'intersects')}`);
  return value as Geometry;
}

/** GET's `sortby=-datetime,+id,collection` or POST's `[{field, direction}]`. */
export function parseSortby(value: string | readonly unknown[]): SortKey[] {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const direction = part.startsWith('-') ? 'desc' : 'asc';
        const field = part.replace(/^[+-]/, '').trim();
        if (field === '') throw bad(`sortby ${JSON.stringify(value)} has an empty field`);
        return { field, direction };
      });
  }
  return value.map((entry) => {
    const e = entry as { field?: unknown; direction?: unknown };
    if (typeof e !== 'object' || e === null || typeof e.field !== 'string' || e.field.trim() === '') {
      throw bad('each sortby entry must be {"field": "<property>", "direction": "asc" | "desc"}');
    }
    const direction = e.direction ?? 'asc';
    if (direction !== 'asc' && direction !== 'desc') throw bad(`sortby direction must be "asc" or "desc"; got ${JSON.stringify(e.direction)}`);
    return { field: e.field.trim(), direction };
  });
}

/** GET's `fields=id,-geometry,properties.datetime` or POST's `{include, exclude}`. */
export function parseFields(value: string | { include?: unknown; exclude?: unknown }): FieldsSpec {
  if (typeof value === 'string') {
    const include: string[] = [];
    const exclude: string[] = [];
    for (const part of value.split(',').map((p) => p.trim())) {
      if (part === '') continue;
      if (part.startsWith('-')) exclude.push(part.slice(1));
      else include.push(part.replace(/^\+/, ''));
    }
    return { include, exclude };
  }
  const list = (v: unknown, name: string): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw bad(`fields.${name} must be an array of strings`);
    return v as string[];
  };
  return { include: list(value.include, 'include'), exclude: list(value.exclude, 'exclude') };
}

/** The query extension's object, checked: known operators, `in` with an array, string operators with strings. */
export function parseQuery(value: unknown): QueryConditions {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw bad(`query is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw bad('query must be an object like {"eo:cloud_cover": {"lt": 10}}');
  }
  const out: QueryConditions = {};
  for (const [property, ops] of Object.entries(parsed)) {
    if (typeof ops !== 'object' || ops === null || Array.isArray(ops)) throw bad(`query.${property} must be an object of operators, e.g. {"eq": 1}`);
    for (const [op, operand] of Object.entries(ops)) {
      if (!(queryOperators as readonly string[]).includes(op)) {
        throw bad(`query.${property}: unknown operator ${JSON.stringify(op)}; use one of ${queryOperators.join(', ')}`);
      }
      if (op === 'in' && !Array.isArray(operand)) throw bad(`query.${property}.in must be an array`);
      if ((op === 'startsWith' || op === 'endsWith' || op === 'contains') && typeof operand !== 'string') {
        throw bad(`query.${property}.${op} must be a string`);
      }
      if (operand === null || (typeof operand === 'object' && !Array.isArray(operand)))
        throw bad(`query.${property}.${op} must be a string, number, boolean or array`);
    }
    out[property] = ops as QueryConditions[string];
  }
  return out;
}

/**
 * The page size: default when absent; a number from 1 up, clamped to the maximum as the STAC API says. Not a
 * positive integer: 400.
 */
export function parseLimit(value: unknown, defaults: { default: number; max: number }): number {
  if (value === undefined || value === null || value === '') return defaults.default;
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw bad(`limit must be an integer from 1 to ${defaults.max}; got ${JSON.stringify(value)}`);
  if (n < 1) throw bad(`limit must be at least 1; got ${n}`);
  return Math.min(n, defaults.max);
}
