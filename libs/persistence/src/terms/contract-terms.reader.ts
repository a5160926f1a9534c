import type { DataSource, EntityManager } from 'typeorm';
import type { ProductSetRef, TypedContractTerm } from '../../../domain/src/terms/term-parameters';
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
const iso = (d: Date | null) => (d ? d.toISOString() : undefined);

/**
 * Buyers, typed terms, attachments, contacts and profile extras of the given contracts, exactly as
 * written: twelve queries whatever the number of contracts. Contracts that do not exist are absent.
 * Decimals come back as the decimal strings that were written ("18.40" stays "18.40").
 */
export async function readContractContent(q: Queryable, contractIds: string[]): Promise<Map<string, ContractContent>> {
  const result = new Map<string, ContractContent>();
  if (contractIds.length === 0) return result;
  const ids = [...new Set(contractIds)];
  const where = `WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id, term_seq, position`;
  const run = (sql: string) => () => q.query(sql, [ids]) as Promise<Row[]>;
  const [contracts, buyers, headers, offers, items, rules, termBuyers, centers, properties, lines, attachments, contacts] = await runAll(q, [
    run(`SELECT id, force_contract_price, descriptions FROM contracts WHERE id = ANY($1::uuid[])`),
    run(`SELECT contract_id, organization_dn, member_group, starts_at, ends_at, active FROM contract_buyers WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id, position`),
    run(`SELECT t.contract_id, ${TERM_HEADER_COLUMNS} FROM contract_terms t WHERE t.contract_id = ANY($1::uuid[]) ORDER BY t.contract_id, t.sequence_number`),
    run(`SELECT contract_id, term_seq, sku, currency::text AS currency, price::text AS price, min_quantity, max_quantity, precedence FROM contract_price_offers ${where}`),
    run(`SELECT contract_id, term_seq, kind, code, action, signed_percentage::text AS signed_percentage FROM contract_product_set_items ${where}`),
    run(`SELECT contract_id, term_seq, item_code, rule, scope_kind, scope_value FROM contract_price_rules ${where}`),
    run(`SELECT contract_id, term_seq, organization_dn FROM contract_term_buyers ${where}`),
    run(`SELECT contract_id, term_seq, code FROM contract_fulfillment_centers ${where}`),
    run(`SELECT contract_id, term_seq, name, value FROM contract_term_properties ${where}`),
    run(`SELECT contract_id, term_seq, sku, quantity FROM contract_quantity_lines ${where}`),
    run(`SELECT contract_id, uri, mime_type, description FROM contract_attachments WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id, position`),
    run(`SELECT contract_id, name, email, role FROM contract_contacts WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id, position`),
  ]);

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
