import { DataSource } from 'typeorm';
import { returningRows } from '../repositories/returning-rows';

/** Postgres channel the webhook triggers announce new deliveries on (at commit). */
export const WEBHOOKS_CHANNEL = 'pactum_webhooks';

/** Every event type a subscription may ask for (`*` asks for all). The triggers of migration 1766300000000 write them. */
export const WEBHOOK_EVENT_TYPES = [
  'contract.created', 'contract.submitted', 'contract.approved', 'contract.rejected', 'contract.activated',
  'contract.suspended', 'contract.resumed', 'contract.expiring_soon', 'contract.expired', 'contract.closed',
  'contract.cancelled', 'contract.deleted', 'contract.deployment_failed',
  'import.completed', 'import.failed',
  'checkout.right_to_buy.threshold', 'checkout.quantity.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Restricts a subscription to the contracts of one seller, buyer organisation and/or account (exact names). */
export interface WebhookFilter {
  seller?: string;
  buyer?: string;
  account?: string;
}

/** A subscription as the API shows it: never its secret. */
export interface WebhookSubscription {
  id: string;
  owner: string;
  url: string;
  events: string[];
  description: string | null;
  filter: WebhookFilter;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  /** Until when the secret replaced by the last rotation still signs (null: no rotation running). */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewWebhookSubscription {
  owner: string;
  taskQueue: string;
  url: string;
  events: string[];
  description?: string | null;
  filter: WebhookFilter;
  secret: string;
}

export interface WebhookSubscriptionPatch {
  url?: string;
  events?: string[];
  description?: string | null;
  filter?: WebhookFilter;
  enabled?: boolean;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one subscription, as GET /webhooks/{id}/deliveries lists it. */
export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  scope: string;
  occurredAt: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** A delivery claimed by a worker, with what it needs to send it. */
export interface ClaimedWebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  attempts: number;
  windowStart: Date;
  url: string;
  secrets: string[];
  /** Another delivery of the same subscription and scope waits behind this one (claimable once this one is delivered). */
  hasNext: boolean;
}

/** What the worker needs to tell the owner of a subscription it disabled. */
export interface DisabledWebhookSubscription {
  id: string;
  owner: string;
  url: string;
  description: string | null;
  disabledAt: Date;
  reason: string;
  ownerEmail: string | null;
  ownerName: string | null;
}

const SUBSCRIPTION_COLUMNS = `id, owner, url, events, description, filter_seller, filter_buyer, filter_account, enabled, disabled_at, disabled_reason,
  CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS previous_secret_expires_at, created_at, updated_at`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toSubscription(r: any): WebhookSubscription {
  return {
    id: r.id, owner: r.owner, url: r.url, events: r.events, description: r.description,
    filter: {
      ...(r.filter_seller !== null ? { seller: r.filter_seller } : {}),
      ...(r.filter_buyer !== null ? { buyer: r.filter_buyer } : {}),
      ...(r.filter_account !== null ? { account: r.filter_account } : {}),
    },
    enabled: r.enabled, disabledAt: iso(r.disabled_at), disabledReason: r.disabled_reason,
    previousSecretExpiresAt: iso(r.previous_secret_expires_at), createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
  };
}

function toDelivery(r: any): WebhookDeliveryView {
  return {
    id: String(r.id), eventId: r.event_id, eventType: r.event_type, scope: r.scope, occurredAt: iso(r.occurred_at)!, status: r.status,
    attempts: r.attempts, lastStatusCode: r.last_status_code, lastAttemptAt: iso(r.last_attempt_at), lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null, deliveredAt: iso(r.delivered_at),
  };
}

/**
 * Webhook subscriptions and their deliveries. `owner` narrows every call to one user's
 * subscriptions (an integration user); undefined: all of them (an admin).
 */
export class WebhookStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(s: NewWebhookSubscription): Promise<WebhookSubscription> {
    const [row] = await this.dataSource.query(
      `INSERT INTO webhook_subscriptions (owner, task_queue, url, events, description, filter_seller, filter_buyer, filter_account, secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [s.owner, s.taskQueue, s.url, s.events, s.description ?? null, s.filter.seller ?? null, s.filter.buyer ?? null, s.filter.account ?? null, s.secret],
    );
    return toSubscription(row);
  }

  async list(owner?: string): Promise<WebhookSubscription[]> {
    const rows = await this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE ($1::text IS NULL OR owner = $1) ORDER BY created_at, id`, [owner ?? null]);
    return rows.map(toSubscription);
  }

  async find(id: string, owner?: string): Promise<WebhookSubscription | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`, [id, owner ?? null]);
    return row ? toSubscription(row) : null;
  }

  /**
   * Changes what is given. Enabling a disabled subscription clears why it was disabled and queues
   * again, due now with a fresh retry window, what waited and what was given up when it was
   * disabled: nothing is lost, and each contract's events still go in order.
   */
  async update(id: string, owner: string | undefined, p: WebhookSubscriptionPatch): Promise<WebhookSubscription | null> {
    const rows = returningRows<any>(await this.dataSource.query(
      `WITH before AS (SELECT id, enabled FROM webhook_subscriptions WHERE id = $1 AND ($2::text IS NULL OR owner = $2) FOR UPDATE),
         changed AS (
           UPDATE webhook_subscriptions s SET
             url = coalesce($3, s.url),
             events = coalesce($4, s.events),
             description = CASE WHEN $5::boolean THEN $6 ELSE s.description END,
             filter_seller = CASE WHEN $7::boolean THEN $8 ELSE s.filter_seller END,
             filter_buyer = CASE WHEN $7::boolean THEN $9 ELSE s.filter_buyer END,
             filter_account = CASE WHEN $7::boolean THEN $10 ELSE s.filter_account END,
             enabled = coalesce($11, s.enabled),
             disabled_at = CASE WHEN $11 THEN NULL WHEN $11 = false AND s.enabled THEN now() ELSE s.disabled_at END,
             disabled_reason = CASE WHEN $11 THEN NULL WHEN $11 = false AND s.enabled THEN 'disabled by ' || $12 ELSE s.disabled_reason END,
             updated_at = now()
           FROM before WHERE s.id = before.id
           RETURNING s.*, before.enabled AS was_enabled),
         revived AS (
           UPDATE webhook_deliveries d SET status = 'pending', window_start = now(), next_attempt_at = now(), claimed_at = NULL
           FROM changed WHERE d.subscription_id = changed.id AND d.status IN ('pending', 'failed') AND changed.enabled AND NOT changed.was_enabled)
       SELECT ${SUBSCRIPTION_COLUMNS} FROM changed`,
      [id, owner ?? null, p.url ?? null, p.events ?? null, p.description !== undefined, p.description ?? null,
        p.filter !== undefined, p.filter?.seller ?? null, p.filter?.buyer ?? null, p.filter?.account ?? null, p.enabled ?? null, owner ?? 'an admin'],
    ));
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  /** Deletes the subscription and its deliveries; false when there is none (of this owner). */
  async remove(id: string, owner?: string): Promise<boolean> {
    const rows = returningRows(await this.dataSource.query(
      `DELETE FROM webhook_subscriptions WHERE id = $1 AND ($2::text IS NULL OR owner = $2) RETURNING id`, [id, owner ?? null]));
    return rows.length === 1;
  }

  /** A new secret; the current one keeps signing (beside it) for `graceSeconds`. */
  async rotateSecret(id: string, owner: string | undefined, secret: string, graceSeconds: number): Promise<{ previousSecretExpiresAt: string } | null> {
    const rows = returningRows<{ expires: Date }>(await this.dataSource.query(
      `UPDATE webhook_subscriptions SET previous_secret = secret, secret = $3,
         previous_secret_expires_at = now() + $4 * interval '1 second', updated_at = now()
       WHERE id = $1 AND ($2::text IS NULL OR owner = $2) RETURNING previous_secret_expires_at AS expires`,
      [id, owner ?? null, secret, graceSeconds],
    ));
    return rows[0] ? { previousSecretExpiresAt: new Date(rows[0].expires).toISOString() } : null;
  }

  /** The subscription's deliveries, newest first; `before` pages on (a delivery id). */
  async deliveries(subscriptionId: string, o: { status?: WebhookDeliveryStatus; before?: string; limit: number }): Promise<WebhookDeliveryView[]> {
    const rows = await this.dataSource.query(
      `SELECT id, event_id, event_type, scope, occurred_at, status, attempts, last_status_code, last_attempt_at, last_error, next_attempt_at, delivered_at
         FROM webhook_deliveries
        WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [subscriptionId, o.status ?? null, o.before ?? null, o.limit],
    );
    return rows.map(toDelivery);
  }

  /**
   * Sends a delivery again (the same event id, so receivers can tell): due now, with a fresh retry
   * window. It keeps its place in its contract's order, so it goes before that contract's later ones.
   */
  async resend(subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryView | null> {
    const rows = returningRows<any>(await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), window_start = now(), claimed_at = NULL, delivered_at = NULL
        WHERE id = $2 AND subscription_id = $1
        RETURNING id, event_id, event_type, scope, occurred_at, status, attempts, last_status_code, last_attempt_at, last_error, next_attempt_at, delivered_at`,
      [subscriptionId, deliveryId],
    ));
    if (rows[0]) await this.dataSource.query(`SELECT pg_notify($1, '')`, [WEBHOOKS_CHANNEL]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /**
   * Claims up to `limit` deliveries that are due, each the oldest waiting one of its subscription and
   * scope (a contract): a later event of a contract waits until the earlier one is delivered or
   * given up, so receivers see each contract's events in order. A claim older than `staleAfterMs`
   * (its worker died mid-delivery) is taken again. SKIP LOCKED keeps two workers off one row.
   */
  async claim(taskQueue: string, limit: number, staleAfterMs: number): Promise<ClaimedWebhookDelivery[]> {
    const rows = returningRows<any>(await this.dataSource.query(
      `UPDATE webhook_deliveries d SET claimed_at = now()
         FROM webhook_subscriptions s
        WHERE s.id = d.subscription_id AND d.id IN (
          SELECT c.id FROM webhook_deliveries c JOIN webhook_subscriptions cs ON cs.id = c.subscription_id
           WHERE cs.enabled AND cs.task_queue = $1 AND c.status = 'pending' AND c.next_attempt_at <= now()
             AND (c.claimed_at IS NULL OR c.claimed_at < now() - $3 * interval '1 millisecond')
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.subscription_id = c.subscription_id AND p.scope = c.scope AND p.status = 'pending' AND p.id < c.id)
           ORDER BY c.id LIMIT $2 FOR UPDATE OF c SKIP LOCKED)
        RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.occurred_at, d.data, d.attempts, d.window_start, s.url, s.secret,
          CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END AS previous_secret,
          EXISTS (SELECT 1 FROM webhook_deliveries n WHERE n.subscription_id = d.subscription_id AND n.scope = d.scope AND n.status = 'pending' AND n.id > d.id) AS has_next`,
      [taskQueue, limit, staleAfterMs],
    ));
    return rows
      .map((r) => ({
        id: String(r.id), subscriptionId: r.subscription_id, eventId: r.event_id, eventType: r.event_type, occurredAt: new Date(r.occurred_at),
        data: r.data, attempts: r.attempts, windowStart: new Date(r.window_start), url: r.url,
        secrets: [r.secret, ...(r.previous_secret ? [r.previous_secret] : [])], hasNext: r.has_next === true,
      }))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Records deliveries the receivers accepted: one statement for a pass's worth. */
  async delivered(done: readonly { id: string; statusCode: number }[]): Promise<void> {
    if (done.length === 0) return;
    await this.dataSource.query(
      `UPDATE webhook_deliveries d SET status = 'delivered', delivered_at = now(), attempts = d.attempts + 1, last_attempt_at = now(),
         last_status_code = x.code, last_error = NULL, claimed_at = NULL
         FROM unnest($1::bigint[], $2::int[]) AS x(id, code) WHERE d.id = x.id`,
      [done.map((d) => d.id), done.map((d) => d.statusCode)],
    );
  }

  /** Records a failed attempt; the delivery is due again at `nextAttemptAt`. */
  async retryLater(id: string, statusCode: number | null, error: string, nextAttemptAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_status_code = $2, last_error = $3,
         next_attempt_at = $4, claimed_at = NULL WHERE id = $1`,
      [id, statusCode, error.slice(0, 1000), nextAttemptAt],
    );
  }

  /**
   * Gives the delivery up after its retry window and disables its subscription, in one statement.
   * Answers the subscription (with its owner's address) only when this call disabled it, so its
   * owner is mailed once.
   */
  async giveUp(id: string, statusCode: number | null, error: string, reason: string): Promise<DisabledWebhookSubscription | null> {
    const rows = await this.dataSource.query(
      `WITH failed AS (
         UPDATE webhook_deliveries SET status = 'failed', attempts = attempts + 1, last_attempt_at = now(), last_status_code = $2,
           last_error = $3, claimed_at = NULL WHERE id = $1 RETURNING subscription_id),
       disabled AS (
         UPDATE webhook_subscriptions SET enabled = false, disabled_at = now(), disabled_reason = $4, updated_at = now()
          WHERE id = (SELECT subscription_id FROM failed) AND enabled RETURNING id, owner, url, description, disabled_at, disabled_reason)
       SELECT d.*, u.email, u.display_name FROM disabled d LEFT JOIN users u ON u.username = d.owner`,
      [id, statusCode, error.slice(0, 1000), reason],
    );
    const r = rows[0];
    return r ? { id: r.id, owner: r.owner, url: r.url, description: r.description, disabledAt: new Date(r.disabled_at), reason: r.disabled_reason, ownerEmail: r.email ?? null, ownerName: r.display_name ?? null } : null;
  }
}
