import { randomUUID } from 'node:crypto';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';

/**
 * The draft price preview and the overlap warnings over HTTP (real API and worker processes, real
 * Postgres and Temporal). Other files share the database: each case uses a buyer division and a
 * SKU of its own, and looks only at the contracts it created.
 */
describe('draft price preview and overlap warnings', () => {
  let api: AppProcess;
  let worker: AppProcess;
  const users: Record<string, HttpClient> = {};

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-preview-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const u of ['rep1', 'manager1', 'checkout']) users[u] = await http.login(u);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  /** A buyer division and a SKU no other test uses. */
  function scenario() {
    const tag = randomUUID().slice(0, 8);
    return { buyer: `ou=Preview ${tag},o=Northwind Fabrication,o=Root Organization`, sku: `PRV-${tag}` };
  }

  const offerDraft = (buyer: string, sku: string, price: string, code = `PRV-${randomUUID().slice(0, 8)}`) => draftBody({
    code,
    buyers: [{ organization: buyer, active: true }],
    terms: [
      { type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku, price, currency: 'USD' }] },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
    ],
  });

  async function activeContract(buyer: string, sku: string, price: string): Promise<any> {
    const rep = users.rep1!;
    const created = await rep.post('/api/v1/contracts', offerDraft(buyer, sku, price));
    expect(created.status).toBe(201);
    expect((await rep.post(`/api/v1/contracts/${created.body.id}/submit`)).status).toBe(200);
    expect((await users.manager1!.post(`/api/v1/contracts/${created.body.id}/approve`)).status).toBe(200);
    await rep.waitForStatus(created.body.id, 'ACTIVE');
    // The API's snapshot follows the deploy's notification: checkout prices under it once it is in.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await users.checkout!.post('/api/v1/checkout/evaluate', { buyer, currency: 'USD', lines: [{ sku, quantity: 1, listPrice: '21.00' }] });
      if (res.body.lines?.[0]?.contract?.id === created.body.id) return created.body;
      if (Date.now() > deadline) throw new Error(`checkout never priced under ${created.body.code}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('prices a line under an unsaved draft\'s custom offer with checkout\'s explanation, and deploys nothing', async () => {
    const { buyer, sku } = scenario();
    const draft = offerDraft(buyer, sku, '17.00');
    const res = await users.rep1!.post('/api/v1/contracts/preview', { draft, buyer, at: '2026-03-01T12:00:00Z', lines: [{ sku, quantity: 20, listPrice: '21.00' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      allowed: true, total: '340.00', violations: [],
      lines: [{ sku, quantity: 20, listPrice: '21.00', unitPrice: '17.00', rule: 'PriceTCCustomPriceList', contract: { code: draft.code, version: '1.0' } }],
      preview: { code: draft.code, version: '1.0', at: '2026-03-01T12:00:00.000Z', compileWarnings: [] },
    });
    expect(res.body.lines[0].explanation[0]).toMatch(new RegExp(`^won: PriceTCCustomPriceList #1 of ${draft.code} 1.0 at 17.00 .*lowest contract price at or below list price 21.00`));

    // Nothing was written, and checkout knows no contract for this buyer.
    expect((await users.rep1!.get(`/api/v1/contracts?code=${draft.code}`)).body.total).toBe(0);
    const checkout = await users.checkout!.post('/api/v1/checkout/evaluate', { buyer, currency: 'USD', at: '2026-03-01T12:00:00Z', lines: [{ sku, quantity: 20, listPrice: '21.00' }] });
    expect(checkout.body.violations.map((v: any) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);
  });

  it('answers 422 naming the draft\'s field when the draft is not valid, and 403 to an order service', async () => {
    const { buyer, sku } = scenario();
    const draft = offerDraft(buyer, sku, 'cheap');
    const res = await users.rep1!.post('/api/v1/contracts/preview', { draft, buyer, lines: [{ sku, quantity: 1, listPrice: '21.00' }] });
    expect(res.status).toBe(422);
    expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'draft.terms[0].offers[0].price' }));

    const overlaps = await users.rep1!.post('/api/v1/contracts/overlaps', { draft: { ...draft, currency: 'dollars' } });
    expect(overlaps.status).toBe(422);
    expect(overlaps.body.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['draft.currency', 'draft.terms[0].offers[0].price']));

    expect((await users.checkout!.post('/api/v1/contracts/preview', { draft: offerDraft(buyer, sku, '1.00'), buyer, lines: [{ sku, quantity: 1, listPrice: '2.00' }] })).status).toBe(403);
  });

  it('warns of an active contract pricing the same SKU for the buyer: in the editor, the submit answer and the inbox, naming the winner', async () => {
    const { buyer, sku } = scenario();
    const other = await activeContract(buyer, sku, '19.00');
    const draft = offerDraft(buyer, sku, '17.00');
    const expected = {
      buyer, contract: { id: other.id, code: other.code, version: '1.0' }, kind: 'prices', skus: [sku], skuCount: 1, catalogue: false,
      winners: [{ sku, contract: { code: draft.code, version: '1.0' }, unitPrice: '17.00', rule: 'PriceTCCustomPriceList', dependsOnListPrice: false }],
      message: `Also priced for ${buyer} by ${other.code} 1.0: ${sku} — ${draft.code} wins at 17.00`,
    };
    const mine = (warnings: any[]) => warnings.filter((w) => w.contract.id === other.id);

    const editing = await users.rep1!.post('/api/v1/contracts/overlaps', { draft });
    expect(editing.status).toBe(200);
    expect(mine(editing.body.warnings)).toEqual([expected]);

    // The preview prices the SKU under the draft, with the active contract's price as the loser.
    const preview = await users.rep1!.post('/api/v1/contracts/preview', { draft, buyer, lines: [{ sku, quantity: 1, listPrice: '21.00' }] });
    expect(preview.body.lines[0]).toMatchObject({ unitPrice: '17.00', contract: { code: draft.code } });
    expect(preview.body.lines[0].explanation).toContainEqual(expect.stringMatching(new RegExp(`^lost: PriceTCCustomPriceList #1 of ${other.code} 1.0 at 19.00 .*higher than the winning 17.00`)));

    const created = await users.rep1!.post('/api/v1/contracts', draft);
    expect(created.status).toBe(201);
    const submitted = await users.rep1!.post(`/api/v1/contracts/${created.body.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ id: created.body.id, status: 'PENDING_APPROVAL' });
    expect(mine(submitted.body.warnings)).toEqual([expected]);

    expect(mine((await users.rep1!.get(`/api/v1/contracts/${created.body.id}/overlaps`)).body.warnings)).toEqual([expected]);

    const detail = await users.manager1!.get(`/api/v1/inbox/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(mine(detail.body.warnings)).toEqual([expected]);
    const inbox = await users.manager1!.get('/api/v1/inbox?pageSize=200');
    const item = inbox.body.items.find((i: any) => i.id === created.body.id);
    expect(item.warningCount).toBe(detail.body.warnings.length);
    expect(item.warningCount).toBeGreaterThanOrEqual(1);
  });

  it('previews a new version of an active contract in place of the version it replaces', async () => {
    const { buyer, sku } = scenario();
    const v1 = await activeContract(buyer, sku, '15.00');
    const v2 = await users.rep1!.post(`/api/v1/contracts/${v1.id}/new-version`);
    expect(v2.status).toBe(201);
    const draft = offerDraft(buyer, sku, '18.00', v1.code);
    const preview = await users.rep1!.post('/api/v1/contracts/preview', { draft, contractId: v2.body.id, buyer, lines: [{ sku, quantity: 1, listPrice: '21.00' }] });
    expect(preview.status).toBe(200);
    // Deploying 1.1 closes 1.0: its lower price is gone from the preview, and neither version warns of the other.
    expect(preview.body.lines[0]).toMatchObject({ unitPrice: '18.00', contract: { id: v2.body.id, code: v1.code, version: '1.1' } });
    expect(preview.body.lines[0].explanation.join('\n')).not.toContain(`${v1.code} 1.0`);
    const overlaps = await users.rep1!.post('/api/v1/contracts/overlaps', { draft, contractId: v2.body.id });
    expect(overlaps.body.warnings.filter((w: any) => w.contract.code === v1.code)).toEqual([]);
  });
});
