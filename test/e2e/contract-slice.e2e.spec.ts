import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';

/**
 * The vertical slice through every layer, with the API and the worker as real processes on the
 * real Postgres and Temporal: create → submit → approve (another user) → deploy → ACTIVE.
 */
describe('contract slice over HTTP', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let db: Client;
  let rep1: HttpClient, rep2: HttpClient, manager1: HttpClient, integrator: HttpClient, checkout: HttpClient, admin: HttpClient;

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    [rep1, rep2, manager1, integrator, checkout, admin] = await Promise.all(['rep1', 'rep2', 'manager1', 'integrator', 'checkout', 'admin'].map((u) => http.login(u)));
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const create = async (client = rep1, body = draftBody()) => {
    const res = await client.post('/api/v1/contracts', body);
    if (res.status !== 201) throw new Error(`create: ${res.status} ${res.text}`);
    return res.body;
  };

  it('answers /health with both checks up, /metrics in Prometheus text and the OpenAPI document', async () => {
    expect(await http.get('/health')).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'up', temporal: 'up' } } });
    const metrics = await http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/pactum_http_requests_total\{/);
    expect(metrics.text).toMatch(/process_cpu_user_seconds_total/);
    const docs = await http.get('/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/contracts', '/api/v1/contracts/{id}/approve', '/api/v1/auth/token']));
  });

  it('writes structured JSON log lines', () => {
    const lines = api.output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    const request = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request');
    expect(request).toMatchObject({ level: 'info', component: 'api', method: expect.any(String), status: expect.any(Number) });
  });

  it('authenticates: wrong password 401, missing fields 400 with the field, no or bad token 401', async () => {
    expect((await http.post('/api/v1/auth/token', { username: 'rep1', password: 'nope' })).status).toBe(401);
    expect((await http.post('/api/v1/auth/token', { username: 'ghost', password: 'demo' })).status).toBe(401);
    const missing = await http.post('/api/v1/auth/token', { username: 'rep1' });
    expect(missing).toMatchObject({ status: 400, body: { details: [{ field: 'password' }] } });
    expect((await http.get('/api/v1/contracts')).status).toBe(401);
    expect((await http.as('not.a.token').get('/api/v1/contracts')).status).toBe(401);
    expect((await checkout.get('/api/v1/contracts')).status).toBe(403);
  });

  it('runs the slice: create → submit → approve by another user → ACTIVE, every step in the history with its actor', async () => {
    const body = draftBody();
    const created = await create(rep1, body);
    expect(created).toMatchObject({ code: body.code, version: '1.0', status: 'DRAFT', wcsState: 0, createdBy: 'rep1', workflowId: `contract-${created.id}` });
    expect(created.terms).toEqual(body.terms);

    const submitted = await rep1.post(`/api/v1/contracts/${created.id}/submit`);
    expect(submitted).toMatchObject({ status: 200, body: { status: 'PENDING_APPROVAL', submittedBy: 'rep1' } });

    const approved = await manager1.post(`/api/v1/contracts/${created.id}/approve`, { comment: 'fine' });
    expect(approved.status).toBe(200);
    expect(['APPROVED', 'DEPLOYING', 'ACTIVE']).toContain(approved.body.status);
    const active = await manager1.waitForStatus(created.id, 'ACTIVE');
    expect(active.wcsState).toBe(3);

    const history = await rep1.get(`/api/v1/contracts/${created.id}/history`);
    expect(history.body.map((h: any) => [h.action, h.actor, h.fromStatus, h.toStatus])).toEqual([
      ['create', 'rep1', null, 'DRAFT'],
      ['submit', 'rep1', 'DRAFT', 'PENDING_APPROVAL'],
      ['approve', 'manager1', 'PENDING_APPROVAL', 'APPROVED'],
      ['startDeploy', 'system', 'APPROVED', 'DEPLOYING'],
      ['deploySucceeded', 'system', 'DEPLOYING', 'ACTIVE'],
    ]);
    expect(history.body[2].detail).toEqual({ comment: 'fine' });
    const list = await integrator.get(`/api/v1/contracts?code=${encodeURIComponent(body.code)}`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: created.id, status: 'ACTIVE' }] });
  });

  it('checks roles and ownership at every action', async () => {
    const c = await create();
    expect((await rep2.post(`/api/v1/contracts/${c.id}/submit`)).body).toMatchObject({ statusCode: 403, code: 'NOT_CONTRACT_OWNER' });
    expect((await manager1.post('/api/v1/contracts', draftBody())).status).toBe(403);
    await rep1.post(`/api/v1/contracts/${c.id}/submit`);
    for (const who of [rep1, rep2, integrator, checkout, admin]) {
      expect((await who.post(`/api/v1/contracts/${c.id}/approve`)).status).toBe(403);
    }
    expect((await manager1.post(`/api/v1/contracts/${c.id}/reject`, {})).body).toMatchObject({ statusCode: 422, details: [{ field: 'reason' }] });
    expect((await manager1.post(`/api/v1/contracts/${c.id}/suspend`)).body).toMatchObject({ statusCode: 409, code: 'INVALID_STATE_TRANSITION' });
    const rejected = await manager1.post(`/api/v1/contracts/${c.id}/reject`, { reason: 'discount too deep' });
    expect(rejected.body.status).toBe('REJECTED');
    expect((await manager1.post(`/api/v1/contracts/${c.id}/approve`)).body).toMatchObject({ statusCode: 409 });
    const history = (await rep1.get(`/api/v1/contracts/${c.id}/history`)).body;
    expect(history.at(-1)).toMatchObject({ action: 'reject', actor: 'manager1', detail: { reason: 'discount too deep' } });
    // a rejected contract can be deleted by its owner; it is then gone from reads, and deleting again or an unknown id is 404
    expect((await rep2.request('DELETE', `/api/v1/contracts/${c.id}`)).status).toBe(403);
    expect((await rep1.request('DELETE', `/api/v1/contracts/${c.id}`))).toMatchObject({ status: 200, body: { id: c.id, deleted: true } });
    expect((await rep1.get(`/api/v1/contracts/${c.id}`)).status).toBe(404);
    expect((await rep1.request('DELETE', `/api/v1/contracts/${c.id}`)).status).toBe(404);
    expect((await rep1.request('DELETE', `/api/v1/contracts/${randomUUID()}`)).status).toBe(404);
  });

  it('nobody approves a contract they own, even with the sales_manager role', async () => {
    const c = await create(admin, draftBody()); // admin owns it
    await admin.post(`/api/v1/contracts/${c.id}/submit`);
    // an admin has no sales_manager role: refused by the route
    expect((await admin.post(`/api/v1/contracts/${c.id}/approve`)).status).toBe(403);
    expect((await manager1.post(`/api/v1/contracts/${c.id}/approve`)).status).toBe(200);
  });

  it('refuses bad input with a reason and the field, and writes nothing', async () => {
    const before = Number((await db.query('SELECT count(*) AS n FROM contracts')).rows[0].n);
    const invalid = await rep1.post('/api/v1/contracts', { ...draftBody(), currency: 'dollars', endsAt: '2020-01-01T00:00:00Z' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['currency', 'endsAt']));
    const malformed = await rep1.request('POST', '/api/v1/contracts', '{"code": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const tooLarge = await postEarlyAnswered(rep1, '/api/v1/contracts', JSON.stringify({ ...draftBody(), description: 'x'.repeat(2 * 1024 * 1024) }));
    expect(tooLarge).toMatchObject({ status: 413, body: { statusCode: 413 } });
    expect((await rep1.get('/api/v1/contracts/not-a-uuid')).body).toMatchObject({ statusCode: 400, details: [{ field: 'id' }] });
    expect((await rep1.get(`/api/v1/contracts/${randomUUID()}`)).status).toBe(404);
    expect((await rep1.get('/api/v1/contracts?status=LIVE')).body).toMatchObject({ statusCode: 400, details: [{ field: 'status' }] });
    expect(Number((await db.query('SELECT count(*) AS n FROM contracts')).rows[0].n)).toBe(before);
  });

  it('refuses a second contract with the same code (the workflow id is the business key)', async () => {
    const body = draftBody();
    await create(rep1, body);
    const again = await rep2.post('/api/v1/contracts', body);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'CONTRACT_EXISTS', details: [{ field: 'code' }] });
    expect(Number((await db.query('SELECT count(*) AS n FROM contracts WHERE code = $1', [body.code])).rows[0].n)).toBe(1);
  });

  it('carries on when the worker is killed before approval: the approval waits for the restarted worker', async () => {
    const c = await create();
    await rep1.post(`/api/v1/contracts/${c.id}/submit`);
    await worker.kill9();
    const approval = manager1.post(`/api/v1/contracts/${c.id}/approve`);
    await new Promise((r) => setTimeout(r, 1000));
    worker.start();
    await worker.waitForOutput(/worker polling/);
    expect((await approval).status).toBe(200);
    await manager1.waitForStatus(c.id, 'ACTIVE', 60_000);
    const rows = await db.query('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = $1', [c.id]);
    expect(Number(rows.rows[0].n)).toBe(1);
  }, 120_000);

  it('carries on when the worker is killed during deploy: ACTIVE, with exactly one deployment row and no duplicate audit lines', async () => {
    const c = await create();
    await rep1.post(`/api/v1/contracts/${c.id}/submit`);
    // Hold the deploy inside its transaction, after the approval's line: an uncommitted deployment
    // row of this contract (with its key-share lock on the contract) makes the deploy's row lock
    // on the contract wait for it. Then kill the worker there, mid-deploy.
    const holder = new Client({ connectionString: testStack().databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`INSERT INTO contract_deployments (contract_id, deployed_at, deploy_seq, terms_count, buyers_count) VALUES ($1, now(), 0, 0, 0)`, [c.id]);
      const approval = manager1.post(`/api/v1/contracts/${c.id}/approve`);
      const waitingDeploys = async () => Number((await db.query(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM contracts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE%' AND pid <> pg_backend_pid()`)).rows[0].n);
      for (let i = 0; i < 200 && (await waitingDeploys()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await waitingDeploys()).toBe(1);
      await worker.kill9();
      await holder.query('ROLLBACK');
      worker.start();
      await worker.waitForOutput(/worker polling/);
      // The killed worker's transaction rolled back; the restarted worker takes the workflow task
      // over when it times out and runs the step again. The approve may answer late (503).
      expect([200, 503]).toContain((await approval).status);
    } finally {
      await holder.end();
    }
    await manager1.waitForStatus(c.id, 'ACTIVE', 100_000);
    expect(Number((await db.query('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = $1', [c.id])).rows[0].n)).toBe(1);
    const history = (await db.query('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [c.id])).rows.map((r) => r.action);
    expect(history).toEqual(['create', 'submit', 'approve', 'startDeploy', 'deploySucceeded']);
  }, 150_000);

  it('shuts down gracefully on SIGTERM: the worker drains, both exit 0', async () => {
    await worker.stop();
    expect(await worker.exit).toEqual({ code: 0, signal: null });
    expect(worker.output).toMatch(/worker stopped/);
    await api.stop();
    expect(await api.exit).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe('configuration is validated at start', () => {
  it('the API names the bad variable and exits 1', async () => {
    const api = new AppProcess('api', appEnv({ PORT: 'abc' })).start();
    expect((await api.exit)!.code).toBe(1);
    expect(api.output).toMatch(/PORT must be an integer/);
  });

  it('the worker names the missing variable and exits 1', async () => {
    const env = appEnv({});
    delete env.TEMPORAL_ADDRESS;
    const worker = new AppProcess('worker', env).start();
    expect((await worker.exit)!.code).toBe(1);
    expect(worker.output).toMatch(/TEMPORAL_ADDRESS is required/);
  });
});

/**
 * POSTs a body the server may refuse from its Content-Length alone. fastify answers 413 and closes
 * the socket at once; uploading 2 MB meanwhile makes the client fail with EPIPE before it reads the
 * answer. So: send the headers, give the server a second to answer, and upload only if it did not.
 */
function postEarlyAnswered(client: HttpClient, path: string, body: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(new URL(client.baseUrl + path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${client.token}` },
    }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', (err) => { if (!answered) reject(err); });
    req.flushHeaders();
    setTimeout(() => { if (!answered) req.end(body); }, 1000);
  });
}
