import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../../domain/src/domain-error';
import { formatMoney, subtractDecimals } from '../../../domain/src/money/decimal';
import { returningRows } from '../repositories/returning-rows';

/** Spend drawn from one contract's right-to-buy cap (the cap as the evaluation saw it). */
export interface RightToBuyDraw {
  contractId: string;
  amount: string;
  currency: string;
  limit: string;
  limitCurrency: string;
}

/** Quantity drawn from the reserved lines of one quantity-commitment term. */
export interface QuantityDraw {
  /** The contract holding the term (a base contract when the term is inherited). */
  contractId: string;
  termSeq: number;
  sku: string;
  quantity: number;
  /** The order line it came from, for the error. */
  lineIndex: number;
}

export interface OrderCommit {
  orderId: string;
  buyer: string;
  currency: string;
  total: string;
  rightToBuy: RightToBuyDraw[];
  quantities: QuantityDraw[];
  /** The answer to store and return, given each capped contract's consumed amount after this order. */
  answer(consumedAfter: ReadonlyMap<string, string>): Record<string, unknown>;
}

export interface CommitOutcome {
  /** True when the orderId was committed before: the first answer, nothing recorded now. */
  replayed: boolean;
  answer: Record<string, unknown>;
  /** Quantity contracts this order drew down completely (their workflows are told). */
  completed: { contractId: string; workflowId: string }[];
}

export interface ReleaseOutcome {
  orderId: string;
  released: true;
  /** True when an earlier release already gave everything back. */
  alreadyReleased: boolean;
}

/** What checkout reads to evaluate: consumed spend per capped contract, reserved/drawn per quantity term and SKU. */
export interface LedgerView {
  consumed: Map<string, string>;
  /** `${contractId}/${termSeq}/${sku}` → reserved and drawn down. */
  quantities: Map<string, { reserved: number; drawn: number }>;
}

export const quantityKey = (contractId: string, termSeq: number, sku: string) => `${contractId}/${termSeq}/${sku}`;

/**
 * The checkout ledger in Postgres. A commit is one transaction: the order row first (its primary
 * key makes a concurrent duplicate wait, then see the first answer), then conditional updates
 * (`consumed + x <= limit`, re-checked by Postgres after any row lock wait) and row-locked
 * quantity lines, always in contract/term/sku order so that concurrent orders cannot deadlock.
 * Any refusal throws and rolls everything back: nothing is recorded.
 */
export class CheckoutLedgerStore {
  constructor(private readonly dataSource: DataSource) {}

  async commit(order: OrderCommit): Promise<CommitOutcome> {
    return this.dataSource.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO checkout_orders (order_id, status, buyer, currency, total, answer)
         VALUES ($1, 'COMMITTED', $2, $3, $4, '{}') ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [order.orderId, order.buyer, order.currency, order.total],
      );
      if (inserted.length === 0) {
        const [first] = await m.query(`SELECT answer FROM checkout_orders WHERE order_id = $1`, [order.orderId]);
        return { replayed: true, answer: first.answer, completed: [] };
      }

      const consumedAfter = new Map<string, string>();
      const draws = [...order.rightToBuy].sort((a, b) => cmp(a.contractId, b.contractId));
      for (const d of draws) {
        if (d.currency.toUpperCase() !== d.limitCurrency.toUpperCase()) {
          throw new DomainError('conflict', 'RIGHT_TO_BUY_EXCEEDED',
            `The right to buy of contract ${d.contractId} is capped in ${d.limitCurrency}; an order in ${d.currency} cannot draw on it (no exchange-rate table is configured)`,
            [{ field: 'currency', message: `must be ${d.limitCurrency} for this contract` }]);
        }
        await m.query(
          `INSERT INTO checkout_right_to_buy (contract_id, limit_amount, currency) VALUES ($1, $2, $3) ON CONFLICT (contract_id) DO NOTHING`,
          [d.contractId, d.limit, d.limitCurrency.toUpperCase()],
        );
        const [row] = returningRows<{ consumed: string }>(await m.query(
          `UPDATE checkout_right_to_buy SET consumed = consumed + $2::numeric, updated_at = now()
           WHERE contract_id = $1 AND currency = $3 AND consumed + $2::numeric <= limit_amount
           RETURNING consumed::text AS consumed`,
          [d.contractId, d.amount, d.currency.toUpperCase()],
        ));
        if (!row) {
          const [cap] = await m.query(
            `SELECT limit_amount::text AS limit, consumed::text AS consumed, currency::text AS currency FROM checkout_right_to_buy WHERE contract_id = $1`,
            [d.contractId]);
          throw new DomainError('conflict', 'RIGHT_TO_BUY_EXCEEDED',
            cap.currency !== d.currency.toUpperCase()
              ? `The right to buy of contract ${d.contractId} is capped in ${cap.currency}; an order in ${d.currency} cannot draw on it (no exchange-rate table is configured)`
              : `This order adds ${d.amount} ${d.currency} to contract ${d.contractId}, but only ${formatMoney(subtractDecimals(cap.limit, cap.consumed))} of ${cap.limit} remains`,
            [{ field: 'total', message: `exceeds the remaining right to buy of contract ${d.contractId}` }]);
        }
        consumedAfter.set(d.contractId, row.consumed);
        await m.query(`INSERT INTO checkout_order_spend (order_id, contract_id, amount, currency) VALUES ($1, $2, $3, $4)`,
          [order.orderId, d.contractId, d.amount, d.currency.toUpperCase()]);
      }

      const touched = new Set<string>();
      for (const q of mergeQuantities(order.quantities)) {
        await this.drawDown(m, order.orderId, q);
        touched.add(q.contractId);
      }
      const completed: { contractId: string; workflowId: string }[] = touched.size === 0 ? [] : (await m.query(
        `SELECT c.id, c.workflow_id FROM contracts c WHERE c.id = ANY($1::uuid[])
           AND NOT EXISTS (SELECT 1 FROM contract_quantity_lines l WHERE l.contract_id = c.id AND l.drawn_down < l.quantity)`,
        [[...touched]],
      )).map((r: { id: string; workflow_id: string }) => ({ contractId: r.id, workflowId: r.workflow_id }));

      const answer = order.answer(consumedAfter);
      await m.query(`UPDATE checkout_orders SET answer = $2 WHERE order_id = $1`, [order.orderId, JSON.stringify(answer)]);
      return { replayed: false, answer, completed };
    });
  }

  /** Fills the term's reserved lines of the SKU in position order; refuses when less remains. */
  private async drawDown(m: EntityManager, orderId: string, q: QuantityDraw): Promise<void> {
    const lines: { position: number; quantity: number; drawn_down: number }[] = await m.query(
      `SELECT position, quantity, drawn_down FROM contract_quantity_lines
       WHERE contract_id = $1 AND term_seq = $2 AND sku = $3 ORDER BY position FOR UPDATE`,
      [q.contractId, q.termSeq, q.sku],
    );
    const reserved = lines.reduce((s, l) => s + l.quantity, 0);
    const remaining = lines.reduce((s, l) => s + Math.max(0, l.quantity - l.drawn_down), 0);
    if (q.quantity > remaining) {
      throw new DomainError('conflict', 'QUANTITY_EXCEEDS_REMAINING',
        `${q.quantity} × ${q.sku} ordered, but only ${remaining} of ${reserved} reserved remain under contract ${q.contractId}`,
        [{ field: `lines[${q.lineIndex}].quantity`, lineIndex: q.lineIndex, message: `exceeds the ${remaining} remaining` }]);
    }
    let left = q.quantity;
    for (const l of lines) {
      const take = Math.min(left, Math.max(0, l.quantity - l.drawn_down));
      if (take === 0) continue;
      await m.query(`UPDATE contract_quantity_lines SET drawn_down = drawn_down + $4 WHERE contract_id = $1 AND term_seq = $2 AND position = $3`,
        [q.contractId, q.termSeq, l.position, take]);
      await m.query(
        `INSERT INTO checkout_order_quantities (order_id, contract_id, term_seq, position, sku, quantity) VALUES ($1, $2, $3, $4, $5, $6)`,
        [orderId, q.contractId, q.termSeq, l.position, q.sku, take]);
      left -= take;
      if (left === 0) break;
    }
  }

  /** The stored first answer of a committed (or released) order. */
  async answerOf(orderId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.dataSource.query(`SELECT answer FROM checkout_orders WHERE order_id = $1`, [orderId]);
    return row ? row.answer : null;
  }

  /** Gives the order's spend and quantities back, once; null when the order was never committed. */
  async release(orderId: string): Promise<ReleaseOutcome | null> {
    return this.dataSource.transaction(async (m) => {
      const updated = returningRows(await m.query(
        `UPDATE checkout_orders SET status = 'RELEASED', released_at = now() WHERE order_id = $1 AND status = 'COMMITTED' RETURNING order_id`,
        [orderId]));
      if (updated.length === 0) {
        const [row] = await m.query(`SELECT status FROM checkout_orders WHERE order_id = $1`, [orderId]);
        return row ? { orderId, released: true, alreadyReleased: true } : null;
      }
      const spend: { contract_id: string; amount: string }[] = await m.query(
        `SELECT contract_id, amount::text AS amount FROM checkout_order_spend WHERE order_id = $1 ORDER BY contract_id`, [orderId]);
      for (const s of spend) {
        await m.query(`UPDATE checkout_right_to_buy SET consumed = consumed - $2::numeric, updated_at = now() WHERE contract_id = $1`, [s.contract_id, s.amount]);
      }
      const quantities: { contract_id: string; term_seq: number; position: number; quantity: number }[] = await m.query(
        `SELECT contract_id, term_seq, position, quantity FROM checkout_order_quantities WHERE order_id = $1 ORDER BY contract_id, term_seq, sku, position`,
        [orderId]);
      for (const q of quantities) {
        await m.query(`UPDATE contract_quantity_lines SET drawn_down = drawn_down - $4 WHERE contract_id = $1 AND term_seq = $2 AND position = $3`,
          [q.contract_id, q.term_seq, q.position, q.quantity]);
      }
      return { orderId, released: true, alreadyReleased: false };
    });
  }

  /** Consumed spend of these capped contracts and the reserved/drawn quantities of these quantity contracts: two queries. */
  async view(cappedContractIds: readonly string[], quantityContractIds: readonly string[]): Promise<LedgerView> {
    const [caps, lines] = await Promise.all([
      cappedContractIds.length
        ? this.dataSource.query(`SELECT contract_id, consumed::text AS consumed FROM checkout_right_to_buy WHERE contract_id = ANY($1::uuid[])`, [[...cappedContractIds]])
        : [],
      quantityContractIds.length
        ? this.dataSource.query(
          `SELECT contract_id, term_seq, sku, sum(quantity)::int AS reserved, sum(drawn_down)::int AS drawn
           FROM contract_quantity_lines WHERE contract_id = ANY($1::uuid[]) GROUP BY contract_id, term_seq, sku`,
          [[...quantityContractIds]])
        : [],
    ]);
    return {
      consumed: new Map(caps.map((r: { contract_id: string; consumed: string }) => [r.contract_id, r.consumed])),
      quantities: new Map(lines.map((r: { contract_id: string; term_seq: number; sku: string; reserved: number; drawn: number }) =>
        [quantityKey(r.contract_id, r.term_seq, r.sku), { reserved: r.reserved, drawn: r.drawn }])),
    };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One draw per (contract, term, sku), in lock order. */
function mergeQuantities(draws: readonly QuantityDraw[]): QuantityDraw[] {
  const merged = new Map<string, QuantityDraw>();
  for (const d of draws) {
    const key = quantityKey(d.contractId, d.termSeq, d.sku);
    const seen = merged.get(key);
    if (seen) seen.quantity += d.quantity;
    else merged.set(key, { ...d });
  }
  return [...merged.values()].sort((a, b) => cmp(a.contractId, b.contractId) || a.termSeq - b.termSeq || cmp(a.sku, b.sku));
}
