import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import type { ContractDraft } from '@pactum/domain';
import { DEMO_BUYERS } from '@pactum/persistence';
import { generatePackage } from '@pactum/xml';
import { importWorkflowId } from '@pactum/workflows';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';
import { ClusterStack, waitUntil } from './support/cluster-stack';

/**
 * Processes killed under work on the production topology: a Pactum worker during an import, an
 * API process during checkout commits, Temporal's history service during an approval. The other
 * processes carry the work on; nothing is lost or counted twice.
 */

jest.setTimeout(300_000);

describe('failures on a Temporal cluster with two workers and two API processes', () => {
  let stack: ClusterStack;
  let db: PgClient;
  let temporal: Connection;

  beforeAll(async () => {
    // A killed worker's import activity is taken over once its heartbeat is overdue: 5 s here.
    stack = await ClusterStack.start('faults', { IMPORT_HEARTBEAT_TIMEOUT_MS: '5000', WORKFLOW_ANSWER_TIMEOUT_MS: '30000' });
    db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
    temporal = await Connection.connect({ address: stack.temporal.address });
  }, 240_000);

  afterAll(async () => {
    await temporal?.close();
    await db?.end();
    await stack?.stop();
  });

  it('finishes an import on the other worker when the worker running it is killed, writing every contract once with one workflow each', async () => {
    const integrator = await stack.http(0).login('integrator');
    // Large enough that the file's activity is still running when the poll below finds it: a file
    // processed before the kill would test the resume of the workflow starts instead.
    const contracts = 1000;
    const chunks: Buffer[] = [];
    for await (const chunk of generatePackage({ contracts, offersPerContract: 40, contractsPerAccount: 1000 })) chunks.push(chunk as Buffer);
    const posted = await integrator.request('POST', '/api/v1/imports?createMissing=true', Buffer.concat(chunks).toString('utf8'), { 'content-type': 'application/xml' });
    expect(posted.status).toBe(202);
    const jobId = posted.body.id as string;

    // The worker whose activity runs the file, named by Temporal as the pending activity's last worker.
    const client = new Client({ connection: temporal, namespace: stack.temporal.namespace });
    let identity = '';
    await waitUntil('the file\'s import activity is running and has written contracts', async () => {
      const d = await client.workflow.getHandle(importWorkflowId(jobId)).describe();
      const pending = d.raw.pendingActivities?.[0];
      identity = pending?.activityType?.name === 'processImportFile' ? pending.lastWorkerIdentity ?? '' : '';
      const written = (await db.query(`SELECT count(*)::int AS n FROM contracts WHERE code LIKE 'GEN-%'`)).rows[0].n as number;
      return identity !== '' && written > 0;
    }, 120_000);
    const running = stack.workers.find((w) => identity.startsWith(`${w.child!.pid}@`));
    expect(running).toBeDefined();
    await running!.kill9();
    const survivor = stack.workers.find((w) => w !== running)!;

    let last: unknown;
    await waitUntil('the import job ends', async () => {
      last = (await integrator.get(`/api/v1/imports/${jobId}`)).body;
      return ['SUCCEEDED', 'FAILED'].includes((last as { status: string }).status);
    }, 180_000).catch((err) => { throw new Error(`${(err as Error).message}: ${JSON.stringify(last).slice(0, 2000)}\n${survivor.output.slice(-3000)}`); });
    const job = (await integrator.get(`/api/v1/imports/${jobId}`)).body;
    expect(job.status).toBe('SUCCEEDED');
    expect(survivor.output).toMatch(/import resumes/);
    const rows = (await db.query<{ code: string; n: number; workflows: number }>(
      `SELECT code, count(*)::int AS n, count(DISTINCT workflow_id)::int AS workflows FROM contracts WHERE code LIKE 'GEN-%' GROUP BY code`)).rows;
    expect(rows).toHaveLength(contracts);
    expect(rows.filter((r) => r.n !== 1 || r.workflows !== 1)).toEqual([]);
    // Every contract's workflow exists once on the cluster and took its first step.
    const started = (await db.query(`SELECT count(*)::int AS n FROM contract_history h JOIN contracts c ON c.id = h.contract_id WHERE c.code LIKE 'GEN-%' AND h.action = 'create'`)).rows[0].n;
    expect(started).toBe(contracts);
    // Started again for the next test.
    running!.start();
    await running!.waitForOutput(/worker polling/);
  });

  it('counts every order once when an API process is killed during checkout commits and its orders are sent again to the other one', async () => {
    const buyer = `ou=Cluster ${randomUUID().slice(0, 8)},${DEMO_BUYERS.northwind}`;
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const rep = await stack.http(0).login('rep1');
    const manager = await stack.http(1).login('manager1');
    const terms = [
      { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'Custom', offers: [{ sku, price: '10.00', currency: 'USD' }] },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
      { type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '100000.00', currency: 'USD' },
    ] as ContractDraft['terms'];
    const created = await rep.post('/api/v1/contracts', draftBody({ buyers: [{ organization: buyer, active: true }], terms }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await rep.post(`/api/v1/contracts/${id}/submit`)).body.status).toBe('PENDING_APPROVAL');
    expect((await manager.post(`/api/v1/contracts/${id}/approve`)).body.status).toBe('ACTIVE');
    const checkout = await Promise.all([stack.http(0).login('checkout'), stack.http(1).login('checkout')]);
    const order = (orderId: string) => ({ orderId, buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku, quantity: 1, listPrice: '20.00' }] });
    for (const c of checkout) {
      await waitUntil('both API processes price the SKU under the contract', async () => {
        const { orderId: _probe, ...evaluation } = order('probe');
        return (await c.post('/api/v1/checkout/evaluate', evaluation)).body?.lines?.[0]?.contract?.id === id;
      }, 10_000);
    }

    // 400 orders, alternately to each process; API 0 is killed with SIGKILL while they are in flight.
    const ids = Array.from({ length: 400 }, (_, i) => `kill-${id}-${i}`);
    const first = Promise.all(ids.map((orderId, i) => checkout[i % 2]!.post('/api/v1/checkout/commit', order(orderId)).catch(() => ({ status: 0 }))));
    await new Promise((r) => setTimeout(r, 150));
    await stack.apis[0]!.kill9();
    const answers = await first;
    expect(answers.some((a) => a.status !== 200)).toBe(true); // the kill cut some of them off
    // An order service sends every order without an answer again, to the process still up.
    for (const [i, a] of answers.entries()) {
      if (a.status === 200) continue;
      const again = await checkout[1]!.post('/api/v1/checkout/commit', order(ids[i]!));
      expect(again.status).toBe(200);
    }
    const ledger = (await db.query(`SELECT consumed::text AS consumed FROM checkout_right_to_buy WHERE contract_id = $1`, [id])).rows[0];
    const orders = (await db.query(`SELECT count(*)::int AS n FROM checkout_orders WHERE order_id LIKE $1 AND status = 'COMMITTED'`, [`kill-${id}-%`])).rows[0].n;
    const spends = (await db.query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM checkout_order_spend WHERE contract_id = $1`, [id])).rows[0];
    expect({ orders, spends: spends.n, spent: spends.total, consumed: ledger.consumed }).toEqual({ orders: 400, spends: 400, spent: '4000.00', consumed: '4000.00' });
    stack.apis[0]!.start();
    await stack.apis[0]!.waitForOutput(/API listening/);
  });

  it('completes an approval sent while Temporal\'s history service is restarted, once', async () => {
    const rep = await stack.http(0).login('rep1');
    const manager = await stack.http(1).login('manager1');
    const id = (await rep.post('/api/v1/contracts', draftBody())).body.id as string;
    expect((await rep.post(`/api/v1/contracts/${id}/submit`)).body.status).toBe('PENDING_APPROVAL');

    const restarted = stack.temporal.restart('history');
    const approved = await manager.post(`/api/v1/contracts/${id}/approve`, { comment: 'during the restart' });
    await restarted;
    // Answered, or "may still be applied" (503 WORKFLOW_TIMEOUT): the manager asks again until it is decided.
    let answer = approved;
    for (const until = Date.now() + 120_000; answer.status !== 200 && Date.now() < until;) {
      expect([503, 409]).toContain(answer.status);
      const now = (await manager.get(`/api/v1/contracts/${id}`)).body.status;
      if (now !== 'PENDING_APPROVAL') break;
      await new Promise((r) => setTimeout(r, 1000));
      answer = await manager.post(`/api/v1/contracts/${id}/approve`, { comment: 'during the restart' });
    }
    await rep.waitForStatus(id, 'ACTIVE', 120_000);
    const history = await db.query<{ action: string }>('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [id]);
    expect(history.rows.map((r) => r.action)).toEqual(['create', 'submit', 'approve', 'startDeploy', 'deploySucceeded']);
  });
});
