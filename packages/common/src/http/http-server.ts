import { randomUUID } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { AppError } from '../errors.js';
import { registerErrorHandlers } from './error-handler.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Aborted when the client goes away or the request runs past its time limit; pass it to every engine call. */
    abortSignal: AbortSignal;
  }
}

export interface HttpServerOptions {
  logger: FastifyBaseLogger;
  /** `*` or a comma-separated list of origins. */
  corsOrigins: string;
  /** 0 disables the limit. */
  requestTimeoutMs: number;
  /** Paths whose requests are not logged (health probes). */
  quietPaths?: readonly string[];
  bodyLimitBytes?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A Fastify instance with the common HTTP kit: request ids (taken from X-Request-ID when sane), an AbortSignal
 * per request, Server-Timing, CORS, compression and the one error handler. Routes are added by the caller.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const quiet = new Set(options.quietPaths ?? []);
  const app = Fastify({
    loggerInstance: options.logger,
    // Fastify's own two lines per request are replaced by one line of ours (onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: true,
    bodyLimit: options.bodyLimitBytes ?? 10 * 1024 * 1024,
    requestIdHeader: false, // genReqId reads the header itself, and keeps it only when it is sane
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
  });

  // Every body this service reads is JSON; anything else is answered 415 rather than parsed as text.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('abortSignal', null as unknown as AbortSignal);
  app.addHook('onRequest', async (request, reply) => {
    const controller = new AbortController();
    request.abortSignal = controller.signal;
    const started = process.hrtime.bigint();
    let timer: NodeJS.Timeout | undefined;
    if (options.requestTimeoutMs > 0) {
      timer = setTimeout(() => {
        controller.abort(new AppError('Timeout', `The request took longer than ${options.requestTimeoutMs} ms and was stopped. Narrow it and try again.`));
      }, options.requestTimeoutMs);
      timer.unref();
    }
    reply.raw.once('close', () => {
      clearTimeout(timer);
      if (!reply.raw.writableFinished) controller.abort(new AppError('ClientClosedRequest', 'The client closed the connection.'));
    });
    reply.header('x-request-id', request.id);
    (request as { startedAt?: bigint }).startedAt = started;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const started = (request as { startedAt?: bigint }).startedAt;
    if (started !== undefined) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      reply.header('server-timing', `total;dur=${ms.toFixed(1)}`);
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (quiet.has(request.url.split('?')[0] ?? '')) return;
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });

  const origins = options.corsOrigins.trim();
  await app.register(fastifyCors, {
    origin: origins === '*' ? '*' : origins.split(',').map((origin) => origin.trim()),
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    exposedHeaders: ['x-request-id', 'server-timing', 'etag'],
  });
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  registerErrorHandlers(app);
  return app;
}
