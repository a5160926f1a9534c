import type { ContractDraft } from '../contract-draft';
import type { ContractStatus } from '../contract-status';
import type { ErrorDetail } from '../domain-error';
import { dnEquals, dnIsWithin } from './distinguished-name';
import {
  AT_MOST_ONE_TERM_TYPES,
  BASE_OR_CONTRACT_TERM_TYPES,
  CREDIT_LINE_PAYMENT_METHODS,
  MAX_FULFILLMENT_CENTERS,
  PRICE_TERM_TYPES,
  RETURN_TERM_TYPES,
  type TypedContractTerm,
} from './term-parameters';

/**
 * The rules that span several terms, the contract's participants, its account and its base
 * contract (CONTRACT-MODEL.md). Checked at submit and import, not at create: a draft may be
 * incomplete while it is being written. Each term is assumed valid on its own (validateTerm).
 */

export interface ContractRuleAccount {
  name: string;
  /** The account's buyer organisation: every buyer organisation of the contract lies at or under it. */
  buyerDn: string;
  creditAllowed: boolean;
  /** The account's own terms (shipping charge, payment…), applying to all its contracts. */
  terms: TypedContractTerm[];
}

export interface ContractRuleBaseContract {
  code: string;
  isBase: boolean;
  status: ContractStatus;
  terms: TypedContractTerm[];
}

/** What the rules need from outside the draft. `null` = referenced but not found; `undefined` = not referenced. */
export interface ContractRuleContext {
  account?: ContractRuleAccount | null;
  baseContract?: ContractRuleBaseContract | null;
}

type TermType = TypedContractTerm['type'];

const includes = (list: readonly string[], value: string) => list.includes(value);

/** The base contract whose terms the draft inherits: none for a base contract or a missing reference. */
function inheritedBase(draft: ContractDraft, ctx: ContractRuleContext): ContractRuleBaseContract | undefined {
  return draft.isBase ? undefined : (ctx.baseContract ?? undefined);
}

function isCreditLine(method: string): boolean {
  return includes(CREDIT_LINE_PAYMENT_METHODS, method.toUpperCase());
}

/** Every cross-term rule; an empty list means the contract may be submitted / imported. */
export function validateContractRules(draft: ContractDraft, ctx: ContractRuleContext): ErrorDetail[] {
  return [
    ...checkReferences(draft, ctx),
    ...checkRequiredTerms(draft, ctx),
    ...checkTermCounts(draft, ctx),
    ...checkReturns(draft, ctx),
    ...checkFulfillmentCenters(draft),
    ...checkBuyers(draft, ctx),
    ...checkCredit(draft, ctx),
    ...checkQuantityLines(draft),
  ];
}

function checkReferences(draft: ContractDraft, ctx: ContractRuleContext): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (ctx.account === null) out.push({ field: 'account', message: `no business account${draft.account ? ` "${draft.account}"` : ''} was found` });
  const base = ctx.baseContract;
  if (draft.isBase && (draft.baseContract || base)) {
    out.push({ field: 'baseContract', message: 'a base contract cannot refer to another base contract' });
  } else if (base === null) {
    out.push({ field: 'baseContract', message: `base contract${draft.baseContract?.code ? ` "${draft.baseContract.code}"` : ''} was not found` });
  } else if (base) {
    if (!base.isBase) out.push({ field: 'baseContract', message: `"${base.code}" is not a base contract` });
    if (base.status !== 'ACTIVE') out.push({ field: 'baseContract', message: `"${base.code}" is ${base.status}: only an Active base contract can be referred to` });
  }
  return out;
}

/** A price term and a shipping charge, each possibly inherited (a base contract needs neither). */
function checkRequiredTerms(draft: ContractDraft, ctx: ContractRuleContext): ErrorDetail[] {
  if (draft.isBase) return [];
  const out: ErrorDetail[] = [];
  const base = inheritedBase(draft, ctx);
  const has = (terms: TypedContractTerm[] | undefined, types: readonly string[]) => !!terms?.some((t) => includes(types, t.type));
  if (!has(draft.terms, PRICE_TERM_TYPES) && !has(base?.terms, PRICE_TERM_TYPES)) {
    out.push({ field: 'terms', message: `a contract needs at least one price term (${PRICE_TERM_TYPES.join(', ')}), its own or its base contract's` });
  }
  const charge = ['ShippingTCShippingCharge'];
  if (!has(draft.terms, charge) && !has(ctx.account?.terms, charge) && !has(base?.terms, charge)) {
    out.push({ field: 'terms', message: 'a contract needs a ShippingTCShippingCharge term, its own, its account\'s or its base contract\'s' });
  }
  return out;
}

function checkTermCounts(draft: ContractDraft, ctx: ContractRuleContext): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const first = new Map<TermType, number>();
  const base = inheritedBase(draft, ctx);
  draft.terms.forEach((t, i) => {
    if (includes(AT_MOST_ONE_TERM_TYPES, t.type)) {
      if (first.has(t.type)) out.push({ field: `terms[${i}]`, message: `is a second ${t.type} (the first is terms[${first.get(t.type)}]): a contract holds at most one` });
      else first.set(t.type, i);
    }
    if (base && includes(BASE_OR_CONTRACT_TERM_TYPES, t.type) && base.terms.some((b) => b.type === t.type)) {
      out.push({ field: `terms[${i}]`, message: `base contract "${base.code}" already has a ${t.type}: it belongs in the base or in this contract, not both` });
    }
  });
  return out;
}

/** Returns terms come all three or none, counted over the contract and the base contract it inherits from. */
function checkReturns(draft: ContractDraft, ctx: ContractRuleContext): ErrorDetail[] {
  const types = new Set([...draft.terms, ...(inheritedBase(draft, ctx)?.terms ?? [])].map((t) => t.type));
  const present = RETURN_TERM_TYPES.filter((t) => types.has(t));
  if (present.length === 0 || present.length === RETURN_TERM_TYPES.length) return [];
  const missing = RETURN_TERM_TYPES.filter((t) => !types.has(t));
  return [{ field: 'terms', message: `returns need all of ${RETURN_TERM_TYPES.join(', ')} or none: ${missing.join(' and ')} missing` }];
}

/** At most MAX_FULFILLMENT_CENTERS distinct centres over the contract's own FulfillmentTC terms. */
function checkFulfillmentCenters(draft: ContractDraft): ErrorDetail[] {
  const seen = new Set<string>();
  for (const [i, t] of draft.terms.entries()) {
    if (t.type !== 'FulfillmentTC') continue;
    for (const [k, code] of t.fulfillmentCenters.entries()) {
      seen.add(code);
      if (seen.size > MAX_FULFILLMENT_CENTERS) {
        return [{ field: `terms[${i}].fulfillmentCenters[${k}]`, message: `is one fulfilment centre too many: a contract allows at most ${MAX_FULFILLMENT_CENTERS} (${[...seen].join(', ')})` }];
      }
    }
  }
  return [];
}

function checkBuyers(draft: ContractDraft, ctx: ContractRuleContext): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const account = ctx.account;
  draft.buyers.forEach((b, i) => {
    // Member groups are not placed in the organisation tree: they are not checked against the account.
    if (account && b.organization !== undefined && !dnIsWithin(b.organization, account.buyerDn)) {
      out.push({ field: `buyers[${i}].organization`, message: `is not the buyer organisation of account "${account.name}" (${account.buyerDn}) or one under it` });
    }
  });
  const organizations = draft.buyers.flatMap((b) => (b.organization === undefined ? [] : [b.organization]));
  draft.terms.forEach((t, i) => {
    t.buyers?.forEach((dn, k) => {
      if (!organizations.some((o) => dnEquals(o, dn))) out.push({ field: `terms[${i}].buyers[${k}]`, message: 'is not a buyer of this contract' });
    });
  });
  return out;
}

/** Credit-line payment, the contract's own or inherited from its base, needs creditAllowed on the contract and on its account. */
function checkCredit(draft: ContractDraft, ctx: ContractRuleContext): ErrorDetail[] {
  const account = ctx.account ?? undefined;
  // A base contract has no account of its own: its own flag decides; its customers' accounts are checked with them.
  const accountAllows = account ? account.creditAllowed : !!draft.isBase;
  if (draft.creditAllowed && accountAllows) return [];
  const why = !draft.creditAllowed
    ? 'the contract does not allow credit (creditAllowed)'
    : account ? `account "${account.name}" does not allow credit` : 'the contract has no business account that allows credit';
  const out: ErrorDetail[] = [];
  draft.terms.forEach((t, i) => {
    if (t.type === 'PaymentTCPaymentMethod' && isCreditLine(t.method)) out.push({ field: `terms[${i}].method`, message: `${t.method} is a credit line, but ${why}` });
  });
  const base = inheritedBase(draft, ctx);
  const inherited = base?.terms.filter((t) => t.type === 'PaymentTCPaymentMethod' && isCreditLine(t.method)) ?? [];
  if (base && inherited.length) {
    out.push({ field: 'baseContract', message: `base contract "${base.code}" allows credit-line payment, but ${why}` });
  }
  return out;
}

/** One line per SKU over all quantity commitments of the contract. */
function checkQuantityLines(draft: ContractDraft): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Map<string, string>();
  draft.terms.forEach((t, i) => {
    if (t.type !== 'QuantityCommitmentTC') return;
    t.lines.forEach((line, k) => {
      const field = `terms[${i}].lines[${k}].sku`;
      if (seen.has(line.sku)) out.push({ field, message: `repeats the SKU of ${seen.get(line.sku)}: one reserved line per SKU` });
      else seen.set(line.sku, field);
    });
  });
  return out;
}

/**
 * A new version may change its reserved lines (each approved version stays as it was approved),
 * but a line never drops below what the contract family has drawn of its SKU: `drawn` is that,
 * per SKU (ContractStore.familyDrawn). Names the term and the SKU.
 */
export function checkFrozenQuantities(after: Pick<ContractDraft, 'terms'>, drawn: ReadonlyMap<string, number>): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const reserved = new Set<string>();
  after.terms.forEach((t, i) => {
    if (t.type !== 'QuantityCommitmentTC') return;
    t.lines.forEach((l, k) => {
      reserved.add(l.sku);
      const taken = drawn.get(l.sku) ?? 0;
      if (l.quantity < taken) {
        out.push({ field: `terms[${i}].lines[${k}].quantity`,
          message: `term ${t.sequenceNumber} reserves ${l.quantity} of SKU "${l.sku}", below the ${taken} already drawn under this contract family` });
      }
    });
  });
  for (const [sku, taken] of drawn) {
    if (taken > 0 && !reserved.has(sku)) {
      out.push({ field: 'terms', message: `SKU "${sku}" has ${taken} drawn under this contract family: its reserved line cannot be removed` });
    }
  }
  return out;
}

/** The account contributes what CONTRACT-MODEL.md says accounts carry: shipping and payment terms. */
const ACCOUNT_TERM_PREFIXES = ['ShippingTC', 'PaymentTC'];

/** Whether an account's term of this type applies to its contracts (checkout reads the same rule). */
export function isAccountTermType(type: string): boolean {
  return ACCOUNT_TERM_PREFIXES.some((p) => type.startsWith(p));
}
