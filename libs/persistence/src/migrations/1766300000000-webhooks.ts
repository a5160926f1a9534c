import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed webhooks (issue 27).
 * - webhook_subscriptions: an endpoint, the event types it wants (`{*}`: all), an optional filter
 *   (seller, buyer, account), its signing secret (and the previous one during a rotation's grace
 *   period), its owner (mailed when it is disabled) and the task queue of the deployment that
 *   created it: only that deployment's workers deliver to it (test runs share one database).
 * - webhook_deliveries: one row per event and subscription, written by triggers in the transaction
 *   of the step that causes the event, so an event exists exactly when its step does. `scope` is
 *   what deliveries are ordered within (a contract, an import job); `id` orders them.
 * The triggers fan out to every subscription that wants the event, disabled ones too (they keep
 * their events until enabled again or deleted), and return at once when there is none, so a
 * deployment without webhooks pays one look at an empty table per history statement.
 */
export class Webhooks1766300000000 implements MigrationInterface {
  name = 'Webhooks1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner text NOT NULL,
        task_queue text NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        description text,
        filter_seller text,
        filter_buyer text,
        filter_account text,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        enabled boolean NOT NULL DEFAULT true,
        disabled_at timestamptz,
        disabled_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        scope text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        window_start timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, scope, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (subscription_id, id)`);

    // The event types of one history line; a submit straight to APPROVED (no approval needed) is both.
    await q.query(`
      CREATE FUNCTION pactum_webhook_step_types(action text, from_status text, to_status text) RETURNS text[]
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN action = 'create' THEN ARRAY['contract.created']
          WHEN action = 'expiringSoon' THEN ARRAY['contract.expiring_soon']
          WHEN action = 'delete' THEN ARRAY['contract.deleted']
          WHEN action = 'complete' THEN ARRAY['checkout.quantity.completed']
          WHEN from_status IS NOT DISTINCT FROM to_status THEN ARRAY[]::text[]
          WHEN to_status = 'PENDING_APPROVAL' THEN ARRAY['contract.submitted']
          WHEN to_status = 'APPROVED' AND from_status = 'DRAFT' THEN ARRAY['contract.submitted', 'contract.approved']
          WHEN to_status = 'APPROVED' THEN ARRAY['contract.approved']
          WHEN to_status = 'REJECTED' THEN ARRAY['contract.rejected']
          WHEN to_status = 'ACTIVE' AND from_status = 'SUSPENDED' THEN ARRAY['contract.resumed']
          WHEN to_status = 'ACTIVE' THEN ARRAY['contract.activated']
          WHEN to_status = 'SUSPENDED' THEN ARRAY['contract.suspended']
          WHEN to_status = 'EXPIRED' THEN ARRAY['contract.expired']
          WHEN to_status = 'CLOSED' THEN ARRAY['contract.closed']
          WHEN to_status = 'CANCELLED' THEN ARRAY['contract.cancelled']
          WHEN to_status = 'DEPLOYMENT_FAILED' THEN ARRAY['contract.deployment_failed']
          ELSE ARRAY[]::text[]
        END
      $$`);
    // Whether subscription s wants an event of type t about contract c (its filter fields).
    await q.query(`
      CREATE FUNCTION pactum_webhook_wants(s webhook_subscriptions, t text, contract_id uuid, seller_dn text, account_name text) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT (($1).events = '{*}' OR $2 = ANY (($1).events))
          AND (($1).filter_seller IS NULL OR ($1).filter_seller = $4)
          AND (($1).filter_account IS NULL OR ($1).filter_account = $5)
          AND (($1).filter_buyer IS NULL OR EXISTS (SELECT 1 FROM contract_buyers b WHERE b.contract_id = $3 AND b.organization_dn = ($1).filter_buyer))
      $$`);
    // Every lifecycle step writes one history line: its events are written by the same statement's
    // trigger, in the step's transaction, whoever wrote the line (workflow activity, importer, a deploy closing older versions).
    // The event id is derived from (contract, seq, type), so it is the same however often it is looked at.
    await q.query(`
      CREATE FUNCTION pactum_webhook_contract_steps() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE n int;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions) THEN RETURN NULL; END IF;
        INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, scope, occurred_at, data)
        SELECT s.id, e.event_id, e.type, e.contract_id::text, e.at, e.data
        FROM (
          SELECT md5(l.contract_id::text || '/' || l.seq || '/' || t.type)::uuid AS event_id, t.type, t.ord, l.contract_id, l.seq, l.at,
            c.seller_dn, c.account_name,
            jsonb_build_object('contract', jsonb_build_object('id', c.id, 'code', c.code, 'version', c.version_major || '.' || c.version_minor, 'status', l.to_status),
              'step', jsonb_build_object('seq', l.seq, 'action', l.action, 'actor', l.actor, 'fromStatus', l.from_status)) AS data
          FROM new_lines l
          JOIN contracts c ON c.id = l.contract_id
          CROSS JOIN LATERAL unnest(pactum_webhook_step_types(l.action, l.from_status, l.to_status)) WITH ORDINALITY AS t(type, ord)
        ) e
        JOIN webhook_subscriptions s ON pactum_webhook_wants(s, e.type, e.contract_id, e.seller_dn, e.account_name)
        ORDER BY e.contract_id, e.seq, e.ord, s.id;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN PERFORM pg_notify('pactum_webhooks', ''); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER webhook_contract_steps AFTER INSERT ON contract_history REFERENCING NEW TABLE AS new_lines
      FOR EACH STATEMENT EXECUTE FUNCTION pactum_webhook_contract_steps()`);

    // An import job ends: completed (SUCCEEDED, PARTIAL) or failed. Filtered subscriptions want
    // contracts of a seller, buyer or account, which an import as a whole is not.
    await q.query(`
      CREATE FUNCTION pactum_webhook_import_end() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE n int;
      BEGIN
        INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, scope, occurred_at, data)
        SELECT s.id, md5('import/' || NEW.id)::uuid, e.type, 'import:' || NEW.id, coalesce(NEW.finished_at, now()),
          jsonb_build_object('import', jsonb_build_object('id', NEW.id, 'status', NEW.status, 'dryRun', NEW.dry_run, 'createdBy', NEW.created_by))
        FROM (SELECT CASE WHEN NEW.status = 'FAILED' THEN 'import.failed' ELSE 'import.completed' END AS type) e
        JOIN webhook_subscriptions s ON (s.events = '{*}' OR e.type = ANY (s.events))
          AND s.filter_seller IS NULL AND s.filter_buyer IS NULL AND s.filter_account IS NULL
        ORDER BY s.id;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN PERFORM pg_notify('pactum_webhooks', ''); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER webhook_import_end AFTER UPDATE OF status ON import_jobs FOR EACH ROW
      WHEN (OLD.status IN ('UPLOADING', 'RUNNING') AND NEW.status IN ('SUCCEEDED', 'PARTIAL', 'FAILED'))
      EXECUTE FUNCTION pactum_webhook_import_end()`);

    // A right-to-buy cap's consumption crosses 80% or 100% of its limit (upwards; a return that
    // brings it below lets it cross again). The WHEN clause keeps the function off every other commit.
    await q.query(`
      CREATE FUNCTION pactum_webhook_right_to_buy() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE n int;
      BEGIN
        INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, scope, occurred_at, data)
        SELECT s.id, e.event_id, 'checkout.right_to_buy.threshold', NEW.contract_id::text, now(), e.data
        FROM (
          SELECT gen_random_uuid() AS event_id, p.pct, c.seller_dn, c.account_name,
            jsonb_build_object('contract', jsonb_build_object('id', c.id, 'code', c.code, 'version', c.version_major || '.' || c.version_minor, 'status', c.status),
              'rightToBuy', jsonb_build_object('threshold', p.pct, 'limit', NEW.limit_amount::text, 'consumed', NEW.consumed::text,
                'remaining', (NEW.limit_amount - NEW.consumed)::text, 'currency', NEW.currency)) AS data
          FROM (VALUES (80), (100)) AS p(pct) JOIN contracts c ON c.id = NEW.contract_id
          WHERE NEW.consumed * 100 >= NEW.limit_amount * p.pct AND OLD.consumed * 100 < OLD.limit_amount * p.pct
        ) e
        JOIN webhook_subscriptions s ON pactum_webhook_wants(s, 'checkout.right_to_buy.threshold', NEW.contract_id, e.seller_dn, e.account_name)
        ORDER BY e.pct, s.id;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN PERFORM pg_notify('pactum_webhooks', ''); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER webhook_right_to_buy AFTER UPDATE OF consumed ON checkout_right_to_buy FOR EACH ROW
      WHEN ((NEW.consumed * 100 >= NEW.limit_amount * 80 AND OLD.consumed * 100 < OLD.limit_amount * 80)
         OR (NEW.consumed >= NEW.limit_amount AND OLD.consumed < OLD.limit_amount))
      EXECUTE FUNCTION pactum_webhook_right_to_buy()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS webhook_right_to_buy ON checkout_right_to_buy`);
    await q.query(`DROP TRIGGER IF EXISTS webhook_import_end ON import_jobs`);
    await q.query(`DROP TRIGGER IF EXISTS webhook_contract_steps ON contract_history`);
    await q.query(`DROP FUNCTION IF EXISTS pactum_webhook_right_to_buy()`);
    await q.query(`DROP FUNCTION IF EXISTS pactum_webhook_import_end()`);
    await q.query(`DROP FUNCTION IF EXISTS pactum_webhook_contract_steps()`);
    await q.query(`DROP FUNCTION IF EXISTS pactum_webhook_wants(webhook_subscriptions, text, uuid, text, text)`);
    await q.query(`DROP FUNCTION IF EXISTS pactum_webhook_step_types(text, text, text)`);
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhook_subscriptions`);
  }
}
