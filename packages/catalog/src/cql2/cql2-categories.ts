import type {
  ArrayOperand,
  BooleanExpression,
  CharacterExpression,
  Cql2Expression,
  IsNullOperand,
  NumericExpression,
  ScalarExpression,
  SpatialOperand,
  TemporalOperand,
} from './ast.js';

/**
 * Which nodes each operator takes, after the standard's grammar (cql2.bnf) and schema: what both readers check
 * every operand against, so that the two encodings accept the same trees.
 */
export interface Category<T extends Cql2Expression> {
  readonly test: (node: Cql2Expression) => node is T;
  /** Completes "expected …". */
  readonly expected: string;
}

function category<T extends Cql2Expression>(kinds: readonly Cql2Expression['kind'][], expected: string): Category<T> {
  const set: ReadonlySet<string> = new Set(kinds);
  return { test: (node: Cql2Expression): node is T => set.has(node.kind), expected };
}

const refs = ['property', 'function'] as const;

export const booleanCategory = category<BooleanExpression>(
  ['and', 'or', 'not', 'comparison', 'like', 'between', 'in', 'isNull', 'spatial', 'temporal', 'arrayPredicate', 'boolean', 'function'],
  'a predicate (such as a comparison), TRUE, FALSE or a function call',
);
export const scalarCategory = category<ScalarExpression>(
  ['string', 'number', 'boolean', 'timestamp', 'date', 'arithmetic', ...refs],
  'a property, a function call or a value (string, number, boolean, DATE or TIMESTAMP)',
);
export const numericCategory = category<NumericExpression>(
  ['number', 'arithmetic', ...refs],
  'a number, an arithmetic expression, a property or a function call',
);
export const characterCategory = category<CharacterExpression>(['string', ...refs], 'a string, a property or a function call');
export const temporalCategory = category<TemporalOperand>(['timestamp', 'date', 'interval', ...refs], 'a DATE, TIMESTAMP, INTERVAL, property or function call');
export const spatialCategory = category<SpatialOperand>(['geometry', 'bbox', ...refs], 'a geometry, a BBOX, a property or a function call');
export const arrayCategory = category<ArrayOperand>(['array', ...refs], 'an array, a property or a function call');
export const isNullCategory: Category<IsNullOperand> = {
  test: (node: Cql2Expression): node is IsNullOperand => node.kind !== 'array',
  expected: 'a property, a function call, a value or a predicate',
};

const kindNames: Readonly<Record<Cql2Expression['kind'], string>> = {
  and: 'an AND expression',
  or: 'an OR expression',
  not: 'a NOT expression',
  comparison: 'a comparison',
  like: 'a LIKE predicate',
  between: 'a BETWEEN predicate',
  in: 'an IN predicate',
  isNull: 'an IS NULL predicate',
  spatial: 'a spatial predicate',
  temporal: 'a temporal predicate',
  arrayPredicate: 'an array predicate',
  arithmetic: 'an arithmetic expression',
  function: 'a function call',
  property: 'a property',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  timestamp: 'a TIMESTAMP',
  date: 'a DATE',
  interval: 'an INTERVAL',
  geometry: 'a geometry',
  bbox: 'a BBOX',
  array: 'an array',
};

/** A few words naming a node in an error message: `the property "eo:cloud_cover"`, `a number (5)`. */
export function describeNode(node: Cql2Expression): string {
  switch (node.kind) {
    case 'property':
      return `the property ${JSON.stringify(node.name)}`;
    case 'function':
      return `a call to ${node.name}()`;
    case 'number':
      return `a number (${node.value})`;
    case 'string':
      return `a string (${JSON.stringify(node.value.length > 20 ? `${node.value.slice(0, 20)}…` : node.value)})`;
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'geometry':
      return `a ${node.geometry.type} geometry`;
    case 'spatial':
    case 'temporal':
    case 'arrayPredicate':
      return `${node.op.toUpperCase()}(…)`;
    case 'comparison':
    case 'arithmetic':
      return `${kindNames[node.kind]} (${node.op})`;
    default:
      return kindNames[node.kind];
  }
}

/** "1st", "2nd", "3rd", "4th" … */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
