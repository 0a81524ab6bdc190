import { inflate } from 'node:zlib';
import { BlockDecodeError } from './block-decode-error.js';

/**
 * Inflates a zlib stream (TIFF compression 8 and 32946) on the libuv pool into exactly `expectedLength` bytes.
 */
export async function inflateBlock(input: Uint8Array, expectedLength: number, compression: number): Promise<Uint8Array> {
  const result = await inflateAtMost(input, expectedLength, compression);
  if (result.length !== expectedLength) {
    throw new BlockDecodeError(`Deflate data inflates to ${result.length} bytes, but the block holds ${expectedLength}`, { compression });
  }
  return result;
}

/**
 * Inflates a zlib stream into at most `maxLength` bytes: zlib stops there, so a stream that would inflate to more
 * rejects without allocating more.
 */
export function inflateAtMost(input: Uint8Array, maxLength: number, compression: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    inflate(input, { maxOutputLength: Math.max(1, maxLength), chunkSize: chunkSizeFor(maxLength) }, (error, result) => {
      if (error === null) {
        resolve(result);
        return;
      }
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      const problem = tooLarge ? `it inflates to more than the ${maxLength} bytes the block can hold` : error.message;
      reject(new BlockDecodeError(`Deflate data is corrupt: ${problem}`, { cause: error, compression }));
    });
  });
}

// One chunk for the usual tile (up to 1 MiB) spares zlib a concatenation; bigger blocks grow in 1 MiB steps.
function chunkSizeFor(length: number): number {
  return Math.min(Math.max(length, 64), 1024 * 1024);
}
