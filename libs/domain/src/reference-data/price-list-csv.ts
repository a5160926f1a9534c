/**
 * A price list as CSV, for lists too large for one JSON request: a header naming the columns
 * `SKU,CURRENCY,PRICE` (any order, any case), then one price per line. Errors carry the 1-based
 * line number; the result holds the valid lines even when others fail (the caller writes nothing then).
 */
import type { ErrorDetail } from '../domain-error';
import { readCsv } from '../pricing/csv-line';
import { checkPriceListPrice, PRICE_LIST_MAX_PRICES, type PriceListPrice } from './reference-data';

const COLUMNS = ['SKU', 'CURRENCY', 'PRICE'] as const;
/** Errors reported at most (a wrong file would otherwise answer with one error per line). */
const MAX_ERRORS = 100;

export interface PriceListCsvResult {
  prices: PriceListPrice[];
  errors: ErrorDetail[];
}

export function parsePriceListCsv(text: string): PriceListCsvResult {
  const prices: PriceListPrice[] = [];
  const errors: ErrorDetail[] = [];
  const { header, rows } = readCsv(text);
  if (!header) return { prices, errors: [{ line: 1, message: 'the file is empty: expected the header SKU,CURRENCY,PRICE' }] };
  const at = COLUMNS.map((c) => header.names.indexOf(c));
  if (at.some((i) => i < 0) || header.names.length !== COLUMNS.length) {
    return { prices, errors: [{ line: header.line, message: `header must name the columns SKU,CURRENCY,PRICE, got ${JSON.stringify(header.text)}` }] };
  }
  const [skuAt, currencyAt, priceAt] = at as [number, number, number];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (errors.length >= MAX_ERRORS) break;
    if (!fields) { errors.push({ line, message: 'unterminated quoted field' }); continue; }
    if (fields.length !== COLUMNS.length) { errors.push({ line, message: `expected ${COLUMNS.length} columns, got ${fields.length}` }); continue; }
    const { value, problems } = checkPriceListPrice(fields[skuAt], fields[currencyAt], fields[priceAt]);
    for (const p of problems) errors.push({ line, field: p.field.toUpperCase(), message: p.message });
    if (!value) continue;
    const key = `${value.currency}\u0000${value.sku}`;
    const first = seen.get(key);
    if (first !== undefined) { errors.push({ line, message: `${value.sku} in ${value.currency} has a price already (line ${first})` }); continue; }
    seen.set(key, line);
    prices.push(value);
    if (prices.length > PRICE_LIST_MAX_PRICES) { errors.push({ line, message: `at most ${PRICE_LIST_MAX_PRICES} prices per list` }); break; }
  }
  return { prices, errors };
}
