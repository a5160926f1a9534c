/**
 * Workspace price-rule CSV: `ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP]`.
 * The header names what the third column holds; an empty third value means "everyone".
 * Errors carry the 1-based line number of the text; valid lines are returned even when others fail.
 */
import type { ErrorDetail } from '../domain-error';
import type { PriceRuleLine } from '../terms/term-parameters';
import { splitCsvLine } from './csv-line';
import { parsePriceRuleValue } from './price-rule-value';

const SCOPE_COLUMNS = {
  CUSTOMERID: 'customerId',
  CUSTOMERGROUPID: 'customerGroupId',
  PRICERULEGROUP: 'priceRuleGroup',
} as const;
type ScopeColumn = keyof typeof SCOPE_COLUMNS;

export interface PriceRulesCsvResult {
  rules: PriceRuleLine[];
  errors: ErrorDetail[];
}

export function parsePriceRulesCsv(text: string): PriceRulesCsvResult {
  const rules: PriceRuleLine[] = [];
  const errors: ErrorDetail[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { rules, errors: [{ line: 1, message: 'the file is empty: expected the header ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP]' }] };

  const header = (splitCsvLine(lines[headerIndex]) ?? []).map((h) => h.toUpperCase());
  const scope = header[2] as ScopeColumn | undefined;
  if (header[0] !== 'ITEMCODE' || header[1] !== 'PRICERULE' || header.length > 3 || (scope !== undefined && !(scope in SCOPE_COLUMNS))) {
    return { rules, errors: [{ line: headerIndex + 1, message: `header must be ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP], got ${JSON.stringify(lines[headerIndex].trim())}` }] };
  }

  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    const fields = splitCsvLine(lines[i]);
    if (!fields) { errors.push({ line, message: 'unterminated quoted field' }); continue; }
    if (fields.length > header.length) { errors.push({ line, message: `expected ${header.length} columns, got ${fields.length}` }); continue; }
    const [itemCode = '', rule = '', scopeValue = ''] = fields;
    if (itemCode === '') { errors.push({ line, message: 'ITEMCODE is empty' }); continue; }
    const parsed = parsePriceRuleValue(rule);
    if ('error' in parsed) { errors.push({ line, message: parsed.error }); continue; }
    const ruleLine: PriceRuleLine = { itemCode, rule };
    if (scope && scopeValue !== '') ruleLine[SCOPE_COLUMNS[scope]] = scopeValue;
    rules.push(ruleLine);
  }
  return { rules, errors };
}
