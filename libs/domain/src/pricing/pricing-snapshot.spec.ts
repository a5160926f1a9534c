import type { TypedContractTerm } from '../terms/term-parameters';
import { dnOrganizationDirectory, evaluateCheckout, type CheckoutRequest } from './price-resolution';
import { normalizeBuyerKey, priceListKey } from './compiled-terms';
import { compilePricingSnapshot, type DeployedContractInput, type PricingSnapshot } from './pricing-snapshot';

function contract(id: string, buyer: string, terms: TypedContractTerm[], patch: Partial<DeployedContractInput> = {}): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE', startsAt: '2026-01-01T00:00:00Z', endsAt: null,
    currency: 'USD', isBase: false, baseContractId: null, forceContractPrice: false,
    buyers: [{ organization: buyer, active: true }], terms, ...patch,
  };
}

const offers = (skus: string[], price = '10') =>
  ({ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: skus.map((sku) => ({ sku, price, currency: 'USD' })) }) as TypedContractTerm;

describe('compilePricingSnapshot: indexes', () => {
  const snapshot = compilePricingSnapshot({
    contracts: [
      contract('base', 'o=Nobody', [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' }], { isBase: true }),
      contract('a', 'ou=East, o=Northwind,o=Root', [{
        type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [
          { sku: 'S', price: '8', currency: 'usd', minQuantity: 100 },
          { sku: 'S', price: '10', currency: 'USD' },
          { sku: 'S', price: '9', currency: 'USD', minQuantity: 10, precedence: 1 },
          { sku: 'S', price: '9.5', currency: 'USD', minQuantity: 10, precedence: 2 },
          { sku: 'S', price: 'ten', currency: 'USD' },
        ],
      }, { type: 'PriceRule', sequenceNumber: 2, rules: [{ itemCode: 'S', rule: '-5%', customerGroupId: 'Gold' }, { itemCode: 'T', rule: '15%' }] },
      { type: 'ProductSetTCExclusion', sequenceNumber: 3, productSet: { name: 'Missing' } }], { baseContractId: 'base' }),
      contract('b', 'cn=Gold', [offers(['S'])], { baseContractId: 'gone' }),
      contract('c', 'OU=EAST,O=NORTHWIND,O=ROOT', [offers(['S'])], { accountTerms: [
        { type: 'PaymentTCPaymentMethod', sequenceNumber: 1, method: 'VISA' },
        // Accounts carry shipping and payment terms only (CONTRACT-MODEL.md): a pricing term there is not compiled.
        { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 2, signedPercentage: '-50' },
      ] }),
    ],
    priceLists: [{ name: 'Wholesale', currency: 'USD', prices: new Map([['S', '7.25'], ['T', 'x']]) }],
  });

  it('indexes buyers by normalised DN and member group', () => {
    const east = snapshot.grantsByBuyer.get(normalizeBuyerKey('ou=East,o=Northwind,o=Root'))!;
    expect(east.map((g) => g.contract.ref.id)).toEqual(['a', 'c']);
    expect(snapshot.grantsByBuyer.get('cn=gold')!.map((g) => g.contract.ref.id)).toEqual(['b']);
    expect(east[0].endsMs).toBe(Infinity);
  });

  it('indexes (contract, sku) offers sorted by minQuantity, precedence first within a band', () => {
    const list = snapshot.contractsById.get('a')!.own.offersBySku.get('S')!;
    expect(list.map((o) => [o.minQuantity, o.precedence, o.price])).toEqual([[0, 0, 10_000_000n], [10, 2, 9_500_000n], [10, 1, 9_000_000n], [100, 0, 8_000_000n]]);
    expect(list[3].currency).toBe('USD');
  });

  it('indexes price rules by item code and price lists by name and currency', () => {
    const rules = snapshot.contractsById.get('a')!.own.priceRulesByItem;
    expect(rules.get('S')!.map((r) => [r.scope, r.scopeKey])).toEqual([['customerGroup', 'gold']]);
    expect(rules.has('T')).toBe(false);
    expect(snapshot.priceLists.get(priceListKey('Wholesale', 'usd'))!.get('S')).toBe(7_250_000n);
  });

  it('links the base contract by reference instead of copying its terms', () => {
    const a = snapshot.contractsById.get('a')!;
    const base = snapshot.contractsById.get('base')!;
    expect(a.base).toBe(base);
    expect(base.asBase.offersBySku).toBe(base.own.offersBySku);
    expect(base.asBase.kind).toBe('base');
    expect(snapshot.contractsById.get('c')!.account!.paymentMethods.map((m) => m.value)).toEqual(['VISA']);
    expect(snapshot.contractsById.get('c')!.account!.masterCatalog).toEqual([]);
  });

  it('reports data problems as warnings and leaves the offending piece out', () => {
    expect(snapshot.warnings).toEqual([
      expect.stringContaining('price list Wholesale (USD): price of T is not a decimal'),
      expect.stringContaining('offer for S has price "ten"'),
      expect.stringContaining('item T: percentage change "15%" needs a sign'),
      expect.stringContaining('product set "Missing" is not defined'),
      expect.stringContaining('contract B 1.0: base contract gone is not deployed'),
    ]);
  });
});

describe('evaluateCheckout: uses the indexes, not a scan', () => {
  const BUYER = 'ou=Buyer-7,o=Root';
  const contracts: DeployedContractInput[] = [];
  for (let i = 0; i < 2000; i++) {
    // Three contracts name the buyer (directly, its parent, its group); the other 1,997 name other organisations.
    const buyer = i === 7 ? BUYER : i === 8 ? 'o=Root' : i === 9 ? 'cn=Group-7' : `ou=Buyer-${i},o=Root`;
    contracts.push(contract(`c${i}`, buyer, [offers(Array.from({ length: 10 }, (_, k) => `SKU-${k}`), String(10 + (i % 5)))]));
  }
  const snapshot = compilePricingSnapshot({ contracts });
  const request: CheckoutRequest = {
    buyer: BUYER, currency: 'USD', at: '2026-06-01T00:00:00Z',
    lines: Array.from({ length: 10 }, (_, k) => ({ sku: `SKU-${k}`, quantity: 1, listPrice: '20.00' })),
  };
  const orgs = dnOrganizationDirectory(new Map([[BUYER, ['cn=Group-7']]]));

  it('looks only at the buyer\'s contracts for a 10-line cart among 2,000', () => {
    const considered: string[] = [];
    // contractsById is for callers; evaluation must not touch it (a scan would go through it).
    const guarded: PricingSnapshot = {
      ...snapshot,
      contractsById: new Proxy(snapshot.contractsById as Map<string, unknown>, { get: () => { throw new Error('evaluation touched contractsById'); } }) as PricingSnapshot['contractsById'],
    };
    const r = evaluateCheckout(guarded, request, orgs, undefined, { onContractConsidered: (id) => considered.push(id) });
    expect(considered.sort()).toEqual(['c7', 'c8', 'c9']);
    // c7 → 12, c8 → 13, c9 → 14: the lowest wins on every line.
    expect(r.lines.map((l) => l.contract?.code)).toEqual(Array(10).fill('C7'));
    expect(r.total).toBe('120.00');
  });
});
