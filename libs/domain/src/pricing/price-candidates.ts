/**
 * Candidate prices for one checkout line: every pricing term of a usable contract that applies to
 * the buyer proposes its price. Choosing among them is line-pricing.ts.
 */
import { applyPercentageUnits, formatUnits, roundUnits } from '../money/decimal';
import { applies, type BuyerIdentity, type UsableContract } from './buyer-contracts';
import { priceListKey, type CompiledPriceRule, type CompiledProductSet, type PriceRuleScope, type TermOrigin } from './compiled-terms';
import { applyPriceRule } from './price-rule-value';
import type { PricingSnapshot } from './pricing-snapshot';
import type { TermBucket } from './term-bucket';

const SCOPE_RANK: Record<PriceRuleScope, number> = { customer: 0, customerGroup: 1, priceRuleGroup: 2, everyone: 3 };

export interface Proposal {
  usable: UsableContract;
  bucket: TermBucket;
  origin: TermOrigin;
  /** Rounded to minor units. */
  price: bigint;
  detail: string;
  forced: boolean;
}

export function inSet(set: CompiledProductSet, sku: string, categories: readonly string[]): boolean {
  return set.skus.has(sku) || categories.some((c) => set.categories.has(c));
}

function percentText(units: bigint): string {
  const text = formatUnits(units, 6).replace(/\.?0+$/, '');
  return `${units >= 0n ? '+' : ''}${text}%`;
}

/** Every pricing term of one usable contract proposes its price for the line (rounded to minor units). */
export function proposalsOf(
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
