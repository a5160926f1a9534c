/**
 * Checkout evaluation (API.md `POST /api/v1/checkout/evaluate`) as a pure function over a
 * compiled PricingSnapshot: which contracts the buyer may use, the price of every line and why,
 * and the order-level terms (shipping, payment, approval, right to buy, reserved quantities).
 * Every look-up goes through the snapshot's indexes; nothing here scans all contracts.
 */
import { DomainError, type ErrorDetail } from '../domain-error';
import { applyPercentageUnits, formatUnits, isDecimal, multiplyUnits, parseDecimal, roundUnits, unitsToDecimal } from '../money/decimal';
import { CREDIT_LINE_PAYMENT_METHODS, type Decimal } from '../terms/term-parameters';
import { applyPriceRule } from './price-rule-value';
import {
  normalizeBuyerKey, priceListKey, rateKey,
  type BuyerGrant, type CompiledContract, type CompiledPriceRule, type CompiledProductConstraint, type CompiledProductSet, type ContractRef, type PriceRuleScope,
  type PricingSnapshot, type TermBucket, type TermOrigin,
} from './pricing-snapshot';

// ---- request / response (API.md) ----

export interface CheckoutLineRequest {
  sku: string;
  quantity: number;
  listPrice: Decimal;
  categories?: string[];
}

export interface CheckoutRequest {
  buyer: string;
  currency: string;
  at: string;
  lines: CheckoutLineRequest[];
  shipping?: { mode?: string; shipTo?: string };
  payment?: { method?: string };
}

export const CHECKOUT_VIOLATION_CODES = [
  'NO_ELIGIBLE_CONTRACT', 'PRODUCT_NOT_ENTITLED', 'SHIPPING_MODE_NOT_ALLOWED', 'SHIP_TO_NOT_ALLOWED',
  'PAYMENT_METHOD_NOT_ALLOWED', 'RIGHT_TO_BUY_EXCEEDED', 'QUANTITY_EXCEEDS_REMAINING',
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
  contract: ContractRef | null;
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

/** The organisation tree: ancestors nearest first, and the member groups of an organisation. */
export interface OrganizationDirectory {
  ancestorsOf(dn: string): string[];
  groupsOf(dn: string): string[];
}

/** What has been drawn so far (checkout ledger). Absent: nothing consumed, everything reserved remains. */
export interface SpendLedger {
  /** Net spend under the contract (purchases − refunds), in the right-to-buy currency. */
  consumed(contractId: string): Decimal;
  /** Reserved quantity still available, or undefined when the ledger has no entry (then the reserved quantity). */
  remainingQuantity(contractId: string, sku: string): number | undefined;
}

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

/** What one buyer string resolves to in one snapshot state (see EvaluateOptions.buyerMemo). */
export interface BuyerResolution {
  identity: BuyerIdentity;
  /** Every buyer entry under the identity's keys, in key order (time and status are checked per evaluation). */
  grants: readonly BuyerGrant[];
}

export type BuyerMemo = Map<string, BuyerResolution>;

/** Bound of a buyer memo: beyond it the memo starts over (a burst of one-off buyers cannot grow it without limit). */
export const BUYER_MEMO_MAX = 100_000;

/** `ou=East,o=Northwind,o=Root` → [`o=Northwind,o=Root`, `o=Root`]: the DN's own ancestors, nearest first. */
export function dnAncestors(dn: string): string[] {
  const parts = dn.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const result: string[] = [];
  for (let i = 1; i < parts.length; i++) result.push(parts.slice(i).join(','));
  return result;
}

/** A directory that knows ancestors from the DN itself and groups from a plain map. */
export function dnOrganizationDirectory(groups: ReadonlyMap<string, string[]> = new Map()): OrganizationDirectory {
  return { ancestorsOf: dnAncestors, groupsOf: (dn) => groups.get(dn) ?? [] };
}

// ---- evaluation ----

/** Tie-break between equal prices: the more specific rule wins, then contract code/version, then own terms before account and base terms, then term order. */
const RULE_RANK: Record<TermOrigin['type'] & string, number> = {
  PriceTCCustomPriceList: 0,
  PriceRule: 1,
  PriceTCMasterCatalogWithFiltering: 2,
  PriceTCPriceListWithSelectiveAdjustment: 3,
  PriceTCPriceListWithOptionalAdjustment: 4,
  PriceTCMasterCatalogWithOptionalAdjustment: 5,
} as Record<string, number>;
const BUCKET_RANK = { contract: 0, account: 1, base: 2 } as const;
const SCOPE_RANK: Record<PriceRuleScope, number> = { customer: 0, customerGroup: 1, priceRuleGroup: 2, everyone: 3 };

export interface BuyerIdentity {
  /** Buyer DN, its ancestors and its member groups (normalised). */
  all: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

interface UsableContract {
  contract: CompiledContract;
  /** own terms, account terms, and the base contract's terms while the base is itself in force. */
  buckets: TermBucket[];
  /** Product constraints that apply to this buyer (computed once per evaluation, used by every line). */
  exclusions: readonly CompiledProductConstraint[];
  inclusions: readonly CompiledProductConstraint[];
}

interface Proposal {
  usable: UsableContract;
  bucket: TermBucket;
  origin: TermOrigin;
  /** Rounded to minor units. */
  price: bigint;
  detail: string;
  forced: boolean;
}

interface LineOutcome {
  result: CheckoutLineResult;
  usable: UsableContract | null;
  total: bigint;
}

function inForce(startsMs: number, endsMs: number, at: number): boolean {
  return startsMs <= at && at <= endsMs;
}

function applies(origin: TermOrigin, identity: BuyerIdentity): boolean {
  if (origin.buyers === null) return true;
  for (const key of identity.all) if (origin.buyers.has(key)) return true;
  return false;
}

function inSet(set: CompiledProductSet, sku: string, categories: readonly string[]): boolean {
  return set.skus.has(sku) || categories.some((c) => set.categories.has(c));
}

function describe(p: Pick<Proposal, 'usable' | 'bucket' | 'origin'>): string {
  const c = p.usable.contract.ref;
  const via = p.bucket.kind === 'base' ? ` via base contract ${p.bucket.owner.code} ${p.bucket.owner.version}`
    : p.bucket.kind === 'account' ? ' via account terms' : '';
  return `${p.origin.type} #${p.origin.sequenceNumber} of ${c.code} ${c.version}${via}`;
}

function percentText(units: bigint): string {
  const text = formatUnits(units, 6).replace(/\.?0+$/, '');
  return `${units >= 0n ? '+' : ''}${text}%`;
}

function validate(request: CheckoutRequest): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (typeof request?.buyer !== 'string' || request.buyer.trim() === '') details.push({ field: 'buyer', message: 'buyer must be an organisation DN' });
  if (typeof request?.currency !== 'string' || !/^[A-Za-z]{3}$/.test(request.currency)) details.push({ field: 'currency', message: 'currency must be an ISO 4217 code' });
  if (typeof request?.at !== 'string' || Number.isNaN(Date.parse(request.at))) details.push({ field: 'at', message: 'at must be an ISO-8601 time' });
  if (!Array.isArray(request?.lines) || request.lines.length === 0) {
    details.push({ field: 'lines', message: 'lines must be a non-empty array' });
    return details;
  }
  request.lines.forEach((line, i) => {
    if (typeof line?.sku !== 'string' || line.sku === '') details.push({ field: `lines[${i}].sku`, message: 'sku is required', lineIndex: i });
    if (!Number.isSafeInteger(line?.quantity) || line.quantity <= 0) details.push({ field: `lines[${i}].quantity`, message: 'quantity must be a positive integer', lineIndex: i });
    if (!isDecimal(line?.listPrice) || parseDecimal(line.listPrice) < 0n) details.push({ field: `lines[${i}].listPrice`, message: 'listPrice must be a non-negative decimal string', lineIndex: i });
    if (line?.categories !== undefined && (!Array.isArray(line.categories) || line.categories.some((c) => typeof c !== 'string'))) {
      details.push({ field: `lines[${i}].categories`, message: 'categories must be an array of strings', lineIndex: i });
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
  const { identity, grants } = resolveBuyer(snapshot, request.buyer, orgs, options.buyerMemo);

  const usable = eligibleContracts(grants, at, options, identity);
  const violations: CheckoutViolation[] = [];
  if (usable.length === 0) {
    violations.push({ code: 'NO_ELIGIBLE_CONTRACT', message: `${request.buyer} has no active contract in force at ${request.at}`, lineIndex: null });
  }

  const outcomes = request.lines.map((line, index) =>
    priceLine(snapshot, usable, identity, currency, line, index, violations));
  const total = outcomes.reduce((sum, o) => sum + o.total, 0n);

  // Order-level terms of every contract the order buys under.
  const used = new Map<string, { usable: UsableContract; total: bigint; lines: number[] }>();
  outcomes.forEach((o, index) => {
    if (!o.usable) return;
    const entry = used.get(o.usable.contract.ref.id) ?? { usable: o.usable, total: 0n, lines: [] };
    entry.total += o.total;
    entry.lines.push(index);
    used.set(o.usable.contract.ref.id, entry);
  });

  let approvalRequired = false;
  const rightToBuy: RightToBuyStatus[] = [];
  const paymentSets: { ref: ContractRef; methods: Set<string> }[] = [];
  const method = request.payment?.method;

  for (const { usable: u, total: contractTotal, lines } of used.values()) {
    const ref = u.contract.ref;
    const name = `${ref.code} ${ref.version}`;
    const values = (pick: (b: TermBucket) => readonly { value: string; buyers: TermOrigin['buyers']; type: TermOrigin['type']; sequenceNumber: number }[]) =>
      new Set(u.buckets.flatMap((b) => pick(b).filter((t) => applies(t, identity)).map((t) => t.value)));

    const modes = values((b) => b.shippingModes);
    const mode = request.shipping?.mode;
    if (modes.size > 0 && mode !== undefined && !modes.has(mode)) {
      violations.push({ code: 'SHIPPING_MODE_NOT_ALLOWED', message: `contract ${name} allows shipping by ${[...modes].join(', ')}, not ${mode}`, lineIndex: null });
    }
    const shipTos = values((b) => b.shipTos);
    const shipTo = request.shipping?.shipTo;
    if (shipTos.size > 0 && shipTo !== undefined && !shipTos.has(shipTo)) {
      violations.push({ code: 'SHIP_TO_NOT_ALLOWED', message: `contract ${name} ships only to ${[...shipTos].join(', ')}, not ${shipTo}`, lineIndex: null });
    }

    const methods = values((b) => b.paymentMethods);
    if (u.contract.creditAllowed === false) for (const m of CREDIT_LINE_PAYMENT_METHODS) methods.delete(m);
    const creditRefused = u.contract.creditAllowed === false && method !== undefined && (CREDIT_LINE_PAYMENT_METHODS as readonly string[]).includes(method);
    if (creditRefused) {
      violations.push({ code: 'PAYMENT_METHOD_NOT_ALLOWED', message: `contract ${name} does not allow credit-line payment (${method})`, lineIndex: null });
    } else if (methods.size > 0 && method !== undefined && !methods.has(method)) {
      violations.push({ code: 'PAYMENT_METHOD_NOT_ALLOWED', message: `contract ${name} allows payment by ${[...methods].join(', ')}, not ${method}`, lineIndex: null });
    }
    if (methods.size > 0) paymentSets.push({ ref, methods });

    for (const b of u.buckets) {
      for (const t of b.orderApproval) {
        if (!applies(t, identity)) continue;
        // A threshold in another currency is compared through a configured rate; without one, ask
        // for approval rather than guess.
        const converted = convert(snapshot, total, currency, t.currency);
        if (!converted || converted.amount >= t.amount) approvalRequired = true;
      }
    }

    const cap = u.buckets.flatMap((b) => b.rightToBuy.filter((t) => applies(t, identity)))[0];
    if (cap) {
      const consumed = ledger ? parseDecimal(ledger.consumed(ref.id)) : 0n;
      const remaining = cap.amount - consumed;
      const adds = convert(snapshot, contractTotal, currency, cap.currency);
      rightToBuy.push({
        contract: ref, limit: formatUnits(cap.amount), consumed: formatUnits(consumed), remaining: formatUnits(remaining), currency: cap.currency,
        orderAmount: adds ? formatUnits(adds.amount) : null,
        ...(adds?.rate !== undefined ? { exchangeRate: unitsToDecimal(adds.rate) } : {}),
      });
      if (!adds) {
        violations.push({ code: 'RIGHT_TO_BUY_EXCEEDED', message: `contract ${name} caps spending in ${cap.currency}; an order in ${currency} cannot draw on it (no exchange rate from ${currency} to ${cap.currency} is configured)`, lineIndex: null });
      } else if (adds.amount > remaining) {
        const via = adds.rate !== undefined ? ` (${formatUnits(contractTotal)} ${currency} at ${unitsToDecimal(adds.rate)})` : '';
        violations.push({ code: 'RIGHT_TO_BUY_EXCEEDED', message: `contract ${name}: this order adds ${formatUnits(adds.amount)} ${cap.currency}${via} but only ${formatUnits(remaining)} remains of ${formatUnits(cap.amount)}`, lineIndex: null });
      }
    }

    const reserved = new Map<string, number>();
    for (const b of u.buckets) {
      for (const t of b.quantityCommitments) {
        if (!applies(t, identity)) continue;
        for (const [sku, q] of t.quantities) if (!reserved.has(sku)) reserved.set(sku, q);
      }
    }
    if (reserved.size > 0) {
      const ordered = new Map<string, { quantity: number; firstLine: number }>();
      for (const i of lines) {
        const sku = request.lines[i].sku;
        if (!reserved.has(sku)) continue;
        const entry = ordered.get(sku) ?? { quantity: 0, firstLine: i };
        entry.quantity += request.lines[i].quantity;
        ordered.set(sku, entry);
      }
      for (const [sku, { quantity, firstLine }] of ordered) {
        const remaining = ledger?.remainingQuantity(ref.id, sku) ?? reserved.get(sku)!;
        if (quantity > remaining) {
          violations.push({ code: 'QUANTITY_EXCEEDS_REMAINING', message: `contract ${name}: ${quantity} × ${sku} ordered, ${remaining} of ${reserved.get(sku)} reserved remain`, lineIndex: firstLine });
        }
      }
    }
  }

  // All contracts of one order must share a payment method (contracts without payment terms accept any).
  if (paymentSets.length > 1 && method === undefined) {
    const [first, ...rest] = paymentSets;
    const shared = [...first.methods].filter((m) => rest.every((s) => s.methods.has(m)));
    if (shared.length === 0) {
      violations.push({ code: 'PAYMENT_METHOD_NOT_ALLOWED', message: `contracts ${paymentSets.map((s) => s.ref.code).join(', ')} share no payment method`, lineIndex: null });
    }
  }

  return {
    allowed: violations.length === 0,
    approvalRequired,
    total: formatUnits(total),
    lines: outcomes.map((o) => o.result),
    violations,
    rightToBuy,
  };
}

/** An amount in `to`, rounded to minor units, through the snapshot's configured rate; undefined without one. */
function convert(snapshot: PricingSnapshot, amount: bigint, from: string, to: string): { amount: bigint; rate?: bigint } | undefined {
  if (from === to) return { amount };
  const rate = snapshot.currencyRates?.get(rateKey(from, to));
  return rate === undefined ? undefined : { amount: roundUnits(multiplyUnits(amount, rate)), rate };
}

/** The buyer's identity (DN, ancestors, member groups; normalised) and the buyer entries under it, memoised when a memo is given. */
export function resolveBuyer(snapshot: PricingSnapshot, buyer: string, orgs: OrganizationDirectory, memo?: BuyerMemo): BuyerResolution {
  const known = memo?.get(buyer);
  if (known) return known;
  const organizations = new Set([buyer, ...orgs.ancestorsOf(buyer)].map(normalizeBuyerKey));
  const groups = new Set(orgs.groupsOf(buyer).map(normalizeBuyerKey));
  const identity: BuyerIdentity = { all: new Set([...organizations, ...groups]), organizations, groups };
  const grants: BuyerGrant[] = [];
  for (const key of identity.all) for (const grant of snapshot.grantsByBuyer.get(key) ?? []) grants.push(grant);
  const resolved = { identity, grants };
  if (memo) {
    if (memo.size >= BUYER_MEMO_MAX) memo.clear();
    memo.set(buyer, resolved);
  }
  return resolved;
}

/** Contracts the buyer may use at `at`, from its buyer entries only, in code/version order. */
function eligibleContracts(grants: readonly BuyerGrant[], at: number, options: EvaluateOptions, identity: BuyerIdentity): UsableContract[] {
  const found = new Map<string, UsableContract>();
  for (const grant of grants) {
    const c = grant.contract;
    options.onContractConsidered?.(c.ref.id);
    if (found.has(c.ref.id)) continue;
    if (!grant.active || !inForce(grant.startsMs, grant.endsMs, at)) continue;
    if (c.status !== 'ACTIVE' || !inForce(c.startsMs, c.endsMs, at)) continue;
    const buckets = [c.own];
    if (c.account) buckets.push(c.account);
    const base = c.base;
    if (base && base.status === 'ACTIVE' && inForce(base.startsMs, base.endsMs, at)) buckets.push(base.asBase);
    const exclusions: CompiledProductConstraint[] = [];
    const inclusions: CompiledProductConstraint[] = [];
    for (const b of buckets) {
      for (const t of b.exclusions) if (applies(t, identity)) exclusions.push(t);
      for (const t of b.inclusions) if (applies(t, identity)) inclusions.push(t);
    }
    found.set(c.ref.id, { contract: c, buckets, exclusions, inclusions });
  }
  const usable = [...found.values()];
  if (usable.length > 1) usable.sort((a, b) => compareRefs(a.contract.ref, b.contract.ref));
  return usable;
}

function compareRefs(a: ContractRef, b: ContractRef): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareProposals(a: Proposal, b: Proposal): number {
  if (a.price !== b.price) return a.price < b.price ? -1 : 1;
  return RULE_RANK[a.origin.type] - RULE_RANK[b.origin.type]
    || compareRefs(a.usable.contract.ref, b.usable.contract.ref)
    || BUCKET_RANK[a.bucket.kind] - BUCKET_RANK[b.bucket.kind]
    || a.origin.sequenceNumber - b.origin.sequenceNumber;
}

function priceLine(
  snapshot: PricingSnapshot,
  usable: readonly UsableContract[],
  identity: BuyerIdentity,
  currency: string,
  line: CheckoutLineRequest,
  index: number,
  violations: CheckoutViolation[],
): LineOutcome {
  const list = parseDecimal(line.listPrice);
  const categories = line.categories ?? [];
  const explanation: string[] = [];
  const proposals: Proposal[] = [];
  let entitled = 0;
  let includedOnly: UsableContract | null = null;

  for (const u of usable) {
    const name = `${u.contract.ref.code} ${u.contract.ref.version}`;
    // An exclusion naming an undefined product set excludes everything (it fails closed).
    const exclusion = u.exclusions.length ? u.exclusions.find((t) => t.set.missing !== undefined || inSet(t.set, line.sku, categories)) : undefined;
    if (exclusion) {
      const missing = exclusion.set.missing !== undefined ? ` (its product set ${JSON.stringify(exclusion.set.missing)} is not defined, so it excludes every product)` : '';
      explanation.push(`${name}: not entitled, ${line.sku} is excluded by ProductSetTCExclusion #${exclusion.sequenceNumber}${missing}`);
      continue;
    }
    const inclusions = u.inclusions;
    if (inclusions.length > 0 && !inclusions.some((t) => inSet(t.set, line.sku, categories))) {
      explanation.push(`${name}: not entitled, ${line.sku} is outside its ProductSetTCInclusion set`);
      continue;
    }
    const own = proposalsOf(snapshot, u, identity, currency, line.sku, line.quantity, list, categories);
    if (own.length === 0 && inclusions.length === 0) {
      explanation.push(`${name}: not entitled, it has no price for ${line.sku} in ${currency}`);
      continue;
    }
    entitled++;
    if (own.length === 0) includedOnly ??= u;
    proposals.push(...own);
  }

  const valid = proposals.filter((p) => p.price > 0n);
  const forced = valid.filter((p) => p.forced).sort(compareProposals);
  const atOrBelowList = valid.filter((p) => p.price <= list).sort(compareProposals);
  const winner: Proposal | undefined = forced[0] ?? atOrBelowList[0];

  const listText = formatUnits(list);
  for (const p of proposals) {
    if (p === winner) continue;
    const price = formatUnits(p.price);
    const why = p.price <= 0n ? 'a price must be greater than 0'
      : winner?.forced && !p.forced ? `${winner.usable.contract.ref.code} forces its contract price`
        : !p.forced && p.price > list ? `above the list price ${listText} and ${p.usable.contract.ref.code} does not force its price`
          : winner && p.price === winner.price ? `same price as the winner, which ranks first (custom price list, price rule, filtering, selective, price list, master catalogue; then contract code; then the contract's own terms before its account's and its base contract's)`
            : `higher than the winning ${formatUnits(winner!.price)}`;
    explanation.push(`lost: ${describe(p)} at ${price} (${p.detail}): ${why}`);
  }

  let result: CheckoutLineResult;
  let owner: UsableContract | null = null;
  let unit: bigint;
  if (winner) {
    unit = winner.price;
    owner = winner.usable;
    const why = winner.forced ? 'forced contract price (applies even above list price)' : `lowest contract price at or below list price ${listText}`;
    explanation.unshift(`won: ${describe(winner)} at ${formatUnits(unit)} (${winner.detail}): ${why}`);
    result = {
      sku: line.sku, quantity: line.quantity, listPrice: listText, unitPrice: formatUnits(unit), lineTotal: '',
      contract: winner.usable.contract.ref, rule: winner.origin.type, explanation,
    };
  } else {
    unit = roundUnits(list);
    const why = usable.length === 0 ? 'no eligible contract'
      : entitled === 0 ? 'no eligible contract entitles this product'
        : includedOnly && proposals.length === 0 ? `${includedOnly.contract.ref.code} entitles it without a contract price`
          : 'no contract price greater than 0 and at or below list price';
    explanation.unshift(`list price ${listText}: ${why}`);
    result = { sku: line.sku, quantity: line.quantity, listPrice: listText, unitPrice: formatUnits(unit), lineTotal: '', contract: null, rule: 'LIST_PRICE', explanation };
  }
  if (usable.length > 0 && entitled === 0) {
    violations.push({ code: 'PRODUCT_NOT_ENTITLED', message: `no eligible contract entitles ${line.sku}`, lineIndex: index });
  }
  const total = unit * BigInt(line.quantity);
  result.lineTotal = formatUnits(total);
  return { result, usable: owner, total };
}

/** Every pricing term of one usable contract proposes its price for the line (rounded to minor units). */
function proposalsOf(
  snapshot: PricingSnapshot,
  u: UsableContract,
  identity: BuyerIdentity,
  currency: string,
  sku: string,
  quantity: number,
  list: bigint,
  categories: readonly string[],
): Proposal[] {
  const out: Proposal[] = [];
  const forced = u.contract.forceContractPrice;
  const push = (bucket: TermBucket, origin: TermOrigin, price: bigint, detail: string) =>
    out.push({ usable: u, bucket, origin, price: roundUnits(price), detail, forced });

  for (const bucket of u.buckets) {
    // Custom price list: the band with the highest minQuantity ≤ quantity, then precedence, then the lower price.
    const best = bucket.offersBySku.best(sku, currency, quantity, (origin) => applies(origin, identity));
    if (best) push(bucket, best, best.price, `offer from quantity ${best.minQuantity}, precedence ${best.precedence}`);

    for (const t of bucket.masterCatalog) {
      if (applies(t, identity)) push(bucket, t, applyPercentageUnits(list, t.percentage), `list price ${percentText(t.percentage)}`);
    }

    for (const t of bucket.priceLists) {
      if (!applies(t, identity)) continue;
      const base = snapshot.priceLists.get(priceListKey(t.priceList, currency))?.get(sku);
      if (base === undefined) continue;
      const adjusted = t.productSet === null || inSet(t.productSet, sku, categories);
      push(bucket, t, adjusted ? applyPercentageUnits(base, t.percentage) : base,
        `price list ${t.priceList} ${formatUnits(base)}${adjusted ? ` ${percentText(t.percentage)}` : ', outside the adjusted product set'}`);
    }

    for (const t of bucket.filtering) {
      if (!applies(t, identity)) continue;
      if (t.excludeSkus.has(sku) || categories.some((c) => t.excludeCategories.has(c))) continue;
      let pct = t.includeSkus.get(sku);
      let detail = `catalogue filter on ${sku}`;
      if (pct === undefined) {
        for (const c of categories) {
          const p = t.includeCategories.get(c);
          if (p !== undefined && (pct === undefined || p < pct)) { pct = p; detail = `catalogue filter on category ${c}`; }
        }
      }
      if (pct === undefined && !t.hasIncludes) { pct = t.defaultPercentage; detail = 'filtered catalogue'; }
      if (pct !== undefined) push(bucket, t, applyPercentageUnits(list, pct), `${detail} ${percentText(pct)}`);
    }

    const rules = bucket.priceRulesByItem.get(sku);
    if (rules) {
      let best: { rule: CompiledPriceRule; price: bigint } | undefined;
      for (const r of rules) {
        if (!applies(r, identity) || !ruleScopeMatches(r, identity)) continue;
        const price = applyPriceRule(r.rule, list);
        if (!best || SCOPE_RANK[r.scope] < SCOPE_RANK[best.rule.scope] || (SCOPE_RANK[r.scope] === SCOPE_RANK[best.rule.scope] && price < best.price)) best = { rule: r, price };
      }
      if (best) push(bucket, best.rule, best.price, `rule ${best.rule.ruleText} for ${best.rule.scope === 'everyone' ? 'everyone' : `${best.rule.scope} ${best.rule.scopeKey}`}`);
    }
  }
  return out;
}

function ruleScopeMatches(rule: CompiledPriceRule, identity: BuyerIdentity): boolean {
  switch (rule.scope) {
    case 'everyone':
      return true;
    case 'customer':
      return identity.organizations.has(rule.scopeKey!);
    default:
      // Customer groups and pricing groups are both member groups of the buyer organisation.
      return identity.groups.has(rule.scopeKey!);
  }
}
