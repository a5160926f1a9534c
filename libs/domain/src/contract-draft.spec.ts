import { validateContractDraft } from './contract-draft';
import { DomainError, type ErrorDetail } from './domain-error';

/** The create body of API.md. */
function validBody(): Record<string, any> {
  return {
    code: 'NWF-MSA-2026-001',
    description: 'Northwind MSA',
    currency: 'USD',
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2027-12-31T23:59:59Z',
    seller: 'o=Acme Industrial Supply,o=Root Organization',
    buyers: [{ organization: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization' }],
    account: 'Northwind Fabrication',
    baseContract: null,
    terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
    ],
  };
}

function withChanges(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...validBody(), ...patch };
}

/** The details of the validation error the input causes; fails the test if it is accepted. */
function problemsOf(input: unknown): ErrorDetail[] {
  try {
    validateContractDraft(input);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const error = e as DomainError;
    expect({ kind: error.kind, code: error.code }).toEqual({ kind: 'validation', code: 'VALIDATION_FAILED' });
    return error.details;
  }
  throw new Error(`expected a validation error for ${JSON.stringify(input)}`);
}

const fieldsOf = (input: unknown) => problemsOf(input).map((d) => d.field);

describe('validateContractDraft', () => {
  describe('a valid body', () => {
    it('passes and comes back normalised', () => {
      expect(validateContractDraft(validBody())).toEqual({
        code: 'NWF-MSA-2026-001',
        description: 'Northwind MSA',
        currency: 'USD',
        startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: '2027-12-31T23:59:59.000Z',
        seller: 'o=Acme Industrial Supply,o=Root Organization',
        buyers: [{ organization: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization', active: true }],
        account: 'Northwind Fabrication',
        isBase: false,
        baseContract: null,
        comment: undefined,
        creditAllowed: false,
        terms: [
          { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
          { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
        ],
      });
    });

    it('does not modify its input', () => {
      const body = validBody();
      const before = structuredClone(body);
      validateContractDraft(body);
      expect(body).toEqual(before);
    });

    it.each([
      ['without seconds', '2026-01-01T00:00Z', '2026-01-01T00:00:00.000Z'],
      ['with milliseconds', '2026-01-01T08:30:15.5Z', '2026-01-01T08:30:15.500Z'],
      ['with a +00:00 offset', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00.000Z'],
      ['with a -0000 offset', '2026-01-01T00:00:00-0000', '2026-01-01T00:00:00.000Z'],
    ])('accepts and normalises a UTC time %s', (_label, startsAt, normalised) => {
      expect(validateContractDraft(withChanges({ startsAt })).startsAt).toBe(normalised);
    });

    it('normalises buyer dates and keeps an explicit active flag', () => {
      const draft = validateContractDraft(withChanges({
        buyers: [
          { organization: 'ou=East,o=Northwind,o=Root Organization', startsAt: '2026-02-01T00:00Z', endsAt: '2026-06-30T23:59:59+00:00', active: false },
          { organization: 'ou=West,o=Northwind,o=Root Organization' },
        ],
      }));
      expect(draft.buyers).toEqual([
        { organization: 'ou=East,o=Northwind,o=Root Organization', startsAt: '2026-02-01T00:00:00.000Z', endsAt: '2026-06-30T23:59:59.000Z', active: false },
        { organization: 'ou=West,o=Northwind,o=Root Organization', active: true },
      ]);
    });

    it('accepts a base contract without buyers', () => {
      const draft = validateContractDraft(withChanges({ isBase: true, buyers: [] }));
      expect(draft).toMatchObject({ isBase: true, buyers: [] });
    });

    it('keeps the optional profile fields and the base contract reference', () => {
      const draft = validateContractDraft(withChanges({
        creditAllowed: true, comment: 'renewal', baseContract: { code: 'ACME-BASE', version: '1.0' }, account: undefined,
      }));
      expect(draft).toMatchObject({ creditAllowed: true, comment: 'renewal', baseContract: { code: 'ACME-BASE', version: '1.0' } });
      expect(draft.account).toBeUndefined();
    });

    it('trims trailing spaces off the code', () => {
      expect(validateContractDraft(withChanges({ code: 'NWF MSA 1  ' })).code).toBe('NWF MSA 1');
    });

    it('accepts every decimal amount shape', () => {
      const terms = ['-5', '18.40', '0', '999.000001', '-0.5'].map((signedPercentage, i) => ({
        type: i === 0 ? 'PriceTCMasterCatalogWithOptionalAdjustment' : 'PriceTCPriceListWithOptionalAdjustment', sequenceNumber: i, signedPercentage,
        ...(i === 0 ? {} : { priceList: `LIST-${i}` }),
      }));
      expect(validateContractDraft(withChanges({ terms })).terms).toHaveLength(5);
    });

    it('accepts the same sequence number only once, but 0 is a valid one', () => {
      const terms = [
        { type: 'RightToBuyTCByAmount', sequenceNumber: 0, maximumAmount: '250000.00', currency: 'USD' },
        { type: 'OrderApprovalTC', sequenceNumber: 7, thresholdAmount: '5000' },
      ];
      expect(validateContractDraft(withChanges({ terms })).terms).toEqual(terms);
    });
  });

  describe('one bad field is reported by name', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['missing code', { code: undefined }, 'code'],
      ['empty code', { code: '' }, 'code'],
      ['code with a leading space', { code: ' NWF' }, 'code'],
      ['code with a semicolon', { code: 'NWF;DROP' }, 'code'],
      ['code over 128 characters', { code: 'C'.repeat(129) }, 'code'],
      ['numeric code', { code: 42 }, 'code'],
      ['lowercase currency', { currency: 'usd' }, 'currency'],
      ['two-letter currency', { currency: 'US' }, 'currency'],
      ['four-letter currency', { currency: 'USDX' }, 'currency'],
      ['missing currency', { currency: undefined }, 'currency'],
      ['missing startsAt', { startsAt: undefined }, 'startsAt'],
      ['null endsAt', { endsAt: null }, 'endsAt'],
      ['endsAt before startsAt', { startsAt: '2027-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' }, 'endsAt'],
      ['endsAt equal to startsAt', { startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-01T00:00:00.000Z' }, 'endsAt'],
      ['startsAt with a +02:00 offset', { startsAt: '2026-01-01T00:00:00+02:00' }, 'startsAt'],
      ['startsAt without a zone', { startsAt: '2026-01-01T00:00:00' }, 'startsAt'],
      ['startsAt as a date only', { startsAt: '2026-01-01' }, 'startsAt'],
      ['endsAt with a -05:00 offset', { endsAt: '2027-12-31T23:59:59-05:00' }, 'endsAt'],
      ['endsAt in month 13', { endsAt: '2027-13-01T00:00:00Z' }, 'endsAt'],
      ['startsAt as epoch milliseconds', { startsAt: 1767225600000 }, 'startsAt'],
      ['startsAt as words', { startsAt: 'next monday' }, 'startsAt'],
      ['seller as a plain name', { seller: 'Acme Industrial Supply' }, 'seller'],
      ['seller with an empty component', { seller: 'o=Acme,,o=Root Organization' }, 'seller'],
      ['seller with a space after the comma', { seller: 'o=Acme, o=Root Organization' }, 'seller'],
      ['missing seller', { seller: undefined }, 'seller'],
      ['no buyers on a customer contract', { buyers: [] }, 'buyers'],
      ['no buyers with isBase false', { buyers: [], isBase: false }, 'buyers'],
      ['buyers not a list', { buyers: { organization: 'o=Northwind,o=Root Organization' } }, 'buyers'],
      ['a buyer that is not an object', { buyers: ['o=Northwind,o=Root Organization'] }, 'buyers[0]'],
      ['a buyer that is null', { buyers: [null] }, 'buyers[0]'],
      ['a buyer without a distinguished name', { buyers: [{ organization: 'Northwind' }] }, 'buyers[0].organization'],
      ['a buyer starting at a local time', { buyers: [{ organization: 'o=N,o=Root', startsAt: '2026-01-01T00:00:00+01:00' }] }, 'buyers[0].startsAt'],
      ['a buyer ending before it starts', { buyers: [{ organization: 'o=N,o=Root', startsAt: '2026-05-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' }] }, 'buyers[0].endsAt'],
      ['a buyer with a non-boolean active flag', { buyers: [{ organization: 'o=N,o=Root', active: 'yes' }] }, 'buyers[0].active'],
      ['a description over 4000 characters', { description: 'd'.repeat(4001) }, 'description'],
      ['a numeric description', { description: 7 }, 'description'],
      ['isBase as a string', { isBase: 'true' }, 'isBase'],
      ['creditAllowed as a string', { creditAllowed: 'no' }, 'creditAllowed'],
      ['a blank account', { account: '   ' }, 'account'],
      ['a numeric account', { account: 12 }, 'account'],
      ['a base contract without code', { baseContract: { version: '1.0' } }, 'baseContract.code'],
      ['a base contract with an empty code', { baseContract: { code: '' } }, 'baseContract.code'],
      ['terms not a list', { terms: 'none' }, 'terms'],
      ['missing terms', { terms: undefined }, 'terms'],
      ['a term that is not an object', { terms: [42] }, 'terms[0]'],
      ['an unknown term type', { terms: [{ type: 'PriceTCMagicDiscount', sequenceNumber: 1 }] }, 'terms[0].type'],
      ['a term without type', { terms: [{ sequenceNumber: 1 }] }, 'terms[0].type'],
      ['a term type in the wrong case', { terms: [{ type: 'pricetccustompricelist', sequenceNumber: 1 }] }, 'terms[0].type'],
      ['a negative sequence number', { terms: [{ type: 'FulfillmentTC', fulfillmentCenters: ['FC-EAST'], sequenceNumber: -1 }] }, 'terms[0].sequenceNumber'],
      ['a fractional sequence number', { terms: [{ type: 'FulfillmentTC', fulfillmentCenters: ['FC-EAST'], sequenceNumber: 1.5 }] }, 'terms[0].sequenceNumber'],
      ['a sequence number as a string', { terms: [{ type: 'FulfillmentTC', fulfillmentCenters: ['FC-EAST'], sequenceNumber: '1' }] }, 'terms[0].sequenceNumber'],
      ['a missing sequence number', { terms: [{ type: 'FulfillmentTC', fulfillmentCenters: ['FC-EAST'] }] }, 'terms[0].sequenceNumber'],
    ])('%s', (_label, patch, field) => {
      const details = problemsOf(withChanges(patch));
      expect(details.map((d) => d.field)).toEqual([field]);
      expect(details[0].message).not.toHaveLength(0);
    });

    it('reports a duplicate buyer (ignoring case) on the later entry', () => {
      const details = problemsOf(withChanges({
        buyers: [
          { organization: 'ou=East,o=Northwind,o=Root Organization' },
          { organization: 'o=Contoso,o=Root Organization' },
          { organization: 'OU=East,O=Northwind,O=Root Organization' },
        ],
      }));
      expect(details).toEqual([{ field: 'buyers[2].organization', message: expect.stringContaining('twice') }]);
    });

    it('names the unknown term type in the message', () => {
      const [detail] = problemsOf(withChanges({ terms: [{ type: 'PriceTCMagicDiscount', sequenceNumber: 1 }] }));
      expect(detail.message).toContain('"PriceTCMagicDiscount"');
    });

    it('reports a repeated sequence number on the later term, naming the earlier index', () => {
      const details = problemsOf(withChanges({
        terms: [
          { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 4, signedPercentage: '-5' },
          { type: 'ShippingTCShippingMode', sequenceNumber: 9, mode: 'UPS-GROUND' },
          { type: 'PaymentTCPaymentMethod', sequenceNumber: 4, method: 'PO-NET30' },
        ],
      }));
      expect(details).toEqual([{ field: 'terms[2].sequenceNumber', message: expect.stringContaining('terms[0]') }]);
    });

    it.each<[string, unknown]>([
      ['a number', 5],
      ['letters', 'abc'],
      ['a percent sign', '5%'],
      ['a plus sign', '+5'],
      ['a comma decimal', '5,5'],
      ['exponent notation', '1e3'],
      ['a leading dot', '.5'],
      ['more than six decimals', '1.1234567'],
      ['null', null],
      ['a boolean', true],
    ])('refuses an amount given as %s', (_label, signedPercentage) => {
      const details = problemsOf(withChanges({
        terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage }],
      }));
      expect(details).toEqual([{ field: 'terms[0].signedPercentage', message: expect.stringContaining('decimal string') }]);
    });

    // The generic "*Amount/*Price/*Percentage" check gave way to each term type's own parameters.
    it.each<[string, Record<string, unknown>, string]>([
      ['a right-to-buy cap as a number', { type: 'RightToBuyTCByAmount', sequenceNumber: 1, maximumAmount: 12.5, currency: 'USD' }, 'terms[0].maximumAmount'],
      ['an order approval threshold with a comma', { type: 'OrderApprovalTC', sequenceNumber: 1, thresholdAmount: '5,000' }, 'terms[0].thresholdAmount'],
      ['an offer price as a number', { type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: 'A', price: 12.5, currency: 'USD' }] }, 'terms[0].offers[0].price'],
      ['a price list adjustment with a percent sign', { type: 'PriceTCPriceListWithOptionalAdjustment', sequenceNumber: 1, priceList: 'P', signedPercentage: '5%' }, 'terms[0].signedPercentage'],
    ])('checks the decimal parameters of each term type: %s', (_label, term, field) => {
      expect(fieldsOf(withChanges({ terms: [term] }))).toEqual([field]);
    });

    it.each([['maximumAmount'], ['listPrice'], ['adjustmentPercentage']])('names a parameter the term type does not have: %s', (key) => {
      const details = problemsOf(withChanges({ terms: [{ type: 'TermCondition', sequenceNumber: 1, conditionType: 'X', properties: {}, [key]: '12.5' }] }));
      expect(details).toEqual([{ field: `terms[0].${key}`, message: expect.stringContaining('not a known parameter') }]);
    });
  });

  describe('profile fields of the contract', () => {
    it('keeps forceContractPrice, descriptions, attachments and contacts, normalised', () => {
      const draft = validateContractDraft(withChanges({
        forceContractPrice: true,
        descriptions: { en_US: 'Northwind MSA', de: 'Rahmenvertrag' },
        attachments: [{ uri: ' https://docs.example.com/msa.pdf ', mimeType: 'application/pdf', description: 'signed' }],
        contacts: [{ name: ' Rita Rep ', email: 'rita@acme.example', role: 'account representative' }, { name: 'Sam' }],
      }));
      expect(draft).toMatchObject({
        forceContractPrice: true,
        descriptions: { en_US: 'Northwind MSA', de: 'Rahmenvertrag' },
        attachments: [{ uri: 'https://docs.example.com/msa.pdf', mimeType: 'application/pdf', description: 'signed' }],
        contacts: [{ name: 'Rita Rep', email: 'rita@acme.example', role: 'account representative' }, { name: 'Sam' }],
      });
      expect(draft.contacts![1]).toEqual({ name: 'Sam' });
    });

    it('leaves the optional profile fields out when they are not given', () => {
      const draft = validateContractDraft(validBody());
      for (const key of ['forceContractPrice', 'descriptions', 'attachments', 'contacts']) expect(key in draft).toBe(false);
    });

    it('accepts a member group as a buyer', () => {
      const draft = validateContractDraft(withChanges({ buyers: [{ memberGroup: ' Preferred Buyers ' }, { organization: 'o=N,o=Root' }] }));
      expect(draft.buyers).toEqual([{ memberGroup: 'Preferred Buyers', active: true }, { organization: 'o=N,o=Root', active: true }]);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['forceContractPrice as a string', { forceContractPrice: 'yes' }, 'forceContractPrice'],
      ['descriptions as a string', { descriptions: 'hello' }, 'descriptions'],
      ['a description under a bad locale', { descriptions: { 'English!': 'x' } }, 'descriptions.English!'],
      ['a description that is not text', { descriptions: { en_US: 5 } }, 'descriptions.en_US'],
      ['attachments not a list', { attachments: { uri: 'https://x/y' } }, 'attachments'],
      ['an attachment that is not an object', { attachments: ['https://x/y'] }, 'attachments[0]'],
      ['an attachment with a relative uri', { attachments: [{ uri: 'msa.pdf', mimeType: 'application/pdf' }] }, 'attachments[0].uri'],
      ['an attachment without a MIME type', { attachments: [{ uri: 'https://x/msa.pdf' }] }, 'attachments[0].mimeType'],
      ['an attachment with a bad MIME type', { attachments: [{ uri: 'https://x/msa.pdf', mimeType: 'pdf' }] }, 'attachments[0].mimeType'],
      ['an attachment with a misspelt field', { attachments: [{ uri: 'https://x/msa.pdf', mimeType: 'application/pdf', descripton: 'x' }] }, 'attachments[0].descripton'],
      ['contacts not a list', { contacts: 'Rita' }, 'contacts'],
      ['a contact without a name', { contacts: [{ email: 'a@b.example' }] }, 'contacts[0].name'],
      ['a contact with a bad e-mail', { contacts: [{ name: 'Rita', email: 'rita' }] }, 'contacts[0].email'],
      ['a contact with a numeric role', { contacts: [{ name: 'Rita', role: 3 }] }, 'contacts[0].role'],
      ['a buyer with both organization and memberGroup', { buyers: [{ organization: 'o=N,o=Root', memberGroup: 'G' }] }, 'buyers[0]'],
      ['a buyer with a blank member group', { buyers: [{ memberGroup: '  ' }] }, 'buyers[0].memberGroup'],
      ['a member group listed twice', { buyers: [{ memberGroup: 'G' }, { memberGroup: 'g' }] }, 'buyers[1].memberGroup'],
      ['a buyer with neither', { buyers: [{ active: true }] }, 'buyers[0].organization'],
    ])('refuses %s', (_label, patch, field) => {
      expect(fieldsOf(withChanges(patch))).toEqual([field]);
    });
  });

  it('reports several problems at once', () => {
    const details = problemsOf({
      code: '',
      currency: 'dollars',
      startsAt: '2026-01-01T00:00:00+02:00',
      endsAt: '2027-01-01T00:00:00Z',
      seller: 'Acme',
      buyers: [{ organization: 'o=N,o=Root' }, { organization: 'o=N,o=Root' }],
      terms: [
        { type: 'Discount', sequenceNumber: 1, signedPercentage: 5 },
        { type: 'FulfillmentTC', sequenceNumber: 1 },
        { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 2, signedPercentage: 5 },
      ],
    });
    expect(details.map((d) => d.field).sort()).toEqual([
      'buyers[1].organization', 'code', 'currency', 'seller', 'startsAt',
      'terms[0].type', 'terms[1].fulfillmentCenters', 'terms[1].sequenceNumber', 'terms[2].signedPercentage',
    ].sort());
    for (const d of details) expect(d.message).not.toHaveLength(0);
  });

  it('reports every required field of an empty object', () => {
    expect(fieldsOf({}).sort()).toEqual(['buyers', 'code', 'currency', 'endsAt', 'seller', 'startsAt', 'terms'].sort());
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an array', [validBody()]],
    ['a string', JSON.stringify(validBody())],
    ['a number', 42],
    ['a boolean', true],
  ])('refuses %s as the body', (_label, input) => {
    expect(problemsOf(input)).toEqual([{ field: '', message: 'must be a JSON object' }]);
  });

  describe('regressions of bugs found in review', () => {
    // Date.parse rolls impossible calendar dates over (Feb 30 -> Mar 2) and the validator accepts the result.
    it('refuses an impossible calendar date instead of rolling it over', () => {
      expect(fieldsOf(withChanges({ startsAt: '2026-02-30T00:00:00Z' }))).toEqual(['startsAt']);
    });

    // `comment` is never type-checked, so a number comes back typed as string.
    it('refuses a non-string comment', () => {
      expect(fieldsOf(withChanges({ comment: 42 }))).toEqual(['comment']);
    });
  });
});
