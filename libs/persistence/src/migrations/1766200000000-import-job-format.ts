import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an import job reads: a Package (`xml`) or one of the three spreadsheet files
 * (docs/csv-format.md). Jobs from before were all Packages.
 */
export class ImportJobFormat1766200000000 implements MigrationInterface {
  name = 'ImportJobFormat1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_jobs ADD COLUMN format text NOT NULL DEFAULT 'xml'
      CHECK (format IN ('xml', 'csv:contracts', 'csv:contract-buyers', 'csv:contract-products'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_jobs DROP COLUMN IF EXISTS format`);
  }
}
