import type { Geometry } from '../stac/geojson.js';

/**
 * The one typed tree that both CQL2 encodings (OGC CQL2 1.0, cql2-text and cql2-json) are read into and written
 * from. Operator names are lower case; the JSON writer restores the standard's camel case (`t_finishedBy`).
 * Sugar that one encoding has and the other lacks is desugared here, so that both give the same tree:
 * `a NOT LIKE b` is `not(like)`, `a IS NOT NULL` is `not(isNull)`, `-x` is `-1 * x` (and `-5` the number -5).
 */

export const comparisonOperators = ['=', '<>', '<', '<=', '>', '>='] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

export const arithmeticOperators = ['+', '-', '*', '/', '%', 'div', '^'] as const;
export type ArithmeticOperator = (typeof arithmeticOperators)[number];

export const spatialOperators = ['s_intersects', 's_equals', 's_disjoint', 's_touches', 's_within', 's_overlaps', 's_crosses', 's_contains'] as const;
export type SpatialOperator = (typeof spatialOperators)[number];

export const temporalOperators = [
  't_after',
  't_before',
  't_contains',
  't_disjoint',
  't_during',
  't_equals',
  't_finishedby',
  't_finishes',
  't_intersects',
  't_meets',
  't_metby',
  't_overlappedby',
  't_overlaps',
  't_startedby',
  't_starts',
] as const;
export type TemporalOperator = (typeof temporalOperators)[number];

export const arrayOperators = ['a_equals', 'a_contains', 'a_containedby', 'a_overlaps'] as const;
export type ArrayOperator = (typeof arrayOperators)[number];

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
}

/** Always finite; never -0 (both encodings read "-0" as 0, so that trees compare equal). */
export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
}

export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
}

/**
 * An RFC 3339 date-time, checked to name a real instant, with upper-case T and Z and no trailing zeros in its
 * fraction (`2020-01-01T00:00:00.500Z`); the offset is kept as written.
 */
export interface TimestampLiteral {
  readonly kind: 'timestamp';
  readonly value: string;
}

/** A calendar date, YYYY-MM-DD, kept as written (checked to name a real day). */
export interface DateLiteral {
  readonly kind: 'date';
  readonly value: string;
}

/** The `'..'` end of an interval that is unbounded on that side. */
export interface OpenBound {
  readonly kind: 'open';
}

export type IntervalBound = TimestampLiteral | DateLiteral | OpenBound | PropertyRef | FunctionCall;

export interface IntervalLiteral {
  readonly kind: 'interval';
  readonly start: IntervalBound;
  readonly end: IntervalBound;
}

/** A geometry in CRS84 longitude/latitude (and height when 3D), as GeoJSON; WKT is read into the same form. */
export interface GeometryLiteral {
  readonly kind: 'geometry';
  readonly geometry: Geometry;
}

/** West, south, east, north; or west, south, min height, east, north, max height. West > east crosses 180°. */
export interface BboxLiteral {
  readonly kind: 'bbox';
  readonly bbox: readonly number[];
}

export interface ArrayLiteral {
  readonly kind: 'array';
  readonly items: readonly Cql2Expression[];
}

export interface PropertyRef {
  readonly kind: 'property';
  readonly name: string;
}

/** Any function call; CASEI and ACCENTI are functions named `casei` and `accenti`. */
export interface FunctionCall {
  readonly kind: 'function';
  readonly name: string;
  readonly args: readonly Cql2Expression[];
}

/** At least two arguments. */
export interface AndExpression {
  readonly kind: 'and';
  readonly args: readonly BooleanExpression[];
}

/** At least two arguments. */
export interface OrExpression {
  readonly kind: 'or';
  readonly args: readonly BooleanExpression[];
}

export interface NotExpression {
  readonly kind: 'not';
  readonly arg: BooleanExpression;
}

export interface ComparisonPredicate {
  readonly kind: 'comparison';
  readonly op: ComparisonOperator;
  readonly args: readonly [ScalarExpression, ScalarExpression];
}

/** Value, pattern. `%` and `_` are the wildcards and `\` escapes them. */
export interface LikePredicate {
  readonly kind: 'like';
  readonly args: readonly [CharacterExpression, CharacterExpression];
}

/** Value, low, high (inclusive). */
export interface BetweenPredicate {
  readonly kind: 'between';
  readonly args: readonly [NumericExpression, NumericExpression, NumericExpression];
}

/** A non-empty list. */
export interface InPredicate {
  readonly kind: 'in';
  readonly value: ScalarExpression;
  readonly list: readonly ScalarExpression[];
}

export interface IsNullPredicate {
  readonly kind: 'isNull';
  readonly arg: IsNullOperand;
}

export interface SpatialPredicate {
  readonly kind: 'spatial';
  readonly op: SpatialOperator;
  readonly args: readonly [SpatialOperand, SpatialOperand];
}

export interface TemporalPredicate {
  readonly kind: 'temporal';
  readonly op: TemporalOperator;
  readonly args: readonly [TemporalOperand, TemporalOperand];
}

export interface ArrayPredicate {
  readonly kind: 'arrayPredicate';
  readonly op: ArrayOperator;
  readonly args: readonly [ArrayOperand, ArrayOperand];
}

export interface ArithmeticExpression {
  readonly kind: 'arithmetic';
  readonly op: ArithmeticOperator;
  readonly args: readonly [NumericExpression, NumericExpression];
}

export type ValueReference = PropertyRef | FunctionCall;
export type InstantLiteral = TimestampLiteral | DateLiteral;
export type NumericExpression = NumberLiteral | ArithmeticExpression | ValueReference;
export type CharacterExpression = StringLiteral | ValueReference;
export type ScalarExpression = StringLiteral | NumberLiteral | BooleanLiteral | InstantLiteral | ArithmeticExpression | ValueReference;
export type TemporalOperand = InstantLiteral | IntervalLiteral | ValueReference;
export type SpatialOperand = GeometryLiteral | BboxLiteral | ValueReference;
export type ArrayOperand = ArrayLiteral | ValueReference;

export type BooleanExpression =
  | AndExpression
  | OrExpression
  | NotExpression
  | ComparisonPredicate
  | LikePredicate
  | BetweenPredicate
  | InPredicate
  | IsNullPredicate
  | SpatialPredicate
  | TemporalPredicate
  | ArrayPredicate
  | BooleanLiteral
  | FunctionCall;

/** Any node that can stand as an argument of a function or an element of an array. */
export type Cql2Expression = BooleanExpression | ScalarExpression | IntervalLiteral | GeometryLiteral | BboxLiteral | ArrayLiteral;

export type IsNullOperand = Exclude<Cql2Expression, ArrayLiteral>;

/** The sub-expressions of a node (interval ends that are literals or open are not expressions of their own). */
export function childrenOf(node: Cql2Expression): readonly Cql2Expression[] {
  switch (node.kind) {
    case 'and':
    case 'or':
    case 'comparison':
    case 'like':
    case 'between':
    case 'spatial':
    case 'temporal':
    case 'arrayPredicate':
    case 'arithmetic':
    case 'function':
      return node.args;
    case 'not':
    case 'isNull':
      return [node.arg];
    case 'in':
      return [node.value, ...node.list];
    case 'array':
      return node.items;
    case 'interval':
      return [node.start, node.end].filter((b): b is PropertyRef | FunctionCall => b.kind === 'property' || b.kind === 'function');
    default:
      return [];
  }
}
