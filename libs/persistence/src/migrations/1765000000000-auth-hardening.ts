import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens that stop working and logins that slow down:
 * - `users.token_version` goes up whenever a user's password, roles, organisation or active flag
 *   changes (a trigger, so a change made by hand in SQL counts too). A token carries the version it
 *   was issued with, and the API refuses one whose version is no longer the user's.
 * - `login_failures` counts failed logins per user and per address, for the growing delays before
 *   the next attempt is heard; it lives in Postgres so every API process sees the same counts.
 */
export class AuthHardening1765000000000 implements MigrationInterface {
  name = 'AuthHardening1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION pactum_users_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.roles IS DISTINCT FROM OLD.roles
           OR NEW.organization_dn IS DISTINCT FROM OLD.organization_dn OR NEW.active IS DISTINCT FROM OLD.active THEN
          NEW.token_version := OLD.token_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER users_token_version BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION pactum_users_token_version()`);
    await q.query(`
      CREATE TABLE login_failures (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`DROP TRIGGER users_token_version ON users`);
    await q.query(`DROP FUNCTION pactum_users_token_version()`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
