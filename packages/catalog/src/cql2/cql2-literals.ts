import { parseRfc3339 } from '../stac/datetime.js';
import type { DateLiteral, IntervalBound, TimestampLiteral } from './ast.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why `value` is not an RFC 3339 date-time naming a real instant, or undefined when it is one. */
export function timestampProblem(value: string): string | undefined {
  if (TIMESTAMP.test(value) && parseRfc3339(value) !== undefined) return undefined;
  return `${JSON.stringify(value)} is not an RFC 3339 timestamp (such as 2020-06-01T12:00:00Z)`;
}

/** Why `value` is not a YYYY-MM-DD date of a real day, or undefined when it is one. */
export function dateProblem(value: string): string | undefined {
  if (DATE.test(value) && parseRfc3339(`${value}T00:00:00Z`) !== undefined) return undefined;
  return `${JSON.stringify(value)} is not a date (YYYY-MM-DD, such as 2020-06-01)`;
}

/**
 * Reads one end of an interval written as a string: `'..'` (open), a date or a timestamp. Returns the bound, or
 * the reason it is none.
 */
export function readIntervalString(value: string): { bound: IntervalBound } | { problem: string } {
  if (value === '..') return { bound: { kind: 'open' } };
  if (DATE.test(value)) {
    const problem = dateProblem(value);
    return problem === undefined ? { bound: { kind: 'date', value } } : { problem };
  }
  if (TIMESTAMP.test(value)) {
    const problem = timestampProblem(value);
    return problem === undefined ? { bound: instantNode('timestamp', value) } : { problem };
  }
  return { problem: `${JSON.stringify(value)} is not a date (YYYY-MM-DD), a timestamp (RFC 3339) or '..' (open)` };
}

function instantMs(bound: IntervalBound): number | undefined {
  if (bound.kind === 'date') return parseRfc3339(`${bound.value}T00:00:00Z`);
  if (bound.kind === 'timestamp') return parseRfc3339(bound.value);
  return undefined;
}

/** Why an interval with these ends is empty, or undefined. A date stands for its first instant, midnight UTC. */
export function intervalProblem(start: IntervalBound, end: IntervalBound): string | undefined {
  const from = instantMs(start);
  const to = instantMs(end);
  if (from !== undefined && to !== undefined && from > to) return 'the interval ends before it starts';
  return undefined;
}

/**
 * A checked instant as a tree node. Timestamps are spelled one way (upper-case T and Z, no trailing zeros in
 * the fraction), so that `05:30:00.000000Z` and `05:30:00Z` give the same tree, as the standard's own
 * examples expect; the offset is kept as written.
 */
export function instantNode(kind: 'date', value: string): DateLiteral;
export function instantNode(kind: 'timestamp', value: string): TimestampLiteral;
export function instantNode(kind: 'date' | 'timestamp', value: string): DateLiteral | TimestampLiteral;
export function instantNode(kind: 'date' | 'timestamp', value: string): DateLiteral | TimestampLiteral {
  if (kind === 'date') return { kind: 'date', value };
  const spelled = value
    .toUpperCase()
    .replace(/(\.\d*?)0+(?=\D)/, '$1')
    .replace(/\.(?=\D)/, '');
  return { kind: 'timestamp', value: spelled };
}

/** Why these numbers are not a CRS84 bbox (4 numbers, or 6 with heights), or undefined. West > east crosses 180°. */
export function bboxProblem(values: readonly number[]): string | undefined {
  if (values.length !== 4 && values.length !== 6) return `a bbox has 4 numbers (west, south, east, north) or 6 (with heights), not ${values.length}`;
  if (values.some((v) => !Number.isFinite(v))) return 'a bbox holds finite numbers only';
  const [west, south, east, north] = (values.length === 4 ? values : [values[0], values[1], values[3], values[4]]) as [number, number, number, number];
  if ([west, east].some((x) => x < -180 || x > 180)) return 'bbox longitudes must be within [-180, 180]';
  if ([south, north].some((y) => y < -90 || y > 90)) return 'bbox latitudes must be within [-90, 90]';
  if (south > north) return 'the bbox south is greater than its north';
  if (values.length === 6 && (values[2] as number) > (values[5] as number)) return 'the bbox minimum height is greater than its maximum';
  return undefined;
}

/** -0 becomes 0: both encodings must read "-0" into the same tree, and JSON cannot tell them apart. */
export function numberNode(value: number): { kind: 'number'; value: number } {
  return { kind: 'number', value: value === 0 ? 0 : value };
}
