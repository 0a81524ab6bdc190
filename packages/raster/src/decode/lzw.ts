import { BlockDecodeError } from './block-decode-error.js';

const CLEAR = 256;
const EOI = 257;
const FIRST_FREE = 258;
const TABLE_SIZE = 4096;

/**
 * Decodes TIFF LZW (codes packed MSB-first, 9 to 12 bits wide, the width growing one code early as libtiff writes
 * it) into exactly `expectedLength` bytes.
 *
 * Every string a code stands for has already been written to the output, so the table keeps only where it starts
 * and how long it is; decoding a code is a copy from earlier in the output, and nothing is allocated per code.
 * A string past the expected length, or a code not yet in the table, rejects the block; a block that ends short
 * of its end-of-information code is accepted only if it filled the output (libtiff accepts it too).
 */
export function decodeLzw(input: Uint8Array, expectedLength: number): Uint8Array {
  const out = new Uint8Array(expectedLength);
  const starts = new Int32Array(TABLE_SIZE);
  const lengths = new Int32Array(TABLE_SIZE);
  const inputLength = input.length;

  let inPos = 0;
  let bits = 0; // bit buffer; only its low `bitCount` bits are meaningful
  let bitCount = 0;
  let width = 9;
  let mask = 511;
  let next = FIRST_FREE;
  let outPos = 0;
  let prevStart = -1; // -1: no previous string (start of stream or just after a clear code)
  let prevLength = 0;

  for (;;) {
    if (bitCount < width) {
      // two bytes at once while they last: at most 11 + 16 bits are ever held
      if (inPos + 1 < inputLength) {
        bits = (bits << 16) | ((input[inPos] as number) << 8) | (input[inPos + 1] as number);
        inPos += 2;
        bitCount += 16;
      } else {
        while (bitCount < width) {
          if (inPos >= inputLength) return finish(out, outPos, expectedLength, 'the data ends before its end-of-information code');
          bits = (bits << 8) | (input[inPos++] as number);
          bitCount += 8;
        }
      }
    }
    bitCount -= width;
    const code = (bits >>> bitCount) & mask;

    if (code === EOI) return finish(out, outPos, expectedLength, 'the data ends early');
    if (code === CLEAR) {
      width = 9;
      mask = 511;
      next = FIRST_FREE;
      prevStart = -1;
      continue;
    }

    if (prevStart >= 0 && next < TABLE_SIZE) {
      // The new entry is the previous string plus the first byte of this one, which the output already holds
      // right after it (also when this code is the entry being defined).
      starts[next] = prevStart;
      lengths[next] = prevLength + 1;
      next++;
      if (next >= mask && width < 12) {
        width++;
        mask = (1 << width) - 1;
      }
    }

    const start = outPos;
    if (code < CLEAR) {
      if (outPos >= expectedLength) throw tooLong(expectedLength);
      out[outPos++] = code;
      prevLength = 1;
    } else {
      if (code >= next || prevStart < 0) throw new BlockDecodeError(`LZW data is corrupt: code ${code} is not in the table yet`, { compression: 5 });
      const length = lengths[code] as number;
      if (outPos + length > expectedLength) throw tooLong(expectedLength);
      // Forward byte copy: source and destination may overlap by one byte (a code that refers to itself).
      let from = starts[code] as number;
      const end = outPos + length;
      while (outPos < end) out[outPos++] = out[from++] as number;
      prevLength = length;
    }
    prevStart = start;
  }
}

function finish(out: Uint8Array, written: number, expectedLength: number, problem: string): Uint8Array {
  if (written !== expectedLength) {
    throw new BlockDecodeError(`LZW data decodes to ${written} bytes, but the block holds ${expectedLength}: ${problem}`, { compression: 5 });
  }
  return out;
}

function tooLong(expectedLength: number): BlockDecodeError {
  return new BlockDecodeError(`LZW data decodes to more than the ${expectedLength} bytes the block holds`, { compression: 5 });
}
