import { BlockDecodeError } from './block-decode-error.js';

/** Code lengths up to this many bits are found with one table lookup; longer ones walk the canonical code ranges. */
const LOOKUP_BITS = 9;

/** A Huffman table ready for decoding (JPEG Annex C canonical codes). */
export interface HuffmanTable {
  /** By the next LOOKUP_BITS bits: (code length << 8) | symbol, or 0 when the code is longer. */
  lookup: Uint16Array;
  /** By code length 1..16: the largest code of that length, or -1 when there is none. */
  maxCode: Int32Array;
  /** By code length: index in `symbols` of the first code of that length, minus that code. */
  offset: Int32Array;
  symbols: Uint8Array;
  /** The largest symbol, to refuse DC tables whose sizes go past 15 bits. */
  maxSymbol: number;
}

export function corruptJpeg(problem: string): BlockDecodeError {
  return new BlockDecodeError(`JPEG data is corrupt: ${problem}`, { compression: 7 });
}

/** Builds a table from a DHT segment's 16 code counts and its symbols; refuses counts that overflow the code space. */
export function buildHuffmanTable(counts: Uint8Array, symbols: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKUP_BITS);
  const maxCode = new Int32Array(17).fill(-1);
  const offset = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const count = counts[length - 1] as number;
    offset[length] = k - code;
    for (let i = 0; i < count; i++, k++, code++) {
      if (length <= LOOKUP_BITS) {
        const shift = LOOKUP_BITS - length;
        const entry = (length << 8) | (symbols[k] as number);
        lookup.fill(entry, code << shift, (code + 1) << shift);
      }
    }
    if (count > 0) maxCode[length] = code - 1;
    // every code of this length must fit in `length` bits
    if (code > 1 << length) throw corruptJpeg('a Huffman table has more codes than its code lengths allow');
    code <<= 1;
  }
  let maxSymbol = 0;
  for (const s of symbols) maxSymbol = Math.max(maxSymbol, s);
  return { lookup, maxCode, offset, symbols, maxSymbol };
}

/**
 * Reads the entropy-coded bits of one scan (or restart interval). Stuffed 0xFF 0x00 bytes are read as 0xFF; at a
 * marker or the end of the data it feeds zero bytes, as libjpeg does, but counts them, so that a block that needs
 * them (truncated data) is an error rather than silently grey.
 */
export class EntropyReader {
  private acc = 0;
  private bits = 0;
  /** Zero bits fed after the real data ended, still in `acc` or already taken. */
  private padding = 0;
  private ended = false;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    const data = this.data;
    while (this.bits <= 24) {
      let byte = 0;
      if (this.ended || this.pos >= data.length) {
        this.ended = true;
        this.padding += 8;
      } else {
        byte = data[this.pos] as number;
        if (byte === 0xff) {
          let next = this.pos + 1;
          while (next < data.length && data[next] === 0xff) next++;
          if (next < data.length && data[next] === 0) {
            this.pos = next + 1;
          } else {
            // a marker: the scan's data ends here; pos stays on it
            this.ended = true;
            this.padding += 8;
            byte = 0;
          }
        } else this.pos++;
      }
      this.acc = (this.acc << 8) | byte;
      this.bits += 8;
    }
  }

  decode(table: HuffmanTable): number {
    if (this.bits < 16) this.fill();
    const entry = table.lookup[(this.acc >>> (this.bits - LOOKUP_BITS)) & ((1 << LOOKUP_BITS) - 1)] as number;
    if (entry !== 0) {
      this.bits -= entry >> 8;
      return entry & 0xff;
    }
    for (let length = LOOKUP_BITS + 1; length <= 16; length++) {
      const code = (this.acc >>> (this.bits - length)) & ((1 << length) - 1);
      if (code <= (table.maxCode[length] as number)) {
        this.bits -= length;
        return table.symbols[code + (table.offset[length] as number)] as number;
      }
    }
    throw corruptJpeg('a Huffman code is not in its table');
  }

  /** The next `size` bits (1..15) as a signed coefficient difference (JPEG's EXTEND). */
  receiveExtend(size: number): number {
    if (this.bits < size) this.fill();
    const value = (this.acc >>> (this.bits - size)) & ((1 << size) - 1);
    this.bits -= size;
    return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
  }

  /** Throws when decoding has used bits that were not in the data. */
  checkNotTruncated(): void {
    if (this.padding > this.bits) throw corruptJpeg('the entropy-coded data is truncated');
  }

  /** Drops the bits left over at the end of a restart interval or scan (encoders pad the last byte with ones). */
  reset(): void {
    this.checkNotTruncated();
    this.acc = 0;
    this.bits = 0;
    this.padding = 0;
    this.ended = false;
  }
}
