import type { Logger } from '@pactum/config';
import { ContractNoticeStore, NOTICES_CHANNEL, type AlongsideWrite, type QueuedNotice } from '@pactum/persistence';
import { WakeLoop, eachAtMost } from '../wake-loop';

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
export class ContractNoticeDispatcher extends WakeLoop {
  private readonly retryAfterMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;

  constructor(private readonly o: ContractNoticeDispatcherOptions) {
    const pollMs = o.pollMs ?? 5_000;
    super({ name: 'notice', channel: NOTICES_CHANNEL, databaseUrl: o.databaseUrl, pollMs, reconnectMs: pollMs, log: o.log });
    this.retryAfterMs = o.retryAfterMs ?? 60_000;
    this.maxAttempts = o.maxAttempts ?? 10;
    this.concurrency = o.concurrency ?? 4;
  }

  protected async pass(): Promise<void> {
    for (;;) {
      const batch = await this.o.notices.claim(this.o.taskQueue, BATCH, this.retryAfterMs);
      if (!batch.length) break;
      await eachAtMost(batch, this.concurrency, (n) => this.send(n));
      if (batch.length < BATCH) break;
    }
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
}
