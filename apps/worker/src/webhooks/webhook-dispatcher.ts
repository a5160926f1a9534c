import { Client as PgClient } from 'pg';
import type { Logger } from '@pactum/config';
import { WEBHOOKS_CHANNEL, type ClaimedWebhookDelivery, type DisabledWebhookSubscription, type WebhookStore } from '@pactum/persistence';
import { webhookHeaders } from '@pactum/security';
import type { WebhookAttempt } from './webhook-sender';

export interface WebhookDispatcherOptions {
  store: WebhookStore;
  sender: { post(url: string, headers: Record<string, string>, body: string): Promise<WebhookAttempt> };
  /** Tells a subscription's owner that it was disabled (mail). */
  onDisabled: (s: DisabledWebhookSubscription) => Promise<void>;
  log: Logger;
  /** The deployment's task queue: its workers deliver to the subscriptions its API created. */
  taskQueue: string;
  /** Base of the links in the events (PUBLIC_URL). */
  publicUrl: string;
  /** First retry delay; it doubles with each failed attempt, up to an hour. */
  retryBaseMs: number;
  /** How long after an event a delivery is retried before the subscription is disabled. */
  retryWindowMs: number;
  /** A claim older than this is taken again (its worker died mid-delivery). */
  staleClaimMs: number;
  databaseUrl?: string;
  pollMs?: number;
  concurrency?: number;
}

const BATCH = 32;
const MAX_DELAY_MS = 3600_000;

/** The JSON body of an event, the same at every attempt (the webhook-id and the signed body stay stable). */
export function webhookBody(d: Pick<ClaimedWebhookDelivery, 'eventId' | 'eventType' | 'occurredAt' | 'data'>, publicUrl: string): string {
  const data = d.data as { contract?: { id: string }; import?: { id: string } };
  const link = data.contract ? `${publicUrl}/api/v1/contracts/${data.contract.id}` : data.import ? `${publicUrl}/api/v1/imports/${data.import.id}` : undefined;
  return JSON.stringify({ id: d.eventId, type: d.eventType, timestamp: d.occurredAt.toISOString(), data: { ...d.data, ...(link ? { link } : {}) } });
}

/** The delay before attempt n+1 after n failed ones: base × 2^(n−1), at most an hour. */
export function retryDelayMs(failedAttempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 30), Math.max(MAX_DELAY_MS, baseMs));
}

/**
 * Delivers the webhook events the triggers queued, off every workflow's path. Woken by NOTIFY at
 * commit and by a poll that also picks up retries that fell due. Each pass claims the oldest
 * waiting delivery of each (subscription, contract) and sends them in parallel; the next of a
 * contract is claimed only once the one before it is delivered, so a receiver sees each contract's
 * events in order, also across retries. At least once: a worker that dies between the receiver's
 * answer and the write of the outcome leaves the claim to go stale, and the delivery goes again
 * with the same webhook-id.
 */
export class WebhookDispatcher {
  private readonly pollMs: number;
  private readonly concurrency: number;
  private listener?: PgClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wanted = false;
  private stopped = false;

  constructor(private readonly o: WebhookDispatcherOptions) {
    this.pollMs = o.pollMs ?? 1_000;
    this.concurrency = o.concurrency ?? 8;
  }

  async start(): Promise<void> {
    if (this.o.databaseUrl) await this.listen().catch((err) => this.o.log.warn({ err: (err as Error).message }, 'webhook dispatcher could not LISTEN; polling only'));
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.running;
  }

  wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.drain().finally(() => { this.running = undefined; });
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        for (;;) {
          const batch = await this.o.store.claim(this.o.taskQueue, BATCH, this.o.staleClaimMs);
          if (!batch.length) break;
          await this.sendAll(batch);
          if (this.stopped) break;
        }
      } catch (err) {
        this.o.log.warn({ err: (err as Error).message }, 'webhook dispatch pass failed');
      }
    }
  }

  private async sendAll(batch: ClaimedWebhookDelivery[]): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batch.length) }, async () => {
      while (next < batch.length) await this.send(batch[next++]!);
    }));
  }

  private async send(d: ClaimedWebhookDelivery): Promise<void> {
    const body = webhookBody(d, this.o.publicUrl);
    const headers = webhookHeaders(d.secrets, d.eventId, Math.floor(Date.now() / 1000), body);
    const attempt = await this.o.sender.post(d.url, headers, body);
    try {
      if (attempt.ok) {
        await this.o.store.delivered(d.id, attempt.statusCode!);
        return;
      }
      const error = attempt.error ?? `HTTP ${attempt.statusCode}`;
      const windowEnd = d.windowStart.getTime() + this.o.retryWindowMs;
      const now = Date.now();
      // Only the host is logged: a URL's query may carry the receiver's own token.
      const where = { subscription: d.subscriptionId, delivery: d.id, event: d.eventType, host: hostOf(d.url), attempts: d.attempts + 1, status: attempt.statusCode, error };
      if (now >= windowEnd) {
        const reason = `deliveries kept failing for ${durationText(this.o.retryWindowMs)} (the retry window); last: ${error}`;
        const disabled = await this.o.store.giveUp(d.id, attempt.statusCode, error, reason);
        this.o.log.warn(where, 'webhook delivery given up after its retry window; subscription disabled');
        if (disabled) await this.o.onDisabled(disabled).catch((err) => this.o.log.warn({ subscription: d.subscriptionId, err: (err as Error).message }, 'could not mail the owner of a disabled webhook subscription'));
        return;
      }
      const at = Math.min(now + retryDelayMs(d.attempts + 1, this.o.retryBaseMs), windowEnd);
      await this.o.store.retryLater(d.id, attempt.statusCode, error, new Date(at));
      this.o.log.info({ ...where, retryAt: new Date(at).toISOString() }, 'webhook delivery failed; will retry');
    } catch (err) {
      // The claim goes stale and the delivery is tried again: at least once.
      this.o.log.warn({ delivery: d.id, err: (err as Error).message }, 'could not record a webhook attempt');
    }
  }

  private async listen(): Promise<void> {
    const client = new PgClient({ connectionString: this.o.databaseUrl, application_name: 'pactum-worker-webhooks' });
    client.on('notification', () => this.wake());
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${WEBHOOKS_CHANNEL}`);
    this.listener = client;
  }

  private lost(client: PgClient, err?: Error): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = undefined;
    this.o.log.warn({ err: err?.message }, 'webhook listener lost its connection; reconnecting');
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.stopped) return;
      this.listen().then(() => this.wake(), () => setTimeout(retry, this.pollMs * 5).unref());
    };
    setTimeout(retry, this.pollMs * 5).unref();
  }
}

function durationText(ms: number): string {
  if (ms >= 2 * 3600_000) return `${Math.round(ms / 3600_000)} hours`;
  if (ms >= 2 * 60_000) return `${Math.round(ms / 60_000)} minutes`;
  return `${Math.round(ms / 1000)} seconds`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid)';
  }
}
