import { AppError } from '@pqe/common';
import { type BooleanExpression, type Cql2Expression, childrenOf, type InstantLiteral, type IntervalBound } from './ast.js';
import {
  arrayCategory,
  booleanCategory,
  type Category,
  characterCategory,
  describeNode,
  isNullCategory,
  numericCategory,
  scalarCategory,
  spatialCategory,
  temporalCategory,
} from './cql2-categories.js';
import { MAX_NESTING } from './cql2-limits.js';
import { dateProblem, instantNode, intervalProblem, numberNode, readIntervalString, timestampProblem } from './cql2-literals.js';
import { isGeometryKeyword, type NamedPredicate, namedPredicates, reservedWords } from './cql2-operators.js';
import { type Token, tokenize, type WordToken } from './cql2-text-tokenizer.js';
import { TokenStream } from './cql2-token-stream.js';
import { readBbox, readWktGeometry } from './cql2-wkt-reader.js';

/** Words that continue an expression, so cannot start an operand: "a = 1 AND OR" lacks a value after AND. */
const CONTINUATIONS: ReadonlySet<string> = new Set(['AND', 'OR', 'IS', 'LIKE', 'BETWEEN', 'IN', 'DIV']);
const LEAVES: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'timestamp', 'date', 'property', 'geometry', 'bbox']);
const COMPARISONS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);

/** A node that stood alone in parentheses: which tokens the parentheses span, and how many pairs there were. */
interface Group {
  readonly open: number;
  readonly close: number;
  readonly layers: number;
}

/**
 * Recursive descent over cql2.bnf, one method per level of precedence, loosest first:
 * OR < AND < NOT < predicates (comparison, LIKE, BETWEEN, IN, IS NULL) < + - < * / % div < ^ < unary minus.
 * Every operand is parsed as a general expression and then checked against what its operator takes (the
 * same categories the JSON reader checks), so that messages can say what was found instead of what was not.
 */
class TextParser {
  private depth = 0;
  private readonly starts = new WeakMap<Cql2Expression, number>();
  private readonly depths = new WeakMap<Cql2Expression, number>();
  private readonly groups = new WeakMap<Cql2Expression, Group>();

  constructor(private readonly s: TokenStream) {}

  parseFilter(): BooleanExpression {
    if (this.s.peek().kind === 'end') this.s.fail(0, 'the filter is empty');
    const node = this.parseOr();
    if (this.s.peek().kind !== 'end') this.s.failExpected('an operator or the end of the filter');
    return this.check(node, booleanCategory, 'the filter');
  }

  private parseOr(): Cql2Expression {
    return this.parseChain('OR', () => this.parseAnd());
  }

  private parseAnd(): Cql2Expression {
    return this.parseChain('AND', () => this.parseNot());
  }

  /** `a AND b AND c` is one n-ary node, as in cql2-json; parenthesised chains stay nested. */
  private parseChain(word: 'AND' | 'OR', inner: () => Cql2Expression): Cql2Expression {
    const start = this.s.peek().start;
    const first = inner();
    if (!this.s.atWord(word)) return first;
    const context = `an argument of ${word}`;
    const args = [this.check(first, booleanCategory, context)];
    for (let op = this.s.takeWord(word); op !== undefined; op = this.s.takeWord(word)) {
      args.push(this.check(this.operand(op, inner), booleanCategory, context));
    }
    return this.build({ kind: word === 'AND' ? 'and' : 'or', args }, start);
  }

  private parseNot(): Cql2Expression {
    const not = this.s.takeWord('NOT');
    if (not === undefined) return this.parsePredicate();
    const arg = this.nested(not, () => this.operand(not, () => this.parseNot()));
    return this.build({ kind: 'not', arg: this.check(arg, booleanCategory, 'the argument of NOT') }, not.start);
  }

  private parsePredicate(): Cql2Expression {
    const start = this.s.peek().start;
    const left = this.parseAdditive();
    const t = this.s.peek();
    if (t.kind === 'symbol' && COMPARISONS.has(t.text)) {
      this.s.next();
      const op = t.text as '=' | '<>' | '<' | '<=' | '>' | '>=';
      const right = this.operand(t, () => this.parseAdditive());
      const args = [this.check(left, scalarCategory, `the left side of ${op}`), this.check(right, scalarCategory, `the right side of ${op}`)] as const;
      return this.build({ kind: 'comparison', op, args }, start);
    }
    if (t.kind !== 'word') return left;
    const negated = t.upper === 'NOT' || (t.upper === 'IS' && this.s.atWord('NOT', 1));
    let predicate: BooleanExpression;
    if (t.upper === 'IS') {
      predicate = this.parseIsNull(left, start);
    } else {
      if (t.upper === 'NOT') {
        const after = this.s.peek(1);
        if (after.kind !== 'word' || !['LIKE', 'BETWEEN', 'IN'].includes(after.upper)) this.s.fail(t, 'expected LIKE, BETWEEN or IN after NOT');
        this.s.next();
      }
      const keyword = this.s.peek() as WordToken;
      if (keyword.upper === 'LIKE') predicate = this.parseLike(left, start);
      else if (keyword.upper === 'BETWEEN') predicate = this.parseBetween(left, start);
      else if (keyword.upper === 'IN') predicate = this.parseIn(left, start);
      else return left;
    }
    return negated ? this.build({ kind: 'not', arg: predicate }, start) : predicate;
  }

  private parseLike(left: Cql2Expression, start: number): BooleanExpression {
    const like = this.s.next();
    const pattern = this.operand(like, () => this.parseAdditive());
    const args = [this.check(left, characterCategory, 'the value of LIKE'), this.check(pattern, characterCategory, 'the pattern of LIKE')] as const;
    return this.build({ kind: 'like', args }, start);
  }

  private parseBetween(left: Cql2Expression, start: number): BooleanExpression {
    const between = this.s.next();
    const low = this.operand(between, () => this.parseAdditive());
    const and = this.s.takeWord('AND') ?? this.s.failExpected('AND between the two bounds of BETWEEN');
    const high = this.operand(and, () => this.parseAdditive());
    const args = [
      this.check(left, numericCategory, 'the value of BETWEEN'),
      this.check(low, numericCategory, 'the lower bound of BETWEEN'),
      this.check(high, numericCategory, 'the upper bound of BETWEEN'),
    ] as const;
    return this.build({ kind: 'between', args }, start);
  }

  private parseIn(left: Cql2Expression, start: number): BooleanExpression {
    this.s.next();
    const open = this.s.expectSymbol('(', '"(" and a list of values after IN');
    const list = this.nested(open, () => {
      if (this.s.atSymbol(')')) this.s.fail(open, 'the list after IN needs at least one value');
      const items = [];
      do items.push(this.check(this.parseAdditive(), scalarCategory, `value ${items.length + 1} of the IN list`));
      while (this.s.takeSymbol(','));
      this.s.expectSymbol(')', () => `"," or ")" in the list after IN that starts at position ${this.s.positionOf(open)}`);
      return items;
    });
    return this.build({ kind: 'in', value: this.check(left, scalarCategory, 'the value of IN'), list }, start);
  }

  private parseIsNull(left: Cql2Expression, start: number): BooleanExpression {
    this.s.next();
    this.s.takeWord('NOT');
    if (this.s.takeWord('NULL') === undefined) this.s.failExpected('NULL or NOT NULL after IS');
    return this.build({ kind: 'isNull', arg: this.check(left, isNullCategory, 'the operand of IS NULL') }, start);
  }

  private parseAdditive(): Cql2Expression {
    const start = this.s.peek().start;
    let left = this.parseMultiplicative();
    for (let t = this.s.peek(); t.kind === 'symbol' && (t.text === '+' || t.text === '-'); t = this.s.peek()) {
      this.s.next();
      left = this.arithmetic(
        t.text,
        left,
        this.operand(t, () => this.parseMultiplicative()),
        start,
      );
    }
    return left;
  }

  private parseMultiplicative(): Cql2Expression {
    const start = this.s.peek().start;
    let left = this.parsePower();
    for (let op = multiplicativeOp(this.s.peek()); op !== undefined; op = multiplicativeOp(this.s.peek())) {
      const t = this.s.next();
      left = this.arithmetic(
        op,
        left,
        this.operand(t, () => this.parsePower()),
        start,
      );
    }
    return left;
  }

  /** `^` binds right to left: 2 ^ 3 ^ 2 is 2 ^ 9. */
  private parsePower(): Cql2Expression {
    const start = this.s.peek().start;
    const base = this.parseUnary();
    if (!this.s.atSymbol('^')) return base;
    const t = this.s.next();
    const exponent = this.nested(t, () => this.operand(t, () => this.parsePower()));
    return this.arithmetic('^', base, exponent, start);
  }

  private parseUnary(): Cql2Expression {
    const t = this.s.peek();
    if (t.kind !== 'symbol' || (t.text !== '-' && t.text !== '+')) return this.parsePrimary();
    this.s.next();
    const operand = this.nested(t, () => this.operand(t, () => this.parseUnary()));
    const value = this.check(operand, numericCategory, `the operand of ${t.text}`);
    if (t.text === '+') return value;
    if (value.kind === 'number') return this.build(numberNode(-value.value), t.start);
    return this.build({ kind: 'arithmetic', op: '*', args: [this.build(numberNode(-1), t.start), value] }, t.start);
  }

  private parsePrimary(): Cql2Expression {
    const t = this.s.peek();
    if (t.kind === 'word') return this.parseWord(t);
    if (t.kind === 'symbol' && t.text === '(') return this.parseGroup();
    if (t.kind !== 'number' && t.kind !== 'string' && t.kind !== 'quoted') return this.s.failExpected('a value');
    this.s.next();
    if (t.kind === 'number') return this.build(numberNode(t.value), t.start);
    if (t.kind === 'string') return this.build({ kind: 'string', value: t.text }, t.start);
    if (this.s.atSymbol('(')) this.s.fail(t, `${JSON.stringify(t.text)} is in double quotes, so it names a property, not a function`);
    return this.build({ kind: 'property', name: t.text }, t.start);
  }

  private parseWord(t: WordToken): Cql2Expression {
    if (t.upper === 'TRUE' || t.upper === 'FALSE') {
      this.s.next();
      return this.build({ kind: 'boolean', value: t.upper === 'TRUE' }, t.start);
    }
    if (t.upper === 'NULL') this.s.fail(t, 'NULL can only be tested for, with IS NULL or IS NOT NULL');
    if (t.upper === 'NOT') this.s.fail(t, 'NOT applies to a whole condition and cannot stand here');
    if (reservedWords.has(t.upper)) this.s.failExpected('a value');
    if (this.s.atSymbol('(', 1)) return this.parseCall(t);
    if (isGeometryKeyword(t.upper) && (this.s.atWord('Z', 1) || this.s.atWord('EMPTY', 1))) return this.build(readWktGeometry(this.s, t), t.start);
    this.s.next();
    return this.build({ kind: 'property', name: t.text }, t.start);
  }

  private parseCall(t: WordToken): Cql2Expression {
    const upper = t.upper;
    if (upper === 'CASEI' || upper === 'ACCENTI') {
      const args = this.parseArgs(t, false);
      if (args.length !== 1) this.s.fail(t, `${upper} takes one argument, found ${args.length}`);
      const arg = this.check(args[0] as Cql2Expression, characterCategory, `the argument of ${upper}`);
      return this.build({ kind: 'function', name: upper.toLowerCase(), args: [arg] }, t.start);
    }
    if (upper === 'DATE' || upper === 'TIMESTAMP') return this.parseInstant(t, upper);
    if (upper === 'INTERVAL') return this.parseInterval(t);
    if (upper === 'BBOX') return this.build(readBbox(this.s, t), t.start);
    if (isGeometryKeyword(upper)) return this.build(readWktGeometry(this.s, t), t.start);
    const predicate = namedPredicates.get(t.text.toLowerCase());
    if (predicate !== undefined) return this.parseNamedPredicate(t, predicate);
    return this.build({ kind: 'function', name: t.text, args: this.parseArgs(t, true) }, t.start);
  }

  /** `name(…)`; where an array may stand (`elements`), a lone parenthesised argument is a one-element array. */
  private parseArgs(name: WordToken, elements: boolean): Cql2Expression[] {
    this.s.next();
    const open = this.s.expectSymbol('(', `"(" after ${name.text}`);
    return this.nested(open, () => {
      const args: Cql2Expression[] = [];
      if (this.s.takeSymbol(')')) return args;
      do args.push(elements ? this.parseElement() : this.parseOr());
      while (this.s.takeSymbol(','));
      this.s.expectSymbol(')', `"," or ")" in the arguments of ${name.text}`);
      return args;
    });
  }

  private parseNamedPredicate(t: WordToken, predicate: NamedPredicate): Cql2Expression {
    const args = this.parseArgs(t, predicate.kind === 'arrayPredicate');
    const name = predicate.op.toUpperCase();
    if (args.length !== 2) this.s.fail(t, `${name} takes two arguments, found ${args.length}`);
    const two = <T extends Cql2Expression>(c: Category<T>): [T, T] => [
      this.check(args[0] as Cql2Expression, c, `the 1st argument of ${name}`),
      this.check(args[1] as Cql2Expression, c, `the 2nd argument of ${name}`),
    ];
    if (predicate.kind === 'spatial') return this.build({ kind: 'spatial', op: predicate.op, args: two(spatialCategory) }, t.start);
    if (predicate.kind === 'temporal') return this.build({ kind: 'temporal', op: predicate.op, args: two(temporalCategory) }, t.start);
    return this.build({ kind: 'arrayPredicate', op: predicate.op, args: two(arrayCategory) }, t.start);
  }

  private parseInstant(t: WordToken, upper: 'DATE' | 'TIMESTAMP'): InstantLiteral {
    this.s.next();
    this.s.expectSymbol('(', `"(" after ${upper}`);
    const literal = this.s.peek();
    if (literal.kind !== 'string')
      this.s.failExpected(upper === 'DATE' ? "a date in quotes, such as '2020-06-01'" : "a timestamp in quotes, such as '2020-06-01T12:00:00Z'");
    const problem = upper === 'DATE' ? dateProblem(literal.text) : timestampProblem(literal.text);
    if (problem !== undefined) this.s.fail(literal, problem);
    this.s.next();
    this.s.expectSymbol(')', `")" after the ${upper} string`);
    return this.build(instantNode(upper === 'DATE' ? 'date' : 'timestamp', literal.text), t.start);
  }

  private parseInterval(t: WordToken): Cql2Expression {
    this.s.next();
    const open = this.s.expectSymbol('(', '"(" after INTERVAL');
    const [start, end] = this.nested(open, () => {
      const first = this.parseBound('start');
      this.s.expectSymbol(',', '"," between the start and the end of the INTERVAL');
      const second = this.parseBound('end');
      this.s.expectSymbol(')', '")" after the end of the INTERVAL');
      return [first, second];
    });
    const problem = intervalProblem(start, end);
    if (problem !== undefined) this.s.fail(t, problem);
    return this.build({ kind: 'interval', start, end }, t.start);
  }

  /** A quoted date, timestamp or '..'; as extensions of the grammar, DATE(…), TIMESTAMP(…), a property or a call. */
  private parseBound(which: 'start' | 'end'): IntervalBound {
    const t = this.s.peek();
    if (t.kind === 'string') {
      const read = readIntervalString(t.text);
      if ('problem' in read) this.s.fail(t, read.problem);
      this.s.next();
      return read.bound;
    }
    const node = this.parseAdditive();
    if (node.kind === 'date' || node.kind === 'timestamp' || node.kind === 'property' || node.kind === 'function') return node;
    return this.s.fail(
      this.starts.get(node) ?? t.start,
      `expected a date or timestamp in quotes, '..', a property or a function call as the ${which} of INTERVAL, found ${describeNode(node)}`,
    );
  }

  /** `(` … `)`: the empty array, an array when commas separate items, else a parenthesised expression. */
  private parseGroup(): Cql2Expression {
    const openIndex = this.s.position;
    const open = this.s.next();
    return this.nested(open, () => {
      if (this.s.takeSymbol(')')) return this.build({ kind: 'array', items: [] }, open.start);
      const first = this.parseOr();
      if (this.s.atSymbol(',')) {
        const items = [this.asElement(first, openIndex + 1)];
        while (this.s.takeSymbol(',')) items.push(this.parseElement());
        this.s.expectSymbol(')', () => `"," or ")" to close the "(" at position ${this.s.positionOf(open)}`);
        return this.build({ kind: 'array', items }, open.start);
      }
      this.s.expectSymbol(')', () => `")" to close the "(" at position ${this.s.positionOf(open)}`);
      const close = this.s.position - 1;
      const inner = this.groups.get(first);
      const layers = inner !== undefined && inner.open === openIndex + 1 && inner.close === close - 1 ? inner.layers + 1 : 1;
      this.groups.set(first, { open: openIndex, close, layers });
      return first;
    });
  }

  /** An array element or a function argument: there `('a')` is an array of one (as the text writer writes it). */
  private parseElement(): Cql2Expression {
    const startIndex = this.s.position;
    return this.asElement(this.parseOr(), startIndex);
  }

  private asElement(node: Cql2Expression, startIndex: number): Cql2Expression {
    const group = this.groups.get(node);
    if (group === undefined || group.open !== startIndex || group.close !== this.s.position - 1) return node;
    let element = node;
    for (let i = 0; i < group.layers; i++) element = this.build({ kind: 'array', items: [element] }, this.starts.get(node) ?? 0);
    return element;
  }

  private arithmetic(op: '+' | '-' | '*' | '/' | '%' | 'div' | '^', left: Cql2Expression, right: Cql2Expression, start: number): Cql2Expression {
    const args = [this.check(left, numericCategory, `the left side of ${op}`), this.check(right, numericCategory, `the right side of ${op}`)] as const;
    return this.build({ kind: 'arithmetic', op, args }, start);
  }

  /** Parses what follows an operator, failing at the operator when nothing that could be a value does. */
  private operand(op: Token, parse: () => Cql2Expression): Cql2Expression {
    const t = this.s.peek();
    const starts =
      t.kind === 'quoted' ||
      t.kind === 'string' ||
      t.kind === 'number' ||
      (t.kind === 'word' && !CONTINUATIONS.has(t.upper)) ||
      (t.kind === 'symbol' && (t.text === '(' || t.text === '-' || t.text === '+'));
    if (!starts) this.s.fail(op, `expected a value after ${op.kind === 'word' ? op.upper : this.s.source.slice(op.start, op.end)}`);
    return parse();
  }

  private nested<T>(at: Token, parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_NESTING) this.s.fail(at, `the filter is nested more than ${MAX_NESTING} levels deep`);
    const result = parse();
    this.depth -= 1;
    return result;
  }

  private check<T extends Cql2Expression>(node: Cql2Expression, category: Category<T>, context: string): T {
    if (category.test(node)) return node;
    return this.s.fail(this.starts.get(node) ?? 0, `expected ${category.expected} as ${context}, found ${describeNode(node)}`);
  }

  /** Records where a node starts (for messages) and how deep it nests, refusing trees deeper than MAX_NESTING. */
  private build<T extends Cql2Expression>(node: T, start: number): T {
    this.starts.set(node, start);
    if (LEAVES.has(node.kind)) return node;
    let depth = 1;
    for (const child of childrenOf(node)) depth = Math.max(depth, 1 + (this.depths.get(child) ?? 0));
    if (depth > MAX_NESTING) this.s.fail(start, `the filter is nested more than ${MAX_NESTING} levels deep`);
    this.depths.set(node, depth);
    return node;
  }
}

function multiplicativeOp(t: Token): '*' | '/' | '%' | 'div' | undefined {
  if (t.kind === 'symbol' && (t.text === '*' || t.text === '/' || t.text === '%')) return t.text;
  return t.kind === 'word' && t.upper === 'DIV' ? 'div' : undefined;
}

/** Parses a cql2-text filter (OGC CQL2 1.0) into the CQL2 tree; throws AppError('InvalidParameter') saying where and why. */
export function parseCql2Text(text: string): BooleanExpression {
  if (typeof text !== 'string') throw new AppError('InvalidParameter', 'filter: a cql2-text filter must be a string');
  return new TextParser(new TokenStream(text, tokenize(text))).parseFilter();
}
