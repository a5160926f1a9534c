import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError, type LifecycleEvent } from '@pactum/domain';
import {
  ContractStore, createDataSource, CurrencyRateStore, loadCurrencyRates, loadMemberships, loadPriceLists, loadProductSets, MemberGroupStore,
  PriceListStore, ProductSetStore, REFERENCE_DATA_CHANNEL,
} from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';

// Member groups, price lists and product sets on the real Postgres: replace-as-a-whole writes, the
// in-use check on delete, the checkout loaders, and the change announcements of the triggers.
describe('reference data (Postgres)', () => {
  let ds: DataSource;
  let listener: Client;
  let groups: MemberGroupStore;
  let lists: PriceListStore;
  let sets: ProductSetStore;
  const heard: string[] = [];
  const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 4 }).initialize();
    groups = new MemberGroupStore(ds);
    lists = new PriceListStore(ds);
    sets = new ProductSetStore(ds);
    listener = new Client({ connectionString: testStack().databaseUrl });
    await listener.connect();
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query(`LISTEN ${REFERENCE_DATA_CHANNEL}`);
  });
  afterAll(async () => {
    await listener.end();
    await ds.destroy();
  });

  /** Waits until `payload` was announced; returns how many times it came since `from`. */
  async function announced(payload: string, from: number): Promise<number> {
    for (let i = 0; i < 100 && !heard.slice(from).includes(payload); i++) await new Promise((r) => setTimeout(r, 20));
    return heard.slice(from).filter((p) => p === payload).length;
  }

  async function expectDomainError(p: Promise<unknown>, code: string): Promise<DomainError> {
    const err = await p.then(() => undefined, (e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(code);
    return err as DomainError;
  }

  it('replaces a price list as a whole, announces it once per write, and loads it for checkout', async () => {
    const name = unique('List');
    const from = heard.length;
    const prices = Array.from({ length: 1500 }, (_, i) => ({ sku: `SKU-${i}`, currency: 'USD', price: `${10 + i}.5` }));
    const first = await lists.put(name, { description: 'first', prices: [...prices, { sku: 'SKU-0', currency: 'EUR', price: '9' }] });
    expect(first).toMatchObject({ created: true, summary: { name, description: 'first', prices: { USD: 1500, EUR: 1 } } });
    expect(await announced(`price-list:${name}`, from)).toBe(1);

    const again = heard.length;
    const second = await lists.put(name, { description: null, prices: [{ sku: 'SKU-7', currency: 'USD', price: '1.25' }], keepDescription: true });
    expect(second).toMatchObject({ created: false, summary: { description: 'first', prices: { USD: 1 } } });
    expect(await announced(`price-list:${name}`, again)).toBe(1);
    expect((await lists.get(name)).prices).toEqual([{ sku: 'SKU-7', currency: 'USD', price: '1.25' }]);

    const loaded = await loadPriceLists(ds, [name, unique('Gone')]);
    expect(loaded.get(name)).toEqual([{ currency: 'USD', sku: 'SKU-7', price: '1.25' }]);
    expect([...loaded.values()].filter((rows) => rows.length === 0)).toHaveLength(1);

    await lists.delete(name);
    await expectDomainError(lists.get(name), 'PRICE_LIST_NOT_FOUND');
    expect((await loadPriceLists(ds, [name])).get(name)).toEqual([]);
  });

  it('keeps product sets and member groups, and loads them for checkout', async () => {
    const set = unique('Set');
    const from = heard.length;
    expect((await sets.put(set, { description: null, skus: ['A', 'B'], categories: ['tools'] })).created).toBe(true);
    expect(await announced(`product-set:${set}`, from)).toBe(1);
    expect((await sets.put(set, { description: 'x', skus: ['C'], categories: [] })).set).toMatchObject({ skus: ['C'], categories: [], description: 'x' });
    expect((await loadProductSets(ds, [set])).get(set)).toEqual({ skus: ['C'], categories: [] });

    const group = unique('Group');
    const before = heard.length;
    await groups.put(group, { description: null, organizations: ['o=Northwind,o=Root Organization', 'o=Contoso,o=Root Organization'] });
    expect(await announced('member-groups', before)).toBeGreaterThanOrEqual(1);
    expect((await groups.get(group.toUpperCase())).organizations).toEqual(['o=Contoso,o=Root Organization', 'o=Northwind,o=Root Organization']);
    expect((await loadMemberships(ds)).filter((m) => m.group === group).map((m) => m.organization).sort())
      .toEqual(['o=Contoso,o=Root Organization', 'o=Northwind,o=Root Organization']);
    // Names compare case-insensitively: a second spelling is refused, not a second group.
    await expectDomainError(groups.put(group.toLowerCase(), { description: null, organizations: [] }), 'NAME_DIFFERS_IN_CASE');
    await groups.delete(group.toLowerCase());
    expect((await loadMemberships(ds)).some((m) => m.group === group)).toBe(false);
  });

  it('replaces the exchange-rate table as a whole and announces it', async () => {
    const rates = new CurrencyRateStore(ds);
    // Other suites may hold rates of their own: keep them, add a pair nobody else uses, then put everything back.
    const before = (await rates.list()).map(({ from, to, rate }) => ({ from, to, rate }));
    const from = heard.length;
    try {
      const after = await rates.replace([...before.filter((r) => r.from !== 'CHF'), { from: 'CHF', to: 'JPY', rate: '176.250000' }]);
      expect(after.find((r) => r.from === 'CHF')).toMatchObject({ from: 'CHF', to: 'JPY', rate: '176.250000' });
      expect(await announced('currency-rates', from)).toBeGreaterThanOrEqual(1);
      expect((await loadCurrencyRates(ds)).filter((r) => r.from === 'CHF')).toEqual([{ from: 'CHF', to: 'JPY', rate: '176.250000' }]);
      const err = await ds.query(`INSERT INTO currency_rates (from_currency, to_currency, rate) VALUES ('CHF', 'CHF', 1)`).then(() => undefined, (e) => e);
      expect(String(err)).toContain('check constraint');
    } finally {
      await rates.replace(before);
    }
    expect((await loadCurrencyRates(ds)).some((r) => r.from === 'CHF')).toBe(false);
  });

  it('refuses to delete what a contract in force names, and deletes it once that contract has ended', async () => {
    const [group, list, set] = [unique('Group'), unique('List'), unique('Set')];
    await groups.put(group, { description: null, organizations: [] });
    await lists.put(list, { description: null, prices: [{ sku: 'A', currency: 'USD', price: '1' }] });
    await sets.put(set, { description: null, skus: ['A'], categories: [] });
    const contracts = new ContractStore(ds);
    const id = randomUUID();
    const draft = draftBody({
      account: undefined,
      buyers: [{ memberGroup: group, active: true }],
      terms: [
        { type: 'PriceTCPriceListWithSelectiveAdjustment', sequenceNumber: 1, priceList: list, signedPercentage: '-5', productSet: { name: set } },
        { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
      ],
    });
    await contracts.createDraft({ id, workflowId: `wf-${id}`, draft, origin: 'Manual', createdBy: 'rep1', at: new Date().toISOString() });
    const event = (seq: number, fromStatus: any, toStatus: any): LifecycleEvent => ({ contractId: id, seq, at: new Date().toISOString(), actor: 'test', action: 'test', fromStatus, toStatus });
    await contracts.deploy(event(2, 'DRAFT', 'ACTIVE'));

    for (const [what, remove] of [['member group', () => groups.delete(group)], ['price list', () => lists.delete(list)], ['product set', () => sets.delete(set)]] as const) {
      const err = await expectDomainError(remove(), 'IN_USE');
      expect(err.message).toContain(what);
      expect(err.details[0].message).toContain(`${draft.code} 1.0 (ACTIVE)`);
    }
    expect((await groups.get(group)).name).toBe(group);

    await contracts.recordTransition(event(3, 'ACTIVE', 'CANCELLED'));
    await groups.delete(group);
    await lists.delete(list);
    await sets.delete(set);
    await expectDomainError(sets.get(set), 'PRODUCT_SET_NOT_FOUND');
  });
});
