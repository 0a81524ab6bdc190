import type { Geometry } from '../stac/geojson.js';
import type { Cql2Expression, IntervalBound } from './ast.js';
import { jsonSpelling } from './cql2-operators.js';

/** A JSON value as cql2-json writes it. */
export type Cql2Json = string | number | boolean | Cql2Json[] | { [key: string]: Cql2Json };

function op(name: string, args: readonly Cql2Expression[]): Cql2Json {
  return { op: jsonSpelling[name] ?? name, args: args.map(toCql2Json) };
}

function bound(b: IntervalBound): Cql2Json {
  if (b.kind === 'open') return '..';
  if (b.kind === 'date' || b.kind === 'timestamp') return b.value;
  return toCql2Json(b);
}

function geometry(g: Geometry): Cql2Json {
  if (g.type === 'GeometryCollection') return { type: g.type, geometries: g.geometries.map(geometry) };
  return { type: g.type, coordinates: g.coordinates as Cql2Json };
}

/** Writes a CQL2 tree as cql2-json (the standard's schema, `op`/`args` for operators and functions alike). */
export function toCql2Json(node: Cql2Expression): Cql2Json {
  switch (node.kind) {
    case 'and':
    case 'or':
    case 'like':
    case 'between':
      return op(node.kind, node.args);
    case 'not':
      return op('not', [node.arg]);
    case 'isNull':
      return op('isNull', [node.arg]);
    case 'in':
      return { op: 'in', args: [toCql2Json(node.value), node.list.map(toCql2Json)] };
    case 'comparison':
    case 'arithmetic':
    case 'spatial':
    case 'temporal':
    case 'arrayPredicate':
      return op(node.op, node.args);
    case 'function':
      return op(node.name, node.args);
    case 'property':
      return { property: node.name };
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    case 'timestamp':
      return { timestamp: node.value };
    case 'date':
      return { date: node.value };
    case 'interval':
      return { interval: [bound(node.start), bound(node.end)] };
    case 'geometry':
      return geometry(node.geometry);
    case 'bbox':
      return { bbox: [...node.bbox] };
    case 'array':
      return node.items.map(toCql2Json);
  }
}
