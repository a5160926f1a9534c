/**
 * The checkout evaluation's request and response (API.md `POST /api/v1/checkout/evaluate`), and
 * the ledger it reads what was already drawn from.
 */
import type { Decimal } from '../terms/term-parameters';
import type { ContractRef, TermOrigin } from './compiled-terms';

export interface CheckoutLineRequest {
  sku: string;
  quantity: number;
  listPrice: Decimal;
  categories?: string[];
  /** The contract the buyer shops under for this line (its id); refused when it does not entitle the line. */
  contractId?: string;
}

export interface CheckoutRequest {
  buyer: string;
  currency: string;
  at: string;
  lines: CheckoutLineRequest[];
  /**
   * `fulfillmentCenter`: the centre the order ships from (FulfillmentTC); `charge`: the shipping
   * charge before contract adjustments, a decimal string (ShippingTCShippingChargeAdjustment).
   */
  shipping?: { mode?: string; shipTo?: string; fulfillmentCenter?: string; charge?: Decimal };
  /** `billTo`: the bill-to address nickname; a payment method with a fixed bill-to address refuses another. */
  payment?: { method?: string; billTo?: string };
}

export const CHECKOUT_VIOLATION_CODES = [
  'NO_ELIGIBLE_CONTRACT', 'PRODUCT_NOT_ENTITLED', 'SHIPPING_MODE_NOT_ALLOWED', 'SHIP_TO_NOT_ALLOWED',
  'PAYMENT_METHOD_NOT_ALLOWED', 'RIGHT_TO_BUY_EXCEEDED', 'QUANTITY_EXCEEDS_REMAINING',
  // Additions to API.md's list (docs/business-rules.md#checkout).
  'CONTRACT_NOT_ENTITLED', 'BILL_TO_NOT_ALLOWED', 'FULFILLMENT_CENTER_NOT_ALLOWED',
] as const;
export type CheckoutViolationCode = (typeof CHECKOUT_VIOLATION_CODES)[number];

export interface CheckoutViolation {
  code: CheckoutViolationCode;
  message: string;
  lineIndex: number | null;
}

/** Rule names: the pricing term type that won, or LIST_PRICE when no contract price applies. */
export type PriceRuleName = TermOrigin['type'] | 'LIST_PRICE';

export interface CheckoutLineResult {
  sku: string;
  quantity: number;
  listPrice: string;
  unitPrice: string;
  /** unitPrice × quantity (an addition to the API.md shape). */
  lineTotal: string;
  /** The contract whose price won (null: list price), as API.md has it. */
  contract: ContractRef | null;
  /**
   * The contract the line is bought under, whose order-level terms apply to the order (an
   * addition to API.md): the priced-by contract, or one that entitles the line at list price.
   * Null only when no contract entitles the line.
   */
  boughtUnder: ContractRef | null;
  rule: PriceRuleName;
  explanation: string[];
}

export interface RightToBuyStatus {
  contract: ContractRef;
  limit: string;
  consumed: string;
  remaining: string;
  currency: string;
  /** What this order adds under the contract, in the cap's currency; null when it cannot be converted. */
  orderAmount: string | null;
  /** The configured rate used when the order is in another currency than the cap. */
  exchangeRate?: string;
}

/** Where the charge policy that applies comes from (precedence: contract, account, base contract). */
export interface ShippingPolicySource {
  /** The contract bought under whose policy decides (the first line's when contracts disagree). */
  contract: ContractRef;
  from: 'contract' | 'account' | 'base';
  sequenceNumber: number;
}

/** The order's shipping terms (an addition to API.md); null when no line is bought under a contract. */
export interface ShippingStatus {
  /** ShippingTCShippingCharge policy that applies, or null when no contract of the order sets one. */
  chargePolicy: string | null;
  policySource: ShippingPolicySource | null;
  /** The request's `shipping.charge` (2 decimals), or null when it gave none. */
  charge: string | null;
  /** The charge after every charge adjustment of the contracts bought under (never below 0); null without a charge. */
  adjustedCharge: string | null;
  /** Centres every contract of the order allows (intersection); null when none restricts them. */
  fulfillmentCenters: string[] | null;
  explanation: string[];
}

/** Progress against one obligation to buy of a contract the order buys under (an addition to API.md). */
export interface ObligationStatus {
  contract: ContractRef;
  amount: string;
  /** Committed orders counted towards it so far (released ones give it back); this order not included. */
  bought: string;
  /** amount − bought, never below 0. */
  remaining: string;
  currency: string;
  startsAt: string;
  endsAt: string;
  /** Whole days from `at` to endsAt, rounded up. */
  daysLeft: number;
  /** What this order would add, in the obligation's currency; null when it cannot be converted. */
  orderAmount: string | null;
  met: boolean;
}

export interface CheckoutEvaluation {
  allowed: boolean;
  approvalRequired: boolean;
  total: string;
  lines: CheckoutLineResult[];
  violations: CheckoutViolation[];
  rightToBuy: RightToBuyStatus[];
  shipping: ShippingStatus | null;
  obligations: ObligationStatus[];
}

/** What has been drawn so far (checkout ledger). Absent: nothing consumed, everything reserved remains. */
export interface SpendLedger {
  /** Net spend under the contract (purchases − refunds), in the right-to-buy currency. */
  consumed(contractId: string): Decimal;
  /** Reserved quantity still available, or undefined when the ledger has no entry (then the reserved quantity). */
  remainingQuantity(contractId: string, sku: string): number | undefined;
  /** Spend counted towards the obligation to buy of the contract, in the obligation's currency (absent: nothing yet). */
  obligationBought?(contractId: string): Decimal;
}
