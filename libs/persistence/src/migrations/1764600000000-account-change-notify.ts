import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change to a business account (its terms, its credit flag, its name) changes the checkout
 * terms of every live contract of that account. Triggers announce each such contract on the
 * channel the API's checkout snapshot already listens on (pactum_contracts, payload: contract id),
 * so every writer (API, importer, CLI, a hand-run SQL fix) reaches checkout within the second.
 * Postgres folds identical notifications of one transaction into one, so replacing all terms of
 * an account (delete + insert) announces each contract once, at commit.
 */
export class AccountChangeNotify1764600000000 implements MigrationInterface {
  name = 'AccountChangeNotify1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contracts_account_idx ON contracts (account_name, seller_dn) WHERE deleted_at IS NULL AND account_name IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION pactum_notify_account_contracts(p_name text, p_seller text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF p_name IS NULL THEN RETURN; END IF;
        PERFORM pg_notify('pactum_contracts', c.id::text) FROM contracts c
          WHERE c.account_name = p_name AND c.seller_dn = p_seller AND c.deleted_at IS NULL AND c.status IN ('ACTIVE', 'SUSPENDED');
      END $$`);
    await q.query(`
      CREATE FUNCTION pactum_account_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE a record;
      BEGIN
        FOR a IN SELECT name, seller_dn FROM business_accounts WHERE id IN (OLD.account_id, NEW.account_id) LOOP
          PERFORM pactum_notify_account_contracts(a.name, a.seller_dn);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER account_terms_notify_checkout AFTER INSERT OR UPDATE OR DELETE ON account_terms
        FOR EACH ROW EXECUTE FUNCTION pactum_account_terms_changed()`);
    await q.query(`
      CREATE FUNCTION pactum_business_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pactum_notify_account_contracts(OLD.name, OLD.seller_dn);
        PERFORM pactum_notify_account_contracts(NEW.name, NEW.seller_dn);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER business_accounts_notify_checkout AFTER INSERT OR DELETE OR UPDATE OF name, seller_dn, credit_allowed ON business_accounts
        FOR EACH ROW EXECUTE FUNCTION pactum_business_account_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER business_accounts_notify_checkout ON business_accounts`);
    await q.query(`DROP FUNCTION pactum_business_account_changed()`);
    await q.query(`DROP TRIGGER account_terms_notify_checkout ON account_terms`);
    await q.query(`DROP FUNCTION pactum_account_terms_changed()`);
    await q.query(`DROP FUNCTION pactum_notify_account_contracts(text, text)`);
    await q.query(`DROP INDEX contracts_account_idx`);
  }
}
