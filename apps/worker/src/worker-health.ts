import { createServer, type Server } from 'node:http';
import type { Logger } from '@pactum/config';

export interface WorkerHealthChecks {
  /** The Temporal worker's state (`RUNNING` while it polls; `DRAINING`/`STOPPING` on shutdown). */
  workerState(): string;
  /** Resolves when Postgres answers. */
  database(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * The worker's probes on a small HTTP port of its own (WORKER_HEALTH_PORT), for an orchestrator:
 * `GET /health/live` is 200 while the process answers (restart it when it does not);
 * `GET /health/ready` is 200 while the worker polls its task queue and Postgres answers, and 503
 * naming what is not, including while it drains after SIGTERM. Nothing else is served.
 */
export function startWorkerHealth(port: number, host: string, checks: WorkerHealthChecks, log: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return reply(405, { status: 'method not allowed' });
    if (req.url === '/health/live') return reply(200, { status: 'ok' });
    if (req.url !== '/health/ready' && req.url !== '/health') return reply(404, { status: 'not found' });
    const worker = checks.workerState();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS); });
    Promise.race([checks.database(), timeout]).then(() => undefined, (err: Error) => err.message).then((databaseProblem) => {
      clearTimeout(timer);
      const ok = worker === 'RUNNING' && databaseProblem === undefined;
      reply(ok ? 200 : 503, {
        status: ok ? 'ok' : 'unavailable',
        checks: { worker: worker === 'RUNNING' ? 'up' : worker.toLowerCase(), database: databaseProblem === undefined ? 'up' : 'down' },
        ...(databaseProblem ? { reasons: { database: databaseProblem } } : {}),
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      log.info({ port, host }, `worker health on http://${host}:${port}/health/ready`);
      resolve(server);
    });
  });
}
