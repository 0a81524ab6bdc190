// Errors of the data API carry both shapes: `detail`, which titiler answers and its clients (QGIS plugins,
// leafmap, titiler-aware viewers) read, and pqe's `{code, description}`, which the STAC API answers. The status
// and message come from the one mapping of @pqe/common (toErrorResponse); only the body gains a key.
import { type ErrorBody, toErrorResponse } from '@pqe/common';
import type { FastifyInstance } from 'fastify';

export interface DataErrorBody extends ErrorBody {
  /** The message, under titiler's key. */
  detail: string;
}

export function dataErrorResponse(error: unknown): { status: number; body: DataErrorBody } {
  const { status, body } = toErrorResponse(error);
  return { status, body: { detail: body.description, ...body } };
}

/** Error and not-found handlers of the data API's scope (the plugin registered under its root path). */
export function registerDataErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = dataErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ err: error, status }, 'request rejected');
    if (reply.raw.headersSent || request.raw.destroyed) return;
    void reply.status(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const description = `No resource at ${request.method} ${path}`;
    void reply.status(404).send({ detail: description, code: 'NotFound', description } satisfies DataErrorBody);
  });
}
