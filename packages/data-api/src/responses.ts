// Headers of the answers that come from a COG: Cache-Control from the configuration (the Planetary Computer
// sends public, max-age=3600), and for images a strong ETag of the bytes, so that a client or CDN that has the
// tile already gets a 304 without the body.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EncodedImage } from './cog-engine.js';

export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}

/** True when If-None-Match lists `etag` (or is *). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

export function sendImage(request: FastifyRequest, reply: FastifyReply, image: EncodedImage, cacheControl: string): FastifyReply {
  const etag = etagOf(image.body);
  void reply.header('cache-control', cacheControl).header('etag', etag);
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.type(image.mediaType).send(Buffer.from(image.body.buffer, image.body.byteOffset, image.body.byteLength));
}

export function sendJson(reply: FastifyReply, body: unknown, cacheControl: string, type = 'application/json'): FastifyReply {
  return reply.header('cache-control', cacheControl).type(type).send(JSON.stringify(body));
}
