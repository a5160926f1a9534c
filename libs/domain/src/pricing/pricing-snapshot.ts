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
import { normalizeBuyerKey, priceListKey, rateKey, type CompiledProductSet, type ContractRef } from './compiled-terms';
import { compileBucket, type TermBucket } from './term-bucket';

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
  /**
   * The version family (code, origin, seller) as one key: a newer version of the family that is
   * approved and waits for its start closes this one from that start. Absent: not linked.
   */
  family?: string;
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

// ---- compiled (term shapes: compiled-terms.ts; buckets: term-bucket.ts) ----

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
  family: string | null;
  /** major × 1,000,000 + minor: which version of its family is newer. */
  versionRank: number;
  /** From this time a newer version of its family, approved or deployed, has closed it; Infinity: none. */
  closedFromMs: number;
}

/**
 * Statuses that sell at checkout: Active, and Approved (or being deployed) while waiting for its
 * start, so that an evaluation `at` a later time sees what will be in force then.
 */
export const SELLING_STATUSES: readonly ContractStatus[] = ['ACTIVE', 'APPROVED', 'DEPLOYING'];

function versionRankOf(version: string): number {
  const [major, minor] = version.split('.').map(Number);
  return (Number.isFinite(major) ? major : 0) * 1_000_000 + (Number.isFinite(minor) ? minor : 0);
}

/**
 * Sets closedFromMs of every member of one family: a version is closed from the earliest start of
 * a newer version that sells or will (deploying that version closes every older one).
 */
export function linkFamily(members: Iterable<CompiledContract>): void {
  const list = [...members];
  for (const c of list) {
    let closedFrom = Infinity;
    for (const n of list) {
      if (n.versionRank > c.versionRank && SELLING_STATUSES.includes(n.status) && n.startsMs < closedFrom) closedFrom = n.startsMs;
    }
    c.closedFromMs = closedFrom;
  }
}

/** One Buyer participant entry, indexed under its normalised organisation DN or member group. */
export interface BuyerGrant {
  contract: CompiledContract;
  startsMs: number;
  endsMs: number;
  active: boolean;
}

/** The version family of a contract (code, origin, seller) as DeployedContractInput.family holds it. */
export function contractFamilyKey(code: string, origin: string, sellerDn: string): string {
  return `${code}\u0000${origin}\u0000${sellerDn}`;
}

/** The seller of a family key (contractFamilyKey). */
export function sellerOfFamily(family: string): string {
  return family.slice(family.indexOf('\u0000', family.indexOf('\u0000') + 1) + 1);
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

function parseTime(value: string | null | undefined, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  return Date.parse(value);
}

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
      family: c.family ?? null,
      versionRank: versionRankOf(c.version),
      closedFromMs: Infinity,
    });
  }
  const families = new Map<string, CompiledContract[]>();
  for (const c of contractsById.values()) {
    if (c.family === null) continue;
    const members = families.get(c.family);
    if (members) members.push(c);
    else families.set(c.family, [c]);
  }
  for (const members of families.values()) if (members.length > 1) linkFamily(members);

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
