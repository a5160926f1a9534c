import {
  DomainError, formatUnits, normalizeBuyerKey, parseDecimal, returnChargeRule, returnChargeUnits, returnNeedsApproval,
  type BuyerIdentity, type ContractRef, type ErrorDetail,
} from '@pactum/domain';
import { readReturnTerms, type GiveBackContext, type ReturnTermRow } from '@pactum/persistence';
import type { ReleaseRequest, ReturnRequest } from './checkout-request';

type ReturnTerms = Record<ReturnTermRow['type'], ReturnTermRow | undefined>;

const TYPES: ReturnTermRow['type'][] = ['ReturnTCReturnCharge', 'ReturnTCReturnApproval', 'ReturnTCRefundPaymentMethod'];

/**
 * The answer to a return, or the refusal: every line must have been bought under a contract with
 * all three returns terms (its own, else its base contract's, among those that apply to the
 * order's buyer), since the model says that without them returns cannot be created.
 */
export async function returnAnswer(
  request: ReturnRequest, ctx: GiveBackContext, identityOf: (buyer: string) => BuyerIdentity,
): Promise<{ answer: Record<string, unknown>; charges: (string | null)[] }> {
  const ids = [...new Set(ctx.taken.flatMap((t) => (t.contract ? [t.contract.id] : [])))];
  const rows = await readReturnTerms(ctx.q, ids);
  const identity = identityOf(ctx.buyer);
  const applies = (r: ReturnTermRow) => r.buyers === null || r.buyers.some((b) => identity.all.has(normalizeBuyerKey(b)));
  const termsOf = new Map<string, ReturnTerms>();
  for (const id of ids) {
    const mine = rows.filter((r) => r.contractId === id && applies(r));
    termsOf.set(id, Object.fromEntries(TYPES.map((t) => [t, mine.find((r) => r.type === t)])) as ReturnTerms);
  }

  const refused: ErrorDetail[] = [];
  const refusedContracts = new Set<string>();
  for (const t of ctx.taken) {
    const field = `lines[${t.requestIndex}].sku`;
    if (!t.contract) {
      refused.push({ field, lineIndex: t.requestIndex, message: `order line ${t.lineIndex} was bought under no contract: no returns terms apply` });
      continue;
    }
    const terms = termsOf.get(t.contract.id)!;
    const missing = TYPES.filter((type) => !terms[type]);
    if (missing.length) {
      refusedContracts.add(`${t.contract.code} ${t.contract.version}`);
      refused.push({ field, lineIndex: t.requestIndex,
        message: `was bought under contract ${t.contract.code} ${t.contract.version} (${t.contract.id}), which has no returns terms${missing.length < TYPES.length ? ` for this buyer (${missing.join(', ')} missing)` : ''}` });
    }
  }
  if (refused.length) {
    const names = [...refusedContracts];
    throw new DomainError('conflict', 'RETURNS_NOT_ALLOWED',
      `${names.length ? `Contract${names.length > 1 ? 's' : ''} ${names.join(', ')} allow${names.length > 1 ? '' : 's'} no returns` : 'These lines allow no returns'}; nothing was recorded`, refused);
  }

  let amountSum = 0n;
  let chargeSum: bigint | null = 0n;
  let approvalRequired = false;
  const charges: (string | null)[] = [];
  const lines = ctx.taken.map((t) => {
    const contract = t.contract as ContractRef;
    const terms = termsOf.get(contract.id)!;
    const charge = terms.ReturnTCReturnCharge!;
    const approval = terms.ReturnTCReturnApproval!;
    const refund = terms.ReturnTCRefundPaymentMethod!;
    const of = (r: ReturnTermRow) => `${r.type} #${r.sequenceNumber} of ${r.ownerId === contract.id ? `${contract.code} ${contract.version}` : `its base contract (${r.ownerId})`}`;
    const amount = parseDecimal(t.amount);
    const rule = returnChargeRule(charge.code);
    const chargeUnits = returnChargeUnits(rule, amount);
    const needsApproval = returnNeedsApproval(approval.code);
    amountSum += amount;
    chargeSum = chargeSum === null || chargeUnits === null ? null : chargeSum + chargeUnits;
    approvalRequired ||= needsApproval;
    charges.push(chargeUnits === null ? null : formatUnits(chargeUnits));
    const explanation = [
      `${t.quantity} of order line ${t.lineIndex} (${t.boughtQuantity} × ${t.sku} at ${t.unitPrice}): ${t.amount} returned`,
      rule.kind === 'percentage'
        ? `${of(charge)}: policy ${charge.code} charges ${rule.percentage}% of ${t.amount} = ${formatUnits(chargeUnits!)}`
        : rule.kind === 'none'
          ? `${of(charge)}: policy ${charge.code} charges nothing`
          : `${of(charge)}: policy ${charge.code} names no percentage Pactum can apply; the seller's order system computes the charge`,
      `${of(approval)}: policy ${approval.code} ${needsApproval ? 'needs the seller\'s approval of the return' : 'approves the return automatically'}`,
      `${of(refund)}: refund by ${refund.code}`,
    ];
    return {
      sku: t.sku, quantity: t.quantity, lineIndex: t.lineIndex, contract, unitPrice: t.unitPrice, amount: t.amount,
      charge: chargeUnits === null ? null : formatUnits(chargeUnits), refund: chargeUnits === null ? null : formatUnits(amount - chargeUnits),
      chargePolicy: charge.code, approvalPolicy: approval.code, approvalRequired: needsApproval, refundMethod: refund.code, explanation,
    };
  });
  const total = chargeSum as bigint | null;
  const answer = {
    returnId: request.returnId, orderId: request.orderId, reason: request.reason, returnedAt: new Date().toISOString(), currency: ctx.currency,
    approvalRequired, lines,
    totals: { amount: formatUnits(amountSum), charge: total === null ? null : formatUnits(total), refund: total === null ? null : formatUnits(amountSum - total) },
    rightToBuy: ctx.rightToBuy, obligations: ctx.obligations, quantities: ctx.quantities,
  };
  return { answer, charges };
}

/** The answer to a per-line release: what was given back, with no charge. */
export function releaseAnswer(request: ReleaseRequest, ctx: GiveBackContext): { answer: Record<string, unknown>; charges: (string | null)[] } {
  return {
    answer: {
      orderId: request.orderId, ...(request.releaseId !== undefined ? { releaseId: request.releaseId } : {}), released: true, alreadyReleased: false,
      currency: ctx.currency,
      lines: ctx.taken.map((t) => ({ sku: t.sku, quantity: t.quantity, lineIndex: t.lineIndex, contract: t.contract, amount: t.amount })),
      rightToBuy: ctx.rightToBuy, obligations: ctx.obligations, quantities: ctx.quantities,
    },
    charges: ctx.taken.map(() => null),
  };
}
