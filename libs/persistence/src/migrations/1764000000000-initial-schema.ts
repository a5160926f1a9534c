import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, accounts, catalogue, users, contracts with buyers and terms, audit, deployments. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dn text NOT NULL,
        name text NOT NULL,
        parent_dn text,
        requires_contract_approval boolean NOT NULL DEFAULT true,
        mirrored boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX organizations_dn_key ON organizations (dn)`);

    await q.query(`
      CREATE TABLE business_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        seller_dn text NOT NULL,
        buyer_dn text NOT NULL,
        mirrored boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT business_accounts_name_seller_key UNIQUE (name, seller_dn)
      )`);

    await q.query(`
      CREATE TABLE products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        list_price numeric(18,6) NOT NULL CHECK (list_price >= 0),
        currency char(3) NOT NULL,
        categories text[] NOT NULL DEFAULT '{}'
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        display_name text,
        email text,
        organization_dn text,
        is_demo boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        origin text NOT NULL DEFAULT 'Manual',
        seller_dn text NOT NULL,
        version_major int NOT NULL DEFAULT 1,
        version_minor int NOT NULL DEFAULT 0,
        status text NOT NULL,
        description text,
        currency char(3) NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        is_base boolean NOT NULL DEFAULT false,
        base_contract_id uuid REFERENCES contracts(id),
        account_name text,
        comment text,
        credit_allowed boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        owner text NOT NULL,
        submitted_by text,
        workflow_id text NOT NULL,
        state_seq int NOT NULL DEFAULT 1,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contracts_unique_key UNIQUE (code, origin, seller_dn, version_major, version_minor),
        CONSTRAINT contracts_dates_check CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX contracts_status_idx ON contracts (status) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX contracts_owner_idx ON contracts (owner, created_at DESC)`);
    await q.query(`CREATE INDEX contracts_created_idx ON contracts (created_at DESC, id)`);

    await q.query(`
      CREATE TABLE contract_buyers (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        organization_dn text NOT NULL,
        position int NOT NULL,
        starts_at timestamptz,
        ends_at timestamptz,
        active boolean NOT NULL DEFAULT true,
        PRIMARY KEY (contract_id, organization_dn)
      )`);
    await q.query(`CREATE INDEX contract_buyers_org_idx ON contract_buyers (organization_dn)`);

    await q.query(`
      CREATE TABLE contract_terms (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        sequence_number int NOT NULL,
        type text NOT NULL,
        parameters jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (contract_id, sequence_number)
      )`);

    await q.query(`
      CREATE TABLE contract_history (
        id bigserial PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        seq int NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        detail jsonb,
        CONSTRAINT contract_history_contract_seq_key UNIQUE (contract_id, seq)
      )`);
    // The audit trail is append-only: the database itself refuses to change or remove a line.
    await q.query(`
      CREATE FUNCTION contract_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'contract_history is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER contract_history_no_update_delete BEFORE UPDATE OR DELETE ON contract_history
      FOR EACH ROW EXECUTE FUNCTION contract_history_append_only()`);

    await q.query(`
      CREATE TABLE contract_deployments (
        contract_id uuid PRIMARY KEY REFERENCES contracts(id),
        deployed_at timestamptz NOT NULL,
        deploy_seq int NOT NULL,
        terms_count int NOT NULL,
        buyers_count int NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract_deployments`);
    await q.query(`DROP TABLE contract_history`);
    await q.query(`DROP FUNCTION contract_history_append_only()`);
    await q.query(`DROP TABLE contract_terms`);
    await q.query(`DROP TABLE contract_buyers`);
    await q.query(`DROP TABLE contracts`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE business_accounts`);
    await q.query(`DROP TABLE organizations`);
  }
}
