import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ContractDraft, LifecycleEvent } from '@pactum/domain';
import { CheckoutLedgerStore, ContractStore, createDataSource, type OrderCommit } from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';

// A new version's deploy carries the family's draws, on the real Postgres (migrations applied by the global setup).
describe('quantity draws across versions (Postgres)', () => {
  let ds: DataSource;
  let contracts: ContractStore;
  /** Two ledgers: each group-commits on its own, so their batches race as two API processes' do. */
  let ledgers: CheckoutLedgerStore[];

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 12 }).initialize();
    contracts = new ContractStore(ds);
    ledgers = [new CheckoutLedgerStore(ds), new CheckoutLedgerStore(ds)];
  });
  afterAll(() => ds.destroy());

  const event = (contractId: string, seq: number, fromStatus: any, toStatus: any): LifecycleEvent =>
    ({ contractId, seq, at: new Date().toISOString(), actor: 'test', action: 'test', fromStatus, toStatus });
  const quantityTerm = (...lines: [string, number][]) =>
    [{ type: 'QuantityCommitmentTC', sequenceNumber: 3, lines: lines.map(([sku, quantity]) => ({ sku, quantity })) }] as ContractDraft['terms'];

  /** Version 1.`minor` of the family `code`, as a draft; deployed unless `deploy` is false. */
  async function version(code: string, minor: number, terms: ContractDraft['terms'], deploy = true): Promise<string> {
    const id = randomUUID();
    await contracts.createDraft({ id, workflowId: `wf-${id}`, draft: draftBody({ code, account: undefined, terms }), origin: 'Manual',
      createdBy: 'rep1', at: new Date().toISOString(), version: { major: 1, minor } });
    if (deploy) await contracts.deploy(event(id, 2, 'DRAFT', 'ACTIVE'));
    return id;
  }

  const draw = (contractId: string, sku: string, quantity: number, orderId = `o-${randomUUID()}`): OrderCommit => ({
    orderId, buyer: 'o=X', currency: 'USD', total: '0', rightToBuy: [],
    quantities: [{ contractId, termSeq: 3, sku, quantity, lineIndex: 0 }],
    answer: () => JSON.stringify({ orderId, committed: true }),
  });
  const linesOf = async (id: string) => (await ds.query(
    `SELECT sku, quantity, drawn_down FROM contract_quantity_lines WHERE contract_id = $1 ORDER BY term_seq, position`, [id]))
    .map((r: any) => [r.sku, r.quantity, r.drawn_down]);

  it('fills several lines of one SKU in order and leaves any excess on the last, so what remains is reserved minus drawn', async () => {
    const code = `QV-${randomUUID().slice(0, 8)}`;
    const v10 = await version(code, 0, quantityTerm(['A', 20], ['B', 5]));
    await ledgers[0].commit(draw(v10, 'A', 9));
    const v11 = await version(code, 1, quantityTerm(['A', 6], ['A', 2], ['B', 5]));
    expect(await linesOf(v11)).toEqual([['A', 6, 6], ['A', 2, 3], ['B', 5, 0]]);
    await expect(ledgers[0].commit(draw(v11, 'A', 1))).rejects.toMatchObject({ code: 'QUANTITY_EXCEEDS_REMAINING' });
    expect(await contracts.lifecycleOf(v10)).toMatchObject({ status: 'CLOSED' });
  });

  it('a retried deploy carries nothing twice', async () => {
    const code = `QV-${randomUUID().slice(0, 8)}`;
    const v10 = await version(code, 0, quantityTerm(['A', 10]));
    await ledgers[0].commit(draw(v10, 'A', 4));
    const v11 = await version(code, 1, quantityTerm(['A', 10]));
    await ledgers[0].commit(draw(v11, 'A', 1));
    await contracts.deploy(event(v11, 2, 'DRAFT', 'ACTIVE'));
    expect(await linesOf(v11)).toEqual([['A', 10, 5]]);
  });

  it('draws racing the deploy that closes their version: every one accepted on 1.0 is carried to 1.1, none lands on 1.0 after it', async () => {
    const code = `QV-${randomUUID().slice(0, 8)}`;
    const v10 = await version(code, 0, quantityTerm(['A', 500]));
    const v11 = await version(code, 1, quantityTerm(['A', 500]), false);
    const orders = Array.from({ length: 120 }, (_, i) => ledgers[i % 2].commit(draw(v10, 'A', 1)).then(() => true, (err) => {
      if (err?.code !== 'QUANTITY_EXCEEDS_REMAINING') throw err;
      return false;
    }));
    // The deploy lands in the middle of the burst.
    await new Promise((r) => setTimeout(r, 5));
    await contracts.deploy(event(v11, 2, 'DRAFT', 'ACTIVE'));
    const accepted = (await Promise.all(orders)).filter(Boolean).length;
    process.stdout.write(`[quantity-versions] ${accepted} of 120 draws landed on 1.0 before 1.1 deployed\n`);
    const [[, , drawnOn10]] = await linesOf(v10);
    expect(drawnOn10).toBe(accepted);
    expect(await linesOf(v11)).toEqual([['A', 500, accepted]]);
    expect(await ds.query(`SELECT coalesce(sum(quantity), 0)::int AS n FROM checkout_order_quantities WHERE contract_id = $1`, [v10])).toEqual([{ n: accepted }]);
  });
});
