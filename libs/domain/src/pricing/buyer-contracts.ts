/**
 * Who a buyer is (its DN, ancestors and member groups) and which contracts it may use at a time,
 * found from its buyer entries in the snapshot only.
 */
import { normalizeBuyerKey, type CompiledProductConstraint, type ContractRef, type TermOrigin } from './compiled-terms';
import { SELLING_STATUSES, type BuyerGrant, type CompiledContract, type PricingSnapshot } from './pricing-snapshot';
import type { TermBucket } from './term-bucket';

/** The organisation tree: ancestors nearest first, and the member groups of an organisation. */
export interface OrganizationDirectory {
  ancestorsOf(dn: string): string[];
  groupsOf(dn: string): string[];
}

/** What one buyer string resolves to in one snapshot state (see EvaluateOptions.buyerMemo). */
export interface BuyerResolution {
  identity: BuyerIdentity;
  /** Every buyer entry under the identity's keys, in key order (time and status are checked per evaluation). */
  grants: readonly BuyerGrant[];
  /** Per grant, how specific its buyer key is: 0 the organisation itself, then its ancestors nearest first, then its member groups. */
  ranks: readonly number[];
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

export interface BuyerIdentity {
  /** Buyer DN, its ancestors and its member groups (normalised). */
  all: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

export interface UsableContract {
  contract: CompiledContract;
  /** own terms, account terms, and the base contract's terms while the base is itself in force. */
  buckets: TermBucket[];
  /** Product constraints that apply to this buyer (computed once per evaluation, used by every line). */
  exclusions: readonly CompiledProductConstraint[];
  inclusions: readonly CompiledProductConstraint[];
  /** How specific the buyer entry that makes it usable is (BuyerResolution.ranks): lower is more specific. */
  rank: number;
}

function inForce(startsMs: number, endsMs: number, at: number): boolean {
  return startsMs <= at && at <= endsMs;
}

/**
 * Whether the contract sells at `at` as it will stand then: Active or approved and waiting for
 * its start, inside its dates, and not yet closed by a newer version of its family. Suspended
 * contracts never do: a suspension has no scheduled end.
 */
export function sellsAt(c: CompiledContract, at: number): boolean {
  return SELLING_STATUSES.includes(c.status) && inForce(c.startsMs, c.endsMs, at) && at < c.closedFromMs;
}

/** The term buckets a contract's buyers are bound by at `at`: its own, its account's, and its base contract's while the base sells then. */
export function bucketsAt(c: CompiledContract, at: number): TermBucket[] {
  const buckets = [c.own];
  if (c.account) buckets.push(c.account);
  if (c.base && sellsAt(c.base, at)) buckets.push(c.base.asBase);
  return buckets;
}

/** The term is for every buyer of its contract, or names one of the identity's keys. */
export function applies(origin: TermOrigin, identity: BuyerIdentity): boolean {
  if (origin.buyers === null) return true;
  for (const key of identity.all) if (origin.buyers.has(key)) return true;
  return false;
}

/** The buyer's identity (DN, ancestors, member groups; normalised) and the buyer entries under it, memoised when a memo is given. */
export function resolveBuyer(snapshot: PricingSnapshot, buyer: string, orgs: OrganizationDirectory, memo?: BuyerMemo): BuyerResolution {
  const known = memo?.get(buyer);
  if (known) return known;
  const organizations = new Set([buyer, ...orgs.ancestorsOf(buyer)].map(normalizeBuyerKey));
  const groups = new Set(orgs.groupsOf(buyer).map(normalizeBuyerKey));
  const identity: BuyerIdentity = { all: new Set([...organizations, ...groups]), organizations, groups };
  const grants: BuyerGrant[] = [];
  const ranks: number[] = [];
  let rank = 0;
  for (const key of identity.all) {
    for (const grant of snapshot.grantsByBuyer.get(key) ?? []) {
      grants.push(grant);
      ranks.push(rank);
    }
    // Member groups are equally specific, after every organisation.
    if (rank < organizations.size) rank++;
  }
  const resolved = { identity, grants, ranks };
  if (memo) {
    if (memo.size >= BUYER_MEMO_MAX) memo.clear();
    memo.set(buyer, resolved);
  }
  return resolved;
}

/** Contracts the buyer may use at `at`, from its buyer entries only, in code/version order. */
export function eligibleContracts(
  resolution: Pick<BuyerResolution, 'grants' | 'ranks'>,
  at: number,
  options: { onContractConsidered?: (contractId: string) => void },
  identity: BuyerIdentity,
): UsableContract[] {
  const { grants, ranks } = resolution;
  const found = new Map<string, UsableContract>();
  for (let i = 0; i < grants.length; i++) {
    const grant = grants[i];
    const c = grant.contract;
    options.onContractConsidered?.(c.ref.id);
    if (found.has(c.ref.id)) continue;
    if (!grant.active || !inForce(grant.startsMs, grant.endsMs, at)) continue;
    if (!sellsAt(c, at)) continue;
    const buckets = bucketsAt(c, at);
    const exclusions: CompiledProductConstraint[] = [];
    const inclusions: CompiledProductConstraint[] = [];
    for (const b of buckets) {
      for (const t of b.exclusions) if (applies(t, identity)) exclusions.push(t);
      for (const t of b.inclusions) if (applies(t, identity)) inclusions.push(t);
    }
    found.set(c.ref.id, { contract: c, buckets, exclusions, inclusions, rank: ranks[i] });
  }
  const usable = [...found.values()];
  if (usable.length > 1) usable.sort((a, b) => compareRefs(a.contract.ref, b.contract.ref));
  return usable;
}

export function compareRefs(a: ContractRef, b: ContractRef): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
