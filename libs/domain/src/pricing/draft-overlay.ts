/**
 * A draft seen as if it were deployed: it is compiled alone, the way the checkout snapshot compiles
 * a contract, and laid over a PricingSnapshot without copying it. The overlay answers look-ups from
 * the snapshot, adds the draft's buyer entries, hides any entry of the draft's own id, and closes
 * the older versions of the draft's family from the draft's start, as deploying it would.
 */
import type { CompiledProductSet } from './compiled-terms';
import {
  compilePricingSnapshot, sellerOfFamily, SELLING_STATUSES,
  type BuyerGrant, type CompiledContract, type DeployedContractInput, type PricingSnapshot,
} from './pricing-snapshot';

export interface CompiledDraft {
  contract: CompiledContract;
  /** Normalised buyer key → the draft's buyer entries under it. */
  grants: ReadonlyMap<string, readonly BuyerGrant[]>;
  /** Problems found while compiling (a term or offer left out), as the snapshot reports them. */
  warnings: readonly string[];
}

/**
 * Compiles one contract alone against the snapshot's product sets and links its base contract
 * (`input.baseContractId`, taken from the snapshot: a base that does not sell is not inherited,
 * as at checkout) and its family.
 */
export function compileDraft(
  input: DeployedContractInput,
  snapshot: PricingSnapshot,
  productSets: ReadonlyMap<string, CompiledProductSet>,
): CompiledDraft {
  const alone = compilePricingSnapshot({ contracts: [{ ...input, baseContractId: null, family: undefined }] }, { productSets });
  const contract = alone.contractsById.get(input.id)!;
  const warnings = [...alone.warnings];
  if (input.baseContractId) {
    contract.base = snapshot.contractsById.get(input.baseContractId) ?? null;
    if (!contract.base) warnings.push(`contract ${input.code} ${input.version}: base contract ${input.baseContractId} is not deployed; its terms are not inherited`);
  }
  contract.family = input.family ?? null;
  return { contract, grants: alone.grantsByBuyer, warnings };
}

/**
 * The snapshot with the draft deployed in it, as its own seller sees it: only that seller's
 * contracts sell beside it (a representative never learns another seller's prices or contracts
 * through a preview or a warning). Nothing of `snapshot` is copied or changed: the few family
 * members the draft closes are shallow copies held by the overlay. Contracts that refer to an
 * older version of a base contract keep referring to it.
 */
export function overlayDraft(snapshot: PricingSnapshot, draft: CompiledDraft): PricingSnapshot {
  const c = draft.contract;
  const replaced = new Map<string, CompiledContract>();
  if (c.family !== null) {
    let closedFrom = Infinity;
    // One pass over the contracts: a preview is not on the checkout path, and the snapshot keeps no family index.
    for (const other of snapshot.contractsById.values()) {
      if (other.family !== c.family || other.ref.id === c.ref.id) continue;
      if (other.versionRank > c.versionRank) {
        if (SELLING_STATUSES.includes(other.status) && other.startsMs < closedFrom) closedFrom = other.startsMs;
      } else if (c.startsMs < other.closedFromMs) {
        replaced.set(other.ref.id, { ...other, closedFromMs: c.startsMs });
      }
    }
    c.closedFromMs = closedFrom;
  }
  const seller = c.family === null ? null : sellerOfFamily(c.family);
  const sameSeller = (other: CompiledContract) => seller === null || (other.family !== null && sellerOfFamily(other.family) === seller);
  const contractsById = new OverlayMap(snapshot.contractsById, (id, inBase) =>
    id === c.ref.id ? c : (replaced.get(id) ?? inBase), [c.ref.id]);
  const grantsByBuyer = new OverlayMap(snapshot.grantsByBuyer, (key, inBase) => {
    const own = draft.grants.get(key);
    if (!inBase) return own;
    let changed = false;
    const kept: BuyerGrant[] = [];
    for (const g of inBase) {
      if (g.contract.ref.id === c.ref.id || !sameSeller(g.contract)) { changed = true; continue; }
      const closed = replaced.get(g.contract.ref.id);
      if (closed) { changed = true; kept.push({ ...g, contract: closed }); } else kept.push(g);
    }
    if (own) return [...kept, ...own];
    if (!changed) return inBase;
    return kept.length ? kept : undefined;
  }, [...draft.grants.keys()]);
  return { ...snapshot, contractsById, grantsByBuyer, warnings: [...draft.warnings] };
}

/** A read-only map answering from `base` through `lookup`, plus keys `base` lacks. */
class OverlayMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly base: ReadonlyMap<string, V>,
    private readonly lookup: (key: string, inBase: V | undefined) => V | undefined,
    private readonly extraKeys: readonly string[],
  ) {}

  get(key: string): V | undefined {
    return this.lookup(key, this.base.get(key));
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }

  *entries(): MapIterator<[string, V]> {
    for (const key of this.base.keys()) {
      const value = this.get(key);
      if (value !== undefined) yield [key, value];
    }
    for (const key of this.extraKeys) {
      if (this.base.has(key)) continue;
      const value = this.get(key);
      if (value !== undefined) yield [key, value];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) fn(value, key, this);
  }
}
