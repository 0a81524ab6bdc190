import { AppError, abortError } from '@pqe/common';

/** SQLSTATE codes we act on; never the driver's message text. */
export const SqlState = {
  queryCanceled: '57014',
  uniqueViolation: '23505',
  tooManyConnections: '53300',
  cannotConnectNow: '57P03',
  adminShutdown: '57P01',
  undefinedTable: '42P01',
  invalidTextRepresentation: '22P02',
  invalidParameterValue: '22023',
  dataException: '22000',
  invalidDatetimeFormat: '22007',
  datetimeFieldOverflow: '22008',
  numericValueOutOfRange: '22003',
  characterNotInRepertoire: '22021',
  untranslatableCharacter: '22P05',
} as const;

export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Maps a driver error to an AppError where the cause is known (cancelled, timed out, unreachable); other errors
 * pass through unchanged for the caller to handle or to surface as a 500.
 */
export function mapDatabaseError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return abortError(signal);
  if (error instanceof AppError) return error;
  const state = sqlStateOf(error);
  if (state === SqlState.queryCanceled) {
    return new AppError(
      'Timeout',
      'The database query ran past its time limit. Narrow the request (fewer collections, a smaller area or time range) and try again.',
      {
        cause: error,
      },
    );
  }
  if (state === SqlState.tooManyConnections || state === SqlState.cannotConnectNow || state === SqlState.adminShutdown || state?.startsWith('08')) {
    return new AppError('Unavailable', 'The database is not reachable right now; try again shortly.', { cause: error });
  }
  if (state === SqlState.characterNotInRepertoire || state === SqlState.untranslatableCharacter) {
    // A NUL (U+0000) in a parameter: PostgreSQL text cannot hold one, so nothing stored can match it.
    return new AppError('InvalidParameter', 'The request holds a NUL character (U+0000), which no property, id or value can contain; remove it.', {
      cause: error,
    });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET') {
    return new AppError('Unavailable', `The database is not reachable (${String(code)}).`, { cause: error });
  }
  return error;
}
