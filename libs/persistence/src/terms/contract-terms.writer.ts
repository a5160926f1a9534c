import type { EntityManager } from 'typeorm';
import type { CatalogFilter, PriceOffer, PriceRuleLine, ProductSetRef, QuantityCommitmentLine } from '@pactum/domain';
import type { ContractContentDraft } from './contract-content.types';
import { insertBatch, shapeOf, TERM_HEADER_INSERT, toHeader, type ColumnBatch } from './term-columns';

/** Column-wise rows of one child table; contract_id is a column, so one batch can hold several contracts. */
class Rows {
  readonly columns: [string, string, unknown[]][];
  private contractId = '';
  constructor(readonly table: string, columns: [name: string, pgType: string][]) {
    this.columns = [['contract_id', 'uuid', []], ...columns.map(([name, type]): [string, string, unknown[]] => [name, type, []])];
  }
  /** The contract the next rows belong to. */
  of(contractId: string): this {
    this.contractId = contractId;
    return this;
  }
  add(...values: unknown[]): void {
    this.columns[0][2].push(this.contractId);
    values.forEach((v, i) => this.columns[i + 1][2].push(v ?? null));
  }
  get size(): number {
    return this.columns[0][2].length;
  }
  batch(): ColumnBatch {
    return { table: this.table, fixed: [], columns: this.columns };
  }
}

const childColumns = (...cols: [string, string][]): [string, string][] => [['term_seq', 'int'], ['position', 'int'], ...cols];

/**
 * Writes a contract version's buyers, terms with all their child rows, attachments, contacts and
 * profile extras (force_contract_price, descriptions on the contracts row, which must exist).
 * Every row has a natural key and is inserted with ON CONFLICT DO NOTHING, so a retried activity
 * writes nothing twice. To replace content (edits), call deleteContractContent first in the same
 * transaction. Throws when a term carries a parameter that has no place for its type.
 */
export async function writeContractContent(m: EntityManager, contractId: string, draft: ContractContentDraft): Promise<void> {
  const batches = contentRowBatches([{ contractId, draft }]);
  await m.query(`UPDATE contracts SET force_contract_price = $2, descriptions = $3 WHERE id = $1`,
    [contractId, draft.forceContractPrice ?? false, draft.descriptions ? JSON.stringify(draft.descriptions) : null]);
  for (const b of batches) await insertBatch(m, b);
}

/**
 * The child-table rows of some contract versions, a batch per table that has any (buyers and
 * terms first: the other rows reference the terms). The profile extras (force_contract_price,
 * descriptions) belong on the contracts row and are not among them.
 */
export function contentRowBatches(versions: ReadonlyArray<{ contractId: string; draft: ContractContentDraft }>): ColumnBatch[] {
  const buyers = new Rows('contract_buyers', [['position', 'int'], ['organization_dn', 'text'], ['member_group', 'text'],
    ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'], ['active', 'boolean']]);
  const headerColumns: [string, string, unknown[]][] = [['contract_id', 'uuid', []], ...TERM_HEADER_INSERT.map(([column, type]): [string, string, unknown[]] => [column, type, []])];
  const offers = new Rows('contract_price_offers', childColumns(['sku', 'text'], ['currency', 'text'], ['price', 'numeric'],
    ['min_quantity', 'int'], ['max_quantity', 'int'], ['precedence', 'int']));
  const items = new Rows('contract_product_set_items', childColumns(['kind', 'text'], ['code', 'text'], ['action', 'text'], ['signed_percentage', 'numeric']));
  const rules = new Rows('contract_price_rules', childColumns(['item_code', 'text'], ['rule', 'text'], ['scope_kind', 'text'], ['scope_value', 'text']));
  const termBuyers = new Rows('contract_term_buyers', childColumns(['organization_dn', 'text']));
  const centers = new Rows('contract_fulfillment_centers', childColumns(['code', 'text']));
  const properties = new Rows('contract_term_properties', childColumns(['name', 'text'], ['value', 'text']));
  const lines = new Rows('contract_quantity_lines', childColumns(['sku', 'text'], ['quantity', 'int']));
  const attachments = new Rows('contract_attachments', [['position', 'int'], ['uri', 'text'], ['mime_type', 'text'], ['description', 'text']]);
  const contacts = new Rows('contract_contacts', [['position', 'int'], ['name', 'text'], ['email', 'text'], ['role', 'text']]);
  const children = [offers, items, rules, termBuyers, centers, properties, lines, attachments, contacts];

  for (const { contractId, draft } of versions) {
    buyers.of(contractId);
    children.forEach((rows) => rows.of(contractId));
    draft.buyers.forEach((b, i) => buyers.add(i, b.organization, b.memberGroup, b.startsAt, b.endsAt, b.active ?? true));
    for (const term of draft.terms) {
      const shape = shapeOf(term.type);
      const extra = ['buyers', ...(shape.productSet ? ['productSet'] : []), ...(shape.list ? [shape.list] : [])];
      const h = toHeader(term, extra);
      headerColumns[0][2].push(contractId);
      TERM_HEADER_INSERT.forEach(([, , field], i) => headerColumns[i + 1][2].push(field === 'descriptions' && h.descriptions ? JSON.stringify(h.descriptions) : h[field]));
      const t = term as unknown as Record<string, unknown>;
      const seq = term.sequenceNumber;
      ((t.buyers as string[] | undefined) ?? []).forEach((dn, i) => termBuyers.add(seq, i, dn));
      if (shape.productSet && t.productSet) addProductSet(items, seq, t.productSet as ProductSetRef);
      switch (shape.list) {
        case 'offers':
          ((t.offers as PriceOffer[] | undefined) ?? []).forEach((o, i) =>
            offers.add(seq, i, o.sku, o.currency, o.price, o.minQuantity, o.maxQuantity, o.precedence));
          break;
        case 'filters':
          ((t.filters as CatalogFilter[] | undefined) ?? []).forEach((f, i) => {
            if ((f.sku == null) === (f.category == null)) throw new Error(`term ${seq} (${term.type}): filters[${i}] needs exactly one of sku/category`);
            items.add(seq, i, f.sku != null ? 'sku' : 'category', f.sku ?? f.category, f.action, f.signedPercentage);
          });
          break;
        case 'rules':
          ((t.rules as PriceRuleLine[] | undefined) ?? []).forEach((r, i) => {
            const scopes = ([['customer', r.customerId], ['customerGroup', r.customerGroupId], ['priceRuleGroup', r.priceRuleGroup]] as const)
              .filter(([, v]) => v != null);
            if (scopes.length > 1) throw new Error(`term ${seq} (${term.type}): rules[${i}] has more than one scope`);
            rules.add(seq, i, r.itemCode, r.rule, scopes[0]?.[0], scopes[0]?.[1]);
          });
          break;
        case 'fulfillmentCenters':
          ((t.fulfillmentCenters as string[] | undefined) ?? []).forEach((code, i) => centers.add(seq, i, code));
          break;
        case 'properties':
          Object.entries((t.properties as Record<string, string> | undefined) ?? {}).forEach(([name, value], i) => properties.add(seq, i, name, value));
          break;
        case 'lines':
          ((t.lines as QuantityCommitmentLine[] | undefined) ?? []).forEach((l, i) => lines.add(seq, i, l.sku, l.quantity));
          break;
      }
    }

    (draft.attachments ?? []).forEach((a, i) => attachments.add(i, a.uri, a.mimeType, a.description));
    (draft.contacts ?? []).forEach((c, i) => contacts.add(i, c.name, c.email, c.role));
  }

  // Headers first: child rows reference them.
  const batches: ColumnBatch[] = [buyers.batch(), { table: 'contract_terms', fixed: [], columns: headerColumns }];
  for (const rows of children) {
    if (rows.size) batches.push(rows.batch());
  }
  return batches.filter((b) => b.columns[0][2].length > 0);
}

function addProductSet(items: Rows, seq: number, ps: ProductSetRef): void {
  let position = 0;
  if (ps.name != null) items.add(seq, position++, 'set', ps.name, null, null);
  for (const sku of ps.skus ?? []) items.add(seq, position++, 'sku', sku, null, null);
  for (const category of ps.categories ?? []) items.add(seq, position++, 'category', category, null, null);
}

/** Removes buyers, terms (child rows cascade), attachments and contacts: call before rewriting an edited draft. */
export async function deleteContractContent(m: EntityManager, contractId: string): Promise<void> {
  for (const table of ['contract_terms', 'contract_buyers', 'contract_attachments', 'contract_contacts']) {
    await m.query(`DELETE FROM ${table} WHERE contract_id = $1`, [contractId]);
  }
  await m.query(`UPDATE contracts SET force_contract_price = false, descriptions = NULL WHERE id = $1`, [contractId]);
}
