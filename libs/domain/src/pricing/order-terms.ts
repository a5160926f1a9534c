/**
 * The order-level terms of every contract an order buys under: shipping, payment, order approval,
 * right to buy (against the ledger) and reserved quantities.
 */
import { formatUnits, multiplyUnits, parseDecimal, roundUnits, unitsToDecimal } from '../money/decimal';
import { CREDIT_LINE_PAYMENT_METHODS } from '../terms/term-parameters';
import { applies, type BuyerIdentity, type UsableContract } from './buyer-contracts';
import type { CheckoutRequest, CheckoutViolation, RightToBuyStatus, SpendLedger } from './checkout-request';
import { rateKey, type ContractRef, type TermOrigin } from './compiled-terms';
import type { PricingSnapshot } from './pricing-snapshot';
import type { TermBucket } from './term-bucket';

/** Adds a violation per broken order-level term; returns whether approval is needed and the right-to-buy standing. */
export function checkOrderTerms(
  snapshot: PricingSnapshot,
  request: CheckoutRequest,
  currency: string,
  identity: BuyerIdentity,
  /** Per request line: the contract it is bought under (null: none entitles it) and its line total. */
  outcomes: readonly { usable: UsableContract | null; total: bigint }[],
  orderTotal: bigint,
  ledger: SpendLedger | undefined,
  violations: CheckoutViolation[],
): { approvalRequired: boolean; rightToBuy: RightToBuyStatus[] } {
  // Order-level terms of every contract the order buys under.
  const used = new Map<string, { usable: UsableContract; total: bigint; lines: number[] }>();
  outcomes.forEach((o, index) => {
    if (!o.usable) return;
    const entry = used.get(o.usable.contract.ref.id) ?? { usable: o.usable, total: 0n, lines: [] };
    entry.total += o.total;
    entry.lines.push(index);
    used.set(o.usable.contract.ref.id, entry);
  });

  let approvalRequired = false;
  const rightToBuy: RightToBuyStatus[] = [];
  const paymentSets: { ref: ContractRef; methods: Set<string> }[] = [];
  const method = request.payment?.method;

  for (const { usable: u, total: contractTotal, lines } of used.values()) {
    const ref = u.contract.ref;
    const name = `${ref.code} ${ref.version}`;
    const values = (pick: (b: TermBucket) => readonly { value: string; buyers: TermOrigin['buyers']; type: TermOrigin['type']; sequenceNumber: number }[]) =>
      new Set(u.buckets.flatMap((b) => pick(b).filter((t) => applies(t, identity)).map((t) => t.value)));

    const modes = values((b) => b.shippingModes);
    const mode = request.shipping?.mode;
    if (modes.size > 0 && mode !== undefined && !modes.has(mode)) {
      violations.push({ code: 'SHIPPING_MODE_NOT_ALLOWED', message: `contract ${name} allows shipping by ${[...modes].join(', ')}, not ${mode}`, lineIndex: null });
    }
    const shipTos = values((b) => b.shipTos);
    const shipTo = request.shipping?.shipTo;
    if (shipTos.size > 0 && shipTo !== undefined && !shipTos.has(shipTo)) {
      violations.push({ code: 'SHIP_TO_NOT_ALLOWED', message: `contract ${name} ships only to ${[...shipTos].join(', ')}, not ${shipTo}`, lineIndex: null });
    }

    const methods = values((b) => b.paymentMethods);
    if (u.contract.creditAllowed === false) for (const m of CREDIT_LINE_PAYMENT_METHODS) methods.delete(m);
    const creditRefused = u.contract.creditAllowed === false && method !== undefined && (CREDIT_LINE_PAYMENT_METHODS as readonly string[]).includes(method);
    if (creditRefused) {
      violations.push({ code: 'PAYMENT_METHOD_NOT_ALLOWED', message: `contract ${name} does not allow credit-line payment (${method})`, lineIndex: null });
    } else if (methods.size > 0 && method !== undefined && !methods.has(method)) {
      violations.push({ code: 'PAYMENT_METHOD_NOT_ALLOWED', message: `contract ${name} allows payment by ${[...methods].join(', ')}, not ${method}`, lineIndex: null });
    }
    if (methods.size > 0) paymentSets.push({ ref, methods });
    const billTo = request.payment?.billTo;
    if (billTo !== undefined && !creditRefused) {
      // The payment terms the order pays under (all of them when it names no method): each that
      // fixes a bill-to address accepts only that one; one that fixes none accepts any.
      const paying = u.buckets.flatMap((b) => b.paymentMethods.filter((t) => applies(t, identity) && (method === undefined || t.value === method)));
      if (paying.length > 0 && paying.every((t) => t.billTo !== undefined && t.billTo !== billTo)) {
        const fixed = [...new Set(paying.map((t) => t.billTo))].join(', ');
        violations.push({ code: 'BILL_TO_NOT_ALLOWED', message: `contract ${name} bills ${method ?? 'its payment methods'} only to ${fixed}, not ${billTo}`, lineIndex: null });
      }
    }

    for (const b of u.buckets) {
      for (const t of b.orderApproval) {
        if (!applies(t, identity)) continue;
        // A threshold in another currency is compared through a configured rate; without one, ask
        // for approval rather than guess.
        const converted = convert(snapshot, orderTotal, currency, t.currency);
        if (!converted || converted.amount >= t.amount) approvalRequired = true;
      }
    }

    const cap = u.buckets.flatMap((b) => b.rightToBuy.filter((t) => applies(t, identity)))[0];
    if (cap) {
      const consumed = ledger ? parseDecimal(ledger.consumed(ref.id)) : 0n;
      const remaining = cap.amount - consumed;
      const adds = convert(snapshot, contractTotal, currency, cap.currency);
      rightToBuy.push({
        contract: ref, limit: formatUnits(cap.amount), consumed: formatUnits(consumed), remaining: formatUnits(remaining), currency: cap.currency,
        orderAmount: adds ? formatUnits(adds.amount) : null,
        ...(adds?.rate !== undefined ? { exchangeRate: unitsToDecimal(adds.rate) } : {}),
      });
      if (!adds) {
        violations.push({ code: 'RIGHT_TO_BUY_EXCEEDED', message: `contract ${name} caps spending in ${cap.currency}; an order in ${currency} cannot draw on it (no exchange rate from ${currency} to ${cap.currency} is configured)`, lineIndex: null });
      } else if (adds.amount > remaining) {
        const via = adds.rate !== undefined ? ` (${formatUnits(contractTotal)} ${currency} at ${unitsToDecimal(adds.rate)})` : '';
        violations.push({ code: 'RIGHT_TO_BUY_EXCEEDED', message: `contract ${name}: this order adds ${formatUnits(adds.amount)} ${cap.currency}${via} but only ${formatUnits(remaining)} remains of ${formatUnits(cap.amount)}`, lineIndex: null });
      }
    }

    const reserved = new Map<string, number>();
    for (const b of u.buckets) {
      for (const t of b.quantityCommitments) {
        if (!applies(t, identity)) continue;
        for (const [sku, q] of t.quantities) if (!reserved.has(sku)) reserved.set(sku, q);
      }
    }
    if (reserved.size > 0) {
      const ordered = new Map<string, { quantity: number; firstLine: number }>();
      for (const i of lines) {
        const sku = request.lines[i].sku;
        if (!reserved.has(sku)) continue;
        const entry = ordered.get(sku) ?? { quantity: 0, firstLine: i };
        entry.quantity += request.lines[i].quantity;
        ordered.set(sku, entry);
      }
      for (const [sku, { quantity, firstLine }] of ordered) {
        const remaining = ledger?.remainingQuantity(ref.id, sku) ?? reserved.get(sku)!;
        if (quantity > remaining) {
          violations.push({ code: 'QUANTITY_EXCEEDS_REMAINING', message: `contract ${name}: ${quantity} × ${sku} ordered, ${remaining} of ${reserved.get(sku)} reserved remain`, lineIndex: firstLine });
        }
      }
    }
  }

  // All contracts of one order must share a payment method (contracts without payment terms accept any).
  if (paymentSets.length > 1 && method === undefined) {
    const [first, ...rest] = paymentSets;
    const shared = [...first.methods].filter((m) => rest.every((s) => s.methods.has(m)));
    if (shared.length === 0) {
      violations.push({ code: 'PAYMENT_METHOD_NOT_ALLOWED', message: `contracts ${paymentSets.map((s) => s.ref.code).join(', ')} share no payment method`, lineIndex: null });
    }
  }

  return { approvalRequired, rightToBuy };
}

/** An amount in `to`, rounded to minor units, through the snapshot's configured rate; undefined without one. */
function convert(snapshot: PricingSnapshot, amount: bigint, from: string, to: string): { amount: bigint; rate?: bigint } | undefined {
  if (from === to) return { amount };
  const rate = snapshot.currencyRates?.get(rateKey(from, to));
  return rate === undefined ? undefined : { amount: roundUnits(multiplyUnits(amount, rate)), rate };
}
