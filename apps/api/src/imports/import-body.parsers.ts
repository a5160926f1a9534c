import type { FastifyInstance } from 'fastify';

/** Largest price-rule CSV accepted (the rules of one contract are kept in one request). */
export const CSV_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * Body parsers of the import routes. XML is handed to the controller as the raw request stream,
 * so an upload of hundreds of MB goes to Postgres piece by piece instead of into memory (the
 * controller enforces the size limit itself: fastify's bodyLimit only guards buffered parsers).
 * CSV is small and buffered as text.
 */
export function registerImportBodyParsers(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(['application/xml', 'text/xml'], (_req, payload, done) => done(null, payload));
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) => done(null, body));
}
