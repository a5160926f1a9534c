import type { TypedContractTerm } from '@pactum/domain';

export type TermTypeName = TypedContractTerm['type'];

/** Where each term type keeps its parameters: scalar columns of the header, or one child table. */
interface TermShape {
  /** Parameter kept in the `code` column. */
  code?: string;
  /** Parameter kept in the `amount` column. */
  amount?: string;
  /** Other scalar parameters, each with a column of the same name. */
  scalars?: ('signedPercentage' | 'currency' | 'days' | 'autoArchive' | 'billingAddress')[];
  /** `productSet` kept in contract_product_set_items. */
  productSet?: 'required' | 'optional';
  /** The one list parameter kept in a child table (always returned, [] / {} when empty). */
  list?: 'offers' | 'filters' | 'rules' | 'fulfillmentCenters' | 'lines' | 'properties';
}

export const TERM_SHAPES: Record<TermTypeName, TermShape> = {
  PriceTCMasterCatalogWithOptionalAdjustment: { scalars: ['signedPercentage'] },
  PriceTCPriceListWithOptionalAdjustment: { code: 'priceList', scalars: ['signedPercentage'] },
  PriceTCPriceListWithSelectiveAdjustment: { code: 'priceList', scalars: ['signedPercentage'], productSet: 'required' },
  PriceTCCustomPriceList: { code: 'name', list: 'offers' },
  PriceTCMasterCatalogWithFiltering: { scalars: ['signedPercentage'], list: 'filters' },
  PriceRule: { list: 'rules' },
  ProductSetTCInclusion: { productSet: 'required' },
  ProductSetTCExclusion: { productSet: 'required' },
  ShippingTCShippingMode: { code: 'mode' },
  ShippingTCShipToAddress: { code: 'nickname' },
  ShippingTCShippingCharge: { code: 'policy' },
  ShippingTCShippingChargeAdjustment: { amount: 'amount', scalars: ['signedPercentage', 'currency'], productSet: 'optional' },
  FulfillmentTC: { list: 'fulfillmentCenters' },
  PaymentTCPaymentMethod: { code: 'method', scalars: ['billingAddress'] },
  ReturnTCReturnCharge: { code: 'policy' },
  ReturnTCReturnApproval: { code: 'policy' },
  ReturnTCRefundPaymentMethod: { code: 'method' },
  RightToBuyTCByAmount: { amount: 'maximumAmount', scalars: ['currency'] },
  ObligationToBuyTCByAmount: { amount: 'minimumAmount', scalars: ['currency', 'days'] },
  OrderApprovalTC: { amount: 'thresholdAmount', scalars: ['currency'] },
  QuantityCommitmentTC: { scalars: ['autoArchive'], list: 'lines' },
  TermCondition: { code: 'conditionType', list: 'properties' },
};

/** The header row of a term (contract_terms / account_terms), as written and as read. */
export interface TermHeader {
  sequenceNumber: number;
  type: string;
  descriptions: Record<string, string> | null;
  signedPercentage: string | null;
  amount: string | null;
  currency: string | null;
  code: string | null;
  billingAddress: string | null;
  days: number | null;
  autoArchive: boolean | null;
}

/** SELECT list giving TermHeader fields from a term table aliased `t`. */
export const TERM_HEADER_COLUMNS = `t.sequence_number AS "sequenceNumber", t.type, t.descriptions, t.signed_percentage::text AS "signedPercentage",
  t.amount::text AS amount, t.currency::text AS currency, t.code, t.billing_address AS "billingAddress", t.days, t.auto_archive AS "autoArchive"`;

/** Column names and Postgres array types of the header, in TermHeader order, for unnest inserts. */
export const TERM_HEADER_INSERT: [column: string, pgType: string, field: keyof TermHeader][] = [
  ['sequence_number', 'int', 'sequenceNumber'],
  ['type', 'text', 'type'],
  ['descriptions', 'jsonb', 'descriptions'],
  ['signed_percentage', 'numeric', 'signedPercentage'],
  ['amount', 'numeric', 'amount'],
  ['currency', 'text', 'currency'],
  ['code', 'text', 'code'],
  ['billing_address', 'text', 'billingAddress'],
  ['days', 'int', 'days'],
  ['auto_archive', 'boolean', 'autoArchive'],
];

export function shapeOf(type: string): TermShape {
  const shape = (TERM_SHAPES as Record<string, TermShape | undefined>)[type];
  if (!shape) throw new Error(`term type "${type}" cannot be stored: unknown type`);
  return shape;
}

const present = (v: unknown) => v !== undefined && v !== null;

/**
 * The header of a term; refuses (throws) a parameter that has no place for its type, so nothing
 * is ever dropped silently. `extraKeys` are the keys the caller stores itself (child tables).
 */
export function toHeader(term: { type: string; sequenceNumber: number }, extraKeys: readonly string[]): TermHeader {
  const shape = shapeOf(term.type);
  const t = term as unknown as Record<string, unknown>;
  const allowed = new Set(['type', 'sequenceNumber', 'descriptions', ...extraKeys, ...(shape.code ? [shape.code] : []),
    ...(shape.amount ? [shape.amount] : []), ...(shape.scalars ?? [])]);
  for (const [key, value] of Object.entries(t)) {
    if (present(value) && !allowed.has(key)) throw new Error(`term ${term.sequenceNumber} (${term.type}): parameter "${key}" cannot be stored`);
  }
  const scalar = (k: string) => (shape.scalars?.includes(k as never) && present(t[k]) ? t[k] : null);
  return {
    sequenceNumber: term.sequenceNumber,
    type: term.type,
    descriptions: present(t.descriptions) ? (t.descriptions as Record<string, string>) : null,
    signedPercentage: scalar('signedPercentage') as string | null,
    amount: shape.amount && present(t[shape.amount]) ? (t[shape.amount] as string) : null,
    currency: scalar('currency') as string | null,
    code: shape.code && present(t[shape.code]) ? (t[shape.code] as string) : null,
    billingAddress: scalar('billingAddress') as string | null,
    days: scalar('days') as number | null,
    autoArchive: scalar('autoArchive') as boolean | null,
  };
}

/** The term object from its header; child-table parameters are added by the caller. */
export function fromHeader(h: TermHeader): Record<string, unknown> {
  const shape = shapeOf(h.type);
  const term: Record<string, unknown> = { type: h.type, sequenceNumber: h.sequenceNumber };
  if (h.descriptions !== null) term.descriptions = h.descriptions;
  if (shape.code && h.code !== null) term[shape.code] = h.code;
  if (shape.amount && h.amount !== null) term[shape.amount] = h.amount;
  const scalars: Record<string, unknown> = {
    signedPercentage: h.signedPercentage, currency: h.currency, days: h.days, autoArchive: h.autoArchive, billingAddress: h.billingAddress,
  };
  for (const k of shape.scalars ?? []) if (scalars[k] !== null) term[k] = scalars[k];
  return term;
}

/** Rows in column arrays, inserted with `INSERT … SELECT FROM unnest(…)` in chunks (a handful of bind parameters per chunk). */
export interface ColumnBatch {
  table: string;
  /** Leading constant columns (e.g. contract_id), bound once per chunk. */
  fixed: [column: string, pgType: string, value: unknown][];
  columns: [column: string, pgType: string, values: unknown[]][];
}

/** Rows per INSERT: bounds statement size and memory; bind parameters stay at columns + fixed. */
export const INSERT_CHUNK_ROWS = 10_000;

export async function insertBatch(m: { query: (sql: string, params?: unknown[]) => Promise<unknown> }, b: ColumnBatch, onConflict = 'ON CONFLICT DO NOTHING'): Promise<void> {
  const rows = b.columns[0]?.[2].length ?? 0;
  const sql = insertSql(b, 1, '', onConflict);
  for (let start = 0; start < rows; start += INSERT_CHUNK_ROWS) {
    const end = Math.min(rows, start + INSERT_CHUNK_ROWS);
    await m.query(sql, [...b.fixed.map((f) => f[2]), ...b.columns.map((c) => arrayLiteral(c[2], start, end))]);
  }
}

/** What a field of COPY's text format must escape: the backslash, and the tab, newline and carriage return that delimit. */
const COPY_ESCAPED = /[\\\t\n\r]/g;
const COPY_ESCAPE_NEEDED = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * The rows of a column batch in COPY's text format (tab-separated, `\N` for NULL), in pieces of
 * about `pieceChars`; `keep` picks rows by index. For the largest tables of a bulk write: COPY
 * costs Postgres less per row than INSERT … SELECT FROM unnest (no executor per statement row, no
 * array literal to parse), and the text is cheaper to build than the arrays.
 */
export function* copyText(b: ColumnBatch, keep: (row: number) => boolean = () => true, pieceChars = 1 << 20): Generator<string> {
  const columns = [...b.fixed.map((f) => [f[2]] as unknown[]), ...b.columns.map((c) => c[2])];
  const fixed = b.fixed.length;
  const rows = b.columns[0]?.[2].length ?? 0;
  let out = '';
  for (let r = 0; r < rows; r++) {
    if (!keep(r)) continue;
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c][c < fixed ? 0 : r];
      if (c > 0) out += '\t';
      if (v === null || v === undefined) out += '\\N';
      else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out += String(v);
      else {
        const text = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : JSON.stringify(v);
        out += COPY_ESCAPE_NEEDED.test(text) ? text.replace(COPY_ESCAPED, (ch) => COPY_ESCAPES[ch]) : text;
      }
    }
    out += '\n';
    if (out.length >= pieceChars) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}

/** The COPY statement of a column batch (its fixed columns first, as copyText writes them). */
export function copySql(b: ColumnBatch): string {
  return `COPY ${b.table} (${[...b.fixed.map((f) => f[0]), ...b.columns.map((c) => c[0])].join(', ')}) FROM STDIN`;
}

/** An element of an array literal that must be quoted: empty, NULL, or holding a delimiter, a quote, a backslash, a brace or whitespace. */
const QUOTED_ELEMENT = /^$|^null$|[\s"\\{},]/i;

/**
 * values[from, to) as a Postgres array literal (`{a,"b c",NULL}`), the parameter of an unnest
 * column. pg would quote and escape every element with two regular expressions each; here an
 * element is quoted only when Postgres needs it to be, which for uuids, numbers and most codes is
 * never (an import writes a million price offers this way). Dates are sent as ISO instants, other
 * objects as JSON (as pg sends them).
 */
export function arrayLiteral(values: readonly unknown[], from = 0, to = values.length): string {
  let out = '{';
  for (let i = from; i < to; i++) {
    if (i > from) out += ',';
    const v = values[i];
    let text: string;
    if (v === null || v === undefined) {
      out += 'NULL';
      continue;
    } else if (typeof v === 'string') text = v;
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
      out += String(v);
      continue;
    } else if (v instanceof Date) text = v.toISOString();
    else text = JSON.stringify(v);
    out += QUOTED_ELEMENT.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : text;
  }
  return out + '}';
}

/**
 * The batch's INSERT as part of a larger statement (a writable CTE): its values are appended to
 * `params`, and `where` (e.g. `EXISTS (SELECT 1 FROM parent)`, or `c0 IN (SELECT id FROM parent)`:
 * the batch's columns are c0, c1… in order) decides which rows it writes. All rows in one INSERT.
 */
export function insertBatchSql(b: ColumnBatch, params: unknown[], where: string, onConflict = 'ON CONFLICT DO NOTHING'): string {
  const sql = insertSql(b, params.length + 1, where ? `WHERE ${where}` : '', onConflict);
  params.push(...b.fixed.map((f) => f[2]), ...b.columns.map((c) => arrayLiteral(c[2])));
  return sql;
}

function insertSql(b: ColumnBatch, firstParam: number, where: string, onConflict: string): string {
  const names = [...b.fixed.map((f) => f[0]), ...b.columns.map((c) => c[0])].join(', ');
  const fixedSql = b.fixed.map((f, i) => `$${firstParam + i}::${f[1]}`);
  const unnestSql = b.columns.map((c, i) => `$${firstParam + b.fixed.length + i}::${c[1]}[]`).join(', ');
  const aliases = b.columns.map((_, i) => `c${i}`);
  return `INSERT INTO ${b.table} (${names}) SELECT ${[...fixedSql, ...aliases].join(', ')} FROM unnest(${unnestSql}) AS u(${aliases.join(', ')})${where ? ` ${where}` : ''} ${onConflict}`;
}
