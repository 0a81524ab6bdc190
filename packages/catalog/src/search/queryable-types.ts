import { type BooleanExpression, type Cql2Expression, childrenOf } from '../cql2/ast.js';
import { queryableName } from './property-sql.js';

/** The SQL type a filter reads a property as. */
export type ValueType = 'numeric' | 'text' | 'boolean' | 'timestamptz';

/**
 * How a filter reads a property that has a configured queryable (pqe.queryables). `convert` comes with a
 * property_wrapper, which says how the catalog reads the stored values (as pgstac's wrappers do): values of another
 * JSON type are converted where they can be (the string "10" to 10). Without one, a stored value of another JSON
 * type is not a value of the queryable and matches nothing, as a missing one does. `integer` (to_int) rounds.
 */
export interface QueryableType {
  readonly type: ValueType;
  readonly convert: boolean;
  readonly integer: boolean;
}

/** Queryable types by property name as the filter writes it without `properties.` (`eo:cloud_cover`). */
export type QueryableTypes = ReadonlyMap<string, QueryableType>;

/** The JSON Schema types a definition allows, without null: `"number"` and `["number", "null"]` alike. */
function schemaTypes(definition: Record<string, unknown>): string[] {
  const type = definition.type;
  const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
  return types.filter((t) => t !== 'null');
}

const WRAPPER_TYPES: Readonly<Record<string, ValueType>> = { to_int: 'numeric', to_float: 'numeric', to_tstz: 'timestamptz', to_text: 'text' };

/** The type a JSON Schema names: number and integer, string, string with format date-time or date, boolean. */
function schemaType(schema: Record<string, unknown>): ValueType | undefined {
  const types = schemaTypes(schema);
  if (types.length !== 1) return undefined;
  switch (types[0]) {
    case 'number':
    case 'integer':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'string':
      return schema.format === 'date-time' || schema.format === 'date' ? 'timestamptz' : 'text';
    default:
      return undefined;
  }
}

/**
 * The type a configured queryable gives its property: the one its JSON Schema names, which is what /queryables
 * publishes; else the one its property_wrapper reads values as (a definition that is only a `$ref`, say). A
 * wrapper also has stored values converted. Undefined when neither names a scalar type (an array, an object, a
 * geometry): such a property is read as the value it is compared with, as one without a queryable is.
 */
export function queryableType(definition: unknown, wrapper: string | null): QueryableType | undefined {
  const schema = definition !== null && typeof definition === 'object' && !Array.isArray(definition) ? (definition as Record<string, unknown>) : {};
  const wrapped = wrapper === null ? undefined : WRAPPER_TYPES[wrapper];
  const type = schemaType(schema) ?? wrapped;
  if (type === undefined) return undefined;
  return { type, convert: wrapped !== undefined, integer: wrapper === 'to_int' && type === 'numeric' };
}

const sameType = (a: QueryableType, b: QueryableType) => a.type === b.type && a.convert === b.convert && a.integer === b.integer;

/**
 * One type per name from the definitions that apply to a search (one per collection searched). Where they
 * disagree, or some give no type, the name is left out: no one reading serves every collection, and the
 * property is then read as the value it is compared with.
 */
export function mergeQueryableTypes(rows: readonly { name: string; definition: unknown; wrapper: string | null }[]): QueryableTypes {
  const found = new Map<string, QueryableType | null>();
  for (const row of rows) {
    const type = queryableType(row.definition, row.wrapper) ?? null;
    if (!found.has(row.name)) found.set(row.name, type);
    else {
      const seen = found.get(row.name) ?? null;
      if (seen === null || type === null || !sameType(seen, type)) found.set(row.name, null);
    }
  }
  const out = new Map<string, QueryableType>();
  for (const [name, type] of found) if (type !== null) out.set(name, type);
  return out;
}

/**
 * A decimal number as text, which PostgreSQL reads as numeric without error. The exponent is kept to what
 * numeric holds and the length is bounded too, so that no stored string can make the whole search fail.
 */
const NUMBER_PATTERN = '^\\s*[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,4})?\\s*$';

/**
 * SQL that reads a stored JSON value (`json`, an expression of type jsonb) as `type`, NULL where it is not one.
 * With `convert`, strings that spell a number or a boolean are read as one and any scalar has a text; a timestamp
 * is always read from a string (JSON has no other way to hold one), NULL when the string is not a timestamp.
 */
export function jsonValueSql(json: string, as: Pick<QueryableType, 'type'> & Partial<QueryableType>): string {
  const typeOf = `jsonb_typeof(${json})`;
  const text = `(${json} #>> '{}')`;
  switch (as.type) {
    case 'numeric': {
      const number = as.convert
        ? `(CASE ${typeOf} WHEN 'number' THEN (${json})::numeric WHEN 'string' THEN (CASE WHEN length(${text}) <= 100 AND ${text} ~ '${NUMBER_PATTERN}' THEN ${text}::numeric END) END)`
        : `(CASE WHEN ${typeOf} = 'number' THEN (${json})::numeric END)`;
      return as.integer ? `round(${number})` : number;
    }
    case 'text':
      return as.convert ? `(CASE WHEN ${typeOf} IN ('string', 'number', 'boolean') THEN ${text} END)` : `(CASE WHEN ${typeOf} = 'string' THEN ${text} END)`;
    case 'boolean':
      return as.convert
        ? `(CASE ${typeOf} WHEN 'boolean' THEN (${json})::boolean WHEN 'string' THEN (CASE lower(${text}) WHEN 'true' THEN true WHEN 'false' THEN false END) END)`
        : `(CASE WHEN ${typeOf} = 'boolean' THEN (${json})::boolean END)`;
    case 'timestamptz':
      return `pqe.to_timestamptz(CASE WHEN ${typeOf} = 'string' THEN ${text} END)`;
  }
}

/**
 * The queryable names a filter refers to, for looking their types up. A name with U+0000 is left out: no
 * queryable can have it (PostgreSQL text cannot hold it), and the compiler refuses it with a 400.
 */
export function filterPropertyNames(filter: BooleanExpression): string[] {
  const names = new Set<string>();
  const visit = (node: Cql2Expression) => {
    if (node.kind === 'property' && !node.name.includes('\u0000')) names.add(queryableName(node.name));
    for (const child of childrenOf(node)) visit(child);
  };
  visit(filter);
  return [...names];
}
