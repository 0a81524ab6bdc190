import { BlockDecodeError } from './block-decode-error.js';

/**
 * Decodes PackBits (TIFF compression 32773) into exactly `expectedLength` bytes: a header byte n in 0..127 copies
 * the next n+1 bytes, -127..-1 repeats the next byte 1-n times, -128 is skipped.
 */
export function decodePackBits(input: Uint8Array, expectedLength: number): Uint8Array {
  const out = new Uint8Array(expectedLength);
  let inPos = 0;
  let outPos = 0;
  const inputLength = input.length;
  while (inPos < inputLength && outPos < expectedLength) {
    const header = input[inPos++] as number;
    if (header < 128) {
      const count = header + 1;
      if (inPos + count > inputLength) throw corrupt('a literal run goes past the end of the data');
      if (outPos + count > expectedLength) throw corrupt(`it decodes to more than the ${expectedLength} bytes the block holds`);
      out.set(input.subarray(inPos, inPos + count), outPos);
      inPos += count;
      outPos += count;
    } else if (header > 128) {
      const count = 257 - header;
      if (inPos >= inputLength) throw corrupt('a repeat run has no byte to repeat');
      if (outPos + count > expectedLength) throw corrupt(`it decodes to more than the ${expectedLength} bytes the block holds`);
      out.fill(input[inPos++] as number, outPos, outPos + count);
      outPos += count;
    }
  }
  if (outPos !== expectedLength) throw corrupt(`it decodes to ${outPos} bytes, but the block holds ${expectedLength}`);
  while (inPos < inputLength) {
    if (input[inPos++] !== 128) throw corrupt(`it decodes to more than the ${expectedLength} bytes the block holds`);
  }
  return out;
}

function corrupt(problem: string): BlockDecodeError {
  return new BlockDecodeError(`PackBits data is corrupt: ${problem}`, { compression: 32773 });
}
