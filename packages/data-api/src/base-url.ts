import type { FastifyRequest } from 'fastify';

const PREFIX = /^(\/[A-Za-z0-9._~-]+)*\/?$/;

/**
 * The public URL of the data API for this request, right behind a proxy: scheme and host from X-Forwarded-Proto /
 * X-Forwarded-Host (Fastify's trustProxy), an extra path from X-Forwarded-Prefix when it is a plain path, then the
 * service's root path. No trailing slash. Links in TileJSON, WMTS and the map page are built on it.
 */
export function publicBaseUrl(request: FastifyRequest, rootPath: string): string {
  const header = request.headers['x-forwarded-prefix'];
  const value = Array.isArray(header) ? header[0] : header;
  const prefix = value !== undefined && PREFIX.test(value) ? value.replace(/\/+$/, '') : '';
  // Through URL, so that a default port is dropped and the host is normalized.
  const origin = new URL(`${request.protocol}://${request.host}`).origin;
  return `${origin}${prefix}${rootPath}`;
}
