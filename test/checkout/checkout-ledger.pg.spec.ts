import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dnOrganizationDirectory, evaluateCheckout, type ContractDraft, type LifecycleEvent } from '@pactum/domain';
import {
  CheckoutLedgerStore, ContractStore, createDataSource, LivePricingSnapshot, loadDeployedContracts, type OrderCommit,
} from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';

// The checkout ledger and the snapshot loader on the real Postgres (migrations applied by the global setup).
describe('checkout ledger and snapshot loader (Postgres)', () => {
  let ds: DataSource;
  let contracts: ContractStore;
  let ledger: CheckoutLedgerStore;
  const buyer = () => `ou=Buyer ${randomUUID().slice(0, 8)},o=Root Organization`;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 12 }).initialize();
    contracts = new ContractStore(ds);
    ledger = new CheckoutLedgerStore(ds);
  });
  afterAll(() => ds.destroy());

  const event = (contractId: string, seq: number, fromStatus: any, toStatus: any): LifecycleEvent =>
    ({ contractId, seq, at: new Date().toISOString(), actor: 'test', action: 'test', fromStatus, toStatus });

  /** A deployed (ACTIVE) contract with the given buyer and terms. */
  async function deployed(overrides: Partial<ContractDraft>): Promise<string> {
    const id = randomUUID();
    await contracts.createDraft({ id, workflowId: `wf-${id}`, draft: draftBody({ account: undefined, ...overrides }), origin: 'Manual', createdBy: 'rep1', at: new Date().toISOString() });
    await contracts.deploy(event(id, 2, 'DRAFT', 'ACTIVE'));
    return id;
  }

  async function snapshotOf(ids: string[], batchSize = 500): Promise<LivePricingSnapshot> {
    const live = new LivePricingSnapshot();
    await loadDeployedContracts(ds, (batch) => live.upsert(batch), { ids, batchSize });
    return live;
  }

  const request = (b: string, lines = [{ sku: 'SKU-1', quantity: 2, listPrice: '20.00' }]) =>
    ({ buyer: b, currency: 'USD', at: '2026-06-01T00:00:00Z', lines });

  function order(orderId: string, contractId: string, amount: string, extra: Partial<OrderCommit> = {}): OrderCommit {
    return {
      orderId, buyer: 'o=X', currency: 'USD', total: amount,
      rightToBuy: [{ contractId, amount, currency: 'USD', limit: '1000.00', limitCurrency: 'USD' }],
      quantities: [],
      answer: (consumed) => JSON.stringify({ orderId, committed: true, consumed: consumed.get(contractId) ?? null }),
      ...extra,
    };
  }
  const consumedOf = async (id: string) => (await ds.query(`SELECT consumed::text AS c FROM checkout_right_to_buy WHERE contract_id = $1`, [id]))[0]?.c;

  it('loads a deployed contract so that the evaluation gives its price with an explanation; a suspended one gives none', async () => {
    const b = buyer();
    const id = await deployed({
      buyers: [{ organization: b, active: true }],
      terms: [{ type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'P', offers: [{ sku: 'SKU-1', price: '18.40', currency: 'USD' }] } as any],
    });
    const live = await snapshotOf([id]);
    const result = evaluateCheckout(live.snapshot, request(b), dnOrganizationDirectory());
    expect(result.lines[0]).toMatchObject({ unitPrice: '18.40', rule: 'PriceTCCustomPriceList', contract: { id } });
    expect(result.lines[0].explanation[0]).toMatch(/^won: PriceTCCustomPriceList #1/);
    expect(live.size.offers).toBe(1);

    await contracts.recordTransition(event(id, 3, 'ACTIVE', 'SUSPENDED'));
    const after = await snapshotOf([id]);
    const suspended = evaluateCheckout(after.snapshot, request(b), dnOrganizationDirectory());
    expect(suspended.lines[0]).toMatchObject({ unitPrice: '20.00', rule: 'LIST_PRICE', contract: null });
    expect(suspended.violations.map((v) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);
  });

  it('links a base contract read in another batch, and patches single contracts in and out', async () => {
    const b = buyer();
    const baseDraft = draftBody({ account: undefined, isBase: true, buyers: [], terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-10' }] });
    const baseId = await deployed(baseDraft);
    const childId = await deployed({
      buyers: [{ organization: b, active: true }], baseContract: { code: baseDraft.code },
      terms: [{ type: 'ShippingTCShippingMode', sequenceNumber: 1, mode: 'UPS' }],
    });
    const live = await snapshotOf([childId, baseId], 1);
    expect(live.snapshot.warnings).toEqual([]);
    expect(evaluateCheckout(live.snapshot, request(b), dnOrganizationDirectory()).lines[0]).toMatchObject({ unitPrice: '18.00', contract: { id: childId } });
    live.remove([baseId]);
    expect(evaluateCheckout(live.snapshot, request(b), dnOrganizationDirectory()).lines[0]).toMatchObject({ rule: 'LIST_PRICE' });
    await loadDeployedContracts(ds, (batch) => live.upsert(batch), { ids: [baseId] });
    expect(evaluateCheckout(live.snapshot, request(b), dnOrganizationDirectory()).lines[0]).toMatchObject({ unitPrice: '18.00' });
  });

  it('200 parallel commits against one cap: exactly the orders that fit succeed, the cap is reached exactly, never passed', async () => {
    const id = await deployed({ terms: [{ type: 'RightToBuyTCByAmount', sequenceNumber: 1, maximumAmount: '1000.00', currency: 'USD' }] });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => ledger.commit(order(`o-${id}-${i}`, id, '10.00'))));
    const elapsed = Date.now() - started;
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(100);
    expect(new Set(refused.map((r) => r.reason.code))).toEqual(new Set(['RIGHT_TO_BUY_EXCEEDED']));
    expect(await consumedOf(id)).toBe('1000.00');
    const [sum] = await ds.query(`SELECT sum(amount)::text AS s, count(*)::int AS n FROM checkout_order_spend WHERE contract_id = $1`, [id]);
    expect(sum).toEqual({ s: '1000.00', n: 100 });
    const [orders] = await ds.query(`SELECT count(*)::int AS n FROM checkout_orders WHERE order_id LIKE $1`, [`o-${id}-%`]);
    expect(orders.n).toBe(100);
    process.stdout.write(`[checkout] 200 parallel commits on one cap: ${elapsed} ms\n`);
  });

  it('group commit: two ledgers (two API processes) with orders of mixed sizes fill one cap without passing it; a refusal leaves the others standing', async () => {
    const id = await deployed({ terms: [{ type: 'RightToBuyTCByAmount', sequenceNumber: 1, maximumAmount: '1000.00', currency: 'USD' }] });
    const other = new CheckoutLedgerStore(ds);
    // 37.50 and 12.25 alternate: the sums that fit are not a round number of orders.
    const amountOf = (i: number) => (i % 2 ? '37.50' : '12.25');
    const results = await Promise.allSettled(Array.from({ length: 120 }, (_, i) => (i % 2 ? ledger : other).commit(order(`g-${id}-${i}`, id, amountOf(i)))));
    const okIndexes = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    const accepted = okIndexes.reduce((sum, i) => sum + Number(amountOf(i)) * 100, 0) / 100;
    expect(accepted).toBeLessThanOrEqual(1000);
    // Whatever was refused did not fit at its turn: at most 37.50 stayed unused.
    expect(1000 - accepted).toBeLessThan(37.5);
    expect(Number(await consumedOf(id))).toBeCloseTo(accepted, 2);
    const [sum] = await ds.query(`SELECT sum(amount)::numeric AS s, count(*)::int AS n FROM checkout_order_spend WHERE contract_id = $1`, [id]);
    expect({ s: Number(sum.s), n: sum.n }).toEqual({ s: accepted, n: okIndexes.length });
    const [orders] = await ds.query(`SELECT count(*)::int AS n FROM checkout_orders WHERE order_id LIKE $1`, [`g-${id}-%`]);
    expect(orders.n).toBe(okIndexes.length);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'RIGHT_TO_BUY_EXCEEDED', details: [{ field: 'total' }] });
      else expect(JSON.parse(r.value.answer)).toMatchObject({ committed: true });
    }
  });

  it('the same orderId again returns the first answer and records nothing; release gives back once', async () => {
    const id = await deployed({ terms: [{ type: 'RightToBuyTCByAmount', sequenceNumber: 1, maximumAmount: '1000.00', currency: 'USD' }] });
    const orderId = `o-${randomUUID()}`;
    const first = await ledger.commit(order(orderId, id, '250.00'));
    expect(first.replayed).toBe(false);
    expect(JSON.parse(first.answer)).toEqual({ orderId, committed: true, consumed: '250.00' });
    const again = await Promise.all([ledger.commit(order(orderId, id, '250.00')), ledger.commit(order(orderId, id, '999.00'))]);
    expect(again.map((a) => a.replayed)).toEqual([true, true]);
    expect(again.map((a) => JSON.parse(a.answer))).toEqual([JSON.parse(first.answer), JSON.parse(first.answer)]);
    expect(await consumedOf(id)).toBe('250.00');

    expect(await ledger.release(orderId)).toEqual({ orderId, released: true, alreadyReleased: false });
    expect(await ledger.release(orderId)).toEqual({ orderId, released: true, alreadyReleased: true });
    expect(await consumedOf(id)).toBe('0.00');
    expect(await ledger.release(`missing-${randomUUID()}`)).toBeNull();
    // A released order stays answered by its first answer; nothing is drawn again.
    expect((await ledger.commit(order(orderId, id, '250.00'))).replayed).toBe(true);
    expect(await consumedOf(id)).toBe('0.00');
  });

  it('refuses a draw in another currency than the cap (one not converted at a rate)', async () => {
    const id = await deployed({ terms: [{ type: 'RightToBuyTCByAmount', sequenceNumber: 1, maximumAmount: '1000.00', currency: 'EUR' }] });
    const orderId = `o-${randomUUID()}`;
    await expect(ledger.commit(order(orderId, id, '10.00', {
      rightToBuy: [{ contractId: id, amount: '10.00', currency: 'USD', limit: '1000.00', limitCurrency: 'EUR' }],
    }))).rejects.toMatchObject({ kind: 'conflict', code: 'RIGHT_TO_BUY_EXCEEDED', message: expect.stringMatching(/capped in EUR.*no rate from USD to EUR was applied/) });
    expect(await ledger.answerOf(orderId)).toBeNull();
  });

  it('draws reserved quantities down, refuses past what remains with nothing recorded, reports completion, and release gives back', async () => {
    const id = await deployed({ terms: [{ type: 'QuantityCommitmentTC', sequenceNumber: 3, lines: [{ sku: 'Q-1', quantity: 6 }, { sku: 'Q-1', quantity: 4 }] } as any] });
    const draw = (orderId: string, quantity: number): OrderCommit => ({
      orderId, buyer: 'o=X', currency: 'USD', total: '0', rightToBuy: [],
      quantities: [{ contractId: id, termSeq: 3, sku: 'Q-1', quantity, lineIndex: 0 }],
      answer: () => JSON.stringify({ orderId, committed: true }),
    });
    const drawn = async () => (await ds.query(`SELECT drawn_down FROM contract_quantity_lines WHERE contract_id = $1 ORDER BY position`, [id])).map((r: any) => r.drawn_down);
    expect((await ledger.commit(draw('q1-' + id, 7))).completed).toEqual([]);
    expect(await drawn()).toEqual([6, 1]);
    await expect(ledger.commit(draw('q2-' + id, 4))).rejects.toMatchObject({ code: 'QUANTITY_EXCEEDS_REMAINING', details: [{ field: 'lines[0].quantity', lineIndex: 0 }] });
    expect(await drawn()).toEqual([6, 1]);
    expect(await ledger.answerOf('q2-' + id)).toBeNull();
    const last = await ledger.commit(draw('q3-' + id, 3));
    expect(last.completed).toEqual([{ contractId: id, workflowId: `wf-${id}` }]);
    await ledger.release('q1-' + id);
    expect(await drawn()).toEqual([0, 3]);
    const view = await ledger.view([], [id]);
    expect(view.quantities.get(`${id}/3/Q-1`)).toEqual({ reserved: 10, drawn: 3 });
  });
});
