import { createHash } from 'node:crypto';
import { AppError } from '@pqe/common';
import type { SortKey } from './search-request.js';

/** Where a page starts: after (next) or before (prev) the row whose sort values these are. */
export interface Cursor {
  direction: 'next' | 'prev';
  /** The sort values of the boundary row, as text (timestamps, text) or JSON text (properties). */
  values: (string | null)[];
}

function signature(sort: readonly SortKey[]): string {
  return createHash('sha256')
    .update(sort.map((k) => `${k.field}:${k.direction}`).join(','))
    .digest('base64url')
    .slice(0, 8);
}

/** An opaque token: the boundary row's sort values, bound to the sort order it was made for. */
export function encodeToken(cursor: Cursor, sort: readonly SortKey[]): string {
  const body = JSON.stringify({ d: cursor.direction === 'next' ? 'n' : 'p', v: cursor.values, s: signature(sort) });
  return `${cursor.direction}:${Buffer.from(body).toString('base64url')}`;
}

export function decodeToken(token: string, sort: readonly SortKey[]): Cursor {
  const invalid = () => new AppError('InvalidParameter', 'token is not a valid paging token for this search; follow the next and prev links as given');
  const match = /^(next|prev):([A-Za-z0-9_-]+)$/.exec(token);
  if (match === null) throw invalid();
  let body: { d?: unknown; v?: unknown; s?: unknown };
  try {
    body = JSON.parse(Buffer.from(match[2] as string, 'base64url').toString('utf8')) as typeof body;
  } catch {
    throw invalid();
  }
  const direction = body.d === 'n' ? 'next' : body.d === 'p' ? 'prev' : undefined;
  if (direction === undefined || direction !== match[1] || body.s !== signature(sort)) throw invalid();
  if (!Array.isArray(body.v) || body.v.length !== sort.length || body.v.some((v) => v !== null && typeof v !== 'string')) throw invalid();
  return { direction, values: body.v as (string | null)[] };
}
