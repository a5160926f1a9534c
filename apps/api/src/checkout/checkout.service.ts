import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Logger } from '@pactum/config';
import {
  DomainError, bucketsAt, formatMoney, resolveBuyer, subtractDecimals, type BuyerMemo, type OrganizationDirectory,
  evaluateCheckout, type CheckoutEvaluation, type CheckoutRequest, type PricingSnapshot, type SpendLedger,
} from '@pactum/domain';
import {
  CheckoutLedgerStore, CheckoutReturnsStore, quantityKey, type ObligationDraw, type QuantityDraw, type RightToBuyDraw,
} from '@pactum/persistence';
import { quantitiesDrawnDownSignal } from '@pactum/workflows';
import { API_LOGGER } from '../api.tokens';
import { CheckoutSnapshotCache } from './checkout-snapshot.cache';
import { parseCheckoutRequest, parseReleaseRequest, parseReturnRequest, type CommitRequest } from './checkout-request';
import { writeCommitAnswer } from './checkout-evaluation.writer';
import { releaseAnswer, returnAnswer } from './checkout-returns';

/** Violations the ledger decides (409 on commit); every other one makes the order not allowed (422). */
const LEDGER_CODES = ['RIGHT_TO_BUY_EXCEEDED', 'QUANTITY_EXCEEDS_REMAINING'] as const;

/** The quantity-commitment term a line draws on: the one the evaluation reads its reserved quantity from. */
export interface ReservingTerm {
  lineIndex: number;
  usedContractId: string;
  ownerId: string;
  termSeq: number;
  sku: string;
}

interface Evaluated {
  evaluation: CheckoutEvaluation;
  reserving: ReservingTerm[];
}

/**
 * Checkout over the compiled snapshot of this process: a first evaluation finds the contracts the
 * order would buy under; when any of them has a right-to-buy cap or reserved quantities, their
 * ledger figures are read (one round trip) and the order is evaluated again with them; so are
 * the obligation progress figures when an obligation to buy is in force (one more query in that
 * round trip). Orders without capped, reserving or obligated contracts never touch Postgres.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @Inject(CheckoutSnapshotCache) private readonly cache: CheckoutSnapshotCache,
    @Inject(CheckoutLedgerStore) private readonly ledger: CheckoutLedgerStore,
    @Inject(CheckoutReturnsStore) private readonly returns: CheckoutReturnsStore,
    @Inject(Client) private readonly temporal: Client,
    @Inject(API_LOGGER) private readonly log: Logger,
  ) {}

  /** Synchronous when the order needs no ledger figures (most do not): no promise to make and await. */
  evaluate(body: unknown): CheckoutEvaluation | Promise<CheckoutEvaluation> {
    const evaluated = this.evaluateWithLedger(parseCheckoutRequest(body, 'evaluate'));
    return evaluated instanceof Promise ? evaluated.then((e) => e.evaluation) : evaluated.evaluation;
  }

  /** The answer as JSON text (the first answer again for an orderId committed before). */
  async commit(body: unknown): Promise<string> {
    const request = parseCheckoutRequest(body, 'commit') as CommitRequest;
    const first = await this.ledger.answerOf(request.orderId);
    if (first) return first;

    const { evaluation, reserving } = await this.evaluateWithLedger(request);
    const refused = evaluation.violations.filter((v) => !(LEDGER_CODES as readonly string[]).includes(v.code));
    if (refused.length) {
      throw new DomainError('validation', 'ORDER_NOT_ALLOWED', 'The order breaks the terms of its contracts; nothing was recorded',
        refused.map((v) => ({ ...(v.lineIndex !== null ? { lineIndex: v.lineIndex, field: `lines[${v.lineIndex}]` } : {}), message: `${v.code}: ${v.message}` })));
    }
    for (const code of LEDGER_CODES) {
      const hits = evaluation.violations.filter((v) => v.code === code);
      if (hits.length) {
        throw new DomainError('conflict', code, `${hits[0].message}; nothing was recorded`,
          hits.map((v) => ({ ...(v.lineIndex !== null ? { lineIndex: v.lineIndex, field: `lines[${v.lineIndex}].quantity` } : { field: 'total' }), message: v.message })));
      }
    }

    // The spend is recorded in the cap's currency (converted at the configured rate when the order's differs).
    const rightToBuy: RightToBuyDraw[] = evaluation.rightToBuy.map((r) => ({
      contractId: r.contract.id, amount: r.orderAmount ?? '0.00', currency: r.currency, limit: r.limit, limitCurrency: r.currency,
    }));
    const quantities: QuantityDraw[] = reserving.map((t) => ({
      contractId: t.ownerId, termSeq: t.termSeq, sku: t.sku, quantity: request.lines[t.lineIndex].quantity, lineIndex: t.lineIndex,
    }));
    // Counted towards each obligation in force (in its currency; an order that cannot be converted counts nothing).
    const obligations: ObligationDraw[] = evaluation.obligations.filter((o) => o.orderAmount !== null)
      .map((o) => ({ contractId: o.contract.id, amount: o.orderAmount!, currency: o.currency }));
    const committedAt = new Date().toISOString();
    const outcome = await this.ledger.commit({
      orderId: request.orderId, buyer: request.buyer, currency: request.currency, total: evaluation.total, rightToBuy, quantities, obligations,
      answer: (consumed) => writeCommitAnswer(request.orderId, committedAt, {
        ...evaluation,
        rightToBuy: evaluation.rightToBuy.map((r) => {
          const now = consumed.get(r.contract.id);
          return now === undefined ? r : { ...r, consumed: formatMoney(now), remaining: formatMoney(subtractDecimals(r.limit, now)) };
        }),
      }),
    });
    for (const c of outcome.completed) {
      // The workflow moves the contract to Completed; a failed signal is logged, the order stands.
      await this.temporal.workflow.getHandle(c.workflowId).signal(quantitiesDrawnDownSignal)
        .catch((err) => this.log.error({ err, contractId: c.contractId }, 'could not tell the contract workflow that every quantity is drawn down'));
    }
    return outcome.answer;
  }

  /** The whole order (idempotent by orderId), or with `lines` only those, never more than remains of them. */
  async release(body: unknown): Promise<Record<string, unknown>> {
    const request = parseReleaseRequest(body);
    const { orderId, lines, releaseId } = request;
    if (!lines) {
      const outcome = await this.ledger.release(orderId);
      if (!outcome) throw new DomainError('not_found', 'ORDER_NOT_FOUND', `No committed order ${orderId}`, [{ field: 'orderId', message: 'was never committed' }]);
      return { ...outcome };
    }
    return (await this.returns.giveBack({
      kind: 'RELEASE', key: releaseId ?? null, orderId, reason: null, lines,
      request: { kind: 'RELEASE', orderId, lines },
      answer: async (ctx) => releaseAnswer(request, ctx),
    })).answer;
  }

  /**
   * A return of committed order lines: the return charge, approval and refund method of the
   * contract each line was bought under, the spend, obligation progress and reserved quantity given
   * back; idempotent by returnId (docs/business-rules.md#returns).
   */
  async returnLines(body: unknown): Promise<Record<string, unknown>> {
    const request = parseReturnRequest(body);
    const { returnId, orderId, lines, reason } = request;
    return (await this.returns.giveBack({
      kind: 'RETURN', key: returnId, orderId, reason, lines,
      request: { kind: 'RETURN', orderId, lines, reason },
      answer: (ctx) => returnAnswer(request, ctx, (buyer) => resolveBuyer(this.cache.snapshot, buyer, this.cache.directory, this.cache.buyerMemo).identity),
    })).answer;
  }

  private evaluateWithLedger(request: CheckoutRequest): Evaluated | Promise<Evaluated> {
    const snapshot = this.cache.snapshot;
    // The parser has checked every field; the memo spares re-resolving the buyer on every order.
    const options = { buyerMemo: this.cache.buyerMemo, validated: true };
    const first = evaluateCheckout(snapshot, request, this.cache.directory, undefined, options);
    const reserving = reservingTerms(snapshot, request, first, this.cache.directory, this.cache.buyerMemo);
    // Most orders need no ledger figures: they answer without a promise.
    if (!needsLedger(first, reserving)) return { evaluation: first, reserving };
    return readSpendLedger(this.ledger, first, reserving)
      .then((ledger) => ({ evaluation: evaluateCheckout(snapshot, request, this.cache.directory, ledger!, options), reserving }));
  }
}

function needsLedger(first: CheckoutEvaluation, reserving: readonly ReservingTerm[]): boolean {
  return first.rightToBuy.length > 0 || reserving.length > 0 || first.obligations.length > 0;
}

/**
 * The ledger figures a first evaluation (without them) shows the order needs: right-to-buy spend,
 * reserved quantities and obligation progress, in one round trip; null when it needs none.
 */
export async function readSpendLedger(store: CheckoutLedgerStore, first: CheckoutEvaluation, reserving: readonly ReservingTerm[]): Promise<SpendLedger | null> {
  if (!needsLedger(first, reserving)) return null;
  const view = await store.view(first.rightToBuy.map((r) => r.contract.id), [...new Set(reserving.map((t) => t.ownerId))],
    first.obligations.map((o) => o.contract.id));
  const termOf = new Map(reserving.map((t) => [`${t.usedContractId}/${t.sku}`, t]));
  return {
    consumed: (id) => view.consumed.get(id) ?? '0',
    remainingQuantity: (id, sku) => {
      const t = termOf.get(`${id}/${sku}`);
      const q = t && view.quantities.get(quantityKey(t.ownerId, t.termSeq, sku));
      return q ? Math.max(0, q.reserved - q.drawn) : undefined;
    },
    obligationBought: (id) => view.obligationBought.get(id) ?? '0',
  };
}

/**
 * For every line bought under a contract with reserved quantities of its SKU (whether its price or
 * the list price won): the term holding them, found the way the evaluation finds it (own, account,
 * then base terms while the base is in force; the first term naming the SKU that applies to the buyer).
 */
export function reservingTerms(
  snapshot: PricingSnapshot, request: CheckoutRequest, evaluation: CheckoutEvaluation, orgs: OrganizationDirectory, memo?: BuyerMemo,
): ReservingTerm[] {
  const at = Date.parse(request.at);
  let identity: ReadonlySet<string> | undefined;
  const result: ReservingTerm[] = [];
  evaluation.lines.forEach((line, lineIndex) => {
    const contract = line.boughtUnder && snapshot.contractsById.get(line.boughtUnder.id);
    if (!contract) return;
    for (const bucket of bucketsAt(contract, at)) {
      if (bucket.quantityCommitments.length === 0) continue;
      identity ??= resolveBuyer(snapshot, request.buyer, orgs, memo).identity.all;
      const term = bucket.quantityCommitments.find((t) => t.quantities.has(line.sku) && (t.buyers === null || [...identity!].some((k) => t.buyers!.has(k))));
      if (term) {
        result.push({ lineIndex, usedContractId: contract.ref.id, ownerId: bucket.owner.id, termSeq: term.sequenceNumber, sku: line.sku });
        return;
      }
    }
  });
  return result;
}
