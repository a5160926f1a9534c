/**
 * Reference data that contract terms name but do not hold (CONTRACT-MODEL.md): member groups of
 * organisations (a Buyer participant or a price-rule scope may be a group), named price lists
 * (`PriceTCPriceList…` terms) and named product sets (`ProductSetTC…` terms and selective
 * adjustments). Each is replaced as a whole by its name; these parsers check a request body field
 * by field and report every problem at once.
 */
import { DomainError, type ErrorDetail } from '../domain-error';
import { currencyProblem } from '../input';
import { isDecimal, parseDecimal } from '../money/decimal';
import type { Decimal } from '../terms/term-parameters';
import { isDistinguishedName } from '../terms/distinguished-name';

export const REFERENCE_NAME_MAX = 254;
const DESCRIPTION_MAX = 2000;
/** Entries per group, set or list in one request (a larger price list goes in as CSV: see price-list-csv.ts). */
export const MEMBER_GROUP_MAX_ORGANIZATIONS = 100_000;
export const PRODUCT_SET_MAX_ITEMS = 100_000;
export const PRICE_LIST_MAX_PRICES = 1_000_000;

export interface MemberGroupDefinition {
  description: string | null;
  /** Organisation DNs; an organisation's divisions belong to the group too. */
  organizations: string[];
}

export interface ProductSetContent {
  description: string | null;
  skus: string[];
  categories: string[];
}

export interface PriceListPrice {
  sku: string;
  currency: string;
  price: Decimal;
}

export interface PriceListContent {
  description: string | null;
  prices: PriceListPrice[];
}

/** A list, set or group name from the URL: trimmed, not empty, not too long. */
export function referenceName(raw: unknown, what: string): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name === '' || name.length > REFERENCE_NAME_MAX) {
    throw new DomainError('bad_request', 'BAD_REQUEST', `The ${what} name must be 1–${REFERENCE_NAME_MAX} characters`, [{ field: 'name', message: `must be 1–${REFERENCE_NAME_MAX} characters` }]);
  }
  return name;
}

function objectBody(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DomainError('bad_request', 'BAD_REQUEST', `The ${what} must be a JSON object`, [{ field: 'body', message: 'must be a JSON object' }]);
  }
  return raw as Record<string, unknown>;
}

function description(body: Record<string, unknown>, problems: ErrorDetail[]): string | null {
  const v = body.description;
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > DESCRIPTION_MAX) {
    problems.push({ field: 'description', message: `must be a string of at most ${DESCRIPTION_MAX} characters` });
    return null;
  }
  return v.trim() === '' ? null : v;
}

function unknownFields(body: Record<string, unknown>, known: readonly string[], problems: ErrorDetail[]): void {
  for (const key of Object.keys(body)) if (!known.includes(key)) problems.push({ field: key, message: `unknown field; expected ${known.join(', ')}` });
}

/** A list of non-empty strings, deduplicated in order; `check` adds a per-item rule. */
function codes(body: Record<string, unknown>, field: string, max: number, problems: ErrorDetail[], check?: (v: string) => string | null): string[] {
  const v = body[field];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push({ field, message: 'must be an array of strings' });
    return [];
  }
  if (v.length > max) {
    problems.push({ field, message: `at most ${max} entries per request` });
    return [];
  }
  const seen = new Set<string>();
  v.forEach((item, i) => {
    const text = typeof item === 'string' ? item.trim() : '';
    const wrong = text === '' ? 'must be a non-empty string' : check?.(text) ?? null;
    if (wrong) problems.push({ field: `${field}[${i}]`, message: wrong });
    else seen.add(text);
  });
  return [...seen];
}

export function parseMemberGroup(raw: unknown): MemberGroupDefinition {
  const body = objectBody(raw, 'member group');
  const problems: ErrorDetail[] = [];
  unknownFields(body, ['description', 'organizations'], problems);
  if (!Array.isArray(body.organizations)) problems.push({ field: 'organizations', message: 'is required: an array of organisation DNs (it may be empty)' });
  const organizations = codes(body, 'organizations', MEMBER_GROUP_MAX_ORGANIZATIONS, problems,
    (dn) => (isDistinguishedName(dn) ? null : `${JSON.stringify(dn)} is not an organisation DN such as "o=Northwind,o=Root Organization"`));
  const result = { description: description(body, problems), organizations };
  if (problems.length) throw DomainError.validation(problems, 'The member group is not valid');
  return result;
}

export function parseProductSet(raw: unknown): ProductSetContent {
  const body = objectBody(raw, 'product set');
  const problems: ErrorDetail[] = [];
  unknownFields(body, ['description', 'skus', 'categories'], problems);
  const skus = codes(body, 'skus', PRODUCT_SET_MAX_ITEMS, problems);
  const categories = codes(body, 'categories', PRODUCT_SET_MAX_ITEMS, problems);
  const result = { description: description(body, problems), skus, categories };
  if (!problems.length && skus.length + categories.length === 0) problems.push({ field: 'skus', message: 'a product set needs at least one SKU or category' });
  if (problems.length) throw DomainError.validation(problems, 'The product set is not valid');
  return result;
}

/** One price checked (currency upper-cased; the price kept as written, like contract offers); problems name the column. */
export function checkPriceListPrice(sku: unknown, currency: unknown, price: unknown): { value?: PriceListPrice; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const s = typeof sku === 'string' ? sku.trim() : '';
  if (s === '') problems.push({ field: 'sku', message: 'must be a non-empty string' });
  const c = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
  const wrongCurrency = currencyProblem(c);
  if (wrongCurrency) problems.push({ field: 'currency', message: /^[A-Z]{3}$/.test(c) ? wrongCurrency : `must be an ISO 4217 code such as "USD", got ${JSON.stringify(currency)}` });
  const p = typeof price === 'string' ? price.trim() : price;
  if (!isDecimal(p)) problems.push({ field: 'price', message: `must be a decimal string such as "18.40", got ${JSON.stringify(price)}` });
  else if (parseDecimal(p) < 0n) problems.push({ field: 'price', message: `must not be negative, got ${p}` });
  return problems.length ? { problems } : { value: { sku: s, currency: c, price: p as Decimal }, problems };
}

export function parsePriceList(raw: unknown): PriceListContent {
  const body = objectBody(raw, 'price list');
  const problems: ErrorDetail[] = [];
  unknownFields(body, ['description', 'prices'], problems);
  const prices: PriceListPrice[] = [];
  if (!Array.isArray(body.prices)) {
    problems.push({ field: 'prices', message: 'is required: an array of { sku, currency, price }' });
  } else if (body.prices.length > PRICE_LIST_MAX_PRICES) {
    problems.push({ field: 'prices', message: `at most ${PRICE_LIST_MAX_PRICES} prices` });
  } else {
    const seen = new Map<string, number>();
    body.prices.forEach((item, i) => {
      const entry = typeof item === 'object' && item !== null && !Array.isArray(item) ? item as Record<string, unknown> : {};
      const { value, problems: wrong } = checkPriceListPrice(entry.sku, entry.currency, entry.price);
      for (const w of wrong) problems.push({ field: `prices[${i}].${w.field}`, message: w.message });
      if (!value) return;
      const key = `${value.currency}\u0000${value.sku}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ field: `prices[${i}]`, message: `${value.sku} in ${value.currency} has a price already (prices[${first}])` });
      else { seen.set(key, i); prices.push(value); }
    });
  }
  const result = { description: description(body, problems), prices };
  if (problems.length) throw DomainError.validation(problems.slice(0, 100), `The price list is not valid (${problems.length} problem(s))`);
  return result;
}

export interface CurrencyRate {
  from: string;
  to: string;
  /** Units of `to` for one unit of `from`. */
  rate: Decimal;
}

/** The whole rate table: `{ rates: [{ from, to, rate }] }`, each pair once, rates above 0. */
export function parseCurrencyRates(raw: unknown): CurrencyRate[] {
  const body = objectBody(raw, 'rate table');
  const problems: ErrorDetail[] = [];
  unknownFields(body, ['rates'], problems);
  const rates: CurrencyRate[] = [];
  if (!Array.isArray(body.rates)) problems.push({ field: 'rates', message: 'is required: an array of { from, to, rate } (it may be empty)' });
  else {
    const seen = new Set<string>();
    body.rates.forEach((item, i) => {
      const entry = typeof item === 'object' && item !== null && !Array.isArray(item) ? item as Record<string, unknown> : {};
      const code = (field: 'from' | 'to') => {
        const v = typeof entry[field] === 'string' ? (entry[field] as string).trim().toUpperCase() : '';
        const wrong = currencyProblem(v);
        if (wrong) problems.push({ field: `rates[${i}].${field}`, message: /^[A-Z]{3}$/.test(v) ? wrong : `must be an ISO 4217 code such as "EUR", got ${JSON.stringify(entry[field])}` });
        return v;
      };
      const [from, to] = [code('from'), code('to')];
      const rate = typeof entry.rate === 'string' ? entry.rate.trim() : entry.rate;
      const rateOk = isDecimal(rate) && parseDecimal(rate) > 0n;
      if (!rateOk) problems.push({ field: `rates[${i}].rate`, message: `must be a decimal string above 0 with at most 6 decimals, got ${JSON.stringify(entry.rate)}` });
      if (from && from === to) problems.push({ field: `rates[${i}].to`, message: 'must differ from "from"' });
      else if (seen.has(`${from}>${to}`)) problems.push({ field: `rates[${i}]`, message: `${from} to ${to} is given twice` });
      seen.add(`${from}>${to}`);
      if (rateOk) rates.push({ from, to, rate: rate as Decimal });
    });
  }
  if (problems.length) throw DomainError.validation(problems, 'The rate table is not valid');
  return rates;
}
