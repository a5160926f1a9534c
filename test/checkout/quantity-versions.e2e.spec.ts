import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ContractDraft } from '@pactum/domain';
import { DEMO_BUYERS } from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { CheckoutStack } from '../support/checkout-stack';
import { expectStatus, type HttpClient } from '../support/http-client';

/**
 * Quantity contracts over HTTP, with two API processes and a worker on the real Postgres and
 * Temporal: a new version carries what the family drew and refuses a line below it (edit and
 * submit), every reserved line drawn down completes the contract (and archives it with
 * autoArchive) through the real workflow, and 200 parallel commits on one line take exactly what
 * it reserves.
 */
describe('checkout: quantity contracts across versions', () => {
  const stack = new CheckoutStack('quantity');
  const as = stack.users;
  let other: HttpClient;
  let db: Client;
  // Each test buys for a division of its own (under the demo account): no other contract entitles its lines.
  let buyer = '';
  beforeEach(() => { buyer = `ou=Quantity ${randomUUID().slice(0, 8)},${DEMO_BUYERS.northwind}`; });

  beforeAll(async () => {
    await stack.start(['rep1', 'manager1', 'checkout']);
    ({ other, db } = stack);
  }, 120_000);

  afterAll(() => stack.stop());

  const ok = expectStatus;

  /** Prices for the SKUs, and a quantity term (seq 2) reserving `lines`. */
  const terms = (lines: [string, number][], autoArchive?: boolean) => [
    { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'Custom', offers: lines.map(([sku]) => ({ sku, price: '10.00', currency: 'USD' })) },
    { type: 'QuantityCommitmentTC', sequenceNumber: 2, lines: lines.map(([sku, quantity]) => ({ sku, quantity })), ...(autoArchive ? { autoArchive } : {}) },
    { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' },
  ] as ContractDraft['terms'];

  /** A contract created, submitted and approved through the API, ACTIVE. */
  async function activeContract(lines: [string, number][], autoArchive?: boolean): Promise<string> {
    const c = (await ok(await as.rep1.post('/api/v1/contracts', draftBody({ buyers: [{ organization: buyer, active: true }], terms: terms(lines, autoArchive) })), 201)).body;
    await stack.activate(c.id);
    return c.id;
  }


  const order = (sku: string, quantity: number) => ({ buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku, quantity, listPrice: '20.00' }] });
  const commit = (client: HttpClient, sku: string, quantity: number) =>
    client.post('/api/v1/checkout/commit', { orderId: `SO-${randomUUID()}`, ...order(sku, quantity) });

  /** Polls evaluate on a process until the line is bought under the contract (a deploy reaches the snapshot within a second). */
  async function boughtUnder(client: HttpClient, sku: string, contractId: string): Promise<any> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await ok(await client.post('/api/v1/checkout/evaluate', order(sku, 1)));
      if (res.body.lines[0].boughtUnder?.id === contractId) return res.body;
      if (Date.now() > deadline) throw new Error(`the line is not bought under ${contractId}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const drawnOf = async (contractId: string) => Object.fromEntries((await db.query(
    `SELECT sku, quantity, drawn_down FROM contract_quantity_lines WHERE contract_id = $1 ORDER BY position`, [contractId])).rows
    .map((r) => [r.sku, { reserved: r.quantity, drawn: r.drawn_down }]));
  const historyOf = async (id: string) => (await ok(await as.rep1.get(`/api/v1/contracts/${id}/history`))).body
    .map((h: any) => [h.actor, h.action, h.toStatus]);

  it('version 1.1 carries what 1.0 drew, refuses a line below it at edit and at submit (422 naming term and SKU), and sells only what remains', async () => {
    const [a, b] = [`KEG-${randomUUID().slice(0, 8)}`, `CASK-${randomUUID().slice(0, 8)}`];
    const v10 = await activeContract([[a, 10], [b, 5]]);
    await boughtUnder(as.checkout, a, v10);
    await ok(await commit(as.checkout, a, 6));

    const v11 = (await ok(await as.rep1.post(`/api/v1/contracts/${v10}/new-version`), 201)).body;
    const below = await as.rep1.request('PUT', `/api/v1/contracts/${v11.id}/terms`, terms([[a, 5], [b, 5]]));
    expect(below.status).toBe(422);
    expect(below.body.details).toEqual([{ field: 'terms[1].lines[0].quantity', message: `term 2 reserves 5 of SKU "${a}", below the 6 already drawn under this contract family` }]);
    const removed = await as.rep1.request('PUT', `/api/v1/contracts/${v11.id}/terms`, terms([[b, 5]]));
    expect(removed.status).toBe(422);
    expect(removed.body.details).toEqual([{ field: 'terms', message: `SKU "${a}" has 6 drawn under this contract family: its reserved line cannot be removed` }]);
    // Lowering to what was drawn, or above, is a new version's right; an undrawn line may be lowered freely.
    await ok(await as.rep1.request('PUT', `/api/v1/contracts/${v11.id}/terms`, terms([[a, 7], [b, 2]])));

    // 1.0 keeps selling until 1.1 deploys: the family has now drawn 8, and a submit sees it.
    await ok(await commit(other, a, 2));
    const submit = await as.rep1.post(`/api/v1/contracts/${v11.id}/submit`);
    expect(submit.status).toBe(422);
    expect(submit.body.details).toEqual([{ field: 'terms[1].lines[0].quantity', message: `term 2 reserves 7 of SKU "${a}", below the 8 already drawn under this contract family` }]);
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${v11.id}`))).body.status).toBe('DRAFT');

    await ok(await as.rep1.request('PUT', `/api/v1/contracts/${v11.id}/terms`, terms([[a, 9], [b, 2]])));
    await stack.activate(v11.id);
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${v10}`))).body.status).toBe('CLOSED');
    // Carried in the deploy's transaction: 8 of 9 drawn on 1.1 from the start; 1.0's own lines keep their record.
    expect(await drawnOf(v11.id)).toEqual({ [a]: { reserved: 9, drawn: 8 }, [b]: { reserved: 2, drawn: 0 } });
    expect(await drawnOf(v10)).toEqual({ [a]: { reserved: 10, drawn: 8 }, [b]: { reserved: 5, drawn: 0 } });

    await boughtUnder(other, a, v11.id);
    const evaluation = await ok(await other.post('/api/v1/checkout/evaluate', order(a, 2)));
    expect(evaluation.body.allowed).toBe(false);
    expect(evaluation.body.violations.map((v: any) => v.code)).toEqual(['QUANTITY_EXCEEDS_REMAINING']);
    const over = await commit(other, a, 2);
    expect(over).toMatchObject({ status: 409, body: { code: 'QUANTITY_EXCEEDS_REMAINING', details: [{ field: 'lines[0].quantity', lineIndex: 0 }] } });
    await ok(await commit(other, a, 1));
    await ok(await commit(as.checkout, b, 2));
    expect(await drawnOf(v11.id)).toEqual({ [a]: { reserved: 9, drawn: 9 }, [b]: { reserved: 2, drawn: 2 } });
    await as.rep1.waitForStatus(v11.id, 'COMPLETED', 20_000);
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${v10}`))).body.status).toBe('CLOSED');
  }, 120_000);

  it('an order bought under 1.0 and released after 1.1 deployed gives its quantity back to 1.1, which may then reserve less', async () => {
    const a = `KEG-${randomUUID().slice(0, 8)}`;
    const v10 = await activeContract([[a, 10]]);
    await boughtUnder(as.checkout, a, v10);
    const orderId = `SO-${randomUUID()}`;
    await ok(await as.checkout.post('/api/v1/checkout/commit', { orderId, ...order(a, 4) }));
    await ok(await as.checkout.post('/api/v1/checkout/commit', { orderId: `SO-${randomUUID()}`, ...order(a, 3) }));
    const v11 = (await ok(await as.rep1.post(`/api/v1/contracts/${v10}/new-version`), 201)).body;
    await stack.activate(v11.id);
    expect(await drawnOf(v11.id)).toEqual({ [a]: { reserved: 10, drawn: 7 } });

    expect((await ok(await other.post('/api/v1/checkout/release', { orderId }))).body).toEqual({ orderId, released: true, alreadyReleased: false });
    expect(await drawnOf(v10)).toEqual({ [a]: { reserved: 10, drawn: 3 } });
    expect(await drawnOf(v11.id)).toEqual({ [a]: { reserved: 10, drawn: 3 } });
    // The family has drawn 3 now: version 1.2 may reserve down to 3, not below.
    const v12 = (await ok(await as.rep1.post(`/api/v1/contracts/${v11.id}/new-version`), 201)).body;
    const below = await as.rep1.request('PUT', `/api/v1/contracts/${v12.id}/terms`, terms([[a, 2]]));
    expect(below).toMatchObject({ status: 422, body: { details: [{ field: 'terms[1].lines[0].quantity', message: expect.stringContaining('below the 3 already drawn') }] } });
    await ok(await as.rep1.request('PUT', `/api/v1/contracts/${v12.id}/terms`, terms([[a, 3]])));
  }, 90_000);

  it.each([
    { label: 'without autoArchive', autoArchive: false, final: 'COMPLETED', tail: [['system', 'complete', 'COMPLETED']] },
    { label: 'with autoArchive', autoArchive: true, final: 'ARCHIVED', tail: [['system', 'complete', 'COMPLETED'], ['system', 'archive', 'ARCHIVED']] },
  ])('a quantity contract $label whose every reserved line is drawn down by commits ends $final, with its audit lines', async ({ autoArchive, final, tail }) => {
    const [a, b] = [`KEG-${randomUUID().slice(0, 8)}`, `CASK-${randomUUID().slice(0, 8)}`];
    const id = await activeContract([[a, 3], [b, 2]], autoArchive);
    await boughtUnder(as.checkout, a, id);
    await ok(await commit(as.checkout, a, 3));
    // One line drawn down is not the contract drawn down.
    await new Promise((r) => setTimeout(r, 500));
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${id}`))).body.status).toBe('ACTIVE');
    await ok(await commit(other, b, 2));
    await as.rep1.waitForStatus(id, final, 20_000);
    const history = await historyOf(id);
    expect(history.slice(-tail.length)).toEqual(tail);
    expect(history.slice(0, 5).map((h: string[]) => h[2])).toEqual(['DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'DEPLOYING', 'ACTIVE']);
    // It sells nothing any more: the line is no longer bought under it.
    const after = await ok(await as.checkout.post('/api/v1/checkout/evaluate', order(a, 1)));
    expect(after.body.lines[0].boughtUnder?.id).not.toBe(id);
  }, 90_000);

  it('200 parallel commits of 1 against a line reserving 150, through two API processes: exactly 150 accepted, 50 refused, no overdraw; then the contract completes', async () => {
    const [a, b] = [`KEG-${randomUUID().slice(0, 8)}`, `CASK-${randomUUID().slice(0, 8)}`];
    // A second line keeps the contract ACTIVE through the burst, so every refusal is the ledger's, not a completed contract's.
    const id = await activeContract([[a, 150], [b, 1]]);
    await boughtUnder(as.checkout, a, id);
    await boughtUnder(other, a, id);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => commit(i % 2 ? other : as.checkout, a, 1)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(150);
    expect(statuses.filter((s) => s === 409)).toHaveLength(50);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ statusCode: 409, code: 'QUANTITY_EXCEEDS_REMAINING' });
    expect(await drawnOf(id)).toEqual({ [a]: { reserved: 150, drawn: 150 }, [b]: { reserved: 1, drawn: 0 } });
    const { rows: [recorded] } = await db.query(
      `SELECT count(*)::int AS orders, sum(quantity)::int AS quantity FROM checkout_order_quantities WHERE contract_id = $1 AND sku = $2`, [id, a]);
    expect(recorded).toEqual({ orders: 150, quantity: 150 });
    expect((await ok(await as.rep1.get(`/api/v1/contracts/${id}`))).body.status).toBe('ACTIVE');

    await ok(await commit(other, b, 1));
    await as.rep1.waitForStatus(id, 'COMPLETED', 20_000);
    expect((await historyOf(id)).slice(-1)).toEqual([['system', 'complete', 'COMPLETED']]);
  }, 120_000);
});
