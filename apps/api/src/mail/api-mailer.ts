import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@pactum/config';
import { createMailRenderer, createMailTransport, mailTransportConfigFromEnv, type MailDataByKind, type MailKind, type MailRenderer, type MailSender } from '@pactum/notifications';
import { MailOutboxStore, logQueuedNotSent } from '@pactum/persistence';
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
    const { failures } = await this.outbox.queueAndTryDeliver([{ mailKey, mail: { to: [to], kind, ...rendered } }], this.transport);
    for (const { error } of failures) logQueuedNotSent(this.log, mailKey, error);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport?.close();
  }
}
