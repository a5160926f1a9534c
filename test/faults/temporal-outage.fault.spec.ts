import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { OwnTemporal, faultDir, timed, waitUntil } from './support/fault-stack';

/**
 * The Temporal dev server killed with SIGKILL while creates are in flight, then started again on
 * its state file (issue 23, 10b and 10c): while it is down, actions answer 503
 * TEMPORAL_UNAVAILABLE at once (nothing was sent, so nothing "may still be applied"), reads keep
 * working, and an import posted meanwhile ends FAILED with its upload freed instead of staying
 * RUNNING. When it is back every contract takes its next action, and no create is lost or
 * doubled. The Temporal server is the test's own; Postgres is the shared one (not killed).
 */

jest.setTimeout(180_000);

const QUICK_MS = 2000;
const PACKAGE = readFileSync(join(__dirname, '..', 'fixtures', 'xml', 'complete-package.xml'));

describe('Temporal killed under load, then started again', () => {
  const dir = faultDir('temporal');
  let temporal: OwnTemporal;
  let api: AppProcess;
  let worker: AppProcess;
  let db: Client;
  let http: HttpClient;
  let rep1: HttpClient;
  let manager1: HttpClient;
  let integrator: HttpClient;

  beforeAll(async () => {
    temporal = await OwnTemporal.start(dir);
    const port = await freePort();
    const env = appEnv({
      TEMPORAL_ADDRESS: temporal.address, PORT: String(port), TEMPORAL_TASK_QUEUE: `fault-temporal-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '5000',
      MAIL_OUTBOX_DIR: join(dir, 'outbox'),
    });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    [rep1, manager1, integrator] = await Promise.all([http.login('rep1'), http.login('manager1'), http.login('integrator')]);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 TEMPORAL_UNAVAILABLE at once while Temporal is down, fails an import posted meanwhile and frees its upload, and loses or doubles no contract', async () => {
    const draft = (await rep1.post('/api/v1/contracts', draftBody())).body.id as string;
    const pending = (await rep1.post('/api/v1/contracts', draftBody())).body.id as string;
    expect((await rep1.post(`/api/v1/contracts/${pending}/submit`)).body.status).toBe('PENDING_APPROVAL');

    // Creates in flight when the server dies: each is answered, created or not.
    const bodies = Array.from({ length: 6 }, () => draftBody());
    const inFlight = Promise.all(bodies.map((b) => rep1.post('/api/v1/contracts', b)));
    await new Promise((r) => setTimeout(r, 30));
    await temporal.kill9();
    for (const answer of await inFlight) expect([201, 503]).toContain(answer.status);

    await waitUntil('the health check reports Temporal down', async () => (await http.get('/health')).body?.checks?.temporal === 'down', 10_000);
    const submit = await timed(() => rep1.post(`/api/v1/contracts/${draft}/submit`));
    expect(submit.result).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
    expect(submit.ms).toBeLessThan(QUICK_MS);
    const create = await timed(() => rep1.post('/api/v1/contracts', draftBody()));
    expect(create.result).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
    expect(create.ms).toBeLessThan(QUICK_MS);
    expect((await rep1.get(`/api/v1/contracts/${draft}`)).body.status).toBe('DRAFT');

    const postedAt = new Date();
    const upload = await timed(() => integrator.request('POST', '/api/v1/imports', PACKAGE.toString('utf8'), { 'content-type': 'application/xml' }));
    expect(upload.result).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
    expect(upload.ms).toBeLessThan(QUICK_MS);
    const jobs = await db.query<{ id: string; status: string; fatal_errors: { message: string }[]; finished_at: Date | null }>(
      `SELECT id, status, fatal_errors, finished_at FROM import_jobs WHERE created_by = 'integrator' AND created_at >= $1`, [postedAt]);
    expect(jobs.rows).toHaveLength(1);
    expect(jobs.rows[0]).toMatchObject({ status: 'FAILED', fatal_errors: [{ message: expect.stringContaining('could not be started') }], finished_at: expect.any(Date) });
    expect((await db.query('SELECT count(*)::int AS n FROM import_job_parts WHERE job_id = $1', [jobs.rows[0]!.id])).rows).toEqual([{ n: 0 }]);
    expect((await integrator.get(`/api/v1/imports/${jobs.rows[0]!.id}`)).body.status).toBe('FAILED');

    await temporal.restart();
    await waitUntil('the API sees Temporal again', async () => (await http.get('/health')).status === 200, 30_000);

    const resubmitted = await rep1.post(`/api/v1/contracts/${draft}/submit`);
    expect({ status: resubmitted.status, body: resubmitted.body }).toMatchObject({ status: 200, body: { status: 'PENDING_APPROVAL' } });
    const approved = await manager1.post(`/api/v1/contracts/${pending}/approve`);
    expect({ status: approved.status, body: approved.body }).toMatchObject({ status: 200, body: { status: 'ACTIVE' } });
    // Each create sent again: created now, or there already (409), never twice; then it takes its submit.
    for (const body of bodies) {
      const again = await rep1.post('/api/v1/contracts', body);
      expect([201, 409]).toContain(again.status);
      // A 409 may come from a workflow the server kept, whose first task writes the row just now.
      await waitUntil(`contract ${body.code} written`, async () => (await db.query('SELECT 1 FROM contracts WHERE code = $1', [body.code])).rowCount! > 0, 30_000);
      const rows = await db.query<{ id: string }>('SELECT id FROM contracts WHERE code = $1', [body.code]);
      expect(rows.rows).toHaveLength(1);
      const id = rows.rows[0]!.id;
      await rep1.waitForStatus(id, 'DRAFT', 30_000);
      // The row can be in Postgres before its workflow has recorded the step (its task retried
      // after the restart): until then the workflow answers 409 "still being created".
      let submitted = await rep1.post(`/api/v1/contracts/${id}/submit`);
      for (const until = Date.now() + 30_000; submitted.status === 409 && /still being created/.test(submitted.body?.message) && Date.now() < until;) {
        await new Promise((r) => setTimeout(r, 250));
        submitted = await rep1.post(`/api/v1/contracts/${id}/submit`);
      }
      expect({ status: submitted.status, body: submitted.body }).toMatchObject({ status: 200, body: { status: 'PENDING_APPROVAL' } });
      const history = await db.query<{ action: string }>('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [id]);
      expect(history.rows.map((r) => r.action)).toEqual(['create', 'submit']);
    }
    expect(worker.child?.exitCode).toBeNull();
  });
});
