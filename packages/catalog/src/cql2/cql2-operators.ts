import {
  type ArithmeticOperator,
  type ArrayOperator,
  arithmeticOperators,
  arrayOperators,
  type ComparisonOperator,
  comparisonOperators,
  type SpatialOperator,
  spatialOperators,
  type TemporalOperator,
  temporalOperators,
} from './ast.js';

/** The named predicates, S_, T_ and A_: called like functions in cql2-text, `op` names in cql2-json. */
export type NamedPredicate =
  | { readonly kind: 'spatial'; readonly op: SpatialOperator }
  | { readonly kind: 'temporal'; readonly op: TemporalOperator }
  | { readonly kind: 'arrayPredicate'; readonly op: ArrayOperator };

/** Everything an `op` of cql2-json can name other than a function. */
export type JsonOperator =
  | NamedPredicate
  | { readonly kind: 'and' | 'or' | 'not' | 'like' | 'between' | 'in' | 'isNull' | 'casei' | 'accenti' }
  | { readonly kind: 'comparison'; readonly op: ComparisonOperator }
  | { readonly kind: 'arithmetic'; readonly op: ArithmeticOperator };

/**
 * Spellings that clients still send from the drafts before CQL2 1.0 (pgstac's `a_contained_by`, the
 * `anyinteracts` and `intersects` of CQL 1), read as the operator they became.
 */
const legacyPredicates: readonly (readonly [string, NamedPredicate])[] = [
  ['a_contained_by', { kind: 'arrayPredicate', op: 'a_containedby' }],
  ['anyinteracts', { kind: 'temporal', op: 't_intersects' }],
  ['intersects', { kind: 'spatial', op: 's_intersects' }],
];

/** Lower-case name (either encoding, any case) → predicate. */
export const namedPredicates: ReadonlyMap<string, NamedPredicate> = new Map<string, NamedPredicate>([
  ...spatialOperators.map((op) => [op, { kind: 'spatial', op }] as const),
  ...temporalOperators.map((op) => [op, { kind: 'temporal', op }] as const),
  ...arrayOperators.map((op) => [op, { kind: 'arrayPredicate', op }] as const),
  ...legacyPredicates,
]);

/** Lower-case cql2-json `op` → operator; any other op names a function. */
export const jsonOperators: ReadonlyMap<string, JsonOperator> = new Map<string, JsonOperator>([
  ...namedPredicates,
  ...(['and', 'or', 'not', 'like', 'between', 'in', 'casei', 'accenti'] as const).map((kind) => [kind, { kind }] as const),
  ['isnull', { kind: 'isNull' }],
  ...comparisonOperators.map((op) => [op, { kind: 'comparison', op }] as const),
  ...arithmeticOperators.map((op) => [op, { kind: 'arithmetic', op }] as const),
]);

/** The camel case that the cql2-json schema spells some operators in; all others are written as the AST has them. */
export const jsonSpelling: Readonly<Record<string, string>> = {
  t_finishedby: 't_finishedBy',
  t_metby: 't_metBy',
  t_overlappedby: 't_overlappedBy',
  t_startedby: 't_startedBy',
  a_containedby: 'a_containedBy',
};

/** Words that cql2-text never reads as a property name; such properties have to be double-quoted. */
export const reservedWords: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'DIV']);

export const geometryKeywords = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
  GEOMETRYCOLLECTION: 'GeometryCollection',
} as const;
export type GeometryKeyword = keyof typeof geometryKeywords;

export function isGeometryKeyword(word: string): word is GeometryKeyword {
  return Object.hasOwn(geometryKeywords, word);
}

/** Words that cql2-text reads as a literal or operator when a "(" follows, so no function can be called by them. */
const specialForms: ReadonlySet<string> = new Set(['CASEI', 'ACCENTI', 'DATE', 'TIMESTAMP', 'INTERVAL', 'BBOX', ...Object.keys(geometryKeywords)]);

/** Whether cql2-text could not call a function of this name (so cql2-json must not name one so either). */
export function isReservedFunctionName(name: string): boolean {
  const upper = name.toUpperCase();
  return reservedWords.has(upper) || specialForms.has(upper) || namedPredicates.has(name.toLowerCase());
}
