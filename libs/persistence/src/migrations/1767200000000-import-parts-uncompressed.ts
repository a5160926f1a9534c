import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * import_job_parts.data is stored out of line without compression (STORAGE EXTERNAL). Each part
 * of an upload was compressed with pglz as it was stored and decompressed on each of the import's
 * reads: measured on a 155 MB Package in 128 KiB parts, storing them took Postgres 1.9 CPU-s
 * compressed and 1.2 CPU-s uncompressed, on the way of every import (the upload is read as it
 * arrives). A part lives until its job ends, so the disk it takes (the file's size instead of
 * about an eighth of it) is short-lived.
 */
export class ImportPartsUncompressed1767200000000 implements MigrationInterface {
  name = 'ImportPartsUncompressed1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_job_parts ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_job_parts ALTER COLUMN data SET STORAGE EXTENDED`);
  }
}
