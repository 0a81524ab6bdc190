import { AppError } from '@pqe/common';

/**
 * A stored block that cannot be decoded: corrupt or truncated bytes, a codec or layout we do not read, or a block
 * larger than we agree to hold in memory. The file is what the user pointed us at, so this is a 422, not a 500.
 */
export class BlockDecodeError extends AppError {
  constructor(message: string, options: { cause?: unknown; compression?: number } = {}) {
    super('Unprocessable', message, {
      cause: options.cause,
      ...(options.compression === undefined ? {} : { details: { compression: options.compression } }),
    });
  }
}

/**
 * Decoded blocks above this size are refused before anything is allocated: 256 MiB is a 4096 x 4096 tile of four
 * float32 bands, far above COG tiles (256 to 1024 pixels); only huge single strips of old files get near it.
 */
export const MAX_DECODED_BLOCK_BYTES = 256 * 1024 * 1024;

/** The number of samples per pixel we accept; TIFF allows 65535, but no real raster stores more bands per pixel. */
export const MAX_SAMPLES_PER_PIXEL = 4096;
