import type { DataSource, EntityManager } from 'typeorm';
import type { TypedContractTerm } from '@pactum/domain';
import { fromHeader, insertBatch, shapeOf, TERM_HEADER_COLUMNS, TERM_HEADER_INSERT, toHeader, type TermHeader } from './term-columns';

/**
 * Business-account terms (shipping charge, payment, order approval, extended terms…) apply to all
 * of the account's contracts. They are header-only: types whose parameters live in child tables
 * (offers, filters, rules, product sets, fulfilment centres, quantity lines), a shipping charge
 * adjustment's product set and term buyers are refused; TermCondition keeps its properties in jsonb.
 */
export type AccountTerm = TypedContractTerm;

type Queryable = Pick<EntityManager | DataSource, 'query'>;

/** Replaces all terms of an account (delete-then-insert in the caller's transaction: running it twice leaves one set). */
export async function writeAccountTerms(m: EntityManager, accountId: string, terms: readonly AccountTerm[]): Promise<void> {
  const headers: TermHeader[] = [];
  const properties: (string | null)[] = [];
  for (const term of terms) {
    const shape = shapeOf(term.type);
    if (shape.productSet === 'required' || (shape.list && shape.list !== 'properties')) {
      throw new Error(`term ${term.sequenceNumber} (${term.type}): this term type cannot be an account term`);
    }
    headers.push(toHeader(term, shape.list === 'properties' ? ['properties'] : []));
    properties.push(term.type === 'TermCondition' ? JSON.stringify(term.properties ?? {}) : null);
  }
  await m.query(`DELETE FROM account_terms WHERE account_id = $1`, [accountId]);
  await insertBatch(m, {
    table: 'account_terms',
    fixed: [['account_id', 'uuid', accountId]],
    columns: [
      ...TERM_HEADER_INSERT.map(([column, type, field]): [string, string, unknown[]] =>
        [column, type, headers.map((h) => (field === 'descriptions' && h.descriptions ? JSON.stringify(h.descriptions) : h[field]))]),
      ['properties', 'jsonb', properties],
    ],
  }, '');
}

/** Terms of the given accounts, by account id, in sequence order: one query. Accounts without terms are absent. */
export async function readAccountTerms(q: Queryable, accountIds: string[]): Promise<Map<string, AccountTerm[]>> {
  const result = new Map<string, AccountTerm[]>();
  if (accountIds.length === 0) return result;
  const rows: (TermHeader & { account_id: string; properties: Record<string, string> | null })[] = await q.query(
    `SELECT t.account_id, ${ACCOUNT_TERM_COLUMNS} FROM account_terms t
     WHERE t.account_id = ANY($1::uuid[]) ORDER BY t.account_id, t.sequence_number`,
    [[...new Set(accountIds)]],
  );
  for (const row of rows) {
    const list = result.get(row.account_id) ?? [];
    list.push(accountTermFromRow(row));
    result.set(row.account_id, list);
  }
  return result;
}

/** The select list of an account term's row (`t` is account_terms): the term header and its properties. */
export const ACCOUNT_TERM_COLUMNS = `${TERM_HEADER_COLUMNS}, t.properties`;

/** An account term from its row (read with ACCOUNT_TERM_COLUMNS, directly or as JSON). */
export function accountTermFromRow(row: TermHeader & { properties: Record<string, string> | null }): AccountTerm {
  const term = fromHeader(row);
  if (row.type === 'TermCondition') term.properties = row.properties ?? {};
  return term as unknown as AccountTerm;
}
