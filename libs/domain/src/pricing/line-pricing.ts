/**
 * Prices one checkout line: which usable contracts entitle the product, which candidate price
 * wins (forced prices first, then the lowest at or below list price, ties by rule rank) and the
 * explanation of every candidate that lost.
 */
import { formatUnits, parseDecimal, roundUnits } from '../money/decimal';
import { compareRefs, type BuyerIdentity, type UsableContract } from './buyer-contracts';
import type { CheckoutLineRequest, CheckoutLineResult, CheckoutViolation } from './checkout-request';
import type { TermOrigin } from './compiled-terms';
import { inSet, proposalsOf, type Proposal } from './price-candidates';
import type { PricingSnapshot } from './pricing-snapshot';

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

export interface LineOutcome {
  result: CheckoutLineResult;
  /** The contract the line is bought under (its order-level terms apply), or null. */
  usable: UsableContract | null;
  total: bigint;
}

function describe(p: Pick<Proposal, 'usable' | 'bucket' | 'origin'>): string {
  const c = p.usable.contract.ref;
  const via = p.bucket.kind === 'base' ? ` via base contract ${p.bucket.owner.code} ${p.bucket.owner.version}`
    : p.bucket.kind === 'account' ? ' via account terms' : '';
  return `${p.origin.type} #${p.origin.sequenceNumber} of ${c.code} ${c.version}${via}`;
}

function compareProposals(a: Proposal, b: Proposal): number {
  if (a.price !== b.price) return a.price < b.price ? -1 : 1;
  return RULE_RANK[a.origin.type] - RULE_RANK[b.origin.type]
    || compareRefs(a.usable.contract.ref, b.usable.contract.ref)
    || BUCKET_RANK[a.bucket.kind] - BUCKET_RANK[b.bucket.kind]
    || a.origin.sequenceNumber - b.origin.sequenceNumber;
}

/** A usable contract that entitles the line, with what it proposes. */
interface Entitling {
  usable: UsableContract;
  proposals: Proposal[];
}

/**
 * The contract a line is bought under when no contract price wins (docs/business-rules.md): the
 * one that would have priced it lowest (a proposal above 0; a contract without one comes last),
 * then the most specific buyer entry, then contract code and version.
 */
function boughtUnderAtList(entitling: readonly Entitling[]): Entitling | undefined {
  let best: { e: Entitling; price: bigint | null } | undefined;
  for (const e of entitling) {
    let price: bigint | null = null;
    for (const p of e.proposals) if (p.price > 0n && (price === null || p.price < price)) price = p.price;
    if (!best) { best = { e, price }; continue; }
    const cheaper = price !== null && (best.price === null || price < best.price);
    const same = price === best.price;
    if (cheaper || (same && (e.usable.rank < best.e.usable.rank
      || (e.usable.rank === best.e.usable.rank && compareRefs(e.usable.contract.ref, best.e.usable.contract.ref) < 0)))) best = { e, price };
  }
  return best?.e;
}

export function priceLine(
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
  const entitling: Entitling[] = [];
  let proposals: Proposal[] = [];
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
    if (own.length === 0) includedOnly ??= u;
    entitling.push({ usable: u, proposals: own });
    for (const p of own) proposals.push(p);
  }

  // A line that names its contract is bought under it and priced by it alone.
  let named: Entitling | undefined;
  if (line.contractId !== undefined) {
    named = entitling.find((e) => e.usable.contract.ref.id === line.contractId);
    if (named) {
      proposals = named.proposals;
    } else {
      const known = usable.find((u) => u.contract.ref.id === line.contractId);
      const why = known ? `${known.contract.ref.code} ${known.contract.ref.version} does not entitle ${line.sku}`
        : 'the buyer may use no such contract at that time';
      violations.push({ code: 'CONTRACT_NOT_ENTITLED', message: `line ${index} names contract ${line.contractId}, but ${why}`, lineIndex: index });
    }
  }

  const valid = proposals.filter((p) => p.price > 0n);
  const forced = valid.filter((p) => p.forced).sort(compareProposals);
  const atOrBelowList = valid.filter((p) => p.price <= list).sort(compareProposals);
  const winner: Proposal | undefined = forced[0] ?? atOrBelowList[0];

  const listText = formatUnits(list);
  if (named) {
    for (const e of entitling) {
      if (e !== named) explanation.push(`${e.usable.contract.ref.code} ${e.usable.contract.ref.version}: not used, the line names ${named.usable.contract.ref.code} ${named.usable.contract.ref.version}`);
    }
  }
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
      contract: winner.usable.contract.ref, boughtUnder: winner.usable.contract.ref, rule: winner.origin.type, explanation,
    };
  } else {
    unit = roundUnits(list);
    owner = (named ?? boughtUnderAtList(entitling))?.usable ?? null;
    const why = usable.length === 0 ? 'no eligible contract'
      : entitling.length === 0 ? 'no eligible contract entitles this product'
        : includedOnly && proposals.length === 0 ? `${(owner ?? includedOnly).contract.ref.code} entitles it without a contract price`
          : 'no contract price greater than 0 and at or below list price';
    explanation.unshift(`list price ${listText}: ${why}`);
    if (owner) {
      const how = named ? 'the line names it' : entitling.length === 1 ? 'the only contract that entitles it'
        : 'of the contracts that entitle it, the one that would price it lowest (then the most specific buyer entry, then contract code)';
      explanation.splice(1, 0, `bought under ${owner.contract.ref.code} ${owner.contract.ref.version}: ${how}; its order terms apply`);
    }
    result = {
      sku: line.sku, quantity: line.quantity, listPrice: listText, unitPrice: formatUnits(unit), lineTotal: '',
      contract: null, boughtUnder: owner?.contract.ref ?? null, rule: 'LIST_PRICE', explanation,
    };
  }
  if (usable.length > 0 && entitling.length === 0) {
    violations.push({ code: 'PRODUCT_NOT_ENTITLED', message: `no eligible contract entitles ${line.sku}`, lineIndex: index });
  }
  const total = unit * BigInt(line.quantity);
  result.lineTotal = formatUnits(total);
  return { result, usable: owner, total };
}
