import { randomUUID } from 'node:crypto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';

/**
 * A draft whose workflow run ended without it (terminated, failed, or lost with a Temporal server
 * that died during its create) is not wedged: its next action starts a run from the stored state.
 */
describe('a draft whose workflow run was lost', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let db: Client;
  let connection: Connection;
  let rep1: HttpClient;

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-lost-${randomUUID()}` });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    rep1 = await new HttpClient(`http://127.0.0.1:${port}`).login('rep1');
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    connection = await Connection.connect({ address: testStack().temporalAddress });
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('takes its submit after its run was terminated: a new run carries the stored draft, and the audit trail has each step once', async () => {
    const created = await rep1.post('/api/v1/contracts', draftBody());
    expect(created.status).toBe(201);
    const { id, workflowId } = created.body as { id: string; workflowId: string };
    const handle = new TemporalClient({ connection }).workflow.getHandle(workflowId);
    await handle.terminate('test: the run is lost');
    expect((await handle.describe()).status.name).toBe('TERMINATED');

    const submitted = await rep1.post(`/api/v1/contracts/${id}/submit`);
    expect({ status: submitted.status, body: submitted.body }).toMatchObject({ status: 200, body: { status: 'PENDING_APPROVAL' } });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const history = await db.query<{ action: string }>('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [id]);
    expect(history.rows.map((r) => r.action)).toEqual(['create', 'submit']);
  }, 90_000);
});
