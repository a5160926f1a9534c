import { DomainError } from '../domain-error';
import { parsePriceListCsv } from './price-list-csv';
import { parseMemberGroup, parsePriceList, parseProductSet, referenceName } from './reference-data';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.details.map((d) => d.field ?? `line ${d.line}`);
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('reference data request bodies', () => {
  it('reads a member group, trimming and deduplicating its DNs', () => {
    expect(parseMemberGroup({ description: 'Gold', organizations: [' o=N,o=Root ', 'o=N,o=Root', 'ou=E,o=C,o=Root'] }))
      .toEqual({ description: 'Gold', organizations: ['o=N,o=Root', 'ou=E,o=C,o=Root'] });
    expect(parseMemberGroup({ organizations: [] })).toEqual({ description: null, organizations: [] });
  });

  it.each([
    ['no organizations', {}, ['organizations']],
    ['a value that is not a DN', { organizations: ['o=N,o=Root', 'Northwind'] }, ['organizations[1]']],
    ['an unknown field', { organizations: [], members: [] }, ['members']],
    ['a description that is not text', { organizations: [], description: 3 }, ['description']],
  ])('refuses a member group with %s', (_, body, fields) => {
    expect(fieldsOf(() => parseMemberGroup(body))).toEqual(fields);
  });

  it('reads a product set and refuses an empty one or a blank SKU', () => {
    expect(parseProductSet({ skus: ['A', 'A', 'B'], categories: ['tools'] })).toEqual({ description: null, skus: ['A', 'B'], categories: ['tools'] });
    expect(fieldsOf(() => parseProductSet({ skus: [], categories: [] }))).toEqual(['skus']);
    expect(fieldsOf(() => parseProductSet({ skus: ['A', ' '] }))).toEqual(['skus[1]']);
    expect(fieldsOf(() => parseProductSet([]))).toEqual(['body']);
  });

  it('reads a price list, upper-casing the currency, and names every bad price', () => {
    expect(parsePriceList({ prices: [{ sku: 'A', currency: 'usd', price: '18.40' }, { sku: 'A', currency: 'EUR', price: '017.5' }] }).prices)
      .toEqual([{ sku: 'A', currency: 'USD', price: '18.40' }, { sku: 'A', currency: 'EUR', price: '017.5' }]);
    expect(fieldsOf(() => parsePriceList({
      prices: [{ sku: 'A', currency: 'USD', price: '-1' }, { sku: 'B', currency: 'DOLLAR', price: '1' }, { sku: 'C', currency: 'USD', price: 2 }, { sku: 'A', currency: 'USD', price: '3' }],
    }))).toEqual(['prices[0].price', 'prices[1].currency', 'prices[2].price']);
    expect(fieldsOf(() => parsePriceList({ prices: [{ sku: 'A', currency: 'USD', price: '1' }, { sku: 'A', currency: 'usd', price: '2' }] }))).toEqual(['prices[1]']);
    expect(fieldsOf(() => parsePriceList({}))).toEqual(['prices']);
  });

  it('refuses a blank or overlong name as a bad request naming the field', () => {
    expect(referenceName(' Gold ', 'member group')).toBe('Gold');
    expect(fieldsOf(() => referenceName('  ', 'price list'))).toEqual(['name']);
    expect(fieldsOf(() => referenceName('x'.repeat(255), 'price list'))).toEqual(['name']);
  });
});

describe('parsePriceListCsv', () => {
  it('reads the columns in any order and case, skipping blank lines and a BOM', () => {
    const { prices, errors } = parsePriceListCsv('\uFEFFprice,SKU,currency\r\n18.40,"BOLT, M8",usd\n\n5,NUT,EUR\n');
    expect(errors).toEqual([]);
    expect(prices).toEqual([{ sku: 'BOLT, M8', currency: 'USD', price: '18.40' }, { sku: 'NUT', currency: 'EUR', price: '5' }]);
  });

  it('gives the line number of every bad line', () => {
    const { errors } = parsePriceListCsv('SKU,CURRENCY,PRICE\nA,USD,1\nB,USD\nC,USD,abc\nA,USD,2\n"D,USD,1\n');
    expect(errors.map((e) => [e.line, e.field])).toEqual([[3, undefined], [4, 'PRICE'], [5, undefined], [6, undefined]]);
    expect(errors[2].message).toContain('line 2');
  });

  it('refuses a wrong header or an empty file', () => {
    expect(parsePriceListCsv('ITEMCODE,PRICE\nA,1').errors).toEqual([{ line: 1, message: expect.stringContaining('SKU,CURRENCY,PRICE') }]);
    expect(parsePriceListCsv(' \n').errors[0].message).toContain('empty');
  });
});
