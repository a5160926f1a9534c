import type { EntityManager } from 'typeorm';

/**
 * Writable CTEs (for a statement's WITH list) that remove the runtime rows of the contract whose id
 * is `idSql` (an SQL expression): a deploy's first statement, before insertRuntimeRows.
 */
export const removeRuntimeRowsCtes = (idSql: string): string =>
  `removed_entitlements AS (DELETE FROM runtime_entitlements WHERE contract_id = ${idSql}),
   removed_offers AS (DELETE FROM runtime_price_offers WHERE contract_id = ${idSql})`;

/**
 * Builds what checkout reads for a deployed contract version, in the caller's transaction, after
 * a statement that removed its old rows (removeRuntimeRowsCtes; removing and inserting them in one
 * statement would meet as conflicts):
 * - runtime_entitlements: one row per buyer (organisation or member group) with its effective
 *   window, i.e. the buyer's own dates clipped to the contract's dates, and its active flag;
 * - runtime_price_offers: every custom price-list offer with the contract's dates and the term's
 *   buyer restriction (term_buyers, NULL = all buyers).
 * Delete-then-insert: running both twice leaves one set. A base contract's offers are its own rows;
 * checkout joins them through contracts.base_contract_id. One statement for both tables.
 */
export async function insertRuntimeRows(m: EntityManager, contractId: string): Promise<void> {
  await m.query(
    `WITH entitlements AS (
       INSERT INTO runtime_entitlements (contract_id, position, organization_dn, member_group, starts_at, ends_at, active)
       SELECT b.contract_id, b.position, b.organization_dn, b.member_group,
         GREATEST(c.starts_at, coalesce(b.starts_at, c.starts_at)), LEAST(c.ends_at, coalesce(b.ends_at, c.ends_at)), b.active
       FROM contract_buyers b JOIN contracts c ON c.id = b.contract_id
       WHERE b.contract_id = $1
       ON CONFLICT DO NOTHING
     )
     INSERT INTO runtime_price_offers (contract_id, term_seq, position, sku, currency, price, min_quantity, max_quantity, precedence,
       term_buyers, contract_starts_at, contract_ends_at)
     SELECT o.contract_id, o.term_seq, o.position, o.sku, o.currency, o.price, o.min_quantity, o.max_quantity, o.precedence,
       tb.buyers, c.starts_at, c.ends_at
     FROM contract_price_offers o JOIN contracts c ON c.id = o.contract_id
       -- Each term's buyers aggregated once, not once per offer.
       LEFT JOIN (SELECT term_seq, array_agg(organization_dn ORDER BY position) AS buyers FROM contract_term_buyers
                   WHERE contract_id = $1 GROUP BY term_seq) tb ON tb.term_seq = o.term_seq
     WHERE o.contract_id = $1
     ON CONFLICT DO NOTHING`,
    [contractId],
  );
}

/** Removes the runtime rows of versions that no longer sell (closed, expired, cancelled, suspended). */
export async function removeRuntimeRows(m: EntityManager, contractIds: string[]): Promise<void> {
  if (contractIds.length === 0) return;
  await m.query(
    `WITH entitlements AS (DELETE FROM runtime_entitlements WHERE contract_id = ANY($1::uuid[]))
     DELETE FROM runtime_price_offers WHERE contract_id = ANY($1::uuid[])`,
    [contractIds],
  );
}
