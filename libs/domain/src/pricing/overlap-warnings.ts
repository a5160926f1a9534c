/**
 * Overlap warnings at authoring time: for each buyer of a draft, the other contracts in force for
 * that buyer that also price (or exclude) a SKU the draft names, and which price checkout would
 * pick. A warning, never a refusal.
 */
import { parseDecimal } from '../money/decimal';
import type { TypedContractTerm } from '../terms/term-parameters';
import { eligibleContracts, resolveBuyer, sellsAt, type BuyerIdentity, type OrganizationDirectory, type UsableContract } from './buyer-contracts';
import { priceListKey, type CompiledFilteringTerm, type ContractRef } from './compiled-terms';
import { priceLine } from './line-pricing';
import { inSet, proposalsOf } from './price-candidates';
import type { ContractBuyerInput, CompiledContract, PricingSnapshot } from './pricing-snapshot';
import type { TermBucket } from './term-bucket';

/** SKUs listed per warning (the rest are counted). */
export const OVERLAP_SKUS_LISTED = 20;

export interface OverlapWinner {
  sku: string;
  /** The contract whose price checkout would pick for quantity 1, or the list price. */
  contract: { code: string; version: string } | 'list price';
  /** Null when the winning price is a share of the list price (a percentage), which is not known here. */
  unitPrice: string | null;
  /** The winning term type, or LIST_PRICE. */
  rule: string;
  /**
   * Some price for this SKU is a share of the list price: the winner named is the one at a list
   * price above every fixed price, and a lower list price may let a percentage win instead.
   */
  dependsOnListPrice: boolean;
}

export interface OverlapWarning {
  /** The draft's buyer entry, as written (organisation DN or member group). */
  buyer: string;
  /** The other contract. */
  contract: ContractRef;
  /** prices: both contracts price these SKUs; excludes: one of them excludes SKUs the other prices. */
  kind: 'prices' | 'excludes';
  /** The first OVERLAP_SKUS_LISTED SKUs, in order. */
  skus: string[];
  skuCount: number;
  /** A whole-catalogue adjustment (master catalogue, price list, catalogue filter) of one of them prices what the other prices: reported without SKUs. */
  catalogue: boolean;
  /** Per listed SKU, the price that would win. */
  winners: OverlapWinner[];
  message: string;
}

/** The draft's terms by kind: what it names explicitly. */
interface NamedSkus {
  /** Custom price-list offers, price rules' item codes, SKUs of a selective adjustment or a catalogue filter's includes, inclusion sets. */
  priced: Set<string>;
  /** Exclusion sets and a catalogue filter's excludes. */
  excluded: Set<string>;
}

// A list price above any contract price: the lowest contract price wins, and a price that follows
// the list price (a percentage) shows up as changing when the list price does.
const LIST_HIGH = '1000000000';
const LIST_HIGHER = '2000000000';

function namedSkus(snapshot: PricingSnapshot, currency: string, terms: readonly TypedContractTerm[], own: TermBucket): NamedSkus {
  const priced = new Set<string>();
  const excluded = new Set<string>();
  for (const t of terms) {
    if (t.type === 'PriceTCCustomPriceList') for (const o of t.offers) priced.add(o.sku);
  }
  for (const item of own.priceRulesByItem.keys()) priced.add(item);
  for (const t of own.priceLists) {
    // A named price list names its SKUs: the ones it has a price for in the draft's currency.
    for (const sku of snapshot.priceLists.get(priceListKey(t.priceList, currency))?.keys() ?? []) priced.add(sku);
  }
  for (const t of own.filtering) {
    for (const sku of t.includeSkus.keys()) priced.add(sku);
    for (const sku of t.excludeSkus) excluded.add(sku);
  }
  for (const t of own.inclusions) for (const sku of t.set.skus) priced.add(sku);
  for (const t of own.exclusions) for (const sku of t.set.skus) excluded.add(sku);
  for (const sku of excluded) priced.delete(sku);
  return { priced, excluded };
}

/** A term that prices every product without naming it: the master catalogue ± %, or a catalogue filter's default. */
function hasCataloguePricing(buckets: readonly TermBucket[]): boolean {
  return buckets.some((b) => b.masterCatalog.length > 0 || b.filtering.some((f) => !f.hasIncludes));
}

function hasPricing(buckets: readonly TermBucket[]): boolean {
  return buckets.some((b) => b.offersBySku.count > 0 || b.priceRulesByItem.size > 0 || b.priceLists.length > 0 || b.filtering.length > 0 || b.masterCatalog.length > 0);
}

/** The usable contract entitles the SKU: not excluded, inside its inclusions if it has any. */
function entitles(u: UsableContract, sku: string): boolean {
  if (u.exclusions.some((t) => t.set.missing !== undefined || inSet(t.set, sku, []))) return false;
  return u.inclusions.length === 0 || u.inclusions.some((t) => inSet(t.set, sku, []));
}

function excludes(u: UsableContract, sku: string): boolean {
  return u.exclusions.some((t) => t.set.missing !== undefined || inSet(t.set, sku, []));
}

/** Whether the contract prices the SKU by a term that names it (an offer, a rule, a price list holding it, a filter's include). */
function pricesExplicitly(snapshot: PricingSnapshot, u: UsableContract, identity: BuyerIdentity, currency: string, sku: string): boolean {
  return proposalsOf(snapshot, u, identity, currency, sku, 1, 0n, []).some((p) => p.origin.type !== 'PriceTCMasterCatalogWithOptionalAdjustment'
    && (p.origin.type !== 'PriceTCMasterCatalogWithFiltering' || (p.origin as CompiledFilteringTerm).includeSkus.has(sku)));
}

/**
 * The warnings for a draft compiled into `snapshot` (an overlay: see draft-overlay.ts), at the
 * draft's start or `now` if that is later: one per draft buyer, other contract and kind.
 */
export function overlapWarnings(
  snapshot: PricingSnapshot,
  draft: CompiledContract,
  draftInput: { buyers: readonly ContractBuyerInput[]; terms: readonly TypedContractTerm[] },
  orgs: OrganizationDirectory,
  now: number,
): OverlapWarning[] {
  const at = Math.max(draft.startsMs, now);
  if (!sellsAt(draft, at)) return [];
  const currency = draft.currency.toUpperCase();
  const named = namedSkus(snapshot, currency, draftInput.terms, draft.own);
  const warnings: OverlapWarning[] = [];

  for (const entry of draftInput.buyers) {
    const buyer = entry.organization ?? entry.memberGroup;
    if (!buyer || !entry.active) continue;
    const resolution = resolveBuyer(snapshot, buyer, orgs);
    const { identity } = resolution;
    const usable = eligibleContracts(resolution, at, {}, identity);
    const mine = usable.find((u) => u.contract === draft);
    // The entry is not in force then (its own dates), or the draft is not for this buyer.
    if (!mine) continue;
    const draftPrices = [...named.priced].filter((sku) => entitles(mine, sku));
    const draftCatalogue = hasCataloguePricing(mine.buckets);

    const winnerOf = (sku: string): OverlapWinner => {
      const line = (listPrice: string) => priceLine(snapshot, usable, identity, currency, { sku, quantity: 1, listPrice }, 0, []).result;
      const high = line(LIST_HIGH);
      const higher = line(LIST_HIGHER);
      const proposals = (list: bigint) => usable.filter((u) => entitles(u, sku)).flatMap((u) => proposalsOf(snapshot, u, identity, currency, sku, 1, list, []).map((p) => p.price));
      const atHigh = proposals(parseDecimal(LIST_HIGH));
      const atHigher = proposals(parseDecimal(LIST_HIGHER));
      return {
        sku,
        contract: high.contract ? { code: high.contract.code, version: high.contract.version } : 'list price',
        unitPrice: high.contract && high.unitPrice === higher.unitPrice ? high.unitPrice : null,
        rule: high.rule,
        dependsOnListPrice: atHigh.some((price, i) => price !== atHigher[i]),
      };
    };

    for (const other of usable) {
      if (other === mine) continue;
      const both: string[] = [];
      const excluded: string[] = [];
      for (const sku of draftPrices) {
        if (excludes(other, sku)) excluded.push(sku);
        else if (entitles(other, sku) && pricesExplicitly(snapshot, other, identity, currency, sku)) both.push(sku);
      }
      for (const sku of named.excluded) {
        if (entitles(other, sku) && proposalsOf(snapshot, other, identity, currency, sku, 1, 0n, []).length > 0) excluded.push(sku);
      }
      const catalogue = (draftCatalogue && hasPricing(other.buckets)) || (hasCataloguePricing(other.buckets) && (draftPrices.length > 0 || draftCatalogue));
      if (both.length > 0 || catalogue) warnings.push(warning(buyer, other.contract, 'prices', both, catalogue, winnerOf));
      if (excluded.length > 0) warnings.push(warning(buyer, other.contract, 'excludes', excluded, false, winnerOf));
    }
  }
  return warnings;
}

function warning(
  buyer: string, other: CompiledContract, kind: OverlapWarning['kind'], skus: string[], catalogue: boolean, winnerOf: (sku: string) => OverlapWinner,
): OverlapWarning {
  const listed = skus.slice(0, OVERLAP_SKUS_LISTED);
  const winners = listed.map(winnerOf);
  const ref = other.ref;
  return {
    buyer, contract: { id: ref.id, code: ref.code, version: ref.version }, kind, skus: listed, skuCount: skus.length, catalogue, winners,
    message: overlapMessage(buyer, ref, kind, listed, skus.length, catalogue, winners),
  };
}

/** "Also priced for BUYER by CODE VERSION: SKU-1, SKU-2 (3 more) — CODE wins at 17.00". */
export function overlapMessage(
  buyer: string, other: Pick<ContractRef, 'code' | 'version'>, kind: OverlapWarning['kind'], listed: readonly string[], count: number, catalogue: boolean,
  winners: readonly OverlapWinner[],
): string {
  const verb = kind === 'prices' ? 'Also priced' : 'Excluded by one, priced by the other';
  const more = count > listed.length ? ` (${count - listed.length} more)` : '';
  const what = listed.length ? `: ${listed.join(', ')}${more}` : '';
  const whole = catalogue ? `${listed.length ? '; ' : ': '}the whole catalogue by a catalogue-wide adjustment` : '';
  return `${verb} for ${buyer} by ${other.code} ${other.version}${what}${whole}${winnersText(winners)}`;
}

function winnersText(winners: readonly OverlapWinner[]): string {
  if (winners.length === 0) return '';
  const text = (w: OverlapWinner) => {
    const who = w.contract === 'list price' ? 'the list price' : w.contract.code;
    if (w.unitPrice === null) return `${who} wins${w.contract === 'list price' ? '' : ' (a share of the list price)'}`;
    return `${who} wins at ${w.unitPrice}${w.dependsOnListPrice ? ' (unless a lower list price lets a percentage win)' : ''}`;
  };
  const first = text(winners[0]);
  if (winners.every((w) => text(w) === first)) return ` — ${first}`;
  return ` — ${winners.map((w) => `${w.sku}: ${text(w)}`).join('; ')}`;
}
