/**
 * The parameter list of every term type (term-parameters.ts), read through a ParamReader: which
 * keys a term of that type takes, their kinds and bounds, and the checks across its entries.
 */
import { parsePriceRuleValue } from '../pricing/price-rule-value';
import { compact, isObject, type AddProblem, type Obj, type ParamReader } from './param-reader';
import { SHIPPING_CHARGE_POLICIES, type TypedContractTerm } from './term-parameters';

function productSet(r: ParamReader) {
  const set = compact({
    name: r.code('name', false),
    skus: r.codes('skus', false, 'SKUs'),
    categories: r.codes('categories', false, 'categories'),
  });
  if (['name', 'skus', 'categories'].every((k) => r.obj[k] === undefined)) {
    r.add(r.field, 'needs at least one of "name", "skus" or "categories"');
  }
  return set;
}

function offer(r: ParamReader) {
  const minQuantity = r.integer('minQuantity', false, true);
  const maxQuantity = r.integer('maxQuantity', false, true);
  if (minQuantity !== undefined && maxQuantity !== undefined && minQuantity > maxQuantity) {
    r.add(r.at('maxQuantity'), 'must not be below minQuantity');
  }
  return compact({
    sku: r.code('sku', true),
    price: r.decimal('price', true, { value: '0', inclusive: true }),
    currency: r.currency('currency', true),
    minQuantity,
    maxQuantity,
    precedence: r.integer('precedence', false, false),
  });
}

function catalogFilter(r: ParamReader) {
  const action = r.raw('action');
  if (action !== 'include' && action !== 'exclude') r.add(r.at('action'), 'must be "include" or "exclude"');
  const sku = r.code('sku', false);
  const category = r.code('category', false);
  if ((r.obj.sku === undefined) === (r.obj.category === undefined)) r.add(r.field, 'needs exactly one of "sku" or "category"');
  return compact({ action, category, sku, signedPercentage: r.percentage('signedPercentage', false) });
}

const PRICE_RULE_SCOPES = ['customerId', 'customerGroupId', 'priceRuleGroup'] as const;

function priceRuleLine(r: ParamReader) {
  const rule = r.raw('rule');
  let normalisedRule: string | undefined;
  if (rule === undefined) {
    r.add(r.at('rule'), 'is required: a new price ("24"), a percentage change ("-15%") or a fixed change ("-10", "+2")');
  } else {
    const parsed = typeof rule === 'string' ? parsePriceRuleValue(rule) : undefined;
    if (!parsed || 'error' in parsed) r.add(r.at('rule'), parsed?.error ?? 'must be a new price ("24"), a percentage change ("-15%") or a fixed change ("-10", "+2")');
    else normalisedRule = (rule as string).trim();
  }
  const given = PRICE_RULE_SCOPES.filter((k) => r.obj[k] !== undefined);
  if (given.length > 1) r.add(r.field, `names ${given.join(' and ')}: at most one of customerId, customerGroupId or priceRuleGroup (none = everyone)`);
  return compact({
    itemCode: r.code('itemCode', true),
    rule: normalisedRule,
    customerId: r.code('customerId', false),
    customerGroupId: r.code('customerGroupId', false),
    priceRuleGroup: r.code('priceRuleGroup', false),
  });
}

/** Flags list entries whose key repeats an earlier entry's (ambiguous offers or rules). */
function flagRepeats<T>(items: T[] | undefined, field: string, key: (item: T) => string | undefined, what: string, add: AddProblem): void {
  const seen = new Map<string, number>();
  items?.forEach((item, i) => {
    const k = item === undefined ? undefined : key(item);
    if (k === undefined) return;
    if (seen.has(k)) add(`${field}[${i}]`, `has the same ${what} as ${field}[${seen.get(k)}]`);
    else seen.set(k, i);
  });
}

export type ParamsReader = (r: ParamReader) => Obj;

// Keyed by every type of the union, so a term type added to term-parameters.ts cannot go unchecked.
export const PARAMS: Record<TypedContractTerm['type'], ParamsReader> = {
  PriceTCMasterCatalogWithOptionalAdjustment: (r) => ({ signedPercentage: r.percentage('signedPercentage', false) }),
  PriceTCPriceListWithOptionalAdjustment: (r) => ({ priceList: r.code('priceList', true), signedPercentage: r.percentage('signedPercentage', false) }),
  PriceTCPriceListWithSelectiveAdjustment: (r) => ({
    priceList: r.code('priceList', true),
    signedPercentage: r.percentage('signedPercentage', true),
    productSet: r.object('productSet', true, productSet),
  }),
  PriceTCCustomPriceList: (r) => {
    const offers = r.list('offers', 'offers', offer);
    // NUL never reaches a term (the input check refuses it), so it separates the key's parts.
    flagRepeats(offers, r.at('offers'), (o) => (o.sku && o.currency ? `${o.sku}\u0000${o.currency}\u0000${o.minQuantity ?? 1}\u0000${o.precedence ?? 0}` : undefined),
      'SKU, currency, minimum quantity and precedence', r.add);
    return { name: r.code('name', false), offers };
  },
  PriceTCMasterCatalogWithFiltering: (r) => ({
    signedPercentage: r.percentage('signedPercentage', false),
    filters: r.list('filters', 'include/exclude filters', catalogFilter),
  }),
  PriceRule: (r) => {
    const rules = r.list('rules', 'price rules', priceRuleLine);
    flagRepeats(rules, r.at('rules'), (l) => (l.itemCode ? JSON.stringify([l.itemCode, l.customerId, l.customerGroupId, l.priceRuleGroup]) : undefined),
      'item code and scope', r.add);
    return { rules };
  },
  ProductSetTCInclusion: (r) => ({ productSet: r.object('productSet', true, productSet) }),
  ProductSetTCExclusion: (r) => ({ productSet: r.object('productSet', true, productSet) }),
  ShippingTCShippingMode: (r) => ({ mode: r.code('mode', true) }),
  ShippingTCShipToAddress: (r) => ({ nickname: r.code('nickname', true) }),
  ShippingTCShippingCharge: (r) => {
    const policy = r.raw('policy');
    if (!(SHIPPING_CHARGE_POLICIES as readonly unknown[]).includes(policy)) r.add(r.at('policy'), `must be one of ${SHIPPING_CHARGE_POLICIES.join(', ')}`);
    return { policy };
  },
  ShippingTCShippingChargeAdjustment: (r) => {
    const signedPercentage = r.percentage('signedPercentage', false);
    // A fixed adjustment may be a surcharge or a discount: any sign.
    const amount = r.decimal('amount', false);
    const currency = r.currency('currency', false);
    const hasPercentage = r.obj.signedPercentage !== undefined;
    const hasAmount = r.obj.amount !== undefined;
    if (hasPercentage === hasAmount) r.add(r.field, 'needs exactly one of "signedPercentage" or "amount"');
    if (hasAmount && r.obj.currency === undefined) r.add(r.at('currency'), 'is required with "amount"');
    if (hasPercentage && !hasAmount && r.obj.currency !== undefined) r.add(r.at('currency'), 'is only allowed with "amount"');
    return { signedPercentage, amount, currency, productSet: r.object('productSet', false, productSet) };
  },
  FulfillmentTC: (r) => ({ fulfillmentCenters: r.codes('fulfillmentCenters', true, 'fulfilment centre codes') }),
  PaymentTCPaymentMethod: (r) => ({ method: r.code('method', true), billingAddress: r.code('billingAddress', false) }),
  ReturnTCReturnCharge: (r) => ({ policy: r.code('policy', true) }),
  ReturnTCReturnApproval: (r) => ({ policy: r.code('policy', true) }),
  ReturnTCRefundPaymentMethod: (r) => ({ method: r.code('method', true) }),
  RightToBuyTCByAmount: (r) => ({
    maximumAmount: r.decimal('maximumAmount', true, { value: '0', inclusive: false }),
    currency: r.currency('currency', true),
  }),
  ObligationToBuyTCByAmount: (r) => ({
    minimumAmount: r.decimal('minimumAmount', true, { value: '0', inclusive: false }),
    currency: r.currency('currency', true),
    days: r.integer('days', true, true),
  }),
  OrderApprovalTC: (r) => ({
    thresholdAmount: r.decimal('thresholdAmount', true, { value: '0', inclusive: true }),
    currency: r.currency('currency', false),
  }),
  QuantityCommitmentTC: (r) => {
    const lines = r.list('lines', 'lines ({ sku, quantity })', (l) => compact({ sku: l.code('sku', true), quantity: l.integer('quantity', true, true) }));
    lines?.forEach((line, i) => {
      const first = line?.sku === undefined ? -1 : lines.findIndex((other) => other?.sku === line.sku);
      if (first >= 0 && first < i) r.add(`${r.at('lines')}[${i}].sku`, `repeats the SKU of lines[${first}]: one line per SKU`);
    });
    return { lines, autoArchive: r.boolean('autoArchive') };
  },
  TermCondition: (r) => {
    const properties = r.raw('properties');
    if (!isObject(properties)) {
      r.add(r.at('properties'), 'is required: an object of name → string value');
    } else {
      for (const [name, value] of Object.entries(properties)) {
        if (typeof value !== 'string') r.add(`${r.at('properties')}.${name}`, 'must be a string');
      }
    }
    return { conditionType: r.code('conditionType', true), properties: isObject(properties) ? { ...properties } : undefined };
  },
};
