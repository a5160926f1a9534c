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
  shipping?: { mode?: string; shipTo?: string };
  /** `billTo`: the bill-to address nickname; a payment method with a fixed bill-to address refuses another. */
  payment?: { method?: string; billTo?: string };
}

export const CHECKOUT_VIOLATION_CODES = [
  'NO_ELIGIBLE_CONTRACT', 'PRODUCT_NOT_ENTITLED', 'SHIPPING_MODE_NOT_ALLOWED', 'SHIP_TO_NOT_ALLOWED',
  'PAYMENT_METHOD_NOT_ALLOWED', 'RIGHT_TO_BUY_EXCEEDED', 'QUANTITY_EXCEEDS_REMAINING',
  // Additions to API.md's list (docs/business-rules.md#checkout).
  'CONTRACT_NOT_ENTITLED', 'BILL_TO_NOT_ALLOWED',
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

export interface CheckoutEvaluation {
  allowed: boolean;
  approvalRequired: boolean;
  total: string;
  lines: CheckoutLineResult[];
  violations: CheckoutViolation[];
  rightToBuy: RightToBuyStatus[];
}

/** What has been drawn so far (checkout ledger). Absent: nothing consumed, everything reserved remains. */
export interface SpendLedger {
  /** Net spend under the contract (purchases − refunds), in the right-to-buy currency. */
  consumed(contractId: string): Decimal;
  /** Reserved quantity still available, or undefined when the ledger has no entry (then the reserved quantity). */
  remainingQuantity(contractId: string, sku: string): number | undefined;
}
