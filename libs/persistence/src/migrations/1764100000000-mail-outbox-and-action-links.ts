import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Mail outbox (one row per notification, sent once) and the single-use record of action links. */
export class MailOutboxAndActionLinks1764100000000 implements MigrationInterface {
  name = 'MailOutboxAndActionLinks1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        mail_key text PRIMARY KEY,
        kind text,
        sender text,
        recipients text[] NOT NULL CHECK (cardinality(recipients) > 0),
        subject text NOT NULL,
        html_body text NOT NULL,
        text_body text NOT NULL,
        message_id text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        sent_at timestamptz,
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX mail_outbox_queued_idx ON mail_outbox (created_at) WHERE status = 'queued'`);

    await q.query(`
      CREATE TABLE action_link_uses (
        nonce text PRIMARY KEY,
        used_at timestamptz NOT NULL DEFAULT now(),
        used_by text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS action_link_uses`);
    await q.query(`DROP TABLE IF EXISTS mail_outbox`);
  }
}
