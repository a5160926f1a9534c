import type { Logger } from '@pactum/config';
import type { MailRenderer } from '@pactum/notifications';
import { logQueuedNotSent, type DisabledWebhookSubscription, type MailOutboxStore, type OutboxTransport } from '@pactum/persistence';

/** The endpoint as a mail shows it: scheme, host and path, without a query that may hold the receiver's token. */
export function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Mails the owner of a webhook subscription the dispatcher disabled, through the outbox (at least once). */
export class WebhookOwnerMailer {
  constructor(private readonly o: { outbox: MailOutboxStore; transport: OutboxTransport; renderer: MailRenderer; publicUrl: string; log: Logger }) {}

  async disabled(s: DisabledWebhookSubscription): Promise<void> {
    if (!s.ownerEmail) {
      this.o.log.warn({ subscription: s.id, owner: s.owner }, 'webhook subscription disabled; its owner has no e-mail address to tell');
      return;
    }
    const mailKey = `webhook-disabled:${s.id}:${s.disabledAt.toISOString()}`;
    const rendered = this.o.renderer.render('webhook-disabled', {
      ...(s.ownerName ? { recipientName: s.ownerName } : {}),
      subscription: { id: s.id, endpoint: endpointOf(s.url), ...(s.description ? { description: s.description } : {}) },
      disabledAt: s.disabledAt,
      reason: s.reason,
      deliveriesUrl: `${this.o.publicUrl}/api/v1/webhooks/${s.id}/deliveries`,
    });
    const { failures } = await this.o.outbox.queueAndTryDeliver([{ mailKey, mail: { to: [s.ownerEmail], kind: 'webhook-disabled', ...rendered } }], this.o.transport);
    for (const { error } of failures) logQueuedNotSent(this.o.log, mailKey, error);
  }
}
