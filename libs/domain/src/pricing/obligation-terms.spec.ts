import type { TypedContractTerm } from '../terms/term-parameters';
import { dnOrganizationDirectory, evaluateCheckout, type CheckoutRequest, type SpendLedger } from './price-resolution';
import { compilePricingSnapshot, type DeployedContractInput, type PricingSnapshotInput } from './pricing-snapshot';

const BUYER = 'ou=East,o=Northwind,o=Root';
const orgs = dnOrganizationDirectory();
const AT = '2026-03-01T12:00:00Z';

let seq = 100;
const t = (term: Record<string, unknown>): TypedContractTerm => ({ sequenceNumber: ++seq, ...term }) as unknown as TypedContractTerm;
const include = (...skus: string[]) => t({ type: 'ProductSetTCInclusion', productSet: { skus } });
const obligation = (minimumAmount: string, days: number, currency = 'USD', buyers?: string[]) =>
  t({ type: 'ObligationToBuyTCByAmount', minimumAmount, currency, days, ...(buyers ? { buyers } : {}) });

function contract(id: string, patch: Partial<DeployedContractInput> = {}): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T23:59:59Z', currency: 'USD',
    isBase: false, baseContractId: null, forceContractPrice: false, buyers: [{ organization: BUYER, active: true }], terms: [], ...patch,
  };
}

const ledger = (bought: Record<string, string>): SpendLedger => ({
  consumed: () => '0', remainingQuantity: () => undefined, obligationBought: (id) => bought[id] ?? '0',
});

function evaluate(contracts: DeployedContractInput[], bought: Record<string, string> = {}, extra: Partial<PricingSnapshotInput> = {}, request: Partial<CheckoutRequest> = {}) {
  const snapshot = compilePricingSnapshot({ contracts, ...extra });
  expect(snapshot.warnings).toEqual([]);
  // SKU-1 × 3 at list 20.00: the order adds 60.00.
  return evaluateCheckout(snapshot, { buyer: BUYER, currency: 'USD', at: AT, lines: [{ sku: 'SKU-1', quantity: 3, listPrice: '20.00' }], ...request }, orgs, ledger(bought));
}

describe('obligation to buy: progress of the contracts the order buys under (window from the contract start, N days)', () => {
  it.each([
    ['1000.00 over 90 days, 400.00 bought', contract('a', { terms: [include('SKU-1'), obligation('1000.00', 90)] }), { a: '400.00' },
      { amount: '1000.00', bought: '400.00', remaining: '600.00', endsAt: '2026-04-01T00:00:00.000Z', daysLeft: 31, orderAmount: '60.00', met: false }],
    ['nothing bought yet', contract('a', { terms: [include('SKU-1'), obligation('1000.00', 90)] }), {},
      { bought: '0.00', remaining: '1000.00', met: false }],
    ['met: 1200.00 bought of 1000.00', contract('a', { terms: [include('SKU-1'), obligation('1000.00', 90)] }), { a: '1200.00' },
      { bought: '1200.00', remaining: '0.00', met: true }],
    ['the window closes with the contract when it ends first', contract('a', { endsAt: '2026-03-10T12:00:00Z', terms: [include('SKU-1'), obligation('1000.00', 365)] }), {},
      { endsAt: '2026-03-10T12:00:00.000Z', daysLeft: 9 }],
    ['inherited from the base contract: counted under the contract bought under', contract('a', { baseContractId: 'base', terms: [include('SKU-1')] }), { a: '10.00' },
      { bought: '10.00', remaining: '990.00' }],
  ] as const)('%s', (_name, c, bought, expected) => {
    const base = contract('base', { isBase: true, buyers: [], terms: [obligation('1000.00', 90)] });
    const r = evaluate([base, c], bought);
    expect(r.obligations).toEqual([expect.objectContaining({ contract: expect.objectContaining({ id: 'a' }), currency: 'USD', startsAt: '2026-01-01T00:00:00.000Z', ...expected })]);
    // Reported, never blocking.
    expect(r.allowed).toBe(true);
  });

  it.each([
    ['no obligation term', [include('SKU-1')]],
    ['its window (30 days from 2026-01-01) ended before `at`', [include('SKU-1'), obligation('1000.00', 30)]],
    ['the term is restricted to another buyer', [include('SKU-1'), obligation('1000.00', 90, 'USD', ['o=Elsewhere,o=Root'])]],
  ] as const)('reports none when %s', (_name, terms) => {
    expect(evaluate([contract('a', { terms: [...terms] })]).obligations).toEqual([]);
  });

  it('converts the order into the obligation currency at the configured rate, or reports orderAmount null without one', () => {
    const c = contract('a', { terms: [include('SKU-1'), obligation('500.00', 90, 'EUR')] });
    expect(evaluate([c]).obligations[0]).toMatchObject({ currency: 'EUR', orderAmount: null });
    expect(evaluate([c], {}, { currencyRates: [{ from: 'USD', to: 'EUR', rate: '0.5' }] }).obligations[0]).toMatchObject({ currency: 'EUR', orderAmount: '30.00' });
  });

  it('reports one entry per contract the order buys under, with only that contract\'s lines in orderAmount', () => {
    const r = evaluate([
      contract('a', { terms: [include('SKU-1'), obligation('100.00', 90)] }),
      contract('b', { terms: [include('SKU-2'), obligation('200.00', 90)] }),
    ], { b: '50.00' }, {}, { lines: [{ sku: 'SKU-1', quantity: 3, listPrice: '20.00' }, { sku: 'SKU-2', quantity: 1, listPrice: '5.00' }] });
    expect(r.obligations.map((o) => [o.contract.id, o.bought, o.remaining, o.orderAmount])).toEqual([['a', '0.00', '100.00', '60.00'], ['b', '50.00', '150.00', '5.00']]);
  });
});
