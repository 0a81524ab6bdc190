// Building blocks of the query parameter schemas. A parameter arrives as a string, or as an array when it is
// repeated in the query string; each schema reads one form, turns it into a typed value, and explains a bad
// value in words a user can act on (the ZodError becomes a 400 whose message starts with the parameter's name).
import { z } from 'zod';

/** Thrown by a value parser; becomes the parameter's error message. */
export class InvalidValue extends Error {}

export type ValueParser<T> = (text: string) => T;

/** At most this many values of a repeatable parameter. */
export const MAX_REPEATS = 256;

/** Longest parameter value read; longer ones are refused before being parsed. */
export const MAX_VALUE_LENGTH = 4096;

function run<T>(parse: ValueParser<T>, text: string, ctx: z.RefinementCtx): T {
  if (text.length > MAX_VALUE_LENGTH) {
    ctx.addIssue({ code: 'custom', message: `longer than ${MAX_VALUE_LENGTH} characters` });
    return z.NEVER;
  }
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof InvalidValue)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
}

const onceOnly = (what: string) => z.string({ error: (issue) => (Array.isArray(issue.input) ? 'give this parameter once' : `required: ${what}`) });

/** A parameter given at most once, absent allowed. */
export function optional<T>(description: string, parse: ValueParser<T>) {
  return onceOnly(description)
    .transform((text, ctx) => run(parse, text, ctx))
    .optional()
    .describe(description);
}

/** A parameter given at most once, with a default. */
export function withDefault<T>(description: string, parse: ValueParser<T>, fallback: NoInfer<T>) {
  return onceOnly(description)
    .transform((text, ctx) => run(parse, text, ctx))
    .optional()
    .transform((value) => (value === undefined ? fallback : value))
    .describe(description);
}

/** A parameter that must be given, once. */
export function required<T>(description: string, parse: ValueParser<T>) {
  return onceOnly(description)
    .transform((text, ctx) => run(parse, text, ctx))
    .describe(description);
}

/** A parameter that may be repeated (`bidx=1&bidx=2`); absent gives undefined. */
export function repeated<T>(description: string, parse: ValueParser<T>) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(
      z
        .array(z.string().transform((text, ctx) => run(parse, text, ctx)))
        .max(MAX_REPEATS, `at most ${MAX_REPEATS} values`)
        .transform((values) => values as T[]),
    )
    .optional()
    .describe(description);
}

// ---- value parsers ----

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number, as written in URLs (no hex, no blanks, no empty string). */
export function parseNumber(text: string, what = 'a number'): number {
  const trimmed = text.trim();
  const value = DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(value)) throw new InvalidValue(`expected ${what}, got ${show(text)}`);
  return value;
}

/** A whole number in [min, max]. */
export function integerIn(min: number, max: number, what = 'a whole number') {
  return (text: string): number => {
    const trimmed = text.trim();
    if (!/^[+-]?\d{1,15}$/.test(trimmed)) throw new InvalidValue(`expected ${what} from ${min} to ${max}, got ${show(text)}`);
    const value = Number(trimmed);
    if (value < min || value > max) throw new InvalidValue(`expected ${what} from ${min} to ${max}, got ${value}`);
    return value;
  };
}

/** true / false as pydantic reads them: true, false, 1, 0, yes, no, on, off (any case). */
export function parseBoolean(text: string): boolean {
  const lower = text.trim().toLowerCase();
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(lower)) return true;
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(lower)) return false;
  throw new InvalidValue(`expected true or false, got ${show(text)}`);
}

/** One of `values`. */
export function oneOf<const V extends string>(values: readonly V[]) {
  return (text: string): V => {
    if ((values as readonly string[]).includes(text)) return text as V;
    throw new InvalidValue(`expected one of ${values.join(', ')}, got ${show(text)}`);
  };
}

/** Numbers separated by commas (blanks and [ ] ignored, as titiler's rescale allows `[0,255]`). */
export function numberList(text: string, what: string): number[] {
  const cleaned = text.replace(/[\s[\]]/g, '');
  if (cleaned === '') throw new InvalidValue(`expected ${what}, got ${show(text)}`);
  return cleaned.split(',').map((part) => parseNumber(part, `${what} (numbers separated by commas)`));
}

/** A value quoted for a message, cut short. */
export function show(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
