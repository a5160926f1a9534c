import { isDeepStrictEqual } from 'node:util';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, formatUnits, parseDecimal, unitsToDecimal, type ContractRef, type ErrorDetail } from '@pactum/domain';
import { returningRows } from '../repositories/returning-rows';

type Queryable = Pick<EntityManager | DataSource, 'query'>;

/** One line of a return or a per-line release: a SKU of the order, and how many (null: all that remain, release only). */
export interface GiveBackLine {
  sku: string;
  quantity: number | null;
}

export interface GiveBackRequest {
  kind: 'RETURN' | 'RELEASE';
  /** The idempotency key (returnId, releaseId); null for a per-line release without one. */
  key: string | null;
  orderId: string;
  reason: string | null;
  /** The request as received (normalised): the same key with another request is refused. */
  request: Record<string, unknown>;
  lines: GiveBackLine[];
  /**
   * The answer to store and return, given what was taken from the order and given back; may
   * refuse by throwing (nothing is then recorded). `charges` is the return charge per taken line.
   */
  answer(ctx: GiveBackContext): Promise<{ answer: Record<string, unknown>; charges: (string | null)[] }>;
}

/** Quantity taken back from one order line. */
export interface TakenLine {
  /** The request line it answers. */
  requestIndex: number;
  /** The order line it came from. */
  lineIndex: number;
  sku: string;
  quantity: number;
  /** The order line as committed. */
  boughtQuantity: number;
  unitPrice: string;
  /** The returned share of the line's value, in the order's currency (unit price × quantity, the last share takes the rounding rest). */
  amount: string;
  contract: ContractRef | null;
}

export interface ContractRefund {
  contract: ContractRef;
  amount: string;
  currency: string;
}

export interface GiveBackContext {
  q: Queryable;
  buyer: string;
  currency: string;
  taken: TakenLine[];
  /** Right-to-buy spend given back, per capped contract. */
  rightToBuy: ContractRefund[];
  /** Obligation progress given back, per contract with an obligation the order counted towards. */
  obligations: ContractRefund[];
  /** Reserved quantity given back, per contract holding the quantity term and SKU. */
  quantities: { contractId: string; sku: string; quantity: number }[];
}

export interface GiveBackOutcome {
  /** True when the key was used before with the same request: the first answer, nothing recorded now. */
  replayed: boolean;
  answer: Record<string, unknown>;
}

interface OrderLine { sku: string; quantity: number; unitPrice: string; lineTotal: string; boughtUnder: ContractRef | null }
interface LedgerRow { contract_id: string; amount: string; refunded: string; currency: string }
interface QuantityRow { contract_id: string; term_seq: number; position: number; sku: string; quantity: number; returned: number }

/**
 * Returns and per-line releases of committed orders (docs/business-rules.md#returns).
 *
 * One transaction per give-back, which first locks the order's row: returns and releases of one
 * order run one after the other, each sees what the earlier ones gave back, and none can take
 * more than was bought. Cap rows are then locked in contract order and quantity lines in
 * (contract, term, position) order, with their contract rows shared, as commits take them.
 */
export class CheckoutReturnsStore {
  constructor(private readonly dataSource: DataSource) {}

  async giveBack(req: GiveBackRequest): Promise<GiveBackOutcome> {
    if (req.key !== null) {
      const first = await firstOf(this.dataSource, req.key);
      if (first) return replay(first, req);
    }
    return this.dataSource.transaction(async (m) => {
      const [order] = await m.query(
        `SELECT status, buyer, currency::text AS currency, answer FROM checkout_orders WHERE order_id = $1 FOR UPDATE`, [req.orderId]);
      if (!order) throw new DomainError('not_found', 'ORDER_NOT_FOUND', `No committed order ${req.orderId}`, [{ field: 'orderId', message: 'was never committed' }]);
      // A key used meanwhile by a give-back of this order committed before the lock was granted.
      if (req.key !== null) {
        const first = await firstOf(m, req.key);
        if (first) return replay(first, req);
      }
      if (order.status === 'RELEASED') {
        if (req.kind === 'RELEASE') return { replayed: false, answer: { orderId: req.orderId, released: true, alreadyReleased: true, lines: [] } };
        throw new DomainError('conflict', 'ORDER_RELEASED', `Order ${req.orderId} was released: nothing of it remains to return`,
          [{ field: 'orderId', message: 'was released' }]);
      }
      const inserted = returningRows<{ id: string }>(await m.query(
        `INSERT INTO checkout_returns (return_id, order_id, kind, reason, request, answer) VALUES ($1, $2, $3, $4, $5::jsonb, '{}')
         ON CONFLICT (return_id) DO NOTHING RETURNING id::text AS id`,
        [req.key, req.orderId, req.kind, req.reason, JSON.stringify(req.request)]));
      if (inserted.length === 0) {
        // The same key for another order, committed while this one waited for the key's row.
        return replay((await firstOf(m, req.key!))!, req);
      }
      const ref = inserted[0].id;

      const lines = ((order.answer as { lines?: OrderLine[] }).lines ?? []);
      const given = new Map<number, number>((await m.query(
        `SELECT line_index, sum(quantity)::int AS quantity FROM checkout_return_lines WHERE order_id = $1 GROUP BY line_index`, [req.orderId]))
        .map((r: { line_index: number; quantity: number }) => [r.line_index, r.quantity]));
      const taken = takeLines(req, lines, given);

      const contractIds = [...new Set(taken.flatMap((t) => (t.contract ? [t.contract.id] : [])))].sort(cmp);
      const refOf = new Map(taken.flatMap((t) => (t.contract ? [[t.contract.id, t.contract] as const] : [])));
      const takenNow = new Map<number, number>();
      for (const t of taken) takenNow.set(t.lineIndex, (takenNow.get(t.lineIndex) ?? 0) + t.quantity);
      const share = (row: LedgerRow) => refundShare(row, lines, given, takenNow);

      // Right-to-buy spend, in the cap's currency, given back in proportion to the value returned.
      const rightToBuy: ContractRefund[] = [];
      const spendRows: LedgerRow[] = contractIds.length ? await m.query(
        `SELECT s.contract_id, s.amount::text AS amount, s.refunded::text AS refunded, s.currency::text AS currency
           FROM checkout_order_spend s WHERE s.order_id = $1 AND s.contract_id = ANY($2::uuid[]) ORDER BY s.contract_id`,
        [req.orderId, contractIds]) : [];
      const spendBack = spendRows.map((r) => ({ row: r, units: share(r) })).filter((x) => x.units > 0n);
      if (spendBack.length) {
        const ids = spendBack.map((x) => x.row.contract_id);
        const amounts = spendBack.map((x) => unitsToDecimal(x.units));
        await m.query(`SELECT contract_id FROM checkout_right_to_buy WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id FOR UPDATE`, [ids]);
        await m.query(
          `UPDATE checkout_right_to_buy r SET consumed = r.consumed - v.a::numeric, updated_at = now() FROM unnest($1::uuid[], $2::text[]) AS v(id, a) WHERE r.contract_id = v.id`,
          [ids, amounts]);
        await m.query(
          `UPDATE checkout_order_spend s SET refunded = s.refunded + v.a::numeric FROM unnest($1::uuid[], $2::text[]) AS v(id, a)
            WHERE s.order_id = $3 AND s.contract_id = v.id`, [ids, amounts, req.orderId]);
        for (const x of spendBack) rightToBuy.push({ contract: refOf.get(x.row.contract_id)!, amount: formatUnits(x.units), currency: x.row.currency });
      }

      // Obligation progress: what the order counted towards each obligation, given back the same way.
      const obligations: ContractRefund[] = [];
      const obligationRows: LedgerRow[] = contractIds.length ? await m.query(
        `SELECT contract_id, amount::text AS amount, refunded::text AS refunded, currency::text AS currency
           FROM checkout_order_obligation WHERE order_id = $1 AND contract_id = ANY($2::uuid[]) ORDER BY contract_id`,
        [req.orderId, contractIds]) : [];
      const obligationBack = obligationRows.map((r) => ({ row: r, units: share(r) })).filter((x) => x.units > 0n);
      if (obligationBack.length) {
        await m.query(
          `UPDATE checkout_order_obligation s SET refunded = s.refunded + v.a::numeric FROM unnest($1::uuid[], $2::text[]) AS v(id, a)
            WHERE s.order_id = $3 AND s.contract_id = v.id`,
          [obligationBack.map((x) => x.row.contract_id), obligationBack.map((x) => unitsToDecimal(x.units)), req.orderId]);
        for (const x of obligationBack) obligations.push({ contract: refOf.get(x.row.contract_id)!, amount: formatUnits(x.units), currency: x.row.currency });
      }

      const quantities = await giveBackQuantities(m, req.orderId, taken);

      const { answer, charges } = await req.answer({ q: m, buyer: order.buyer, currency: order.currency, taken, rightToBuy, obligations, quantities });
      if (taken.length) {
        await m.query(
          `INSERT INTO checkout_return_lines (return_ref, order_id, line_index, sku, contract_id, quantity, amount, charge)
           SELECT $1::bigint, $2::text, * FROM unnest($3::int[], $4::text[], $5::uuid[], $6::int[], $7::numeric[], $8::numeric[])`,
          [ref, req.orderId, taken.map((t) => t.lineIndex), taken.map((t) => t.sku), taken.map((t) => t.contract?.id ?? null),
            taken.map((t) => t.quantity), taken.map((t) => t.amount), charges]);
      }
      const refunds = new Map<string, { rtb?: ContractRefund; obl?: ContractRefund }>();
      for (const r of rightToBuy) refunds.set(r.contract.id, { ...refunds.get(r.contract.id), rtb: r });
      for (const r of obligations) refunds.set(r.contract.id, { ...refunds.get(r.contract.id), obl: r });
      if (refunds.size) {
        const ids = [...refunds.keys()];
        await m.query(
          `INSERT INTO checkout_return_refunds (return_ref, contract_id, right_to_buy, right_to_buy_currency, obligation, obligation_currency)
           SELECT $1::bigint, * FROM unnest($2::uuid[], $3::numeric[], $4::text[], $5::numeric[], $6::text[])`,
          [ref, ids, ids.map((id) => refunds.get(id)!.rtb?.amount ?? null), ids.map((id) => refunds.get(id)!.rtb?.currency ?? null),
            ids.map((id) => refunds.get(id)!.obl?.amount ?? null), ids.map((id) => refunds.get(id)!.obl?.currency ?? null)]);
      }
      await m.query(`UPDATE checkout_returns SET answer = $2::jsonb WHERE id = $1::bigint`, [ref, JSON.stringify(answer)]);
      return { replayed: false, answer };
    });
  }
}

async function firstOf(q: Queryable, key: string): Promise<{ request: unknown; answer: Record<string, unknown> } | undefined> {
  const [row] = await q.query(`SELECT request, answer FROM checkout_returns WHERE return_id = $1`, [key]);
  return row;
}

function replay(first: { request: unknown; answer: Record<string, unknown> }, req: GiveBackRequest): GiveBackOutcome {
  if (!isDeepStrictEqual(first.request, JSON.parse(JSON.stringify(req.request)))) {
    const name = req.kind === 'RETURN' ? 'returnId' : 'releaseId';
    throw new DomainError('conflict', 'RETURN_ID_REUSED', `${name} ${req.key} was used before with another request; nothing was recorded`,
      [{ field: name, message: 'was used before with another request: send a new id, or the same request again' }]);
  }
  return { replayed: true, answer: first.answer };
}

/**
 * Which order lines each request line takes its quantity from (the order's lines of that SKU in
 * order, each as far as it has not been given back), or a 422 naming every line that asks for a
 * SKU the order does not hold or for more than remains of it.
 */
function takeLines(req: GiveBackRequest, lines: readonly OrderLine[], given: ReadonlyMap<number, number>): TakenLine[] {
  const errors: ErrorDetail[] = [];
  const taken: TakenLine[] = [];
  req.lines.forEach((want, requestIndex) => {
    const of = lines.map((l, i) => ({ l, i })).filter((x) => x.l.sku === want.sku);
    if (of.length === 0) {
      errors.push({ field: `lines[${requestIndex}].sku`, lineIndex: requestIndex, message: `is not in order ${req.orderId}` });
      return;
    }
    const bought = of.reduce((s, x) => s + x.l.quantity, 0);
    const remaining = of.reduce((s, x) => s + x.l.quantity - (given.get(x.i) ?? 0), 0);
    const quantity = want.quantity ?? remaining;
    if (quantity > remaining) {
      errors.push({ field: `lines[${requestIndex}].quantity`, lineIndex: requestIndex,
        message: `exceeds what remains of ${want.sku}: ${remaining} of the ${bought} bought (${bought - remaining} already returned or released)` });
      return;
    }
    let left = quantity;
    for (const { l, i } of of) {
      const take = Math.min(left, l.quantity - (given.get(i) ?? 0));
      if (take <= 0) continue;
      taken.push({ requestIndex, lineIndex: i, sku: l.sku, quantity: take, boughtQuantity: l.quantity, unitPrice: l.unitPrice,
        amount: formatUnits(lineShare(l, given.get(i) ?? 0, take)), contract: l.boughtUnder });
      left -= take;
      if (left === 0) break;
    }
  });
  if (errors.length) {
    throw new DomainError('validation', 'RETURN_EXCEEDS_ORDER', `The ${req.kind === 'RETURN' ? 'return' : 'release'} asks for what order ${req.orderId} does not hold; nothing was recorded`, errors);
  }
  return taken;
}

/** The value of `take` more of a line after `before` were given back: the cumulative share minus the earlier one, so the shares add up to the line total. */
function lineShare(line: OrderLine, before: number, take: number): bigint {
  const total = parseDecimal(line.lineTotal);
  return roundedRatio(total, before + take, line.quantity) - roundedRatio(total, before, line.quantity);
}

/** value × num / den, rounded half-up to cents (in units); value ≥ 0, den > 0. */
function roundedRatio(value: bigint, num: number, den: number): bigint {
  if (num >= den) return value;
  const cent = 10_000n;
  const step = BigInt(den) * cent;
  return ((value * BigInt(num) * 2n + step) / (2n * step)) * cent;
}

/**
 * What to give back now of a contract's spend (or obligation) row: the share of the amount in
 * proportion to the value of its lines given back so far, this time included, minus what was
 * refunded before. The shares are cumulative, so several returns never give back more than the
 * amount, and everything given back gives back exactly the amount.
 */
function refundShare(row: LedgerRow, lines: readonly OrderLine[], given: ReadonlyMap<number, number>, takenNow: ReadonlyMap<number, number>): bigint {
  let total = 0n;
  let back = 0n;
  lines.forEach((l, i) => {
    if (l.boughtUnder?.id !== row.contract_id) return;
    const value = parseDecimal(l.lineTotal);
    total += value;
    back += roundedRatio(value, (given.get(i) ?? 0) + (takenNow.get(i) ?? 0), l.quantity);
  });
  const amount = parseDecimal(row.amount);
  const refunded = parseDecimal(row.refunded);
  const target = back >= total ? amount : ratio(amount, back, total);
  const now = target - refunded;
  return now < 0n ? 0n : now > amount - refunded ? amount - refunded : now;
}

/** amount × back / total, rounded half-up to cents. */
function ratio(amount: bigint, back: bigint, total: bigint): bigint {
  const cent = 10_000n;
  const step = total * cent;
  return ((amount * back * 2n + step) / (2n * step)) * cent;
}

/**
 * Gives the taken quantities back to the reserved lines the order drew them from (held by the
 * contract bought under, or by its base contract when the term is inherited), and to the newer
 * deployed versions of the family that carried them. Completion stands: a contract that was
 * drawn down completely stays COMPLETED (it sells nothing more), its lines just show the return.
 */
async function giveBackQuantities(m: EntityManager, orderId: string, taken: readonly TakenLine[]): Promise<{ contractId: string; sku: string; quantity: number }[]> {
  const withContract = taken.filter((t) => t.contract !== null);
  if (withContract.length === 0) return [];
  const rows: QuantityRow[] = await m.query(
    `SELECT contract_id, term_seq, position, sku, quantity, returned FROM checkout_order_quantities
      WHERE order_id = $1 AND quantity > returned ORDER BY contract_id, term_seq, position`, [orderId]);
  if (rows.length === 0) return [];
  const bases = new Map<string, string | null>((await m.query(
    `SELECT id, base_contract_id FROM contracts WHERE id = ANY($1::uuid[])`, [[...new Set(withContract.map((t) => t.contract!.id))]]))
    .map((r: { id: string; base_contract_id: string | null }) => [r.id, r.base_contract_id]));
  const back: { row: QuantityRow; take: number }[] = [];
  for (const t of withContract) {
    const owners = [t.contract!.id, bases.get(t.contract!.id)];
    let left = t.quantity;
    for (const row of rows) {
      if (row.sku !== t.sku || !owners.includes(row.contract_id)) continue;
      const take = Math.min(left, row.quantity - row.returned);
      if (take <= 0) continue;
      row.returned += take;
      back.push({ row, take });
      left -= take;
      if (left === 0) break;
    }
  }
  if (back.length === 0) return [];
  const changed = [...new Set(back.map((b) => b.row))];
  // Lock in the commits' order: the lines, with their contract rows shared (a deploy carrying them waits).
  await m.query(
    `SELECT 1 FROM contract_quantity_lines l JOIN contracts c ON c.id = l.contract_id
       JOIN unnest($1::uuid[], $2::int[], $3::int[]) AS k(c, t, p) ON l.contract_id = k.c AND l.term_seq = k.t AND l.position = k.p
      ORDER BY l.contract_id, l.term_seq, l.sku, l.position FOR UPDATE OF l FOR SHARE OF c`,
    [changed.map((r) => r.contract_id), changed.map((r) => r.term_seq), changed.map((r) => r.position)]);
  const perRow = new Map<QuantityRow, number>();
  for (const b of back) perRow.set(b.row, (perRow.get(b.row) ?? 0) + b.take);
  const list = [...perRow.entries()];
  await m.query(
    `UPDATE contract_quantity_lines l SET drawn_down = l.drawn_down - v.q FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS v(c, t, p, q)
      WHERE l.contract_id = v.c AND l.term_seq = v.t AND l.position = v.p`,
    [list.map(([r]) => r.contract_id), list.map(([r]) => r.term_seq), list.map(([r]) => r.position), list.map(([, q]) => q)]);
  await m.query(
    `UPDATE checkout_order_quantities o SET returned = o.returned + v.q FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS v(c, t, p, q)
      WHERE o.order_id = $5 AND o.contract_id = v.c AND o.term_seq = v.t AND o.position = v.p`,
    [list.map(([r]) => r.contract_id), list.map(([r]) => r.term_seq), list.map(([r]) => r.position), list.map(([, q]) => q), orderId]);
  const perSku = new Map<string, { contractId: string; sku: string; quantity: number }>();
  for (const [r, q] of list) {
    const key = `${r.contract_id}/${r.sku}`;
    const e = perSku.get(key) ?? { contractId: r.contract_id, sku: r.sku, quantity: 0 };
    e.quantity += q;
    perSku.set(key, e);
  }
  const result = [...perSku.values()];
  await giveBackCarriedQuantities(m, result);
  return result;
}

/**
 * Newer deployed versions of the family carry what the older ones drew (ContractStore deploy), so
 * a quantity given back to an older version is given back to them too, per SKU.
 */
export async function giveBackCarriedQuantities(m: Queryable, back: readonly { contractId: string; sku: string; quantity: number }[]): Promise<void> {
  if (back.length === 0) return;
  await m.query(
    `WITH back AS (SELECT c AS contract_id, s AS sku, q AS quantity FROM unnest($1::uuid[], $2::text[], $3::int[]) AS v(c, s, q)),
     carried AS (
       SELECT n.id AS contract_id, r.sku, sum(r.quantity)::int AS quantity
         FROM back r JOIN contracts me ON me.id = r.contract_id
         JOIN contracts n ON n.code = me.code AND n.origin = me.origin AND n.seller_dn = me.seller_dn
           AND (n.version_major, n.version_minor) > (me.version_major, me.version_minor)
           AND EXISTS (SELECT 1 FROM contract_history h WHERE h.contract_id = n.id AND h.to_status = 'ACTIVE')
        GROUP BY n.id, r.sku)
     UPDATE contract_quantity_lines l SET drawn_down = greatest(0, l.drawn_down - c.quantity)
       FROM carried c WHERE l.contract_id = c.contract_id AND l.sku = c.sku`,
    [back.map((b) => b.contractId), back.map((b) => b.sku), back.map((b) => b.quantity)]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One returns term that applies to a contract: its own, or its base contract's. */
export interface ReturnTermRow {
  /** The contract asked for. */
  contractId: string;
  /** The contract holding the term (the base contract for an inherited one). */
  ownerId: string;
  type: 'ReturnTCReturnCharge' | 'ReturnTCReturnApproval' | 'ReturnTCRefundPaymentMethod';
  sequenceNumber: number;
  /** The policy, or the refund method. */
  code: string;
  /** The buyers the term is restricted to (null: every buyer of the contract). */
  buyers: string[] | null;
}

/** The returns terms of these contracts and of their base contracts, own terms first, then by sequence number: one query. */
export async function readReturnTerms(q: Queryable, contractIds: readonly string[]): Promise<ReturnTermRow[]> {
  if (contractIds.length === 0) return [];
  const rows: { contract_id: string; owner_id: string; type: ReturnTermRow['type']; sequence_number: number; code: string; buyers: string[] | null }[] = await q.query(
    `SELECT c.id AS contract_id, t.contract_id AS owner_id, t.type, t.sequence_number, t.code,
            (SELECT array_agg(b.organization_dn ORDER BY b.position) FROM contract_term_buyers b
              WHERE b.contract_id = t.contract_id AND b.term_seq = t.sequence_number) AS buyers
       FROM contracts c JOIN contract_terms t ON t.contract_id = c.id OR t.contract_id = c.base_contract_id
      WHERE c.id = ANY($1::uuid[]) AND t.type IN ('ReturnTCReturnCharge', 'ReturnTCReturnApproval', 'ReturnTCRefundPaymentMethod')
      ORDER BY c.id, t.contract_id = c.id DESC, t.sequence_number`,
    [[...contractIds]]);
  return rows.map((r) => ({ contractId: r.contract_id, ownerId: r.owner_id, type: r.type, sequenceNumber: r.sequence_number, code: r.code, buyers: r.buyers }));
}
