/**
 * Checkout evaluation (API.md `POST /api/v1/checkout/evaluate`) as a pure function over a
 * compiled PricingSnapshot: which contracts the buyer may use, the price of every line and why,
 * and the order-level terms (shipping, payment, approval, right to buy, reserved quantities).
 * Every look-up goes through the snapshot's indexes; nothing here scans all contracts.
 */
import { DomainError, type ErrorDetail } from '../domain-error';
import { checkInstant, currencyProblem } from '../input';
import { formatUnits, isDecimal, parseDecimal } from '../money/decimal';
import { eligibleContracts, resolveBuyer, type BuyerMemo, type OrganizationDirectory } from './buyer-contracts';
import type { CheckoutEvaluation, CheckoutRequest, CheckoutViolation, SpendLedger } from './checkout-request';
import { priceLine } from './line-pricing';
import { evaluateObligations } from './obligation-terms';
import { checkOrderTerms } from './order-terms';
import { evaluateShipping, linesByContract } from './shipping-terms';
import type { PricingSnapshot } from './pricing-snapshot';

export * from './checkout-request';
export { obligationInForce } from './obligation-terms';
export {
  BUYER_MEMO_MAX, bucketsAt, sellsAt, dnAncestors, dnOrganizationDirectory, resolveBuyer,
  type BuyerIdentity, type BuyerMemo, type BuyerResolution, type OrganizationDirectory,
} from './buyer-contracts';

export interface EvaluateOptions {
  /** Instrumentation: called for every contract the evaluation looks at. */
  onContractConsidered?: (contractId: string) => void;
  /**
   * Per-buyer memo (identity and the buyer entries under it), valid for one state of the snapshot:
   * whoever patches the snapshot must clear it (LivePricingSnapshot does). Saves re-deriving
   * ancestors, normalising keys and collecting grants on every evaluation of the same buyer.
   */
  buyerMemo?: BuyerMemo;
  /** The request was already checked field by field (the API's parser): skip the second validation. */
  validated?: boolean;
}

function validate(request: CheckoutRequest): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (typeof request?.buyer !== 'string' || request.buyer.trim() === '') details.push({ field: 'buyer', message: 'buyer must be an organisation DN' });
  const currency = currencyProblem(typeof request?.currency === 'string' ? request.currency.toUpperCase() : request?.currency);
  if (currency) details.push({ field: 'currency', message: `currency ${currency}` });
  // A time without a zone would be read in the server's zone: a different answer per machine.
  const at = checkInstant(request?.at);
  if (at.problem !== undefined) details.push({ field: 'at', message: `at ${at.problem}` });
  if (!Array.isArray(request?.lines) || request.lines.length === 0) {
    details.push({ field: 'lines', message: 'lines must be a non-empty array' });
    return details;
  }
  const charge = request?.shipping?.charge;
  if (charge !== undefined && (!isDecimal(charge) || parseDecimal(charge) < 0n)) details.push({ field: 'shipping.charge', message: 'shipping.charge must be a non-negative decimal string' });
  const centre = request?.shipping?.fulfillmentCenter;
  if (centre !== undefined && (typeof centre !== 'string' || centre === '')) details.push({ field: 'shipping.fulfillmentCenter', message: 'shipping.fulfillmentCenter must be a centre code' });
  request.lines.forEach((line, i) => {
    if (typeof line?.sku !== 'string' || line.sku === '') details.push({ field: `lines[${i}].sku`, message: 'sku is required', lineIndex: i });
    if (!Number.isSafeInteger(line?.quantity) || line.quantity <= 0) details.push({ field: `lines[${i}].quantity`, message: 'quantity must be a positive integer', lineIndex: i });
    if (!isDecimal(line?.listPrice) || parseDecimal(line.listPrice) < 0n) details.push({ field: `lines[${i}].listPrice`, message: 'listPrice must be a non-negative decimal string', lineIndex: i });
    if (line?.categories !== undefined && (!Array.isArray(line.categories) || line.categories.some((c) => typeof c !== 'string'))) {
      details.push({ field: `lines[${i}].categories`, message: 'categories must be an array of strings', lineIndex: i });
    }
    if (line?.contractId !== undefined && (typeof line.contractId !== 'string' || line.contractId === '')) {
      details.push({ field: `lines[${i}].contractId`, message: 'contractId must be a contract id', lineIndex: i });
    }
  });
  return details;
}

export function evaluateCheckout(
  snapshot: PricingSnapshot,
  request: CheckoutRequest,
  orgs: OrganizationDirectory,
  ledger?: SpendLedger,
  options: EvaluateOptions = {},
): CheckoutEvaluation {
  if (!options.validated) {
    const invalid = validate(request);
    if (invalid.length > 0) throw DomainError.validation(invalid, 'The checkout request is not valid');
  }

  const at = Date.parse(request.at);
  const currency = request.currency.toUpperCase();
  const resolution = resolveBuyer(snapshot, request.buyer, orgs, options.buyerMemo);
  const { identity } = resolution;

  const usable = eligibleContracts(resolution, at, options, identity);
  const violations: CheckoutViolation[] = [];
  if (usable.length === 0) {
    violations.push({ code: 'NO_ELIGIBLE_CONTRACT', message: `${request.buyer} has no active contract in force at ${request.at}`, lineIndex: null });
  }

  const outcomes = request.lines.map((line, index) =>
    priceLine(snapshot, usable, identity, currency, line, index, violations));
  const total = outcomes.reduce((sum, o) => sum + o.total, 0n);
  const { approvalRequired, rightToBuy } = checkOrderTerms(snapshot, request, currency, identity, outcomes, total, ledger, violations);
  const groups = linesByContract(outcomes);
  const shipping = evaluateShipping(snapshot, request, currency, identity, groups, outcomes, violations);
  const obligations = evaluateObligations(snapshot, currency, identity, at, groups, ledger);

  return {
    allowed: violations.length === 0,
    approvalRequired,
    total: formatUnits(total),
    lines: outcomes.map((o) => o.result),
    violations,
    rightToBuy,
    shipping,
    obligations,
  };
}
