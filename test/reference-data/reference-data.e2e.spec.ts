import { randomUUID } from 'node:crypto';
import type { ContractDraft } from '@pactum/domain';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';

/**
 * Reference data over HTTP with two API processes and a worker: an integration team defines price
 * lists, product sets and member groups through API 1; contracts naming them are deployed; the
 * other API process prices under them and follows every change within a second.
 */
describe('reference data for checkout over HTTP', () => {
  let worker: AppProcess;
  let api1: AppProcess;
  let api2: AppProcess;
  const one: Record<string, HttpClient> = {};
  let other: HttpClient;
  const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const [port1, port2] = [await freePort(), await freePort()];
    const taskQueue = `e2e-reference-${randomUUID()}`;
    const env = (port: number) => appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: taskQueue, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', LOG_LEVEL: 'info' });
    worker = new AppProcess('worker', env(port1)).start();
    api1 = new AppProcess('api', env(port1)).start();
    api2 = new AppProcess('api', env(port2)).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api1.waitForOutput(/API listening/), api2.waitForOutput(/API listening/)]);
    const http1 = new HttpClient(`http://127.0.0.1:${port1}`);
    for (const u of ['rep1', 'manager1', 'integrator', 'checkout']) one[u] = await http1.login(u);
    other = await new HttpClient(`http://127.0.0.1:${port2}`).login('checkout');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api1?.stop(), api2?.stop(), worker?.stop()]);
  });

  function ok<T extends { status: number; text: string }>(res: T, status = 200): T {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
    return res;
  }
  const path = (kind: string, name: string) => `/api/v1/${kind}/${encodeURIComponent(name)}`;
  /** A buyer of the demo account no other suite buys for (the demo buyers' other contracts would price the lines too). */
  const ownBuyer = () => `ou=Plant ${randomUUID().slice(0, 8)},o=Northwind Fabrication,o=Root Organization`;

  async function activeContract(overrides: Partial<ContractDraft>): Promise<string> {
    const c = ok(await one.rep1.post('/api/v1/contracts', draftBody(overrides)), 201).body as any;
    ok(await one.rep1.post(`/api/v1/contracts/${c.id}/submit`));
    ok(await one.manager1.post(`/api/v1/contracts/${c.id}/approve`));
    await one.rep1.waitForStatus(c.id, 'ACTIVE');
    return c.id;
  }
  const shipping = { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' } as const;
  const order = (buyer: string, ...skus: string[]) =>
    ({ buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: skus.map((sku) => ({ sku, quantity: 1, listPrice: '20.00' })) });

  /** Polls evaluate on a process until `seen` holds for the answer; returns the elapsed ms. */
  async function until(client: HttpClient, body: object, seen: (answer: any) => boolean, what: string, timeoutMs = 5000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const res = ok(await client.post('/api/v1/checkout/evaluate', body));
      if (seen(res.body)) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`still not ${what}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('prices through a named price list; a CSV replacement reaches the other process within 1 s; a bad CSV writes nothing; in use, it cannot be deleted', async () => {
    const list = unique('Distributor');
    const tag = randomUUID().slice(0, 8);
    const [a, b] = [`SKU-${tag}-A`, `SKU-${tag}-B`]; // the CSV export is in SKU order
    const created = ok(await one.integrator.request('PUT', path('price-lists', list), { description: 'test list', prices: [{ sku: a, currency: 'usd', price: '15.00' }] }), 201);
    expect(created.body).toMatchObject({ name: list, description: 'test list', prices: { USD: 1 } });
    const buyer = ownBuyer();
    const id = await activeContract({
      buyers: [{ organization: buyer, active: true }],
      terms: [{ type: 'PriceTCPriceListWithOptionalAdjustment', sequenceNumber: 1, priceList: list, signedPercentage: '-10' }, shipping] as ContractDraft['terms'],
    });

    expect(await until(other, order(buyer, a), (r) => r.lines[0].contract?.id === id, 'priced under the list')).toBeLessThan(1000);
    const first = ok(await other.post('/api/v1/checkout/evaluate', order(buyer, a))).body;
    expect(first.lines[0]).toMatchObject({ unitPrice: '13.50', rule: 'PriceTCPriceListWithOptionalAdjustment' });
    expect(first.lines[0].explanation[0]).toContain(`price list ${list} 15.00 -10%`);

    const csv = `SKU,CURRENCY,PRICE\n${a},USD,12.00\n${b},USD,8.00\n`;
    const replaced = ok(await one.integrator.request('PUT', path('price-lists', list), csv, { 'content-type': 'text/csv' }));
    expect(replaced.body).toMatchObject({ description: 'test list', prices: { USD: 2 } });
    const seen = await until(other, order(buyer, a, b), (r) => r.lines[0].unitPrice === '10.80' && r.lines[1].unitPrice === '7.20', 'repriced');
    process.stdout.write(`[reference data] price list replaced through API 1, priced by API 2 after ${seen} ms\n`);
    expect(seen).toBeLessThan(1000);

    const bad = await one.integrator.request('PUT', path('price-lists', list), `SKU,CURRENCY,PRICE\n${a},USD,1.00\n${b},USD,-2\n`, { 'content-type': 'text/csv' });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual([expect.objectContaining({ line: 3, field: 'PRICE', message: expect.stringContaining('negative') })]);
    expect(ok(await one.checkout.get(`${path('price-lists', list)}/prices.csv`)).text).toBe(csv);

    const refused = await one.integrator.request('DELETE', path('price-lists', list));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'Conflict', code: 'IN_USE', details: [expect.objectContaining({ field: 'name' })] });
    expect(refused.body.details[0].message).toMatch(/^contract T-\w+ 1\.0 \(ACTIVE\)$/);
  }, 90_000);

  it('a product set change recompiles the contracts naming it, in both processes within 1 s', async () => {
    const set = unique('Blocked');
    const [a, b] = [`SKU-${randomUUID().slice(0, 8)}`, `SKU-${randomUUID().slice(0, 8)}`];
    ok(await one.integrator.request('PUT', path('product-sets', set), { skus: [a] }), 201);
    const buyer = ownBuyer();
    const id = await activeContract({
      buyers: [{ organization: buyer, active: true }],
      terms: [
        { type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: a, price: '11.00', currency: 'USD' }, { sku: b, price: '12.00', currency: 'USD' }] },
        { type: 'ProductSetTCExclusion', sequenceNumber: 2, productSet: { name: set } },
        shipping,
      ] as ContractDraft['terms'],
    });
    const pricedAs = (r: any) => r.lines.map((l: any) => (l.contract?.id === id ? l.unitPrice : 'list')).join(' ');
    await until(other, order(buyer, a, b), (r) => pricedAs(r) === 'list 12.00', 'excluding the set');
    const excluded = ok(await other.post('/api/v1/checkout/evaluate', order(buyer, a, b))).body;
    expect(excluded.violations).toEqual([expect.objectContaining({ code: 'PRODUCT_NOT_ENTITLED', lineIndex: 0 })]);

    ok(await one.integrator.request('PUT', path('product-sets', set), { skus: [b] }));
    for (const client of [other, one.checkout]) {
      expect(await until(client, order(buyer, a, b), (r) => pricedAs(r) === '11.00 list', 'recompiled')).toBeLessThan(1000);
    }
  }, 90_000);

  it('a member-group buyer and a group price rule apply once an organisation joins the group, and stop when it leaves', async () => {
    const group = unique('Preferred');
    const parent = `o=Member ${randomUUID().slice(0, 8)},o=Root Organization`;
    const division = `ou=Plant 7,${parent}`;
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    ok(await one.integrator.request('PUT', path('member-groups', group), { organizations: [] }), 201);
    const id = await activeContract({
      buyers: [{ memberGroup: group, active: true }],
      terms: [
        { type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku, price: '14.00', currency: 'USD' }] },
        { type: 'PriceRule', sequenceNumber: 2, rules: [{ itemCode: sku, rule: '-25%', customerGroupId: group.toUpperCase() }] },
        shipping,
      ] as ContractDraft['terms'],
    });
    const before = ok(await other.post('/api/v1/checkout/evaluate', order(division, sku))).body;
    expect(before.violations.map((v: any) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);

    // The parent joins: its division buys under the group's contract, with the group's price rule (20.00 − 25%).
    const joined = ok(await one.integrator.request('PUT', path('member-groups', group), { organizations: [parent] }));
    expect(joined.body).toMatchObject({ name: group, organizations: [parent] });
    const seen = await until(other, order(division, sku), (r) => r.lines[0].contract?.id === id, 'a member');
    expect(seen).toBeLessThan(1000);
    expect(ok(await other.post('/api/v1/checkout/evaluate', order(division, sku))).body.lines[0]).toMatchObject({ unitPrice: '14.00', rule: 'PriceTCCustomPriceList' });
    const atList = { ...order(division, sku), lines: [{ sku, quantity: 1, listPrice: '16.00' }] };
    expect(ok(await other.post('/api/v1/checkout/evaluate', atList)).body.lines[0]).toMatchObject({ unitPrice: '12.00', rule: 'PriceRule' });

    ok(await one.integrator.request('PUT', path('member-groups', group), { organizations: [] }));
    expect(await until(other, order(division, sku), (r) => r.lines[0].contract === null, 'out of the group')).toBeLessThan(1000);
  }, 90_000);

  it('with an exchange rate, an order in dollars draws on a euro cap, converted, in both processes; without it, it is refused', async () => {
    const buyer = ownBuyer();
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    const id = await activeContract({
      buyers: [{ organization: buyer, active: true }],
      terms: [
        { type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku, price: '10.00', currency: 'USD' }] },
        { type: 'RightToBuyTCByAmount', sequenceNumber: 2, maximumAmount: '27.00', currency: 'EUR' },
        shipping,
      ] as ContractDraft['terms'],
    });
    const cart = { ...order(buyer, sku), lines: [{ sku, quantity: 3, listPrice: '20.00' }] };
    const refused = ok(await other.post('/api/v1/checkout/evaluate', cart)).body;
    expect(refused.rightToBuy[0]).toMatchObject({ contract: { id }, currency: 'EUR', orderAmount: null });
    expect(refused.violations[0].message).toContain('no exchange rate from USD to EUR is configured');

    const before = ok(await one.checkout.get('/api/v1/currency-rates')).body;
    try {
      ok(await one.integrator.request('PUT', '/api/v1/currency-rates', { rates: [{ from: 'usd', to: 'EUR', rate: '0.9' }] }));
      expect(await until(other, cart, (r) => r.rightToBuy[0]?.orderAmount === '27.00', 'converted')).toBeLessThan(1000);
      const seen = ok(await other.post('/api/v1/checkout/evaluate', cart)).body;
      expect(seen).toMatchObject({ allowed: true, total: '30.00', rightToBuy: [{ currency: 'EUR', remaining: '27.00', orderAmount: '27.00', exchangeRate: '0.9' }] });

      await until(one.checkout, cart, (r) => r.rightToBuy[0]?.orderAmount === '27.00', 'converted');
      const orderId = `rates-${randomUUID()}`;
      const committed = ok(await one.checkout.post('/api/v1/checkout/commit', { orderId, ...cart })).body;
      expect(committed.rightToBuy[0]).toMatchObject({ consumed: '27.00', remaining: '0.00', currency: 'EUR' });
      const again = await one.checkout.post('/api/v1/checkout/commit', { orderId: `${orderId}-2`, ...cart });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('adds 27.00 EUR (30.00 USD at 0.9) but only 0.00 remains');
    } finally {
      ok(await one.integrator.request('PUT', '/api/v1/currency-rates', { rates: before.map((r: any) => ({ from: r.from, to: r.to, rate: r.rate })) }));
    }
    const bad = await one.integrator.request('PUT', '/api/v1/currency-rates', { rates: [{ from: 'USD', to: 'USD', rate: '1' }, { from: 'EUR', to: 'USD', rate: '0' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: any) => d.field)).toEqual(['rates[0].to', 'rates[1].rate']);
  }, 90_000);

  it('lets integrations and admins write, everyone read, and names the field of a bad body', async () => {
    const group = unique('Roles');
    const rep = await one.rep1.request('PUT', path('member-groups', group), { organizations: [] });
    expect(rep.status).toBe(403);
    const bad = await one.integrator.request('PUT', path('member-groups', group), { organizations: ['Northwind'] });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual([{ field: 'organizations[0]', message: expect.stringContaining('not an organisation DN') }]);
    expect((await one.checkout.get(path('member-groups', group))).status).toBe(404);
    const anonymous = await new HttpClient(one.rep1.baseUrl).get('/api/v1/price-lists');
    expect(anonymous.status).toBe(401);
    const lists = ok(await one.rep1.get('/api/v1/price-lists')).body as any[];
    expect(lists.find((l) => l.name === 'Acme Distributor 2026')).toMatchObject({ prices: { USD: 6 } });
  });
});
