/**
 * What the returns terms of a contract mean for one return (docs/business-rules.md#returns).
 *
 * The three terms carry policy names only (WCS names a store policy; Pactum has no store policy
 * table), so the names are read by a documented convention: a charge policy ending in a
 * percentage charges that share of the returned value, a "no charge" name charges nothing, and any
 * other name is reported without a computed charge. Approval is needed unless the approval policy
 * is an automatic one: an unknown name fails closed.
 */
import { parseDecimal } from '../money/decimal';

export type ReturnChargeRule =
  | { kind: 'none' }
  | { kind: 'percentage'; percentage: string }
  /** A policy whose meaning Pactum does not know: the seller's order system applies it. */
  | { kind: 'unknown' };

const NO_CHARGE = new Set(['NONE', 'NO-CHARGE', 'NOCHARGE', 'FREE', 'NORETURNCHARGE', 'NO-RETURN-CHARGE']);
/** `RESTOCKING-15`, `RESTOCK_12.5`, `FEE 20%`, `RESTOCK15%`: a trailing percentage from 0 to 100 after a separator or before `%`. */
const PERCENTAGE = /(?:(?:^|[-_ ])(\d{1,3}(?:\.\d{1,4})?)%?|(\d{1,3}(?:\.\d{1,4})?)%)$/;
const AUTOMATIC = new Set(['AUTO', 'AUTOMATIC', 'AUTO-APPROVE', 'AUTOAPPROVE', 'AUTO-APPROVAL', 'NONE', 'NO-APPROVAL', 'NOAPPROVAL', 'NORETURNAPPROVAL']);

export function returnChargeRule(policy: string): ReturnChargeRule {
  const name = policy.trim();
  if (NO_CHARGE.has(name.toUpperCase())) return { kind: 'none' };
  const m = PERCENTAGE.exec(name);
  const percentage = m?.[1] ?? m?.[2];
  if (percentage !== undefined && parseDecimal(percentage) <= parseDecimal('100')) return { kind: 'percentage', percentage };
  return { kind: 'unknown' };
}

/** The charge on a returned value (units), rounded half-up to cents; null when the policy is unknown. */
export function returnChargeUnits(rule: ReturnChargeRule, amount: bigint): bigint | null {
  if (rule.kind === 'none') return 0n;
  if (rule.kind === 'unknown') return null;
  // amount × percentage / 100, rounded half-up straight to cents (one rounding; amounts are never negative)
  const cent = 10_000n;
  const step = 100n * 1_000_000n * cent;
  return ((amount * parseDecimal(rule.percentage) * 2n + step) / (2n * step)) * cent;
}

export function returnNeedsApproval(policy: string): boolean {
  return !AUTOMATIC.has(policy.trim().toUpperCase());
}
