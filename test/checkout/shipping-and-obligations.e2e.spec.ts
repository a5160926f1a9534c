import { randomUUID } from 'node:crypto';
import type { ContractDraft } from '@pactum/domain';
import { freePort } from '@pactum/local-stack';
import { DEMO_BUYERS } from '@pactum/persistence';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient, expectStatus } from '../support/http-client';

/**
 * Shipping terms and the obligation to buy through the API, with the API and worker on the real
 * Postgres and Temporal: the charge policy and adjustment of the contract a line is bought under
 * (at list price too), its fulfilment centres (an order from another centre is refused and leaves
 * nothing recorded), and obligation progress that grows with a committed order and shrinks back
 * when it is released.
 */
describe('checkout: shipping terms and the obligation to buy', () => {
  let worker: AppProcess;
  let api: AppProcess;
  const as: Record<string, HttpClient> = {};
  let buyer = '';
  beforeEach(() => { buyer = `ou=Ship ${randomUUID().slice(0, 8)},${DEMO_BUYERS.northwind}`; });

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-shipping-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', LOG_LEVEL: 'warn' });
    worker = new AppProcess('worker', { ...env, LOG_LEVEL: 'info' }).start();
    api = new AppProcess('api', { ...env, LOG_LEVEL: 'info' }).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const u of ['rep1', 'manager1', 'checkout']) as[u] = await http.login(u);
  }, 120_000);

  afterAll(async () => { await Promise.all([api?.stop(), worker?.stop()]); });

  const ok = expectStatus;

  /** List price +10%: every line is at list price, bought under this contract all the same. */
  async function activeContract(): Promise<any> {
    const c = (await ok(await as.rep1.post('/api/v1/contracts', draftBody({
      buyers: [{ organization: buyer, active: true }],
      terms: [
        { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '10' },
        { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'ShippingChargeByCarrier' },
        { type: 'ShippingTCShippingChargeAdjustment', sequenceNumber: 3, signedPercentage: '-10' },
        { type: 'FulfillmentTC', sequenceNumber: 4, fulfillmentCenters: ['FC-EAST', 'FC-NORTH'] },
        { type: 'ObligationToBuyTCByAmount', sequenceNumber: 5, minimumAmount: '1000.00', currency: 'USD', days: 365 },
      ] as ContractDraft['terms'],
    })), 201)).body;
    await ok(await as.rep1.post(`/api/v1/contracts/${c.id}/submit`));
    await ok(await as.manager1.post(`/api/v1/contracts/${c.id}/approve`));
    await as.rep1.waitForStatus(c.id, 'ACTIVE');
    return c;
  }

  const order = (shipping: object, extra: object = {}) =>
    ({ buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku: 'SKU-1', quantity: 3, listPrice: '20.00' }], shipping, ...extra });

  /** Polls evaluate until the contract has reached this process's snapshot (within a second of its deploy). */
  async function evaluated(body: object, contractId: string): Promise<any> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await ok(await as.checkout.post('/api/v1/checkout/evaluate', body));
      if (res.body.lines[0].boughtUnder?.id === contractId) return res.body;
      if (Date.now() > deadline) throw new Error(`the line is not bought under ${contractId}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('reports the charge policy and the adjusted charge, and refuses a fulfilment centre the contract does not allow (commit records nothing)', async () => {
    const c = await activeContract();
    const good = await evaluated(order({ charge: '20.00', fulfillmentCenter: 'FC-NORTH' }), c.id);
    expect(good).toMatchObject({ allowed: true, total: '60.00', violations: [] });
    expect(good.lines[0]).toMatchObject({ rule: 'LIST_PRICE', contract: null, boughtUnder: { id: c.id } });
    expect(good.shipping).toMatchObject({
      chargePolicy: 'ShippingChargeByCarrier', policySource: { contract: { id: c.id }, from: 'contract', sequenceNumber: 2 },
      charge: '20.00', adjustedCharge: '18.00', fulfillmentCenters: ['FC-EAST', 'FC-NORTH'],
    });
    expect(good.shipping.explanation).toContainEqual(expect.stringMatching(/^ShippingTCShippingChargeAdjustment #3 of .*: -10% on 20\.00 of the charge .* = -2\.00$/));

    const bad = (await ok(await as.checkout.post('/api/v1/checkout/evaluate', order({ fulfillmentCenter: 'FC-WEST' })))).body;
    expect(bad.allowed).toBe(false);
    expect(bad.violations).toEqual([{ code: 'FULFILLMENT_CENTER_NOT_ALLOWED', lineIndex: null, message: expect.stringContaining('ships only from FC-EAST, FC-NORTH, not FC-WEST') }]);

    const orderId = `ship-${randomUUID()}`;
    const refused = await as.checkout.post('/api/v1/checkout/commit', { ...order({ fulfillmentCenter: 'FC-WEST' }), orderId });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ORDER_NOT_ALLOWED', details: [{ message: expect.stringMatching(/^FULFILLMENT_CENTER_NOT_ALLOWED: /) }] });
    // Nothing was recorded: the obligation's progress did not move and the order id is free.
    expect((await evaluated(order({}), c.id)).obligations[0]).toMatchObject({ bought: '0.00' });
    expect((await as.checkout.post('/api/v1/checkout/release', { orderId })).status).toBe(404);
  });

  it('reports obligation progress: a committed order counts towards it, a released one no longer does', async () => {
    const c = await activeContract();
    const before = await evaluated(order({}), c.id);
    expect(before.obligations).toEqual([{
      contract: { id: c.id, code: c.code, version: '1.0' }, amount: '1000.00', bought: '0.00', remaining: '1000.00', currency: 'USD',
      startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z', daysLeft: 214, orderAmount: '60.00', met: false,
    }]);
    expect(before.allowed).toBe(true);

    const orderId = `obl-${randomUUID()}`;
    const committed = (await ok(await as.checkout.post('/api/v1/checkout/commit', { ...order({ fulfillmentCenter: 'FC-EAST' }), orderId }))).body;
    expect(committed).toMatchObject({ committed: true, obligations: [{ bought: '0.00', orderAmount: '60.00' }] });
    expect((await evaluated(order({}), c.id)).obligations[0]).toMatchObject({ bought: '60.00', remaining: '940.00', met: false });

    await ok(await as.checkout.post('/api/v1/checkout/release', { orderId }));
    expect((await evaluated(order({}), c.id)).obligations[0]).toMatchObject({ bought: '0.00', remaining: '1000.00' });
  });

  it('refuses a malformed shipping charge or an unknown shipping field with 400 naming the field', async () => {
    const res = await as.checkout.post('/api/v1/checkout/evaluate', order({ charge: 12.5, carrier: 'UPS' }));
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['shipping.carrier', 'shipping.charge']);
  });
});
