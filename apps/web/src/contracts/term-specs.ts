/**
 * What the editor knows about each term type: its title, and the form of its parameters (the
 * API's names, CONTRACT-MODEL.md's meaning). One table drives every term form.
 */
export type Scalar = 'text' | 'decimal' | 'int' | 'bool';

export interface Column { key: string; label: string; kind: Scalar | 'enum'; options?: string[]; required?: boolean }

export type FieldSpec =
  | { key: string; label: string; kind: Scalar; required?: boolean; hint?: string }
  | { key: string; label: string; kind: 'enum'; options: string[]; required?: boolean }
  | { key: string; label: string; kind: 'codes'; required?: boolean; hint?: string }
  | { key: string; label: string; kind: 'productSet'; required?: boolean }
  | { key: string; label: string; kind: 'rows'; columns: Column[]; csv?: string; required?: boolean }
  | { key: string; label: string; kind: 'properties' };

export interface TermSpec { type: string; title: string; group: string; fields: FieldSpec[]; once?: boolean }

const pct = (required = false): FieldSpec => ({ key: 'signedPercentage', label: 'Adjustment (%)', kind: 'decimal', required, hint: 'Signed: -5 is 5% off list price' });

export const TERM_SPECS: TermSpec[] = [
  { type: 'PriceTCMasterCatalogWithOptionalAdjustment', group: 'Pricing', title: 'Whole catalogue at list price ± %', once: true, fields: [pct()] },
  { type: 'PriceTCPriceListWithOptionalAdjustment', group: 'Pricing', title: 'Price list ± %', fields: [{ key: 'priceList', label: 'Price list', kind: 'text', required: true }, pct()] },
  { type: 'PriceTCPriceListWithSelectiveAdjustment', group: 'Pricing', title: 'Price list with % on a product set', fields: [{ key: 'priceList', label: 'Price list', kind: 'text', required: true }, pct(true), { key: 'productSet', label: 'Product set', kind: 'productSet', required: true }] },
  {
    type: 'PriceTCCustomPriceList', group: 'Pricing', title: 'Custom price list', fields: [
      { key: 'name', label: 'Price list name (optional)', kind: 'text' },
      {
        key: 'offers', label: 'Offers', kind: 'rows', required: true, csv: 'sku,price,currency,minQuantity,maxQuantity',
        columns: [
          { key: 'sku', label: 'SKU', kind: 'text', required: true }, { key: 'price', label: 'Price', kind: 'decimal', required: true },
          { key: 'currency', label: 'Currency', kind: 'text', required: true }, { key: 'minQuantity', label: 'From quantity', kind: 'int' },
          { key: 'maxQuantity', label: 'Up to quantity', kind: 'int' },
        ],
      },
    ],
  },
  {
    type: 'PriceTCMasterCatalogWithFiltering', group: 'Pricing', title: 'Catalogue with inclusions and exclusions', fields: [
      { ...pct(), label: 'Adjustment of included items (%)' } as FieldSpec,
      {
        key: 'filters', label: 'Filters', kind: 'rows', required: true, csv: 'action,category,sku,signedPercentage',
        columns: [
          { key: 'action', label: 'Action', kind: 'enum', options: ['include', 'exclude'], required: true }, { key: 'category', label: 'Category', kind: 'text' },
          { key: 'sku', label: 'SKU', kind: 'text' }, { key: 'signedPercentage', label: 'Adjustment (%)', kind: 'decimal' },
        ],
      },
    ],
  },
  {
    type: 'PriceRule', group: 'Pricing', title: 'Price rules', fields: [{
      key: 'rules', label: 'Rules', kind: 'rows', required: true, csv: 'itemCode,rule,customerId,customerGroupId,priceRuleGroup',
      columns: [
        { key: 'itemCode', label: 'Item', kind: 'text', required: true }, { key: 'rule', label: 'Rule (24, -15%, +2)', kind: 'text', required: true },
        { key: 'customerId', label: 'Customer', kind: 'text' }, { key: 'customerGroupId', label: 'Customer group', kind: 'text' },
        { key: 'priceRuleGroup', label: 'Rule group', kind: 'text' },
      ],
    }],
  },
  { type: 'ProductSetTCInclusion', group: 'Products', title: 'Products included', fields: [{ key: 'productSet', label: 'Product set', kind: 'productSet', required: true }] },
  { type: 'ProductSetTCExclusion', group: 'Products', title: 'Products excluded', fields: [{ key: 'productSet', label: 'Product set', kind: 'productSet', required: true }] },
  { type: 'ShippingTCShippingMode', group: 'Shipping', title: 'Shipping mode allowed', fields: [{ key: 'mode', label: 'Mode', kind: 'text', required: true }] },
  { type: 'ShippingTCShipToAddress', group: 'Shipping', title: 'Ship-to address allowed', fields: [{ key: 'nickname', label: 'Address nickname', kind: 'text', required: true }] },
  { type: 'ShippingTCShippingCharge', group: 'Shipping', title: 'Shipping charge policy', once: true, fields: [{ key: 'policy', label: 'Policy', kind: 'enum', options: ['StandardShippingChargeBySeller', 'ShippingChargeByCarrier', 'NoShippingCharge'], required: true }] },
  {
    type: 'ShippingTCShippingChargeAdjustment', group: 'Shipping', title: 'Shipping charge adjustment', fields: [
      pct(), { key: 'amount', label: 'Or an amount', kind: 'decimal' }, { key: 'currency', label: 'Amount currency', kind: 'text' },
      { key: 'productSet', label: 'Only for the product set (optional)', kind: 'productSet' },
    ],
  },
  { type: 'FulfillmentTC', group: 'Shipping', title: 'Fulfilment centres', fields: [{ key: 'fulfillmentCenters', label: 'Centres (up to 3)', kind: 'codes', required: true }] },
  { type: 'PaymentTCPaymentMethod', group: 'Payment', title: 'Payment method allowed', fields: [{ key: 'method', label: 'Method', kind: 'text', required: true }, { key: 'billingAddress', label: 'Fixed bill-to address (optional)', kind: 'text' }] },
  { type: 'ReturnTCReturnCharge', group: 'Returns', title: 'Return charge', fields: [{ key: 'policy', label: 'Policy', kind: 'text', required: true }] },
  { type: 'ReturnTCReturnApproval', group: 'Returns', title: 'Return approval', fields: [{ key: 'policy', label: 'Policy', kind: 'text', required: true }] },
  { type: 'ReturnTCRefundPaymentMethod', group: 'Returns', title: 'Refund payment method', fields: [{ key: 'method', label: 'Method', kind: 'text', required: true }] },
  { type: 'RightToBuyTCByAmount', group: 'Limits', title: 'Right to buy (spending cap)', once: true, fields: [{ key: 'maximumAmount', label: 'Maximum amount', kind: 'decimal', required: true }, { key: 'currency', label: 'Currency', kind: 'text', required: true }] },
  { type: 'ObligationToBuyTCByAmount', group: 'Limits', title: 'Obligation to buy', once: true, fields: [{ key: 'minimumAmount', label: 'Minimum amount', kind: 'decimal', required: true }, { key: 'currency', label: 'Currency', kind: 'text', required: true }, { key: 'days', label: 'Within days', kind: 'int', required: true }] },
  { type: 'OrderApprovalTC', group: 'Limits', title: 'Order approval threshold', once: true, fields: [{ key: 'thresholdAmount', label: 'Orders from', kind: 'decimal', required: true }, { key: 'currency', label: 'Currency (default: the contract\'s)', kind: 'text' }] },
  {
    type: 'QuantityCommitmentTC', group: 'Limits', title: 'Quantity commitments', once: true, fields: [
      { key: 'lines', label: 'Reserved lines', kind: 'rows', required: true, csv: 'sku,quantity', columns: [{ key: 'sku', label: 'SKU', kind: 'text', required: true }, { key: 'quantity', label: 'Quantity', kind: 'int', required: true }] },
      { key: 'autoArchive', label: 'Archive once completed', kind: 'bool' },
    ],
  },
  { type: 'TermCondition', group: 'Other', title: 'Extended term', fields: [{ key: 'conditionType', label: 'Type', kind: 'text', required: true }, { key: 'properties', label: 'Properties (name=value per line)', kind: 'properties' }] },
];

export const SPEC_BY_TYPE = new Map(TERM_SPECS.map((s) => [s.type, s]));

/** A new term of the type with its required parameters empty. */
export function blankTerm(type: string, sequenceNumber: number): Record<string, unknown> {
  const spec = SPEC_BY_TYPE.get(type)!;
  const term: Record<string, unknown> = { type, sequenceNumber };
  for (const f of spec.fields) {
    if (f.kind === 'rows') term[f.key] = [];
    else if (f.kind === 'productSet' && f.required) term[f.key] = { skus: [] };
    else if (f.kind === 'properties') term[f.key] = {};
    else if (f.kind === 'codes' && f.required) term[f.key] = [];
  }
  return term;
}
