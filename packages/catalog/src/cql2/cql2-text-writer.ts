import type { Geometry, Position } from '../stac/geojson.js';
import type { Cql2Expression, IntervalBound } from './ast.js';
import { isBarePropertyName } from './cql2-identifiers.js';

/** Binding strength of what a node is written as, loosest first (the levels of the parser's descent). */
const Level = { or: 1, and: 2, not: 3, predicate: 4, additive: 5, multiplicative: 6, power: 7, unary: 8, primary: 9 } as const;
type Level = (typeof Level)[keyof typeof Level];

interface Written {
  readonly text: string;
  readonly level: Level;
}

/** Characters after which a backslash would start an escape; a backslash before them (or last) is doubled. */
const ESCAPABLE = new Set(["'", '\\', 'a', 'b', 't', 'n', 'v', 'f', 'r']);

function quoteString(value: string): string {
  const chars = Array.from(value);
  const body = chars.map((ch, i) => {
    if (ch === "'") return "''";
    if (ch !== '\\') return ch;
    const next = chars[i + 1];
    return next === undefined || ESCAPABLE.has(next) ? '\\\\' : '\\';
  });
  return `'${body.join('')}'`;
}

function propertyName(name: string): string {
  return isBarePropertyName(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function position(p: Position): string {
  return p.map(String).join(' ');
}

function firstPosition(g: Geometry): Position | undefined {
  switch (g.type) {
    case 'Point':
      return g.coordinates;
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates[0];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates[0]?.[0];
    case 'MultiPolygon':
      return g.coordinates[0]?.[0]?.[0];
    case 'GeometryCollection':
      return undefined;
  }
}

/** WKT, with Z when 3D; members of a collection say their own Z. */
function wkt(g: Geometry): string {
  const z = firstPosition(g)?.length === 3 ? ' Z' : '';
  const line = (ps: readonly Position[]) => `(${ps.map(position).join(', ')})`;
  const polygon = (rings: readonly Position[][]) => `(${rings.map(line).join(', ')})`;
  switch (g.type) {
    case 'Point':
      return `POINT${z} (${position(g.coordinates)})`;
    case 'LineString':
      return `LINESTRING${z} ${line(g.coordinates)}`;
    case 'Polygon':
      return `POLYGON${z} ${polygon(g.coordinates)}`;
    case 'MultiPoint':
      return `MULTIPOINT${z} (${g.coordinates.map((p) => `(${position(p)})`).join(', ')})`;
    case 'MultiLineString':
      return `MULTILINESTRING${z} (${g.coordinates.map(line).join(', ')})`;
    case 'MultiPolygon':
      return `MULTIPOLYGON${z} (${g.coordinates.map(polygon).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${g.geometries.map(wkt).join(', ')})`;
  }
}

function bound(b: IntervalBound): string {
  if (b.kind === 'open') return "'..'";
  if (b.kind === 'date' || b.kind === 'timestamp') return quoteString(b.value);
  return write(b).text;
}

function wrap(node: Cql2Expression, min: Level): string {
  const w = write(node);
  return w.level < min ? `(${w.text})` : w.text;
}

function list(nodes: readonly Cql2Expression[], min: Level = Level.or): string {
  return nodes.map((n) => wrap(n, min)).join(', ');
}

function named(name: string, args: readonly Cql2Expression[]): Written {
  return { text: `${name}(${list(args)})`, level: Level.primary };
}

const arithmeticLevels = {
  '+': [Level.additive, Level.additive, Level.multiplicative],
  '-': [Level.additive, Level.additive, Level.multiplicative],
  '*': [Level.multiplicative, Level.multiplicative, Level.power],
  '/': [Level.multiplicative, Level.multiplicative, Level.power],
  '%': [Level.multiplicative, Level.multiplicative, Level.power],
  div: [Level.multiplicative, Level.multiplicative, Level.power],
  // `^` binds right to left, and its base is a factor: (a ^ b) ^ c needs the parentheses, a ^ (b ^ c) does not.
  '^': [Level.power, Level.unary, Level.power],
} as const;

/** A predicate that NOT can be folded into: `a NOT LIKE b`, `a NOT BETWEEN …`, `a NOT IN (…)`, `a IS NOT NULL`. */
function negated(node: Cql2Expression): string | undefined {
  switch (node.kind) {
    case 'like':
      return `${wrap(node.args[0], Level.additive)} NOT LIKE ${wrap(node.args[1], Level.additive)}`;
    case 'between':
      return `${wrap(node.args[0], Level.additive)} NOT BETWEEN ${wrap(node.args[1], Level.additive)} AND ${wrap(node.args[2], Level.additive)}`;
    case 'in':
      return `${wrap(node.value, Level.additive)} NOT IN (${list(node.list, Level.additive)})`;
    case 'isNull':
      return `${wrap(node.arg, Level.additive)} IS NOT NULL`;
    default:
      return undefined;
  }
}

function write(node: Cql2Expression): Written {
  switch (node.kind) {
    case 'or':
      return { text: node.args.map((a) => wrap(a, Level.and)).join(' OR '), level: Level.or };
    case 'and':
      // A nested AND keeps its parentheses, so that the tree reads back as it was.
      return { text: node.args.map((a) => wrap(a, Level.not)).join(' AND '), level: Level.and };
    case 'not': {
      const folded = negated(node.arg);
      if (folded !== undefined) return { text: folded, level: Level.predicate };
      return { text: `NOT ${wrap(node.arg, Level.not)}`, level: Level.not };
    }
    case 'comparison':
      return { text: `${wrap(node.args[0], Level.additive)} ${node.op} ${wrap(node.args[1], Level.additive)}`, level: Level.predicate };
    case 'like':
      return { text: `${wrap(node.args[0], Level.additive)} LIKE ${wrap(node.args[1], Level.additive)}`, level: Level.predicate };
    case 'between': {
      const [value, low, high] = node.args.map((a) => wrap(a, Level.additive));
      return { text: `${value} BETWEEN ${low} AND ${high}`, level: Level.predicate };
    }
    case 'in':
      return { text: `${wrap(node.value, Level.additive)} IN (${list(node.list, Level.additive)})`, level: Level.predicate };
    case 'isNull':
      return { text: `${wrap(node.arg, Level.additive)} IS NULL`, level: Level.predicate };
    case 'spatial':
    case 'temporal':
    case 'arrayPredicate':
      return named(node.op.toUpperCase(), node.args);
    case 'arithmetic': {
      const [level, left, right] = arithmeticLevels[node.op];
      return { text: `${wrap(node.args[0], left)} ${node.op} ${wrap(node.args[1], right)}`, level };
    }
    case 'function':
      return named(node.name === 'casei' || node.name === 'accenti' ? node.name.toUpperCase() : node.name, node.args);
    case 'property':
      return { text: propertyName(node.name), level: Level.primary };
    case 'string':
      return { text: quoteString(node.value), level: Level.primary };
    case 'number':
      return { text: String(node.value), level: node.value < 0 ? Level.unary : Level.primary };
    case 'boolean':
      return { text: node.value ? 'TRUE' : 'FALSE', level: Level.primary };
    case 'timestamp':
      return { text: `TIMESTAMP(${quoteString(node.value)})`, level: Level.primary };
    case 'date':
      return { text: `DATE(${quoteString(node.value)})`, level: Level.primary };
    case 'interval':
      return { text: `INTERVAL(${bound(node.start)}, ${bound(node.end)})`, level: Level.primary };
    case 'geometry':
      return { text: wkt(node.geometry), level: Level.primary };
    case 'bbox':
      return { text: `BBOX(${node.bbox.map(String).join(', ')})`, level: Level.primary };
    case 'array':
      return { text: `(${list(node.items)})`, level: Level.primary };
  }
}

/** Writes a CQL2 tree as cql2-text that parses back into the same tree, with no more parentheses than it needs. */
export function toCql2Text(node: Cql2Expression): string {
  return write(node).text;
}
