import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** Largest price-rule CSV accepted (the rules of one contract are kept in one request). */
export const CSV_BODY_LIMIT = 16 * 1024 * 1024;

/** The routes (method and fastify route URL) that take each body type; the others answer 415. */
const ROUTES_BY_TYPE: { type: RegExp; name: string; routes: string[] }[] = [
  { type: /^text\/csv\b/i, name: 'text/csv', routes: ['POST /api/v1/price-rules', 'PUT /api/v1/price-lists/:name', 'POST /api/v1/imports'] },
  { type: /^(application|text)\/xml\b/i, name: 'application/xml', routes: ['POST /api/v1/imports'] },
];

/** Routes that take their body as a stream, whatever its size (the import jobs store it piece by piece). */
const STREAMED = new Set(['POST /api/v1/imports']);

/**
 * Body parsers of the import routes. XML, and CSV sent to an import job, are handed to the
 * controller as the raw request stream, so an upload of hundreds of MB goes to Postgres piece by
 * piece instead of into memory (the controller enforces the size limit itself). CSV for the other
 * routes is small and buffered as text, up to CSV_BODY_LIMIT.
 *
 * Fastify registers content-type parsers per server, not per route, so a hook refuses these types
 * on every other route before a byte is read: there the 1 MiB JSON limit stays the only way in,
 * and no route can be made to buffer 16 MiB of CSV.
 */
export function registerImportBodyParsers(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(['application/xml', 'text/xml'], (_req, payload, done) => done(null, payload));
  fastify.addContentTypeParser('text/csv', (req, payload, done) => {
    if (STREAMED.has(`${req.method} ${req.routeOptions?.url ?? ''}`)) return done(null, payload);
    const pieces: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (err: Error | null, body?: string) => {
      if (settled) return;
      settled = true;
      done(err, body);
    };
    payload.on('data', (piece: Buffer) => {
      size += piece.length;
      if (size > CSV_BODY_LIMIT) {
        settle(new PayloadTooLargeException(`a CSV body here holds at most ${CSV_BODY_LIMIT} bytes`));
        payload.destroy();
        return;
      }
      pieces.push(piece);
    });
    payload.on('end', () => settle(null, Buffer.concat(pieces).toString('utf8')));
    payload.on('error', (err: Error) => settle(err));
  });
  // A callback hook, not an async one: it runs for every request, and a promise per request costs
  // more than the check itself.
  fastify.addHook('preParsing', (req, _reply, payload, done) => {
    const contentType = req.headers['content-type'];
    const kind = contentType ? ROUTES_BY_TYPE.find((k) => k.type.test(contentType)) : undefined;
    if (kind && !kind.routes.includes(`${req.method} ${req.routeOptions?.url ?? ''}`)) {
      done(new UnsupportedMediaTypeException(`${kind.name} bodies are taken only by ${kind.routes.join(' and ')}; send JSON here`));
      return;
    }
    done(null, payload);
  });
}
