import { reservedWords } from './cql2-operators.js';

/** Code point ranges that may start an identifier (cql2.bnf `identifierStart`). */
const startRanges: readonly (readonly [number, number])[] = [
  [0x3a, 0x3a],
  [0x5f, 0x5f],
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1ffe],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];

/** What may follow the first character besides those (`identifierPart`): ".", digits, combining marks, ‿ ⁀. */
const partRanges: readonly (readonly [number, number])[] = [
  [0x2e, 0x2e],
  [0x30, 0x39],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

export function isIdentifierStart(cp: number): boolean {
  return inRanges(cp, startRanges);
}

export function isIdentifierPart(cp: number): boolean {
  return inRanges(cp, startRanges) || inRanges(cp, partRanges);
}

/** Whether `name` is an identifier by the grammar (before reserved words are set aside). */
export function isIdentifier(name: string): boolean {
  let first = true;
  for (const ch of name) {
    const cp = ch.codePointAt(0) as number;
    if (first ? !isIdentifierStart(cp) : !isIdentifierPart(cp)) return false;
    first = false;
  }
  return !first;
}

/** Whether cql2-text can write this property name bare, or has to double-quote it. */
export function isBarePropertyName(name: string): boolean {
  return isIdentifier(name) && !reservedWords.has(name.toUpperCase());
}
