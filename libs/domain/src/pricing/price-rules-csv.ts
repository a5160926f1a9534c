/**
 * Workspace price-rule CSV: `ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP]`.
 * The header names what the third column holds; an empty third value means "everyone".
 * Errors carry the 1-based line number of the text; valid lines are returned even when others fail.
 */
import type { ErrorDetail } from '../domain-error';
import type { PriceRuleLine } from '../terms/term-parameters';
import { readCsv } from './csv-line';
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
  const { header, rows } = readCsv(text);
  if (!header) return { rules, errors: [{ line: 1, message: 'the file is empty: expected the header ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP]' }] };

  const scope = header.names[2] as ScopeColumn | undefined;
  if (header.names[0] !== 'ITEMCODE' || header.names[1] !== 'PRICERULE' || header.names.length > 3 || (scope !== undefined && !(scope in SCOPE_COLUMNS))) {
    return { rules, errors: [{ line: header.line, message: `header must be ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP], got ${JSON.stringify(header.text)}` }] };
  }

  for (const { line, fields } of rows) {
    if (!fields) { errors.push({ line, message: 'unterminated quoted field' }); continue; }
    if (fields.length > header.names.length) { errors.push({ line, message: `expected ${header.names.length} columns, got ${fields.length}` }); continue; }
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
