import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the web app (apps/web/dist), seen from apps/api/dist or apps/api/src. */
export const WEB_APP_DIR = resolve(__dirname, '..', '..', '..', 'web', 'dist');

/**
 * The web app's page: its own script and styles only (no inline code, nothing from elsewhere);
 * it talks to this API alone.
 */
export const WEB_APP_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serves the web app at /: index.html is never cached (a new release shows at once) and carries
 * the page's security headers; the files under /assets/ have content hashes in their names, so
 * browsers keep them for a year, and go compressed (brotli or gzip, made at build time). /inbox,
 * the approval page's old address, leads to the app (the browser keeps the #/… part of the link).
 * Without a build, / says how to make one.
 */
export async function registerWebApp(fastify: FastifyInstance, dir = WEB_APP_DIR): Promise<void> {
  // Links in mails and bookmarks name /inbox (the old approval page): the app's start page is the
  // manager's inbox, and the browser carries the link's #/… part over the redirect.
  fastify.get('/inbox', (_req, reply) => {
    reply.header('cache-control', 'no-store').redirect('/', 302);
  });
  if (!existsSync(join(dir, 'index.html'))) {
    fastify.get('/', (_req, reply) => {
      reply.code(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store')
        .send('The web app is not built: run `npm run build` (or `npm start`), then reload.\n');
    });
    return;
  }
  // The page itself: one small file, read once (a new build needs a restart, as the assets do).
  const page = readFileSync(join(dir, 'index.html'));
  fastify.get('/', (_req, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', WEB_APP_CSP)
      .header('x-frame-options', 'DENY').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer')
      .send(page);
  });
  await fastify.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    wildcard: false, // one route per built file: every other path stays the API's (JSON 404s)
    index: false,
    serveDotFiles: false,
    // npm run build:web writes .br and .gz beside each asset: sent as the browser accepts them.
    preCompressed: true,
    setHeaders(reply) {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}
