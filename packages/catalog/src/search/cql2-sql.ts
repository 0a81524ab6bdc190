import { AppError } from '@pqe/common';
import type { ArrayOperand, BooleanExpression, Cql2Expression, IntervalBound, SpatialOperand, TemporalOperand, TemporalOperator } from '../cql2/ast.js';
import { type PropertySql, propertySql } from './property-sql.js';
import type { SqlParams } from './sql-params.js';

/** What a compiled scalar is in SQL: its text and its type. */
interface Typed {
  sql: string;
  type: 'text' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb';
}

const bad = (message: string) => new AppError('InvalidParameter', `filter: ${message}`);

/** A JSON property read as the type the other side of a comparison has; NULL when the stored value is not of it. */
function asType(p: Typed, type: Typed['type']): string {
  if (p.type === type) return p.sql;
  if (p.type === 'jsonb') {
    switch (type) {
      case 'numeric':
        return `(CASE WHEN jsonb_typeof(${p.sql}) = 'number' THEN (${p.sql})::numeric END)`;
      case 'text':
        return `(CASE WHEN jsonb_typeof(${p.sql}) = 'string' THEN ${p.sql} #>> '{}' END)`;
      case 'boolean':
        return `(CASE WHEN jsonb_typeof(${p.sql}) = 'boolean' THEN (${p.sql})::boolean END)`;
      case 'timestamptz':
        return `pqe.to_timestamptz(CASE WHEN jsonb_typeof(${p.sql}) = 'string' THEN ${p.sql} #>> '{}' END)`;
      default:
        return p.sql;
    }
  }
  if (type === 'text') return `(${p.sql})::text`;
  if (type === 'jsonb') return `to_jsonb(${p.sql})`;
  throw bad(`cannot compare a ${p.type} with a ${type}`);
}

const ACCENTED = 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ';
const PLAIN = 'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy';

/**
 * Compiles a CQL2 filter to one SQL condition over `pqe.items AS i`. Values travel as parameters; properties
 * resolve as in sortby and query (columns for id, collection, datetimes and geometry, else the stored JSON).
 */
export class Cql2SqlCompiler {
  constructor(private readonly params: SqlParams) {}

  condition(node: BooleanExpression): string {
    switch (node.kind) {
      case 'and':
      case 'or':
        return `(${node.args.map((a) => this.condition(a)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `(NOT coalesce(${this.condition(node.arg)}, false))`;
      case 'boolean':
        return node.value ? 'true' : 'false';
      case 'comparison': {
        const [a, b] = this.pair(node.args[0], node.args[1]);
        return `(${a} ${node.op} ${b})`;
      }
      case 'like': {
        const value = this.asText(node.args[0]);
        const pattern = this.asText(node.args[1]);
        return `(${value} LIKE ${pattern} ESCAPE '\\')`;
      }
      case 'between': {
        const [v, lo, hi] = node.args.map((a) => asType(this.scalar(a), 'numeric'));
        return `(${v} BETWEEN ${lo} AND ${hi})`;
      }
      case 'in': {
        const value = this.scalar(node.value);
        const items = node.list.map((item) => this.scalar(item));
        const target = value.type === 'jsonb' ? (items.find((i) => i.type !== 'jsonb')?.type ?? 'jsonb') : value.type;
        return `(${asType(value, target)} IN (${items.map((i) => asType(i, target)).join(', ')}))`;
      }
      case 'isNull': {
        const arg = node.arg;
        if (arg.kind === 'property') {
          const p = this.property(arg.name);
          return p.type === 'jsonb' ? `(${p.sql} IS NULL OR ${p.sql} = 'null'::jsonb)` : `(${p.sql} IS NULL)`;
        }
        return `(${this.scalar(arg as Parameters<Cql2SqlCompiler['scalar']>[0]).sql} IS NULL)`;
      }
      case 'spatial':
        return this.spatial(node.op, node.args[0], node.args[1]);
      case 'temporal':
        return this.temporal(node.op, node.args[0], node.args[1]);
      case 'arrayPredicate':
        return this.array(node.op, node.args[0], node.args[1]);
      case 'function':
        throw bad(`${node.name}() does not give a true or false here; see GET /functions`);
    }
  }

  private property(name: string): Typed {
    if (name === 'geometry') throw bad('geometry can be used only in spatial predicates (S_INTERSECTS and others)');
    const p: PropertySql = propertySql(name, this.params);
    return { sql: p.sql, type: p.kind === 'text' ? 'text' : p.kind === 'timestamptz' ? 'timestamptz' : 'jsonb' };
  }

  private scalar(node: Cql2Expression): Typed {
    switch (node.kind) {
      case 'string':
        return { sql: this.params.add(node.value, 'text'), type: 'text' };
      case 'number':
        return { sql: this.params.add(String(node.value), 'numeric'), type: 'numeric' };
      case 'boolean':
        return { sql: node.value ? 'true' : 'false', type: 'boolean' };
      case 'timestamp':
        return { sql: this.params.add(node.value, 'timestamptz'), type: 'timestamptz' };
      case 'date':
        return { sql: `${this.params.add(node.value, 'date')}::timestamptz`, type: 'timestamptz' };
      case 'property':
        return this.property(node.name);
      case 'arithmetic': {
        const a = asType(this.scalar(node.args[0]), 'numeric');
        const b = asType(this.scalar(node.args[1]), 'numeric');
        // Division by zero gives NULL (no match) rather than an error.
        if (node.op === '/' || node.op === 'div' || node.op === '%') {
          const divisor = `NULLIF(${b}, 0)`;
          const op = node.op === '%' ? `mod(${a}, ${divisor})` : node.op === 'div' ? `div(${a}, ${divisor})` : `(${a} / ${divisor})`;
          return { sql: op, type: 'numeric' };
        }
        return { sql: `(${a} ${node.op} ${b})`, type: 'numeric' };
      }
      case 'function':
        return this.scalarFunction(node.name, node.args);
      default:
        throw bad(`a ${node.kind} cannot be compared here`);
    }
  }

  private scalarFunction(name: string, args: readonly Cql2Expression[]): Typed {
    const fn = name.toLowerCase();
    if ((fn === 'casei' || fn === 'accenti') && args.length === 1) {
      const text = this.asText(args[0] as Cql2Expression);
      return { sql: fn === 'casei' ? `lower(${text})` : `translate(${text}, '${ACCENTED}', '${PLAIN}')`, type: 'text' };
    }
    throw bad(`unknown function ${name}(${args.length} argument${args.length === 1 ? '' : 's'}); GET /functions lists the functions this server knows`);
  }

  private asText(node: Cql2Expression): string {
    return asType(this.scalar(node), 'text');
  }

  /** Two sides of a comparison, each read as the type of the other when one is a JSON property. */
  private pair(left: Cql2Expression, right: Cql2Expression): [string, string] {
    const a = this.scalar(left);
    const b = this.scalar(right);
    if (a.type === b.type) return [a.sql, b.sql];
    if (a.type === 'jsonb') return [asType(a, b.type), b.sql];
    if (b.type === 'jsonb') return [a.sql, asType(b, a.type)];
    if (a.type === 'timestamptz' || b.type === 'timestamptz') throw bad('a timestamp can be compared only with a timestamp or a date');
    return [asType(a, 'text'), asType(b, 'text')];
  }

  private geometry(node: SpatialOperand): string {
    if (node.kind === 'property') {
      if (node.name === 'geometry') return 'i.geometry';
      const p = this.property(node.name);
      return `ST_SetSRID(ST_GeomFromGeoJSON(${p.sql}), 4326)`;
    }
    if (node.kind === 'geometry') return `ST_SetSRID(ST_GeomFromGeoJSON(${this.params.add(JSON.stringify(node.geometry), 'text')}), 4326)`;
    if (node.kind === 'bbox') {
      const b = node.bbox;
      const [w, s, e, n] = (b.length === 6 ? [b[0], b[1], b[3], b[4]] : b) as [number, number, number, number];
      const box = (x0: number, x1: number) =>
        `ST_MakeEnvelope(${this.params.add(x0, 'float8')}, ${this.params.add(s, 'float8')}, ${this.params.add(x1, 'float8')}, ${this.params.add(n, 'float8')}, 4326)`;
      return w <= e ? box(w, e) : `ST_Collect(${box(w, 180)}, ${box(-180, e)})`;
    }
    throw bad(`${node.name}() is not a geometry`);
  }

  private spatial(op: string, a: SpatialOperand, b: SpatialOperand): string {
    const fn = {
      s_intersects: 'ST_Intersects',
      s_equals: 'ST_Equals',
      s_disjoint: 'ST_Disjoint',
      s_touches: 'ST_Touches',
      s_within: 'ST_Within',
      s_overlaps: 'ST_Overlaps',
      s_crosses: 'ST_Crosses',
      s_contains: 'ST_Contains',
    }[op];
    if (fn === undefined) throw bad(`unknown spatial operator ${op}`);
    return `${fn}(${this.geometry(a)}, ${this.geometry(b)})`;
  }

  /** A temporal operand as the start and end of an interval (an instant has both the same). */
  private period(node: TemporalOperand): [string, string] {
    const bound = (b: IntervalBound, open: string): string => {
      if (b.kind === 'open') return `'${open}'::timestamptz`;
      if (b.kind === 'timestamp') return this.params.add(b.value, 'timestamptz');
      if (b.kind === 'date') return `${this.params.add(b.value, 'date')}::timestamptz`;
      return asType(this.scalar(b), 'timestamptz');
    };
    switch (node.kind) {
      case 'property': {
        const name = node.name.replace(/^properties\./, '');
        // An item's datetime is its whole interval when it has only start and end datetimes.
        if (name === 'datetime') return ['i.datetime', 'i.end_datetime'];
        const p = asType(this.property(node.name), 'timestamptz');
        return [p, p];
      }
      case 'timestamp':
      case 'date': {
        const t = bound(node, '');
        return [t, t];
      }
      case 'interval':
        return [bound(node.start, '-infinity'), bound(node.end, 'infinity')];
      default: {
        const t = asType(this.scalar(node), 'timestamptz');
        return [t, t];
      }
    }
  }

  private temporal(op: TemporalOperator, left: TemporalOperand, right: TemporalOperand): string {
    const [as, ae] = this.period(left);
    const [bs, be] = this.period(right);
    const relations: Record<TemporalOperator, string> = {
      t_after: `${as} > ${be}`,
      t_before: `${ae} < ${bs}`,
      t_contains: `${as} < ${bs} AND ${ae} > ${be}`,
      t_disjoint: `(${ae} < ${bs} OR ${as} > ${be})`,
      t_during: `${as} > ${bs} AND ${ae} < ${be}`,
      t_equals: `${as} = ${bs} AND ${ae} = ${be}`,
      t_finishedby: `${as} < ${bs} AND ${ae} = ${be}`,
      t_finishes: `${as} > ${bs} AND ${ae} = ${be}`,
      t_intersects: `${as} <= ${be} AND ${ae} >= ${bs}`,
      t_meets: `${ae} = ${bs}`,
      t_metby: `${as} = ${be}`,
      t_overlappedby: `${as} > ${bs} AND ${as} < ${be} AND ${ae} > ${be}`,
      t_overlaps: `${as} < ${bs} AND ${ae} > ${bs} AND ${ae} < ${be}`,
      t_startedby: `${as} = ${bs} AND ${ae} > ${be}`,
      t_starts: `${as} = ${bs} AND ${ae} < ${be}`,
    };
    return `(${relations[op]})`;
  }

  private jsonArray(node: ArrayOperand): string {
    if (node.kind === 'array') return this.params.add(JSON.stringify(node.items.map((item) => this.literalValue(item))), 'text::jsonb');
    if (node.kind === 'property') {
      const p = this.property(node.name);
      return p.type === 'jsonb' ? `(CASE WHEN jsonb_typeof(${p.sql}) = 'array' THEN ${p.sql} END)` : `jsonb_build_array(${p.sql})`;
    }
    throw bad(`${node.name}() is not an array`);
  }

  private literalValue(node: Cql2Expression): unknown {
    switch (node.kind) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'timestamp':
      case 'date':
        return node.value;
      case 'array':
        return node.items.map((i) => this.literalValue(i));
      default:
        throw bad('arrays in array predicates may hold only literal values');
    }
  }

  private array(op: string, left: ArrayOperand, right: ArrayOperand): string {
    const a = this.jsonArray(left);
    const b = this.jsonArray(right);
    switch (op) {
      case 'a_equals':
        return `(${a} @> ${b} AND ${a} <@ ${b})`;
      case 'a_contains':
        return `(${a} @> ${b})`;
      case 'a_containedby':
        return `(${a} <@ ${b})`;
      case 'a_overlaps':
        return `EXISTS (SELECT 1 FROM jsonb_array_elements(${a}) AS x(v) WHERE ${b} @> jsonb_build_array(x.v))`;
      default:
        throw bad(`unknown array operator ${op}`);
    }
  }
}
