import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices queued by the lifecycle step that causes them, in the step's own transaction (workflow
 * v4). The worker's notice dispatcher turns each into mail; `done_at` marks it handled, and
 * `claimed_at` keeps two workers from handling one notice at once (and retries a stale claim).
 * `task_queue` is the queue of the worker that recorded the step: that deployment's workers mail it
 * (several deployments, e.g. test runs, may share one database).
 */
export class ContractNotices1764700000000 implements MigrationInterface {
  name = 'ContractNotices1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE contract_notices (
      key text PRIMARY KEY,
      task_queue text NOT NULL,
      contract_id text NOT NULL,
      seq integer NOT NULL,
      kind text NOT NULL,
      actor text,
      reason text,
      queued_at timestamptz NOT NULL DEFAULT now(),
      claimed_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      done_at timestamptz
    )`);
    await q.query(`CREATE INDEX contract_notices_waiting_idx ON contract_notices (task_queue, queued_at) WHERE done_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS contract_notices`);
  }
}
