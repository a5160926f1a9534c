import { randomUUID } from 'node:crypto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import type { ContractDraft } from '@pactum/domain';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient, expectStatus } from '../support/http-client';
import { testStack } from '../support/test-stack';

/**
 * Lifecycle edges over HTTP with the API and worker on the real Postgres and Temporal: Cancelled
 * and Closed contracts (whose workflows have ended) are deleted with their audit line, every other
 * action on them is a 409 naming the status, a base contract in use refuses suspend and cancel,
 * and a new version keeps the reserved quantities of the approved version it copies.
 */
describe('lifecycle edges', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let db: Client;
  let connection: Connection;
  const as: Record<string, HttpClient> = {};

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-ended-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const u of ['rep1', 'rep2', 'manager1', 'admin']) as[u] = await http.login(u);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    connection = await Connection.connect({ address: testStack().temporalAddress });
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const ok = expectStatus;

  async function active(overrides: Partial<ContractDraft> = {}): Promise<any> {
    const c = (await ok(await as.rep1.post('/api/v1/contracts', draftBody(overrides)), 201)).body;
    await ok(await as.rep1.post(`/api/v1/contracts/${c.id}/submit`));
    await ok(await as.manager1.post(`/api/v1/contracts/${c.id}/approve`));
    await as.rep1.waitForStatus(c.id, 'ACTIVE');
    return c;
  }

  /** Waits until the contract's workflow run has closed in Temporal. */
  async function workflowEnded(workflowId: string): Promise<void> {
    const handle = new TemporalClient({ connection }).workflow.getHandle(workflowId);
    const deadline = Date.now() + 20_000;
    while ((await handle.describe()).status.name === 'RUNNING') {
      if (Date.now() > deadline) throw new Error(`workflow ${workflowId} is still running`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const historyOf = async (id: string) => (await db.query(
    `SELECT seq, actor, action, from_status, to_status, detail FROM contract_history WHERE contract_id = $1 ORDER BY seq`, [id])).rows;

  async function ended(kind: 'CANCELLED' | 'CLOSED'): Promise<any> {
    const c = await active();
    if (kind === 'CANCELLED') {
      await ok(await as.rep1.post(`/api/v1/contracts/${c.id}/cancel`, { reason: 'customer left' }));
    } else {
      const next = (await ok(await as.rep1.post(`/api/v1/contracts/${c.id}/new-version`), 201)).body;
      await ok(await as.rep1.post(`/api/v1/contracts/${next.id}/submit`));
      await ok(await as.manager1.post(`/api/v1/contracts/${next.id}/approve`));
      await as.rep1.waitForStatus(next.id, 'ACTIVE');
    }
    await as.rep1.waitForStatus(c.id, kind);
    await workflowEnded(c.workflowId);
    return c;
  }

  it.each(['CANCELLED', 'CLOSED'] as const)('deletes a %s contract whose workflow has ended, with its audit line', async (kind) => {
    const c = await ended(kind);
    const before = await historyOf(c.id);
    // Only the owner (or an admin) deletes, as through the workflow.
    expect(await as.rep2.request('DELETE', `/api/v1/contracts/${c.id}`)).toMatchObject({ status: 403 });
    await ok(await as.rep1.request('DELETE', `/api/v1/contracts/${c.id}`));
    expect(await as.rep1.get(`/api/v1/contracts/${c.id}`)).toMatchObject({ status: 404, body: { code: 'CONTRACT_NOT_FOUND' } });
    const after = await historyOf(c.id);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      { seq: before[before.length - 1].seq + 1, actor: 'rep1', action: 'delete', from_status: kind, to_status: kind, detail: { workflowEnded: true } },
    ]);
    const [row] = (await db.query(`SELECT status, deleted_at IS NOT NULL AS deleted, state_seq FROM contracts WHERE id = $1`, [c.id])).rows;
    expect(row).toEqual({ status: kind, deleted: true, state_seq: before[before.length - 1].seq + 1 });
    // Deleting again finds nothing to delete.
    expect(await as.rep1.request('DELETE', `/api/v1/contracts/${c.id}`)).toMatchObject({ status: 404, body: { code: 'CONTRACT_NOT_FOUND' } });
  }, 90_000);

  it('answers every other action on an ended contract with a 409 naming its status, never a 404 of its workflow', async () => {
    const c = await ended('CANCELLED');
    const calls: [string, HttpClient, () => Promise<{ status: number; body: any }>][] = [
      ['submit', as.rep1, () => as.rep1.post(`/api/v1/contracts/${c.id}/submit`)],
      ['deploy', as.rep1, () => as.rep1.post(`/api/v1/contracts/${c.id}/deploy`)],
      ['suspend', as.manager1, () => as.manager1.post(`/api/v1/contracts/${c.id}/suspend`, { reason: 'hold' })],
      ['resume', as.manager1, () => as.manager1.post(`/api/v1/contracts/${c.id}/resume`)],
      ['cancel', as.rep1, () => as.rep1.post(`/api/v1/contracts/${c.id}/cancel`, { reason: 'again' })],
      ['patch', as.rep1, () => as.rep1.request('PATCH', `/api/v1/contracts/${c.id}`, { description: 'late edit' })],
      ['put terms', as.rep1, () => as.rep1.request('PUT', `/api/v1/contracts/${c.id}/terms`, draftBody().terms)],
    ];
    const before = await historyOf(c.id);
    for (const [action, , call] of calls) {
      const res = await call();
      expect({ action, status: res.status, code: res.body.code, details: res.body.details })
        .toEqual({ action, status: 409, code: 'INVALID_STATE_TRANSITION', details: [{ field: 'status', message: 'is CANCELLED' }] });
    }
    expect(await historyOf(c.id)).toEqual(before);
  }, 90_000);

  it('a base contract in use refuses suspend and cancel (checked in Postgres); once its user is cancelled it may be suspended', async () => {
    const base = await active({ isBase: true, buyers: [], terms: [{ type: 'ShippingTCShippingMode', sequenceNumber: 1, mode: 'UPS' }] as ContractDraft['terms'] });
    const user = await active({ baseContract: { code: base.code } });
    expect((await db.query(`SELECT base_contract_id FROM contracts WHERE id = $1`, [user.id])).rows).toEqual([{ base_contract_id: base.id }]);
    for (const [action, body] of [['suspend', { reason: 'hold' }], ['cancel', { reason: 'replaced' }]] as const) {
      const res = await as.manager1.post(`/api/v1/contracts/${base.id}/${action}`, body);
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'BASE_CONTRACT_IN_USE' });
      expect(res.body.message).toContain(user.code);
    }
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${base.id}`))).body.status).toBe('ACTIVE');

    await ok(await as.rep1.post(`/api/v1/contracts/${user.id}/cancel`, { reason: 'customer left' }));
    await as.rep1.waitForStatus(user.id, 'CANCELLED');
    expect((await ok(await as.manager1.post(`/api/v1/contracts/${base.id}/suspend`, { reason: 'hold' }))).body.status).toBe('SUSPENDED');
  }, 120_000);

  it('a new version of an approved quantity contract may change its prices and, while nothing is drawn, its reserved lines; the approved version keeps its own', async () => {
    // What the family has drawn is each line's floor: test/checkout/quantity-versions.e2e.spec.ts.
    const reserving = (quantity: number, price: string, sku = 'Q-1') => [
      { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'Custom', offers: [{ sku, price, currency: 'USD' }] },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
      { type: 'QuantityCommitmentTC', sequenceNumber: 3, lines: [{ sku, quantity }] },
    ] as ContractDraft['terms'];
    const c = await active({ terms: reserving(100, '10.00') });
    const next = (await ok(await as.rep1.post(`/api/v1/contracts/${c.id}/new-version`), 201)).body;
    const put = (terms: ContractDraft['terms']) => as.rep1.request('PUT', `/api/v1/contracts/${next.id}/terms`, terms);

    await ok(await put(reserving(100, '10.00', 'Q-2')));
    const repriced = await ok(await put(reserving(90, '9.50')));
    expect(repriced.body.terms[0].offers[0].price).toBe('9.50');
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${next.id}`))).body.terms[2].lines).toEqual([{ sku: 'Q-1', quantity: 90 }]);
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${c.id}`))).body.terms[2].lines).toEqual([{ sku: 'Q-1', quantity: 100 }]);
  }, 90_000);
});
