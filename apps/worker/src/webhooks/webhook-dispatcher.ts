import type { Logger } from '@pactum/config';
import { WEBHOOKS_CHANNEL, type ClaimedWebhookDelivery, type DisabledWebhookSubscription, type WebhookStore } from '@pactum/persistence';
import { webhookHeaders } from '@pactum/security';
import { WakeLoop, eachAtMost } from '../wake-loop';
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
  /** How long a notification waits for others before the pass it wakes (0: at once). */
  coalesceMs?: number;
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
export class WebhookDispatcher extends WakeLoop {
  private readonly concurrency: number;

  constructor(private readonly o: WebhookDispatcherOptions) {
    const pollMs = o.pollMs ?? 1_000;
    // Steps notify many times a second under load: a pass 100 ms after the first notification claims
    // them together (one claim and one write for a batch, not for each event). Measured with
    // `npm run bench -- webhooks`: a pass per event cost Postgres more than the events themselves.
    super({ name: 'webhook', channel: WEBHOOKS_CHANNEL, databaseUrl: o.databaseUrl, pollMs, reconnectMs: pollMs * 5, coalesceMs: o.coalesceMs ?? 100, log: o.log });
    this.concurrency = o.concurrency ?? 8;
  }

  protected async pass(): Promise<void> {
    for (;;) {
      const batch = await this.o.store.claim(this.o.taskQueue, BATCH, this.o.staleClaimMs);
      if (!batch.length) break;
      // The accepted ones are recorded together after the batch (failures one by one, they are rare).
      const accepted: { id: string; statusCode: number }[] = [];
      await eachAtMost(batch, this.concurrency, (d) => this.send(d, accepted));
      try {
        await this.o.store.delivered(accepted);
      } catch (err) {
        // The claims go stale and the deliveries go again: at least once.
        this.o.log.warn({ deliveries: accepted.length, err: (err as Error).message }, 'could not record webhook deliveries');
      }
      if (this.stopped) break;
      // Another claim finds something only when the batch was full or a contract's next event waits
      // behind one just sent; events committed meanwhile notify, and their notification runs the next pass.
      if (batch.length < BATCH && !batch.some((d) => d.hasNext)) break;
    }
  }

  private async send(d: ClaimedWebhookDelivery, accepted: { id: string; statusCode: number }[]): Promise<void> {
    const body = webhookBody(d, this.o.publicUrl);
    const headers = webhookHeaders(d.secrets, d.eventId, Math.floor(Date.now() / 1000), body);
    const attempt = await this.o.sender.post(d.url, headers, body);
    try {
      if (attempt.ok) {
        accepted.push({ id: d.id, statusCode: attempt.statusCode! });
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
