import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ContractDraft } from '@pactum/domain';
import { DEMO_BUYERS, DEMO_SELLER } from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { CheckoutStack } from '../support/checkout-stack';
import { expectStatus, type HttpClient } from '../support/http-client';

/**
 * How long a change may take to reach another API process before a test says it never did: far
 * above the tens of milliseconds NOTIFY takes (the tests print each figure), so that a loaded
 * machine does not fail them; a broken LISTEN path never gets there. Speed lives in benchmarks.
 */
const PROPAGATION_LIMIT_MS = 15_000;

/**
 * Checkout over HTTP with two API processes and a worker on the real Postgres and Temporal:
 * prices after deploy, nothing after suspend/cancel/expiry, a new version's price (each seen by the
 * other process, over NOTIFY), a restarted process right from its first request, caps under parallel
 * commits, idempotent commit/release, reserved quantities, refused orders and roles recording nothing.
 */
describe('checkout over HTTP', () => {
  const stack = new CheckoutStack('checkout');
  const one = stack.users;
  let other: HttpClient;
  let db: Client;
  // A division of Northwind of this run's own (so under the demo account): contracts other test
  // files leave ACTIVE for the demo buyers (catalog-wide adjustments) never price its orders.
  const buyer = `ou=Checkout ${randomUUID().slice(0, 8)},${DEMO_BUYERS.northwind}`;

  beforeAll(async () => {
    await stack.start(['rep1', 'manager1', 'integrator', 'admin', 'checkout']);
    ({ other, db } = stack);
  }, 120_000);

  afterAll(() => stack.stop());

  const ok = expectStatus;

  /** A contract created, submitted, approved and deployed through the API. */
  async function activeContract(overrides: Partial<ContractDraft>): Promise<string> {
    const c = (await ok(await one.rep1.post('/api/v1/contracts', draftBody({ buyers: [{ organization: buyer, active: true }], ...overrides })), 201)).body as any;
    await stack.activate(c.id);
    return c.id;
  }

  const offerTerms = (sku: string, price: string, extra: object[] = []) => [
    { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'Custom', offers: [{ sku, price, currency: 'USD' }] },
    { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' },
    ...extra,
  ] as ContractDraft['terms'];
  const body = (sku: string, quantity = 2, extra: object = {}) =>
    ({ buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku, quantity, listPrice: '20.00' }], ...extra });

  /** Polls the contract through API 1 every 20 ms until it has this status; answers the moment that was first seen. */
  async function seenInStatus(id: string, status: string, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await ok(await one.rep1.get(`/api/v1/contracts/${id}`));
      if (res.body.status === status) return Date.now();
      if (Date.now() > deadline) throw new Error(`contract ${id} did not reach ${status} within ${timeoutMs} ms (last: ${res.body.status})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The ledger's record of an order and of a contract's cap and reserved quantities. */
  async function ledgerOf(orderId: string, contractId: string) {
    const q = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0];
    return {
      orders: (await q(`SELECT count(*)::int AS n FROM checkout_orders WHERE order_id = $1`, [orderId])).n,
      spends: (await q(`SELECT count(*)::int AS n FROM checkout_order_spend WHERE contract_id = $1`, [contractId])).n,
      consumed: (await q(`SELECT coalesce(sum(consumed), 0)::text AS c FROM checkout_right_to_buy WHERE contract_id = $1`, [contractId])).c,
      drawn: (await q(`SELECT coalesce(sum(drawn_down), 0)::int AS d FROM contract_quantity_lines WHERE contract_id = $1`, [contractId])).d,
    };
  }

  /** Polls evaluate on a process until the line is (or is not) priced under the contract; returns the elapsed ms. */
  async function until(client: HttpClient, sku: string, contractId: string, priced: boolean, timeoutMs = PROPAGATION_LIMIT_MS): Promise<number> {
    const started = Date.now();
    for (;;) {
      const res = await ok(await client.post('/api/v1/checkout/evaluate', body(sku)));
      if ((res.body.lines[0].contract?.id === contractId) === priced) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`evaluate still ${priced ? 'without' : 'with'} contract ${contractId}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('prices under the contract after deploy, with its explanation; a suspend in one process is seen by the other, over NOTIFY', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({ terms: offerTerms(sku, '18.40') });
    // Deploy committed before ACTIVE was visible: both processes have it already, or within the second.
    await until(other, sku, id, true);
    const res = await ok(await one.checkout.post('/api/v1/checkout/evaluate', body(sku, 20)));
    expect(res.body).toMatchObject({ allowed: true, total: '368.00', violations: [] });
    expect(res.body.lines[0]).toMatchObject({ sku, quantity: 20, listPrice: '20.00', unitPrice: '18.40', rule: 'PriceTCCustomPriceList', contract: { id, version: '1.0' } });
    expect(res.body.lines[0].explanation[0]).toMatch(/^won: PriceTCCustomPriceList #1 of T-\w+ 1\.0 at 18\.40/);

    await ok(await one.manager1.post(`/api/v1/contracts/${id}/suspend`, { reason: 'credit hold' }));
    const seen = await until(other, sku, id, false);
    process.stdout.write(`[checkout] suspend in API 1 seen by API 2 after ${seen} ms\n`);
    await ok(await one.manager1.post(`/api/v1/contracts/${id}/resume`));
    await until(other, sku, id, true);
    await ok(await one.manager1.post(`/api/v1/contracts/${id}/cancel`, { reason: 'customer left' }));
    await until(one.checkout, sku, id, false);
    await until(other, sku, id, false);
  }, 60_000);

  it('a new version deployed through one process is priced by the other, and the closed 1.0 no longer is', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const v10 = await activeContract({ terms: offerTerms(sku, '18.40') });
    await until(other, sku, v10, true);
    const v11 = (await ok(await one.rep1.post(`/api/v1/contracts/${v10}/new-version`), 201)).body;
    expect(v11.version).toBe('1.1');
    // Dearer than 1.0: were 1.0 still in a snapshot beside 1.1, it would win the line (the lowest price wins).
    await ok(await one.rep1.request('PUT', `/api/v1/contracts/${v11.id}/terms`, offerTerms(sku, '19.00')));
    await ok(await one.rep1.post(`/api/v1/contracts/${v11.id}/submit`));
    expect((await ok(await other.post('/api/v1/checkout/evaluate', body(sku)))).body.lines[0].contract).toMatchObject({ id: v10, version: '1.0' });
    await ok(await one.manager1.post(`/api/v1/contracts/${v11.id}/approve`));

    const deployed = await seenInStatus(v11.id, 'ACTIVE');
    await until(other, sku, v11.id, true);
    const seen = Date.now() - deployed;
    process.stdout.write(`[checkout] version 1.1 deployed through API 1 priced by API 2 after ${seen} ms\n`);
    const line = (await ok(await other.post('/api/v1/checkout/evaluate', body(sku)))).body.lines[0];
    expect(line).toMatchObject({ unitPrice: '19.00', contract: { id: v11.id, version: '1.1' } });
    // 1.0 does not even lose: it is gone (other suites' contracts of the same demo buyer may show as not entitled).
    expect(line.explanation.filter((e: string) => e.includes(`${v11.code} 1.0`))).toEqual([]);
    expect(line.explanation[0]).toMatch(/^won: PriceTCCustomPriceList #1 of T-\w+ 1\.1 at 19\.00/);
    expect((await ok(await one.rep1.get(`/api/v1/contracts/${v10}`))).body.status).toBe('CLOSED');
  }, 60_000);

  it('a change to the business account\'s terms reaches checkout in both processes', async () => {
    const account = `Acct-${randomUUID().slice(0, 8)}`;
    // The demo seller: manager1 decides on its contracts (another seller's would be refused NOT_AN_APPROVER).
    const seller = DEMO_SELLER;
    const [{ id: accountId }] = (await db.query(
      `INSERT INTO business_accounts (name, seller_dn, buyer_dn, credit_allowed) VALUES ($1, $2, $3, true) RETURNING id`, [account, seller, buyer])).rows;
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({ account, seller, terms: offerTerms(sku, '18.40') });
    const paid = (method: string) => body(sku, 2, { payment: { method } });
    /** Polls until the order paid by VISA is (or is not) refused for its payment method; returns the elapsed ms. */
    const untilVisa = async (client: HttpClient, refused: boolean) => {
      const started = Date.now();
      for (;;) {
        const res = await ok(await client.post('/api/v1/checkout/evaluate', paid('VISA')));
        expect(res.body.lines[0].contract?.id).toBe(id);
        if (res.body.violations.some((v: any) => v.code === 'PAYMENT_METHOD_NOT_ALLOWED') === refused) return Date.now() - started;
        if (Date.now() - started > PROPAGATION_LIMIT_MS) throw new Error(`VISA still ${refused ? 'allowed' : 'refused'}: ${res.text}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await untilVisa(other, false);

    // The account now allows PO-NET30 only: written straight into the table, as any writer would.
    await db.query(`INSERT INTO account_terms (account_id, sequence_number, type, code) VALUES ($1, 1, 'PaymentTCPaymentMethod', 'PO-NET30')`, [accountId]);
    const seen = await untilVisa(other, true);
    process.stdout.write(`[checkout] account term change seen by API 2 after ${seen} ms\n`);
    await untilVisa(one.checkout, true);
    expect((await ok(await other.post('/api/v1/checkout/evaluate', paid('PO-NET30')))).body.violations).toEqual([]);

    await db.query(`DELETE FROM account_terms WHERE account_id = $1`, [accountId]);
    await untilVisa(other, false);
  }, 60_000);

  it('gives no contract price once the contract has expired', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const endsAt = new Date(Date.now() + 12_000).toISOString();
    const id = await activeContract({ startsAt: new Date(Date.now() - 3600_000).toISOString(), endsAt, terms: offerTerms(sku, '18.40') });
    const at = new Date(Date.now() + 1000).toISOString(); // inside the contract's dates: only its status decides
    const priced = async () => (await ok(await other.post('/api/v1/checkout/evaluate', { ...body(sku), at }))).body.lines[0].contract?.id;
    expect(await priced()).toBe(id);
    // The workflow's timer expires it at endsAt, not before: poll closely only from just before.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(endsAt) - Date.now() - 200)));
    const expired = await seenInStatus(id, 'EXPIRED', 40_000);
    while ((await priced()) === id) {
      if (Date.now() - expired > PROPAGATION_LIMIT_MS) throw new Error(`API 2 still prices under ${id} ${PROPAGATION_LIMIT_MS / 1000} s after it expired`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seen = Date.now() - expired;
    process.stdout.write(`[checkout] expiry seen by API 2 ${seen} ms after EXPIRED was visible\n`);
    expect(await priced()).toBeUndefined();
  }, 90_000);

  it('a restarted API process is right from its first request: it prices what was deployed, and not what was suspended, while it was down', async () => {
    const [deployedSku, suspendedSku] = [`SKU-${randomUUID().slice(0, 8)}`, `SKU-${randomUUID().slice(0, 8)}`];
    const suspended = await activeContract({ terms: offerTerms(suspendedSku, '18.40') });
    await until(other, suspendedSku, suspended, true);
    await stack.api2.stop();
    // Neither change can reach API 2 as a notification: it is down.
    await ok(await one.manager1.post(`/api/v1/contracts/${suspended}/suspend`, { reason: 'credit hold' }));
    const deployed = await activeContract({ terms: offerTerms(deployedSku, '17.50') });
    stack.api2.start();
    await stack.api2.waitForOutput(/API listening/);
    // The very first request to the new process (the token of the old one is still valid: same secret).
    const first = await ok(await other.post('/api/v1/checkout/evaluate', {
      ...body(deployedSku), lines: [{ sku: deployedSku, quantity: 1, listPrice: '20.00' }, { sku: suspendedSku, quantity: 1, listPrice: '20.00' }],
    }));
    expect(first.body.lines.map((l: any) => ({ unitPrice: l.unitPrice, contract: l.contract?.id ?? null }))).toEqual([
      { unitPrice: '17.50', contract: deployed },
      { unitPrice: '20.00', contract: null },
    ]);
  }, 90_000);

  it('parallel commits against one cap: exactly the orders that fit succeed, over HTTP, and the ledger never passes the cap', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({ terms: offerTerms(sku, '10.00', [{ type: 'RightToBuyTCByAmount', sequenceNumber: 2, maximumAmount: '100.00', currency: 'USD' }]) });
    await until(one.checkout, sku, id, true);
    await until(other, sku, id, true);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      (i % 2 ? other : one.checkout).post('/api/v1/checkout/commit', { orderId: `cap-${id}-${i}`, ...body(sku, 1) })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(20);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ statusCode: 409, code: 'RIGHT_TO_BUY_EXCEEDED' });
    const { rows } = await db.query(`SELECT consumed::text AS consumed, limit_amount::text AS l FROM checkout_right_to_buy WHERE contract_id = $1`, [id]);
    expect(rows).toEqual([{ consumed: '100.00', l: '100.00' }]);
    const evaluation = await ok(await one.checkout.post('/api/v1/checkout/evaluate', body(sku, 1)));
    expect(evaluation.body).toMatchObject({ allowed: false, rightToBuy: [{ limit: '100.00', consumed: '100.00', remaining: '0.00', currency: 'USD' }] });
    expect(evaluation.body.violations.map((v: any) => v.code)).toEqual(['RIGHT_TO_BUY_EXCEEDED']);
  }, 60_000);

  it('commit and release are idempotent by orderId', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({ terms: offerTerms(sku, '10.00', [{ type: 'RightToBuyTCByAmount', sequenceNumber: 2, maximumAmount: '100.00', currency: 'USD' }]) });
    await until(one.checkout, sku, id, true);
    const orderId = `SO-${randomUUID()}`;
    const first = await ok(await one.checkout.post('/api/v1/checkout/commit', { orderId, ...body(sku, 3) }));
    expect(first.body).toMatchObject({ orderId, committed: true, total: '30.00', rightToBuy: [{ consumed: '30.00', remaining: '70.00' }] });
    const again = await ok(await other.post('/api/v1/checkout/commit', { orderId, ...body(sku, 3) }));
    expect(again.body).toEqual(first.body);
    expect((await db.query(`SELECT consumed::text AS c FROM checkout_right_to_buy WHERE contract_id = $1`, [id])).rows).toEqual([{ c: '30.00' }]);
    expect((await ok(await one.checkout.post('/api/v1/checkout/release', { orderId }))).body).toEqual({ orderId, released: true, alreadyReleased: false });
    expect((await ok(await other.post('/api/v1/checkout/release', { orderId }))).body).toEqual({ orderId, released: true, alreadyReleased: true });
    expect((await db.query(`SELECT consumed::text AS c FROM checkout_right_to_buy WHERE contract_id = $1`, [id])).rows).toEqual([{ c: '0.00' }]);
    expect(await one.checkout.post('/api/v1/checkout/release', { orderId: `never-${randomUUID()}` })).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND' } });
  }, 60_000);

  it('draws reserved quantities down, refuses past what remains (409, nothing recorded), and completes the contract', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({ terms: offerTerms(sku, '10.00', [{ type: 'QuantityCommitmentTC', sequenceNumber: 2, lines: [{ sku, quantity: 5 }] }]) });
    await until(one.checkout, sku, id, true);
    await ok(await one.checkout.post('/api/v1/checkout/commit', { orderId: `q1-${id}`, ...body(sku, 3) }));
    const over = await one.checkout.post('/api/v1/checkout/commit', { orderId: `q2-${id}`, ...body(sku, 3) });
    expect(over).toMatchObject({ status: 409, body: { code: 'QUANTITY_EXCEEDS_REMAINING', details: [{ field: 'lines[0].quantity', lineIndex: 0 }] } });
    expect((await db.query(`SELECT count(*)::int AS n FROM checkout_orders WHERE order_id = $1`, [`q2-${id}`])).rows).toEqual([{ n: 0 }]);
    expect((await db.query(`SELECT drawn_down FROM contract_quantity_lines WHERE contract_id = $1`, [id])).rows).toEqual([{ drawn_down: 3 }]);
    await ok(await one.checkout.post('/api/v1/checkout/commit', { orderId: `q3-${id}`, ...body(sku, 2) }));
    await one.rep1.waitForStatus(id, 'COMPLETED', 20_000);
    await until(one.checkout, sku, id, false);
  }, 60_000);

  it('refuses an order that breaks the contract\'s terms on commit (422 ORDER_NOT_ALLOWED) and records nothing', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({ terms: offerTerms(sku, '10.00', [
      { type: 'ShippingTCShippingMode', sequenceNumber: 2, mode: 'UPS-GROUND' },
      { type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '100.00', currency: 'USD' },
      { type: 'QuantityCommitmentTC', sequenceNumber: 4, lines: [{ sku, quantity: 5 }] },
    ]) });
    await until(one.checkout, sku, id, true);
    const orderId = `SO-${randomUUID()}`;
    const refused = await one.checkout.post('/api/v1/checkout/commit', { orderId, ...body(sku, 2, { shipping: { mode: 'FEDEX' } }) });
    expect(refused).toMatchObject({ status: 422, body: { statusCode: 422, code: 'ORDER_NOT_ALLOWED' } });
    expect(refused.body.details).toEqual([{ message: expect.stringMatching(/^SHIPPING_MODE_NOT_ALLOWED: .*UPS-GROUND, not FEDEX/) }]);
    expect(await ledgerOf(orderId, id)).toEqual({ orders: 0, spends: 0, consumed: '0', drawn: 0 });
    // Nothing was kept under the orderId either: the corrected order commits with it.
    const corrected = await ok(await one.checkout.post('/api/v1/checkout/commit', { orderId, ...body(sku, 2, { shipping: { mode: 'UPS-GROUND' } }) }));
    expect(corrected.body).toMatchObject({ orderId, committed: true, total: '20.00', violations: [] });
    expect(await ledgerOf(orderId, id)).toEqual({ orders: 1, spends: 1, consumed: '20.00', drawn: 2 });
  }, 60_000);

  it('commit and release answer 403 to every role but the order service, and record or give back nothing', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({ terms: offerTerms(sku, '10.00', [{ type: 'RightToBuyTCByAmount', sequenceNumber: 2, maximumAmount: '100.00', currency: 'USD' }]) });
    await until(one.checkout, sku, id, true);
    const committed = `SO-${randomUUID()}`;
    await ok(await one.checkout.post('/api/v1/checkout/commit', { orderId: committed, ...body(sku, 3) }));
    for (const role of ['rep1', 'manager1', 'integrator', 'admin']) {
      const orderId = `SO-${role}-${randomUUID()}`;
      const commit = await one[role].post('/api/v1/checkout/commit', { orderId, ...body(sku, 1) });
      expect({ role, status: commit.status }).toEqual({ role, status: 403 });
      expect((await ledgerOf(orderId, id)).orders).toBe(0);
      const release = await one[role].post('/api/v1/checkout/release', { orderId: committed });
      expect({ role, status: release.status }).toEqual({ role, status: 403 });
    }
    expect(await ledgerOf(committed, id)).toEqual({ orders: 1, spends: 1, consumed: '30.00', drawn: 0 });
    expect((await db.query(`SELECT status FROM checkout_orders WHERE order_id = $1`, [committed])).rows).toEqual([{ status: 'COMMITTED' }]);
  }, 60_000);

  it('validates the body strictly (400 naming the field) and only lets the order service in', async () => {
    const bad = await one.checkout.post('/api/v1/checkout/evaluate', {
      buyer, currency: 'usd', lines: [{ sku: 'A', quantity: 1, listPrice: '1.00' }, { sku: 'B', quantity: 0, listPrice: 2 }], colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['colour', 'currency', 'lines[1].listPrice', 'lines[1].quantity']);
    const noOrder = await one.checkout.post('/api/v1/checkout/commit', body('A'));
    expect(noOrder).toMatchObject({ status: 400, body: { details: [{ field: 'orderId' }] } });
    expect((await one.rep1.post('/api/v1/checkout/evaluate', body('A'))).status).toBe(403);
  });
});
