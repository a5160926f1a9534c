import { isDistinguishedName } from './distinguished-name';
import { compareDecimals } from '../money/decimal';
import { parsePriceRuleValue } from '../pricing/price-rule-value';
import { PRICE_TERM_TYPES, SHIPPING_CHARGE_POLICIES, type Decimal, type TypedContractTerm } from './term-parameters';

/**
 * Checks one term's parameters against term-parameters.ts. Every problem goes to `add` with its
 * precise field (`terms[2].offers[5].price`); the normalised term comes back only when there was none.
 */

export type AddProblem = (field: string, message: string) => void;

/** Term element names of the WCS vocabulary (CONTRACT-MODEL.md), in the order of term-parameters.ts. */
export const TERM_TYPES = [
  ...PRICE_TERM_TYPES,
  'ProductSetTCInclusion',
  'ProductSetTCExclusion',
  'ShippingTCShippingMode',
  'ShippingTCShipToAddress',
  'ShippingTCShippingCharge',
  'ShippingTCShippingChargeAdjustment',
  'FulfillmentTC',
  'PaymentTCPaymentMethod',
  'ReturnTCReturnCharge',
  'ReturnTCReturnApproval',
  'ReturnTCRefundPaymentMethod',
  'RightToBuyTCByAmount',
  'ObligationToBuyTCByAmount',
  'OrderApprovalTC',
  'QuantityCommitmentTC',
  'TermCondition',
] as const satisfies readonly TypedContractTerm['type'][];
export type TermType = (typeof TERM_TYPES)[number];

export function isTermType(value: unknown): value is TermType {
  return typeof value === 'string' && (TERM_TYPES as readonly string[]).includes(value);
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const LOCALE = /^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$/;
const MAX_CODE = 256;
const MAX_TEXT = 4000;
const DECIMAL_MESSAGE = 'must be a decimal string such as "-5" or "18.40"';

/** The wire format of money and percentages in contracts: no sign but "-", at most 12 + 6 digits. */
export function isContractDecimal(value: unknown): value is Decimal {
  return typeof value === 'string' && DECIMAL.test(value);
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops undefined values so normalised terms compare and serialise cleanly. */
function compact<T extends Obj>(o: T): T {
  // A loop, not entries/filter/fromEntries: this runs for every price offer of an import.
  const out: Obj = {};
  for (const key of Object.keys(o)) if (o[key] !== undefined) out[key] = o[key];
  return out as T;
}

/**
 * Reads the parameters of one object, remembering which keys were read so that whatever is
 * left can be reported as unknown (clients must learn of their typos, not lose data silently).
 */
class ParamReader {
  private readonly read = new Set<string>();

  constructor(
    readonly obj: Obj,
    readonly field: string,
    readonly add: AddProblem,
  ) {}

  at(key: string): string {
    return `${this.field}.${key}`;
  }

  /** Marks the key as known and returns its raw value. */
  raw(key: string): unknown {
    this.read.add(key);
    return this.obj[key];
  }

  private missing(key: string, required: boolean, message: string): boolean {
    const v = this.raw(key);
    if (v !== undefined) return false;
    if (required) this.add(this.at(key), message);
    return true;
  }

  /** A non-blank code (SKU, category, mode, method…), trimmed. */
  code(key: string, required: boolean): string | undefined {
    if (this.missing(key, required, 'is required')) return undefined;
    return checkCode(this.obj[key], this.at(key), this.add);
  }

  text(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length > MAX_TEXT) {
      this.add(this.at(key), `must be a string of at most ${MAX_TEXT} characters`);
      return undefined;
    }
    return v;
  }

  currency(key: string, required: boolean): string | undefined {
    if (this.missing(key, required, 'is required (an ISO 4217 code such as "USD")')) return undefined;
    const v = this.obj[key];
    const code = typeof v === 'string' ? v.trim() : undefined;
    if (code === undefined || !CURRENCY.test(code)) {
      this.add(this.at(key), 'must be an ISO 4217 code such as "USD"');
      return undefined;
    }
    return code;
  }

  /** A decimal string, optionally bounded below (`min`, inclusive or not). */
  decimal(key: string, required: boolean, min?: { value: Decimal; inclusive: boolean }): Decimal | undefined {
    if (this.missing(key, required, 'is required (a decimal string such as "-5" or "18.40")')) return undefined;
    const v = this.obj[key];
    if (!isContractDecimal(v)) {
      this.add(this.at(key), DECIMAL_MESSAGE);
      return undefined;
    }
    if (min) {
      const c = compareDecimals(v, min.value);
      if (c < 0 || (c === 0 && !min.inclusive)) {
        this.add(this.at(key), min.inclusive ? `must not be below ${min.value}` : `must be greater than ${min.value}`);
        return undefined;
      }
    }
    return v;
  }

  /** A signed percentage: may be negative (a discount) but a discount beyond 100% makes no sense. */
  percentage(key: string, required: boolean): Decimal | undefined {
    return this.decimal(key, required, { value: '-100', inclusive: true });
  }

  integer(key: string, required: boolean, positive: boolean): number | undefined {
    if (this.missing(key, required, positive ? 'is required (a positive integer)' : 'is required (an integer)')) return undefined;
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || (positive && v < 1)) {
      this.add(this.at(key), positive ? 'must be a positive integer' : 'must be an integer');
      return undefined;
    }
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.add(this.at(key), 'must be true or false');
      return undefined;
    }
    return v;
  }

  /** A list of distinct codes; absent is fine unless required, empty never is. */
  codes(key: string, required: boolean, what: string): string[] | undefined {
    if (this.missing(key, required, `is required (a list of ${what})`)) return undefined;
    return checkCodeList(this.obj[key], this.at(key), what, this.add);
  }

  /** A nested object, read with its own reader (so its unknown keys are reported too). */
  object<T>(key: string, required: boolean, read: (r: ParamReader) => T): T | undefined {
    if (this.missing(key, required, 'is required')) return undefined;
    const v = this.obj[key];
    if (!isObject(v)) {
      this.add(this.at(key), 'must be an object');
      return undefined;
    }
    const r = new ParamReader(v, this.at(key), this.add);
    const result = read(r);
    r.reportUnknown();
    return result;
  }

  /** A non-empty list of objects, each read with its own reader. */
  list<T>(key: string, what: string, read: (r: ParamReader, index: number) => T): T[] | undefined {
    if (this.missing(key, true, `is required (a list of ${what})`)) return undefined;
    const v = this.obj[key];
    if (!Array.isArray(v) || v.length === 0) {
      this.add(this.at(key), `must be a non-empty list of ${what}`);
      return undefined;
    }
    return v.map((item: unknown, i) => {
      const f = `${this.at(key)}[${i}]`;
      if (!isObject(item)) {
        this.add(f, 'must be an object');
        return undefined as T;
      }
      const r = new ParamReader(item, f, this.add);
      const result = read(r, i);
      r.reportUnknown();
      return result;
    });
  }

  reportUnknown(): void {
    for (const key of Object.keys(this.obj)) {
      if (!this.read.has(key) && this.obj[key] !== undefined) this.add(this.at(key), 'is not a known parameter here (check its spelling)');
    }
  }
}

function checkCode(v: unknown, field: string, add: AddProblem): string | undefined {
  const code = typeof v === 'string' ? v.trim() : '';
  if (!code || code.length > MAX_CODE) {
    add(field, `must be a non-blank string of at most ${MAX_CODE} characters`);
    return undefined;
  }
  return code;
}

function checkCodeList(v: unknown, field: string, what: string, add: AddProblem): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    add(field, `must be a non-empty list of ${what}`);
    return undefined;
  }
  const seen = new Map<string, number>();
  const codes = v.map((item: unknown, i) => {
    const code = checkCode(item, `${field}[${i}]`, add);
    if (code === undefined) return undefined;
    if (seen.has(code)) add(`${field}[${i}]`, `repeats ${field}[${seen.get(code)}]`);
    else seen.set(code, i);
    return code;
  });
  return codes.every((c) => c !== undefined) ? (codes as string[]) : undefined;
}

/** Per-locale texts (`{ "en_US": "…" }`): the term descriptions and the contract descriptions. */
export function checkLocalizedTexts(v: unknown, field: string, add: AddProblem): Record<string, string> | undefined {
  if (!isObject(v)) {
    add(field, 'must be an object of locale → text, e.g. { "en_US": "Spring promotion" }');
    return undefined;
  }
  let ok = true;
  for (const [locale, text] of Object.entries(v)) {
    if (!LOCALE.test(locale)) {
      add(`${field}.${locale}`, 'is not a locale such as "en_US" or "de"');
      ok = false;
    } else if (typeof text !== 'string' || text.length > MAX_TEXT) {
      add(`${field}.${locale}`, `must be a string of at most ${MAX_TEXT} characters`);
      ok = false;
    }
  }
  return ok ? { ...(v as Record<string, string>) } : undefined;
}

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
    else if (parsed.kind === 'percentage' && parsed.units < -100_000_000n) r.add(r.at('rule'), 'must not lower the price by more than 100%');
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

type ParamsReader = (r: ParamReader) => Obj;

// Keyed by every type of the union, so a term type added to term-parameters.ts cannot go unchecked.
const PARAMS: Record<TypedContractTerm['type'], ParamsReader> = {
  PriceTCMasterCatalogWithOptionalAdjustment: (r) => ({ signedPercentage: r.percentage('signedPercentage', false) }),
  PriceTCPriceListWithOptionalAdjustment: (r) => ({ priceList: r.code('priceList', true), signedPercentage: r.percentage('signedPercentage', false) }),
  PriceTCPriceListWithSelectiveAdjustment: (r) => ({
    priceList: r.code('priceList', true),
    signedPercentage: r.percentage('signedPercentage', true),
    productSet: r.object('productSet', true, productSet),
  }),
  PriceTCCustomPriceList: (r) => {
    const offers = r.list('offers', 'offers', offer);
    flagRepeats(offers, r.at('offers'), (o) => (o.sku && o.currency ? JSON.stringify([o.sku, o.currency, o.minQuantity ?? 1, o.precedence ?? 0]) : undefined),
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

/**
 * Validates one term (`field` is its path, e.g. `terms[2]`). Reports every problem through `add`
 * and returns the normalised term (codes trimmed, no undefined keys), or undefined if it had any.
 */
export function validateTerm(input: unknown, field: string, add: AddProblem): TypedContractTerm | undefined {
  if (!isObject(input)) {
    add(field, 'must be an object with "type" and "sequenceNumber"');
    return undefined;
  }
  let problems = 0;
  const count: AddProblem = (f, m) => {
    problems++;
    add(f, m);
  };
  const r = new ParamReader(input, field, count);
  const type = r.raw('type');
  const sequenceNumber = r.raw('sequenceNumber');
  if (!isTermType(type)) count(r.at('type'), `is not a known term type${typeof type === 'string' ? ` ("${type}")` : ''}`);
  if (!Number.isSafeInteger(sequenceNumber) || (sequenceNumber as number) < 0) count(r.at('sequenceNumber'), 'must be a non-negative integer');

  let descriptions: Record<string, string> | undefined;
  if (r.raw('descriptions') !== undefined) descriptions = checkLocalizedTexts(input.descriptions, r.at('descriptions'), count);
  let buyers: string[] | undefined;
  if (r.raw('buyers') !== undefined) buyers = checkBuyerList(input.buyers, r.at('buyers'), count);

  // Without a known type there is no parameter list to check the rest against.
  if (!isTermType(type)) return undefined;
  const params = PARAMS[type](r);
  r.reportUnknown();
  if (problems) return undefined;
  return compact({ type, sequenceNumber, descriptions, buyers, ...params }) as unknown as TypedContractTerm;
}

function checkBuyerList(v: unknown, field: string, add: AddProblem): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    add(field, 'must be a non-empty list of buyer distinguished names (leave it out for all buyers)');
    return undefined;
  }
  const seen = new Map<string, number>();
  let ok = true;
  v.forEach((dn: unknown, i) => {
    if (!isDistinguishedName(dn)) {
      add(`${field}[${i}]`, 'must be an organisation distinguished name');
      ok = false;
    } else if (seen.has(dn.toLowerCase())) {
      add(`${field}[${i}]`, `repeats ${field}[${seen.get(dn.toLowerCase())}]`);
      ok = false;
    } else {
      seen.set(dn.toLowerCase(), i);
    }
  });
  return ok ? [...(v as string[])] : undefined;
}
