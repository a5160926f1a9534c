import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, addDecimals, compareDecimals, formatMoney, subtractDecimals } from '@pactum/domain';
import { returningRows } from '../repositories/returning-rows';
import { giveBackCarriedQuantities } from './checkout-returns.store';

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

/** What an order counts towards the obligation to buy of one contract, in the obligation's currency. */
export interface ObligationDraw {
  contractId: string;
  amount: string;
  currency: string;
}

export interface OrderCommit {
  orderId: string;
  buyer: string;
  currency: string;
  total: string;
  rightToBuy: RightToBuyDraw[];
  quantities: QuantityDraw[];
  /** Obligations in force for the contracts the order buys under (absent: none). */
  obligations?: ObligationDraw[];
  /** The answer to store and return, as JSON text, given each capped contract's consumed amount after this order. */
  answer(consumedAfter: ReadonlyMap<string, string>): string;
}

export interface CommitOutcome {
  /** True when the orderId was committed before: the first answer, nothing recorded now. */
  replayed: boolean;
  /** The answer as JSON text: the API sends it as it is. */
  answer: string;
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
  /** Committed spend counted towards the obligation to buy, per contract asked for. */
  obligationBought: Map<string, string>;
}

export const quantityKey = (contractId: string, termSeq: number, sku: string) => `${contractId}/${termSeq}/${sku}`;

/** Contracts that sell nothing any more: their reserved lines take no draw. */
const ENDED = ['CLOSED', 'EXPIRED', 'CANCELLED', 'COMPLETED', 'ARCHIVED'];

/** Orders committed in one transaction at most (the rest wait for the next one). */
const MAX_BATCH = 128;
/** A batch that lost a deadlock or a serialization race is run again this many times. */
const BATCH_RETRIES = 3;

interface Pending {
  order: OrderCommit;
  resolve: (outcome: CommitOutcome) => void;
  reject: (err: unknown) => void;
}

interface CapRow { contract_id: string; limit: string; consumed: string; currency: string }
interface LineRow { contract_id: string; term_seq: number; sku: string; position: number; quantity: number; drawn_down: number }

/**
 * The checkout ledger in Postgres.
 *
 * Commits are group-committed: while one transaction runs, the orders that arrive queue up and
 * the next transaction takes them all. A transaction inserts its order rows (their primary key
 * makes a concurrent duplicate wait, then see the first answer), locks every cap row and
 * quantity line the batch touches in one sorted statement each (so batches of several API
 * processes cannot deadlock), decides each order in arrival order against what the earlier ones
 * left, and writes the outcome with a handful of set-based statements. An order that does not
 * fit is refused with its reason and leaves no row; the others commit together. The cap's CHECK
 * constraint (consumed <= limit) stays as the last guard against an overspend.
 *
 * So a hot cap costs one lock wait and one WAL flush per batch instead of per order, while an
 * order alone still commits at once.
 */
export class CheckoutLedgerStore {
  private readonly queue: Pending[] = [];
  private running = false;

  constructor(private readonly dataSource: DataSource) {}

  commit(order: OrderCommit): Promise<CommitOutcome> {
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.queue.push({ order, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.queue.length) return;
    this.running = true;
    // One orderId once per batch: a repeat waits for the next batch, where it is a replay.
    const batch: Pending[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < this.queue.length && batch.length < MAX_BATCH;) {
      const p = this.queue[i];
      if (ids.has(p.order.orderId)) { i++; continue; }
      ids.add(p.order.orderId);
      batch.push(p);
      this.queue.splice(i, 1);
    }
    this.runBatch(batch.map((p) => p.order)).then(
      (outcomes) => outcomes.forEach((o, i) => (o instanceof Error ? batch[i].reject(o) : batch[i].resolve(o))),
      (err) => batch.forEach((p) => p.reject(err)),
    ).finally(() => {
      this.running = false;
      this.pump();
    });
  }

  private async runBatch(orders: OrderCommit[]): Promise<(CommitOutcome | DomainError)[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) => this.commitBatch(m, orders));
      } catch (err) {
        const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
        if (attempt < BATCH_RETRIES && (code === '40P01' || code === '40001')) continue;
        throw err;
      }
    }
  }

  /** One transaction for several orders; each gets its outcome or its refusal. */
  private async commitBatch(m: EntityManager, orders: OrderCommit[]): Promise<(CommitOutcome | DomainError)[]> {
    const sorted = [...orders].sort((a, b) => cmp(a.orderId, b.orderId));
    const inserted = new Set(returningRows<{ order_id: string }>(await m.query(
      `INSERT INTO checkout_orders (order_id, status, buyer, currency, total, answer)
       SELECT o, 'COMMITTED', b, c, t::numeric, '{}' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(o, b, c, t) ORDER BY o
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
      [sorted.map((o) => o.orderId), sorted.map((o) => o.buyer), sorted.map((o) => o.currency), sorted.map((o) => o.total)],
    )).map((r) => r.order_id));
    const replayIds = orders.filter((o) => !inserted.has(o.orderId)).map((o) => o.orderId);
    const firstAnswers = new Map<string, string>(replayIds.length
      ? (await m.query(`SELECT order_id, answer::text AS answer FROM checkout_orders WHERE order_id = ANY($1::text[])`, [replayIds]))
        .map((r: { order_id: string; answer: string }) => [r.order_id, r.answer])
      : []);
    const fresh = orders.filter((o) => inserted.has(o.orderId));

    // Lock what the batch touches, in one order for everyone: caps by contract, then lines.
    const capIds = [...new Set(fresh.flatMap((o) => o.rightToBuy.map((d) => d.contractId)))].sort(cmp);
    const caps = new Map<string, CapRow>();
    if (capIds.length) {
      const first = new Map<string, RightToBuyDraw>();
      for (const o of fresh) for (const d of o.rightToBuy) if (!first.has(d.contractId)) first.set(d.contractId, d);
      await m.query(
        `INSERT INTO checkout_right_to_buy (contract_id, limit_amount, currency)
         SELECT id, l::numeric, c FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, l, c) ORDER BY id ON CONFLICT (contract_id) DO NOTHING`,
        [capIds, capIds.map((id) => first.get(id)!.limit), capIds.map((id) => first.get(id)!.limitCurrency.toUpperCase())],
      );
      for (const r of await m.query(
        `SELECT contract_id, limit_amount::text AS limit, consumed::text AS consumed, currency::text AS currency
           FROM checkout_right_to_buy WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id FOR UPDATE`, [capIds]) as CapRow[]) caps.set(r.contract_id, r);
    }
    const drawsOf = new Map(fresh.map((o) => [o.orderId, mergeQuantities(o.quantities)]));
    const lineKeys = [...new Map([...drawsOf.values()].flat().map((q) => [quantityKey(q.contractId, q.termSeq, q.sku), q])).values()]
      .sort((a, b) => cmp(a.contractId, b.contractId) || a.termSeq - b.termSeq || cmp(a.sku, b.sku));
    const lines = new Map<string, LineRow[]>();
    if (lineKeys.length) {
      // The contract row is held too (shared): a deploy that closes it, and carries its draws to the
      // new version, waits for this batch; a batch after it finds the contract ended and draws nothing.
      const rows: LineRow[] = await m.query(
        `SELECT l.contract_id, l.term_seq, l.sku, l.position, l.quantity, l.drawn_down
           FROM contract_quantity_lines l JOIN unnest($1::uuid[], $2::int[], $3::text[]) AS k(c, t, s)
             ON l.contract_id = k.c AND l.term_seq = k.t AND l.sku = k.s
           JOIN contracts c ON c.id = l.contract_id AND c.status NOT IN (${ENDED.map((x) => `'${x}'`).join(', ')})
          ORDER BY l.contract_id, l.term_seq, l.sku, l.position FOR UPDATE OF l FOR SHARE OF c`,
        [lineKeys.map((q) => q.contractId), lineKeys.map((q) => q.termSeq), lineKeys.map((q) => q.sku)],
      );
      for (const r of rows) {
        const key = quantityKey(r.contract_id, r.term_seq, r.sku);
        const list = lines.get(key);
        if (list) list.push(r);
        else lines.set(key, [r]);
      }
    }

    // Decide in arrival order; each accepted order changes what the next one sees.
    const outcomes = new Map<string, CommitOutcome | DomainError>();
    const spends: { orderId: string; contractId: string; amount: string; currency: string }[] = [];
    const draws: { orderId: string; line: LineRow; take: number }[] = [];
    const answers: { orderId: string; answer: string }[] = [];
    const obligationRows: (ObligationDraw & { orderId: string })[] = [];
    /** What the batch adds to each cap (Postgres adds it, keeping the numeric scale it always had). */
    const added = new Map<string, string>();
    const refused: string[] = [];
    const completedCandidates = new Map<string, string[]>();
    for (const order of fresh) {
      const refusal = this.refusalOf(order, caps, drawsOf.get(order.orderId)!, lines);
      if (refusal) {
        refused.push(order.orderId);
        outcomes.set(order.orderId, refusal);
        continue;
      }
      const consumedAfter = new Map<string, string>();
      for (const d of [...order.rightToBuy].sort((a, b) => cmp(a.contractId, b.contractId))) {
        const cap = caps.get(d.contractId)!;
        cap.consumed = addKeepingScale(cap.consumed, d.amount);
        added.set(d.contractId, addKeepingScale(added.get(d.contractId) ?? '0', d.amount));
        consumedAfter.set(d.contractId, cap.consumed);
        spends.push({ orderId: order.orderId, contractId: d.contractId, amount: d.amount, currency: d.currency.toUpperCase() });
      }
      const touchedQuantityContracts = new Set<string>();
      for (const q of drawsOf.get(order.orderId)!) {
        let left = q.quantity;
        for (const l of lines.get(quantityKey(q.contractId, q.termSeq, q.sku)) ?? []) {
          const take = Math.min(left, Math.max(0, l.quantity - l.drawn_down));
          if (take === 0) continue;
          l.drawn_down += take;
          draws.push({ orderId: order.orderId, line: l, take });
          left -= take;
          if (left === 0) break;
        }
        touchedQuantityContracts.add(q.contractId);
      }
      completedCandidates.set(order.orderId, [...touchedQuantityContracts]);
      for (const o of order.obligations ?? []) obligationRows.push({ ...o, orderId: order.orderId });
      const answer = order.answer(consumedAfter);
      answers.push({ orderId: order.orderId, answer });
      outcomes.set(order.orderId, { replayed: false, answer, completed: [] });
    }

    if (added.size) {
      const ids = [...added.keys()].sort(cmp);
      await m.query(
        `UPDATE checkout_right_to_buy r SET consumed = r.consumed + v.d::numeric, updated_at = now() FROM unnest($1::uuid[], $2::text[]) AS v(id, d) WHERE r.contract_id = v.id`,
        [ids, ids.map((id) => added.get(id)!)],
      );
    }
    if (spends.length) {
      await m.query(
        `INSERT INTO checkout_order_spend (order_id, contract_id, amount, currency)
         SELECT o, c, a::numeric, cur FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) AS v(o, c, a, cur)`,
        [spends.map((x) => x.orderId), spends.map((x) => x.contractId), spends.map((x) => x.amount), spends.map((x) => x.currency)],
      );
    }
    if (draws.length) {
      const changed = [...new Set(draws.map((d) => d.line))];
      await m.query(
        `UPDATE contract_quantity_lines l SET drawn_down = v.d FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS v(c, t, p, d)
          WHERE l.contract_id = v.c AND l.term_seq = v.t AND l.position = v.p`,
        [changed.map((l) => l.contract_id), changed.map((l) => l.term_seq), changed.map((l) => l.position), changed.map((l) => l.drawn_down)],
      );
      await m.query(
        `INSERT INTO checkout_order_quantities (order_id, contract_id, term_seq, position, sku, quantity)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::int[])`,
        [draws.map((d) => d.orderId), draws.map((d) => d.line.contract_id), draws.map((d) => d.line.term_seq), draws.map((d) => d.line.position),
          draws.map((d) => d.line.sku), draws.map((d) => d.take)],
      );
    }
    if (obligationRows.length) {
      await m.query(
        `INSERT INTO checkout_order_obligation (order_id, contract_id, amount, currency)
         SELECT o, c, a::numeric, cur FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) AS v(o, c, a, cur)`,
        [obligationRows.map((x) => x.orderId), obligationRows.map((x) => x.contractId), obligationRows.map((x) => x.amount), obligationRows.map((x) => x.currency.toUpperCase())],
      );
    }
    if (refused.length) await m.query(`DELETE FROM checkout_orders WHERE order_id = ANY($1::text[])`, [refused]);
    if (answers.length) {
      await m.query(`UPDATE checkout_orders o SET answer = v.a::json FROM unnest($1::text[], $2::text[]) AS v(id, a) WHERE o.order_id = v.id`,
        [answers.map((a) => a.orderId), answers.map((a) => a.answer)]);
    }
    // Quantity contracts drawn down completely by an order of this batch (their workflows are told once, by that order).
    const candidates = [...new Set([...completedCandidates.values()].flat())];
    if (candidates.length) {
      const done: { id: string; workflow_id: string }[] = await m.query(
        `SELECT c.id, c.workflow_id FROM contracts c WHERE c.id = ANY($1::uuid[])
           AND NOT EXISTS (SELECT 1 FROM contract_quantity_lines l WHERE l.contract_id = c.id AND l.drawn_down < l.quantity)`, [candidates]);
      const workflowOf = new Map(done.map((r) => [r.id, r.workflow_id]));
      // The last order of the batch that touched a completed contract reports it.
      const reported = new Set<string>();
      for (const order of [...fresh].reverse()) {
        const outcome = outcomes.get(order.orderId);
        if (!outcome || outcome instanceof Error) continue;
        for (const id of completedCandidates.get(order.orderId) ?? []) {
          if (!workflowOf.has(id) || reported.has(id)) continue;
          reported.add(id);
          outcome.completed.push({ contractId: id, workflowId: workflowOf.get(id)! });
        }
      }
    }
    return orders.map((o) => outcomes.get(o.orderId) ?? { replayed: true, answer: firstAnswers.get(o.orderId) ?? '{}', completed: [] });
  }

  /** Why the order cannot commit given what the batch has left, or undefined when it fits. */
  private refusalOf(order: OrderCommit, caps: Map<string, CapRow>, quantities: QuantityDraw[], lines: Map<string, LineRow[]>): DomainError | undefined {
    const need = new Map<string, string>();
    for (const d of [...order.rightToBuy].sort((a, b) => cmp(a.contractId, b.contractId))) {
      const cap = caps.get(d.contractId)!;
      if (d.currency.toUpperCase() !== d.limitCurrency.toUpperCase() || cap.currency !== d.currency.toUpperCase()) {
        const capCurrency = d.currency.toUpperCase() !== d.limitCurrency.toUpperCase() ? d.limitCurrency : cap.currency;
        return new DomainError('conflict', 'RIGHT_TO_BUY_EXCEEDED',
          `The right to buy of contract ${d.contractId} is capped in ${capCurrency}; an order in ${d.currency} draws on it only converted (no rate from ${d.currency.toUpperCase()} to ${capCurrency.toUpperCase()} was applied)`,
          [{ field: 'currency', message: `must be ${capCurrency} for this contract` }]);
      }
      const after = addDecimals(need.get(d.contractId) ?? cap.consumed, d.amount);
      if (compareDecimals(after, cap.limit) > 0) {
        return new DomainError('conflict', 'RIGHT_TO_BUY_EXCEEDED',
          `This order adds ${d.amount} ${d.currency} to contract ${d.contractId}, but only ${formatMoney(subtractDecimals(cap.limit, cap.consumed))} of ${cap.limit} remains`,
          [{ field: 'total', message: `exceeds the remaining right to buy of contract ${d.contractId}` }]);
      }
      need.set(d.contractId, after);
    }
    for (const q of quantities) {
      const held = lines.get(quantityKey(q.contractId, q.termSeq, q.sku)) ?? [];
      if (held.length === 0) {
        return new DomainError('conflict', 'QUANTITY_EXCEEDS_REMAINING',
          `Contract ${q.contractId} no longer sells ${q.sku} (it ended, or a newer version replaced it); evaluate the order again`,
          [{ field: `lines[${q.lineIndex}].quantity`, lineIndex: q.lineIndex, message: 'nothing remains under the contract it was evaluated under' }]);
      }
      const reserved = held.reduce((s, l) => s + l.quantity, 0);
      const remaining = held.reduce((s, l) => s + Math.max(0, l.quantity - l.drawn_down), 0);
      if (q.quantity > remaining) {
        return new DomainError('conflict', 'QUANTITY_EXCEEDS_REMAINING',
          `${q.quantity} × ${q.sku} ordered, but only ${remaining} of ${reserved} reserved remain under contract ${q.contractId}`,
          [{ field: `lines[${q.lineIndex}].quantity`, lineIndex: q.lineIndex, message: `exceeds the ${remaining} remaining` }]);
      }
    }
    return undefined;
  }

  /** The stored first answer of a committed (or released) order, as JSON text. */
  async answerOf(orderId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT answer::text AS answer FROM checkout_orders WHERE order_id = $1`, [orderId]);
    return row ? row.answer : null;
  }

  /**
   * Gives back what the order's spend and quantities still hold (returns and per-line releases
   * gave back the rest already), once; null when the order was never committed.
   */
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
        `SELECT contract_id, (amount - refunded)::text AS amount FROM checkout_order_spend WHERE order_id = $1 AND amount > refunded ORDER BY contract_id`, [orderId]);
      for (const s of spend) {
        await m.query(`UPDATE checkout_right_to_buy SET consumed = consumed - $2::numeric, updated_at = now() WHERE contract_id = $1`, [s.contract_id, s.amount]);
      }
      await m.query(`UPDATE checkout_order_spend SET refunded = amount WHERE order_id = $1 AND amount > refunded`, [orderId]);
      await m.query(`UPDATE checkout_order_obligation SET refunded = amount WHERE order_id = $1 AND amount > refunded`, [orderId]);
      const quantities: { contract_id: string; term_seq: number; position: number; sku: string; quantity: number }[] = await m.query(
        `SELECT contract_id, term_seq, position, sku, quantity - returned AS quantity FROM checkout_order_quantities
          WHERE order_id = $1 AND quantity > returned ORDER BY contract_id, term_seq, sku, position`,
        [orderId]);
      for (const q of quantities) {
        await m.query(`UPDATE contract_quantity_lines SET drawn_down = drawn_down - $4 WHERE contract_id = $1 AND term_seq = $2 AND position = $3`,
          [q.contract_id, q.term_seq, q.position, q.quantity]);
      }
      if (quantities.length) {
        await m.query(`UPDATE checkout_order_quantities SET returned = quantity WHERE order_id = $1 AND quantity > returned`, [orderId]);
        const perSku = new Map<string, { contractId: string; sku: string; quantity: number }>();
        for (const q of quantities) {
          const e = perSku.get(`${q.contract_id}/${q.sku}`) ?? { contractId: q.contract_id, sku: q.sku, quantity: 0 };
          e.quantity += q.quantity;
          perSku.set(`${q.contract_id}/${q.sku}`, e);
        }
        await giveBackCarriedQuantities(m, [...perSku.values()]);
      }
      return { orderId, released: true, alreadyReleased: false };
    });
  }

  /**
   * Consumed spend of these capped contracts, the reserved/drawn quantities of these quantity
   * contracts and the obligation progress of these obligation contracts: a query for each kind asked for.
   */
  async view(cappedContractIds: readonly string[], quantityContractIds: readonly string[], obligationContractIds: readonly string[] = []): Promise<LedgerView> {
    const [caps, lines, obligations] = await Promise.all([
      cappedContractIds.length
        ? this.dataSource.query(`SELECT contract_id, consumed::text AS consumed FROM checkout_right_to_buy WHERE contract_id = ANY($1::uuid[])`, [[...cappedContractIds]])
        : [],
      quantityContractIds.length
        ? this.dataSource.query(
          `SELECT contract_id, term_seq, sku, sum(quantity)::int AS reserved, sum(drawn_down)::int AS drawn
           FROM contract_quantity_lines WHERE contract_id = ANY($1::uuid[]) GROUP BY contract_id, term_seq, sku`,
          [[...quantityContractIds]])
        : [],
      obligationContractIds.length
        ? this.dataSource.query(
          `SELECT s.contract_id, sum(s.amount - s.refunded)::text AS bought FROM checkout_order_obligation s
             JOIN checkout_orders o ON o.order_id = s.order_id AND o.status = 'COMMITTED'
            WHERE s.contract_id = ANY($1::uuid[]) GROUP BY s.contract_id`,
          [[...obligationContractIds]])
        : [],
    ]);
    return {
      consumed: new Map(caps.map((r: { contract_id: string; consumed: string }) => [r.contract_id, r.consumed])),
      quantities: new Map(lines.map((r: { contract_id: string; term_seq: number; sku: string; reserved: number; drawn: number }) =>
        [quantityKey(r.contract_id, r.term_seq, r.sku), { reserved: r.reserved, drawn: r.drawn }])),
      obligationBought: new Map(obligations.map((r: { contract_id: string; bought: string }) => [r.contract_id, r.bought])),
    };
  }
}

/** a + b with as many decimals as the longer operand, as Postgres' numeric addition gives it. */
function addKeepingScale(a: string, b: string): string {
  const scale = Math.max(decimalsOf(a), decimalsOf(b));
  const sum = addDecimals(a, b);
  const have = decimalsOf(sum);
  return have >= scale ? sum : `${sum}${have === 0 ? '.' : ''}${'0'.repeat(scale - have)}`;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
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
