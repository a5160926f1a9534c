import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * checkout_orders.answer becomes `json` (the text as given) instead of `jsonb`. Every commit
 * writes its answer once and a replay sends it back as it is: jsonb converted each answer to its
 * binary form on the way in and back to text on the way out, for no reader that needs it (the
 * returns read `answer->'lines'`, which json serves too). A replay is now the first answer byte
 * for byte.
 */
export class CheckoutAnswerJson1767100000000 implements MigrationInterface {
  name = 'CheckoutAnswerJson1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE checkout_orders ALTER COLUMN answer TYPE json USING answer::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE checkout_orders ALTER COLUMN answer TYPE jsonb USING answer::jsonb`);
  }
}
