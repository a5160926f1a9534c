import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops contract_price_offers_sku_idx (contract_id, sku). Every read of the table names the
 * contract (a contract's content, its export, its runtime rows at deploy, the inbox's offer count),
 * which the primary key (contract_id, term_seq, position) serves; checkout looks offers up by SKU
 * in runtime_price_offers, not here. The index only cost every imported offer one more B-tree insert.
 */
export class PriceOffersSkuIndex1767000000000 implements MigrationInterface {
  name = 'PriceOffersSkuIndex1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contract_price_offers_sku_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS contract_price_offers_sku_idx ON contract_price_offers (contract_id, sku)`);
  }
}
