import type { TypedContractTerm } from '@pactum/domain';

/**
 * The XML shape of every term type, shared by the mapper (XML → term) and the writer (term →
 * XML) so the two cannot drift apart. Scalar parameters are attributes named like the
 * parameter; lists are repeated child elements.
 */
export type ValueKind = 'string' | 'decimal' | 'int' | 'bool';

/** [attribute name, parameter name, kind] */
export type AttributeSpec = readonly [string, string, ValueKind];

export interface ListSpec {
  /** Child element name (one per item). */
  element: string;
  /** The term's parameter holding the list. */
  field: string;
  /** Items are objects built from these attributes... */
  attributes?: readonly AttributeSpec[];
  /** ...or strings from the element's text. */
  text?: true;
}

export interface TermSpec {
  /** In Pactum's extension namespace (written with the `px:` prefix). */
  extension?: true;
  /** A price term: may carry px:forceContractPrice. */
  price?: true;
  attributes: readonly AttributeSpec[];
  /** A ProductSet child element: required or optional. */
  productSet?: 'required' | 'optional';
  lists?: readonly ListSpec[];
  /** Property children become a name → value record (TermCondition). */
  properties?: true;
}

const offer: readonly AttributeSpec[] = [
  ['sku', 'sku', 'string'],
  ['price', 'price', 'decimal'],
  ['currency', 'currency', 'string'],
  ['minQuantity', 'minQuantity', 'int'],
  ['maxQuantity', 'maxQuantity', 'int'],
  ['precedence', 'precedence', 'int'],
];

export const TERM_SPECS: Record<TypedContractTerm['type'], TermSpec> = {
  PriceTCMasterCatalogWithOptionalAdjustment: { price: true, attributes: [['signedPercentage', 'signedPercentage', 'decimal']] },
  PriceTCPriceListWithOptionalAdjustment: { price: true, attributes: [['priceList', 'priceList', 'string'], ['signedPercentage', 'signedPercentage', 'decimal']] },
  PriceTCPriceListWithSelectiveAdjustment: {
    price: true,
    attributes: [['priceList', 'priceList', 'string'], ['signedPercentage', 'signedPercentage', 'decimal']],
    productSet: 'required',
  },
  PriceTCCustomPriceList: { price: true, attributes: [['name', 'name', 'string']], lists: [{ element: 'Offer', field: 'offers', attributes: offer }] },
  PriceTCMasterCatalogWithFiltering: {
    price: true,
    attributes: [['signedPercentage', 'signedPercentage', 'decimal']],
    lists: [{
      element: 'Filter',
      field: 'filters',
      attributes: [['action', 'action', 'string'], ['category', 'category', 'string'], ['sku', 'sku', 'string'], ['signedPercentage', 'signedPercentage', 'decimal']],
    }],
  },
  PriceRule: {
    extension: true,
    price: true,
    attributes: [],
    lists: [{
      element: 'Rule',
      field: 'rules',
      attributes: [['itemCode', 'itemCode', 'string'], ['rule', 'rule', 'string'], ['customerId', 'customerId', 'string'], ['customerGroupId', 'customerGroupId', 'string'], ['priceRuleGroup', 'priceRuleGroup', 'string']],
    }],
  },
  ProductSetTCInclusion: { attributes: [], productSet: 'required' },
  ProductSetTCExclusion: { attributes: [], productSet: 'required' },
  ShippingTCShippingMode: { attributes: [['mode', 'mode', 'string']] },
  ShippingTCShipToAddress: { attributes: [['nickname', 'nickname', 'string']] },
  ShippingTCShippingCharge: { attributes: [['policy', 'policy', 'string']] },
  ShippingTCShippingChargeAdjustment: {
    attributes: [['signedPercentage', 'signedPercentage', 'decimal'], ['amount', 'amount', 'decimal'], ['currency', 'currency', 'string']],
    productSet: 'optional',
  },
  FulfillmentTC: { attributes: [], lists: [{ element: 'FulfillmentCenter', field: 'fulfillmentCenters', text: true }] },
  PaymentTCPaymentMethod: { attributes: [['method', 'method', 'string'], ['billingAddress', 'billingAddress', 'string']] },
  ReturnTCReturnCharge: { attributes: [['policy', 'policy', 'string']] },
  ReturnTCReturnApproval: { attributes: [['policy', 'policy', 'string']] },
  ReturnTCRefundPaymentMethod: { attributes: [['method', 'method', 'string']] },
  RightToBuyTCByAmount: { attributes: [['maximumAmount', 'maximumAmount', 'decimal'], ['currency', 'currency', 'string']] },
  ObligationToBuyTCByAmount: { attributes: [['minimumAmount', 'minimumAmount', 'decimal'], ['currency', 'currency', 'string'], ['days', 'days', 'int']] },
  OrderApprovalTC: { attributes: [['thresholdAmount', 'thresholdAmount', 'decimal'], ['currency', 'currency', 'string']] },
  QuantityCommitmentTC: {
    extension: true,
    attributes: [['autoArchive', 'autoArchive', 'bool']],
    lists: [{ element: 'Line', field: 'lines', attributes: [['sku', 'sku', 'string'], ['quantity', 'quantity', 'int']] }],
  },
  TermCondition: { attributes: [['type', 'conditionType', 'string']], properties: true },
};

export function isTermElement(name: string): name is TypedContractTerm['type'] {
  return Object.prototype.hasOwnProperty.call(TERM_SPECS, name);
}
