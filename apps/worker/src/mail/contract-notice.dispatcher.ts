import { Client as PgClient } from 'pg';
import type { Logger } from '@pactum/config';
import { ContractNoticeStore, NOTICES_CHANNEL, type AlongsideWrite, type QueuedNotice } from '@pactum/persistence';

/** A queued lifecycle notice as the notifier gets it; `key` is `<contractId>/<seq>/<kind>`. */
export type ContractNotification = Omit<QueuedNotice, 'attempts'>;

/** Where the dispatcher sends the notices (the mail notifier in the worker). */
export interface ContractNotifier {
  /**
   * `alongside` is written with the notification's queued mail, in the same statement (on its own
   * when there is none to queue, the contract gone included).
   */
  notify(notification: ContractNotification, alongside?: AlongsideWrite): Promise<void>;
}

export interface ContractNoticeDispatcherOptions {
  notices: ContractNoticeStore;
  notifier: ContractNotifier;
  log: Logger;
  /** The worker's task queue: it mails the notices of the steps its workers recorded. */
  taskQueue: string;
  /** Where to LISTEN for new notices; without it the dispatcher only polls. */
  databaseUrl?: string;
  /** Poll even without a notification (a lost one, a retry that is due). */
  pollMs?: number;
  /** A claim older than this is taken again: its worker died, or the attempt failed (the retry delay). */
  retryAfterMs?: number;
  /** Attempts before a notice is given up (it stays in the table with its last error). */
  maxAttempts?: number;
  /** Notices rendered and sent at the same time. */
  concurrency?: number;
}

const BATCH = 20;

/**
 * Turns lifecycle notices (queued with the step that causes each) into mail, off the
 * workflow's path: the approve that caused a notice has long been answered when the mail goes out.
 * Woken by NOTIFY at commit, and by a poll that also picks up retries; every worker runs one, and
 * the row claim keeps them from sending a notice twice at once (the outbox key keeps it single anyway).
 */
export class ContractNoticeDispatcher {
  private readonly pollMs: number;
  private readonly retryAfterMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private listener?: PgClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wanted = false;
  private stopped = false;

  constructor(private readonly o: ContractNoticeDispatcherOptions) {
    this.pollMs = o.pollMs ?? 5_000;
    this.retryAfterMs = o.retryAfterMs ?? 60_000;
    this.maxAttempts = o.maxAttempts ?? 10;
    this.concurrency = o.concurrency ?? 4;
  }

  async start(): Promise<void> {
    if (this.o.databaseUrl) await this.listen().catch((err) => this.o.log.warn({ err }, 'notice dispatcher could not LISTEN; polling only'));
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

  /** Runs a pass now, or right after the current one. */
  wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.drain().finally(() => { this.running = undefined; });
  }

  /** Handles what is waiting until nothing is; resolves when idle (tests await it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        for (;;) {
          const batch = await this.o.notices.claim(this.o.taskQueue, BATCH, this.retryAfterMs);
          if (!batch.length) break;
          await this.sendAll(batch);
          if (batch.length < BATCH) break;
        }
      } catch (err) {
        this.o.log.warn({ err: (err as Error).message }, 'notice dispatch pass failed');
      }
    }
  }

  private async sendAll(batch: QueuedNotice[]): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batch.length) }, async () => {
      while (next < batch.length) await this.send(batch[next++]);
    }));
  }

  private async send(n: QueuedNotice): Promise<void> {
    try {
      // Marked done in the statement that queues the notice's mail (on its own when there is none).
      await this.o.notifier.notify({ key: n.key, kind: n.kind, contractId: n.contractId, seq: n.seq, actor: n.actor, reason: n.reason },
        ContractNoticeStore.doneAlongside(n.key));
    } catch (err) {
      const giveUp = n.attempts >= this.maxAttempts;
      this.o.log.warn({ noticeKey: n.key, attempts: n.attempts, giveUp, err: (err as Error).message }, giveUp ? 'notice given up' : 'notice not sent; will retry');
      await this.o.notices.failed(n.key, (err as Error).message, giveUp).catch(() => undefined);
    }
  }

  private async listen(): Promise<void> {
    const client = new PgClient({ connectionString: this.o.databaseUrl, application_name: 'pactum-worker-notices' });
    client.on('notification', () => this.wake());
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${NOTICES_CHANNEL}`);
    this.listener = client;
  }

  /** The poll keeps notices moving meanwhile; reconnect in the background. */
  private lost(client: PgClient, err?: Error): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = undefined;
    this.o.log.warn({ err }, 'notice listener lost its connection; reconnecting');
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.stopped) return;
      this.listen().then(() => this.wake(), () => setTimeout(retry, this.pollMs).unref());
    };
    setTimeout(retry, this.pollMs).unref();
  }
}
