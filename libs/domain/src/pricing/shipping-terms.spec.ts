import type { TypedContractTerm } from '../terms/term-parameters';
import { dnOrganizationDirectory, evaluateCheckout, type CheckoutLineRequest, type CheckoutRequest } from './price-resolution';
import { compilePricingSnapshot, type DeployedContractInput, type PricingSnapshotInput } from './pricing-snapshot';

const BUYER = 'ou=East,o=Northwind,o=Root';
const orgs = dnOrganizationDirectory();
const AT = '2026-03-01T12:00:00Z';

let seq = 100;
const t = (term: Record<string, unknown>): TypedContractTerm => ({ sequenceNumber: ++seq, ...term }) as unknown as TypedContractTerm;
const include = (...skus: string[]) => t({ type: 'ProductSetTCInclusion', productSet: { skus } });
const policy = (p: string) => t({ type: 'ShippingTCShippingCharge', policy: p });
const percent = (signedPercentage: string, skus?: string[]) => t({ type: 'ShippingTCShippingChargeAdjustment', signedPercentage, ...(skus ? { productSet: { skus } } : {}) });
const amount = (value: string, currency = 'USD') => t({ type: 'ShippingTCShippingChargeAdjustment', amount: value, currency });

function contract(id: string, patch: Partial<DeployedContractInput> = {}): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T23:59:59Z', currency: 'USD',
    isBase: false, baseContractId: null, forceContractPrice: false, buyers: [{ organization: BUYER, active: true }], terms: [], ...patch,
  };
}

const SKU1: CheckoutLineRequest = { sku: 'SKU-1', quantity: 3, listPrice: '20.00' }; // 60.00
const SKU2: CheckoutLineRequest = { sku: 'SKU-2', quantity: 1, listPrice: '20.00' }; // 20.00

function evaluate(contracts: DeployedContractInput[], request: Partial<CheckoutRequest> = {}, extra: Partial<PricingSnapshotInput> = {}) {
  const snapshot = compilePricingSnapshot({ contracts, ...extra });
  expect(snapshot.warnings).toEqual([]);
  return evaluateCheckout(snapshot, { buyer: BUYER, currency: 'USD', at: AT, lines: [SKU1], ...request }, orgs);
}

describe('shipping charge policy: the contract\'s own term, then its account\'s, then its base contract\'s', () => {
  const base = (terms: TypedContractTerm[]) => contract('base', { isBase: true, buyers: [], terms });
  it.each([
    ['own term only', [policy('ShippingChargeByCarrier')], [], [], 'ShippingChargeByCarrier', 'contract'],
    ['account term only', [], [policy('NoShippingCharge')], [], 'NoShippingCharge', 'account'],
    ['base term only', [], [], [policy('StandardShippingChargeBySeller')], 'StandardShippingChargeBySeller', 'base'],
    ['own, account and base terms: the own term wins', [policy('ShippingChargeByCarrier')], [policy('NoShippingCharge')], [policy('StandardShippingChargeBySeller')], 'ShippingChargeByCarrier', 'contract'],
    ['account and base terms: the account term wins', [], [policy('NoShippingCharge')], [policy('StandardShippingChargeBySeller')], 'NoShippingCharge', 'account'],
  ] as const)('%s → %s from %s', (_name, own, account, inherited, expected, from) => {
    const r = evaluate([base([...inherited]), contract('a', { terms: [include('SKU-1'), ...own], accountTerms: [...account], baseContractId: 'base' })]);
    expect(r.shipping).toMatchObject({ chargePolicy: expected, policySource: { contract: { id: 'a' }, from }, charge: null, adjustedCharge: null });
    expect(r.shipping!.explanation[0]).toContain(`charge policy ${expected}`);
  });

  it('with contracts that disagree, the contract of the order\'s first line decides and the others are named', () => {
    const r = evaluate([
      contract('a', { terms: [include('SKU-1'), policy('StandardShippingChargeBySeller')] }),
      contract('b', { terms: [include('SKU-2'), policy('NoShippingCharge')] }),
    ], { lines: [SKU2, SKU1], shipping: { charge: '20.00' } });
    expect(r.shipping).toMatchObject({ chargePolicy: 'NoShippingCharge', policySource: { contract: { id: 'b' } }, adjustedCharge: '0.00' });
    expect(r.shipping!.explanation[1]).toBe('A 1.0 (StandardShippingChargeBySeller) set another policy; B 1.0, the contract of the order\'s first line, decides');
    expect(r.allowed).toBe(true);
  });

  it('is null when no line is bought under a contract', () => {
    expect(evaluate([contract('a', { terms: [include('SKU-9')] })]).shipping).toBeNull();
  });
});

describe('shipping charge adjustments applied to the request\'s charge (20.00 on an order of SKU-1 60.00 and SKU-2 20.00)', () => {
  const lines = [SKU1, SKU2];
  it.each([
    ['no adjustment', [], undefined, '20.00'],
    ['-10% on the whole charge', [percent('-10')], undefined, '18.00'],
    ['+5.00 USD', [amount('5.00')], undefined, '25.00'],
    ['-25.00 USD: never below 0', [amount('-25.00')], undefined, '0.00'],
    ['-50% on SKU-2 only: its share of the charge by value is 5.00', [percent('-50', ['SKU-2'])], undefined, '17.50'],
    ['-50% on a product set no line is in', [percent('-50', ['SKU-9'])], undefined, '20.00'],
    ['-10% and +3.00 add up', [percent('-10'), amount('3.00')], undefined, '21.00'],
    ['-10% under NoShippingCharge: free', [percent('-10'), policy('NoShippingCharge')], undefined, '0.00'],
    ['-4.00 EUR without a rate is not applied', [amount('-4.00', 'EUR')], undefined, '20.00'],
    ['-4.00 EUR at 1.10 USD per EUR', [amount('-4.00', 'EUR')], [{ from: 'EUR', to: 'USD', rate: '1.10' }], '15.60'],
  ] as const)('%s → %s', (_name, terms, currencyRates, adjusted) => {
    const r = evaluate([contract('a', { terms: [include('SKU-1', 'SKU-2'), ...terms] })], { lines, shipping: { charge: '20.00' } },
      currencyRates ? { currencyRates: [...currencyRates] } : {});
    expect(r.shipping).toMatchObject({ charge: '20.00', adjustedCharge: adjusted });
    expect(r.allowed).toBe(true);
  });

  it('an adjustment of one contract applies only to the share of the lines bought under it', () => {
    const r = evaluate([
      contract('a', { terms: [include('SKU-1'), percent('-10')] }),
      contract('b', { terms: [include('SKU-2')] }),
    ], { lines, shipping: { charge: '20.00' } });
    // a's lines are 60.00 of 80.00: 15.00 of the charge, -10% = -1.50.
    expect(r.shipping).toMatchObject({ adjustedCharge: '18.50' });
    expect(r.shipping!.explanation).toContainEqual(expect.stringMatching(/^ShippingTCShippingChargeAdjustment #\d+ of A 1\.0: -10% on 15\.00 of the charge \(its share for line 0\) = -1\.50$/));
  });

  it('an adjustment inherited from the base contract applies, named as such', () => {
    const r = evaluate([
      contract('base', { isBase: true, buyers: [], terms: [percent('-20')] }),
      contract('a', { baseContractId: 'base', terms: [include('SKU-1')] }),
    ], { shipping: { charge: '10.00' } });
    expect(r.shipping).toMatchObject({ adjustedCharge: '8.00' });
    expect(r.shipping!.explanation.some((l) => l.includes('via base contract BASE 1.0'))).toBe(true);
  });
});

describe('fulfilment centres', () => {
  const fc = (...fulfillmentCenters: string[]) => t({ type: 'FulfillmentTC', fulfillmentCenters });
  it.each([
    ['no term: any centre', [], [], 'FC-X', null, []],
    ['the centre is allowed', [fc('FC-1', 'FC-2')], [], 'FC-2', ['FC-1', 'FC-2'], []],
    ['the centre is not allowed', [fc('FC-1')], [], 'FC-2', ['FC-1'], ['FULFILLMENT_CENTER_NOT_ALLOWED']],
    ['two contracts: only centres both allow', [fc('FC-1', 'FC-2')], [fc('FC-2', 'FC-3')], 'FC-2', ['FC-2'], []],
    ['two contracts: a centre only one allows', [fc('FC-1', 'FC-2')], [fc('FC-2', 'FC-3')], 'FC-3', ['FC-2'], ['FULFILLMENT_CENTER_NOT_ALLOWED']],
  ] as const)('%s', (_name, aTerms, bTerms, centre, allowed, codes) => {
    const r = evaluate([
      contract('a', { terms: [include('SKU-1'), ...aTerms] }),
      contract('b', { terms: [include('SKU-2'), ...bTerms] }),
    ], { lines: [SKU1, SKU2], shipping: { fulfillmentCenter: centre } });
    expect(r.shipping?.fulfillmentCenters).toEqual(allowed);
    expect(r.violations.map((v) => v.code)).toEqual(codes);
  });

  it('refuses a bad shipping.charge naming the field', () => {
    expect(() => evaluate([contract('a', { terms: [include('SKU-1')] })], { shipping: { charge: '-1' } })).toThrow(expect.objectContaining({
      details: [expect.objectContaining({ field: 'shipping.charge' })],
    }));
  });
});
