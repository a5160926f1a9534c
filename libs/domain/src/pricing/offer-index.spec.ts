import { OfferIndexBuilder } from './offer-index';
import type { TermOrigin } from './compiled-terms';
import { stringPool } from './pricing-snapshot';

const all: TermOrigin = { type: 'PriceTCCustomPriceList', sequenceNumber: 1, buyers: null };
const eastOnly: TermOrigin = { type: 'PriceTCCustomPriceList', sequenceNumber: 2, buyers: new Set(['ou=east']) };
const U = 1_000_000;

function index() {
  const b = new OfferIndexBuilder(stringPool());
  // Added out of order on purpose: the index sorts by SKU, then minQuantity, then precedence (descending).
  b.add(all, 'B', 'USD', 8 * U, 100, Infinity, 0);
  b.add(all, 'A', 'USD', 5 * U, 0, Infinity, 0);
  b.add(all, 'B', 'USD', 10 * U, 0, Infinity, 0);
  b.add(all, 'B', 'USD', 9 * U, 10, Infinity, 1);
  b.add(all, 'B', 'USD', 9.5 * U, 10, Infinity, 2);
  b.add(all, 'B', 'EUR', 7 * U, 0, Infinity, 0);
  b.add(eastOnly, 'C', 'USD', 3 * U, 0, 50, 0);
  b.add(all, 'C', 'USD', 4 * U, 0, Infinity, 0);
  return b.build();
}

describe('OfferIndex', () => {
  const offers = index();
  const everyone = (o: TermOrigin) => o.buyers === null;
  const east = () => true;

  it('keeps every offer, grouped by SKU in band order', () => {
    expect(offers.count).toBe(8);
    expect(offers.get('B')!.map((o) => [o.currency, o.minQuantity, o.precedence, o.price])).toEqual([
      ['USD', 0, 0, 10_000_000n], ['EUR', 0, 0, 7_000_000n], ['USD', 10, 2, 9_500_000n], ['USD', 10, 1, 9_000_000n], ['USD', 100, 0, 8_000_000n],
    ]);
    expect(offers.get('Z')).toBeUndefined();
    expect(offers.has('A') && !offers.has('AA')).toBe(true);
  });

  it('answers the highest band the quantity reaches, then precedence, in the currency asked', () => {
    expect(offers.best('B', 'USD', 1, everyone)).toMatchObject({ price: 10_000_000n, minQuantity: 0 });
    expect(offers.best('B', 'USD', 10, everyone)).toMatchObject({ price: 9_500_000n, precedence: 2 });
    expect(offers.best('B', 'USD', 500, everyone)).toMatchObject({ price: 8_000_000n, minQuantity: 100 });
    expect(offers.best('B', 'EUR', 500, everyone)).toMatchObject({ price: 7_000_000n, currency: 'EUR' });
    expect(offers.best('B', 'GBP', 5, everyone)).toBeUndefined();
  });

  it('skips offers whose term does not apply to the buyer or whose maximum quantity is passed', () => {
    expect(offers.best('C', 'USD', 5, everyone)).toMatchObject({ price: 4_000_000n, sequenceNumber: 1 });
    expect(offers.best('C', 'USD', 5, east)).toMatchObject({ price: 3_000_000n, sequenceNumber: 2 });
    expect(offers.best('C', 'USD', 51, east)).toMatchObject({ price: 4_000_000n });
  });

  it('answers an offer that carries every field of its term origin', () => {
    const offer = offers.best('C', 'USD', 5, east)!;
    expect(offer).toEqual({ ...eastOnly, sku: 'C', currency: 'USD', price: 3_000_000n, minQuantity: 0, maxQuantity: 50, precedence: 0 });
    // offerAt names the origin's fields (a spread was slow): a field added to TermOrigin must be added there too.
    expect(Object.keys(eastOnly).every((k) => k in offer)).toBe(true);
  });
});
