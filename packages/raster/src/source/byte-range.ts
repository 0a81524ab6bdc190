import { AppError } from '@pqe/common';

/** The largest single read a source accepts unless told otherwise (a block, a header, an offset table). */
export const DEFAULT_MAX_READ_BYTES = 256 * 1024 * 1024;

/** Checks a requested byte range before anything is allocated for it; offsets come from files we do not trust. */
export function checkRange(url: string, offset: number, length: number, maxReadBytes: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new AppError('BadRequest', `Invalid byte range (offset ${offset}, length ${length}) for ${url}: the file is damaged.`);
  }
  if (length > maxReadBytes) {
    throw new AppError('BadRequest', `${url} asks for a read of ${length} bytes at once; the limit is ${maxReadBytes}.`);
  }
}
