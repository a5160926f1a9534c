import { validateContractDraft } from '../contract-draft';
import { DomainError } from '../domain-error';
import { parsePriceRuleValue } from '../pricing/price-rule-value';
import { parseCurrencyRates, parsePriceList } from '../reference-data/reference-data';
import { checkInstant, EARLIEST_INSTANT, LATEST_INSTANT } from './instant';
import { currencyProblem, ISO_4217_CODES, isIsoCurrency } from './iso-4217';
import { findUnstorableText, unstorableTextPosition } from './storable-text';
import { isUuid } from './uuid';

const draft = (patch: Record<string, unknown> = {}) => ({
  code: 'NWF-1', currency: 'USD', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z',
  seller: 'o=Acme,o=Root Organization', buyers: [{ organization: 'o=Northwind,o=Root Organization' }],
  terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' }],
  ...patch,
});

/** The fields of a refused draft (throws when it was accepted). */
function refusedFields(input: unknown): (string | undefined)[] {
  try {
    validateContractDraft(input);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).details.map((d) => d.field);
  }
  throw new Error('the draft was accepted');
}

describe('checkInstant', () => {
  it.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T01:00:00+01:00', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00:00.5-0130', Date.UTC(2026, 0, 1, 1, 30, 0, 500)],
    [EARLIEST_INSTANT, Date.UTC(1900, 0, 1)],
    [LATEST_INSTANT, Date.UTC(9999, 11, 31, 23, 59, 59)],
  ])('reads %s as the instant it names', (value, ms) => {
    expect(checkInstant(value)).toEqual({ ms });
  });

  it.each([
    ['0000-01-01T00:00:00Z'],
    ['1899-12-31T23:59:59Z'],
    ['1900-01-01T00:30:00+01:00'],
    ['9999-12-31T23:00:00-05:00'],
  ])('refuses %s as out of range, not as malformed', (value) => {
    expect(checkInstant(value)).toEqual({ problem: `must lie between ${EARLIEST_INSTANT} and ${LATEST_INSTANT}`, malformed: false });
  });

  it('refuses a time without a zone as a refusal (422), and garbage or impossible dates as malformed (400)', () => {
    expect(checkInstant('2026-03-01T12:00:00')).toMatchObject({ malformed: false, problem: expect.stringContaining('has no time zone') });
    for (const v of ['tomorrow', '10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', 20260101, null]) {
      expect(checkInstant(v)).toMatchObject({ malformed: true });
    }
  });

  it('accepts only UTC when asked', () => {
    expect(checkInstant('2026-01-01T00:00:00+00:00', { utcOnly: true })).toEqual({ ms: Date.UTC(2026, 0, 1) });
    expect(checkInstant('2026-01-01T01:00:00+01:00', { utcOnly: true })).toMatchObject({ malformed: false, problem: expect.stringContaining('UTC') });
  });
});

describe('isUuid', () => {
  it('takes a UUID of any version in either case, and nothing else (no braces, no trailing text, no other type)', () => {
    expect(['6f1c2a4e-0d3b-4c5a-9e8f-1a2b3c4d5e6f', '6F1C2A4E-0D3B-5C5A-9E8F-1A2B3C4D5E6F'].map(isUuid)).toEqual([true, true]);
    expect(['{6f1c2a4e-0d3b-4c5a-9e8f-1a2b3c4d5e6f}', '6f1c2a4e-0d3b-4c5a-9e8f-1a2b3c4d5e6f\n', '6f1c2a4e0d3b4c5a9e8f1a2b3c4d5e6f', 'g'.repeat(36), '', null, 42]
      .map(isUuid)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('ISO 4217', () => {
  it('knows the current codes and not made-up, testing or withdrawn ones', () => {
    for (const code of ['USD', 'EUR', 'JPY', 'CHF', 'GBP', 'XCG', 'ZWG', 'SLE']) expect(isIsoCurrency(code)).toBe(true);
    for (const code of ['XXY', 'XTS', 'XXX', 'HRK', 'ZWL', 'usd', 'US', 'USDX']) expect(isIsoCurrency(code)).toBe(false);
    expect(ISO_4217_CODES.size).toBeGreaterThan(170);
  });

  it('says whether a code is unknown or not a code at all', () => {
    expect(currencyProblem('XXY')).toBe('"XXY" is not a current ISO 4217 currency code');
    expect(currencyProblem('dollars')).toBe('must be an ISO 4217 code such as "USD"');
    expect(currencyProblem('USD')).toBeUndefined();
  });
});

describe('findUnstorableText', () => {
  it('names the path of every NUL at any depth, in keys too, and nothing in clean input', () => {
    const body = { description: 'ok', terms: [{ a: 1 }, { b: true }, { description: 'bad\u0000' }], nested: { deep: [['x', 'y\u0000']] }, ['k\u0000']: 1 };
    const found = findUnstorableText(body);
    expect(found).toHaveLength(3);
    expect(found).toEqual(expect.arrayContaining([
      { field: 'terms[2].description', message: expect.stringContaining('NUL') },
      { field: 'nested.deep[0][1]', message: expect.stringContaining('NUL') },
      { field: '["k\\u0000"]', message: expect.stringContaining('field name') },
    ]));
    expect(findUnstorableText({ a: ['x', { b: 'é 😀' }], n: null, t: 1 })).toEqual([]);
  });

  it('refuses unpaired surrogates (jsonb cannot hold them) but keeps paired ones', () => {
    expect(findUnstorableText({ s: 'a\uD800b' })).toEqual([{ field: 's', message: expect.stringContaining('surrogate') }]);
    expect(findUnstorableText({ s: 'a\uDC00' })).toHaveLength(1);
    expect(findUnstorableText({ s: '\uD83D\uDE00' })).toEqual([]);
  });

  it('walks a body nested deeper than the call stack without overflowing', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toHaveLength(1);
  });

  it('gives the line and column of a NUL in a text body (CSV)', () => {
    expect(unstorableTextPosition('SKU,CURRENCY,PRICE\nA,USD,1.00\nB,US\u0000D,2.00\n')).toEqual({ line: 3, column: 5, message: expect.stringContaining('NUL') });
    expect(unstorableTextPosition('clean\ntext')).toBeUndefined();
  });
});

describe('the rules in the domain validations', () => {
  it.each([
    ['startsAt', { startsAt: '0000-01-01T00:00:00Z' }],
    ['startsAt', { startsAt: '10000-01-01T00:00:00Z' }],
    ['endsAt', { endsAt: '1899-12-31T23:59:59Z' }],
    ['buyers[0].startsAt', { buyers: [{ organization: 'o=Northwind,o=Root Organization', startsAt: '1066-10-14T00:00:00Z' }] }],
    ['currency', { currency: 'XXY' }],
    ['terms[0].signedPercentage', { terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-100.01' }] }],
    ['terms[0].signedPercentage', { terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '1000.5' }] }],
    ['terms[0].offers[0].currency', { terms: [{ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: 'A', price: '1.00', currency: 'XXY' }] }] }],
    ['terms[0].rules[0].rule', { terms: [{ type: 'PriceRule', sequenceNumber: 1, rules: [{ itemCode: 'A', rule: '+1001%' }] }] }],
  ])('a draft names %s', (field, patch) => {
    expect(refusedFields(draft(patch))).toEqual([field]);
  });

  it('keeps the bounds themselves: -100% makes a price free, +1000% is the highest markup', () => {
    expect(validateContractDraft(draft({ terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-100' }] })).terms).toHaveLength(1);
    expect(validateContractDraft(draft({ terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '1000' }] })).terms).toHaveLength(1);
    expect(parsePriceRuleValue('-100%')).toEqual({ kind: 'percentage', units: -100_000_000n });
    expect(parsePriceRuleValue('-100.5%')).toEqual({ error: expect.stringContaining('more than 100%') });
  });

  it('checks price-list and exchange-rate currencies against ISO 4217', () => {
    expect(() => parsePriceList({ prices: [{ sku: 'A', currency: 'XXY', price: '1.00' }] })).toThrow(DomainError);
    try {
      parseCurrencyRates({ rates: [{ from: 'EUR', to: 'XXY', rate: '1.1' }] });
      throw new Error('accepted');
    } catch (err) {
      expect((err as DomainError).details).toEqual([{ field: 'rates[0].to', message: '"XXY" is not a current ISO 4217 currency code' }]);
    }
  });
});
