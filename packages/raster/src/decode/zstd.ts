import type { DCtx } from 'zstd-napi/binding.js';
import zstd from 'zstd-napi/binding.js';
import { BlockDecodeError } from './block-decode-error.js';

let context: DCtx | undefined;

/**
 * Decompresses ZSTD (TIFF compression 50000) into exactly `expectedLength` bytes. The output buffer has one spare
 * byte and zstd never writes past it, so a frame that holds more fails (or shows as one byte too many) instead of
 * allocating. It runs on the calling thread (the binding has no async call); blocks are small and zstd decodes at
 * memory speed.
 */
export function decompressZstd(input: Uint8Array, expectedLength: number, compression = 50000): Uint8Array {
  context ??= new zstd.DCtx();
  const out = new Uint8Array(expectedLength + 1);
  let written: number;
  try {
    written = context.decompress(out, input);
  } catch (error) {
    throw new BlockDecodeError(`ZSTD data is corrupt or holds more than the ${expectedLength} bytes of the block: ${(error as Error).message}`, {
      cause: error,
      compression,
    });
  }
  if (written > expectedLength) throw new BlockDecodeError(`ZSTD data decompresses to more than the ${expectedLength} bytes the block holds`, { compression });
  if (written < expectedLength)
    throw new BlockDecodeError(`ZSTD data decompresses to ${written} bytes, but the block holds ${expectedLength}`, { compression });
  return out.subarray(0, expectedLength);
}

/** The decompressed size a ZSTD frame declares, or undefined when it does not say (or is not a frame). */
export function zstdContentSize(input: Uint8Array): number | undefined {
  try {
    return zstd.getFrameContentSize(input) ?? undefined;
  } catch {
    return undefined;
  }
}
