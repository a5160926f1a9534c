import { evaluateCheckout, memberGroupDirectory, priceListKey, type DeployedContractInput, type TypedContractTerm } from '@pactum/domain';
import { LivePricingSnapshot } from './live-pricing-snapshot';

const BUYER = 'o=Northwind,o=Root';
function contract(id: string, terms: TypedContractTerm[]): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE', startsAt: '2026-01-01T00:00:00Z', endsAt: null, currency: 'USD',
    isBase: false, baseContractId: null, forceContractPrice: false, buyers: [{ organization: BUYER, active: true }], terms,
  };
}
const offers = { type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: 'S', price: '10', currency: 'USD' }, { sku: 'T', price: '10', currency: 'USD' }] } as TypedContractTerm;
const excluding = (name: string) => ({ type: 'ProductSetTCExclusion', sequenceNumber: 2, productSet: { name } }) as TypedContractTerm;

describe('LivePricingSnapshot: reference data', () => {
  const priced = (live: LivePricingSnapshot, sku: string) => evaluateCheckout(live.snapshot,
    { buyer: BUYER, currency: 'USD', at: '2026-06-01T00:00:00Z', lines: [{ sku, quantity: 1, listPrice: '20.00' }] }, memberGroupDirectory([])).lines[0];

  it('replaces a price list in every currency at once; no rows remove it', () => {
    const live = new LivePricingSnapshot();
    live.setPriceList('Wholesale', [{ currency: 'usd', sku: 'S', price: '7.25' }, { currency: 'EUR', sku: 'S', price: '6.5' }]);
    expect(live.snapshot.priceLists.get(priceListKey('Wholesale', 'USD'))!.get('S')).toBe(7_250_000n);
    live.setPriceList('Wholesale', [{ currency: 'USD', sku: 'T', price: '8' }]);
    expect([...live.snapshot.priceLists.keys()]).toEqual([priceListKey('Wholesale', 'USD')]);
    expect([...live.snapshot.priceLists.get(priceListKey('Wholesale', 'USD'))!]).toEqual([['T', 8_000_000n]]);
    expect(live.size.priceLists).toBe(1);
    live.setPriceList('Wholesale', []);
    expect(live.snapshot.priceLists.size).toBe(0);
    expect(live.size.priceLists).toBe(0);
  });

  it('compiles contracts against the product sets it holds and names the contracts to recompile when one changes', () => {
    const live = new LivePricingSnapshot();
    expect(live.setProductSet('Blocked', { skus: ['S'] })).toEqual([]);
    live.upsert([contract('a', [offers, excluding('Blocked')]), contract('b', [offers])]);
    // Same price from both: A ranks first where it may sell (S is excluded from A, so B sells it).
    expect(priced(live, 'S').contract?.id).toBe('b');
    expect(priced(live, 'T').contract?.id).toBe('a');

    expect(live.setProductSet('Blocked', { skus: ['T'] })).toEqual(['a']);
    live.upsert([contract('a', [offers, excluding('Blocked')])]);
    expect(priced(live, 'S').contract?.id).toBe('a');
    expect(priced(live, 'T').contract?.id).toBe('b');

    live.remove(['a']);
    expect(live.setProductSet('Blocked', undefined)).toEqual([]);
    expect(live.size.productSets).toBe(0);
  });
});

describe('LivePricingSnapshot: versions of one family', () => {
  const family = 'A\u0000Manual\u0000o=Seller';
  const version = (id: string, v: string, patch: Partial<DeployedContractInput>): DeployedContractInput =>
    ({ ...contract(id, [{ ...offers, offers: [{ sku: 'S', price: v === '1.0' ? '10' : '11', currency: 'USD' }] } as TypedContractTerm]), code: 'A', version: v, family, ...patch });
  const pricedAt = (live: LivePricingSnapshot, at: string) => evaluateCheckout(live.snapshot,
    { buyer: BUYER, currency: 'USD', at, lines: [{ sku: 'S', quantity: 1, listPrice: '20.00' }] }, memberGroupDirectory([])).lines[0].contract?.id ?? null;

  it('closes an older version from the start of a newer approved one, across separate upserts, and reopens it when the newer one goes', () => {
    const live = new LivePricingSnapshot();
    live.upsert([version('v10', '1.0', {})]);
    live.upsert([version('v11', '1.1', { status: 'APPROVED', startsAt: '2026-07-01T00:00:00Z' })]);
    expect(pricedAt(live, '2026-06-01T00:00:00Z')).toBe('v10');
    expect(pricedAt(live, '2026-07-02T00:00:00Z')).toBe('v11');

    // Its deploy failed (or it was cancelled): it is taken out, and 1.0 sells on.
    live.remove(['v11']);
    expect(pricedAt(live, '2026-07-02T00:00:00Z')).toBe('v10');

    // Re-read with a later start: the older version sells until then.
    live.upsert([version('v11', '1.1', { status: 'APPROVED', startsAt: '2026-08-01T00:00:00Z' })]);
    expect(pricedAt(live, '2026-07-02T00:00:00Z')).toBe('v10');
    expect(pricedAt(live, '2026-08-02T00:00:00Z')).toBe('v11');
  });
});
