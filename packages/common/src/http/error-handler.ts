import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, type ErrorCode, errorStatus } from '../errors.js';

/** The STAC API error body, used by every pqe service. */
export interface ErrorBody {
  code: string;
  description: string;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BadRequest',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BadRequest',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BadRequest',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
  FST_ERR_VALIDATION: 'BadRequest',
};

/** Turns anything thrown by a route into a status and a `{code, description}` body; never leaks a stack. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { code: error.code, description: error.message } };
  }
  if (error instanceof ZodError) {
    const description = error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
    return { status: 400, body: { code: 'InvalidParameter', description } };
  }
  const fastifyError = (error ?? {}) as Partial<FastifyError>;
  const mapped = fastifyError.code === undefined ? undefined : fastifyCodes[fastifyError.code];
  if (mapped !== undefined) {
    const message =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? `The request body is not valid JSON: ${fastifyError.message ?? ''}`
        : (fastifyError.message ?? mapped);
    return { status: errorStatus[mapped], body: { code: mapped, description: message } };
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, body: { code: 'BadRequest', description: `The request body is not valid JSON: ${error.message}` } };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { code: 'BadRequest', description: fastifyError.message ?? 'Bad request' } };
  }
  return { status: 500, body: { code: 'Internal', description: 'An internal error occurred; it has been logged.' } };
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ err: error, status }, 'request rejected');
    if (reply.raw.headersSent || request.raw.destroyed) return;
    void reply.status(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    void reply.status(404).send({ code: 'NotFound', description: `No resource at ${request.method} ${path}` } satisfies ErrorBody);
  });
}
