import type { Logger } from '@pactum/config';
import { MailOutboxError, type MailOutboxStore, type OutboxTransport } from '@pactum/persistence';

/**
 * Sends what the outbox still holds: mail whose first attempt failed (mail server down) or whose
 * worker died between queueing and sending. Runs every `intervalMs` in each worker; two workers
 * never send the same row at once (the row lock in deliver()).
 */
export class MailOutboxSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly outbox: MailOutboxStore,
    private readonly transport: OutboxTransport,
    private readonly log: Logger,
    private readonly intervalMs = 15_000,
    /** Leave fresh rows to the activity that queued them. */
    private readonly graceMs = 10_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => { this.running ??= this.sweep().finally(() => { this.running = undefined; }); }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; answers how many mails were sent. */
  async sweep(): Promise<number> {
    let sent = 0;
    try {
      for (const key of await this.outbox.queuedKeys(100, new Date(Date.now() - this.graceMs))) {
        try {
          if ((await this.outbox.deliver(key, this.transport)).outcome === 'sent') sent++;
        } catch (err) {
          if (!(err instanceof MailOutboxError && err.code === 'busy')) this.log.warn({ mailKey: key, err: (err as Error).message }, 'outbox: mail still not sent');
        }
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'outbox sweep failed');
    }
    if (sent) this.log.info({ sent }, 'outbox: sent queued mail');
    return sent;
  }
}
