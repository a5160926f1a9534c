import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Out-of-office delegation of approvals, contract requests from buyers (with the seller's
 * address and the representative who owns the drafts they become), and a lookup index for the
 * approvers of a seller.
 */
export class DelegationsAndContractRequests1764500000000 implements MigrationInterface {
  name = 'DelegationsAndContractRequests1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_delegations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delegator text NOT NULL REFERENCES users (username),
        delegate text NOT NULL REFERENCES users (username),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK (starts_at < ends_at),
        CHECK (delegator <> delegate)
      )`);
    await q.query(`CREATE INDEX approval_delegations_delegator_idx ON approval_delegations (delegator, ends_at) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX approval_delegations_delegate_idx ON approval_delegations (delegate, ends_at) WHERE revoked_at IS NULL`);

    await q.query(`ALTER TABLE organizations ADD COLUMN contract_request_email text`);
    await q.query(`ALTER TABLE organizations ADD COLUMN contract_request_owner text`);
    await q.query(`
      CREATE TABLE contract_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_dn text NOT NULL,
        buyer_dn text NOT NULL,
        customer_name text NOT NULL,
        requested_by text NOT NULL,
        message text,
        customer_number text,
        currency char(3),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        state_seq int NOT NULL DEFAULT 0,
        contract_id uuid REFERENCES contracts (id),
        decided_by text,
        decided_at timestamptz,
        decline_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contract_requests_seller_idx ON contract_requests (seller_dn, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS contract_requests`);
    await q.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS contract_request_owner`);
    await q.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS contract_request_email`);
    await q.query(`DROP TABLE IF EXISTS approval_delegations`);
  }
}
