/**
 * The shipping section of a checkout evaluation: the charge policy that applies, the charge
 * adjustments of the contracts the order buys under applied to the request's charge, and the
 * fulfilment centres they allow (docs/business-rules.md#shipping).
 */
import { formatUnits, multiplyUnits, parseDecimal, roundUnits, unitsToDecimal } from '../money/decimal';
import { applies, type BuyerIdentity, type UsableContract } from './buyer-contracts';
import type { CheckoutRequest, CheckoutViolation, ShippingPolicySource, ShippingStatus } from './checkout-request';
import { rateKey, type ContractRef } from './compiled-terms';
import { inSet } from './price-candidates';
import type { PricingSnapshot } from './pricing-snapshot';

/** The lines of an order bought under one contract, in the order of their first line. */
export interface ContractLines {
  usable: UsableContract;
  lines: number[];
  total: bigint;
}

/** Groups the lines by the contract they are bought under, first line first. */
export function linesByContract(outcomes: readonly { usable: UsableContract | null; total: bigint }[]): ContractLines[] {
  const groups = new Map<string, ContractLines>();
  for (let index = 0; index < outcomes.length; index++) {
    const o = outcomes[index];
    if (!o.usable) continue;
    const id = o.usable.contract.ref.id;
    let g = groups.get(id);
    if (!g) {
      g = { usable: o.usable, lines: [], total: 0n };
      groups.set(id, g);
    }
    g.lines.push(index);
    g.total += o.total;
  }
  return [...groups.values()];
}

const name = (ref: ContractRef) => `${ref.code} ${ref.version}`;
const PERCENT = 100_000_000n; // 100 in units

/**
 * The contract's charge policy: its own ShippingTCShippingCharge, else its account's, else its
 * base contract's (the buckets are in that order).
 */
function policyOf(u: UsableContract, identity: BuyerIdentity): { policy: string; source: ShippingPolicySource; owner: ContractRef } | undefined {
  for (const b of u.buckets) {
    for (const t of b.shippingCharges) {
      if (applies(t, identity)) return { policy: t.value, source: { contract: u.contract.ref, from: b.kind, sequenceNumber: t.sequenceNumber }, owner: b.owner };
    }
  }
  return undefined;
}

export function evaluateShipping(
  snapshot: PricingSnapshot,
  request: CheckoutRequest,
  currency: string,
  identity: BuyerIdentity,
  groups: readonly ContractLines[],
  /** Per request line, its total (what it is bought under does not matter here). */
  lines: readonly { total: bigint }[],
  violations: CheckoutViolation[],
): ShippingStatus | null {
  if (groups.length === 0) return null;
  const explanation: string[] = [];

  // Charge policy: the first line's contract decides when the contracts of one order disagree.
  let decided: ReturnType<typeof policyOf>;
  const disagree: string[] = [];
  for (const g of groups) {
    const p = policyOf(g.usable, identity);
    if (!p) continue;
    if (!decided) decided = p;
    else if (p.policy !== decided.policy) disagree.push(`${name(g.usable.contract.ref)} (${p.policy})`);
  }
  if (decided) {
    const where = decided.source.from === 'contract' ? 'its own term'
      : decided.source.from === 'account' ? 'its account\'s term' : `the term of its base contract ${name(decided.owner)}`;
    explanation.push(`charge policy ${decided.policy}: ShippingTCShippingCharge #${decided.source.sequenceNumber} of ${name(decided.source.contract)}, ${where} (a contract's own term wins over its account's, the account's over its base contract's)`);
    if (disagree.length) explanation.push(`${disagree.join(', ')} set another policy; ${name(decided.source.contract)}, the contract of the order's first line, decides`);
  } else {
    explanation.push('no contract of the order sets a shipping charge policy');
  }

  // Fulfilment centres: every contract that restricts them must allow the centre.
  let allowed = null as Set<string> | null;
  const centre = request.shipping?.fulfillmentCenter;
  for (const g of groups) {
    // Most contracts name no centre: no set is made for them.
    if (!g.usable.buckets.some((b) => b.fulfillmentCenters.length > 0)) continue;
    const own = new Set<string>();
    for (const b of g.usable.buckets) for (const t of b.fulfillmentCenters) if (applies(t, identity)) own.add(t.value);
    if (own.size === 0) continue;
    allowed = allowed === null ? own : new Set([...allowed].filter((c) => own.has(c)));
    if (centre !== undefined && !own.has(centre)) {
      violations.push({ code: 'FULFILLMENT_CENTER_NOT_ALLOWED', message: `contract ${name(g.usable.contract.ref)} ships only from ${[...own].join(', ')}, not ${centre}`, lineIndex: null });
    }
  }

  let charge: bigint | null = null;
  let adjusted: bigint | null = null;
  if (request.shipping?.charge !== undefined) {
    charge = roundUnits(parseDecimal(request.shipping.charge));
    if (decided?.policy === 'NoShippingCharge') {
      adjusted = 0n;
      explanation.push('NoShippingCharge: the order ships free of charge; no adjustment applies');
    } else {
      adjusted = charge + adjustments(snapshot, request, currency, identity, groups, lines.map((l) => l.total), charge, explanation);
      if (adjusted < 0n) {
        explanation.push(`the adjustments exceed the charge: ${formatUnits(adjusted)} becomes 0.00`);
        adjusted = 0n;
      }
      adjusted = roundUnits(adjusted);
    }
  }

  return {
    chargePolicy: decided?.policy ?? null,
    policySource: decided?.source ?? null,
    charge: charge === null ? null : formatUnits(charge),
    adjustedCharge: adjusted === null ? null : formatUnits(adjusted),
    fulfillmentCenters: allowed === null ? null : [...allowed].sort(),
    explanation,
  };
}

/**
 * The sum of every charge adjustment. A contract's adjustment applies to the part of the charge
 * that falls on the lines bought under it (and in its product set, when it has one), the charge
 * being shared by line value (by quantity when the order is worth 0); a fixed amount applies once
 * when any of those lines is in the order. Adjustments add up; none compounds on another.
 */
function adjustments(
  snapshot: PricingSnapshot, request: CheckoutRequest, currency: string, identity: BuyerIdentity,
  groups: readonly ContractLines[], lineTotals: readonly bigint[], charge: bigint, explanation: string[],
): bigint {
  const orderTotal = lineTotals.reduce((s, v) => s + v, 0n);
  const weight = (i: number) => (orderTotal > 0n ? lineTotals[i] : BigInt(request.lines[i].quantity));
  const allWeight = orderTotal > 0n ? orderTotal : request.lines.reduce((s, l) => s + BigInt(l.quantity), 0n);
  let sum = 0n;
  for (const g of groups) {
    for (const b of g.usable.buckets) {
      for (const t of b.chargeAdjustments) {
        if (!applies(t, identity)) continue;
        const via = b.kind === 'base' ? ` via base contract ${name(b.owner)}` : b.kind === 'account' ? ' via account terms' : '';
        const label = `ShippingTCShippingChargeAdjustment #${t.sequenceNumber} of ${name(g.usable.contract.ref)}${via}`;
        const lines = t.set ? g.lines.filter((i) => inSet(t.set!, request.lines[i].sku, request.lines[i].categories ?? [])) : g.lines;
        if (lines.length === 0) {
          explanation.push(`${label}: does not apply, no line bought under it is in its product set`);
          continue;
        }
        const scope = `line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${t.set ? ' (its product set)' : ''}`;
        if (t.percentage !== null) {
          const share = allWeight === 0n ? 0n : (charge * lines.reduce((s, i) => s + weight(i), 0n)) / allWeight;
          const delta = roundUnits(multiplyUnits(share, t.percentage) * 1_000_000n / PERCENT);
          sum += delta;
          explanation.push(`${label}: ${percentText(t.percentage)} on ${formatUnits(share)} of the charge (its share for ${scope}) = ${signed(delta)}`);
        } else {
          let delta = t.amount!;
          if (t.currency !== currency) {
            const rate = snapshot.currencyRates?.get(rateKey(t.currency!, currency));
            if (rate === undefined) {
              explanation.push(`${label}: ${formatUnits(t.amount!)} ${t.currency} not applied, no exchange rate from ${t.currency} to ${currency} is configured`);
              continue;
            }
            delta = roundUnits(multiplyUnits(delta, rate));
            explanation.push(`${label}: ${signed(t.amount!)} ${t.currency} at ${unitsToDecimal(rate)} = ${signed(delta)} ${currency} for ${scope}`);
          } else {
            explanation.push(`${label}: ${signed(delta)} ${currency} for ${scope}`);
          }
          sum += delta;
        }
      }
    }
  }
  return sum;
}

function signed(units: bigint): string {
  return `${units >= 0n ? '+' : ''}${formatUnits(units)}`;
}

function percentText(units: bigint): string {
  const text = formatUnits(units, 6).replace(/\.?0+$/, '');
  return `${units >= 0n ? '+' : ''}${text}%`;
}
