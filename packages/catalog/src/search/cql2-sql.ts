import { AppError } from '@pqe/common';
import type { ArrayOperand, BooleanExpression, Cql2Expression, IntervalBound, SpatialOperand, TemporalOperand, TemporalOperator } from '../cql2/ast.js';
import { dateProblem, timestampProblem } from '../cql2/cql2-literals.js';
import { type PropertySql, propertySql, queryableName } from './property-sql.js';
import { jsonValueSql, type QueryableTypes, type ValueType } from './queryable-types.js';
import { SqlParams } from './sql-params.js';

/** What a compiled scalar is in SQL: its text, its type (jsonb: a property without a type of its own) and what it is. */
interface Typed {
  sql: string;
  type: ValueType | 'jsonb';
  /** The node it was compiled from, for messages and for reading a string literal as another type. */
  node: Cql2Expression;
}

const bad = (message: string) => new AppError('InvalidParameter', `filter: ${message}`);

const TYPE_NAMES: Record<Typed['type'], string> = { numeric: 'number', text: 'string', boolean: 'boolean', timestamptz: 'timestamp', jsonb: 'JSON value' };

/** A node as a user would recognise it in a message, kept short. */
function nameOf(node: Cql2Expression): string {
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
  switch (node.kind) {
    case 'property':
      return short(node.name);
    case 'string':
      return `'${short(node.value.replaceAll("'", "''"))}'`;
    case 'number':
      return String(node.value);
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'timestamp':
      return `TIMESTAMP('${node.value}')`;
    case 'date':
      return `DATE('${node.value}')`;
    case 'function':
      return `${short(node.name)}()`;
    default:
      return `the ${node.kind} expression`;
  }
}

/** Text as a parameter: PostgreSQL's text and jsonb cannot hold U+0000, which would fail the whole statement. */
function storable(text: string): string {
  if (text.includes('\u0000'))
    throw bad(`${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)} holds a NUL character (U+0000), which no value in the catalog can`);
  return text;
}

/** A decimal number as CQL2 writes one, which a string literal may spell when it stands for a number. */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

const ACCENTED = 'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ';
const PLAIN = 'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy';

/**
 * Compiles a CQL2 filter to one SQL condition over `pqe.items AS i`. Values travel as parameters; properties
 * resolve as in sortby and query (columns for id, collection, datetimes and geometry, else the stored JSON).
 *
 * Types: id and collection are strings and the datetimes timestamps; a property with a configured queryable has
 * the queryable's type (`queryables`); any other property is read as the type of what it is compared with. Both
 * sides of a comparison must have one type (OGC CQL2, /req/basic-cql2/binary-comparison-predicate D). Of the
 * casts the standard permits (/per/basic-cql2/type-casts), one is made: a string literal is read as a number,
 * boolean, timestamp or date when it spells one, as JSON data holds timestamps; any other mismatch is a 400
 * naming the property and its type.
 */
export class Cql2SqlCompiler {
  constructor(
    private readonly params: SqlParams,
    private readonly queryables: QueryableTypes = new Map(),
  ) {}

  condition(node: BooleanExpression): string {
    switch (node.kind) {
      case 'and':
      case 'or':
        return `(${node.args.map((a) => this.condition(a)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        // Three-valued, as the standard's truth table: NOT of unknown (a missing property) stays unknown, no match.
        return `(NOT ${this.condition(node.arg)})`;
      case 'boolean':
        return node.value ? 'true' : 'false';
      case 'comparison': {
        const [a, b] = this.same([this.scalar(node.args[0]), this.scalar(node.args[1])]);
        return `(${a} ${node.op} ${b})`;
      }
      case 'like': {
        const value = this.as(this.scalar(node.args[0]), 'text', 'LIKE');
        const pattern = this.as(this.scalar(node.args[1]), 'text', 'LIKE');
        return `(${value} LIKE ${pattern} ESCAPE '\\')`;
      }
      case 'between': {
        const [v, lo, hi] = node.args.map((a) => this.as(this.scalar(a), 'numeric', 'BETWEEN'));
        return `(${v} BETWEEN ${lo} AND ${hi})`;
      }
      case 'in': {
        const [value, ...items] = this.same([this.scalar(node.value), ...node.list.map((item) => this.scalar(item))]);
        return `(${value} IN (${items.join(', ')}))`;
      }
      case 'isNull': {
        const arg = node.arg;
        if (arg.kind === 'property' && arg.name === 'geometry') return '(i.geometry IS NULL)';
        if (arg.kind === 'property') {
          // Unset or JSON null; a stored value of another type than its queryable's is set, so not NULL here.
          const p = this.stored(arg.name);
          return p.kind === 'jsonb' ? `(${p.sql} IS NULL OR ${p.sql} = 'null'::jsonb)` : `(${p.sql} IS NULL)`;
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

  /** A property as stored: a column, or the JSON value in the item's content. */
  private stored(name: string): PropertySql {
    if (name === 'geometry') throw bad('geometry can be used only in spatial predicates (S_INTERSECTS and others)');
    try {
      return propertySql(storable(name), this.params);
    } catch (error) {
      if (error instanceof AppError && error.code === 'InvalidParameter') throw bad(error.message);
      throw error;
    }
  }

  /** A property as a value of its type: the column's, the queryable's, or none yet (jsonb). */
  private property(node: Cql2Expression & { kind: 'property' }): Typed {
    const p = this.stored(node.name);
    if (p.kind !== 'jsonb') return { sql: p.sql, type: p.kind, node };
    const queryable = this.queryables.get(queryableName(node.name));
    return queryable === undefined ? { sql: p.sql, type: 'jsonb', node } : { sql: jsonValueSql(p.sql, queryable), type: queryable.type, node };
  }

  private scalar(node: Cql2Expression): Typed {
    switch (node.kind) {
      case 'string':
        return { sql: this.params.add(storable(node.value), 'text'), type: 'text', node };
      case 'number':
        return { sql: this.params.add(String(node.value), 'numeric'), type: 'numeric', node };
      case 'boolean':
        return { sql: node.value ? 'true' : 'false', type: 'boolean', node };
      case 'timestamp':
        return { sql: this.params.add(node.value, 'timestamptz'), type: 'timestamptz', node };
      case 'date':
        return { sql: `${this.params.add(node.value, 'date')}::timestamptz`, type: 'timestamptz', node };
      case 'property':
        return this.property(node);
      case 'arithmetic': {
        const a = this.as(this.scalar(node.args[0]), 'numeric', `the operator ${node.op}`);
        const b = this.as(this.scalar(node.args[1]), 'numeric', `the operator ${node.op}`);
        // Division by zero gives NULL (no match) rather than an error.
        if (node.op === '/' || node.op === 'div' || node.op === '%') {
          const divisor = `NULLIF(${b}, 0)`;
          const op = node.op === '%' ? `mod(${a}, ${divisor})` : node.op === 'div' ? `div(${a}, ${divisor})` : `(${a} / ${divisor})`;
          return { sql: op, type: 'numeric', node };
        }
        return { sql: `(${a} ${node.op} ${b})`, type: 'numeric', node };
      }
      case 'function':
        return this.scalarFunction(node);
      default:
        throw bad(`a ${node.kind} cannot be compared here`);
    }
  }

  private scalarFunction(node: Cql2Expression & { kind: 'function' }): Typed {
    const { name, args } = node;
    const fn = name.toLowerCase();
    if ((fn === 'casei' || fn === 'accenti') && args.length === 1) {
      const text = this.as(this.scalar(args[0] as Cql2Expression), 'text', fn.toUpperCase());
      return { sql: fn === 'casei' ? `lower(${text})` : `translate(${text}, '${ACCENTED}', '${PLAIN}')`, type: 'text', node };
    }
    throw bad(`unknown function ${name}(${args.length} argument${args.length === 1 ? '' : 's'}); GET /functions lists the functions this server knows`);
  }

  /**
   * A value as `type`. A property without a type is read as one (NULL where its stored value is not of it); a
   * string literal is read as a number, boolean or timestamp that it spells. `against` is what needs the type:
   * the other side of a comparison, or the operator's name.
   */
  private as(value: Typed, type: Typed['type'], against: Typed | string): string {
    if (value.type === type) return value.sql;
    if (value.type === 'jsonb') return type === 'jsonb' ? value.sql : jsonValueSql(value.sql, { type });
    const node = value.node;
    if (node.kind === 'string' && type !== 'jsonb') {
      const read = this.readString(value.sql, node.value, type);
      if (read !== undefined) return read;
      if (typeof against !== 'string') throw bad(`${nameOf(against.node)} is a ${TYPE_NAMES[type]}, and ${nameOf(node)} is not one`);
    }
    if (typeof against === 'string') throw bad(`${against} needs a ${TYPE_NAMES[type]}, and ${nameOf(node)} is a ${TYPE_NAMES[value.type]}`);
    throw bad(`${nameOf(against.node)} is a ${TYPE_NAMES[type]} and ${nameOf(node)} a ${TYPE_NAMES[value.type]}; only values of one type can be compared`);
  }

  /**
   * A string literal (`sql`, its text parameter) as `type` when it spells a value of that type, checked here so
   * that the cast cannot fail. The parameter is cast rather than replaced: every parameter must appear in the SQL.
   */
  private readString(sql: string, value: string, type: ValueType): string | undefined {
    switch (type) {
      case 'numeric':
        return NUMBER.test(value) && Number.isFinite(Number(value)) ? `(${sql})::numeric` : undefined;
      case 'boolean':
        return /^(true|false)$/i.test(value) ? `(${sql})::boolean` : undefined;
      case 'timestamptz':
        return dateProblem(value) === undefined || timestampProblem(value) === undefined ? `(${sql})::timestamptz` : undefined;
      default:
        return undefined;
    }
  }

  /**
   * Values that must have one type (the sides of a comparison, the value and list of IN), in SQL of that type:
   * the first one with a type of its own sets it, a string literal only when nothing else does; with none,
   * properties without types compare as JSON.
   */
  private same(values: readonly Typed[]): string[] {
    const typed = values.filter((v) => v.type !== 'jsonb');
    const anchor = typed.find((v) => v.node.kind !== 'string') ?? typed[0];
    if (anchor === undefined) return values.map((v) => v.sql);
    return values.map((v) => this.as(v, anchor.type, anchor));
  }

  private geometry(node: SpatialOperand): string {
    if (node.kind === 'property') {
      if (node.name === 'geometry') return 'i.geometry';
      const p = this.stored(node.name);
      if (p.kind !== 'jsonb') throw bad(`${nameOf(node)} is a ${TYPE_NAMES[p.kind]}, not a geometry`);
      return `pqe.to_geometry(${p.sql})`;
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

  /**
   * A temporal operand as the start and end of an interval (an instant has both the same), each compiled when
   * first asked for: a relation such as T_MEETS uses only some ends, and every parameter must appear in the SQL.
   */
  private period(node: TemporalOperand, op: TemporalOperator): [() => string, () => string] {
    const once = (make: () => string) => {
      let sql: string | undefined;
      return () => {
        sql ??= make();
        return sql;
      };
    };
    const instant = (value: Cql2Expression) => this.as(this.scalar(value), 'timestamptz', op.toUpperCase());
    const bound = (b: IntervalBound, open: string) =>
      once(() => {
        if (b.kind === 'open') return `'${open}'::timestamptz`;
        if (b.kind === 'timestamp') return this.params.add(b.value, 'timestamptz');
        if (b.kind === 'date') return `${this.params.add(b.value, 'date')}::timestamptz`;
        return instant(b);
      });
    switch (node.kind) {
      case 'property': {
        const name = node.name.replace(/^properties\./, '');
        // An item's datetime is its whole interval when it has only start and end datetimes.
        if (name === 'datetime') return [() => 'i.datetime', () => 'i.end_datetime'];
        const p = once(() => instant(node));
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
        const t = once(() => instant(node));
        return [t, t];
      }
    }
  }

  private temporal(op: TemporalOperator, left: TemporalOperand, right: TemporalOperand): string {
    const [as, ae] = this.period(left, op);
    const [bs, be] = this.period(right, op);
    const relation = ((): string => {
      switch (op) {
        case 't_after':
          return `${as()} > ${be()}`;
        case 't_before':
          return `${ae()} < ${bs()}`;
        case 't_contains':
          return `${as()} < ${bs()} AND ${ae()} > ${be()}`;
        case 't_disjoint':
          return `(${ae()} < ${bs()} OR ${as()} > ${be()})`;
        case 't_during':
          return `${as()} > ${bs()} AND ${ae()} < ${be()}`;
        case 't_equals':
          return `${as()} = ${bs()} AND ${ae()} = ${be()}`;
        case 't_finishedby':
          return `${as()} < ${bs()} AND ${ae()} = ${be()}`;
        case 't_finishes':
          return `${as()} > ${bs()} AND ${ae()} = ${be()}`;
        case 't_intersects':
          return `${as()} <= ${be()} AND ${ae()} >= ${bs()}`;
        case 't_meets':
          return `${ae()} = ${bs()}`;
        case 't_metby':
          return `${as()} = ${be()}`;
        case 't_overlappedby':
          return `${as()} > ${bs()} AND ${as()} < ${be()} AND ${ae()} > ${be()}`;
        case 't_overlaps':
          return `${as()} < ${bs()} AND ${ae()} > ${bs()} AND ${ae()} < ${be()}`;
        case 't_startedby':
          return `${as()} = ${bs()} AND ${ae()} > ${be()}`;
        case 't_starts':
          return `${as()} = ${bs()} AND ${ae()} < ${be()}`;
      }
    })();
    // The ends the relation leaves out must still be valid (a 400 for a number property, say): compiled apart.
    const check = new Cql2SqlCompiler(new SqlParams(), this.queryables);
    for (const end of [...check.period(left, op), ...check.period(right, op)]) end();
    return `(${relation})`;
  }

  private jsonArray(node: ArrayOperand): string {
    if (node.kind === 'array') return this.params.add(JSON.stringify(node.items.map((item) => this.literalValue(item))), 'text::jsonb');
    if (node.kind === 'property') {
      const p = this.stored(node.name);
      return p.kind === 'jsonb' ? `(CASE WHEN jsonb_typeof(${p.sql}) = 'array' THEN ${p.sql} END)` : `jsonb_build_array(${p.sql})`;
    }
    throw bad(`${node.name}() is not an array`);
  }

  private literalValue(node: Cql2Expression): unknown {
    switch (node.kind) {
      case 'string':
        return storable(node.value);
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
