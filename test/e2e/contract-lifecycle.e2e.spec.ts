import { randomUUID } from 'node:crypto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { CONTRACT_WORKFLOW_TYPE, contractWorkflowId, createdUpdate, type ContractLifecycleInput } from '@pactum/workflows';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';
import { testSigner } from '../support/workflow-commands';

/**
 * The lifecycle over HTTP with the API and the worker as real processes on the real Postgres and
 * Temporal: the role matrix (every action × every role), edits, new versions closing older ones,
 * and mirrored contracts.
 */
describe('contract lifecycle over HTTP', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let db: Client;
  let taskQueue: string;
  const users: Record<string, HttpClient> = {};

  beforeAll(async () => {
    const port = await freePort();
    taskQueue = `e2e-lifecycle-${randomUUID()}`;
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: taskQueue, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const u of ['rep1', 'rep2', 'manager1', 'manager2', 'integrator', 'checkout', 'admin']) users[u] = await http.login(u);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  async function created(body = draftBody()): Promise<any> {
    const res = await users.rep1.post('/api/v1/contracts', body);
    if (res.status !== 201) throw new Error(`create: ${res.status} ${res.text}`);
    return res.body;
  }

  async function expectOk(res: { status: number; text: string }, status = 200) {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  }

  /** A contract owned by rep1 in the given status. */
  async function contractIn(status: 'DRAFT' | 'PENDING_APPROVAL' | 'ACTIVE' | 'SUSPENDED'): Promise<string> {
    const c = await created();
    if (status === 'DRAFT') return c.id;
    await expectOk(await users.rep1.post(`/api/v1/contracts/${c.id}/submit`));
    if (status === 'PENDING_APPROVAL') return c.id;
    await expectOk(await users.manager1.post(`/api/v1/contracts/${c.id}/approve`));
    await users.rep1.waitForStatus(c.id, 'ACTIVE');
    if (status === 'ACTIVE') return c.id;
    await expectOk(await users.manager1.post(`/api/v1/contracts/${c.id}/suspend`, { reason: 'credit hold' }));
    return c.id;
  }

  describe('role matrix', () => {
    type Who = 'owner' | 'rep2' | 'manager1' | 'integrator' | 'checkout' | 'admin' | 'anonymous';
    const WHO: Who[] = ['owner', 'rep2', 'manager1', 'integrator', 'checkout', 'admin', 'anonymous'];
    const client = (who: Who) => (who === 'owner' ? users.rep1 : who === 'anonymous' ? http : users[who]);

    interface Row {
      action: string;
      state: 'DRAFT' | 'PENDING_APPROVAL' | 'ACTIVE' | 'SUSPENDED' | 'none';
      call: (c: HttpClient, id: string) => Promise<{ status: number; text: string }>;
      /** The answer per role; a 2xx cell gets a fresh contract (the action changes it). */
      expect: Record<Who, number>;
    }
    const terms = draftBody().terms;
    const ROWS: Row[] = [
      { action: 'create', state: 'none', call: (c) => c.post('/api/v1/contracts', draftBody()),
        expect: { owner: 201, rep2: 201, manager1: 403, integrator: 403, checkout: 403, admin: 201, anonymous: 401 } },
      { action: 'list', state: 'none', call: (c) => c.get('/api/v1/contracts?pageSize=1'),
        expect: { owner: 200, rep2: 200, manager1: 200, integrator: 200, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'get', state: 'DRAFT', call: (c, id) => c.get(`/api/v1/contracts/${id}`),
        expect: { owner: 200, rep2: 200, manager1: 200, integrator: 200, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'history', state: 'DRAFT', call: (c, id) => c.get(`/api/v1/contracts/${id}/history`),
        expect: { owner: 200, rep2: 200, manager1: 200, integrator: 200, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'patch', state: 'DRAFT', call: (c, id) => c.request('PATCH', `/api/v1/contracts/${id}`, { description: 'edited' }),
        expect: { owner: 200, rep2: 403, manager1: 403, integrator: 403, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'put terms', state: 'DRAFT', call: (c, id) => c.request('PUT', `/api/v1/contracts/${id}/terms`, terms),
        expect: { owner: 200, rep2: 403, manager1: 403, integrator: 403, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'submit', state: 'DRAFT', call: (c, id) => c.post(`/api/v1/contracts/${id}/submit`),
        expect: { owner: 200, rep2: 403, manager1: 403, integrator: 403, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'approve', state: 'PENDING_APPROVAL', call: (c, id) => c.post(`/api/v1/contracts/${id}/approve`),
        expect: { owner: 403, rep2: 403, manager1: 200, integrator: 403, checkout: 403, admin: 403, anonymous: 401 } },
      { action: 'reject', state: 'PENDING_APPROVAL', call: (c, id) => c.post(`/api/v1/contracts/${id}/reject`, { reason: 'no' }),
        expect: { owner: 403, rep2: 403, manager1: 200, integrator: 403, checkout: 403, admin: 403, anonymous: 401 } },
      // Deploy retries a failed deploy; on an Active contract every entitled role gets the state conflict.
      { action: 'deploy', state: 'ACTIVE', call: (c, id) => c.post(`/api/v1/contracts/${id}/deploy`),
        expect: { owner: 409, rep2: 409, manager1: 409, integrator: 403, checkout: 403, admin: 409, anonymous: 401 } },
      { action: 'suspend', state: 'ACTIVE', call: (c, id) => c.post(`/api/v1/contracts/${id}/suspend`, { reason: 'hold' }),
        expect: { owner: 403, rep2: 403, manager1: 200, integrator: 403, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'resume', state: 'SUSPENDED', call: (c, id) => c.post(`/api/v1/contracts/${id}/resume`),
        expect: { owner: 403, rep2: 403, manager1: 200, integrator: 403, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'cancel', state: 'ACTIVE', call: (c, id) => c.post(`/api/v1/contracts/${id}/cancel`, { reason: 'customer left' }),
        expect: { owner: 200, rep2: 403, manager1: 200, integrator: 403, checkout: 403, admin: 200, anonymous: 401 } },
      { action: 'new-version', state: 'ACTIVE', call: (c, id) => c.post(`/api/v1/contracts/${id}/new-version`),
        expect: { owner: 201, rep2: 403, manager1: 403, integrator: 403, checkout: 403, admin: 201, anonymous: 401 } },
      { action: 'delete', state: 'DRAFT', call: (c, id) => c.request('DELETE', `/api/v1/contracts/${id}`),
        expect: { owner: 200, rep2: 403, manager1: 403, integrator: 403, checkout: 403, admin: 200, anonymous: 401 } },
    ];

    it('covers every action of API.md', () => {
      expect(ROWS.map((r) => r.action)).toEqual([
        'create', 'list', 'get', 'history', 'patch', 'put terms', 'submit', 'approve', 'reject', 'deploy', 'suspend', 'resume', 'cancel', 'new-version', 'delete',
      ]);
    });

    it.each(ROWS.map((r) => [r.action, r] as const))('%s: each role gets its answer, and refusals change nothing', async (_action, row) => {
      const shared = row.state === 'none' ? '' : await contractIn(row.state);
      const before = shared ? (await users.admin.get(`/api/v1/contracts/${shared}`)).body : null;
      const seen: Record<string, number> = {};
      for (const who of WHO) {
        const changes = row.expect[who] >= 200 && row.expect[who] < 300 && row.state !== 'none' && !['get', 'history'].includes(row.action);
        const id = changes ? await contractIn(row.state as Exclude<Row['state'], 'none'>) : shared;
        const res = await row.call(client(who), id);
        seen[who] = res.status;
        if (res.status >= 400) expect(JSON.parse(res.text)).toMatchObject({ statusCode: res.status, message: expect.any(String) });
      }
      expect(seen).toEqual(row.expect);
      if (shared) {
        const after = (await users.admin.get(`/api/v1/contracts/${shared}`)).body;
        expect({ status: after.status, updatedAt: after.updatedAt }).toEqual({ status: before.status, updatedAt: before.updatedAt });
      }
    }, 120_000);
  });

  it('refuses approve and reject by a sales manager of another organisation (403 NOT_AN_APPROVER), changing nothing', async () => {
    const outsider = `outsider-${randomUUID().slice(0, 8)}`;
    await insertTestUsers(db, [{ username: outsider, role: 'sales_manager', organization: 'o=Contoso Builders,o=Root Organization', email: `${outsider}@test` }]);
    const as = await http.login(outsider);
    const id = await contractIn('PENDING_APPROVAL');
    for (const [action, body] of [['approve', {}], ['reject', { reason: 'no' }]] as const) {
      const res = await as.post(`/api/v1/contracts/${id}/${action}`, body);
      expect({ action, ...res.body }).toMatchObject({ action, statusCode: 403, code: 'NOT_AN_APPROVER', details: [{ field: 'seller' }] });
    }
    expect((await users.rep1.get(`/api/v1/contracts/${id}`)).body.status).toBe('PENDING_APPROVAL');
    expect((await as.get('/api/v1/inbox')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    await expectOk(await users.manager1.post(`/api/v1/contracts/${id}/approve`));
  });

  it('edits a draft with PATCH and PUT terms, validating the whole result, and refuses edits once submitted', async () => {
    const c = await created();
    const patched = await users.rep1.request('PATCH', `/api/v1/contracts/${c.id}`, { description: 'Renegotiated', comment: 'v2 terms' });
    expect(patched).toMatchObject({ status: 200, body: { description: 'Renegotiated', comment: 'v2 terms', status: 'DRAFT' } });
    const newTerms = [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-7.5' },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
      { type: 'ShippingTCShippingMode', sequenceNumber: 3, mode: 'UPS-GROUND' },
    ];
    const put = await users.rep1.request('PUT', `/api/v1/contracts/${c.id}/terms`, newTerms);
    expect(put.status).toBe(200);
    expect(put.body.terms).toEqual(newTerms);
    const bad = await users.rep1.request('PATCH', `/api/v1/contracts/${c.id}`, { endsAt: '2020-01-01T00:00:00Z' });
    expect(bad).toMatchObject({ status: 422, body: { details: [{ field: 'endsAt' }] } });
    const rename = await users.rep1.request('PATCH', `/api/v1/contracts/${c.id}`, { code: 'OTHER' });
    expect(rename).toMatchObject({ status: 422, body: { details: [{ field: 'code' }] } });
    const history = (await users.rep1.get(`/api/v1/contracts/${c.id}/history`)).body;
    expect(history.map((h: any) => h.action)).toEqual(['create', 'edit', 'edit']);

    await expectOk(await users.rep1.post(`/api/v1/contracts/${c.id}/submit`));
    const late = await users.rep1.request('PATCH', `/api/v1/contracts/${c.id}`, { description: 'too late' });
    expect(late).toMatchObject({ status: 409, body: { code: 'INVALID_STATE_TRANSITION' } });
    expect((await users.rep1.get(`/api/v1/contracts/${c.id}`)).body.description).toBe('Renegotiated');
  });

  it('submit checks the rules that need the account and the base contract, naming the field, and writes nothing', async () => {
    const noPrice = await created(draftBody({ terms: [{ type: 'ShippingTCShippingCharge', sequenceNumber: 1, policy: 'StandardShippingChargeBySeller' }] }));
    const refused = await users.rep1.post(`/api/v1/contracts/${noPrice.id}/submit`);
    expect(refused).toMatchObject({ status: 422, body: { details: [expect.objectContaining({ field: 'terms' })] } });
    const outside = await created(draftBody({ buyers: [{ organization: 'o=Contoso Builders,o=Root Organization', active: true }] }));
    const wrongAccount = await users.rep1.post(`/api/v1/contracts/${outside.id}/submit`);
    expect(wrongAccount).toMatchObject({ status: 422, body: { details: [expect.objectContaining({ field: 'buyers[0].organization' })] } });
    for (const id of [noPrice.id, outside.id]) {
      expect((await users.rep1.get(`/api/v1/contracts/${id}`)).body.status).toBe('DRAFT');
      expect((await users.rep1.get(`/api/v1/contracts/${id}/history`)).body).toHaveLength(1);
    }
  });

  it('a rejected contract is edited back to Draft and keeps the rejection reason in its history', async () => {
    const id = await contractIn('PENDING_APPROVAL');
    await expectOk(await users.manager1.post(`/api/v1/contracts/${id}/reject`, { reason: 'discount too deep' }));
    const edited = await users.rep1.request('PATCH', `/api/v1/contracts/${id}`, { description: 'smaller discount' });
    expect(edited).toMatchObject({ status: 200, body: { status: 'DRAFT' } });
    const history = (await users.rep1.get(`/api/v1/contracts/${id}/history`)).body;
    expect(history.find((h: any) => h.action === 'reject')).toMatchObject({ actor: 'manager1', detail: { reason: 'discount too deep' } });
  });

  it('new version: copies an Active contract into Draft 1.1; deploying it closes 1.0 atomically', async () => {
    const id = await contractIn('ACTIVE');
    const v11 = await users.rep1.post(`/api/v1/contracts/${id}/new-version`);
    expect(v11).toMatchObject({ status: 201, body: { version: '1.1', status: 'DRAFT', owner: 'rep1' } });
    const old = (await users.rep1.get(`/api/v1/contracts/${id}`)).body;
    expect(v11.body).toMatchObject({ code: old.code, terms: old.terms, buyers: old.buyers });
    expect(v11.body.id).not.toBe(id);
    // A second new version while 1.1 exists is 1.2, not a clash.
    const v12 = await users.rep1.post(`/api/v1/contracts/${id}/new-version`);
    expect(v12).toMatchObject({ status: 201, body: { version: '1.2' } });

    expect((await users.rep1.request('PATCH', `/api/v1/contracts/${v11.body.id}`, { description: 'renewed' })).status).toBe(200);
    await expectOk(await users.rep1.post(`/api/v1/contracts/${v11.body.id}/submit`));
    await expectOk(await users.manager1.post(`/api/v1/contracts/${v11.body.id}/approve`));
    await users.rep1.waitForStatus(v11.body.id, 'ACTIVE');
    const closed = await users.rep1.waitForStatus(id, 'CLOSED');
    expect(closed.status).toBe('CLOSED');
    const history = (await users.rep1.get(`/api/v1/contracts/${id}/history`)).body;
    expect(history.at(-1)).toMatchObject({ action: 'close', fromStatus: 'ACTIVE', toStatus: 'CLOSED', detail: { reason: 'version 1.1 deployed' } });
    const { rows } = await db.query(`SELECT contract_id FROM contract_deployments WHERE contract_id = ANY($1)`, [[id, v11.body.id]]);
    expect(rows.map((r) => r.contract_id)).toEqual([v11.body.id]);
    // The closed version's workflow caught up and ended: an action on it is refused, not applied.
    const suspend = await users.manager1.post(`/api/v1/contracts/${id}/suspend`, { reason: 'late' });
    expect([404, 409]).toContain(suspend.status);
    expect((await users.rep1.get(`/api/v1/contracts/${id}`)).body.status).toBe('CLOSED');
    // Only Approved, Active and Suspended contracts get new versions.
    const draft = await created();
    expect((await users.rep1.post(`/api/v1/contracts/${draft.id}/new-version`))).toMatchObject({ status: 409, body: { code: 'INVALID_STATE_TRANSITION' } });
  });

  it('runs contract workflows without the SDK\'s per-promise stack traces (WORKER_STACK_TRACES is off by default)', async () => {
    const id = await contractIn('PENDING_APPROVAL');
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    try {
      const handle = new TemporalClient({ connection }).workflow.getHandle(contractWorkflowId(id));
      await expect(handle.query('__stack_trace')).rejects.toThrow(/stack traces are not enabled/);
      expect(worker.output).toMatch(/workflow stack traces off/);
    } finally {
      await connection.close();
    }
  });

  it('refuses edits, submit and new versions of a mirrored (imported) contract with 409', async () => {
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    try {
      const temporal = new TemporalClient({ connection });
      const contractId = randomUUID();
      const draft = draftBody();
      const input: ContractLifecycleInput = { contractId, draft, createdBy: 'integrator', owner: 'rep1', origin: 'Imported' };
      const workflowId = contractWorkflowId(contractId);
      const signer = testSigner();
      const handle = await temporal.workflow.start(CONTRACT_WORKFLOW_TYPE, { taskQueue, workflowId, args: [signer.start(CONTRACT_WORKFLOW_TYPE, workflowId, input)] });
      await handle.executeUpdate(createdUpdate, signer.bareUpdate(workflowId, createdUpdate));
      const patch = await users.rep1.request('PATCH', `/api/v1/contracts/${contractId}`, { description: 'local change' });
      expect(patch).toMatchObject({ status: 409, body: { code: 'MIRRORED_CONTRACT' } });
      expect(await users.rep1.post(`/api/v1/contracts/${contractId}/submit`)).toMatchObject({ status: 409, body: { code: 'MIRRORED_CONTRACT' } });
      // Refused for being mirrored, before its status is looked at (a Draft's would be INVALID_STATE_TRANSITION), and no version 1.1 exists.
      expect(await users.rep1.post(`/api/v1/contracts/${contractId}/new-version`)).toMatchObject({ status: 409, body: { code: 'MIRRORED_CONTRACT' } });
      expect((await db.query(`SELECT count(*)::int AS n FROM contracts WHERE code = $1`, [draft.code])).rows).toEqual([{ n: 1 }]);
      expect((await users.rep1.get(`/api/v1/contracts/${contractId}`)).body).toMatchObject({ origin: 'Imported', status: 'DRAFT', description: draft.description });
    } finally {
      await connection.close();
    }
  });
});
