import type { ContractDraft } from '../contract-draft';
import type { ContractStatus } from '../contract-status';
import {
  checkFrozenQuantities,
  validateContractRules,
  type ContractRuleAccount,
  type ContractRuleBaseContract,
  type ContractRuleContext,
} from './contract-rules';
import { AT_MOST_ONE_TERM_TYPES, BASE_OR_CONTRACT_TERM_TYPES, RETURN_TERM_TYPES, type TypedContractTerm } from './term-parameters';

const ACCOUNT_DN = 'o=Northwind Fabrication,o=Root Organization';
const EAST = `ou=East,${ACCOUNT_DN}`;

const PRICE: TypedContractTerm = { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' };
const CHARGE: TypedContractTerm = { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' };

/** One valid term of each type that the rules count (sequence numbers are irrelevant to them). */
const SAMPLE: Partial<Record<TypedContractTerm['type'], TypedContractTerm>> = {
  PriceTCMasterCatalogWithOptionalAdjustment: PRICE,
  ShippingTCShippingCharge: CHARGE,
  RightToBuyTCByAmount: { type: 'RightToBuyTCByAmount', sequenceNumber: 10, maximumAmount: '1000', currency: 'USD' },
  ObligationToBuyTCByAmount: { type: 'ObligationToBuyTCByAmount', sequenceNumber: 11, minimumAmount: '100', currency: 'USD', days: 30 },
  OrderApprovalTC: { type: 'OrderApprovalTC', sequenceNumber: 12, thresholdAmount: '500' },
  QuantityCommitmentTC: { type: 'QuantityCommitmentTC', sequenceNumber: 13, lines: [{ sku: 'KEG-50', quantity: 40 }] },
  ReturnTCReturnCharge: { type: 'ReturnTCReturnCharge', sequenceNumber: 20, policy: 'RESTOCK' },
  ReturnTCReturnApproval: { type: 'ReturnTCReturnApproval', sequenceNumber: 21, policy: 'MANUAL' },
  ReturnTCRefundPaymentMethod: { type: 'ReturnTCRefundPaymentMethod', sequenceNumber: 22, method: 'ORIGINAL' },
};
const sample = (type: TypedContractTerm['type']) => SAMPLE[type]!;

function draft(patch: Partial<ContractDraft> = {}): ContractDraft {
  return {
    code: 'NWF-MSA',
    currency: 'USD',
    startsAt: '2026-01-01T00:00:00.000Z',
    endsAt: '2027-01-01T00:00:00.000Z',
    seller: 'o=Acme,o=Root Organization',
    buyers: [{ organization: EAST, active: true }],
    account: 'Northwind Fabrication',
    isBase: false,
    baseContract: null,
    creditAllowed: false,
    terms: [PRICE, CHARGE],
    ...patch,
  };
}

function account(patch: Partial<ContractRuleAccount> = {}): ContractRuleAccount {
  return { name: 'Northwind Fabrication', buyerDn: ACCOUNT_DN, creditAllowed: false, terms: [], ...patch };
}

function base(patch: Partial<ContractRuleBaseContract> = {}): ContractRuleBaseContract {
  return { code: 'ACME-BASE', isBase: true, status: 'ACTIVE', terms: [], ...patch };
}

const withBase = (b: Partial<ContractRuleBaseContract> = {}): ContractRuleContext => ({ account: account(), baseContract: base(b) });
const fieldsOf = (d: ContractDraft, ctx: ContractRuleContext = { account: account() }) => validateContractRules(d, ctx).map((e) => e.field);

describe('validateContractRules', () => {
  it('passes a complete contract', () => {
    expect(validateContractRules(draft(), { account: account() })).toEqual([]);
  });

  it('gives every error a field and a message', () => {
    const errors = validateContractRules(draft({ terms: [] }), { account: null, baseContract: null });
    expect(errors.length).toBeGreaterThan(2);
    for (const e of errors) {
      expect(e.field).toBeTruthy();
      expect(e.message).not.toHaveLength(0);
    }
  });

  describe('a price term and a shipping charge, possibly inherited', () => {
    it.each<[string, ContractDraft, ContractRuleContext, string[]]>([
      ['no price term', draft({ terms: [CHARGE] }), { account: account() }, ['terms']],
      ['a price term of the base contract', draft({ terms: [CHARGE] }), withBase({ terms: [PRICE] }), []],
      ['a custom price list is a price term', draft({ terms: [CHARGE, { type: 'PriceTCCustomPriceList', sequenceNumber: 5, offers: [{ sku: 'A', price: '1', currency: 'USD' }] }] }), { account: account() }, []],
      ['price rules are a price term', draft({ terms: [CHARGE, { type: 'PriceRule', sequenceNumber: 5, rules: [{ itemCode: 'A', rule: '24' }] }] }), { account: account() }, []],
      ['a product set is not a price term', draft({ terms: [CHARGE, { type: 'ProductSetTCInclusion', sequenceNumber: 5, productSet: { name: 'X' } }] }), { account: account() }, ['terms']],
      ['a base contract needs no price term', draft({ isBase: true, buyers: [], terms: [] }), {}, []],
      ['no shipping charge anywhere', draft({ terms: [PRICE] }), { account: account() }, ['terms']],
      ['a shipping charge of the account', draft({ terms: [PRICE] }), { account: account({ terms: [CHARGE] }) }, []],
      ['a shipping charge of the base contract', draft({ terms: [PRICE] }), withBase({ terms: [CHARGE] }), []],
      ['neither, nowhere', draft({ terms: [] }), { account: account() }, ['terms', 'terms']],
    ])('%s', (_label, d, ctx, fields) => {
      expect(fieldsOf(d, ctx)).toEqual(fields);
    });

    it('does not inherit from a base it may not refer to', () => {
      expect(fieldsOf(draft({ isBase: true, buyers: [], terms: [] }), { baseContract: base({ terms: [PRICE] }) })).toEqual(['baseContract']);
    });
  });

  describe('at most one', () => {
    it.each(AT_MOST_ONE_TERM_TYPES.map((t) => [t]))('%s twice in the contract', (type) => {
      const terms = [PRICE, CHARGE, sample(type), { ...sample(type), sequenceNumber: 99 }].filter((t, i, all) => all.indexOf(t) === i);
      const errors = validateContractRules(draft({ terms }), { account: account() });
      expect(errors.map((e) => e.field)).toContain(`terms[${terms.length - 1}]`);
      expect(errors.find((e) => e.field === `terms[${terms.length - 1}]`)!.message).toContain(type);
    });

    it.each(AT_MOST_ONE_TERM_TYPES.map((t) => [t]))('%s once is fine', (type) => {
      const terms = [PRICE, CHARGE, sample(type)].filter((t, i, all) => all.indexOf(t) === i);
      expect(fieldsOf(draft({ terms }))).toEqual([]);
    });

    it.each(BASE_OR_CONTRACT_TERM_TYPES.map((t) => [t]))('%s in both the base and the contract', (type) => {
      const errors = validateContractRules(draft({ terms: [PRICE, CHARGE, sample(type)] }), withBase({ terms: [sample(type)] }));
      expect(errors).toEqual([{ field: 'terms[2]', message: expect.stringContaining('ACME-BASE') }]);
    });

    it.each(BASE_OR_CONTRACT_TERM_TYPES.map((t) => [t]))('%s in the base only', (type) => {
      expect(fieldsOf(draft(), withBase({ terms: [sample(type)] }))).toEqual([]);
    });

    it('allows a master catalogue adjustment in both the base and the contract (a union, not a base-or-contract term)', () => {
      expect(fieldsOf(draft(), withBase({ terms: [PRICE] }))).toEqual([]);
    });
  });

  describe('returns: all three or none', () => {
    const subsets = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => RETURN_TERM_TYPES.filter((_, i) => mask & (1 << i)));
    it.each(subsets.map((s) => [s.join('+') || 'none', s]))('%s', (_label, types) => {
      const ok = types.length === 0 || types.length === 3;
      expect(fieldsOf(draft({ terms: [PRICE, CHARGE, ...types.map(sample)] }))).toEqual(ok ? [] : ['terms']);
    });

    it('names the missing ones', () => {
      const [error] = validateContractRules(draft({ terms: [PRICE, CHARGE, sample('ReturnTCReturnCharge')] }), { account: account() });
      expect(error.message).toContain('ReturnTCReturnApproval and ReturnTCRefundPaymentMethod missing');
    });

    it('may be completed by the base contract', () => {
      expect(fieldsOf(draft({ terms: [PRICE, CHARGE, sample('ReturnTCReturnCharge')] }),
        withBase({ terms: [sample('ReturnTCReturnApproval'), sample('ReturnTCRefundPaymentMethod')] }))).toEqual([]);
    });
  });

  describe('fulfilment centres', () => {
    const fc = (seq: number, ...codes: string[]): TypedContractTerm => ({ type: 'FulfillmentTC', sequenceNumber: seq, fulfillmentCenters: codes });
    it.each<[string, TypedContractTerm[], string[]]>([
      ['three in one term', [fc(5, 'A', 'B', 'C')], []],
      ['three over two terms', [fc(5, 'A', 'B'), fc(6, 'C')], []],
      ['the same centre in two terms counts once', [fc(5, 'A', 'B', 'C'), fc(6, 'C', 'A')], []],
      ['four in one term', [fc(5, 'A', 'B', 'C', 'D')], ['terms[2].fulfillmentCenters[3]']],
      ['four over two terms', [fc(5, 'A', 'B'), fc(6, 'B', 'C', 'D', 'E')], ['terms[3].fulfillmentCenters[2]']],
    ])('%s', (_label, terms, fields) => {
      expect(fieldsOf(draft({ terms: [PRICE, CHARGE, ...terms] }))).toEqual(fields);
    });
  });

  describe('buyers belong to the account', () => {
    it.each<[string, string, boolean]>([
      ['the account organisation itself', ACCOUNT_DN, true],
      ['an organisation under it', EAST, true],
      ['two levels under it', `ou=Dock 4,${EAST}`, true],
      ['different case', EAST.toUpperCase(), true],
      ['a sibling organisation', 'o=Contoso,o=Root Organization', false],
      ['the parent of the account organisation', 'o=Root Organization', false],
      ['a name that only ends like it', 'o=Big Northwind Fabrication,o=Root Organization', false],
      ['a component that only ends like it (co= vs o=)', 'co=Northwind Fabrication,o=Root Organization', false],
    ])('%s', (_label, dn, ok) => {
      expect(fieldsOf(draft({ buyers: [{ organization: EAST }, { organization: dn }] }))).toEqual(ok ? [] : ['buyers[1].organization']);
    });

    it('does not check member groups against the account', () => {
      expect(fieldsOf(draft({ buyers: [{ memberGroup: 'Anyone' }] }))).toEqual([]);
    });

    it('does not check buyers without an account', () => {
      expect(fieldsOf(draft({ buyers: [{ organization: 'o=Contoso,o=Root Organization' }] }), {})).toEqual([]);
    });

    it('reports an account that was not found', () => {
      expect(validateContractRules(draft(), { account: null })).toEqual([{ field: 'account', message: expect.stringContaining('Northwind Fabrication') }]);
    });
  });

  describe("a term's buyers are buyers of the contract", () => {
    it.each<[string, string[], string[]]>([
      ['a contract buyer', [EAST], []],
      ['a contract buyer in other case', [EAST.toLowerCase()], []],
      ['an organisation that is not a buyer', [EAST, `ou=West,${ACCOUNT_DN}`], ['terms[1].buyers[1]']],
      ['the parent of a buyer', [ACCOUNT_DN], ['terms[1].buyers[0]']],
    ])('%s', (_label, buyers, fields) => {
      expect(fieldsOf(draft({ terms: [PRICE, { ...CHARGE, buyers }] }))).toEqual(fields);
    });
  });

  describe('credit-line payment', () => {
    const pay = (method: string): TypedContractTerm => ({ type: 'PaymentTCPaymentMethod', sequenceNumber: 7, method });
    it.each<[string, string, boolean, boolean, boolean]>([
      ['LOC allowed by both', 'LOC', true, true, true],
      ['LOC without creditAllowed', 'LOC', false, true, false],
      ['LOC without the account', 'LOC', true, false, false],
      ['CREDIT-LINE allowed by neither', 'CREDIT-LINE', false, false, false],
      ['lowercase loc without creditAllowed', 'loc', false, true, false],
      ['an ordinary method needs nothing', 'PO-NET30', false, false, true],
    ])('%s', (_label, method, contractAllows, accountAllows, ok) => {
      const errors = validateContractRules(draft({ creditAllowed: contractAllows, terms: [PRICE, CHARGE, pay(method)] }), { account: account({ creditAllowed: accountAllows }) });
      expect(errors.map((e) => e.field)).toEqual(ok ? [] : ['terms[2].method']);
    });

    it('refuses credit for a customer contract without an account', () => {
      expect(fieldsOf(draft({ account: undefined, creditAllowed: true, terms: [PRICE, CHARGE, pay('LOC')] }), {})).toEqual(['terms[2].method']);
    });

    it('lets a base contract (no account) offer credit when it allows it', () => {
      expect(fieldsOf(draft({ isBase: true, buyers: [], creditAllowed: true, terms: [pay('LOC')] }), {})).toEqual([]);
      expect(fieldsOf(draft({ isBase: true, buyers: [], creditAllowed: false, terms: [pay('LOC')] }), {})).toEqual(['terms[0].method']);
    });

    it('checks credit inherited from the base contract', () => {
      expect(fieldsOf(draft(), withBase({ terms: [pay('LOC')] }))).toEqual(['baseContract']);
      expect(fieldsOf(draft({ creditAllowed: true }), { account: account({ creditAllowed: true }), baseContract: base({ terms: [pay('LOC')] }) })).toEqual([]);
    });
  });

  describe('the base contract reference', () => {
    it.each<[string, ContractDraft, ContractRuleContext, string[]]>([
      ['an Active base contract', draft({ baseContract: { code: 'ACME-BASE' } }), withBase(), []],
      ['not found', draft({ baseContract: { code: 'NOPE' } }), { account: account(), baseContract: null }, ['baseContract']],
      ['not a base contract', draft({ baseContract: { code: 'X' } }), withBase({ isBase: false }), ['baseContract']],
      ['a base contract referring to one', draft({ isBase: true, buyers: [], baseContract: { code: 'ACME-BASE' } }), { baseContract: base() }, ['baseContract']],
      ['a base contract naming one that was not looked up', draft({ isBase: true, buyers: [], baseContract: { code: 'ACME-BASE' } }), {}, ['baseContract']],
      ['no reference', draft(), { account: account() }, []],
    ])('%s', (_label, d, ctx, fields) => {
      expect(fieldsOf(d, ctx)).toEqual(fields);
    });

    it.each<[ContractStatus]>([['DRAFT'], ['PENDING_APPROVAL'], ['APPROVED'], ['SUSPENDED'], ['EXPIRED'], ['CANCELLED'], ['CLOSED'], ['DEPLOYING']])('a %s base contract', (status) => {
      const errors = validateContractRules(draft({ baseContract: { code: 'ACME-BASE' } }), withBase({ status }));
      expect(errors).toEqual([{ field: 'baseContract', message: expect.stringContaining(status) }]);
    });

    it('names the missing base contract', () => {
      expect(validateContractRules(draft({ baseContract: { code: 'NOPE' } }), { account: account(), baseContract: null })[0].message).toContain('"NOPE"');
    });
  });

  describe('right to buy', () => {
    // Decision: the cap may be in any currency, not only the contract's.
    it('accepts a cap in another currency than the contract', () => {
      expect(fieldsOf(draft({ terms: [PRICE, CHARGE, { type: 'RightToBuyTCByAmount', sequenceNumber: 9, maximumAmount: '5', currency: 'EUR' }] }))).toEqual([]);
    });
  });

  describe('quantity commitments', () => {
    const q = (seq: number, ...skus: string[]): TypedContractTerm => ({ type: 'QuantityCommitmentTC', sequenceNumber: seq, lines: skus.map((sku) => ({ sku, quantity: 1 })) });
    it('accepts distinct SKUs', () => {
      expect(fieldsOf(draft({ terms: [PRICE, CHARGE, q(5, 'A', 'B')] }))).toEqual([]);
    });
    it('refuses a SKU reserved twice in one term', () => {
      expect(fieldsOf(draft({ terms: [PRICE, CHARGE, q(5, 'A', 'B', 'A')] }))).toEqual(['terms[2].lines[2].sku']);
    });
    it('refuses a SKU reserved in two terms (besides the second term itself)', () => {
      expect(fieldsOf(draft({ terms: [PRICE, CHARGE, q(5, 'A'), q(6, 'B', 'A')] }))).toEqual(['terms[3]', 'terms[3].lines[1].sku']);
    });
  });
});

describe('checkFrozenQuantities', () => {
  const q = (...lines: [string, number][]): TypedContractTerm => ({ type: 'QuantityCommitmentTC', sequenceNumber: 5, lines: lines.map(([sku, quantity]) => ({ sku, quantity })) });
  const offer = (price: string): TypedContractTerm => ({ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: 'A', price, currency: 'USD' }] });
  /** What the family drew: 30 of A, none of B. */
  const drawn = new Map([['A', 30], ['B', 0]]);

  it.each<[string, TypedContractTerm[], string[]]>([
    ['unchanged', [offer('10'), CHARGE, q(['A', 40], ['B', 10])], []],
    ['a price changed', [offer('12.50'), CHARGE, q(['A', 40], ['B', 10])], []],
    ['lines in another order', [q(['B', 10], ['A', 40]), offer('10'), CHARGE], []],
    ['a quantity raised', [offer('10'), CHARGE, q(['A', 41], ['B', 10])], []],
    ['a drawn line lowered to exactly what was drawn', [offer('10'), CHARGE, q(['A', 30], ['B', 10])], []],
    ['a drawn line lowered below what was drawn', [offer('10'), CHARGE, q(['A', 29], ['B', 10])], ['terms[2].lines[0].quantity']],
    ['an undrawn line lowered', [offer('10'), CHARGE, q(['A', 40], ['B', 1])], []],
    ['an undrawn line removed', [offer('10'), CHARGE, q(['A', 40])], []],
    ['a line added', [offer('10'), CHARGE, q(['A', 40], ['B', 10], ['C', 1])], []],
    ['a drawn line removed', [offer('10'), CHARGE, q(['B', 10])], ['terms']],
    ['the commitment removed', [offer('10'), CHARGE], ['terms']],
  ])('%s', (_label, terms, fields) => {
    expect(checkFrozenQuantities(draft({ terms }), drawn).map((e) => e.field)).toEqual(fields);
  });

  it('names the term, the SKU and what was drawn', () => {
    const [lowered] = checkFrozenQuantities(draft({ terms: [q(['A', 12], ['B', 10])] }), drawn);
    expect(lowered.message).toBe('term 5 reserves 12 of SKU "A", below the 30 already drawn under this contract family');
    const [removed] = checkFrozenQuantities(draft({ terms: [q(['B', 10])] }), drawn);
    expect(removed.message).toBe('SKU "A" has 30 drawn under this contract family: its reserved line cannot be removed');
  });

  it('refuses nothing when the family drew nothing', () => {
    expect(checkFrozenQuantities(draft({ terms: [q(['A', 1])] }), new Map())).toEqual([]);
  });
});
