import { AppError } from '@pqe/common';
import type { SqlParams } from './sql-params.js';

export type SqlKind = 'timestamptz' | 'text' | 'jsonb';

/** A STAC property as an SQL expression over `pqe.items AS i`, and the type the expression has. */
export interface PropertySql {
  sql: string;
  kind: SqlKind;
}

const COLUMNS: Record<string, PropertySql> = {
  id: { sql: 'i.id', kind: 'text' },
  collection: { sql: 'i.collection', kind: 'text' },
  datetime: { sql: 'i.datetime', kind: 'timestamptz' },
  start_datetime: { sql: 'i.datetime', kind: 'timestamptz' },
  end_datetime: { sql: 'i.end_datetime', kind: 'timestamptz' },
};

const NOT_COMPARABLE = new Set(['geometry', 'bbox', 'links', 'assets', 'type', 'stac_version', 'stac_extensions']);

/** A property's name without `properties.`, as queryables are configured: `eo:cloud_cover` for both spellings. */
export function queryableName(property: string): string {
  const trimmed = property.trim();
  return trimmed.startsWith('properties.') ? trimmed.slice('properties.'.length) : trimmed;
}

/** The path of a property inside the stored content: `eo:cloud_cover` and `properties.eo:cloud_cover` alike. */
export function propertyPath(name: string): string[] {
  return ['properties', ...queryableName(name).split('.')];
}

/**
 * Resolves a property name as users write it in sortby, query and filters. id, collection and the datetimes are
 * columns (indexed); any other name is a property of the item, read from its stored JSON, where properties are
 * kept whole (never dehydrated). The path is a parameter, never SQL text.
 */
export function propertySql(name: string, params: SqlParams): PropertySql {
  const trimmed = name.trim();
  const bare = queryableName(trimmed);
  const column = COLUMNS[bare];
  if (column !== undefined) return column;
  if (bare === '' || bare.split('.').some((part) => part === '')) throw new AppError('InvalidParameter', `${JSON.stringify(name)} is not a property name`);
  if (!trimmed.startsWith('properties.') && NOT_COMPARABLE.has(bare)) {
    throw new AppError('InvalidParameter', `${bare} cannot be compared or sorted; use a property such as datetime or eo:cloud_cover`);
  }
  return { sql: `(i.content #> ${params.add(propertyPath(trimmed), 'text[]')})`, kind: 'jsonb' };
}
