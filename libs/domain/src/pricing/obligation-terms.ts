/**
 * Progress against the obligations to buy (ObligationToBuyTCByAmount) of the contracts an order
 * buys under: reported, never blocking (docs/business-rules.md#obligation-to-buy).
 */
import { formatUnits, multiplyUnits, parseDecimal, roundUnits } from '../money/decimal';
import { applies, type BuyerIdentity, type UsableContract } from './buyer-contracts';
import type { ObligationStatus, SpendLedger } from './checkout-request';
import { rateKey, type CompiledObligation } from './compiled-terms';
import type { PricingSnapshot } from './pricing-snapshot';
import type { ContractLines } from './shipping-terms';

const DAY_MS = 86_400_000;
/** The last instant a Date can show. */
const MAX_TIME = 8.64e15;

/** The obligation of a contract and its window at `at`: own term first, then the base contract's; undefined when none is in force then. */
export function obligationInForce(u: UsableContract, identity: BuyerIdentity, at: number): { term: CompiledObligation; startsMs: number; endsMs: number } | undefined {
  for (const b of u.buckets) {
    for (const term of b.obligations) {
      if (!applies(term, identity)) continue;
      // The window opens with the contract bought under and lasts `days` days, or until the contract ends.
      const startsMs = u.contract.startsMs;
      if (!Number.isFinite(startsMs)) return undefined;
      const endsMs = Math.min(startsMs + term.days * DAY_MS, u.contract.endsMs, MAX_TIME);
      return startsMs <= at && at <= endsMs ? { term, startsMs, endsMs } : undefined;
    }
  }
  return undefined;
}

export function evaluateObligations(
  snapshot: PricingSnapshot,
  currency: string,
  identity: BuyerIdentity,
  at: number,
  groups: readonly ContractLines[],
  ledger: SpendLedger | undefined,
): ObligationStatus[] {
  const result: ObligationStatus[] = [];
  for (const g of groups) {
    const found = obligationInForce(g.usable, identity, at);
    if (!found) continue;
    const { term, startsMs, endsMs } = found;
    const bought = parseDecimal(ledger?.obligationBought?.(g.usable.contract.ref.id) ?? '0');
    const remaining = term.amount > bought ? term.amount - bought : 0n;
    let adds: bigint | null = g.total;
    if (term.currency !== currency) {
      const rate = snapshot.currencyRates?.get(rateKey(currency, term.currency));
      adds = rate === undefined ? null : roundUnits(multiplyUnits(g.total, rate));
    }
    result.push({
      contract: g.usable.contract.ref,
      amount: formatUnits(term.amount),
      bought: formatUnits(bought),
      remaining: formatUnits(remaining),
      currency: term.currency,
      startsAt: new Date(startsMs).toISOString(),
      endsAt: new Date(endsMs).toISOString(),
      daysLeft: Math.max(0, Math.ceil((endsMs - at) / DAY_MS)),
      orderAmount: adds === null ? null : formatUnits(adds),
      met: remaining === 0n,
    });
  }
  return result;
}
