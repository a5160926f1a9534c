import { Client as PgClient } from 'pg';
import type { Logger } from '@pactum/config';

export interface WakeLoopOptions {
  /** Names the loop in its log lines (`notice`, `webhook`). */
  name: string;
  /** The Postgres channel whose NOTIFY wakes the loop. */
  channel: string;
  /** Where to LISTEN; without it the loop only polls. */
  databaseUrl?: string;
  /** A pass runs this often even without a notification (a lost one, a retry that is due). */
  pollMs: number;
  /** How long after losing its LISTEN connection the loop connects again (the poll goes on meanwhile). */
  reconnectMs: number;
  /** A notification runs its pass this much later, so the notifications of a burst share one pass (default 0). */
  coalesceMs?: number;
  log: Logger;
}

/**
 * A worker loop over rows queued in Postgres (lifecycle notices, webhook deliveries): woken by
 * NOTIFY on its channel and by a poll, one pass at a time; a wake during a pass runs another
 * right after it. A lost LISTEN connection is reconnected in the background.
 */
export abstract class WakeLoop {
  protected stopped = false;
  private listener?: PgClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wanted = false;
  private pendingWake?: NodeJS.Timeout;

  constructor(private readonly loop: WakeLoopOptions) {}

  /** Handles what is waiting; an error ends the pass (logged), the next wake or poll tries again. */
  protected abstract pass(): Promise<void>;

  async start(): Promise<void> {
    if (this.loop.databaseUrl) {
      await this.listen().catch((err) => this.loop.log.warn({ err: (err as Error).message }, `${this.loop.name} dispatcher could not LISTEN; polling only`));
    }
    this.timer = setInterval(() => this.wake(), this.loop.pollMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.pendingWake);
    await this.listener?.end().catch(() => undefined);
    await this.running;
  }

  /** Runs a pass now, or right after the current one. */
  wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.drain().finally(() => { this.running = undefined; });
  }

  /** A notification: a pass after the coalescing delay (unless one is already due), or at once without one. */
  private notified(): void {
    const delay = this.loop.coalesceMs ?? 0;
    if (delay <= 0) return this.wake();
    if (this.pendingWake || this.stopped) return;
    this.pendingWake = setTimeout(() => { this.pendingWake = undefined; this.wake(); }, delay);
  }

  /** Resolves when no pass runs or is wanted (tests await it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        await this.pass();
      } catch (err) {
        this.loop.log.warn({ err: (err as Error).message }, `${this.loop.name} dispatch pass failed`);
      }
    }
  }

  private async listen(): Promise<void> {
    const client = new PgClient({ connectionString: this.loop.databaseUrl, application_name: `pactum-worker-${this.loop.name}s` });
    client.on('notification', () => this.notified());
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${this.loop.channel}`);
    this.listener = client;
  }

  private lost(client: PgClient, err?: Error): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = undefined;
    this.loop.log.warn({ err: err?.message }, `${this.loop.name} listener lost its connection; reconnecting`);
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.stopped) return;
      this.listen().then(() => this.wake(), () => setTimeout(retry, this.loop.reconnectMs).unref());
    };
    setTimeout(retry, this.loop.reconnectMs).unref();
  }
}

/** Runs `fn` on every item, at most `concurrency` at a time. */
export async function eachAtMost<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}
