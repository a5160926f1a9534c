/**
 * The parameters of every term type of CONTRACT-MODEL.md, as the API carries them (element names
 * of the WCS `Package` format, parameters in camelCase). This file is the one contract between
 * the API, the XML import/export, persistence and price resolution: change it deliberately.
 *
 * Conventions: money and percentages are decimal strings (`"-5"`, `"18.40"`); quantities are
 * integers; codes (SKUs, categories, modes, methods, policies, nicknames) are strings.
 */

/** A decimal string: `-?\d{1,12}(\.\d{1,6})?`. Never a float. */
export type Decimal = string;

/** Product set: a named set, or inline SKUs and/or categories (at least one of the three). */
export interface ProductSetRef {
  name?: string;
  skus?: string[];
  categories?: string[];
}

/** Fields every term has. */
export interface TermCommon {
  sequenceNumber: number;
  /** Optional description per locale, e.g. `{ "en_US": "Spring promotion" }`. */
  descriptions?: Record<string, string>;
  /** Restricts the term to some of the contract's buyers (distinguished names); absent = all buyers. */
  buyers?: string[];
}

/** The whole catalogue at list price ± a signed percentage (at most one per contract). */
export interface MasterCatalogAdjustmentTerm extends TermCommon {
  type: 'PriceTCMasterCatalogWithOptionalAdjustment';
  signedPercentage?: Decimal;
}

/** A named price list ± %. Price lists are seller data (not part of the contract). */
export interface PriceListAdjustmentTerm extends TermCommon {
  type: 'PriceTCPriceListWithOptionalAdjustment';
  priceList: string;
  signedPercentage?: Decimal;
}

/** A price list with a % applied only to a product set. */
export interface PriceListSelectiveAdjustmentTerm extends TermCommon {
  type: 'PriceTCPriceListWithSelectiveAdjustment';
  priceList: string;
  signedPercentage: Decimal;
  productSet: ProductSetRef;
}

/** One offer of a custom price list; quantity breaks are several offers with different minQuantity. */
export interface PriceOffer {
  sku: string;
  price: Decimal;
  currency: string;
  minQuantity?: number;
  maxQuantity?: number;
  /** Higher precedence wins among offers of the same SKU, currency and quantity band. */
  precedence?: number;
}

/** Contract-specific offers per SKU. */
export interface CustomPriceListTerm extends TermCommon {
  type: 'PriceTCCustomPriceList';
  /** Name of the price list (optional; defaults to the contract code at export). */
  name?: string;
  offers: PriceOffer[];
}

/** One include/exclude line of a filtered catalogue; exactly one of category/sku. */
export interface CatalogFilter {
  action: 'include' | 'exclude';
  category?: string;
  sku?: string;
  /** The adjustment of what this filter includes (ignored on exclude). */
  signedPercentage?: Decimal;
}

/** The catalogue, filtered: included categories/SKUs each with its own %, exclusions win. */
export interface MasterCatalogFilteringTerm extends TermCommon {
  type: 'PriceTCMasterCatalogWithFiltering';
  /** Adjustment for included items without their own percentage. */
  signedPercentage?: Decimal;
  filters: CatalogFilter[];
}

/** Price rule value: a new fixed price (`24`), a percentage change (`-15%`) or a fixed change (`-10`/`+2`). */
export type PriceRuleValue = string;

/** One Workspace-style price rule; at most one of customerId/customerGroupId/priceRuleGroup (none = everyone). */
export interface PriceRuleLine {
  itemCode: string;
  rule: PriceRuleValue;
  customerId?: string;
  customerGroupId?: string;
  priceRuleGroup?: string;
}

/** Price rules in the Workspace style (their CSV: ITEMCODE,PRICERULE,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP). */
export interface PriceRuleTerm extends TermCommon {
  type: 'PriceRule';
  rules: PriceRuleLine[];
}

export interface ProductSetInclusionTerm extends TermCommon {
  type: 'ProductSetTCInclusion';
  productSet: ProductSetRef;
}

export interface ProductSetExclusionTerm extends TermCommon {
  type: 'ProductSetTCExclusion';
  productSet: ProductSetRef;
}

/** One allowed shipping mode (carrier/service code such as "UPS-GROUND"); one term per mode. */
export interface ShippingModeTerm extends TermCommon {
  type: 'ShippingTCShippingMode';
  mode: string;
}

/** One allowed ship-to address, by nickname ("EAST-DOCK"); one term per address. */
export interface ShipToAddressTerm extends TermCommon {
  type: 'ShippingTCShipToAddress';
  nickname: string;
}

export const SHIPPING_CHARGE_POLICIES = ['StandardShippingChargeBySeller', 'ShippingChargeByCarrier', 'NoShippingCharge'] as const;
export type ShippingChargePolicy = (typeof SHIPPING_CHARGE_POLICIES)[number];

/** How shipping is charged (at most one per contract; precedence: contract, account, base contract). */
export interface ShippingChargeTerm extends TermCommon {
  type: 'ShippingTCShippingCharge';
  policy: ShippingChargePolicy;
}

/** A shipping charge adjustment: exactly one of signedPercentage / amount (with currency); optionally per product set. */
export interface ShippingChargeAdjustmentTerm extends TermCommon {
  type: 'ShippingTCShippingChargeAdjustment';
  signedPercentage?: Decimal;
  amount?: Decimal;
  currency?: string;
  productSet?: ProductSetRef;
}

/** Allowed fulfilment centres (codes); at most 3 across the contract. */
export interface FulfillmentTerm extends TermCommon {
  type: 'FulfillmentTC';
  fulfillmentCenters: string[];
}

/** Payment methods that mean a credit line: allowed only where creditAllowed and the account permits. */
export const CREDIT_LINE_PAYMENT_METHODS = ['LOC', 'CREDIT-LINE'] as const;

/** One allowed payment method, optionally with a fixed bill-to address nickname. */
export interface PaymentMethodTerm extends TermCommon {
  type: 'PaymentTCPaymentMethod';
  method: string;
  billingAddress?: string;
}

/** Return charge (e.g. restocking fee), by policy code. Returns terms come all three or none. */
export interface ReturnChargeTerm extends TermCommon {
  type: 'ReturnTCReturnCharge';
  policy: string;
}

export interface ReturnApprovalTerm extends TermCommon {
  type: 'ReturnTCReturnApproval';
  policy: string;
}

export interface RefundPaymentMethodTerm extends TermCommon {
  type: 'ReturnTCRefundPaymentMethod';
  method: string;
}

/** A cap on the combined value of all orders under the contract (at most one, base or contract). */
export interface RightToBuyTerm extends TermCommon {
  type: 'RightToBuyTCByAmount';
  maximumAmount: Decimal;
  currency: string;
}

/** A minimum purchase commitment over N days: reported, not blocking (at most one). */
export interface ObligationToBuyTerm extends TermCommon {
  type: 'ObligationToBuyTCByAmount';
  minimumAmount: Decimal;
  currency: string;
  days: number;
}

/** Orders at or above the amount need the buyer organisation's approval (at most one, base or contract). */
export interface OrderApprovalTerm extends TermCommon {
  type: 'OrderApprovalTC';
  thresholdAmount: Decimal;
  /** Defaults to the contract currency. */
  currency?: string;
}

/** A reserved line of a quantity contract (BrewKeeper). */
export interface QuantityCommitmentLine {
  sku: string;
  quantity: number;
}

/** Quantity commitments: lines reserving quantities (at most one term per contract). */
export interface QuantityCommitmentTerm extends TermCommon {
  type: 'QuantityCommitmentTC';
  lines: QuantityCommitmentLine[];
  /** Archive the contract automatically once it is Completed. */
  autoArchive?: boolean;
}

/** Extended term `TermCondition type="…"` with name/value properties. */
export interface ExtendedTerm extends TermCommon {
  type: 'TermCondition';
  conditionType: string;
  properties: Record<string, string>;
}

export type TypedContractTerm =
  | MasterCatalogAdjustmentTerm
  | PriceListAdjustmentTerm
  | PriceListSelectiveAdjustmentTerm
  | CustomPriceListTerm
  | MasterCatalogFilteringTerm
  | PriceRuleTerm
  | ProductSetInclusionTerm
  | ProductSetExclusionTerm
  | ShippingModeTerm
  | ShipToAddressTerm
  | ShippingChargeTerm
  | ShippingChargeAdjustmentTerm
  | FulfillmentTerm
  | PaymentMethodTerm
  | ReturnChargeTerm
  | ReturnApprovalTerm
  | RefundPaymentMethodTerm
  | RightToBuyTerm
  | ObligationToBuyTerm
  | OrderApprovalTerm
  | QuantityCommitmentTerm
  | ExtendedTerm;

export type TermOf<T extends TypedContractTerm['type']> = Extract<TypedContractTerm, { type: T }>;

/** Pricing terms: at least one per non-base contract (possibly inherited from its base contract). */
export const PRICE_TERM_TYPES = [
  'PriceTCMasterCatalogWithOptionalAdjustment',
  'PriceTCPriceListWithOptionalAdjustment',
  'PriceTCPriceListWithSelectiveAdjustment',
  'PriceTCCustomPriceList',
  'PriceTCMasterCatalogWithFiltering',
  'PriceRule',
] as const;

/** Term types a contract may hold at most once (and, for the starred ones, only in the base or the customer contract). */
export const AT_MOST_ONE_TERM_TYPES = [
  'PriceTCMasterCatalogWithOptionalAdjustment',
  'ShippingTCShippingCharge',
  'RightToBuyTCByAmount',
  'ObligationToBuyTCByAmount',
  'OrderApprovalTC',
  'QuantityCommitmentTC',
] as const;

/** "At most one" across a contract and its base contract together. */
export const BASE_OR_CONTRACT_TERM_TYPES = ['RightToBuyTCByAmount', 'OrderApprovalTC'] as const;

/** Returns come all three or none. */
export const RETURN_TERM_TYPES = ['ReturnTCReturnCharge', 'ReturnTCReturnApproval', 'ReturnTCRefundPaymentMethod'] as const;

export const MAX_FULFILLMENT_CENTERS = 3;
