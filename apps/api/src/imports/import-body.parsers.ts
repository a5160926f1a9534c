import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** Largest price-rule CSV accepted (the rules of one contract are kept in one request). */
export const CSV_BODY_LIMIT = 16 * 1024 * 1024;

/** The routes (method and fastify route URL) that take each body type; the others answer 415. */
const ROUTES_BY_TYPE: { type: RegExp; name: string; routes: string[] }[] = [
  { type: /^text\/csv\b/i, name: 'text/csv', routes: ['POST /api/v1/price-rules', 'PUT /api/v1/price-lists/:name'] },
  { type: /^(application|text)\/xml\b/i, name: 'application/xml', routes: ['POST /api/v1/imports'] },
];

/**
 * Body parsers of the import routes. XML is handed to the controller as the raw request stream,
 * so an upload of hundreds of MB goes to Postgres piece by piece instead of into memory (the
 * controller enforces the size limit itself: fastify's bodyLimit only guards buffered parsers).
 * CSV is small and buffered as text.
 *
 * Fastify registers content-type parsers per server, not per route, so a hook refuses these types
 * on every other route before a byte is read: there the 1 MiB JSON limit stays the only way in,
 * and no route can be made to buffer 16 MiB of CSV.
 */
export function registerImportBodyParsers(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(['application/xml', 'text/xml'], (_req, payload, done) => done(null, payload));
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) => done(null, body));
  fastify.addHook('preParsing', async (req) => {
    const contentType = req.headers['content-type'];
    if (!contentType) return;
    const kind = ROUTES_BY_TYPE.find((k) => k.type.test(contentType));
    if (kind && !kind.routes.includes(`${req.method} ${req.routeOptions?.url ?? ''}`)) {
      throw new UnsupportedMediaTypeException(`${kind.name} bodies are taken only by ${kind.routes.join(' and ')}; send JSON here`);
    }
  });
}
