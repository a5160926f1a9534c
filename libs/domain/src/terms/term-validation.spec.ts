import { TERM_TYPES, validateTerm } from './term-validation';
import type { TypedContractTerm } from './term-parameters';

type Problem = { field: string; message: string };

function check(input: unknown, field = 'terms[2]'): { term: TypedContractTerm | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const term = validateTerm(input, field, (f, message) => problems.push({ field: f, message }));
  return { term, problems };
}

const fieldsOf = (input: unknown) => check(input).problems.map((p) => p.field);

/** One valid term of every type, with every optional parameter somewhere. */
const VALID: Record<TypedContractTerm['type'], Record<string, unknown>> = {
  PriceTCMasterCatalogWithOptionalAdjustment: { signedPercentage: '-5' },
  PriceTCPriceListWithOptionalAdjustment: { priceList: 'SPRING-2026', signedPercentage: '2.5' },
  PriceTCPriceListWithSelectiveAdjustment: { priceList: 'SPRING-2026', signedPercentage: '-10', productSet: { skus: ['SKU-1'], categories: ['Pumps'] } },
  PriceTCCustomPriceList: {
    name: 'NWF-2026',
    offers: [
      { sku: 'SKU-1', price: '18.40', currency: 'USD' },
      { sku: 'SKU-1', price: '17.90', currency: 'USD', minQuantity: 100, maxQuantity: 999, precedence: 2 },
      { sku: 'SKU-1', price: '16.00', currency: 'EUR' },
    ],
  },
  PriceTCMasterCatalogWithFiltering: {
    signedPercentage: '-3',
    filters: [
      { action: 'include', category: 'Pumps', signedPercentage: '-8' },
      { action: 'exclude', sku: 'SKU-9' },
    ],
  },
  PriceRule: {
    rules: [
      { itemCode: 'SKU-1', rule: '24' },
      { itemCode: 'SKU-1', rule: '-15%', customerId: 'C-17' },
      { itemCode: 'SKU-2', rule: '+2', customerGroupId: 'WHOLESALE' },
      { itemCode: 'SKU-3', rule: '-10', priceRuleGroup: 'GOLD' },
    ],
  },
  ProductSetTCInclusion: { productSet: { name: 'Approved tools' } },
  ProductSetTCExclusion: { productSet: { skus: ['SKU-9'] } },
  ShippingTCShippingMode: { mode: 'UPS-GROUND' },
  ShippingTCShipToAddress: { nickname: 'EAST-DOCK' },
  ShippingTCShippingCharge: { policy: 'ShippingChargeByCarrier' },
  ShippingTCShippingChargeAdjustment: { amount: '-5.00', currency: 'USD', productSet: { categories: ['Bulky'] } },
  FulfillmentTC: { fulfillmentCenters: ['FC-EAST', 'FC-WEST'] },
  PaymentTCPaymentMethod: { method: 'PO-NET30', billingAddress: 'HQ' },
  ReturnTCReturnCharge: { policy: 'RESTOCKING-15' },
  ReturnTCReturnApproval: { policy: 'MANUAL' },
  ReturnTCRefundPaymentMethod: { method: 'ORIGINAL' },
  RightToBuyTCByAmount: { maximumAmount: '250000.00', currency: 'USD' },
  ObligationToBuyTCByAmount: { minimumAmount: '10000', currency: 'USD', days: 90 },
  OrderApprovalTC: { thresholdAmount: '5000', currency: 'USD' },
  QuantityCommitmentTC: { lines: [{ sku: 'KEG-50', quantity: 40 }, { sku: 'KEG-20', quantity: 10 }], autoArchive: true },
  TermCondition: { conditionType: 'PalletRule', properties: { minPallets: '2', note: '' } },
};

const term = (type: TypedContractTerm['type'], params: Record<string, unknown> = VALID[type]) => ({ type, sequenceNumber: 3, ...params });

describe('validateTerm', () => {
  it('knows every term type of term-parameters.ts', () => {
    expect([...TERM_TYPES].sort()).toEqual(Object.keys(VALID).sort());
  });

  describe('a valid term of every type', () => {
    it.each(TERM_TYPES.map((t) => [t]))('%s passes and comes back unchanged', (type) => {
      const input = term(type);
      const before = structuredClone(input);
      const { term: result, problems } = check(input);
      expect(problems).toEqual([]);
      expect(result).toEqual(input);
      expect(input).toEqual(before);
    });

    it.each(TERM_TYPES.map((t) => [t]))('%s carries descriptions and buyers', (type) => {
      const input = { ...term(type), descriptions: { en_US: 'Spring', 'de-DE': 'Frühling' }, buyers: ['ou=East,o=Northwind,o=Root Organization'] };
      expect(check(input)).toEqual({ term: input, problems: [] });
    });
  });

  it('normalises: trims codes and currencies, drops undefined parameters', () => {
    const { term: result, problems } = check({
      type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: undefined,
      offers: [{ sku: ' SKU-1 ', price: '1', currency: ' USD ', precedence: undefined }],
    });
    expect(problems).toEqual([]);
    expect(result).toEqual({ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: 'SKU-1', price: '1', currency: 'USD' }] });
    expect(Object.keys(result!)).toEqual(['type', 'sequenceNumber', 'offers']);
    expect(Object.keys((result as any).offers[0])).toEqual(['sku', 'price', 'currency']);
  });

  it('accepts the minimal forms', () => {
    for (const input of [
      term('PriceTCMasterCatalogWithOptionalAdjustment', {}),
      term('PriceTCPriceListWithOptionalAdjustment', { priceList: 'P' }),
      term('ShippingTCShippingChargeAdjustment', { signedPercentage: '-100' }),
      term('OrderApprovalTC', { thresholdAmount: '0' }),
      term('TermCondition', { conditionType: 'X', properties: {} }),
      term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '0', currency: 'USD', minQuantity: 5, maxQuantity: 5 }] }),
    ]) {
      expect(check(input)).toEqual({ term: input, problems: [] });
    }
  });

  describe('each failure mode names its field', () => {
    it.each<[string, unknown, string[]]>([
      // envelope
      ['not an object', 'PriceRule', ['terms[2]']],
      ['an array', [], ['terms[2]']],
      ['an unknown type', { type: 'Discount', sequenceNumber: 1, foo: 1 }, ['terms[2].type']],
      ['a negative sequence number', { ...term('ShippingTCShippingMode'), sequenceNumber: -1 }, ['terms[2].sequenceNumber']],
      ['a huge sequence number', { ...term('ShippingTCShippingMode'), sequenceNumber: 2 ** 60 }, ['terms[2].sequenceNumber']],
      ['descriptions as a string', { ...term('ShippingTCShippingMode'), descriptions: 'x' }, ['terms[2].descriptions']],
      ['a description under a bad locale', { ...term('ShippingTCShippingMode'), descriptions: { 'en US': 'x' } }, ['terms[2].descriptions.en US']],
      ['a description that is a number', { ...term('ShippingTCShippingMode'), descriptions: { en: 1 } }, ['terms[2].descriptions.en']],
      ['buyers as a string', { ...term('ShippingTCShippingMode'), buyers: 'o=N,o=Root' }, ['terms[2].buyers']],
      ['an empty buyers list', { ...term('ShippingTCShippingMode'), buyers: [] }, ['terms[2].buyers']],
      ['a buyer that is not a DN', { ...term('ShippingTCShippingMode'), buyers: ['o=N,o=Root', 'Northwind'] }, ['terms[2].buyers[1]']],
      ['a buyer listed twice', { ...term('ShippingTCShippingMode'), buyers: ['o=N,o=Root', 'O=n,o=root'] }, ['terms[2].buyers[1]']],
      ['an unknown parameter', { ...term('ShippingTCShippingMode'), modes: 'FEDEX' }, ['terms[2].modes']],
      // PriceTCMasterCatalogWithOptionalAdjustment
      ['a master catalogue % as a number', term('PriceTCMasterCatalogWithOptionalAdjustment', { signedPercentage: -5 }), ['terms[2].signedPercentage']],
      ['a master catalogue % below -100', term('PriceTCMasterCatalogWithOptionalAdjustment', { signedPercentage: '-100.5' }), ['terms[2].signedPercentage']],
      ['a master catalogue with a price list', term('PriceTCMasterCatalogWithOptionalAdjustment', { priceList: 'P' }), ['terms[2].priceList']],
      // PriceTCPriceListWithOptionalAdjustment
      ['a price list adjustment without price list', term('PriceTCPriceListWithOptionalAdjustment', { signedPercentage: '1' }), ['terms[2].priceList']],
      ['a blank price list', term('PriceTCPriceListWithOptionalAdjustment', { priceList: '  ' }), ['terms[2].priceList']],
      ['a price list name over 256 characters', term('PriceTCPriceListWithOptionalAdjustment', { priceList: 'P'.repeat(257) }), ['terms[2].priceList']],
      ['a price list adjustment with seven decimals', term('PriceTCPriceListWithOptionalAdjustment', { priceList: 'P', signedPercentage: '1.1234567' }), ['terms[2].signedPercentage']],
      // PriceTCPriceListWithSelectiveAdjustment
      ['a selective adjustment without %', term('PriceTCPriceListWithSelectiveAdjustment', { priceList: 'P', productSet: { skus: ['A'] } }), ['terms[2].signedPercentage']],
      ['a selective adjustment without product set', term('PriceTCPriceListWithSelectiveAdjustment', { priceList: 'P', signedPercentage: '1' }), ['terms[2].productSet']],
      ['a product set that is a list', term('PriceTCPriceListWithSelectiveAdjustment', { priceList: 'P', signedPercentage: '1', productSet: ['A'] }), ['terms[2].productSet']],
      ['an empty product set', term('PriceTCPriceListWithSelectiveAdjustment', { priceList: 'P', signedPercentage: '1', productSet: {} }), ['terms[2].productSet']],
      ['a product set with an empty SKU list', term('ProductSetTCInclusion', { productSet: { skus: [] } }), ['terms[2].productSet.skus']],
      ['a product set with a blank SKU', term('ProductSetTCInclusion', { productSet: { skus: ['A', ' '] } }), ['terms[2].productSet.skus[1]']],
      ['a product set with a repeated category', term('ProductSetTCExclusion', { productSet: { categories: ['Pumps', 'Pumps'] } }), ['terms[2].productSet.categories[1]']],
      ['a product set with a misspelt key', term('ProductSetTCExclusion', { productSet: { name: 'X', sku: ['A'] } }), ['terms[2].productSet.sku']],
      ['an inclusion without product set', term('ProductSetTCInclusion', {}), ['terms[2].productSet']],
      // PriceTCCustomPriceList
      ['a custom price list without offers', term('PriceTCCustomPriceList', {}), ['terms[2].offers']],
      ['a custom price list with no offers', term('PriceTCCustomPriceList', { offers: [] }), ['terms[2].offers']],
      ['an offer that is a string', term('PriceTCCustomPriceList', { offers: ['A'] }), ['terms[2].offers[0]']],
      ['an offer without SKU', term('PriceTCCustomPriceList', { offers: [{ price: '1', currency: 'USD' }] }), ['terms[2].offers[0].sku']],
      ['an offer without price', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', currency: 'USD' }] }), ['terms[2].offers[0].price']],
      ['a negative offer price', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '-0.01', currency: 'USD' }] }), ['terms[2].offers[0].price']],
      ['an offer without currency', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1' }] }), ['terms[2].offers[0].currency']],
      ['an offer in lowercase currency', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1', currency: 'usd' }] }), ['terms[2].offers[0].currency']],
      ['an offer with a zero minimum quantity', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1', currency: 'USD', minQuantity: 0 }] }), ['terms[2].offers[0].minQuantity']],
      ['an offer with a fractional maximum', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1', currency: 'USD', maxQuantity: 2.5 }] }), ['terms[2].offers[0].maxQuantity']],
      ['an offer with min above max', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1', currency: 'USD', minQuantity: 10, maxQuantity: 9 }] }), ['terms[2].offers[0].maxQuantity']],
      ['an offer with a string precedence', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1', currency: 'USD', precedence: '1' }] }), ['terms[2].offers[0].precedence']],
      ['an offer with a misspelt key', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1', currency: 'USD', minQty: 5 }] }), ['terms[2].offers[0].minQty']],
      ['two offers for the same band', term('PriceTCCustomPriceList', { offers: [{ sku: 'A', price: '1', currency: 'USD' }, { sku: 'B', price: '1', currency: 'USD' }, { sku: 'A', price: '2', currency: 'USD', minQuantity: 1 }] }), ['terms[2].offers[2]']],
      ['an error deep in a long list', term('PriceTCCustomPriceList', { offers: [0, 1, 2, 3, 4, 5].map((i) => ({ sku: `S${i}`, price: i === 5 ? 'x' : '1', currency: 'USD' })) }), ['terms[2].offers[5].price']],
      // PriceTCMasterCatalogWithFiltering
      ['a filtered catalogue without filters', term('PriceTCMasterCatalogWithFiltering', { signedPercentage: '1' }), ['terms[2].filters']],
      ['a filter with a bad action', term('PriceTCMasterCatalogWithFiltering', { filters: [{ action: 'keep', sku: 'A' }] }), ['terms[2].filters[0].action']],
      ['a filter with both sku and category', term('PriceTCMasterCatalogWithFiltering', { filters: [{ action: 'include', sku: 'A', category: 'C' }] }), ['terms[2].filters[0]']],
      ['a filter with neither sku nor category', term('PriceTCMasterCatalogWithFiltering', { filters: [{ action: 'include' }] }), ['terms[2].filters[0]']],
      ['a filter % below -100', term('PriceTCMasterCatalogWithFiltering', { filters: [{ action: 'include', sku: 'A', signedPercentage: '-101' }] }), ['terms[2].filters[0].signedPercentage']],
      // PriceRule
      ['price rules without rules', term('PriceRule', {}), ['terms[2].rules']],
      ['a price rule without item code', term('PriceRule', { rules: [{ rule: '24' }] }), ['terms[2].rules[0].itemCode']],
      ['a price rule without rule', term('PriceRule', { rules: [{ itemCode: 'A' }] }), ['terms[2].rules[0].rule']],
      ['a price rule that is a number', term('PriceRule', { rules: [{ itemCode: 'A', rule: 24 }] }), ['terms[2].rules[0].rule']],
      ['a price rule with words', term('PriceRule', { rules: [{ itemCode: 'A', rule: 'cheap' }] }), ['terms[2].rules[0].rule']],
      ['a price rule with a double sign', term('PriceRule', { rules: [{ itemCode: 'A', rule: '--5' }] }), ['terms[2].rules[0].rule']],
      ['a price rule of -150%', term('PriceRule', { rules: [{ itemCode: 'A', rule: '-150%' }] }), ['terms[2].rules[0].rule']],
      ['a price rule for a customer and a group', term('PriceRule', { rules: [{ itemCode: 'A', rule: '1', customerId: 'C', customerGroupId: 'G' }] }), ['terms[2].rules[0]']],
      ['a price rule for a group and a pricing group', term('PriceRule', { rules: [{ itemCode: 'A', rule: '1', customerGroupId: 'G', priceRuleGroup: 'P' }] }), ['terms[2].rules[0]']],
      ['two rules for the same item and scope', term('PriceRule', { rules: [{ itemCode: 'A', rule: '1', customerId: 'C' }, { itemCode: 'A', rule: '2', customerId: 'C' }] }), ['terms[2].rules[1]']],
      // shipping
      ['a shipping mode without mode', term('ShippingTCShippingMode', {}), ['terms[2].mode']],
      ['a shipping mode as a list', term('ShippingTCShippingMode', { mode: ['UPS'] }), ['terms[2].mode']],
      ['a ship-to without nickname', term('ShippingTCShipToAddress', {}), ['terms[2].nickname']],
      ['an unknown shipping charge policy', term('ShippingTCShippingCharge', { policy: 'Free' }), ['terms[2].policy']],
      ['a shipping charge without policy', term('ShippingTCShippingCharge', {}), ['terms[2].policy']],
      ['an adjustment with neither % nor amount', term('ShippingTCShippingChargeAdjustment', {}), ['terms[2]']],
      ['an adjustment with both % and amount', term('ShippingTCShippingChargeAdjustment', { signedPercentage: '1', amount: '1', currency: 'USD' }), ['terms[2]']],
      ['an adjustment amount without currency', term('ShippingTCShippingChargeAdjustment', { amount: '1' }), ['terms[2].currency']],
      ['an adjustment % with a currency', term('ShippingTCShippingChargeAdjustment', { signedPercentage: '1', currency: 'USD' }), ['terms[2].currency']],
      ['an adjustment % below -100', term('ShippingTCShippingChargeAdjustment', { signedPercentage: '-200' }), ['terms[2].signedPercentage']],
      ['an adjustment with an empty product set', term('ShippingTCShippingChargeAdjustment', { signedPercentage: '1', productSet: {} }), ['terms[2].productSet']],
      ['fulfilment without centres', term('FulfillmentTC', {}), ['terms[2].fulfillmentCenters']],
      ['fulfilment with no centres', term('FulfillmentTC', { fulfillmentCenters: [] }), ['terms[2].fulfillmentCenters']],
      ['fulfilment with a repeated centre', term('FulfillmentTC', { fulfillmentCenters: ['FC-1', ' FC-1'] }), ['terms[2].fulfillmentCenters[1]']],
      ['fulfilment with a numeric centre', term('FulfillmentTC', { fulfillmentCenters: [7] }), ['terms[2].fulfillmentCenters[0]']],
      // payment and returns
      ['a payment method without method', term('PaymentTCPaymentMethod', { billingAddress: 'HQ' }), ['terms[2].method']],
      ['a payment method with a blank billing address', term('PaymentTCPaymentMethod', { method: 'VISA', billingAddress: '' }), ['terms[2].billingAddress']],
      ['a return charge without policy', term('ReturnTCReturnCharge', {}), ['terms[2].policy']],
      ['a return approval without policy', term('ReturnTCReturnApproval', {}), ['terms[2].policy']],
      ['a refund method without method', term('ReturnTCRefundPaymentMethod', {}), ['terms[2].method']],
      // amounts
      ['a right-to-buy cap of zero', term('RightToBuyTCByAmount', { maximumAmount: '0', currency: 'USD' }), ['terms[2].maximumAmount']],
      ['a negative right-to-buy cap', term('RightToBuyTCByAmount', { maximumAmount: '-1', currency: 'USD' }), ['terms[2].maximumAmount']],
      ['a right-to-buy without currency', term('RightToBuyTCByAmount', { maximumAmount: '1' }), ['terms[2].currency']],
      ['a right-to-buy without cap', term('RightToBuyTCByAmount', { currency: 'USD' }), ['terms[2].maximumAmount']],
      ['an obligation of zero', term('ObligationToBuyTCByAmount', { minimumAmount: '0.000000', currency: 'USD', days: 30 }), ['terms[2].minimumAmount']],
      ['an obligation without days', term('ObligationToBuyTCByAmount', { minimumAmount: '1', currency: 'USD' }), ['terms[2].days']],
      ['an obligation over 0 days', term('ObligationToBuyTCByAmount', { minimumAmount: '1', currency: 'USD', days: 0 }), ['terms[2].days']],
      ['an obligation in a made-up currency', term('ObligationToBuyTCByAmount', { minimumAmount: '1', currency: 'DOLLARS', days: 1 }), ['terms[2].currency']],
      ['a negative approval threshold', term('OrderApprovalTC', { thresholdAmount: '-1' }), ['terms[2].thresholdAmount']],
      ['an approval threshold with a plus sign', term('OrderApprovalTC', { thresholdAmount: '+1' }), ['terms[2].thresholdAmount']],
      ['an approval threshold in bad currency', term('OrderApprovalTC', { thresholdAmount: '1', currency: 'Usd' }), ['terms[2].currency']],
      // quantity commitments
      ['a commitment without lines', term('QuantityCommitmentTC', {}), ['terms[2].lines']],
      ['a commitment line without SKU', term('QuantityCommitmentTC', { lines: [{ quantity: 1 }] }), ['terms[2].lines[0].sku']],
      ['a commitment line of zero', term('QuantityCommitmentTC', { lines: [{ sku: 'A', quantity: 0 }] }), ['terms[2].lines[0].quantity']],
      ['a commitment line as a string quantity', term('QuantityCommitmentTC', { lines: [{ sku: 'A', quantity: '5' }] }), ['terms[2].lines[0].quantity']],
      ['a commitment with a repeated SKU', term('QuantityCommitmentTC', { lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 1 }, { sku: 'A', quantity: 2 }] }), ['terms[2].lines[2].sku']],
      ['a commitment with autoArchive as a string', term('QuantityCommitmentTC', { lines: [{ sku: 'A', quantity: 1 }], autoArchive: 'yes' }), ['terms[2].autoArchive']],
      // extended terms
      ['a term condition without type', term('TermCondition', { properties: {} }), ['terms[2].conditionType']],
      ['a term condition without properties', term('TermCondition', { conditionType: 'X' }), ['terms[2].properties']],
      ['a term condition with properties as a list', term('TermCondition', { conditionType: 'X', properties: [] }), ['terms[2].properties']],
      ['a term condition with a numeric property', term('TermCondition', { conditionType: 'X', properties: { a: 'x', minPallets: 2 } }), ['terms[2].properties.minPallets']],
    ])('%s', (_label, input, fields) => {
      const { term: result, problems } = check(input);
      expect(problems.map((p) => p.field)).toEqual(fields);
      for (const p of problems) expect(p.message).not.toHaveLength(0);
      expect(result).toBeUndefined();
    });
  });

  it('names the unknown parameter and says why', () => {
    expect(check({ ...term('RightToBuyTCByAmount'), maximumAmmount: '5' }).problems).toEqual([
      { field: 'terms[2].maximumAmmount', message: expect.stringContaining('spelling') },
    ]);
  });

  it('reports every problem of a term at once', () => {
    expect(fieldsOf(term('ObligationToBuyTCByAmount', { minimumAmount: 'x', days: -1, extra: true })).sort()).toEqual(
      ['terms[2].currency', 'terms[2].days', 'terms[2].extra', 'terms[2].minimumAmount'],
    );
  });

  it('names the unknown type in its message', () => {
    expect(check({ type: 'PriceTCMagic', sequenceNumber: 1 }).problems[0].message).toContain('"PriceTCMagic"');
  });
});

