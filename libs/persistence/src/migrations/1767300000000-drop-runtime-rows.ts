import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * runtime_entitlements and runtime_price_offers go. Each deploy copied a contract's buyers and
 * offers into them, and nothing read them: checkout compiles its snapshot from the content tables
 * (deployed-contracts.loader.ts), which hold every term, not only offers and buyers. On an import
 * of 5,000 Active contracts of 100 offers each, building them took Postgres 8.4 s of the deploys'
 * statement time (500,000 rows with their keys and foreign keys). A deploy is its
 * contract_deployments row and the contract's ACTIVE status.
 *
 * down() creates them again and fills them for the deployed contracts, as the deploy step did.
 */
export class DropRuntimeRows1767300000000 implements MigrationInterface {
  name = 'DropRuntimeRows1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE runtime_price_offers`);
    await q.query(`DROP TABLE runtime_entitlements`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runtime_entitlements (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        position int NOT NULL,
        organization_dn text,
        member_group text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        active boolean NOT NULL,
        PRIMARY KEY (contract_id, position),
        CHECK (num_nonnulls(organization_dn, member_group) = 1)
      )`);
    await q.query(`CREATE INDEX runtime_entitlements_org_idx ON runtime_entitlements (organization_dn) WHERE organization_dn IS NOT NULL`);
    await q.query(`CREATE INDEX runtime_entitlements_group_idx ON runtime_entitlements (member_group) WHERE member_group IS NOT NULL`);
    await q.query(`
      CREATE TABLE runtime_price_offers (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        term_seq int NOT NULL,
        position int NOT NULL,
        sku text NOT NULL,
        currency char(3) NOT NULL,
        price pactum_decimal NOT NULL,
        min_quantity int,
        max_quantity int,
        precedence int,
        term_buyers text[],
        contract_starts_at timestamptz NOT NULL,
        contract_ends_at timestamptz NOT NULL,
        PRIMARY KEY (contract_id, term_seq, position)
      )`);
    await q.query(`CREATE INDEX runtime_price_offers_sku_idx ON runtime_price_offers (contract_id, sku, currency)`);
    const deployed = `SELECT c.id FROM contracts c JOIN contract_deployments d ON d.contract_id = c.id WHERE c.status IN ('ACTIVE', 'SUSPENDED')`;
    await q.query(`
      INSERT INTO runtime_entitlements (contract_id, position, organization_dn, member_group, starts_at, ends_at, active)
      SELECT b.contract_id, b.position, b.organization_dn, b.member_group,
        GREATEST(c.starts_at, coalesce(b.starts_at, c.starts_at)), LEAST(c.ends_at, coalesce(b.ends_at, c.ends_at)), b.active
      FROM contract_buyers b JOIN contracts c ON c.id = b.contract_id
      WHERE b.contract_id IN (${deployed})`);
    await q.query(`
      INSERT INTO runtime_price_offers (contract_id, term_seq, position, sku, currency, price, min_quantity, max_quantity, precedence,
        term_buyers, contract_starts_at, contract_ends_at)
      SELECT o.contract_id, o.term_seq, o.position, o.sku, o.currency, o.price, o.min_quantity, o.max_quantity, o.precedence,
        tb.buyers, c.starts_at, c.ends_at
      FROM contract_price_offers o JOIN contracts c ON c.id = o.contract_id
        LEFT JOIN (SELECT contract_id, term_seq, array_agg(organization_dn ORDER BY position) AS buyers FROM contract_term_buyers
                    GROUP BY contract_id, term_seq) tb ON tb.contract_id = o.contract_id AND tb.term_seq = o.term_seq
      WHERE o.contract_id IN (${deployed})`);
  }
}
