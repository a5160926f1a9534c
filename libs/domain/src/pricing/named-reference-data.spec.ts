import type { TypedContractTerm } from '../terms/term-parameters';
import { memberGroupDirectory } from './member-group-directory';
import { evaluateCheckout, type CheckoutRequest } from './price-resolution';
import { compilePricingSnapshot, compileProductSet, productSetNamesOf, type DeployedContractInput, type PricingSnapshotInput } from './pricing-snapshot';

/** Checkout with the reference data terms name: member groups, named price lists, named product sets. */
function contract(id: string, buyers: DeployedContractInput['buyers'], terms: TypedContractTerm[]): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE', startsAt: '2026-01-01T00:00:00Z', endsAt: null,
    currency: 'USD', isBase: false, baseContractId: null, forceContractPrice: false, buyers, terms,
  };
}
const offers = (...skus: string[]) => ({ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: skus.map((sku) => ({ sku, price: '10', currency: 'USD' })) }) as TypedContractTerm;
const order = (buyer: string, ...skus: string[]): CheckoutRequest =>
  ({ buyer, currency: 'USD', at: '2026-06-01T00:00:00Z', lines: skus.map((sku) => ({ sku, quantity: 1, listPrice: '20.00', categories: sku.startsWith('DRL') ? ['power-tools'] : [] })) });
const EAST = 'ou=East,o=Northwind,o=Root';

describe('memberGroupDirectory', () => {
  const directory = memberGroupDirectory([
    { group: 'Distributors', organization: 'o=Northwind, o=Root' },
    { group: 'Gold', organization: 'ou=East,o=Northwind,o=Root' },
    { group: 'Gold', organization: 'o=Contoso,o=Root' },
  ]);

  it('gives an organisation the groups naming it or any ancestor, case- and blank-insensitively', () => {
    expect(directory.groupsOf('OU=East,O=Northwind,O=Root').sort()).toEqual(['Distributors', 'Gold']);
    expect(directory.groupsOf('o=Northwind,o=Root')).toEqual(['Distributors']);
    expect(directory.groupsOf('ou=West,o=Contoso,o=Root')).toEqual(['Gold']);
    expect(directory.groupsOf('o=Elsewhere,o=Root')).toEqual([]);
    expect(directory.memberships).toBe(3);
  });

  it('makes a member-group Buyer and a customer-group price rule apply to the members only', () => {
    const snapshot = compilePricingSnapshot({
      contracts: [contract('g', [{ memberGroup: 'DISTRIBUTORS', active: true }], [
        offers('S', 'T'),
        { type: 'PriceRule', sequenceNumber: 2, rules: [{ itemCode: 'T', rule: '7', customerGroupId: 'gold' }] },
      ])],
    });
    const member = evaluateCheckout(snapshot, order(EAST, 'S', 'T'), directory);
    expect(member.lines.map((l) => [l.contract?.id, l.unitPrice, l.rule])).toEqual([['g', '10.00', 'PriceTCCustomPriceList'], ['g', '7.00', 'PriceRule']]);
    const outsider = evaluateCheckout(snapshot, order('o=Contoso,o=Root', 'S'), directory);
    expect(outsider.violations.map((v) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);
  });
});

describe('named product sets and price lists', () => {
  const terms = (exclusionSet: string): TypedContractTerm[] => [
    offers('S', 'DRL-1'),
    { type: 'ProductSetTCExclusion', sequenceNumber: 2, productSet: { name: exclusionSet } },
    { type: 'PriceTCPriceListWithSelectiveAdjustment', sequenceNumber: 3, priceList: 'Distributor', signedPercentage: '-10', productSet: { name: 'Tools', skus: ['P'] } },
  ];
  const input = (exclusionSet: string): PricingSnapshotInput => ({
    contracts: [contract('a', [{ organization: EAST, active: true }], terms(exclusionSet))],
    priceLists: [{ name: 'Distributor', currency: 'USD', prices: new Map([['P', '15'], ['Q', '16'], ['DRL-9', '18']]) }],
  });
  const price = (snapshot: ReturnType<typeof compilePricingSnapshot>, ...skus: string[]) =>
    evaluateCheckout(snapshot, order(EAST, ...skus), memberGroupDirectory([])).lines.map((l) => `${l.sku}:${l.contract ? l.unitPrice : 'list'}`);

  it('excludes what a named set holds and prices through a named list, adjusting only inside the selective set', () => {
    const snapshot = compilePricingSnapshot({ ...input('Blocked'), productSets: { Blocked: { skus: ['S'] }, Tools: { categories: ['power-tools'] } } });
    // S excluded by the named set; DRL-1 priced by its offer (10) and by nothing else; P adjusted (inline SKU of the selective set): 15 − 10%;
    // Q is outside the set: list price as is; DRL-9 is in the named set's category: 18 − 10%.
    expect(price(snapshot, 'S', 'DRL-1', 'P', 'Q', 'DRL-9')).toEqual(['S:list', 'DRL-1:10.00', 'P:13.50', 'Q:16.00', 'DRL-9:16.20']);
    expect(snapshot.warnings).toEqual([]);
  });

  it('an exclusion naming an undefined set excludes every product (fails closed) and says why', () => {
    const snapshot = compilePricingSnapshot(input('Nowhere'));
    const evaluation = evaluateCheckout(snapshot, order(EAST, 'DRL-1'), memberGroupDirectory([]));
    expect(evaluation.lines[0].contract).toBeNull();
    expect(evaluation.violations.map((v) => v.code)).toEqual(['PRODUCT_NOT_ENTITLED']);
    expect(evaluation.lines[0].explanation.join(' ')).toContain('its product set "Nowhere" is not defined, so it excludes every product');
    expect(snapshot.warnings).toEqual(expect.arrayContaining([expect.stringContaining('product set "Nowhere" is not defined; it excludes every product until it is')]));
  });

  it('shares a precompiled named set between terms and reports the names a contract refers to', () => {
    const tools = compileProductSet({ categories: ['power-tools'] });
    const snapshot = compilePricingSnapshot(
      { contracts: [contract('b', [{ organization: EAST, active: true }], [offers('S'), { type: 'ProductSetTCInclusion', sequenceNumber: 2, productSet: { name: 'Tools' } }])] },
      { productSets: new Map([['Tools', tools]]) });
    expect(snapshot.contractsById.get('b')!.own.inclusions[0].set).toBe(tools);
    expect(productSetNamesOf({ terms: terms('Blocked'), accountTerms: [] }).sort()).toEqual(['Blocked', 'Tools']);
  });
});
