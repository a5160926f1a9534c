/**
 * A compiled, read-only view of the deployed contracts for checkout: everything is parsed and
 * indexed once so that an evaluation only follows map look-ups (buyer → grants, sku → offers,
 * item code → price rules, price list → sku → price) and never scans all contracts.
 *
 * Terms are compiled per "bucket": a contract's own terms, its account's terms, and (by
 * reference, not copied) its base contract's own terms. A base shared by 1,000 contracts is
 * compiled once.
 */
import type { ContractStatus } from '../contract-status';
import { isDecimal, parseDecimal } from '../money/decimal';
import { isAccountTermType } from '../terms/contract-rules';
import type { Decimal, ProductSetRef, TypedContractTerm } from '../terms/term-parameters';
import { isSafeUnits, OfferIndexBuilder, type OfferIndex } from './offer-index';
import { parsePriceRuleValue, type ParsedPriceRule } from './price-rule-value';

// ---- input ----

export interface ContractBuyerInput {
  organization?: string;
  memberGroup?: string;
  startsAt?: string;
  endsAt?: string;
  active: boolean;
}

export interface DeployedContractInput {
  id: string;
  code: string;
  version: string;
  status: ContractStatus;
  startsAt: string;
  endsAt?: string | null;
  currency: string;
  isBase: boolean;
  baseContractId: string | null;
  forceContractPrice: boolean;
  /** Credit-line payment methods are refused when this is false (absent: not checked). */
  creditAllowed?: boolean;
  buyers: ContractBuyerInput[];
  terms: TypedContractTerm[];
  accountTerms?: TypedContractTerm[];
}

export interface PriceListInput {
  name: string;
  currency: string;
  prices: ReadonlyMap<string, Decimal>;
}

export interface ProductSetDefinition {
  skus?: string[];
  categories?: string[];
}

export interface PricingSnapshotInput {
  contracts: DeployedContractInput[];
  priceLists?: PriceListInput[];
  productSets?: Record<string, ProductSetDefinition>;
  /** Exchange rates: units of `to` per unit of `from`. */
  currencyRates?: { from: string; to: string; rate: Decimal }[];
}

// ---- compiled ----

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

export interface CompiledAmountTerm extends TermOrigin {
  amount: bigint;
  currency: string;
}

export interface CompiledQuantityCommitment extends TermOrigin {
  quantities: ReadonlyMap<string, number>;
}

/** The compiled terms of one source (a contract's own, its account's). */
export interface TermBucket {
  kind: BucketKind;
  /** The contract whose terms these are (the base contract for kind "base"). */
  owner: ContractRef;
  /** sku → offers of every custom price list, sorted by minQuantity ascending (packed: see offer-index.ts). */
  offersBySku: OfferIndex;
  masterCatalog: readonly CompiledPercentTerm[];
  priceLists: readonly CompiledPriceListTerm[];
  filtering: readonly CompiledFilteringTerm[];
  /** item code → rules. */
  priceRulesByItem: ReadonlyMap<string, readonly CompiledPriceRule[]>;
  inclusions: readonly CompiledProductConstraint[];
  exclusions: readonly CompiledProductConstraint[];
  shippingModes: readonly CompiledValueTerm[];
  shipTos: readonly CompiledValueTerm[];
  paymentMethods: readonly CompiledValueTerm[];
  rightToBuy: readonly CompiledAmountTerm[];
  orderApproval: readonly CompiledAmountTerm[];
  quantityCommitments: readonly CompiledQuantityCommitment[];
}

export interface CompiledContract {
  ref: ContractRef;
  status: ContractStatus;
  startsMs: number;
  /** Inclusive; Infinity when open-ended. */
  endsMs: number;
  currency: string;
  isBase: boolean;
  forceContractPrice: boolean;
  creditAllowed: boolean | undefined;
  own: TermBucket;
  /** The same terms seen from a contract that inherits them (kind "base"), built once. */
  asBase: TermBucket;
  account: TermBucket | null;
  /** The referenced base contract (its `asBase` bucket is the inherited terms). */
  base: CompiledContract | null;
}

/** One Buyer participant entry, indexed under its normalised organisation DN or member group. */
export interface BuyerGrant {
  contract: CompiledContract;
  startsMs: number;
  endsMs: number;
  active: boolean;
}

export interface PricingSnapshot {
  contractsById: ReadonlyMap<string, CompiledContract>;
  /** normalised DN or member group → the buyer entries naming it. */
  grantsByBuyer: ReadonlyMap<string, readonly BuyerGrant[]>;
  /** priceListKey(name, currency) → sku → price in units. */
  priceLists: ReadonlyMap<string, ReadonlyMap<string, bigint>>;
  /**
   * rateKey(from, to) → units of `to` per unit of `from` (6 decimals). Absent or without the pair:
   * an amount cannot be converted, and a cap or threshold in another currency is not compared.
   */
  currencyRates?: ReadonlyMap<string, bigint>;
  /** Data problems found while compiling (the offending term or offer is left out). */
  warnings: readonly string[];
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

function parseTime(value: string | null | undefined, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  return Date.parse(value);
}

const EMPTY_SET: CompiledProductSet = { skus: new Set(), categories: new Set() };

export interface CompileOptions {
  /**
   * Returns one shared instance of equal strings (SKUs, currencies): with a pool that outlives one
   * compile, a SKU sold under 1,000 contracts is stored once. Default: a pool for this compile.
   */
  intern?: (s: string) => string;
  /** Named product sets, compiled once by whoever keeps them (instead of PricingSnapshotInput.productSets). */
  productSets?: ReadonlyMap<string, CompiledProductSet>;
}

/** A product set definition as the compiler uses it. */
export function compileProductSet(def: ProductSetDefinition): CompiledProductSet {
  return { skus: new Set(def.skus ?? []), categories: new Set(def.categories ?? []) };
}

/** The product set names a contract's terms (its own and its account's) refer to. */
export function productSetNamesOf(input: Pick<DeployedContractInput, 'terms' | 'accountTerms'>): string[] {
  const names = new Set<string>();
  for (const term of [...input.terms, ...(input.accountTerms ?? [])]) {
    const name = (term as { productSet?: ProductSetRef }).productSet?.name;
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

/** A string pool for CompileOptions.intern. */
export function stringPool(): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    const known = pool.get(s);
    if (known !== undefined) return known;
    pool.set(s, s);
    return s;
  };
}

export function compilePricingSnapshot(input: PricingSnapshotInput, options: CompileOptions = {}): PricingSnapshot {
  const intern = options.intern ?? stringPool();
  const warnings: string[] = [];
  let productSets = options.productSets;
  if (!productSets) {
    const compiled = new Map<string, CompiledProductSet>();
    for (const [name, def] of Object.entries(input.productSets ?? {})) compiled.set(name, compileProductSet(def));
    productSets = compiled;
  }

  const priceLists = new Map<string, Map<string, bigint>>();
  for (const list of input.priceLists ?? []) {
    const key = priceListKey(list.name, list.currency);
    const prices = priceLists.get(key) ?? new Map<string, bigint>();
    for (const [sku, price] of list.prices) {
      if (isDecimal(price)) prices.set(sku, parseDecimal(price));
      else warnings.push(`price list ${list.name} (${list.currency}): price of ${sku} is not a decimal: ${JSON.stringify(price)}`);
    }
    priceLists.set(key, prices);
  }

  const contractsById = new Map<string, CompiledContract>();
  for (const c of input.contracts) {
    const ref: ContractRef = { id: c.id, code: c.code, version: c.version };
    const where = `contract ${c.code} ${c.version}`;
    const startsMs = parseTime(c.startsAt, -Infinity);
    const endsMs = parseTime(c.endsAt, Infinity);
    if (Number.isNaN(startsMs) || Number.isNaN(endsMs)) warnings.push(`${where}: unreadable start or end time; it is never eligible`);
    const own = compileBucket('contract', ref, c.currency, c.terms, productSets, warnings, intern);
    // Only what accounts carry counts (as contract validation reads it): shipping and payment terms.
    const accountTerms = (c.accountTerms ?? []).filter((t) => isAccountTermType(t.type));
    contractsById.set(c.id, {
      ref,
      status: c.status,
      startsMs,
      endsMs,
      currency: c.currency,
      isBase: c.isBase,
      forceContractPrice: c.forceContractPrice,
      creditAllowed: c.creditAllowed,
      own,
      asBase: { ...own, kind: 'base' },
      account: accountTerms.length ? compileBucket('account', ref, c.currency, accountTerms, productSets, warnings, intern) : null,
      base: null,
    });
  }

  const grantsByBuyer = new Map<string, BuyerGrant[]>();
  for (const c of input.contracts) {
    const compiled = contractsById.get(c.id)!;
    if (c.baseContractId) {
      const base = contractsById.get(c.baseContractId);
      if (base) compiled.base = base;
      else warnings.push(`contract ${c.code} ${c.version}: base contract ${c.baseContractId} is not deployed; its terms are not inherited`);
    }
    for (const buyer of c.buyers) {
      const name = buyer.organization ?? buyer.memberGroup;
      if (!name) continue;
      const key = normalizeBuyerKey(name);
      const grant: BuyerGrant = {
        contract: compiled,
        startsMs: parseTime(buyer.startsAt, -Infinity),
        endsMs: parseTime(buyer.endsAt, Infinity),
        active: buyer.active,
      };
      const list = grantsByBuyer.get(key);
      if (list) list.push(grant);
      else grantsByBuyer.set(key, [grant]);
    }
  }
  const currencyRates = new Map<string, bigint>();
  for (const r of input.currencyRates ?? []) {
    if (isDecimal(r.rate) && parseDecimal(r.rate) > 0n) currencyRates.set(rateKey(r.from, r.to), parseDecimal(r.rate));
    else warnings.push(`exchange rate ${r.from} to ${r.to}: ${JSON.stringify(r.rate)} is not a decimal above 0; rate ignored`);
  }
  return { contractsById, grantsByBuyer, priceLists, currencyRates, warnings };
}

function compileBucket(
  kind: BucketKind,
  owner: ContractRef,
  contractCurrency: string,
  terms: readonly TypedContractTerm[],
  productSets: ReadonlyMap<string, CompiledProductSet>,
  warnings: string[],
  intern: (s: string) => string,
): TermBucket {
  const offers = new OfferIndexBuilder(intern);
  const priceRulesByItem = new Map<string, CompiledPriceRule[]>();
  const bucket = {
    kind, owner, priceRulesByItem, offersBySku: undefined as unknown as OfferIndex,
    masterCatalog: [] as CompiledPercentTerm[],
    priceLists: [] as CompiledPriceListTerm[],
    filtering: [] as CompiledFilteringTerm[],
    inclusions: [] as CompiledProductConstraint[],
    exclusions: [] as CompiledProductConstraint[],
    shippingModes: [] as CompiledValueTerm[],
    shipTos: [] as CompiledValueTerm[],
    paymentMethods: [] as CompiledValueTerm[],
    rightToBuy: [] as CompiledAmountTerm[],
    orderApproval: [] as CompiledAmountTerm[],
    quantityCommitments: [] as CompiledQuantityCommitment[],
  };
  const label = `contract ${owner.code} ${owner.version}${kind === 'account' ? ' (account terms)' : ''}`;

  for (const term of terms) {
    const origin: TermOrigin = {
      type: term.type,
      sequenceNumber: term.sequenceNumber,
      buyers: term.buyers?.length ? new Set(term.buyers.map(normalizeBuyerKey)) : null,
    };
    const where = `${label} term ${term.sequenceNumber} (${term.type})`;
    /** Parses a percentage or amount; a bad one drops the term with a warning. */
    const decimal = (value: Decimal | undefined, fallback?: bigint): bigint | null => {
      if (value === undefined && fallback !== undefined) return fallback;
      if (isDecimal(value)) return parseDecimal(value);
      warnings.push(`${where}: ${JSON.stringify(value)} is not a decimal; term ignored`);
      return null;
    };
    const resolveSet = (ref: ProductSetRef | undefined): CompiledProductSet => {
      if (!ref) return EMPTY_SET;
      const named = ref.name !== undefined ? productSets.get(ref.name) : undefined;
      const inline = ref.skus?.length || ref.categories?.length;
      if (named && !inline) return named;
      if (ref.name !== undefined && !named) {
        warnings.push(`${where}: product set ${JSON.stringify(ref.name)} is not defined; ${term.type === 'ProductSetTCExclusion' ? 'it excludes every product' : 'only its inline items count'} until it is`);
      }
      return {
        skus: new Set([...(named?.skus ?? []), ...(ref.skus ?? [])]),
        categories: new Set([...(named?.categories ?? []), ...(ref.categories ?? [])]),
        ...(ref.name !== undefined && !named ? { missing: ref.name } : {}),
      };
    };

    switch (term.type) {
      case 'PriceTCCustomPriceList':
        for (const offer of term.offers) {
          if (!isDecimal(offer.price)) {
            warnings.push(`${where}: offer for ${offer.sku} has price ${JSON.stringify(offer.price)}, not a decimal; offer ignored`);
            continue;
          }
          const units = parseDecimal(offer.price);
          if (!isSafeUnits(units)) {
            warnings.push(`${where}: offer for ${offer.sku} has price ${offer.price}, too large; offer ignored`);
            continue;
          }
          offers.add(origin, offer.sku, offer.currency.toUpperCase(), Number(units), offer.minQuantity ?? 0, offer.maxQuantity ?? Infinity, offer.precedence ?? 0);
        }
        break;
      case 'PriceTCMasterCatalogWithOptionalAdjustment': {
        const percentage = decimal(term.signedPercentage, 0n);
        if (percentage !== null) bucket.masterCatalog.push({ ...origin, percentage });
        break;
      }
      case 'PriceTCPriceListWithOptionalAdjustment': {
        const percentage = decimal(term.signedPercentage, 0n);
        if (percentage !== null) bucket.priceLists.push({ ...origin, priceList: term.priceList, percentage, productSet: null });
        break;
      }
      case 'PriceTCPriceListWithSelectiveAdjustment': {
        const percentage = decimal(term.signedPercentage);
        if (percentage !== null) bucket.priceLists.push({ ...origin, priceList: term.priceList, percentage, productSet: resolveSet(term.productSet) });
        break;
      }
      case 'PriceTCMasterCatalogWithFiltering': {
        const defaultPercentage = decimal(term.signedPercentage, 0n);
        if (defaultPercentage === null) break;
        const includeSkus = new Map<string, bigint>();
        const includeCategories = new Map<string, bigint>();
        const excludeSkus = new Set<string>();
        const excludeCategories = new Set<string>();
        let ok = true;
        for (const filter of term.filters) {
          if (filter.action === 'exclude') {
            if (filter.sku !== undefined) excludeSkus.add(filter.sku);
            if (filter.category !== undefined) excludeCategories.add(filter.category);
            continue;
          }
          const percentage = decimal(filter.signedPercentage, defaultPercentage);
          if (percentage === null) { ok = false; break; }
          if (filter.sku !== undefined) includeSkus.set(filter.sku, percentage);
          if (filter.category !== undefined) includeCategories.set(filter.category, percentage);
        }
        if (ok) {
          bucket.filtering.push({
            ...origin, defaultPercentage, includeSkus, includeCategories, excludeSkus, excludeCategories,
            hasIncludes: includeSkus.size + includeCategories.size > 0,
          });
        }
        break;
      }
      case 'PriceRule':
        for (const line of term.rules) {
          const rule = parsePriceRuleValue(line.rule);
          if ('error' in rule) {
            warnings.push(`${where}: item ${line.itemCode}: ${rule.error}; rule ignored`);
            continue;
          }
          const [scope, scopeValue]: [PriceRuleScope, string | undefined] =
            line.customerId !== undefined ? ['customer', line.customerId]
              : line.customerGroupId !== undefined ? ['customerGroup', line.customerGroupId]
                : line.priceRuleGroup !== undefined ? ['priceRuleGroup', line.priceRuleGroup]
                  : ['everyone', undefined];
          const compiled: CompiledPriceRule = {
            ...origin, itemCode: line.itemCode, ruleText: line.rule, rule, scope,
            scopeKey: scopeValue === undefined ? null : normalizeBuyerKey(scopeValue),
          };
          const list = priceRulesByItem.get(line.itemCode);
          if (list) list.push(compiled);
          else priceRulesByItem.set(line.itemCode, [compiled]);
        }
        break;
      case 'ProductSetTCInclusion':
        bucket.inclusions.push({ ...origin, set: resolveSet(term.productSet) });
        break;
      case 'ProductSetTCExclusion':
        bucket.exclusions.push({ ...origin, set: resolveSet(term.productSet) });
        break;
      case 'ShippingTCShippingMode':
        bucket.shippingModes.push({ ...origin, value: term.mode });
        break;
      case 'ShippingTCShipToAddress':
        bucket.shipTos.push({ ...origin, value: term.nickname });
        break;
      case 'PaymentTCPaymentMethod':
        bucket.paymentMethods.push({ ...origin, value: term.method });
        break;
      case 'RightToBuyTCByAmount': {
        const amount = decimal(term.maximumAmount);
        if (amount !== null) bucket.rightToBuy.push({ ...origin, amount, currency: term.currency.toUpperCase() });
        break;
      }
      case 'OrderApprovalTC': {
        const amount = decimal(term.thresholdAmount);
        // Absent currency means the currency of the contract holding the term.
        if (amount !== null) bucket.orderApproval.push({ ...origin, amount, currency: (term.currency ?? contractCurrency).toUpperCase() });
        break;
      }
      case 'QuantityCommitmentTC':
        bucket.quantityCommitments.push({
          ...origin,
          quantities: term.lines.reduce((m, l) => m.set(l.sku, (m.get(l.sku) ?? 0) + l.quantity), new Map<string, number>()),
        });
        break;
      default:
        // Shipping charges, fulfilment, returns, obligations, extended terms: not enforced at checkout.
        break;
    }
  }
  // Quantity breaks: ascending minQuantity (the index sorts), then the evaluator walks from the top band down.
  bucket.offersBySku = offers.build();
  return bucket;
}
