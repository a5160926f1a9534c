import { DomainError } from '@pactum/domain';
import { parseCheckoutRequest, parseReleaseRequest, parseReturnRequest } from './checkout-request';

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

  it('keeps a line\'s contractId (lower case) and the payment\'s billTo', () => {
    const body = { ...valid(), lines: [{ ...valid().lines[0], contractId: '8D1F6C1E-0C5E-4D55-9D7E-1A2B3C4D5E6F' }], payment: { method: 'PO-NET30', billTo: 'NW-HQ' } };
    expect(parseCheckoutRequest(body, 'evaluate')).toMatchObject({
      lines: [{ sku: 'FST-HXB-M8-100', contractId: '8d1f6c1e-0c5e-4d55-9d7e-1a2b3c4d5e6f' }], payment: { method: 'PO-NET30', billTo: 'NW-HQ' },
    });
  });

  it('keeps shipping.fulfillmentCenter and shipping.charge, and names a charge that is not a non-negative decimal string', () => {
    const shipping = { mode: 'UPS', fulfillmentCenter: 'FC-EAST', charge: '12.50' };
    expect(parseCheckoutRequest({ ...valid(), shipping }, 'evaluate')).toMatchObject({ shipping });
    for (const charge of [12.5, '-1.00', 'ten', '']) {
      expect(fieldsOf(() => parseCheckoutRequest({ ...valid(), shipping: { charge } }, 'evaluate'))).toEqual(['shipping.charge']);
    }
    expect(fieldsOf(() => parseCheckoutRequest({ ...valid(), shipping: { fulfillmentCenter: '' } }, 'evaluate'))).toEqual(['shipping.fulfillmentCenter']);
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
    ['payment.billTo', { payment: { method: 'PO-NET30', billTo: '' } }],
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
    ['lines[0].contractId', { sku: 'A', quantity: 1, listPrice: '1.00', contractId: 'NW-2026' }],
    ['lines[0].contractId', { sku: 'A', quantity: 1, listPrice: '1.00', contractId: 42 }],
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

  it.each([
    ['at', { at: '2026-03-01T12:00:00' }, 'has no time zone'],
    ['at', { at: '0000-01-01T00:00:00Z' }, 'must lie between'],
    ['currency', { currency: 'XXY' }, 'not a current ISO 4217 currency code'],
  ])('refuses a well-formed but unacceptable %s with 422 naming it (%j)', (field, patch, message) => {
    try {
      parseCheckoutRequest({ ...valid(), ...patch }, 'evaluate');
      throw new Error('accepted');
    } catch (err) {
      expect(err).toMatchObject({ kind: 'validation', details: [{ field, message: expect.stringContaining(message) }] });
    }
  });

  it('accepts `at` with an offset, and answers 400 with every problem when a malformed field comes along', () => {
    expect(parseCheckoutRequest({ ...valid(), at: '2026-03-01T13:00:00+01:00' }, 'evaluate').at).toBe('2026-03-01T13:00:00+01:00');
    expect(fieldsOf(() => parseCheckoutRequest({ ...valid(), at: '2026-03-01T12:00:00', buyer: '' }, 'evaluate'))).toEqual(['buyer', 'at']);
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

describe('parseReleaseRequest with lines', () => {
  it('takes lines with an optional quantity (all that remains) and an optional releaseId', () => {
    expect(parseReleaseRequest({ orderId: 'SO-1', releaseId: 'R-1', lines: [{ sku: 'A', quantity: 2 }, { sku: 'B' }] }))
      .toEqual({ orderId: 'SO-1', releaseId: 'R-1', lines: [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: null }] });
  });

  it('names an empty list, a zero or fractional quantity, a repeated SKU and a releaseId without lines', () => {
    expect(fieldsOf(() => parseReleaseRequest({ orderId: 'SO-1', lines: [] }))).toEqual(['lines']);
    expect(fieldsOf(() => parseReleaseRequest({ orderId: 'SO-1', lines: [{ sku: 'A', quantity: 0 }, { sku: 'B', quantity: 1.5 }, { sku: 'A' }] })))
      .toEqual(['lines[0].quantity', 'lines[1].quantity', 'lines[2].sku']);
    expect(fieldsOf(() => parseReleaseRequest({ orderId: 'SO-1', releaseId: 'R-1' }))).toEqual(['releaseId']);
  });
});

describe('parseReturnRequest', () => {
  const body = { returnId: 'RMA-1', orderId: 'SO-1', lines: [{ sku: 'A', quantity: 2 }], reason: 'damaged' };

  it('takes returnId, orderId, lines and reason', () => {
    expect(parseReturnRequest(body)).toEqual(body);
  });

  it('names every missing or malformed field at once: ids, reason, a line without quantity, an unknown field', () => {
    expect(fieldsOf(() => parseReturnRequest({ orderId: 'has space', lines: [{ sku: 'A' }, { sku: 'B', quantity: 1, price: '1' }], note: 'x' })).sort())
      .toEqual(['lines[0].quantity', 'lines[1].price', 'note', 'orderId', 'reason', 'returnId']);
  });
});
