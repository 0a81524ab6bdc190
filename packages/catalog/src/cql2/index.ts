import { AppError } from '@pqe/common';
import type { BooleanExpression } from './ast.js';
import { readCql2Json } from './cql2-json-reader.js';
import { MAX_FILTER_LENGTH } from './cql2-limits.js';
import { parseCql2Text } from './cql2-text-parser.js';

export * from './ast.js';
export { type Cql2Json, toCql2Json } from './cql2-json-writer.js';
export { MAX_FILTER_LENGTH, MAX_NESTING } from './cql2-limits.js';
export { toCql2Text } from './cql2-text-writer.js';
export { parseCql2Text, readCql2Json };

export const filterLanguages = ['cql2-text', 'cql2-json'] as const;
export type FilterLanguage = (typeof filterLanguages)[number];

/**
 * The `filter` parameter in either language. cql2-text must be a string; cql2-json may be the parsed body of a
 * POST or, from a GET query string, the JSON text.
 */
export function parseFilter(filter: unknown, lang: FilterLanguage): BooleanExpression {
  if (lang === 'cql2-text') {
    if (typeof filter !== 'string') throw new AppError('InvalidParameter', 'filter: with filter-lang=cql2-text the filter must be a string');
    return parseCql2Text(filter);
  }
  if (typeof filter !== 'string') return readCql2Json(filter);
  if (filter.length > MAX_FILTER_LENGTH) throw new AppError('InvalidParameter', `filter: the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  let value: unknown;
  try {
    value = JSON.parse(filter);
  } catch (error) {
    throw new AppError('InvalidParameter', `filter: with filter-lang=cql2-json the filter must be JSON (${(error as Error).message})`, { cause: error });
  }
  return readCql2Json(value);
}
