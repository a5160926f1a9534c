import type { TypedContractTerm } from '../terms/term-parameters';
import { dnOrganizationDirectory, evaluateCheckout, type CheckoutEvaluation, type CheckoutRequest } from './price-resolution';
import { compilePricingSnapshot, type DeployedContractInput } from './pricing-snapshot';

// Every line is bought under a contract: the order-level terms of that contract apply whether its
// price won the line, the list price did, or it only entitles the product (docs/business-rules.md).

const BUYER = 'ou=East,o=Northwind,o=Root';
const PARENT = 'o=Northwind,o=Root';
const orgs = dnOrganizationDirectory();
const AT = '2026-03-01T12:00:00Z';

function contract(id: string, patch: Partial<DeployedContractInput> = {}): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE',
    startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T23:59:59Z', currency: 'USD',
    isBase: false, baseContractId: null, forceContractPrice: false,
    buyers: [{ organization: BUYER, active: true }], terms: [], ...patch,
  };
}

let seq = 100;
const t = (term: Record<string, unknown>): TypedContractTerm => ({ sequenceNumber: ++seq, ...term }) as unknown as TypedContractTerm;
const master = (signedPercentage: string) => t({ type: 'PriceTCMasterCatalogWithOptionalAdjustment', signedPercentage });
const custom = (sku: string, price: string) => t({ type: 'PriceTCCustomPriceList', offers: [{ sku, price, currency: 'USD' }] });
const include = (...skus: string[]) => t({ type: 'ProductSetTCInclusion', productSet: { skus } });

function evaluate(contracts: DeployedContractInput[], request: Partial<CheckoutRequest> = {}): CheckoutEvaluation {
  const snapshot = compilePricingSnapshot({ contracts });
  expect(snapshot.warnings).toEqual([]);
  return evaluateCheckout(snapshot, {
    buyer: BUYER, currency: 'USD', at: AT, lines: [{ sku: 'SKU-1', quantity: 3, listPrice: '20.00' }], ...request,
  }, orgs);
}

/** One order-level term: the term, an order that breaks it and one that keeps it, and what breaking it shows. */
interface TermCase {
  term: string;
  make: (pass: boolean) => TypedContractTerm;
  /** Contract fields the term needs (credit). */
  contractPatch?: Partial<DeployedContractInput>;
  breaks: Partial<CheckoutRequest>;
  keeps?: Partial<CheckoutRequest>;
  expectBroken: (r: CheckoutEvaluation) => void;
  expectKept: (r: CheckoutEvaluation) => void;
}

const violation = (code: string) => (r: CheckoutEvaluation) => {
  expect(r.violations.map((v) => v.code)).toEqual([code]);
  expect(r.allowed).toBe(false);
  expect(r.violations[0].message).toMatch(/contract A 1\.0/);
};
const allowed = (r: CheckoutEvaluation) => {
  expect(r.violations).toEqual([]);
  expect(r.allowed).toBe(true);
};

const TERMS: TermCase[] = [
  {
    term: 'RightToBuyTCByAmount',
    make: (pass) => t({ type: 'RightToBuyTCByAmount', maximumAmount: pass ? '1000.00' : '10.00', currency: 'USD' }),
    breaks: {},
    expectBroken: (r) => {
      violation('RIGHT_TO_BUY_EXCEEDED')(r);
      expect(r.rightToBuy).toEqual([expect.objectContaining({ contract: expect.objectContaining({ id: 'a' }), limit: '10.00', orderAmount: r.total })]);
    },
    expectKept: (r) => {
      allowed(r);
      expect(r.rightToBuy).toEqual([expect.objectContaining({ contract: expect.objectContaining({ id: 'a' }), limit: '1000.00', orderAmount: r.total })]);
    },
  },
  {
    term: 'ShippingTCShippingMode',
    make: () => t({ type: 'ShippingTCShippingMode', mode: 'UPS' }),
    breaks: { shipping: { mode: 'FEDEX' } },
    keeps: { shipping: { mode: 'UPS' } },
    expectBroken: violation('SHIPPING_MODE_NOT_ALLOWED'),
    expectKept: allowed,
  },
  {
    term: 'ShippingTCShipToAddress',
    make: () => t({ type: 'ShippingTCShipToAddress', nickname: 'EAST-DOCK' }),
    breaks: { shipping: { shipTo: 'WEST-DOCK' } },
    keeps: { shipping: { shipTo: 'EAST-DOCK' } },
    expectBroken: violation('SHIP_TO_NOT_ALLOWED'),
    expectKept: allowed,
  },
  {
    term: 'PaymentTCPaymentMethod (method)',
    make: () => t({ type: 'PaymentTCPaymentMethod', method: 'PO-NET30' }),
    breaks: { payment: { method: 'VISA' } },
    keeps: { payment: { method: 'PO-NET30' } },
    expectBroken: violation('PAYMENT_METHOD_NOT_ALLOWED'),
    expectKept: allowed,
  },
  {
    term: 'PaymentTCPaymentMethod (bill-to address)',
    make: () => t({ type: 'PaymentTCPaymentMethod', method: 'PO-NET30', billingAddress: 'HQ' }),
    breaks: { payment: { method: 'PO-NET30', billTo: 'BRANCH' } },
    keeps: { payment: { method: 'PO-NET30', billTo: 'HQ' } },
    expectBroken: violation('BILL_TO_NOT_ALLOWED'),
    expectKept: allowed,
  },
  {
    term: 'creditAllowed (credit-line payment)',
    make: () => t({ type: 'PaymentTCPaymentMethod', method: 'LOC' }),
    contractPatch: { creditAllowed: false },
    breaks: { payment: { method: 'LOC' } },
    keeps: {},
    expectBroken: violation('PAYMENT_METHOD_NOT_ALLOWED'),
    expectKept: allowed,
  },
  {
    term: 'OrderApprovalTC',
    make: (pass) => t({ type: 'OrderApprovalTC', thresholdAmount: pass ? '1000.00' : '50.00' }),
    breaks: {},
    expectBroken: (r) => {
      expect(r.approvalRequired).toBe(true);
      expect(r.violations).toEqual([]);
    },
    expectKept: (r) => expect(r.approvalRequired).toBe(false),
  },
  {
    term: 'FulfillmentTC',
    make: () => t({ type: 'FulfillmentTC', fulfillmentCenters: ['FC-EAST', 'FC-NORTH'] }),
    breaks: { shipping: { fulfillmentCenter: 'FC-WEST' } },
    keeps: { shipping: { fulfillmentCenter: 'FC-NORTH' } },
    expectBroken: (r) => {
      violation('FULFILLMENT_CENTER_NOT_ALLOWED')(r);
      expect(r.shipping?.fulfillmentCenters).toEqual(['FC-EAST', 'FC-NORTH']);
    },
    expectKept: allowed,
  },
  {
    term: 'QuantityCommitmentTC',
    make: (pass) => t({ type: 'QuantityCommitmentTC', lines: [{ sku: 'SKU-1', quantity: pass ? 5 : 2 }] }),
    breaks: {},
    expectBroken: (r) => {
      violation('QUANTITY_EXCEEDS_REMAINING')(r);
      expect(r.violations[0].lineIndex).toBe(0);
    },
    expectKept: allowed,
  },
];

/** How the contract comes to hold the line, and what the line must then show. */
interface Way {
  way: string;
  contracts: (term: TypedContractTerm, patch: Partial<DeployedContractInput>) => DeployedContractInput[];
  unitPrice: string;
  pricedBy: string | null;
}

const WAYS: Way[] = [
  { way: 'its contract price wins', contracts: (term, patch) => [contract('a', { ...patch, terms: [master('-10'), term] })], unitPrice: '18.00', pricedBy: 'a' },
  { way: 'the list price wins', contracts: (term, patch) => [contract('a', { ...patch, terms: [master('+10'), term] })], unitPrice: '20.00', pricedBy: null },
  { way: 'the contract only includes the product', contracts: (term, patch) => [contract('a', { ...patch, terms: [include('SKU-1'), term] })], unitPrice: '20.00', pricedBy: null },
  {
    way: 'the term is inherited from its base contract (list price wins)',
    contracts: (term, patch) => [
      contract('base', { isBase: true, buyers: [], terms: [term] }),
      contract('a', { ...patch, baseContractId: 'base', terms: [master('+10')] }),
    ],
    unitPrice: '20.00', pricedBy: null,
  },
];

describe('order-level terms apply to every contract the order buys under', () => {
  const table = TERMS.flatMap((term) => WAYS.map((way) => [term.term, way.way, term, way] as const));

  it.each(table)('%s is enforced when %s', (_t, _w, term, way) => {
    const broken = evaluate(way.contracts(term.make(false), term.contractPatch ?? {}), term.breaks);
    expect(broken.lines[0]).toMatchObject({ unitPrice: way.unitPrice, boughtUnder: { id: 'a' } });
    expect(broken.lines[0].contract?.id ?? null).toBe(way.pricedBy);
    term.expectBroken(broken);

    const kept = evaluate(way.contracts(term.make(true), term.contractPatch ?? {}), term.keeps ?? term.breaks);
    expect(kept.lines[0]).toMatchObject({ unitPrice: way.unitPrice, boughtUnder: { id: 'a' } });
    term.expectKept(kept);
  });

  it('covers every enforced order-level term in every way of buying', () => {
    expect(table).toHaveLength(9 * 4);
  });

  it('refuses the reported order: list +10% with a 10.00 USD cap and UPS only, 60.00 shipped by FEDEX', () => {
    const r = evaluate([contract('a', { terms: [
      master('+10'), t({ type: 'RightToBuyTCByAmount', maximumAmount: '10.00', currency: 'USD' }), t({ type: 'ShippingTCShippingMode', mode: 'UPS' }),
    ] })], { shipping: { mode: 'FEDEX' } });
    expect(r).toMatchObject({ allowed: false, total: '60.00' });
    expect(r.lines[0]).toMatchObject({ unitPrice: '20.00', rule: 'LIST_PRICE', contract: null, boughtUnder: { id: 'a', code: 'A', version: '1.0' } });
    expect(r.lines[0].explanation[1]).toMatch(/^bought under A 1\.0: the only contract that entitles it; its order terms apply/);
    expect(r.violations.map((v) => v.code).sort()).toEqual(['RIGHT_TO_BUY_EXCEEDED', 'SHIPPING_MODE_NOT_ALLOWED']);
  });
});

describe('which contract a line is bought under', () => {
  const line = (sku: string, extra: object = {}) => ({ sku, quantity: 1, listPrice: '20.00', ...extra });

  it('at list price: the contract that would have priced it lowest', () => {
    const r = evaluate([contract('a', { terms: [master('+10')] }), contract('b', { terms: [master('+5')] })]);
    expect(r.lines[0]).toMatchObject({ unitPrice: '20.00', contract: null, boughtUnder: { id: 'b' } });
    expect(r.lines[0].explanation[1]).toMatch(/^bought under B 1\.0: of the contracts that entitle it, the one that would price it lowest/);
  });

  it('at list price: a contract that only includes the product comes after one with a price', () => {
    const r = evaluate([contract('a', { terms: [include('SKU-1')] }), contract('b', { terms: [master('+50')] })]);
    expect(r.lines[0].boughtUnder?.id).toBe('b');
  });

  it('at list price, equal prices: the most specific buyer entry (the organisation before its parent), then the code', () => {
    const parentOnly = contract('a', { buyers: [{ organization: PARENT, active: true }], terms: [master('+10')] });
    const own = contract('b', { terms: [master('+10')] });
    expect(evaluate([parentOnly, own]).lines[0].boughtUnder?.id).toBe('b');
    expect(evaluate([contract('a', { terms: [master('+10')] }), own]).lines[0].boughtUnder?.id).toBe('a');
  });

  it('splits the order: each contract draws on its cap only the lines bought under it', () => {
    const a = contract('a', { terms: [custom('SKU-1', '10.00'), t({ type: 'RightToBuyTCByAmount', maximumAmount: '500', currency: 'USD' })] });
    const b = contract('b', { terms: [include('SKU-2'), t({ type: 'RightToBuyTCByAmount', maximumAmount: '500', currency: 'USD' })] });
    const r = evaluate([a, b], { lines: [line('SKU-1'), line('SKU-2', { quantity: 2 })] });
    expect(r.lines.map((l) => [l.contract?.id ?? null, l.boughtUnder?.id])).toEqual([['a', 'a'], [null, 'b']]);
    expect(r.rightToBuy.map((c) => [c.contract.id, c.orderAmount])).toEqual([['a', '10.00'], ['b', '40.00']]);
  });

  it('a line that names its contract is priced and bought under that one only, even when another is cheaper', () => {
    const r = evaluate([contract('a', { terms: [master('-5')] }), contract('b', { terms: [master('-20')] })], { lines: [line('SKU-1', { contractId: 'a' })] });
    expect(r.lines[0]).toMatchObject({ unitPrice: '19.00', contract: { id: 'a' }, boughtUnder: { id: 'a' } });
    expect(r.lines[0].explanation).toContain('B 1.0: not used, the line names A 1.0');
    expect(r.violations).toEqual([]);
  });

  it('a line that names a contract whose price is above list is bought under it at list price', () => {
    const r = evaluate([contract('a', { terms: [master('+10'), t({ type: 'ShippingTCShippingMode', mode: 'UPS' })] }), contract('b', { terms: [master('+5')] })],
      { lines: [line('SKU-1', { contractId: 'a' })], shipping: { mode: 'FEDEX' } });
    expect(r.lines[0]).toMatchObject({ unitPrice: '20.00', contract: null, boughtUnder: { id: 'a' } });
    expect(r.lines[0].explanation[1]).toMatch(/^bought under A 1\.0: the line names it/);
    expect(r.violations.map((v) => v.code)).toEqual(['SHIPPING_MODE_NOT_ALLOWED']);
  });

  it.each([
    ['a contract that excludes the product', [contract('a', { terms: [master('-5'), t({ type: 'ProductSetTCExclusion', productSet: { skus: ['SKU-1'] } })] }), contract('b', { terms: [master('-1')] })], 'a', /A 1\.0 does not entitle SKU-1/],
    ['a contract of another buyer', [contract('a', { buyers: [{ organization: 'o=Other,o=Root', active: true }], terms: [master('-5')] }), contract('b', { terms: [master('-1')] })], 'a', /the buyer may use no such contract/],
    ['an unknown contract', [contract('b', { terms: [master('-1')] })], 'nope', /the buyer may use no such contract/],
  ])('a line that names %s is refused with CONTRACT_NOT_ENTITLED on that line', (_name, contracts, contractId, message) => {
    const r = evaluate(contracts, { lines: [line('SKU-2'), line('SKU-1', { contractId })] });
    expect(r.allowed).toBe(false);
    expect(r.violations).toEqual([{ code: 'CONTRACT_NOT_ENTITLED', lineIndex: 1, message: expect.stringMatching(message) }]);
  });
});

describe('`at` sees what will be in force then', () => {
  const nextMonth = '2026-04-15T12:00:00Z';
  const approvedFromApril = (patch: Partial<DeployedContractInput> = {}) =>
    contract('a', { status: 'APPROVED', startsAt: '2026-04-01T00:00:00Z', terms: [master('-10')], ...patch });

  it('an approved contract waiting for its start prices an evaluation at a time after its start, and nothing before', () => {
    expect(evaluate([approvedFromApril()], { at: nextMonth }).lines[0]).toMatchObject({ unitPrice: '18.00', contract: { id: 'a' } });
    expect(evaluate([approvedFromApril()]).violations.map((v) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);
  });

  it('an approved contract\'s order terms bind from its start too', () => {
    const r = evaluate([approvedFromApril({ terms: [master('+10'), t({ type: 'ShippingTCShippingMode', mode: 'UPS' })] })], { at: nextMonth, shipping: { mode: 'FEDEX' } });
    expect(r.lines[0].boughtUnder?.id).toBe('a');
    expect(r.violations.map((v) => v.code)).toEqual(['SHIPPING_MODE_NOT_ALLOWED']);
  });

  it('a contract gives nothing after its end, before the expiry has been recorded', () => {
    const r = evaluate([contract('a', { endsAt: '2026-03-31T23:59:59Z', terms: [master('-10')] })], { at: nextMonth });
    expect(r.violations.map((v) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);
  });

  it('a suspended contract gives nothing at any time (a suspension has no scheduled end)', () => {
    for (const at of [AT, nextMonth]) {
      expect(evaluate([contract('a', { status: 'SUSPENDED', terms: [master('-10')] })], { at }).violations.map((v) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);
    }
  });

  it('a newer approved version closes the older one from its start: before it the older prices, from it only the newer', () => {
    const family = 'A\u0000Manual\u0000o=Seller';
    const v10 = contract('a10', { code: 'A', version: '1.0', family, terms: [master('-10')] });
    const v11 = contract('a11', { code: 'A', version: '1.1', family, status: 'APPROVED', startsAt: '2026-04-01T00:00:00Z', terms: [master('-5')] });
    const before = evaluate([v10, v11]);
    expect(before.lines[0]).toMatchObject({ unitPrice: '18.00', contract: { id: 'a10' } });
    const after = evaluate([v10, v11], { at: nextMonth });
    expect(after.lines[0]).toMatchObject({ unitPrice: '19.00', contract: { id: 'a11' } });
    // 1.0 is not a losing candidate: it is closed then.
    expect(after.lines[0].explanation.join('\n')).not.toContain('A 1.0');
    // Another family's newer version closes nothing.
    expect(evaluate([v10, { ...v11, family: 'B\u0000Manual\u0000o=Seller' }], { at: nextMonth }).lines[0]).toMatchObject({ unitPrice: '18.00', contract: { id: 'a10' } });
  });

  it('a base contract approved for next month lends its terms from its start only', () => {
    const base = contract('base', { isBase: true, buyers: [], status: 'APPROVED', startsAt: '2026-04-01T00:00:00Z', terms: [t({ type: 'ShippingTCShippingMode', mode: 'UPS' })] });
    const a = contract('a', { baseContractId: 'base', terms: [master('-10')] });
    expect(evaluate([base, a], { shipping: { mode: 'FEDEX' } }).violations).toEqual([]);
    expect(evaluate([base, a], { at: nextMonth, shipping: { mode: 'FEDEX' } }).violations.map((v) => v.code)).toEqual(['SHIPPING_MODE_NOT_ALLOWED']);
  });
});
