/**
 * The compiled term shapes a PricingSnapshot holds, and the keys it indexes them by. They sit
 * below the snapshot compiler so that the offer index and the bucket compiler can use them
 * without importing the compiler.
 */
import type { TypedContractTerm } from '../terms/term-parameters';
import type { ParsedPriceRule } from './price-rule-value';

export interface ContractRef {
  id: string;
  code: string;
  version: string;
}

export type BucketKind = 'contract' | 'account' | 'base';

/** Where a compiled term came from, for restriction checks and explanations. */
export interface TermOrigin {
  type: TypedContractTerm['type'];
  sequenceNumber: number;
  /** Normalised buyer keys the term is restricted to; null = every buyer of the contract. */
  buyers: ReadonlySet<string> | null;
}

export interface CompiledProductSet {
  skus: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  /**
   * Set when the term names a product set that is not defined: an exclusion then excludes every
   * product (it fails closed rather than sell what it was meant to block); an inclusion or a
   * selective adjustment gets only its inline SKUs and categories.
   */
  missing?: string;
}

export interface CompiledOffer extends TermOrigin {
  sku: string;
  currency: string;
  price: bigint;
  minQuantity: number;
  maxQuantity: number;
  precedence: number;
}

export interface CompiledPercentTerm extends TermOrigin {
  percentage: bigint;
}

export interface CompiledPriceListTerm extends TermOrigin {
  priceList: string;
  percentage: bigint;
  /** Selective adjustment: the percentage applies only inside this set. */
  productSet: CompiledProductSet | null;
}

export interface CompiledFilteringTerm extends TermOrigin {
  defaultPercentage: bigint;
  includeSkus: ReadonlyMap<string, bigint>;
  includeCategories: ReadonlyMap<string, bigint>;
  excludeSkus: ReadonlySet<string>;
  excludeCategories: ReadonlySet<string>;
  hasIncludes: boolean;
}

export type PriceRuleScope = 'customer' | 'customerGroup' | 'priceRuleGroup' | 'everyone';

export interface CompiledPriceRule extends TermOrigin {
  itemCode: string;
  ruleText: string;
  rule: ParsedPriceRule;
  scope: PriceRuleScope;
  /** Normalised customer DN or group name; null for everyone. */
  scopeKey: string | null;
}

export interface CompiledProductConstraint extends TermOrigin {
  set: CompiledProductSet;
}

export interface CompiledValueTerm extends TermOrigin {
  value: string;
}

export interface CompiledPaymentTerm extends CompiledValueTerm {
  /** The fixed bill-to address of this payment method; undefined: any. */
  billTo?: string;
}

export interface CompiledAmountTerm extends TermOrigin {
  amount: bigint;
  currency: string;
}

/** A shipping charge adjustment: exactly one of percentage / amount; only for the lines in `set` when it has one. */
export interface CompiledChargeAdjustment extends TermOrigin {
  percentage: bigint | null;
  amount: bigint | null;
  /** The amount's currency (upper case); null with a percentage. */
  currency: string | null;
  set: CompiledProductSet | null;
}

/** A minimum purchase over `days` days from the start of the contract bought under. */
export interface CompiledObligation extends CompiledAmountTerm {
  days: number;
}

export interface CompiledQuantityCommitment extends TermOrigin {
  quantities: ReadonlyMap<string, number>;
}

/** DNs compare case-insensitively and ignore blanks around `,` and `=`; group names likewise. */
export function normalizeBuyerKey(name: string): string {
  return name.trim().replace(/\s*([,=])\s*/g, '$1').toLowerCase();
}

export function rateKey(from: string, to: string): string {
  return `${from.toUpperCase()}>${to.toUpperCase()}`;
}

export function priceListKey(name: string, currency: string): string {
  return `${name}\u0000${currency.toUpperCase()}`;
}
