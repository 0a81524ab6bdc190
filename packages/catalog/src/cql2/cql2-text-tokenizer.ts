import { isIdentifierPart, isIdentifierStart } from './cql2-identifiers.js';
import { MAX_FILTER_LENGTH } from './cql2-limits.js';
import { textError } from './cql2-text-error.js';

export type SymbolText = '(' | ')' | ',' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '^';

/** `start` and `end` are UTF-16 offsets into the filter. */
export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly upper: string; readonly start: number; readonly end: number }
  | { readonly kind: 'quoted'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly kind: 'symbol'; readonly text: SymbolText; readonly start: number; readonly end: number }
  | { readonly kind: 'end'; readonly start: number; readonly end: number };

export type WordToken = Extract<Token, { kind: 'word' }>;

/** cql2.bnf `whitespace`: the ASCII controls and the Unicode spaces. */
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/y;
const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const SINGLE_SYMBOLS = '(),=+-*/%^';

/** Backslash escapes of character literals (/req/cql2-text/escaping); any other backslash stays as written. */
const ESCAPES: Readonly<Record<string, string>> = { "'": "'", '\\': '\\', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' };

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  return cp < 0x20 || cp === 0x7f ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(ch);
}

/** Reads `'…'` from `start`: `''` and `\'` are quotes, `\n` and friends are control characters. */
function readString(source: string, start: number): { text: string; end: number } {
  const parts: string[] = [];
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "'") {
      if (source[i + 1] !== "'") return { text: parts.join(''), end: i + 1 };
      parts.push("'");
      i += 2;
    } else if (ch === '\\' && i + 1 < source.length && Object.hasOwn(ESCAPES, source[i + 1] as string)) {
      parts.push(ESCAPES[source[i + 1] as string] as string);
      i += 2;
    } else {
      parts.push(ch);
      i += 1;
    }
  }
  throw textError(source, start, "this string is not closed: a ' is missing");
}

/** Reads `"…"` from `start`, where `""` is a quote. */
function readQuoted(source: string, start: number): { text: string; end: number } {
  const parts: string[] = [];
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '"') {
      if (source[i + 1] !== '"') {
        if (parts.length === 0) throw textError(source, start, 'a property name in double quotes cannot be empty');
        return { text: parts.join(''), end: i + 1 };
      }
      parts.push('"');
      i += 2;
    } else {
      parts.push(ch);
      i += 1;
    }
  }
  throw textError(source, start, 'this property name is not closed: a " is missing');
}

function readSymbol(source: string, i: number): SymbolText | undefined {
  const ch = source[i] as string;
  const two = source.slice(i, i + 2);
  if (two === '<>' || two === '<=' || two === '>=') return two;
  if (ch === '<' || ch === '>' || SINGLE_SYMBOLS.includes(ch)) return ch as SymbolText;
  return undefined;
}

function unexpected(source: string, i: number): never {
  const ch = String.fromCodePoint(source.codePointAt(i) as number);
  const hint = source.startsWith('!=', i)
    ? '; "not equal" is written <>'
    : ch === '[' || ch === ']'
      ? "; arrays in cql2-text are written in parentheses: ('a', 'b')"
      : '';
  throw textError(source, i, `unexpected character ${describeChar(ch)}${hint}`);
}

/** Splits a cql2-text filter into tokens, ending with an `end` token. */
export function tokenize(source: string): Token[] {
  if (source.length > MAX_FILTER_LENGTH) {
    throw textError(source, MAX_FILTER_LENGTH, `the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    WHITESPACE.lastIndex = i;
    if (WHITESPACE.test(source)) {
      i = WHITESPACE.lastIndex;
      continue;
    }
    const ch = source[i] as string;
    const cp = source.codePointAt(i) as number;
    if (ch === "'") {
      const { text, end } = readString(source, i);
      tokens.push({ kind: 'string', text, start: i, end });
      i = end;
    } else if (ch === '"') {
      const { text, end } = readQuoted(source, i);
      tokens.push({ kind: 'quoted', text, start: i, end });
      i = end;
    } else if ((ch >= '0' && ch <= '9') || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(source) as RegExpExecArray;
      const value = Number(m[0]);
      if (!Number.isFinite(value)) throw textError(source, i, `the number ${m[0]} is too large`);
      tokens.push({ kind: 'number', value, start: i, end: NUMBER.lastIndex });
      i = NUMBER.lastIndex;
    } else if (isIdentifierStart(cp)) {
      let end = i + (cp > 0xffff ? 2 : 1);
      for (let next = source.codePointAt(end); next !== undefined && isIdentifierPart(next); next = source.codePointAt(end)) {
        end += next > 0xffff ? 2 : 1;
      }
      const text = source.slice(i, end);
      tokens.push({ kind: 'word', text, upper: text.toUpperCase(), start: i, end });
      i = end;
    } else {
      const symbol = readSymbol(source, i);
      if (symbol === undefined) unexpected(source, i);
      tokens.push({ kind: 'symbol', text: symbol, start: i, end: i + symbol.length });
      i += symbol.length;
    }
  }
  tokens.push({ kind: 'end', start: source.length, end: source.length });
  return tokens;
}
