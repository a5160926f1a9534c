import { randomUUID } from 'node:crypto';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';

/**
 * The probes an orchestrator uses for each process: the worker's on WORKER_HEALTH_PORT, the API's
 * on its own port. Liveness answers while the process does; readiness names its dependencies.
 */
describe('liveness and readiness probes', () => {
  let worker: AppProcess;
  let api: AppProcess;
  let healthPort: number;
  let apiPort: number;

  beforeAll(async () => {
    [healthPort, apiPort] = [await freePort(), await freePort()];
    const env = appEnv({ TEMPORAL_TASK_QUEUE: `probes-${randomUUID()}`, WORKER_HEALTH_PORT: String(healthPort), PORT: String(apiPort) });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([worker?.stop(), api?.stop()]);
  });

  it('the worker answers live, and ready with its worker polling and Postgres up, on its health port only', async () => {
    const live = await fetch(`http://127.0.0.1:${healthPort}/health/live`);
    expect({ status: live.status, body: await live.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await fetch(`http://127.0.0.1:${healthPort}/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ok', checks: { worker: 'up', database: 'up' } } });
    expect((await fetch(`http://127.0.0.1:${healthPort}/api/v1/contracts`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${healthPort}/health/ready`, { method: 'POST' })).status).toBe(405);
  });

  it('the API answers live without touching its dependencies, and ready at /health and /health/ready', async () => {
    const live = await fetch(`http://127.0.0.1:${apiPort}/health/live`);
    expect({ status: live.status, body: await live.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    for (const path of ['/health', '/health/ready']) {
      const ready = await fetch(`http://127.0.0.1:${apiPort}${path}`);
      expect({ status: ready.status, body: await ready.json() }).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'up', temporal: 'up' } } });
    }
  });

  it('the worker closes its health port when it has drained after SIGTERM', async () => {
    await worker.stop();
    expect(worker.output).toMatch(/worker stopped/);
    await expect(fetch(`http://127.0.0.1:${healthPort}/health/live`)).rejects.toThrow();
  });
});
