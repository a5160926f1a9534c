import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '../../../../libs/config/src';
import { createMailRenderer, createMailTransport, mailTransportConfigFromEnv, type MailDataByKind, type MailKind, type MailRenderer, type MailSender } from '../../../../libs/notifications/src';
import { MailOutboxError, MailOutboxStore } from '../../../../libs/persistence/src';
import { API_LOGGER } from '../api.tokens';

/**
 * Mail the API itself sends (contract requests): queued in the outbox under a business key, then
 * sent at once; what fails stays queued for the worker's outbox sweeper.
 */
@Injectable()
export class ApiMailer implements OnApplicationShutdown {
  private transport?: MailSender;
  private renderer?: MailRenderer;

  constructor(@Inject(MailOutboxStore) private readonly outbox: MailOutboxStore, @Inject(API_LOGGER) private readonly log: Logger) {}

  async send<K extends MailKind>(mailKey: string, to: string, kind: K, data: MailDataByKind[K]): Promise<void> {
    this.renderer ??= createMailRenderer();
    this.transport ??= createMailTransport({ ...mailTransportConfigFromEnv(), logger: this.log });
    const rendered = this.renderer.render(kind, data);
    await this.outbox.enqueue(mailKey, { to: [to], kind, ...rendered });
    try {
      await this.outbox.deliver(mailKey, this.transport);
    } catch (err) {
      const level = err instanceof MailOutboxError && err.code === 'busy' ? 'debug' : 'warn';
      this.log[level]({ mailKey, err: (err as Error).message }, 'mail queued, not sent yet');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport?.close();
  }
}
