import type { ContractDraft } from '../contract-draft';
import { contractRedline, summarizeRedline } from './contract-redline';
import { describeTerm } from './term-description';

const EAST = 'ou=East,o=Northwind,o=Root Organization';
const WEST = 'ou=West,o=Northwind,o=Root Organization';

function draft(overrides: Partial<ContractDraft> = {}): ContractDraft {
  return {
    code: 'NWF-MSA', description: 'Northwind MSA', currency: 'USD',
    startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-12-31T23:59:59.000Z',
    seller: 'o=Acme,o=Root Organization', buyers: [{ organization: EAST, active: true }],
    isBase: false, baseContract: null, creditAllowed: false,
    terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
      { type: 'PriceTCCustomPriceList', sequenceNumber: 2, offers: [
        { sku: 'SKU-1', price: '10.00', currency: 'USD' },
        { sku: 'SKU-1', price: '9.00', currency: 'USD', minQuantity: 100 },
        { sku: 'SKU-2', price: '5.00', currency: 'USD' },
      ] },
      { type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '250000.00', currency: 'USD' },
    ],
    ...overrides,
  };
}

describe('contractRedline', () => {
  it('finds nothing between two equal versions', () => {
    expect(contractRedline(draft(), draft())).toEqual([]);
  });

  it('marks everything added when there is no previous version', () => {
    const changes = contractRedline(null, draft());
    expect(changes.every((c) => c.kind === 'added')).toBe(true);
    expect(changes.map((c) => c.path)).toEqual(expect.arrayContaining([
      'profile.endsAt', `buyers[${EAST}]`, 'terms[PriceTCCustomPriceList#2]', 'terms[RightToBuyTCByAmount#3]',
    ]));
    // A new term is one change carrying the whole term, not one per offer.
    const list = changes.find((c) => c.path === 'terms[PriceTCCustomPriceList#2]')!;
    expect(list.after).toContain('SKU-1 USD from 100: 9.00 USD');
    expect(list.label).toBe('Custom price list (term 2)');
  });

  it('reports profile changes with readable labels and values', () => {
    const changes = contractRedline(draft(), draft({ endsAt: '2028-06-30T00:00:00.000Z', creditAllowed: true, comment: 'renewal' }));
    expect(changes).toEqual([
      { path: 'profile.endsAt', section: 'profile', label: 'Ends', kind: 'changed', before: '2027-12-31 23:59 UTC', after: '2028-06-30 00:00 UTC' },
      { path: 'profile.comment', section: 'profile', label: 'Comment', kind: 'added', after: 'renewal' },
      { path: 'profile.creditAllowed', section: 'profile', label: 'Credit allowed', kind: 'changed', before: 'no', after: 'yes' },
    ]);
  });

  it('reports buyers added, removed and switched off', () => {
    const prev = draft({ buyers: [{ organization: EAST, active: true }, { memberGroup: 'Gold', active: true }] });
    const next = draft({ buyers: [{ organization: EAST, active: false }, { organization: WEST, active: true, endsAt: '2026-06-30T00:00:00.000Z' }] });
    const byPath = Object.fromEntries(contractRedline(prev, next).map((c) => [c.path, c]));
    expect(byPath[`buyers[${EAST}]`]).toMatchObject({ kind: 'changed', before: 'active', after: 'switched off' });
    expect(byPath[`buyers[${WEST}]`]).toMatchObject({ kind: 'added', after: 'active, until 2026-06-30 00:00 UTC', label: `Buyer ${WEST}` });
    expect(byPath['buyers[group Gold]']).toMatchObject({ kind: 'removed', before: 'active' });
  });

  it('matches offers by SKU, currency and minimum quantity inside a kept term', () => {
    const next = draft();
    next.terms[1] = { type: 'PriceTCCustomPriceList', sequenceNumber: 2, offers: [
      { sku: 'SKU-1', price: '10.00', currency: 'USD' },
      { sku: 'SKU-1', price: '8.50', currency: 'USD', minQuantity: 100 },
      { sku: 'SKU-3', price: '7.00', currency: 'EUR' },
    ] };
    expect(contractRedline(draft(), next)).toEqual([
      { path: 'terms[PriceTCCustomPriceList#2].offers[SKU-1 USD from 100]', section: 'terms', label: 'Custom price list (term 2) · offer SKU-1 USD from 100', kind: 'changed', before: '9.00 USD', after: '8.50 USD' },
      { path: 'terms[PriceTCCustomPriceList#2].offers[SKU-3 EUR]', section: 'terms', label: 'Custom price list (term 2) · offer SKU-3 EUR', kind: 'added', after: '7.00 EUR' },
      { path: 'terms[PriceTCCustomPriceList#2].offers[SKU-2 USD]', section: 'terms', label: 'Custom price list (term 2) · offer SKU-2 USD', kind: 'removed', before: '5.00 USD' },
    ]);
  });

  it('reports a changed cap and percentage, a removed term and an added one, in term order', () => {
    const next = draft({ terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-7.5' },
      { type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '300000.00', currency: 'USD' },
      { type: 'ShippingTCShippingMode', sequenceNumber: 4, mode: 'UPS-GROUND' },
    ] });
    const changes = contractRedline(draft(), next);
    expect(changes.map((c) => [c.path, c.kind, c.before, c.after])).toEqual([
      ['terms[PriceTCMasterCatalogWithOptionalAdjustment#1].signedPercentage', 'changed', '-5%', '-7.5%'],
      ['terms[PriceTCCustomPriceList#2]', 'removed', expect.stringContaining('SKU-2 USD: 5.00 USD'), undefined],
      ['terms[RightToBuyTCByAmount#3].maximumAmount', 'changed', '250000.00', '300000.00'],
      ['terms[ShippingTCShippingMode#4]', 'added', undefined, 'mode: UPS-GROUND'],
    ]);
    expect(changes[2]!.label).toBe('Right to buy (spending cap) (term 3) · cap');
    expect(summarizeRedline(changes)).toEqual({ total: 4, added: 1, removed: 1, changed: 2 });
  });

  it('treats a term whose sequence number moved as removed + added (terms match by type and number)', () => {
    const next = draft();
    next.terms[2] = { type: 'RightToBuyTCByAmount', sequenceNumber: 9, maximumAmount: '250000.00', currency: 'USD' };
    expect(contractRedline(draft(), next).map((c) => `${c.kind} ${c.path}`)).toEqual([
      'removed terms[RightToBuyTCByAmount#3]', 'added terms[RightToBuyTCByAmount#9]',
    ]);
  });

  it('breaks down filters, price rules, quantity lines, product sets, properties and term buyers', () => {
    const prev = draft({ terms: [
      { type: 'PriceTCMasterCatalogWithFiltering', sequenceNumber: 1, filters: [{ action: 'include', category: 'bolts', signedPercentage: '-3' }, { action: 'exclude', sku: 'X-1' }] },
      { type: 'PriceRule', sequenceNumber: 2, rules: [{ itemCode: 'A', rule: '-15%' }, { itemCode: 'A', rule: '24', customerId: 'C1' }] },
      { type: 'QuantityCommitmentTC', sequenceNumber: 3, lines: [{ sku: 'KEG', quantity: 40 }] },
      { type: 'ProductSetTCInclusion', sequenceNumber: 4, productSet: { skus: ['A', 'B'] } },
      { type: 'TermCondition', sequenceNumber: 5, conditionType: 'Loyalty', properties: { tier: 'gold' } },
      { type: 'ShippingTCShippingMode', sequenceNumber: 6, mode: 'UPS', buyers: [EAST] },
    ] });
    const next = draft({ terms: [
      { type: 'PriceTCMasterCatalogWithFiltering', sequenceNumber: 1, filters: [{ action: 'include', category: 'bolts', signedPercentage: '-4' }] },
      { type: 'PriceRule', sequenceNumber: 2, rules: [{ itemCode: 'A', rule: '-15%' }, { itemCode: 'A', rule: '22', customerId: 'C1' }] },
      { type: 'QuantityCommitmentTC', sequenceNumber: 3, lines: [{ sku: 'KEG', quantity: 50 }] },
      { type: 'ProductSetTCInclusion', sequenceNumber: 4, productSet: { skus: ['A', 'C'] } },
      { type: 'TermCondition', sequenceNumber: 5, conditionType: 'Loyalty', properties: { tier: 'platinum' } },
      { type: 'ShippingTCShippingMode', sequenceNumber: 6, mode: 'UPS' },
    ] });
    expect(contractRedline(prev, next).map((c) => `${c.kind} ${c.label}: ${c.before ?? ''} → ${c.after ?? ''}`)).toEqual([
      'changed Filtered catalogue (term 1) · include category bolts: -3% → -4%',
      'removed Filtered catalogue (term 1) · exclude SKU X-1: excluded → ',
      'changed Price rules (term 2) · rule A for customer C1: 24 → 22',
      'changed Quantity commitments (term 3) · reserved KEG: 40 → 50',
      'added Products included (term 4) · SKU C:  → in the product set',
      'removed Products included (term 4) · SKU B: in the product set → ',
      'changed Extended term (term 5) · property tier: gold → platinum',
      `removed Shipping mode allowed (term 6) · only for ${EAST}: restricted to this buyer → `,
    ]);
  });

  it('keeps duplicate offers apart by occurrence', () => {
    const offers = [{ sku: 'S', price: '1.00', currency: 'USD', precedence: 1 }, { sku: 'S', price: '2.00', currency: 'USD', precedence: 2 }];
    const prev = draft({ terms: [{ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers }] });
    const next = draft({ terms: [{ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [offers[0]!, { ...offers[1]!, price: '3.00' }] }] });
    expect(contractRedline(prev, next)).toEqual([expect.objectContaining({
      path: 'terms[PriceTCCustomPriceList#1].offers[S USD]#2', kind: 'changed', before: '2.00 USD, precedence 2', after: '3.00 USD, precedence 2',
    })]);
  });
});

describe('describeTerm', () => {
  it('renders a term as a title and readable lines', () => {
    expect(describeTerm({ type: 'ShippingTCShippingChargeAdjustment', sequenceNumber: 7, signedPercentage: '-10', productSet: { categories: ['pumps'] }, descriptions: { en_US: 'Pump promo' } }))
      .toEqual({ title: 'Shipping charge adjustment (term 7)', lines: ['adjustment: -10%', 'products: categories pumps', 'description (en_US): Pump promo'] });
  });
});
