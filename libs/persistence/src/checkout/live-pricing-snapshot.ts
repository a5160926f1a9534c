import {
  compilePricingSnapshot, compileProductSet, linkFamily, parseDecimal, priceListKey, productSetNamesOf, rateKey, stringPool, type CurrencyRate,
  type BuyerGrant, type BuyerMemo, type CompiledContract, type CompiledProductSet, type DeployedContractInput, type PricingSnapshot,
  type ProductSetDefinition,
} from '@pactum/domain';

/** One price of a named price list (reference data). */
export interface PriceListRow {
  currency: string;
  sku: string;
  price: string;
}

const MAX_WARNINGS = 1000;

/**
 * A PricingSnapshot that can be patched contract by contract: compilePricingSnapshot compiles each
 * batch, and this class merges the result into its indexes, links base contracts across batches,
 * and replaces or removes single contracts when they change. Evaluations are synchronous, so a
 * patch never runs in the middle of one.
 */
export class LivePricingSnapshot {
  private readonly contractsById = new Map<string, CompiledContract>();
  private readonly grantsByBuyer = new Map<string, BuyerGrant[]>();
  /** contract id → the buyer keys its grants sit under (to remove them again). */
  private readonly buyerKeysOf = new Map<string, string[]>();
  private readonly baseIdOf = new Map<string, string>();
  /** base contract id → contracts referring to it (also before the base itself is loaded). */
  private readonly referrers = new Map<string, Set<string>>();
  private readonly warnings: string[] = [];
  private offerCount = 0;
  /** Evaluations memoise per-buyer resolutions here; every patch clears it (grants and contracts change). */
  readonly buyerMemo: BuyerMemo = new Map();
  /** One instance of each SKU and currency across all batches (10,000 contracts share 20,000 SKUs). */
  private readonly intern = stringPool();
  /** priceListKey(name, currency) → sku → price; read by evaluations as they run. */
  private readonly priceLists = new Map<string, Map<string, bigint>>();
  /** price list name → the currencies it has prices in (to replace a list in every currency). */
  private readonly priceListCurrencies = new Map<string, string[]>();
  private readonly productSets = new Map<string, CompiledProductSet>();
  /** product set name → the contracts whose terms name it (they are recompiled when it changes). */
  private readonly productSetUsers = new Map<string, Set<string>>();
  private readonly setNamesOf = new Map<string, string[]>();
  private readonly currencyRates = new Map<string, bigint>();
  /** Version family → its contracts here (an approved newer version closes the older ones from its start). */
  private readonly families = new Map<string, Set<string>>();

  readonly snapshot: PricingSnapshot = {
    contractsById: this.contractsById,
    grantsByBuyer: this.grantsByBuyer,
    priceLists: this.priceLists,
    currencyRates: this.currencyRates,
    warnings: this.warnings,
  };

  get size(): { contracts: number; buyerKeys: number; offers: number; priceLists: number; productSets: number } {
    return {
      contracts: this.contractsById.size, buyerKeys: this.grantsByBuyer.size, offers: this.offerCount,
      priceLists: this.priceListCurrencies.size, productSets: this.productSets.size,
    };
  }

  /** The named product sets contracts compile against (a draft preview compiles against the same). */
  get compiledProductSets(): ReadonlyMap<string, CompiledProductSet> {
    return this.productSets;
  }

  /** Replaces a named price list in every currency (no rows: the list is gone). Takes effect for the next evaluation. */
  setPriceList(name: string, rows: readonly PriceListRow[]): void {
    for (const currency of this.priceListCurrencies.get(name) ?? []) this.priceLists.delete(priceListKey(name, currency));
    this.priceListCurrencies.delete(name);
    if (rows.length === 0) return;
    const currencies: string[] = [];
    for (const row of rows) {
      const key = priceListKey(name, row.currency);
      let prices = this.priceLists.get(key);
      if (!prices) {
        prices = new Map();
        this.priceLists.set(key, prices);
        currencies.push(row.currency.toUpperCase());
      }
      prices.set(this.intern(row.sku), parseDecimal(row.price));
    }
    this.priceListCurrencies.set(name, currencies);
  }

  /** Replaces the whole exchange-rate table. */
  setCurrencyRates(rates: readonly CurrencyRate[]): void {
    this.currencyRates.clear();
    for (const r of rates) this.currencyRates.set(rateKey(r.from, r.to), parseDecimal(r.rate));
  }

  /**
   * Defines, replaces or (undefined) removes a named product set. Contracts compiled against its
   * old content are returned: the caller re-reads and upserts them (a compiled term holds the
   * set's content, merged with its inline items).
   */
  setProductSet(name: string, definition: ProductSetDefinition | undefined): string[] {
    if (definition) this.productSets.set(name, compileProductSet(definition));
    else this.productSets.delete(name);
    return [...(this.productSetUsers.get(name) ?? [])];
  }

  /** Compiles and inserts (or replaces) these contracts. */
  upsert(inputs: readonly DeployedContractInput[]): void {
    if (inputs.length === 0) return;
    this.buyerMemo.clear();
    // Bases and families are linked here, not by the compiler: they may span batches.
    const compiled = compilePricingSnapshot({ contracts: inputs.map((c) => ({ ...c, baseContractId: null, family: undefined })) }, { intern: this.intern, productSets: this.productSets });
    for (const w of compiled.warnings) if (this.warnings.length < MAX_WARNINGS) this.warnings.push(w);
    this.remove(inputs.map((c) => c.id));

    for (const [key, grants] of compiled.grantsByBuyer) {
      const list = this.grantsByBuyer.get(key);
      if (list) list.push(...grants);
      else this.grantsByBuyer.set(key, [...grants]);
      for (const g of grants) {
        const keys = this.buyerKeysOf.get(g.contract.ref.id);
        if (keys) keys.push(key);
        else this.buyerKeysOf.set(g.contract.ref.id, [key]);
      }
    }
    for (const input of inputs) {
      const c = compiled.contractsById.get(input.id)!;
      this.contractsById.set(input.id, c);
      this.offerCount += countOffers(c);
      const setNames = productSetNamesOf(input);
      if (setNames.length) {
        this.setNamesOf.set(input.id, setNames);
        for (const name of setNames) {
          const users = this.productSetUsers.get(name) ?? new Set<string>();
          users.add(input.id);
          this.productSetUsers.set(name, users);
        }
      }
      if (input.baseContractId) {
        this.baseIdOf.set(input.id, input.baseContractId);
        const refs = this.referrers.get(input.baseContractId) ?? new Set<string>();
        refs.add(input.id);
        this.referrers.set(input.baseContractId, refs);
        c.base = this.contractsById.get(input.baseContractId) ?? null;
      }
      for (const referrer of this.referrers.get(input.id) ?? []) {
        const r = this.contractsById.get(referrer);
        if (r) r.base = c;
      }
      if (input.family !== undefined) {
        c.family = input.family;
        const members = this.families.get(input.family) ?? new Set<string>();
        members.add(input.id);
        this.families.set(input.family, members);
      }
    }
    this.relinkFamilies(inputs.map((c) => c.family));
  }

  private relinkFamilies(families: Iterable<string | null | undefined>): void {
    for (const family of new Set(families)) {
      const ids = family != null ? this.families.get(family) : undefined;
      if (!ids) continue;
      const members = [...ids].map((id) => this.contractsById.get(id)!);
      if (members.length === 1) members[0].closedFromMs = Infinity;
      else linkFamily(members);
    }
  }

  /** Takes these contracts out (they no longer sell); referrers lose their base terms. */
  remove(ids: readonly string[]): void {
    this.buyerMemo.clear();
    const families: string[] = [];
    for (const id of ids) {
      const old = this.contractsById.get(id);
      if (!old) continue;
      if (old.family !== null) {
        const members = this.families.get(old.family);
        members?.delete(id);
        if (members?.size === 0) this.families.delete(old.family);
        else families.push(old.family);
      }
      this.offerCount -= countOffers(old);
      for (const key of new Set(this.buyerKeysOf.get(id) ?? [])) {
        const rest = (this.grantsByBuyer.get(key) ?? []).filter((g) => g.contract.ref.id !== id);
        if (rest.length) this.grantsByBuyer.set(key, rest);
        else this.grantsByBuyer.delete(key);
      }
      this.buyerKeysOf.delete(id);
      this.contractsById.delete(id);
      for (const name of this.setNamesOf.get(id) ?? []) {
        const users = this.productSetUsers.get(name);
        users?.delete(id);
        if (users?.size === 0) this.productSetUsers.delete(name);
      }
      this.setNamesOf.delete(id);
      const baseId = this.baseIdOf.get(id);
      if (baseId) {
        this.referrers.get(baseId)?.delete(id);
        if (this.referrers.get(baseId)?.size === 0) this.referrers.delete(baseId);
        this.baseIdOf.delete(id);
      }
      for (const referrer of this.referrers.get(id) ?? []) {
        const r = this.contractsById.get(referrer);
        if (r) r.base = null;
      }
    }
    this.relinkFamilies(families);
  }
}

function countOffers(c: CompiledContract): number {
  return c.own.offersBySku.count;
}
