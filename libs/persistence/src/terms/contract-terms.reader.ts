import type { DataSource, EntityManager } from 'typeorm';
import type { ProductSetRef, TypedContractTerm } from '@pactum/domain';
import type { ContractContent } from './contract-content.types';
import { fromHeader, shapeOf, TERM_HEADER_COLUMNS, type TermHeader } from './term-columns';

type Queryable = Pick<EntityManager | DataSource, 'query'>;
type Row = Record<string, any>;

/** Groups rows by contract and term sequence number. */
function byTerm(rows: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.contract_id}/${r.term_seq}`;
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  }
  return map;
}

function byContract(rows: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const list = map.get(r.contract_id);
    if (list) list.push(r);
    else map.set(r.contract_id, [r]);
  }
  return map;
}

const opt = <T>(key: string, value: T | null | undefined) => (value === null || value === undefined ? {} : { [key]: value });
/** A timestamp (a Date from a row, a string from JSON such as "2026-01-01T00:00:00+00:00") in the ISO form the domain writes. */
const iso = (d: Date | string | null) => (d === null ? undefined : (d instanceof Date ? d : new Date(d)).toISOString());

/** Each table's rows of the content of some contracts, in the order they were written. */
interface ContentRows {
  contracts: Row[]; buyers: Row[]; headers: Row[]; offers: Row[]; items: Row[]; rules: Row[]; termBuyers: Row[];
  centers: Row[]; properties: Row[]; lines: Row[]; attachments: Row[]; contacts: Row[];
}

/**
 * Buyers, typed terms, attachments, contacts and profile extras of the given contracts, exactly as
 * written, in one round trip: for the few contracts a request reads. Contracts that do not exist
 * are absent. Decimals come back as the decimal strings that were written ("18.40" stays "18.40").
 */
export async function readContractContent(q: Queryable, contractIds: string[]): Promise<Map<string, ContractContent>> {
  return (await readContractContentWithRows(q, contractIds)).content;
}

export interface ContentOptions {
  /**
   * False: every custom price list is read without its offers (an empty list), for a reader that
   * never looks at them (a workflow's input): they are most of a contract's rows.
   */
  offers?: boolean;
}

/**
 * The same round trip, also answering the contracts rows with further columns of them
 * (`contractColumns`: a select list over `c`, the contracts table, that names `c.id`), e.g. the
 * whole row, so that a request reads a contract in one query. JSON carries timestamps as strings.
 */
export async function readContractContentWithRows(
  q: Queryable, contractIds: string[], contractColumns = 'c.id', { offers = true }: ContentOptions = {},
): Promise<{ content: Map<string, ContractContent>; contracts: Row[] }> {
  if (contractIds.length === 0) return { content: new Map(), contracts: [] };
  const [row] = (await q.query(contentSql(contractColumns, offers), [[...new Set(contractIds)]])) as [Record<string, Row[]>];
  return { content: assembleContent({ ...(row as unknown as ContentRows), termBuyers: row.term_buyers! }), contracts: row.contracts! };
}

/**
 * The same content for a batch of many contracts (the checkout snapshot): a query per table, read
 * as Postgres sends the rows. One JSON value per table took a third more time and memory there.
 */
export async function readContractContentInBulk(q: Queryable, contractIds: string[]): Promise<Map<string, ContractContent>> {
  if (contractIds.length === 0) return new Map();
  const ids = [...new Set(contractIds)];
  const run = (sql: string) => () => q.query(sql, [ids]) as Promise<Row[]>;
  const tables = Object.keys(TABLE_SQL) as (keyof ContentRows)[];
  const rows = await runAll(q, tables.map((table) => run(`${TABLE_SQL[table].select} ORDER BY ${TABLE_SQL[table].orderBy}`)));
  return assembleContent(Object.fromEntries(tables.map((table, i) => [table, rows[i]])) as unknown as ContentRows);
}

const CHILD_WHERE = 'WHERE contract_id = ANY($1::uuid[])';
const BY_TERM = 'contract_id, term_seq, position';

/** The content's tables: which rows of the given contracts ($1), in which order. */
const TABLE_SQL: Record<keyof ContentRows, { select: string; orderBy: string }> = {
  contracts: { select: 'SELECT id, force_contract_price, descriptions FROM contracts WHERE id = ANY($1::uuid[])', orderBy: 'id' },
  buyers: { select: `SELECT contract_id, position, organization_dn, member_group, starts_at, ends_at, active FROM contract_buyers ${CHILD_WHERE}`, orderBy: 'contract_id, position' },
  headers: { select: `SELECT t.contract_id, ${TERM_HEADER_COLUMNS} FROM contract_terms t WHERE t.contract_id = ANY($1::uuid[])`, orderBy: 'contract_id, "sequenceNumber"' },
  offers: { select: `SELECT contract_id, term_seq, position, sku, currency::text AS currency, price::text AS price, min_quantity, max_quantity, precedence FROM contract_price_offers ${CHILD_WHERE}`, orderBy: BY_TERM },
  items: { select: `SELECT contract_id, term_seq, position, kind, code, action, signed_percentage::text AS signed_percentage FROM contract_product_set_items ${CHILD_WHERE}`, orderBy: BY_TERM },
  rules: { select: `SELECT contract_id, term_seq, position, item_code, rule, scope_kind, scope_value FROM contract_price_rules ${CHILD_WHERE}`, orderBy: BY_TERM },
  termBuyers: { select: `SELECT contract_id, term_seq, position, organization_dn FROM contract_term_buyers ${CHILD_WHERE}`, orderBy: BY_TERM },
  centers: { select: `SELECT contract_id, term_seq, position, code FROM contract_fulfillment_centers ${CHILD_WHERE}`, orderBy: BY_TERM },
  properties: { select: `SELECT contract_id, term_seq, position, name, value FROM contract_term_properties ${CHILD_WHERE}`, orderBy: BY_TERM },
  lines: { select: `SELECT contract_id, term_seq, position, sku, quantity FROM contract_quantity_lines ${CHILD_WHERE}`, orderBy: BY_TERM },
  attachments: { select: `SELECT contract_id, position, uri, mime_type, description FROM contract_attachments ${CHILD_WHERE}`, orderBy: 'contract_id, position' },
  contacts: { select: `SELECT contract_id, position, name, email, role FROM contract_contacts ${CHILD_WHERE}`, orderBy: 'contract_id, position' },
};

/**
 * One row whose columns are the tables' rows as JSON arrays. Decimals are cast to text inside, so
 * they keep the digits that were written; integers, booleans and jsonb come back as they are.
 */
function contentSql(contractColumns: string, offers: boolean): string {
  const key = `${offers}:${contractColumns}`;
  let sql = CONTENT_SQL.get(key);
  if (sql === undefined) {
    sql = `SELECT ${(Object.keys(TABLE_SQL) as (keyof ContentRows)[]).map((table) => {
      if (table === 'offers' && !offers) return `'[]'::json AS offers`;
      const { orderBy } = TABLE_SQL[table];
      const select = table === 'contracts'
        ? `SELECT c.force_contract_price, c.descriptions, ${contractColumns} FROM contracts c WHERE c.id = ANY($1::uuid[])`
        : TABLE_SQL[table].select;
      const ordered = orderBy.split(', ').map((column) => `r.${column}`).join(', ');
      return `(SELECT coalesce(json_agg(r ORDER BY ${ordered}), '[]'::json) FROM (${select}) r) AS ${table === 'termBuyers' ? 'term_buyers' : table}`;
    }).join(',\n  ')}`;
    CONTENT_SQL.set(key, sql);
  }
  return sql;
}
/** The statement per contracts select list and offers choice (a constant or two in practice). */
const CONTENT_SQL = new Map<string, string>();

function assembleContent({ contracts, buyers, headers, offers, items, rules, termBuyers, centers, properties, lines, attachments, contacts }: ContentRows): Map<string, ContractContent> {
  const result = new Map<string, ContractContent>();
  const children = {
    offers: byTerm(offers), items: byTerm(items), rules: byTerm(rules), termBuyers: byTerm(termBuyers),
    centers: byTerm(centers), properties: byTerm(properties), lines: byTerm(lines),
  };
  const buyersOf = byContract(buyers);
  const headersOf = byContract(headers);
  const attachmentsOf = byContract(attachments);
  const contactsOf = byContract(contacts);
  for (const c of contracts) {
    result.set(c.id, {
      buyers: (buyersOf.get(c.id) ?? []).map((b) => ({
        ...opt('organization', b.organization_dn), ...opt('memberGroup', b.member_group),
        ...opt('startsAt', iso(b.starts_at)), ...opt('endsAt', iso(b.ends_at)), active: b.active,
      })),
      terms: (headersOf.get(c.id) ?? []).map((h) => termFromRows(c.id, h as unknown as TermHeader, children)),
      attachments: (attachmentsOf.get(c.id) ?? []).map((a) => ({ uri: a.uri, mimeType: a.mime_type, ...opt('description', a.description) })),
      contacts: (contactsOf.get(c.id) ?? []).map((k) => ({ name: k.name, ...opt('email', k.email), ...opt('role', k.role) })),
      forceContractPrice: c.force_contract_price,
      ...opt('descriptions', c.descriptions),
    });
  }
  return result;
}

/** In parallel on pooled connections; one after the other on a transaction's single connection (pg refuses overlapping queries there). */
async function runAll(q: Queryable, queries: (() => Promise<Row[]>)[]): Promise<Row[][]> {
  if (!(q as EntityManager).queryRunner) return Promise.all(queries.map((run) => run()));
  const results: Row[][] = [];
  for (const run of queries) results.push(await run());
  return results;
}

function termFromRows(contractId: string, h: TermHeader, children: Record<string, Map<string, Row[]>>): TypedContractTerm {
  const shape = shapeOf(h.type);
  const term = fromHeader(h);
  const key = `${contractId}/${h.sequenceNumber}`;
  const rowsOf = (name: string) => children[name].get(key) ?? [];

  const buyers = rowsOf('termBuyers');
  if (buyers.length) term.buyers = buyers.map((b) => b.organization_dn);
  if (shape.productSet) {
    const set = rowsOf('items');
    if (set.length || shape.productSet === 'required') term.productSet = productSetFromRows(set);
  }
  switch (shape.list) {
    case 'offers':
      term.offers = rowsOf('offers').map((o) => ({
        sku: o.sku, price: o.price, currency: o.currency,
        ...opt('minQuantity', o.min_quantity), ...opt('maxQuantity', o.max_quantity), ...opt('precedence', o.precedence),
      }));
      break;
    case 'filters':
      term.filters = rowsOf('items').map((f) => ({ action: f.action, [f.kind]: f.code, ...opt('signedPercentage', f.signed_percentage) }));
      break;
    case 'rules':
      term.rules = rowsOf('rules').map((r) => ({
        itemCode: r.item_code, rule: r.rule,
        ...(r.scope_kind ? { [r.scope_kind === 'customer' ? 'customerId' : r.scope_kind === 'customerGroup' ? 'customerGroupId' : 'priceRuleGroup']: r.scope_value } : {}),
      }));
      break;
    case 'fulfillmentCenters':
      term.fulfillmentCenters = rowsOf('centers').map((c) => c.code);
      break;
    case 'properties':
      term.properties = Object.fromEntries(rowsOf('properties').map((p) => [p.name, p.value]));
      break;
    case 'lines':
      term.lines = rowsOf('lines').map((l) => ({ sku: l.sku, quantity: l.quantity }));
      break;
  }
  return term as unknown as TypedContractTerm;
}

function productSetFromRows(rows: Row[]): ProductSetRef {
  const set: ProductSetRef = {};
  const name = rows.find((r) => r.kind === 'set');
  if (name) set.name = name.code;
  const skus = rows.filter((r) => r.kind === 'sku').map((r) => r.code);
  const categories = rows.filter((r) => r.kind === 'category').map((r) => r.code);
  if (skus.length) set.skus = skus;
  if (categories.length) set.categories = categories;
  return set;
}
