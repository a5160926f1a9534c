import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ContractStore, DEMO_BUYERS, WebhookStore, createDataSource } from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';

/**
 * The webhook triggers and the delivery queue on the real Postgres: which step writes which event,
 * that an event exists exactly when its step commits, who gets it, and the order deliveries are
 * claimed in. Subscriptions here filter on a buyer of this file's own and use a task queue no
 * worker polls, so other files' contracts and workers never meet them.
 */
describe('webhook events in Postgres', () => {
  const suffix = randomUUID().slice(0, 8);
  const buyer = `ou=Webhook pg ${suffix},${DEMO_BUYERS.northwind}`;
  const taskQueue = `pg-webhooks-${suffix}`;
  let ds: DataSource;
  let contracts: ContractStore;
  let webhooks: WebhookStore;
  let all: string;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 4 }).initialize();
    contracts = new ContractStore(ds);
    webhooks = new WebhookStore(ds);
    all = (await webhooks.create({ owner: 'pg-test', taskQueue, url: 'https://receiver.example/all', events: ['*'], filter: { buyer }, secret: 'whsec_AAAA' })).id;
  });
  afterAll(async () => {
    await ds.query(`DELETE FROM webhook_subscriptions WHERE task_queue = $1`, [taskQueue]);
    await ds.destroy();
  });

  const newContract = async () => {
    const rec = { id: randomUUID(), workflowId: `wf-${randomUUID()}`, draft: draftBody({ buyers: [{ organization: buyer, active: true }] }), origin: 'Manual', createdBy: 'rep1', at: new Date().toISOString() };
    await contracts.createDraft(rec);
    return rec.id;
  };
  const eventsOf = async (subscription: string, contractId: string): Promise<string[]> =>
    (await ds.query(`SELECT event_type FROM webhook_deliveries WHERE subscription_id = $1 AND scope = $2 ORDER BY id`, [subscription, contractId])).map((r: { event_type: string }) => r.event_type);
  const lines = (contractId: string, steps: [string, string | null, string][], from = 2) => ds.query(
    `INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status)
     SELECT $1, s.seq, now(), 'test', s.action, s.from_status, s.to_status FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS s(seq, action, from_status, to_status)`,
    [contractId, steps.map((_, i) => from + i), steps.map((s) => s[0]), steps.map((s) => s[1]), steps.map((s) => s[2])]);

  it('maps every kind of step to its event types, in step order, and writes none for notes and intermediate steps', async () => {
    const id = await newContract();
    await lines(id, [
      ['submit', 'DRAFT', 'PENDING_APPROVAL'], ['remind', 'PENDING_APPROVAL', 'PENDING_APPROVAL'], ['escalate', 'PENDING_APPROVAL', 'PENDING_APPROVAL'],
      ['reject', 'PENDING_APPROVAL', 'REJECTED'], ['edit', 'REJECTED', 'DRAFT'], ['import', 'DRAFT', 'APPROVED'], ['startDeploy', 'APPROVED', 'DEPLOYING'],
      ['deployFailed', 'DEPLOYING', 'DEPLOYMENT_FAILED'], ['startDeploy', 'DEPLOYMENT_FAILED', 'DEPLOYING'], ['deploySucceeded', 'DEPLOYING', 'ACTIVE'],
      ['expiringSoon', 'ACTIVE', 'ACTIVE'], ['suspend', 'ACTIVE', 'SUSPENDED'], ['resume', 'SUSPENDED', 'ACTIVE'], ['complete', 'ACTIVE', 'COMPLETED'],
      ['archive', 'COMPLETED', 'ARCHIVED'],
    ]);
    const other = await newContract();
    await lines(other, [['approve', 'PENDING_APPROVAL', 'APPROVED'], ['expire', 'ACTIVE', 'EXPIRED'], ['close', 'SUSPENDED', 'CLOSED'], ['cancel', 'ACTIVE', 'CANCELLED'], ['delete', 'CANCELLED', 'CANCELLED']]);
    expect(await eventsOf(all, id)).toEqual([
      'contract.created', 'contract.submitted', 'contract.rejected', 'contract.submitted', 'contract.approved', 'contract.deployment_failed',
      'contract.activated', 'contract.expiring_soon', 'contract.suspended', 'contract.resumed', 'checkout.quantity.completed',
    ]);
    expect(await eventsOf(all, other)).toEqual(['contract.created', 'contract.approved', 'contract.expired', 'contract.closed', 'contract.cancelled', 'contract.deleted']);
    // The event id is derived from the step: the same (contract, seq, type) always names the same event.
    const [created] = await ds.query(`SELECT event_id, data FROM webhook_deliveries WHERE subscription_id = $1 AND scope = $2 ORDER BY id LIMIT 1`, [all, id]);
    expect(created.data).toMatchObject({ contract: { id, status: 'DRAFT', version: '1.0' }, step: { seq: 1, action: 'create', actor: 'rep1' } });
  });

  it('writes an event exactly when its step commits: a step rolled back leaves none', async () => {
    const id = await newContract();
    await expect(ds.transaction(async (m) => {
      await m.query(`INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status) VALUES ($1, 2, now(), 'rep1', 'submit', 'DRAFT', 'PENDING_APPROVAL')`, [id]);
      expect(await m.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1 AND scope = $2 AND event_type = 'contract.submitted'`, [all, id])).toEqual([{ n: 1 }]);
      throw new Error('the step fails after its line');
    })).rejects.toThrow('the step fails');
    expect(await eventsOf(all, id)).toEqual(['contract.created']);
    await contracts.recordTransition({ contractId: id, seq: 2, at: new Date().toISOString(), actor: 'rep1', action: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL' });
    // A retried attempt of the same step writes nothing more.
    await contracts.recordTransition({ contractId: id, seq: 2, at: new Date().toISOString(), actor: 'rep1', action: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL' });
    expect(await eventsOf(all, id)).toEqual(['contract.created', 'contract.submitted']);
  });

  it('fans out to the subscriptions that ask for the type and whose filter matches, disabled ones too (they keep their events)', async () => {
    const sub = (events: string[], filter: object) => webhooks.create({ owner: 'pg-test', taskQueue, url: 'https://receiver.example/x', events, filter, secret: 'whsec_AAAA' });
    const submittedOnly = await sub(['contract.submitted'], { buyer });
    const otherBuyer = await sub(['*'], { buyer: `${buyer}-not` });
    const otherSeller = await sub(['*'], { buyer, seller: 'o=Someone Else,o=Root Organization' });
    const rightAccount = await sub(['*'], { buyer, account: 'Northwind Fabrication' });
    const disabled = await sub(['*'], { buyer });
    await webhooks.update(disabled.id, undefined, { enabled: false });
    const id = await newContract();
    await lines(id, [['submit', 'DRAFT', 'PENDING_APPROVAL'], ['reject', 'PENDING_APPROVAL', 'REJECTED']]);
    expect({
      submittedOnly: await eventsOf(submittedOnly.id, id), otherBuyer: await eventsOf(otherBuyer.id, id), otherSeller: await eventsOf(otherSeller.id, id),
      rightAccount: await eventsOf(rightAccount.id, id), disabled: await eventsOf(disabled.id, id),
    }).toEqual({
      submittedOnly: ['contract.submitted'], otherBuyer: [], otherSeller: [],
      rightAccount: ['contract.created', 'contract.submitted', 'contract.rejected'], disabled: ['contract.created', 'contract.submitted', 'contract.rejected'],
    });
    for (const s of [submittedOnly, otherBuyer, otherSeller, rightAccount, disabled]) await webhooks.remove(s.id);
  });

  it('writes right-to-buy threshold events when consumption crosses 80% and 100% upwards, again after a return', async () => {
    const id = await newContract();
    await ds.query(`INSERT INTO checkout_right_to_buy (contract_id, limit_amount, currency) VALUES ($1, '250.00', 'USD')`, [id]);
    const spend = (consumed: string) => ds.query(`UPDATE checkout_right_to_buy SET consumed = $2::numeric WHERE contract_id = $1`, [id, consumed]);
    for (const c of ['100.00', '199.99', '200.00', '210.00', '250.00', '150.00', '240.00']) await spend(c);
    const rows = await ds.query(`SELECT data->'rightToBuy' AS r FROM webhook_deliveries WHERE subscription_id = $1 AND scope = $2 AND event_type = 'checkout.right_to_buy.threshold' ORDER BY id`, [all, id]);
    expect(rows.map((x: any) => [x.r.threshold, x.r.consumed, x.r.remaining])).toEqual([[80, '200.00', '50.00'], [100, '250.00', '0.00'], [80, '240.00', '10.00']]);
  });

  it('claims the oldest waiting event of each contract only: the next waits while one is in flight or waiting for a retry', async () => {
    const [a, b] = [await newContract(), await newContract()];
    await lines(a, [['submit', 'DRAFT', 'PENDING_APPROVAL'], ['reject', 'PENDING_APPROVAL', 'REJECTED']]);
    const ours = (d: { data: Record<string, unknown> }) => [a, b].map(String).includes((d.data.contract as { id?: string } | undefined)?.id ?? '');
    const claim = async () => (await webhooks.claim(taskQueue, 50, 60_000)).filter((d) => d.subscriptionId === all && ours(d));
    const first = await claim();
    expect(first.map((d) => [(d.data.contract as { id: string }).id, d.eventType])).toEqual([[a, 'contract.created'], [b, 'contract.created']]);
    expect(first[0]!.secrets).toEqual(['whsec_AAAA']);
    // Both in flight: nothing more of either contract.
    expect(await claim()).toEqual([]);
    await webhooks.delivered([{ id: first[0]!.id, statusCode: 204 }]);
    await webhooks.retryLater(first[1]!.id, 500, 'HTTP 500', new Date(Date.now() + 60_000));
    const second = await claim();
    expect(second.map((d) => d.eventType)).toEqual(['contract.submitted']);
    // b's first event waits for its retry; nothing of b overtakes it.
    await lines(b, [['submit', 'DRAFT', 'PENDING_APPROVAL']]);
    await webhooks.delivered([{ id: second[0]!.id, statusCode: 204 }]);
    expect((await claim()).map((d) => d.eventType)).toEqual(['contract.rejected']);
    // A claim of a worker that died goes stale and is taken again, with the same event id.
    const stale = (await webhooks.claim(taskQueue, 50, 0)).filter((d) => (d.data.contract as { id: string } | undefined)?.id === a);
    expect(stale.map((d) => d.eventType)).toEqual(['contract.rejected']);
    const deliveries = await webhooks.deliveries(all, { limit: 200 });
    expect(deliveries.filter((d) => d.scope === b)).toEqual([
      expect.objectContaining({ eventType: 'contract.submitted', status: 'pending', attempts: 0 }),
      expect.objectContaining({ eventType: 'contract.created', status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' }),
    ]);
  });
});
