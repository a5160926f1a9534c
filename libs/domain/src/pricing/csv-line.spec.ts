import { readCsv } from './csv-line';
import { parsePriceListCsv } from '../reference-data/price-list-csv';

describe('readCsv', () => {
  it('drops a byte-order mark, skips blank lines and numbers lines as written', () => {
    const { header, rows } = readCsv('\uFEFF\n sku , Price \n\nA,"1,5"\n  \nB,"open\r\n');
    expect(header).toEqual({ line: 2, names: ['SKU', 'PRICE'], text: 'sku , Price' });
    expect([...rows]).toEqual([{ line: 4, fields: ['A', '1,5'] }, { line: 6, fields: null }]);
  });

  it('has no header for a blank text', () => {
    const { header, rows } = readCsv(' \n\n');
    expect(header).toBeUndefined();
    expect([...rows]).toEqual([]);
  });

  it('lets the price-list parser stop at 100 errors', () => {
    const text = ['SKU,CURRENCY,PRICE', ...Array.from({ length: 150 }, () => 'A,USD')].join('\n');
    const { errors } = parsePriceListCsv(text);
    expect(errors).toHaveLength(100);
    expect(errors[99]).toEqual({ line: 101, message: 'expected 3 columns, got 2' });
  });
});
