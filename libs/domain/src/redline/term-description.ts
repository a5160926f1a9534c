import type { CatalogFilter, PriceOffer, PriceRuleLine, ProductSetRef, QuantityCommitmentLine, TypedContractTerm } from '../terms/term-parameters';

/** Names a sales manager reads, per term type (the WCS element names stay in `type`). */
export const TERM_TITLES: Record<TypedContractTerm['type'], string> = {
  PriceTCMasterCatalogWithOptionalAdjustment: 'Whole catalogue at list price ± %',
  PriceTCPriceListWithOptionalAdjustment: 'Price list ± %',
  PriceTCPriceListWithSelectiveAdjustment: 'Price list with % on a product set',
  PriceTCCustomPriceList: 'Custom price list',
  PriceTCMasterCatalogWithFiltering: 'Filtered catalogue',
  PriceRule: 'Price rules',
  ProductSetTCInclusion: 'Products included',
  ProductSetTCExclusion: 'Products excluded',
  ShippingTCShippingMode: 'Shipping mode allowed',
  ShippingTCShipToAddress: 'Ship-to address allowed',
  ShippingTCShippingCharge: 'Shipping charge',
  ShippingTCShippingChargeAdjustment: 'Shipping charge adjustment',
  FulfillmentTC: 'Fulfilment centres',
  PaymentTCPaymentMethod: 'Payment method allowed',
  ReturnTCReturnCharge: 'Return charge',
  ReturnTCReturnApproval: 'Return approval',
  ReturnTCRefundPaymentMethod: 'Refund payment method',
  RightToBuyTCByAmount: 'Right to buy (spending cap)',
  ObligationToBuyTCByAmount: 'Obligation to buy',
  OrderApprovalTC: 'Order approval',
  QuantityCommitmentTC: 'Quantity commitments',
  TermCondition: 'Extended term',
};

/** Labels of term parameters (anything not listed shows its own name). */
export const PARAMETER_LABELS: Record<string, string> = {
  signedPercentage: 'adjustment',
  priceList: 'price list',
  name: 'name',
  mode: 'mode',
  nickname: 'address',
  policy: 'policy',
  amount: 'amount',
  currency: 'currency',
  method: 'method',
  billingAddress: 'bill-to address',
  maximumAmount: 'cap',
  minimumAmount: 'minimum',
  thresholdAmount: 'threshold',
  days: 'days',
  autoArchive: 'archive when completed',
  conditionType: 'condition type',
};

export function termTitle(term: { type: string; sequenceNumber: number }): string {
  return `${TERM_TITLES[term.type as TypedContractTerm['type']] ?? term.type} (term ${term.sequenceNumber})`;
}

/** "-5" → "-5%", "+2" stays "+2%". */
export const percent = (p: string) => `${p}%`;

export function offerKey(o: PriceOffer): string {
  return `${o.sku} ${o.currency}${o.minQuantity !== undefined ? ` from ${o.minQuantity}` : ''}`;
}

export function offerText(o: PriceOffer): string {
  return [`${o.price} ${o.currency}`, o.maxQuantity !== undefined ? `up to ${o.maxQuantity}` : '', o.precedence !== undefined ? `precedence ${o.precedence}` : '']
    .filter(Boolean).join(', ');
}

export function filterKey(f: CatalogFilter): string {
  return `${f.action} ${f.category !== undefined ? `category ${f.category}` : `SKU ${f.sku}`}`;
}

export function filterText(f: CatalogFilter): string {
  return f.action === 'exclude' ? 'excluded' : f.signedPercentage !== undefined ? percent(f.signedPercentage) : 'included';
}

export function ruleKey(r: PriceRuleLine): string {
  const scope = r.customerId !== undefined ? `customer ${r.customerId}` : r.customerGroupId !== undefined ? `customer group ${r.customerGroupId}`
    : r.priceRuleGroup !== undefined ? `pricing group ${r.priceRuleGroup}` : 'everyone';
  return `${r.itemCode} for ${scope}`;
}

export function lineKey(l: QuantityCommitmentLine): string {
  return l.sku;
}

export function productSetText(p: ProductSetRef): string {
  return [
    p.name !== undefined ? `set "${p.name}"` : '',
    p.skus?.length ? `SKUs ${p.skus.join(', ')}` : '',
    p.categories?.length ? `categories ${p.categories.join(', ')}` : '',
  ].filter(Boolean).join('; ');
}

/** A term as a title and readable lines (what the contract page shows for every term). */
export function describeTerm(term: TypedContractTerm): { title: string; lines: string[] } {
  const lines: string[] = [];
  const t = term as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(t)) {
    if (key === 'type' || key === 'sequenceNumber' || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const label = PARAMETER_LABELS[key] ?? key;
      lines.push(`${label}: ${key === 'signedPercentage' ? percent(String(value)) : typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`);
    }
  }
  switch (term.type) {
    case 'PriceTCCustomPriceList': for (const o of term.offers) lines.push(`${offerKey(o)}: ${offerText(o)}`); break;
    case 'PriceTCMasterCatalogWithFiltering': for (const f of term.filters) lines.push(`${filterKey(f)}: ${filterText(f)}`); break;
    case 'PriceRule': for (const r of term.rules) lines.push(`${ruleKey(r)}: ${r.rule}`); break;
    case 'QuantityCommitmentTC': for (const l of term.lines) lines.push(`${l.sku}: ${l.quantity} reserved`); break;
    case 'FulfillmentTC': lines.push(`centres: ${term.fulfillmentCenters.join(', ')}`); break;
    case 'TermCondition': for (const [k, v] of Object.entries(term.properties)) lines.push(`${k} = ${v}`); break;
    default: break;
  }
  if ('productSet' in term && term.productSet) lines.push(`products: ${productSetText(term.productSet)}`);
  if (term.buyers?.length) lines.push(`only for: ${term.buyers.join('; ')}`);
  for (const [locale, text] of Object.entries(term.descriptions ?? {})) lines.push(`description (${locale}): ${text}`);
  return { title: termTitle(term), lines };
}
