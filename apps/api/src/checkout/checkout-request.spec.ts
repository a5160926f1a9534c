import { DomainError } from '@pactum/domain';
import { parseCheckoutRequest, parseReleaseRequest } from './checkout-request';

const valid = () => ({
  buyer: 'ou=East,o=Northwind,o=Root Organization', currency: 'USD', at: '2026-03-01T12:00:00Z',
  lines: [{ sku: 'FST-HXB-M8-100', quantity: 20, listPrice: '21.00', categories: ['fasteners'] }],
  shipping: { mode: 'UPS-GROUND', shipTo: 'EAST-DOCK' }, payment: { method: 'PO-NET30' },
});

/** The field names of the 400's details (throws if the body was accepted). */
function fieldsOf(run: () => unknown): (string | undefined)[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).kind).toBe('bad_request');
    return (err as DomainError).details.map((d) => d.field);
  }
  throw new Error('the request was accepted');
}

describe('parseCheckoutRequest', () => {
  it('accepts the API.md example and keeps every field', () => {
    expect(parseCheckoutRequest(valid(), 'evaluate')).toEqual(valid());
    expect(parseCheckoutRequest({ ...valid(), orderId: 'SO-1' }, 'commit')).toMatchObject({ orderId: 'SO-1', buyer: valid().buyer });
  });

  it('defaults `at` to now', () => {
    const { at: _at, ...body } = valid();
    const before = Date.now();
    const parsed = parseCheckoutRequest(body, 'evaluate');
    expect(Date.parse(parsed.at)).toBeGreaterThanOrEqual(before - 1);
  });

  it.each([
    ['buyer', { buyer: '  ' }],
    ['buyer', { buyer: 42 }],
    ['currency', { currency: 'usd' }],
    ['currency', { currency: 'DOLLAR' }],
    ['at', { at: 'tomorrow' }],
    ['at', { at: '2026-13-45T99:00:00Z' }],
    ['shipping', { shipping: 'UPS' }],
    ['shipping.mode', { shipping: { mode: '' } }],
    ['shipping.carrier', { shipping: { carrier: 'UPS' } }],
    ['payment.method', { payment: { method: 7 } }],
    ['lines', { lines: [] }],
    ['lines', { lines: 'all of them' }],
    ['lines', { lines: Array.from({ length: 1001 }, () => valid().lines[0]) }],
    ['comment', { comment: 'misspelt field' }],
  ])('names the field %s', (field, patch) => {
    expect(fieldsOf(() => parseCheckoutRequest({ ...valid(), ...patch }, 'evaluate'))).toEqual([field]);
  });

  it.each([
    ['lines[0]', 'not a line'],
    ['lines[0].sku', { quantity: 1, listPrice: '1.00' }],
    ['lines[0].quantity', { sku: 'A', quantity: 1.5, listPrice: '1.00' }],
    ['lines[0].quantity', { sku: 'A', quantity: 0, listPrice: '1.00' }],
    ['lines[0].quantity', { sku: 'A', quantity: '3', listPrice: '1.00' }],
    ['lines[0].listPrice', { sku: 'A', quantity: 1, listPrice: 21 }],
    ['lines[0].listPrice', { sku: 'A', quantity: 1, listPrice: '-1.00' }],
    ['lines[0].categories', { sku: 'A', quantity: 1, listPrice: '1.00', categories: 'fasteners' }],
    ['lines[0].categories', { sku: 'A', quantity: 1, listPrice: '1.00', categories: [''] }],
    ['lines[0].price', { sku: 'A', quantity: 1, listPrice: '1.00', price: '1.00' }],
  ])('names the line field %s', (field, line) => {
    expect(fieldsOf(() => parseCheckoutRequest({ ...valid(), lines: [line] }, 'evaluate'))).toEqual([field]);
  });

  it('reports every problem at once, each with its field and line index', () => {
    let details: DomainError['details'] = [];
    try {
      parseCheckoutRequest({ buyer: '', currency: 'US', lines: [{ sku: 'A', quantity: 1, listPrice: '1.00' }, { sku: '', quantity: -2, listPrice: 'x' }] }, 'evaluate');
    } catch (err) {
      details = (err as DomainError).details;
    }
    expect(details.map((d) => d.field)).toEqual(['buyer', 'currency', 'lines[1].sku', 'lines[1].quantity', 'lines[1].listPrice']);
    expect(details.filter((d) => d.field?.startsWith('lines[1]')).every((d) => d.lineIndex === 1)).toBe(true);
  });

  it('needs an orderId on commit and refuses it on evaluate', () => {
    expect(fieldsOf(() => parseCheckoutRequest(valid(), 'commit'))).toEqual(['orderId']);
    expect(fieldsOf(() => parseCheckoutRequest({ ...valid(), orderId: 'has space' }, 'commit'))).toEqual(['orderId']);
    expect(fieldsOf(() => parseCheckoutRequest({ ...valid(), orderId: 'SO-1' }, 'evaluate'))).toEqual(['orderId']);
  });

  it('refuses a body that is not an object', () => {
    expect(fieldsOf(() => parseCheckoutRequest([valid()], 'evaluate'))).toEqual(['']);
    expect(fieldsOf(() => parseCheckoutRequest(null, 'evaluate'))).toEqual(['']);
  });
});

describe('parseReleaseRequest', () => {
  it('takes an orderId and names it when missing or malformed', () => {
    expect(parseReleaseRequest({ orderId: 'SO-1' })).toEqual({ orderId: 'SO-1' });
    expect(fieldsOf(() => parseReleaseRequest({}))).toEqual(['orderId']);
    expect(fieldsOf(() => parseReleaseRequest({ orderId: 'SO-1', reason: 'x' }))).toEqual(['reason']);
  });
});
