import nodemailer from 'nodemailer';
import { DEFAULT_MAIL_FROM, nodemailerOptions, type MailMessage, type MailSender, type SentMail } from './mail-sender';

export class MailDeliveryError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** Sends through an SMTP server given as a URL (smtp://user:pass@host:587, smtps://host:465). */
export class SmtpMailSender implements MailSender {
  readonly transport = 'smtp' as const;
  private readonly transporter: ReturnType<typeof nodemailer.createTransport>;

  constructor(smtpUrl: string, private readonly from: string = DEFAULT_MAIL_FROM) {
    // Short timeouts: the outbox holds a row lock while a message is handed over (see MailOutboxStore).
    this.transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  async send(message: MailMessage): Promise<SentMail> {
    let info;
    try {
      info = await this.transporter.sendMail(nodemailerOptions(message, this.from));
    } catch (err: any) {
      // 5xx replies will not succeed on retry; connection errors and 4xx may.
      const code = Number(err?.responseCode);
      throw new MailDeliveryError(`SMTP delivery failed: ${err?.message ?? String(err)}`, code >= 500 && code < 600);
    }
    const accepted = (info.accepted ?? []).map(String);
    if (accepted.length === 0) throw new MailDeliveryError(`SMTP server accepted no recipient of ${message.to.join(', ')}`, true);
    return { messageId: info.messageId, accepted };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
