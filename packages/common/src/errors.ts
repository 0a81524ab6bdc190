/**
 * The one place where domain errors meet HTTP: every engine throws an AppError with a code, and the error
 * handler turns the code into a status through this table.
 */
export const errorStatus = {
  BadRequest: 400,
  InvalidParameter: 400,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  Unprocessable: 422,
  TooManyRequests: 429,
  ClientClosedRequest: 499,
  Internal: 500,
  BadGateway: 502,
  Unavailable: 503,
  Timeout: 504,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface AppErrorOptions {
  cause?: unknown;
  /** Extra, machine-readable facts about the error (e.g. the offending line of an input file). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Throws the reason of an aborted signal as an AppError, so that cancellations are never reported as 500s. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw abortError(signal);
  }
}

export function abortError(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  if (reason instanceof AppError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new AppError('Timeout', 'The request took longer than its time limit and was stopped.', { cause: reason });
  }
  return new AppError('ClientClosedRequest', 'The request was cancelled.', { cause: reason });
}
