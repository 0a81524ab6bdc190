import { AppError } from '@pqe/common';
import { type Geometry, geometryProblem, type Position } from '../stac/geojson.js';
import type { BooleanExpression, Cql2Expression, IntervalBound, NumericExpression } from './ast.js';
import {
  arrayCategory,
  booleanCategory,
  type Category,
  characterCategory,
  describeNode,
  isNullCategory,
  numericCategory,
  ordinal,
  scalarCategory,
  spatialCategory,
  temporalCategory,
} from './cql2-categories.js';
import { isIdentifier } from './cql2-identifiers.js';
import { MAX_NESTING } from './cql2-limits.js';
import { bboxProblem, dateProblem, instantNode, intervalProblem, numberNode, readIntervalString, timestampProblem } from './cql2-literals.js';
import { isReservedFunctionName, jsonOperators } from './cql2-operators.js';

/** Paths of deeply nested nodes are shortened in the middle, so that a message stays readable. */
function shortPath(path: string): string {
  return path.length <= 160 ? path : `${path.slice(0, 70)}…${path.slice(-70)}`;
}

function bad(path: string, message: string): AppError {
  return new AppError('InvalidParameter', `${shortPath(path)}: ${message}`, { details: { path: shortPath(path) } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function check<T extends Cql2Expression>(node: Cql2Expression, category: Category<T>, path: string, context: string): T {
  if (category.test(node)) return node;
  throw bad(path, `expected ${category.expected} as ${context}, found ${describeNode(node)}`);
}

/** The depth of a composite node whose parent is at `depth`, refusing trees deeper than MAX_NESTING. */
function nest(depth: number, path: string): number {
  if (depth + 1 > MAX_NESTING) throw bad(path, `the filter is nested more than ${MAX_NESTING} levels deep`);
  return depth + 1;
}

/** Copies only what the tree keeps of a GeoJSON geometry (no `bbox`, no foreign members), with -0 read as 0. */
function copyGeometry(g: Geometry): Geometry {
  const position = (p: Position): Position => p.map((n) => (n === 0 ? 0 : n));
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: position(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(position) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((line) => line.map(position)) };
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map((polygon) => polygon.map((ring) => ring.map(position))) };
    case 'GeometryCollection':
      return { type: g.type, geometries: g.geometries.map(copyGeometry) };
  }
}

function readIntervalBound(value: unknown, path: string, depth: number): IntervalBound {
  if (typeof value === 'string') {
    const read = readIntervalString(value);
    if ('problem' in read) throw bad(path, read.problem);
    return read.bound;
  }
  if (isObject(value)) {
    const node = readNode(value, path, depth);
    if (node.kind === 'property' || node.kind === 'function' || node.kind === 'date' || node.kind === 'timestamp') return node;
  }
  throw bad(path, "expected a date or timestamp string, '..', a property or a function call as an end of the interval");
}

function readInterval(value: unknown, path: string, depth: number): Cql2Expression {
  if (!Array.isArray(value) || value.length !== 2) throw bad(path, 'an interval is an array of two ends: [start, end], where ".." is open');
  const d = nest(depth, path);
  const start = readIntervalBound(value[0], `${path}[0]`, d);
  const end = readIntervalBound(value[1], `${path}[1]`, d);
  const problem = intervalProblem(start, end);
  if (problem !== undefined) throw bad(path, problem);
  return { kind: 'interval', start, end };
}

/**
 * A temporal operand; besides the standard forms, the bare strings and `[start, end]` arrays of the drafts
 * before CQL2 1.0, which STAC clients still send (`"anyinteracts"` with `["2020-01-01T00:00:00Z", ".."]`).
 */
function readTemporalOperand(value: unknown, path: string, depth: number): Cql2Expression {
  if (Array.isArray(value)) return readInterval(value, path, depth);
  if (typeof value !== 'string') return readNode(value, path, depth);
  const read = readIntervalString(value);
  if ('problem' in read) throw bad(path, read.problem);
  if (read.bound.kind === 'open') throw bad(path, "'..' can only be an end of an interval");
  return read.bound;
}

function readFunction(name: string, args: readonly unknown[], path: string, namePath: string, depth: number): Cql2Expression {
  const lower = name.toLowerCase();
  if (lower === 'casei' || lower === 'accenti') {
    if (args.length !== 1) throw bad(`${path}.args`, `${lower} takes one argument, found ${args.length}`);
    const arg = check(readNode(args[0], `${path}.args[0]`, depth), characterCategory, `${path}.args[0]`, `the argument of ${lower}`);
    return { kind: 'function', name: lower, args: [arg] };
  }
  if (!isIdentifier(name)) throw bad(namePath, `unknown operator ${JSON.stringify(name)}`);
  if (isReservedFunctionName(name)) throw bad(namePath, `${JSON.stringify(name)} is a CQL2 keyword and cannot name a function`);
  return { kind: 'function', name, args: args.map((arg, i) => readNode(arg, `${path}.args[${i}]`, depth)) };
}

function readOperation(value: Record<string, unknown>, path: string, depth: number): Cql2Expression {
  const op = value.op;
  if (typeof op !== 'string') throw bad(`${path}.op`, 'expected the name of an operator or function (a string)');
  const args = value.args;
  if (!Array.isArray(args)) throw bad(`${path}.args`, args === undefined ? `"${op}" needs "args", an array of arguments` : 'expected an array of arguments');
  const d = nest(depth, path);
  const info = jsonOperators.get(op.toLowerCase());
  if (info === undefined || info.kind === 'casei' || info.kind === 'accenti') return readFunction(op, args, path, `${path}.op`, d);
  const at = (i: number) => `${path}.args[${i}]`;
  const arity = (n: number) => {
    if (args.length !== n) throw bad(`${path}.args`, `${op} takes ${n} argument${n === 1 ? '' : 's'}, found ${args.length}`);
  };
  const arg = <T extends Cql2Expression>(i: number, category: Category<T>, context = `the ${ordinal(i + 1)} argument of ${op}`): T =>
    check(readNode(args[i], at(i), d), category, at(i), context);
  switch (info.kind) {
    case 'and':
    case 'or':
      if (args.length < 2) throw bad(`${path}.args`, `${op} takes at least 2 arguments, found ${args.length}`);
      return { kind: info.kind, args: args.map((_, i) => arg(i, booleanCategory, `an argument of ${op}`)) };
    case 'not':
      arity(1);
      return { kind: 'not', arg: arg(0, booleanCategory, 'the argument of not') };
    case 'isNull':
      arity(1);
      return { kind: 'isNull', arg: arg(0, isNullCategory, 'the argument of isNull') };
    case 'comparison':
      arity(2);
      return { kind: 'comparison', op: info.op, args: [arg(0, scalarCategory), arg(1, scalarCategory)] };
    case 'like':
      arity(2);
      return { kind: 'like', args: [arg(0, characterCategory), arg(1, characterCategory)] };
    case 'arithmetic':
      arity(2);
      return { kind: 'arithmetic', op: info.op, args: [arg(0, numericCategory), arg(1, numericCategory)] };
    case 'between':
      return readBetween(op, args, path, d);
    case 'in': {
      arity(2);
      const list = args[1];
      if (!Array.isArray(list)) throw bad(at(1), 'expected the list of values (an array)');
      if (list.length === 0) throw bad(at(1), 'the list of values of in cannot be empty');
      const items = list.map((item, i) => check(readNode(item, `${at(1)}[${i}]`, d), scalarCategory, `${at(1)}[${i}]`, 'a value of the in list'));
      return { kind: 'in', value: arg(0, scalarCategory), list: items };
    }
    case 'spatial':
      arity(2);
      return { kind: 'spatial', op: info.op, args: [arg(0, spatialCategory), arg(1, spatialCategory)] };
    case 'arrayPredicate':
      arity(2);
      return { kind: 'arrayPredicate', op: info.op, args: [arg(0, arrayCategory), arg(1, arrayCategory)] };
    case 'temporal': {
      arity(2);
      const operand = (i: number) => check(readTemporalOperand(args[i], at(i), d), temporalCategory, at(i), `the ${ordinal(i + 1)} argument of ${op}`);
      return { kind: 'temporal', op: info.op, args: [operand(0), operand(1)] };
    }
  }
}

/** `[value, low, high]`, or the drafts' `[value, [low, high]]`. */
function readBetween(op: string, args: readonly unknown[], path: string, depth: number): Cql2Expression {
  const bounds = args[1];
  const legacy = args.length === 2 && Array.isArray(bounds) && bounds.length === 2;
  if (!legacy && args.length !== 3) throw bad(`${path}.args`, `${op} takes 3 arguments (value, low, high), found ${args.length}`);
  const items: readonly (readonly [unknown, string])[] = legacy
    ? [
        [args[0], `${path}.args[0]`],
        [bounds[0], `${path}.args[1][0]`],
        [bounds[1], `${path}.args[1][1]`],
      ]
    : args.map((a, i) => [a, `${path}.args[${i}]`] as const);
  const [value, low, high] = items.map(([a, at], i) =>
    check(readNode(a, at, depth), numericCategory, at, `${['the value', 'the lower bound', 'the upper bound'][i]} of ${op}`),
  ) as [NumericExpression, NumericExpression, NumericExpression];
  return { kind: 'between', args: [value, low, high] };
}

function readLiteralObject(value: Record<string, unknown>, key: string, path: string, depth: number): Cql2Expression | undefined {
  const content = value[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'property':
      if (typeof content !== 'string' || content === '') throw bad(at, 'expected a property name (a non-empty string)');
      return { kind: 'property', name: content };
    case 'timestamp':
    case 'date': {
      if (typeof content !== 'string') throw bad(at, `expected a ${key} string`);
      const problem = key === 'date' ? dateProblem(content) : timestampProblem(content);
      if (problem !== undefined) throw bad(at, problem);
      return instantNode(key, content);
    }
    case 'interval':
      return readInterval(content, at, depth);
    case 'bbox': {
      if (!Array.isArray(content) || content.some((n) => typeof n !== 'number')) throw bad(at, 'expected an array of 4 or 6 numbers');
      const problem = bboxProblem(content);
      if (problem !== undefined) throw bad(at, problem);
      return { kind: 'bbox', bbox: content.map((n: number) => (n === 0 ? 0 : n)) };
    }
    case 'type': {
      const problem = geometryProblem(value);
      if (problem !== undefined) throw new AppError('InvalidParameter', problem.replace(/^geometry/, shortPath(path)), { details: { path: shortPath(path) } });
      return { kind: 'geometry', geometry: copyGeometry(value as unknown as Geometry) };
    }
    case 'function': {
      if (!isObject(content) || typeof content.name !== 'string') throw bad(at, 'expected {"name": …, "args": […]}');
      const args = content.args ?? [];
      if (!Array.isArray(args)) throw bad(`${at}.args`, 'expected an array of arguments');
      const lower = content.name.toLowerCase();
      if (jsonOperators.has(lower) && lower !== 'casei' && lower !== 'accenti')
        throw bad(`${at}.name`, `${content.name} is an operator: write {"op": "${content.name}", "args": […]}`);
      return readFunction(content.name, args, at, `${at}.name`, nest(depth, path));
    }
    default:
      return undefined;
  }
}

// 'type' before 'bbox': a GeoJSON geometry may carry a bbox member of its own.
const LITERAL_KEYS = ['property', 'timestamp', 'date', 'interval', 'type', 'bbox', 'function'] as const;

function readNode(value: unknown, path: string, depth: number): Cql2Expression {
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw bad(path, 'numbers must be finite');
    return numberNode(value);
  }
  if (value === null) throw bad(path, 'null is not a CQL2 value; test for a missing value with {"op": "isNull", "args": [...]}');
  if (Array.isArray(value)) {
    const d = nest(depth, path);
    return { kind: 'array', items: value.map((item, i) => readNode(item, `${path}[${i}]`, d)) };
  }
  if (!isObject(value)) throw bad(path, `expected a CQL2 expression, found ${value === undefined ? 'nothing' : `a ${typeof value}`}`);
  if (Object.hasOwn(value, 'op')) return readOperation(value, path, depth);
  for (const key of LITERAL_KEYS) {
    if (Object.hasOwn(value, key)) return readLiteralObject(value, key, path, depth) as Cql2Expression;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && Array.isArray(value[keys[0] as string])) {
    // {"eq": [...]}, {"and": [...]}: the cql-json of the drafts before CQL2.
    const name = jsonOperators.has((keys[0] as string).toLowerCase()) ? JSON.stringify(keys[0]) : '…';
    throw bad(path, `operators are written {"op": ${name}, "args": [...]} in CQL2 JSON, not {${JSON.stringify(keys[0])}: [...]}`);
  }
  throw bad(
    path,
    'expected a CQL2 expression: a string, number, boolean, array, or an object with "op", "property", "timestamp", "date", "interval", "bbox" or a GeoJSON "type"',
  );
}

/** Reads a cql2-json filter (OGC CQL2 1.0; already parsed from JSON) into the CQL2 tree; throws AppError naming the JSON path. */
export function readCql2Json(value: unknown): BooleanExpression {
  return check(readNode(value, 'filter', 0), booleanCategory, 'filter', 'the filter');
}
