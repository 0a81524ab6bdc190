import type { FastifyRequest } from 'fastify';

const PREFIX = /^(\/[A-Za-z0-9._~-]+)*\/?$/;

/**
 * The public base URL of the STAC API for this request, right behind a proxy: scheme and host from
 * X-Forwarded-Proto / X-Forwarded-Host (Fastify's trustProxy), an extra path from X-Forwarded-Prefix, then the
 * service's root path. No trailing slash.
 */
export function stacBaseUrl(request: FastifyRequest, rootPath: string): string {
  const forwardedPrefix = request.headers['x-forwarded-prefix'];
  const prefixValue = Array.isArray(forwardedPrefix) ? forwardedPrefix[0] : forwardedPrefix;
  const prefix = prefixValue !== undefined && PREFIX.test(prefixValue) ? prefixValue.replace(/\/+$/, '') : '';
  // Through URL, so that a default port (:80, :443) is dropped and the host is normalized.
  const origin = new URL(`${request.protocol}://${request.host}`).origin;
  return `${origin}${prefix}${rootPath}`;
}
