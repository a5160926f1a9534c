import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk XML import jobs. The uploaded file lives in Postgres (import_job_parts, bytea
 * pieces of PART_BYTES, see imports.service.ts), so any API process can receive it and any worker, on any machine, can read it.
 * import_job_results holds one row per Account/BuyerContract of the file, written in the same
 * transaction as the contract itself: it is both the per-contract outcome and the resume point.
 */
export class ImportJobs1764300000000 implements MigrationInterface {
  name = 'ImportJobs1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('UPLOADING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL')),
        dry_run boolean NOT NULL DEFAULT false,
        create_missing boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        file_bytes bigint NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        records_done int NOT NULL DEFAULT 0,
        workflows_started int NOT NULL DEFAULT 0,
        fatal_errors jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE import_job_parts (
        job_id uuid NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
        seq int NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (job_id, seq)
      )`);
    await q.query(`
      CREATE TABLE import_job_results (
        job_id uuid NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
        record_index int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('contract', 'account', 'error')),
        outcome text NOT NULL CHECK (outcome IN ('created', 'updated', 'unchanged', 'failed')),
        code text,
        contract_id uuid,
        line int NOT NULL,
        price_lines int NOT NULL DEFAULT 0,
        errors jsonb,
        workflow_pending boolean NOT NULL DEFAULT false,
        PRIMARY KEY (job_id, record_index)
      )`);
    await q.query(`CREATE INDEX import_job_results_pending_idx ON import_job_results (job_id, record_index) WHERE workflow_pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS import_job_results`);
    await q.query(`DROP TABLE IF EXISTS import_job_parts`);
    await q.query(`DROP TABLE IF EXISTS import_jobs`);
  }
}
