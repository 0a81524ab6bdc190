import type { AppError } from '@pqe/common';
import { textError } from './cql2-text-error.js';
import type { SymbolText, Token, WordToken } from './cql2-text-tokenizer.js';

/** A cursor over the tokens of one cql2-text filter, shared by the expression parser and the WKT reader. */
export class TokenStream {
  private index = 0;

  constructor(
    readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  /** Index of the next token; the expression parser uses it to tell which tokens a group of parentheses spans. */
  get position(): number {
    return this.index;
  }

  peek(ahead = 0): Token {
    // The last token is always `end`, and reading never moves past it.
    return (this.tokens[this.index + ahead] ?? this.tokens[this.tokens.length - 1]) as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  atSymbol(text: SymbolText, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'symbol' && token.text === text;
  }

  atWord(upper: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && token.upper === upper;
  }

  /** Takes the next token if it is this word (in any case) and returns it. */
  takeWord(upper: string): WordToken | undefined {
    const token = this.peek();
    if (token.kind !== 'word' || token.upper !== upper) return undefined;
    this.next();
    return token;
  }

  takeSymbol(text: SymbolText): boolean {
    if (!this.atSymbol(text)) return false;
    this.next();
    return true;
  }

  /**
   * Takes the symbol or fails with "expected <what>, found <next token>". `what` may be a function, for
   * messages that cost something to compose (a position), since most calls succeed.
   */
  expectSymbol(text: SymbolText, what: string | (() => string)): Token {
    if (!this.atSymbol(text)) this.failExpected(typeof what === 'string' ? what : what());
    return this.next();
  }

  failExpected(what: string): never {
    throw this.error(this.peek().start, `expected ${what}, found ${this.describe(this.peek())}`);
  }

  fail(at: Token | number, message: string): never {
    throw this.error(typeof at === 'number' ? at : at.start, message);
  }

  error(offset: number, message: string): AppError {
    return textError(this.source, offset, message);
  }

  /** 1-based character position of a token, for messages that point back at an earlier one. */
  positionOf(token: Token): number {
    return Array.from(this.source.slice(0, token.start)).length + 1;
  }

  describe(token: Token): string {
    if (token.kind === 'end') return 'the end of the filter';
    const raw = this.source.slice(token.start, token.end);
    return JSON.stringify(raw.length > 20 ? `${raw.slice(0, 20)}…` : raw);
  }
}
