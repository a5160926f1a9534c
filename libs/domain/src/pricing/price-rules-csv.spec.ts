import { parsePriceRulesCsv } from './price-rules-csv';
import { applyPriceRule, parsePriceRuleValue } from './price-rule-value';

describe('parsePriceRulesCsv', () => {
  it('reads the three rule kinds scoped by the header-named column', () => {
    const csv = 'ITEMCODE,PRICERULE,CUSTOMERGROUPID\r\nFST-1,24,GOLD\nFST-2,-15%,GOLD\n\nFST-3,-10,\n';
    expect(parsePriceRulesCsv(csv)).toEqual({
      rules: [
        { itemCode: 'FST-1', rule: '24', customerGroupId: 'GOLD' },
        { itemCode: 'FST-2', rule: '-15%', customerGroupId: 'GOLD' },
        { itemCode: 'FST-3', rule: '-10' },
      ],
      errors: [],
    });
  });

  it.each([
    ['CUSTOMERID', 'customerId'],
    ['pricerulegroup', 'priceRuleGroup'],
  ])('maps a %s column to %s', (column, field) => {
    const { rules } = parsePriceRulesCsv(`ITEMCODE,PRICERULE,${column}\nA,+2,X`);
    expect(rules).toEqual([{ itemCode: 'A', rule: '+2', [field]: 'X' }]);
  });

  it('accepts a two-column header (rules for everyone) and quoted fields', () => {
    expect(parsePriceRulesCsv('\uFEFFItemCode,PriceRule\n"A,1",24.5').rules).toEqual([{ itemCode: 'A,1', rule: '24.5' }]);
  });

  it('reports bad lines with their line numbers and keeps the good ones', () => {
    const csv = 'ITEMCODE,PRICERULE,CUSTOMERID\nA,24,C1\nB,abc,C1\n,24,C1\nC,15%,C1\nD,1,C1,extra\nE,"1';
    const result = parsePriceRulesCsv(csv);
    expect(result.rules).toEqual([{ itemCode: 'A', rule: '24', customerId: 'C1' }]);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(result.errors[2].message).toContain('needs a sign');
  });

  it('refuses an unknown header', () => {
    expect(parsePriceRulesCsv('SKU,PRICE\nA,1').errors).toEqual([{ line: 1, message: expect.stringContaining('header must be') }]);
    expect(parsePriceRulesCsv('ITEMCODE,PRICERULE,REGION\nA,1').errors[0].line).toBe(1);
    expect(parsePriceRulesCsv('  \n').errors[0].message).toContain('empty');
  });
});

describe('price rule values', () => {
  it.each([
    ['24', '21000000', 24_000_000n],
    ['-15%', '20000000', 17_000_000n],
    ['+5%', '20000000', 21_000_000n],
    ['-10', '21000000', 11_000_000n],
    ['+2', '21000000', 23_000_000n],
  ])('%s applied to list %s units', (rule, list, expected) => {
    const parsed = parsePriceRuleValue(rule);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(applyPriceRule(parsed, BigInt(list))).toBe(expected);
  });
});
