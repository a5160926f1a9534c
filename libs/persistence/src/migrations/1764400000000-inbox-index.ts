import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The approval inbox: pending contracts come from a small partial index (only rows waiting for
 * approval), and the submission time of each from a partial index over the history lines that
 * entered PENDING_APPROVAL (reminders and escalations also write history lines and move
 * updated_at, so updated_at is not the submission time).
 */
export class InboxIndex1764400000000 implements MigrationInterface {
  name = 'InboxIndex1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contracts_pending_idx ON contracts (id) INCLUDE (owner, submitted_by)
      WHERE status = 'PENDING_APPROVAL' AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX contract_history_submitted_idx ON contract_history (contract_id, at DESC)
      WHERE to_status = 'PENDING_APPROVAL' AND from_status IS DISTINCT FROM 'PENDING_APPROVAL'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contract_history_submitted_idx`);
    await q.query(`DROP INDEX IF EXISTS contracts_pending_idx`);
  }
}
