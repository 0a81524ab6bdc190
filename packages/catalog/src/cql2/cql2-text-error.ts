import { AppError } from '@pqe/common';

const EXCERPT_LENGTH = 20;

/**
 * The error for a problem at `offset` (UTF-16 units) in a cql2-text filter: it names the 1-based character
 * position and quotes what follows, so that a user can find the spot in a long filter.
 */
export function textError(source: string, offset: number, message: string): AppError {
  const position = Array.from(source.slice(0, offset)).length + 1;
  const rest = Array.from(source.slice(offset).replace(/\s+/g, ' ').trim());
  const where = rest.length === 0 ? 'at the end' : `near ${JSON.stringify(rest.slice(0, EXCERPT_LENGTH).join('') + (rest.length > EXCERPT_LENGTH ? '…' : ''))}`;
  return new AppError('InvalidParameter', `filter: at position ${position} (${where}): ${message}`, { details: { position } });
}
