import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AppConfig, Logger } from '@pactum/config';
import type { ApiMetrics } from './metrics';

/** Whether an Authorization header carries METRICS_TOKEN (always true when none is configured). */
export function metricsAuthorized(config: AppConfig, authorization: string | undefined): boolean {
  const expected = config.metrics.token;
  if (expected === undefined) return true;
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * /metrics on METRICS_HOST:METRICS_PORT, apart from the API (a port the scrapers reach and the
 * public does not). Same answer as the API's /metrics, with METRICS_TOKEN checked when set.
 */
export async function startMetricsServer(config: AppConfig, metrics: ApiMetrics, log: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (!metricsAuthorized(config, req.headers.authorization)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('METRICS_TOKEN required\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(text),
      (err) => {
        log.error({ err }, 'metrics failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metrics.port, config.metrics.host, () => resolve());
  });
  log.info({ host: config.metrics.host, port: config.metrics.port }, 'metrics listening');
  return server;
}
