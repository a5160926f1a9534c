import { DomainError } from '../domain-error';
import type { TypedContractTerm } from '../terms/term-parameters';
import {
  dnAncestors, dnOrganizationDirectory, evaluateCheckout,
  type CheckoutEvaluation, type CheckoutLineRequest, type CheckoutRequest, type SpendLedger,
} from './price-resolution';
import { compilePricingSnapshot, type DeployedContractInput } from './pricing-snapshot';

const BUYER = 'ou=East,o=Northwind,o=Root';
const PARENT = 'o=Northwind,o=Root';
const GROUP = 'cn=Gold Buyers';
const orgs = dnOrganizationDirectory(new Map([[BUYER, [GROUP]]]));

const priceLists = [
  { name: 'Wholesale', currency: 'USD', prices: new Map([['SKU-1', '16.00'], ['SKU-2', '30.00']]) },
  { name: 'Wholesale', currency: 'EUR', prices: new Map([['SKU-1', '15.00']]) },
];
const productSets = { Fasteners: { categories: ['fasteners'] }, Tools: { skus: ['SKU-T'] } };

function contract(id: string, patch: Partial<DeployedContractInput> = {}): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE',
    startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T23:59:59Z', currency: 'USD',
    isBase: false, baseContractId: null, forceContractPrice: false,
    buyers: [{ organization: BUYER, active: true }], terms: [], ...patch,
  };
}

let seq = 0;
const t = <T extends TypedContractTerm>(term: Omit<T, 'sequenceNumber'>): T => ({ sequenceNumber: ++seq, ...term }) as T;
const master = (signedPercentage?: string, extra: Partial<TypedContractTerm> = {}) =>
  t({ type: 'PriceTCMasterCatalogWithOptionalAdjustment', signedPercentage, ...extra } as TypedContractTerm);
const custom = (...offers: { sku?: string; price: string; currency?: string; minQuantity?: number; maxQuantity?: number; precedence?: number }[]) =>
  t({ type: 'PriceTCCustomPriceList', offers: offers.map((o) => ({ sku: 'SKU-1', currency: 'USD', ...o })) } as TypedContractTerm);
const priceList = (signedPercentage?: string) => t({ type: 'PriceTCPriceListWithOptionalAdjustment', priceList: 'Wholesale', signedPercentage } as TypedContractTerm);
const selective = (signedPercentage: string, productSet: object) =>
  t({ type: 'PriceTCPriceListWithSelectiveAdjustment', priceList: 'Wholesale', signedPercentage, productSet } as TypedContractTerm);
const filtering = (filters: object[], signedPercentage?: string) =>
  t({ type: 'PriceTCMasterCatalogWithFiltering', signedPercentage, filters } as TypedContractTerm);
const rules = (...r: object[]) => t({ type: 'PriceRule', rules: r } as TypedContractTerm);
const include = (productSet: object) => t({ type: 'ProductSetTCInclusion', productSet } as TypedContractTerm);
const exclude = (productSet: object) => t({ type: 'ProductSetTCExclusion', productSet } as TypedContractTerm);
const shipMode = (mode: string) => t({ type: 'ShippingTCShippingMode', mode } as TypedContractTerm);
const shipTo = (nickname: string) => t({ type: 'ShippingTCShipToAddress', nickname } as TypedContractTerm);
const pay = (method: string) => t({ type: 'PaymentTCPaymentMethod', method } as TypedContractTerm);
const approval = (thresholdAmount: string, currency?: string) => t({ type: 'OrderApprovalTC', thresholdAmount, currency } as TypedContractTerm);
const rtb = (maximumAmount: string, currency = 'USD') => t({ type: 'RightToBuyTCByAmount', maximumAmount, currency } as TypedContractTerm);
const reserve = (...lines: { sku: string; quantity: number }[]) => t({ type: 'QuantityCommitmentTC', lines } as TypedContractTerm);
/**
 * A contract approved today that starts next month (the table evaluates at 2026-03-01 unless a case
 * says otherwise): Approved until its start deploys it, as the workflow leaves it.
 */
const startingNextMonth = () => contract('a', { status: 'APPROVED', startsAt: '2026-04-01T00:00:00Z', terms: [master('-10')] });

const line = (patch: Partial<CheckoutLineRequest> = {}): CheckoutLineRequest =>
  ({ sku: 'SKU-1', quantity: 1, listPrice: '20.00', categories: ['fasteners'], ...patch });

function ledgerOf(consumed: Record<string, string>, remaining: Record<string, number> = {}): SpendLedger {
  return { consumed: (id) => consumed[id] ?? '0', remainingQuantity: (id, sku) => remaining[`${id}/${sku}`] };
}

interface Case {
  name: string;
  contracts: DeployedContractInput[];
  request?: Partial<CheckoutRequest>;
  ledger?: SpendLedger;
  /** Expectations on line 0 unless `lines` is given. */
  price?: string;
  rule?: string;
  contract?: string | null;
  total?: string;
  violations?: string[];
  approvalRequired?: boolean;
  explain?: RegExp;
  lines?: { price: string; contract: string | null }[];
  /** Exchange rates configured for the case. */
  rates?: { from: string; to: string; rate: string }[];
  check?: (r: CheckoutEvaluation) => void;
}

const cases: Case[] = [
  // --- eligibility ---
  { name: 'eligibility: the buyer organisation itself is a Buyer', contracts: [contract('a', { terms: [master('-10')] })], price: '18.00', rule: 'PriceTCMasterCatalogWithOptionalAdjustment', contract: 'A', violations: [] },
  { name: 'eligibility: a parent organisation is a Buyer', contracts: [contract('a', { buyers: [{ organization: PARENT, active: true }], terms: [master('-10')] })], price: '18.00', contract: 'A' },
  { name: 'eligibility: the root organisation is a Buyer', contracts: [contract('a', { buyers: [{ organization: 'o=Root', active: true }], terms: [master('-5')] })], price: '19.00' },
  { name: 'eligibility: a member group of the buyer is a Buyer', contracts: [contract('a', { buyers: [{ memberGroup: GROUP, active: true }], terms: [master('-10')] })], price: '18.00' },
  { name: 'eligibility: DNs match ignoring case and blanks', contracts: [contract('a', { buyers: [{ organization: 'OU=East, O=Northwind, o=ROOT', active: true }], terms: [master('-10')] })], price: '18.00' },
  { name: 'eligibility: a sibling organisation gives nothing', contracts: [contract('a', { buyers: [{ organization: 'ou=West,o=Northwind,o=Root', active: true }], terms: [master('-10')] })], price: '20.00', rule: 'LIST_PRICE', contract: null, violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'eligibility: a child organisation gives nothing to its parent', contracts: [contract('a', { buyers: [{ organization: `ou=Dock,${BUYER}`, active: true }], terms: [master('-10')] })], violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'eligibility: a suspended contract gives nothing', contracts: [contract('a', { status: 'SUSPENDED', terms: [master('-10')] })], price: '20.00', violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'eligibility: an expired contract gives nothing', contracts: [contract('a', { status: 'EXPIRED', terms: [master('-10')] })], violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'eligibility: before the contract start (approved, waiting for its start)', contracts: [contract('a', { status: 'APPROVED', startsAt: '2026-06-01T00:00:00Z', terms: [master('-10')] })], violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'at: a contract starting next month prices an order evaluated next month', contracts: [startingNextMonth()], request: { at: '2026-04-15T12:00:00Z' }, price: '18.00', contract: 'A', violations: [] },
  { name: 'at: the same contract gives nothing to an order evaluated today', contracts: [startingNextMonth()], price: '20.00', contract: null, violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'eligibility: after the contract end (evaluating a past moment works)', contracts: [contract('a', { endsAt: '2026-02-01T00:00:00Z', terms: [master('-10')] })], request: { at: '2026-01-15T00:00:00Z' }, price: '18.00' },
  { name: 'eligibility: dates are inclusive at the start', contracts: [contract('a', { terms: [master('-10')] })], request: { at: '2026-01-01T00:00:00Z' }, price: '18.00' },
  { name: 'eligibility: an inactive buyer entry gives nothing', contracts: [contract('a', { buyers: [{ organization: BUYER, active: false }], terms: [master('-10')] })], violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'eligibility: a buyer entry outside its own dates gives nothing', contracts: [contract('a', { buyers: [{ organization: BUYER, active: true, endsAt: '2026-02-01T00:00:00Z' }], terms: [master('-10')] })], violations: ['NO_ELIGIBLE_CONTRACT'] },
  { name: 'eligibility: a term restricted to another buyer does not apply', contracts: [contract('a', { terms: [master('-30', { buyers: ['ou=West,o=Northwind,o=Root'] }), priceList()] })], price: '16.00', rule: 'PriceTCPriceListWithOptionalAdjustment' },

  // --- base contract and account ---
  { name: 'base: buyers get the base contract price terms', contracts: [contract('base', { isBase: true, buyers: [], terms: [master('-20')] }), contract('a', { baseContractId: 'base' })], price: '16.00', contract: 'A', explain: /via base contract BASE/ },
  { name: 'base: a base contract not in force is not inherited', contracts: [contract('base', { isBase: true, buyers: [], status: 'SUSPENDED', terms: [master('-20')] }), contract('a', { baseContractId: 'base' })], price: '20.00', violations: ['PRODUCT_NOT_ENTITLED'] },
  { name: 'base: union of terms, the lowest of base and own wins', contracts: [contract('base', { isBase: true, buyers: [], terms: [custom({ price: '15.50' })] }), contract('a', { baseContractId: 'base', terms: [master('-10')] })], price: '15.50', rule: 'PriceTCCustomPriceList', contract: 'A' },
  {
    // Same price, same rule, same contract: the contract's own term ranks before its base's (BUCKET_RANK), even though the base term comes first in term order.
    name: 'base: an equal price of the same rule in base and own terms goes to the own term',
    contracts: [contract('base', { isBase: true, buyers: [], terms: [master('-10')] }), contract('a', { baseContractId: 'base', terms: [master('-10')] })],
    price: '18.00', rule: 'PriceTCMasterCatalogWithOptionalAdjustment', contract: 'A',
    check: (r) => {
      const [won, lost] = r.lines[0].explanation;
      expect(won).toMatch(/^won: PriceTCMasterCatalogWithOptionalAdjustment #\d+ of A 1\.0 at 18\.00/);
      expect(lost).toMatch(/^lost: PriceTCMasterCatalogWithOptionalAdjustment #\d+ of A 1\.0 via base contract BASE 1\.0 at 18\.00 .*same price as the winner/);
    },
  },
  {
    // The rule ranks before where the term comes from: the base's custom price list beats an equal own catalogue adjustment.
    name: 'base: an equal price goes to the higher-ranked rule even when it comes from the base',
    contracts: [contract('base', { isBase: true, buyers: [], terms: [custom({ price: '18.00' })] }), contract('a', { baseContractId: 'base', terms: [master('-10')] })],
    price: '18.00', rule: 'PriceTCCustomPriceList', contract: 'A', explain: /^won: PriceTCCustomPriceList #\d+ of A 1\.0 via base contract BASE 1\.0 at 18\.00/,
  },
  { name: 'account: account terms restrict payment for the contract', contracts: [contract('a', { terms: [master()], accountTerms: [pay('PO-NET30')] })], request: { payment: { method: 'VISA' } }, violations: ['PAYMENT_METHOD_NOT_ALLOWED'] },

  // --- custom price list ---
  { name: 'custom price list: the API example (20 × 18.40 = 368.00)', contracts: [contract('a', { terms: [custom({ price: '18.40' })] })], request: { lines: [line({ quantity: 20, listPrice: '21.00' })] }, price: '18.40', total: '368.00', rule: 'PriceTCCustomPriceList' },
  { name: 'quantity breaks: below the first break', contracts: [contract('a', { terms: [custom({ price: '19.00' }, { price: '18.00', minQuantity: 10 }, { price: '16.00', minQuantity: 100 })] })], request: { lines: [line({ quantity: 9 })] }, price: '19.00' },
  { name: 'quantity breaks: exactly at minQuantity takes the break', contracts: [contract('a', { terms: [custom({ price: '19.00' }, { price: '18.00', minQuantity: 10 }, { price: '16.00', minQuantity: 100 })] })], request: { lines: [line({ quantity: 10 })] }, price: '18.00', total: '180.00' },
  { name: 'quantity breaks: the highest break at or below the quantity', contracts: [contract('a', { terms: [custom({ price: '16.00', minQuantity: 100 }, { price: '19.00' }, { price: '18.00', minQuantity: 10 })] })], request: { lines: [line({ quantity: 250 })] }, price: '16.00' },
  { name: 'quantity breaks: an offer above its maxQuantity does not apply', contracts: [contract('a', { terms: [custom({ price: '19.00' }, { price: '12.00', minQuantity: 5, maxQuantity: 5 })] })], request: { lines: [line({ quantity: 6 })] }, price: '19.00' },
  { name: 'precedence: same band, higher precedence wins even when dearer', contracts: [contract('a', { terms: [custom({ price: '17.00', precedence: 1 }, { price: '18.00', precedence: 5 })] })], price: '18.00' },
  { name: 'currency: an offer in another currency is ignored', contracts: [contract('a', { terms: [custom({ price: '10.00', currency: 'EUR' }), master('-5')] })], price: '19.00', rule: 'PriceTCMasterCatalogWithOptionalAdjustment' },
  { name: 'currency: a EUR order uses the EUR offer', contracts: [contract('a', { terms: [custom({ price: '10.00', currency: 'EUR' }), custom({ price: '12.00' })] })], request: { currency: 'EUR' }, price: '10.00' },

  // --- catalogue and price lists ---
  { name: 'master catalogue: a positive adjustment above list loses to list price', contracts: [contract('a', { terms: [master('+10')] })], price: '20.00', rule: 'LIST_PRICE', contract: null, violations: [], explain: /above the list price 20.00/ },
  { name: 'price list: named list with adjustment', contracts: [contract('a', { terms: [priceList('-10')] })], price: '14.40', rule: 'PriceTCPriceListWithOptionalAdjustment' },
  { name: 'price list: a SKU not on the list is not priced (not entitled)', contracts: [contract('a', { terms: [priceList('-10')] })], request: { lines: [line({ sku: 'SKU-9' })] }, price: '20.00', violations: ['PRODUCT_NOT_ENTITLED'] },
  { name: 'price list: looked up in the request currency', contracts: [contract('a', { terms: [priceList()] })], request: { currency: 'EUR' }, price: '15.00' },
  { name: 'selective adjustment: SKU in the product set (named, by category) is adjusted', contracts: [contract('a', { terms: [selective('-50', { name: 'Fasteners' })] })], price: '8.00', rule: 'PriceTCPriceListWithSelectiveAdjustment' },
  { name: 'selective adjustment: SKU outside the set keeps the price list price', contracts: [contract('a', { terms: [selective('-50', { name: 'Tools' })] })], price: '16.00' },
  { name: 'filtering: an included category with its own percentage', contracts: [contract('a', { terms: [filtering([{ action: 'include', category: 'fasteners', signedPercentage: '-25' }], '-5')] })], price: '15.00', rule: 'PriceTCMasterCatalogWithFiltering' },
  { name: 'filtering: a SKU filter beats its category filter', contracts: [contract('a', { terms: [filtering([{ action: 'include', category: 'fasteners', signedPercentage: '-25' }, { action: 'include', sku: 'SKU-1', signedPercentage: '-10' }])] })], price: '18.00' },
  { name: 'filtering: exclusion beats inclusion', contracts: [contract('a', { terms: [filtering([{ action: 'include', category: 'fasteners', signedPercentage: '-25' }, { action: 'exclude', sku: 'SKU-1' }]), master()] })], price: '20.00', rule: 'PriceTCMasterCatalogWithOptionalAdjustment' },
  { name: 'filtering: an item not included gets no filtered price', contracts: [contract('a', { terms: [filtering([{ action: 'include', category: 'tools', signedPercentage: '-25' }])] })], violations: ['PRODUCT_NOT_ENTITLED'] },
  { name: 'filtering: exclusions only keep the rest at the default percentage', contracts: [contract('a', { terms: [filtering([{ action: 'exclude', category: 'tools' }], '-15')] })], price: '17.00' },
  { name: 'price rule: new fixed price', contracts: [contract('a', { terms: [rules({ itemCode: 'SKU-1', rule: '15' })] })], price: '15.00', rule: 'PriceRule' },
  { name: 'price rule: percentage change', contracts: [contract('a', { terms: [rules({ itemCode: 'SKU-1', rule: '-15%' })] })], price: '17.00' },
  { name: 'price rule: fixed change', contracts: [contract('a', { terms: [rules({ itemCode: 'SKU-1', rule: '-10' })] })], price: '10.00' },
  { name: 'price rule: a customer rule beats an everyone rule', contracts: [contract('a', { terms: [rules({ itemCode: 'SKU-1', rule: '-50%' }, { itemCode: 'SKU-1', rule: '-5%', customerId: BUYER })] })], price: '19.00' },
  { name: 'price rule: a customer-group rule applies to member groups', contracts: [contract('a', { terms: [rules({ itemCode: 'SKU-1', rule: '12', customerGroupId: GROUP })] })], price: '12.00' },
  { name: 'price rule: a rule for another customer does not apply', contracts: [contract('a', { terms: [rules({ itemCode: 'SKU-1', rule: '12', customerId: 'o=Other,o=Root' }), master()] })], price: '20.00', rule: 'PriceTCMasterCatalogWithOptionalAdjustment' },

  // --- precedence between proposals ---
  { name: 'precedence: the lowest contract price wins across contracts', contracts: [contract('a', { terms: [master('-10')] }), contract('b', { terms: [custom({ price: '17.50' })] })], price: '17.50', contract: 'B', explain: /lost: PriceTCMasterCatalogWithOptionalAdjustment #\d+ of A 1.0 at 18.00 .*higher than the winning 17.50/ },
  { name: 'precedence: a forced contract price applies above list', contracts: [contract('a', { forceContractPrice: true, terms: [custom({ price: '22.00' })] })], price: '22.00', contract: 'A', explain: /forced contract price/ },
  { name: 'precedence: a forced price beats a lower unforced one', contracts: [contract('a', { forceContractPrice: true, terms: [custom({ price: '19.00' })] }), contract('b', { terms: [master('-50')] })], price: '19.00', contract: 'A', explain: /A forces its contract price/ },
  { name: 'precedence: among forced prices the lowest wins', contracts: [contract('a', { forceContractPrice: true, terms: [custom({ price: '25.00' })] }), contract('b', { forceContractPrice: true, terms: [custom({ price: '23.00' })] })], price: '23.00', contract: 'B' },
  { name: 'precedence: a zero price never wins', contracts: [contract('a', { terms: [custom({ price: '0' }), master('-5')] })], price: '19.00', explain: /greater than 0/ },
  { name: 'precedence: equal prices go to the custom price list', contracts: [contract('a', { terms: [master('-10')] }), contract('b', { terms: [custom({ price: '18.00' })] })], price: '18.00', rule: 'PriceTCCustomPriceList', contract: 'B' },
  { name: 'rounding: unit price rounds half-up, the line total is unit × quantity', contracts: [contract('a', { terms: [master('-33.325')] })], request: { lines: [line({ listPrice: '10.00', quantity: 3 })] }, price: '6.67', total: '20.01' },

  // --- product constraints ---
  { name: 'exclusion: excluded product is not entitled', contracts: [contract('a', { terms: [master(), exclude({ skus: ['SKU-1'] })] })], price: '20.00', contract: null, violations: ['PRODUCT_NOT_ENTITLED'], explain: /excluded by ProductSetTCExclusion/ },
  { name: 'exclusion: beats inclusion in the same contract', contracts: [contract('a', { terms: [master(), include({ name: 'Fasteners' }), exclude({ skus: ['SKU-1'] })] })], violations: ['PRODUCT_NOT_ENTITLED'] },
  {
    name: 'exclusion: in the base contract beats an inclusion in the customer contract',
    contracts: [contract('base', { isBase: true, buyers: [], terms: [exclude({ skus: ['SKU-1'] })] }), contract('a', { baseContractId: 'base', terms: [master('-10'), include({ categories: ['fasteners'] })] })],
    price: '20.00', rule: 'LIST_PRICE', contract: null, violations: ['PRODUCT_NOT_ENTITLED'], explain: /A 1\.0: not entitled, SKU-1 is excluded by ProductSetTCExclusion/,
  },
  { name: 'inclusion: only included items may be bought', contracts: [contract('a', { terms: [master('-10'), include({ name: 'Tools' })] })], violations: ['PRODUCT_NOT_ENTITLED'], explain: /outside its ProductSetTCInclusion/ },
  { name: 'inclusion: an included item without contract price is bought at list', contracts: [contract('a', { terms: [include({ name: 'Fasteners' })] })], price: '20.00', rule: 'LIST_PRICE', violations: [] },
  { name: 'exclusion: another eligible contract still entitles the line', contracts: [contract('a', { terms: [master('-30'), exclude({ categories: ['fasteners'] })] }), contract('b', { terms: [master('-5')] })], price: '19.00', contract: 'B', violations: [] },

  // --- checkout terms ---
  { name: 'shipping mode: not among the allowed modes', contracts: [contract('a', { terms: [master(), shipMode('UPS-GROUND')] })], request: { shipping: { mode: 'FEDEX' } }, violations: ['SHIPPING_MODE_NOT_ALLOWED'] },
  { name: 'shipping mode: allowed mode passes', contracts: [contract('a', { terms: [master(), shipMode('UPS-GROUND'), shipMode('FEDEX')] })], request: { shipping: { mode: 'FEDEX', shipTo: 'ANY' } }, violations: [] },
  { name: 'ship-to: not among the allowed addresses', contracts: [contract('a', { terms: [master(), shipTo('EAST-DOCK')] })], request: { shipping: { mode: 'X', shipTo: 'WEST-DOCK' } }, violations: ['SHIP_TO_NOT_ALLOWED'] },
  { name: 'payment: method not allowed by the contract', contracts: [contract('a', { terms: [master(), pay('PO-NET30')] })], request: { payment: { method: 'VISA' } }, violations: ['PAYMENT_METHOD_NOT_ALLOWED'] },
  { name: 'payment: contracts of one order must share a method', contracts: [contract('a', { terms: [custom({ price: '10' }), pay('PO-NET30')] }), contract('b', { terms: [custom({ sku: 'SKU-2', price: '10' }), pay('VISA')] })], request: { lines: [line(), line({ sku: 'SKU-2' })], payment: {} }, violations: ['PAYMENT_METHOD_NOT_ALLOWED'], lines: [{ price: '10.00', contract: 'A' }, { price: '10.00', contract: 'B' }] },
  { name: 'payment: a method both contracts allow passes', contracts: [contract('a', { terms: [custom({ price: '10' }), pay('PO-NET30'), pay('VISA')] }), contract('b', { terms: [custom({ sku: 'SKU-2', price: '10' }), pay('VISA')] })], request: { lines: [line(), line({ sku: 'SKU-2' })], payment: { method: 'VISA' } }, violations: [], total: '20.00' },
  { name: 'payment: credit line refused without creditAllowed', contracts: [contract('a', { creditAllowed: false, terms: [master()] })], request: { payment: { method: 'LOC' } }, violations: ['PAYMENT_METHOD_NOT_ALLOWED'] },
  { name: 'approval: an order exactly at the threshold needs approval', contracts: [contract('a', { terms: [master(), approval('100.00')] })], request: { lines: [line({ quantity: 5 })] }, approvalRequired: true, violations: [] },
  { name: 'approval: an order below the threshold does not', contracts: [contract('a', { terms: [master(), approval('100.01')] })], request: { lines: [line({ quantity: 5 })] }, approvalRequired: false },
  { name: 'approval: a base contract threshold applies', contracts: [contract('base', { isBase: true, buyers: [], terms: [approval('50')] }), contract('a', { baseContractId: 'base', terms: [master()] })], approvalRequired: true, request: { lines: [line({ quantity: 3 })] } },
  { name: 'approval: a threshold in another currency asks for approval', contracts: [contract('a', { terms: [master(), approval('1000000', 'EUR')] })], approvalRequired: true, violations: [] },
  { name: 'right to buy: a cap in another currency cannot be drawn on', contracts: [contract('a', { terms: [master(), rtb('1000000', 'EUR')] })], violations: ['RIGHT_TO_BUY_EXCEEDED'],
    check: (r) => expect(r.rightToBuy[0]).toMatchObject({ currency: 'EUR', orderAmount: null }) },
  {
    name: 'right to buy: with a configured rate the order draws on a cap in another currency, converted (reaching it exactly)',
    contracts: [contract('a', { terms: [master(), rtb('18.45', 'EUR')] })], rates: [{ from: 'USD', to: 'EUR', rate: '0.9225' }], violations: [],
    check: (r) => expect(r.rightToBuy).toEqual([expect.objectContaining({ currency: 'EUR', remaining: '18.45', orderAmount: '18.45', exchangeRate: '0.9225' })]),
  },
  {
    name: 'right to buy: a converted order one cent over the cap fails, and says at what rate',
    contracts: [contract('a', { terms: [master(), rtb('18.44', 'EUR')] })], rates: [{ from: 'USD', to: 'EUR', rate: '0.9225' }, { from: 'EUR', to: 'USD', rate: '1.1' }], violations: ['RIGHT_TO_BUY_EXCEEDED'],
    check: (r) => expect(r.violations[0].message).toContain('adds 18.45 EUR (20.00 USD at 0.9225) but only 18.44 remains'),
  },
  { name: 'approval: a threshold in another currency is compared through a configured rate', contracts: [contract('a', { terms: [master(), approval('18.46', 'EUR')] })], rates: [{ from: 'USD', to: 'EUR', rate: '0.9225' }], approvalRequired: false },
  { name: 'approval: a converted order at the threshold needs approval', contracts: [contract('a', { terms: [master(), approval('18.45', 'EUR')] })], rates: [{ from: 'USD', to: 'EUR', rate: '0.9225' }], approvalRequired: true },
  {
    name: 'right to buy: reaching the remaining amount exactly is allowed',
    contracts: [contract('a', { terms: [master(), rtb('1000')] })], request: { lines: [line({ quantity: 10 })] }, ledger: ledgerOf({ a: '800' }), violations: [],
    check: (r) => expect(r.rightToBuy).toEqual([{ contract: { id: 'a', code: 'A', version: '1.0' }, limit: '1000.00', consumed: '800.00', remaining: '200.00', currency: 'USD', orderAmount: '200.00' }]),
  },
  { name: 'right to buy: one cent over the remaining amount fails the order', contracts: [contract('a', { terms: [master(), rtb('1000')] })], request: { lines: [line({ quantity: 10 })] }, ledger: ledgerOf({ a: '800.01' }), violations: ['RIGHT_TO_BUY_EXCEEDED'] },
  { name: 'right to buy: a base contract cap applies to the customer contract ledger', contracts: [contract('base', { isBase: true, buyers: [], terms: [rtb('100')] }), contract('a', { baseContractId: 'base', terms: [master()] })], request: { lines: [line({ quantity: 6 })] }, violations: ['RIGHT_TO_BUY_EXCEEDED'] },
  { name: 'reserved quantity: within what remains', contracts: [contract('a', { terms: [master(), reserve({ sku: 'SKU-1', quantity: 100 })] })], request: { lines: [line({ quantity: 40 })] }, ledger: ledgerOf({}, { 'a/SKU-1': 40 }), violations: [] },
  {
    name: 'reserved quantity: lines of one SKU add up beyond what remains',
    contracts: [contract('a', { terms: [master(), reserve({ sku: 'SKU-1', quantity: 100 })] })], request: { lines: [line({ quantity: 30 }), line({ quantity: 11 })] }, ledger: ledgerOf({}, { 'a/SKU-1': 40 }), violations: ['QUANTITY_EXCEEDS_REMAINING'],
    check: (r) => expect(r.violations[0].lineIndex).toBe(0),
  },
  { name: 'reserved quantity: without a ledger entry the reserved quantity remains', contracts: [contract('a', { terms: [master(), reserve({ sku: 'SKU-1', quantity: 5 })] })], request: { lines: [line({ quantity: 6 })] }, violations: ['QUANTITY_EXCEEDS_REMAINING'] },
];

describe('evaluateCheckout: resolution table', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const snapshot = compilePricingSnapshot({ contracts: c.contracts, priceLists, productSets, currencyRates: c.rates });
    expect(snapshot.warnings).toEqual([]);
    const request: CheckoutRequest = {
      buyer: BUYER, currency: 'USD', at: '2026-03-01T12:00:00Z', lines: [line()], ...c.request,
    };
    const r = evaluateCheckout(snapshot, request, orgs, c.ledger);
    const first = r.lines[0];
    if (c.price !== undefined) expect(first.unitPrice).toBe(c.price);
    if (c.rule !== undefined) expect(first.rule).toBe(c.rule);
    if (c.contract !== undefined) expect(first.contract?.code ?? null).toBe(c.contract);
    if (c.total !== undefined) expect(r.total).toBe(c.total);
    if (c.violations !== undefined) {
      expect(r.violations.map((v) => v.code)).toEqual(c.violations);
      expect(r.allowed).toBe(c.violations.length === 0);
    }
    if (c.approvalRequired !== undefined) expect(r.approvalRequired).toBe(c.approvalRequired);
    if (c.explain) expect(first.explanation.join('\n')).toMatch(c.explain);
    if (c.lines) expect(r.lines.map((l) => ({ price: l.unitPrice, contract: l.contract?.code ?? null }))).toEqual(c.lines);
    c.check?.(r);
  });

  it('has at least 40 named cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
});

describe('evaluateCheckout: response shape and request validation', () => {
  const snapshot = compilePricingSnapshot({ contracts: [contract('a', { terms: [custom({ price: '18.40' }), rtb('250000')] })], priceLists, productSets });

  it('answers exactly the API.md shape', () => {
    const r = evaluateCheckout(snapshot, {
      buyer: BUYER, currency: 'USD', at: '2026-03-01T12:00:00Z',
      lines: [{ sku: 'SKU-1', quantity: 20, listPrice: '21.00', categories: ['fasteners'] }],
      shipping: { mode: 'UPS-GROUND', shipTo: 'EAST-DOCK' }, payment: { method: 'PO-NET30' },
    }, orgs);
    expect(r).toEqual({
      allowed: true, approvalRequired: false, total: '368.00',
      lines: [{
        sku: 'SKU-1', quantity: 20, listPrice: '21.00', unitPrice: '18.40', lineTotal: '368.00',
        contract: { id: 'a', code: 'A', version: '1.0' }, boughtUnder: { id: 'a', code: 'A', version: '1.0' },
        rule: 'PriceTCCustomPriceList', explanation: [expect.stringMatching(/^won: PriceTCCustomPriceList/)],
      }],
      violations: [],
      rightToBuy: [{ contract: { id: 'a', code: 'A', version: '1.0' }, limit: '250000.00', consumed: '0.00', remaining: '250000.00', currency: 'USD', orderAmount: '368.00' }],
      shipping: {
        chargePolicy: null, policySource: null, charge: null, adjustedCharge: null, fulfillmentCenters: null,
        explanation: ['no contract of the order sets a shipping charge policy'],
      },
      obligations: [],
    });
  });

  it('refuses a malformed request naming each field', () => {
    let error: unknown;
    try {
      evaluateCheckout(snapshot, { buyer: '', currency: 'US', at: 'soon', lines: [{ sku: 'A', quantity: 1.5, listPrice: '1e3' }] }, orgs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details.map((d) => d.field)).toEqual(['buyer', 'currency', 'at', 'lines[0].quantity', 'lines[0].listPrice']);
  });

  it('derives ancestors from the DN itself', () => {
    expect(dnAncestors('ou=East, o=Northwind,o=Root')).toEqual(['o=Northwind,o=Root', 'o=Root']);
    expect(dnAncestors('o=Root')).toEqual([]);
  });
});
