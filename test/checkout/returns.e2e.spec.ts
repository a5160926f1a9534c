import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ContractDraft } from '@pactum/domain';
import { DEMO_BUYERS } from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { CheckoutStack } from '../support/checkout-stack';
import { expectStatus, type HttpClient } from '../support/http-client';

/**
 * Returns and per-line releases over HTTP, with two API processes and a worker on the real
 * Postgres and Temporal: the return charge, approval and refund method of the contract a line was
 * bought under; the right-to-buy spend, obligation progress and reserved quantity given back in
 * proportion; idempotency by returnId; never more than was bought, also under parallel returns.
 */
describe('checkout: returns and per-line release', () => {
  const stack = new CheckoutStack('returns');
  const as = stack.users;
  let other: HttpClient;
  let db: Client;
  let buyer = '';
  beforeEach(() => { buyer = `ou=Returns ${randomUUID().slice(0, 8)},${DEMO_BUYERS.northwind}`; });

  beforeAll(async () => {
    await stack.start(['rep1', 'manager1', 'checkout']);
    ({ other, db } = stack);
  }, 120_000);

  afterAll(() => stack.stop());

  const ok = expectStatus;

  const RETURNS = (charge: string, approval: string, method = 'ORIGINAL') => [
    { type: 'ReturnTCReturnCharge', sequenceNumber: 20, policy: charge },
    { type: 'ReturnTCReturnApproval', sequenceNumber: 21, policy: approval },
    { type: 'ReturnTCRefundPaymentMethod', sequenceNumber: 22, method },
  ];

  /** Custom prices of 10.00 for the SKUs, plus `extra` terms; created, submitted, approved: ACTIVE. */
  async function activeContract(skus: string[], extra: object[]): Promise<any> {
    const c = (await ok(await as.rep1.post('/api/v1/contracts', draftBody({
      buyers: [{ organization: buyer, active: true }],
      terms: [
        { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'Custom', offers: skus.map((sku) => ({ sku, price: '10.00', currency: 'USD' })) },
        { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' },
        ...extra,
      ] as ContractDraft['terms'],
    })), 201)).body;
    await stack.activate(c.id);
    // Both processes follow the deploy within a second.
    for (const client of [as.checkout, other]) await boughtUnder(client, skus[0], c.id);
    return c;
  }

  const order = (lines: [string, number][]) =>
    ({ buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: lines.map(([sku, quantity]) => ({ sku, quantity, listPrice: '20.00' })) });

  async function boughtUnder(client: HttpClient, sku: string, contractId: string): Promise<any> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await ok(await client.post('/api/v1/checkout/evaluate', order([[sku, 1]])));
      if (res.body.lines[0].boughtUnder?.id === contractId) return res.body;
      if (Date.now() > deadline) throw new Error(`the line is not bought under ${contractId}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function commit(lines: [string, number][]): Promise<string> {
    const orderId = `SO-${randomUUID()}`;
    await ok(await as.checkout.post('/api/v1/checkout/commit', { orderId, ...order(lines) }));
    return orderId;
  }

  const consumedOf = async (contractId: string) =>
    (await db.query(`SELECT consumed::text AS consumed FROM checkout_right_to_buy WHERE contract_id = $1`, [contractId])).rows[0]?.consumed;
  const obligationBoughtOf = async (sku: string, contractId: string) => (await boughtUnder(as.checkout, sku, contractId)).obligations[0].bought;
  const drawnOf = async (contractId: string) => Object.fromEntries((await db.query(
    `SELECT sku, drawn_down FROM contract_quantity_lines WHERE contract_id = $1 ORDER BY position`, [contractId])).rows.map((r) => [r.sku, r.drawn_down]));
  const returnRowsOf = async (orderId: string) =>
    Number((await db.query(`SELECT count(*) FROM checkout_returns WHERE order_id = $1`, [orderId])).rows[0].count);

  it('applies the contract\'s return charge, approval and refund method, and gives back spend and obligation progress in proportion; the same returnId again answers the first answer and records nothing', async () => {
    const c = await activeContract(['RT-A'], [
      { type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '1000.00', currency: 'USD' },
      { type: 'ObligationToBuyTCByAmount', sequenceNumber: 4, minimumAmount: '500.00', currency: 'USD', days: 365 },
      ...RETURNS('RESTOCKING-15', 'MANUAL'),
    ]);
    const orderId = await commit([['RT-A', 10]]);
    expect(await consumedOf(c.id)).toBe('100.00');

    const body = { returnId: `RMA-${randomUUID()}`, orderId, lines: [{ sku: 'RT-A', quantity: 4 }], reason: 'damaged in transit' };
    const first = (await ok(await other.post('/api/v1/checkout/returns', body))).body;
    expect(first).toMatchObject({
      returnId: body.returnId, orderId, reason: 'damaged in transit', currency: 'USD', approvalRequired: true,
      lines: [{
        sku: 'RT-A', quantity: 4, lineIndex: 0, contract: { id: c.id, code: c.code, version: '1.0' }, unitPrice: '10.00',
        amount: '40.00', charge: '6.00', refund: '34.00', chargePolicy: 'RESTOCKING-15', approvalPolicy: 'MANUAL', approvalRequired: true, refundMethod: 'ORIGINAL',
      }],
      totals: { amount: '40.00', charge: '6.00', refund: '34.00' },
      rightToBuy: [{ contract: { id: c.id }, amount: '40.00', currency: 'USD' }],
      obligations: [{ contract: { id: c.id }, amount: '40.00', currency: 'USD' }],
      quantities: [],
    });
    expect(first.lines[0].explanation).toContainEqual(expect.stringMatching(/^ReturnTCReturnCharge #20 of .*: policy RESTOCKING-15 charges 15% of 40\.00 = 6\.00$/));
    expect(await consumedOf(c.id)).toBe('60.00');
    expect(await obligationBoughtOf('RT-A', c.id)).toBe('60.00');

    // The same request again, through the other process: the first answer, nothing recorded.
    expect((await ok(await as.checkout.post('/api/v1/checkout/returns', body))).body).toEqual(first);
    expect(await consumedOf(c.id)).toBe('60.00');
    expect(await returnRowsOf(orderId)).toBe(1);
    // The same returnId with another body: 409 naming returnId, nothing recorded.
    const reused = await as.checkout.post('/api/v1/checkout/returns', { ...body, lines: [{ sku: 'RT-A', quantity: 1 }] });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ statusCode: 409, code: 'RETURN_ID_REUSED', details: [{ field: 'returnId' }] });
    expect(await consumedOf(c.id)).toBe('60.00');

    // The rest: everything given back, to the cent.
    await ok(await as.checkout.post('/api/v1/checkout/returns', { ...body, returnId: `RMA-${randomUUID()}`, lines: [{ sku: 'RT-A', quantity: 6 }] }));
    expect(await consumedOf(c.id)).toBe('0.00');
    expect(await obligationBoughtOf('RT-A', c.id)).toBe('0.00');
    // A whole-order release afterwards gives back nothing more (the cap never goes below zero).
    expect((await ok(await as.checkout.post('/api/v1/checkout/release', { orderId }))).body).toEqual({ orderId, released: true, alreadyReleased: false });
    expect(await consumedOf(c.id)).toBe('0.00');
  });

  it('refuses with 422 naming the field a SKU not in the order and a quantity above what remains, and records nothing', async () => {
    const c = await activeContract(['RT-B'], [
      { type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '1000.00', currency: 'USD' }, ...RETURNS('NONE', 'AUTO'),
    ]);
    const orderId = await commit([['RT-B', 5]]);
    await ok(await as.checkout.post('/api/v1/checkout/returns', { returnId: `RMA-${randomUUID()}`, orderId, lines: [{ sku: 'RT-B', quantity: 2 }], reason: 'x' }));

    const res = await as.checkout.post('/api/v1/checkout/returns', {
      returnId: `RMA-${randomUUID()}`, orderId, reason: 'x', lines: [{ sku: 'RT-B', quantity: 4 }, { sku: 'NOT-BOUGHT', quantity: 1 }],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'RETURN_EXCEEDS_ORDER' });
    expect(res.body.details).toEqual([
      { field: 'lines[0].quantity', lineIndex: 0, message: 'exceeds what remains of RT-B: 3 of the 5 bought (2 already returned or released)' },
      { field: 'lines[1].sku', lineIndex: 1, message: `is not in order ${orderId}` },
    ]);
    expect(await consumedOf(c.id)).toBe('30.00');
    expect(await returnRowsOf(orderId)).toBe(1);
  });

  it('refuses a return under a contract without returns terms (409 RETURNS_NOT_ALLOWED naming the contract), of an unknown order (404) and of a released order (409), recording nothing', async () => {
    const c = await activeContract(['RT-C'], [{ type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '1000.00', currency: 'USD' }]);
    const orderId = await commit([['RT-C', 3]]);
    const body = { returnId: `RMA-${randomUUID()}`, orderId, lines: [{ sku: 'RT-C', quantity: 1 }], reason: 'x' };
    const refused = await as.checkout.post('/api/v1/checkout/returns', body);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'RETURNS_NOT_ALLOWED', message: expect.stringContaining(`Contract ${c.code} 1.0 allows no returns`) });
    expect(refused.body.details).toEqual([{ field: 'lines[0].sku', lineIndex: 0, message: expect.stringContaining(`bought under contract ${c.code} 1.0 (${c.id}), which has no returns terms`) }]);
    expect(await consumedOf(c.id)).toBe('30.00');
    expect(await returnRowsOf(orderId)).toBe(0);

    const unknown = await as.checkout.post('/api/v1/checkout/returns', { ...body, returnId: `RMA-${randomUUID()}`, orderId: `SO-${randomUUID()}` });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'ORDER_NOT_FOUND', details: [{ field: 'orderId' }] });

    await ok(await as.checkout.post('/api/v1/checkout/release', { orderId }));
    const released = await as.checkout.post('/api/v1/checkout/returns', { ...body, returnId: `RMA-${randomUUID()}` });
    expect(released.status).toBe(409);
    expect(released.body).toMatchObject({ code: 'ORDER_RELEASED', details: [{ field: 'orderId' }] });
  });

  it('gives the quantity back to a quantity contract\'s reserved line, which sells it again; a completed contract stays COMPLETED after a return', async () => {
    const c = await activeContract(['RT-Q1', 'RT-Q2'], [
      { type: 'QuantityCommitmentTC', sequenceNumber: 2, lines: [{ sku: 'RT-Q1', quantity: 10 }, { sku: 'RT-Q2', quantity: 5 }] },
      ...RETURNS('NoReturnCharge', 'AUTOMATIC', 'STORE-CREDIT'),
    ]);
    const orderId = await commit([['RT-Q1', 10]]);
    expect(await drawnOf(c.id)).toEqual({ 'RT-Q1': 10, 'RT-Q2': 0 });

    const answer = (await ok(await as.checkout.post('/api/v1/checkout/returns', { returnId: `RMA-${randomUUID()}`, orderId, lines: [{ sku: 'RT-Q1', quantity: 3 }], reason: 'x' }))).body;
    expect(answer).toMatchObject({
      approvalRequired: false, totals: { amount: '30.00', charge: '0.00', refund: '30.00' },
      lines: [{ refundMethod: 'STORE-CREDIT', approvalRequired: false }], quantities: [{ contractId: c.id, sku: 'RT-Q1', quantity: 3 }],
    });
    expect(await drawnOf(c.id)).toEqual({ 'RT-Q1': 7, 'RT-Q2': 0 });
    const again = (await ok(await as.checkout.post('/api/v1/checkout/evaluate', order([['RT-Q1', 4]])))).body;
    expect(again.violations).toEqual([expect.objectContaining({ code: 'QUANTITY_EXCEEDS_REMAINING' })]);
    const second = await commit([['RT-Q1', 3], ['RT-Q2', 5]]);
    await as.rep1.waitForStatus(c.id, 'COMPLETED', 20_000);

    await ok(await as.checkout.post('/api/v1/checkout/returns', { returnId: `RMA-${randomUUID()}`, orderId: second, lines: [{ sku: 'RT-Q2', quantity: 2 }], reason: 'x' }));
    expect(await drawnOf(c.id)).toEqual({ 'RT-Q1': 10, 'RT-Q2': 3 });
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${c.id}`))).body.status).toBe('COMPLETED');
    const after = (await ok(await as.checkout.post('/api/v1/checkout/evaluate', order([['RT-Q2', 1]])))).body;
    expect(after.lines[0].boughtUnder).toBeNull();
  });

  it('releases single lines (a quantity, or all that remains of a SKU), never more than remains; a releaseId makes it idempotent; the whole-order release then gives back the rest', async () => {
    const c = await activeContract(['RT-L1', 'RT-L2'], [{ type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '1000.00', currency: 'USD' }]);
    const orderId = await commit([['RT-L1', 4], ['RT-L2', 6]]);
    expect(await consumedOf(c.id)).toBe('100.00');

    const releaseId = `REL-${randomUUID()}`;
    const part = (await ok(await other.post('/api/v1/checkout/release', { orderId, releaseId, lines: [{ sku: 'RT-L1', quantity: 1 }] }))).body;
    expect(part).toMatchObject({ orderId, releaseId, released: true, lines: [{ sku: 'RT-L1', quantity: 1, amount: '10.00' }], rightToBuy: [{ amount: '10.00' }] });
    expect((await ok(await as.checkout.post('/api/v1/checkout/release', { orderId, releaseId, lines: [{ sku: 'RT-L1', quantity: 1 }] }))).body).toEqual(part);
    expect(await consumedOf(c.id)).toBe('90.00');

    const rest = (await ok(await as.checkout.post('/api/v1/checkout/release', { orderId, lines: [{ sku: 'RT-L1' }] }))).body;
    expect(rest.lines).toEqual([expect.objectContaining({ sku: 'RT-L1', quantity: 3, amount: '30.00' })]);
    expect(await consumedOf(c.id)).toBe('60.00');

    const over = await as.checkout.post('/api/v1/checkout/release', { orderId, lines: [{ sku: 'RT-L1', quantity: 1 }] });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'RETURN_EXCEEDS_ORDER', details: [{ field: 'lines[0].quantity' }] });
    expect(await consumedOf(c.id)).toBe('60.00');

    await ok(await as.checkout.post('/api/v1/checkout/release', { orderId }));
    expect(await consumedOf(c.id)).toBe('0.00');
  });

  it('20 parallel returns of 1 against an order of 12, through two API processes: exactly 12 accepted, 8 refused, the spend given back exactly once; one returnId sent 6 times at once records one return', async () => {
    const c = await activeContract(['RT-P'], [
      { type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '1000.00', currency: 'USD' }, ...RETURNS('RESTOCKING-10', 'MANUAL'),
    ]);
    const orderId = await commit([['RT-P', 12]]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : as.checkout).post('/api/v1/checkout/returns',
      { returnId: `RMA-${randomUUID()}`, orderId, lines: [{ sku: 'RT-P', quantity: 1 }], reason: 'parallel' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(12);
    expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual(Array(8).fill([422, 'RETURN_EXCEEDS_ORDER']));
    expect(await consumedOf(c.id)).toBe('0.00');
    const { rows } = await db.query(`SELECT sum(quantity)::int AS q, sum(amount)::text AS a FROM checkout_return_lines WHERE order_id = $1`, [orderId]);
    expect(rows[0]).toEqual({ q: 12, a: '120.00' });

    // The same returnId sent 6 times at once: one return recorded, six identical answers.
    const second = await commit([['RT-P', 2]]);
    const same = { returnId: `RMA-${randomUUID()}`, orderId: second, lines: [{ sku: 'RT-P', quantity: 1 }], reason: 'retry' };
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : as.checkout).post('/api/v1/checkout/returns', same)));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    for (const r of answers.slice(1)) expect(r.body).toEqual(answers[0].body);
    expect(await returnRowsOf(second)).toBe(1);
    expect(await consumedOf(c.id)).toBe('10.00');
  });
});
