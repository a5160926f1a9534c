import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ContractDraft } from '@pactum/domain';
import { freePort } from '@pactum/local-stack';
import { DEMO_BUYERS } from '@pactum/persistence';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient, expectStatus } from '../support/http-client';
import { testStack } from '../support/test-stack';

/**
 * Every line is bought under a contract, over HTTP with the API and worker on the real Postgres
 * and Temporal: a line at list price is still bound by its contract's cap and shipping modes (and
 * commit records its spend there), a line may name its contract, a fixed bill-to address refuses
 * another, and `at` sees contracts approved today that start later, and the newer version that
 * will close the one in force.
 */
describe('checkout: the contract each line is bought under', () => {
  let worker: AppProcess;
  let api: AppProcess;
  let db: Client;
  const as: Record<string, HttpClient> = {};
  // Each test buys for a division of its own (under the demo account): no other test's contract entitles its lines.
  let buyer = '';
  beforeEach(() => { buyer = `ou=Bought ${randomUUID().slice(0, 8)},${DEMO_BUYERS.northwind}`; });
  const DAY = 86_400_000;

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-bought-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', LOG_LEVEL: 'warn' });
    worker = new AppProcess('worker', { ...env, LOG_LEVEL: 'info' }).start();
    api = new AppProcess('api', { ...env, LOG_LEVEL: 'info' }).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const u of ['rep1', 'manager1', 'checkout']) as[u] = await http.login(u);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const ok = expectStatus;

  /** A contract created, submitted and approved through the API; waits for `status` (ACTIVE, or APPROVED for a later start). */
  async function approvedContract(overrides: Partial<ContractDraft>, status = 'ACTIVE'): Promise<any> {
    const c = (await ok(await as.rep1.post('/api/v1/contracts', draftBody({ buyers: [{ organization: buyer, active: true }], ...overrides })), 201)).body;
    await ok(await as.rep1.post(`/api/v1/contracts/${c.id}/submit`));
    await ok(await as.manager1.post(`/api/v1/contracts/${c.id}/approve`));
    await as.rep1.waitForStatus(c.id, status);
    return c;
  }

  const terms = (...extra: object[]) => [
    { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '10' },
    { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' },
    ...extra,
  ] as ContractDraft['terms'];
  const order = (sku: string, quantity: number, extra: object = {}) =>
    ({ buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku, quantity, listPrice: '20.00' }], ...extra });

  /** Polls evaluate until the answer shows what `seen` looks for (a change reaches the snapshot within a second). */
  async function evaluatedUntil(body: object, seen: (evaluation: any) => boolean, what: string): Promise<any> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await ok(await as.checkout.post('/api/v1/checkout/evaluate', body));
      if (seen(res.body)) return res.body;
      if (Date.now() > deadline) throw new Error(`${what}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const boughtUnder = (body: object, contractId: string) =>
    evaluatedUntil(body, (e) => e.lines[0].boughtUnder?.id === contractId, `the line is not bought under ${contractId}`);

  it('keeps the cap and shipping modes of a contract whose price loses to list, and commit records the spend against it', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const c = await approvedContract({ terms: terms(
      { type: 'RightToBuyTCByAmount', sequenceNumber: 2, maximumAmount: '50.00', currency: 'USD' },
      { type: 'ShippingTCShippingMode', sequenceNumber: 3, mode: 'UPS' },
    ) });
    // The reported order: 60.00 at list price, shipped by FEDEX.
    const evaluation = await boughtUnder(order(sku, 3, { shipping: { mode: 'FEDEX' } }), c.id);
    expect(evaluation).toMatchObject({ allowed: false, total: '60.00' });
    expect(evaluation.lines[0]).toMatchObject({ unitPrice: '20.00', rule: 'LIST_PRICE', contract: null, boughtUnder: { id: c.id, code: c.code, version: '1.0' } });
    expect(evaluation.violations.map((v: any) => v.code).sort()).toEqual(['RIGHT_TO_BUY_EXCEEDED', 'SHIPPING_MODE_NOT_ALLOWED']);

    const refused = await as.checkout.post('/api/v1/checkout/commit', { orderId: `bu-${randomUUID()}`, ...order(sku, 3, { shipping: { mode: 'FEDEX' } }) });
    expect(refused).toMatchObject({ status: 422, body: { code: 'ORDER_NOT_ALLOWED' } });
    const overCap = await as.checkout.post('/api/v1/checkout/commit', { orderId: `bu-${randomUUID()}`, ...order(sku, 3, { shipping: { mode: 'UPS' } }) });
    expect(overCap).toMatchObject({ status: 409, body: { code: 'RIGHT_TO_BUY_EXCEEDED' } });
    expect((await db.query(`SELECT count(*)::int AS n FROM checkout_order_spend WHERE contract_id = $1`, [c.id])).rows).toEqual([{ n: 0 }]);

    const orderId = `bu-${randomUUID()}`;
    const committed = await ok(await as.checkout.post('/api/v1/checkout/commit', { orderId, ...order(sku, 2, { shipping: { mode: 'UPS' } }) }));
    expect(committed.body).toMatchObject({ committed: true, total: '40.00', lines: [{ contract: null, boughtUnder: { id: c.id } }], rightToBuy: [{ consumed: '40.00', remaining: '10.00' }] });
    expect((await db.query(`SELECT contract_id, amount::text AS amount FROM checkout_order_spend WHERE order_id = $1`, [orderId])).rows)
      .toEqual([{ contract_id: c.id, amount: '40.00' }]);
  }, 90_000);

  it('draws down the reserved quantity of a line bought at list price', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const c = await approvedContract({ terms: terms({ type: 'QuantityCommitmentTC', sequenceNumber: 2, lines: [{ sku, quantity: 5 }, { sku: `${sku}-B`, quantity: 1 }] }) });
    await boughtUnder(order(sku, 3), c.id);
    await ok(await as.checkout.post('/api/v1/checkout/commit', { orderId: `bq-${randomUUID()}`, ...order(sku, 3) }));
    expect((await db.query(`SELECT drawn_down FROM contract_quantity_lines WHERE contract_id = $1 AND sku = $2`, [c.id, sku])).rows).toEqual([{ drawn_down: 3 }]);
    expect(await as.checkout.post('/api/v1/checkout/commit', { orderId: `bq-${randomUUID()}`, ...order(sku, 3) }))
      .toMatchObject({ status: 409, body: { code: 'QUANTITY_EXCEEDS_REMAINING' } });
  }, 90_000);

  it('buys a line under the contract it names; a contract that does not entitle the buyer is refused on that line', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const cheap = await approvedContract({ terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-20' },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' },
    ] });
    const named = await approvedContract({ terms: terms({ type: 'ShippingTCShippingMode', sequenceNumber: 3, mode: 'UPS' }) });
    const other = await approvedContract({ buyers: [{ organization: DEMO_BUYERS.northwindEast, active: true }] });
    await boughtUnder(order(sku, 1), cheap.id);

    const line = (contractId: string) => ({ ...order(sku, 1, { shipping: { mode: 'FEDEX' } }), lines: [{ sku, quantity: 1, listPrice: '20.00', contractId }] });
    const chosen = (await ok(await as.checkout.post('/api/v1/checkout/evaluate', line(named.id)))).body;
    expect(chosen.lines[0]).toMatchObject({ unitPrice: '20.00', contract: null, boughtUnder: { id: named.id } });
    expect(chosen.violations.map((v: any) => v.code)).toEqual(['SHIPPING_MODE_NOT_ALLOWED']);

    const foreign = (await ok(await as.checkout.post('/api/v1/checkout/evaluate', line(other.id)))).body;
    expect(foreign.violations).toEqual([expect.objectContaining({ code: 'CONTRACT_NOT_ENTITLED', lineIndex: 0 })]);
    const orderId = `bn-${randomUUID()}`;
    const commit = await as.checkout.post('/api/v1/checkout/commit', { orderId, ...line(other.id) });
    expect(commit).toMatchObject({ status: 422, body: { code: 'ORDER_NOT_ALLOWED', details: [{ field: 'lines[0]', lineIndex: 0, message: expect.stringMatching(/^CONTRACT_NOT_ENTITLED: /) }] } });
    expect((await db.query(`SELECT count(*)::int AS n FROM checkout_orders WHERE order_id = $1`, [orderId])).rows).toEqual([{ n: 0 }]);

    const malformed = await as.checkout.post('/api/v1/checkout/evaluate', line('not-a-uuid'));
    expect(malformed).toMatchObject({ status: 400, body: { details: [{ field: 'lines[0].contractId', lineIndex: 0 }] } });
  }, 120_000);

  it('refuses another bill-to address than the payment method\'s fixed one', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const c = await approvedContract({ terms: terms({ type: 'PaymentTCPaymentMethod', sequenceNumber: 2, method: 'PO-NET30', billingAddress: 'HQ-BILLING' }) });
    const paid = (billTo: string) => order(sku, 1, { payment: { method: 'PO-NET30', billTo } });
    const refused = await boughtUnder(paid('BRANCH'), c.id);
    expect(refused.violations).toEqual([expect.objectContaining({ code: 'BILL_TO_NOT_ALLOWED', message: expect.stringContaining('only to HQ-BILLING, not BRANCH') })]);
    expect((await ok(await as.checkout.post('/api/v1/checkout/evaluate', paid('HQ-BILLING')))).body).toMatchObject({ allowed: true, violations: [] });
  }, 60_000);

  it('`at` sees a contract approved today that starts next month, and the newer version that will close the one in force', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const startsAt = new Date(Date.now() + 30 * DAY).toISOString();
    const nextMonth = new Date(Date.now() + 31 * DAY).toISOString();
    const today = new Date(Date.now() + 60_000).toISOString();
    const offer = (price: string) => [
      { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'Custom', offers: [{ sku, price, currency: 'USD' }] },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' },
    ] as ContractDraft['terms'];
    const at = (when: string) => ({ ...order(sku, 1), at: when });

    const later = await approvedContract({ startsAt, endsAt: new Date(Date.now() + 400 * DAY).toISOString(), terms: offer('17.00') }, 'APPROVED');
    expect((await boughtUnder(at(nextMonth), later.id)).lines[0]).toMatchObject({ unitPrice: '17.00', contract: { id: later.id } });
    expect((await ok(await as.checkout.post('/api/v1/checkout/evaluate', at(today)))).body.violations.map((v: any) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);

    // Version 1.0 is in force now; its 1.1, approved today, starts next month and will close it then.
    const v10 = await approvedContract({ startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + 400 * DAY).toISOString(), terms: offer('16.00') });
    const v11 = (await ok(await as.rep1.post(`/api/v1/contracts/${v10.id}/new-version`), 201)).body;
    await ok(await as.rep1.request('PATCH', `/api/v1/contracts/${v11.id}`, { startsAt }));
    await ok(await as.rep1.request('PUT', `/api/v1/contracts/${v11.id}/terms`, offer('18.00')));
    await ok(await as.rep1.post(`/api/v1/contracts/${v11.id}/submit`));
    await ok(await as.manager1.post(`/api/v1/contracts/${v11.id}/approve`));
    await as.rep1.waitForStatus(v11.id, 'APPROVED');
    // Today 1.0's 16.00 is the lowest; next month 1.0 is closed, and 1.1 (18.00) loses only to the other contract's 17.00.
    expect((await boughtUnder(at(today), v10.id)).lines[0]).toMatchObject({ unitPrice: '16.00', contract: { id: v10.id } });
    const then = (await evaluatedUntil(at(nextMonth), (e) => e.lines[0].explanation.some((x: string) => x.includes(`${v10.code} 1.1`)), 'version 1.1 is not seen')).lines[0];
    expect(then).toMatchObject({ unitPrice: '17.00', contract: { id: later.id } });
    expect(then.explanation.join('\n')).toMatch(new RegExp(`lost: PriceTCCustomPriceList #1 of ${v10.code} 1\\.1 at 18\\.00`));
    expect(then.explanation.join('\n')).not.toContain(`${v10.code} 1.0`);
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${v10.id}`))).body.status).toBe('ACTIVE');
  }, 120_000);
});
