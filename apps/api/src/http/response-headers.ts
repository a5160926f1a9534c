import type { FastifyInstance } from 'fastify';

/**
 * The Swagger UI page loads its scripts from /docs itself; its HTML carries inline <style> blocks and
 * its stylesheet data: images, so styles and images allow those, and nothing else is loaded.
 */
export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Headers every answer of a kind gets, whichever controller (or plugin) sent it:
 * - API answers and any JSON are `cache-control: no-store` unless the route chose otherwise: they
 *   carry tokens, contracts and prices that no shared or browser cache should keep;
 * - /docs (the OpenAPI page, its assets and document) gets the /inbox page's security headers.
 */
export function registerResponseHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (req, reply, payload, done) => {
    const url = req.url;
    // The content type is read only off the API's paths: on them the path alone decides.
    if (!reply.hasHeader('cache-control') && (url.startsWith('/api/') || String(reply.getHeader('content-type') ?? '').includes('json'))) reply.header('cache-control', 'no-store');
    if (url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?')) {
      reply.header('content-security-policy', DOCS_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
