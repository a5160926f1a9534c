import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { OwnPostgres, faultDir, timed, waitUntil } from './support/fault-stack';

/**
 * Postgres killed with SIGKILL while contracts wait for their start (issue 23, 10a and 10c): the
 * API answers 503 DATABASE_UNAVAILABLE at once while it is down, and the deploys whose start came
 * during the outage are retried until Postgres is back (DEPLOY_RETRY_WINDOW_MINUTES), instead of
 * ending DEPLOYMENT_FAILED after five attempts. Nothing is lost or doubled. The API and the worker
 * are the built processes; the Postgres is the test's own (the shared one is never killed).
 */

jest.setTimeout(180_000);

/** The contracts start this long after their approval; Postgres dies before that. */
const START_AFTER_MS = 12_000;
/** Longer than the five attempts (about 15 s) a deploy used to get. */
const OUTAGE_MS = 35_000;
/** "At once": far below the answer timeout, and below the connection timeout of the pool. */
const QUICK_MS = 3000;

describe('Postgres killed while deploys are due', () => {
  const dir = faultDir('postgres');
  let pg: OwnPostgres;
  let api: AppProcess;
  let worker: AppProcess;
  let db: Client;
  let http: HttpClient;
  let rep1: HttpClient;
  let manager1: HttpClient;

  beforeAll(async () => {
    pg = await OwnPostgres.start(dir);
    const port = await freePort();
    const env = appEnv({
      DATABASE_URL: pg.url, PORT: String(port), TEMPORAL_TASK_QUEUE: `fault-postgres-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '30000',
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
    });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    rep1 = await http.login('rep1');
    manager1 = await http.login('manager1');
  }, 120_000);

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await Promise.all([api?.stop(), worker?.stop()]);
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 DATABASE_UNAVAILABLE at once while Postgres is down, deploys every contract whose start came meanwhile exactly once when it is back, and sends no failure notice', async () => {
    const startsAt = new Date(Date.now() + START_AFTER_MS).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const created = await rep1.post('/api/v1/contracts', draftBody({ startsAt }));
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      expect((await rep1.post(`/api/v1/contracts/${created.body.id}/submit`)).body.status).toBe('PENDING_APPROVAL');
      expect((await manager1.post(`/api/v1/contracts/${created.body.id}/approve`)).body.status).toBe('APPROVED');
    }
    const pending = (await rep1.post('/api/v1/contracts', draftBody())).body.id as string;
    expect((await rep1.post(`/api/v1/contracts/${pending}/submit`)).status).toBe(200);

    await pg.kill9();
    const killedAt = Date.now();

    // While it is down: reads, logins and actions answer 503 with the code, quickly.
    await waitUntil('the health check reports the database down', async () => (await http.get('/health')).body?.checks?.database === 'down', 10_000);
    const read = await timed(() => rep1.get(`/api/v1/contracts/${ids[0]}`));
    expect(read.result).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(read.ms).toBeLessThan(QUICK_MS);
    const login = await timed(() => http.post('/api/v1/auth/token', { username: 'rep1', password: 'demo' }));
    expect(login.result).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(login.ms).toBeLessThan(QUICK_MS);
    const approve = await timed(() => manager1.post(`/api/v1/contracts/${pending}/approve`));
    expect(approve.result).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(approve.ms).toBeLessThan(QUICK_MS);

    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + OUTAGE_MS - Date.now())));
    await pg.restart();

    // Back: every contract deploys (its deploy kept retrying), and the next action works.
    for (const id of ids) await rep1.waitForStatus(id, 'ACTIVE', 90_000);
    expect((await manager1.post(`/api/v1/contracts/${pending}/approve`)).body.status).toBe('ACTIVE');
    expect((await http.post('/api/v1/auth/token', { username: 'rep1', password: 'demo' })).status).toBe(200);

    db = new Client({ connectionString: pg.url });
    await db.connect();
    for (const id of ids) {
      const history = await db.query<{ action: string }>('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [id]);
      expect(history.rows.map((r) => r.action)).toEqual(['create', 'submit', 'approve', 'startDeploy', 'deploySucceeded']);
      expect((await db.query('SELECT count(*)::int AS n FROM contract_deployments WHERE contract_id = $1', [id])).rows).toEqual([{ n: 1 }]);
      const notices = await db.query<{ kind: string }>('SELECT kind FROM contract_notices WHERE contract_id = $1 ORDER BY seq', [id]);
      expect(notices.rows.map((r) => r.kind)).toEqual(['approvalRequested', 'approved']);
    }
    expect(worker.child?.exitCode).toBeNull();
    expect(api.child?.exitCode).toBeNull();
  });
});
