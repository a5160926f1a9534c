/** One rendered message, ready to hand to a transport. Addresses are plain RFC 5322 strings. */
export interface MailMessage {
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Defaults to the transport's `from`. */
  from?: string;
  /**
   * "<…@…>". Give a stable one (derived from the outbox key) so that a message sent twice after
   * a crash carries the same Message-ID and mail clients can fold the copies.
   */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** SMTP: recipients the server accepted. */
  accepted: string[];
  /** Outbox transport: the .eml file written. */
  path?: string;
}

export interface MailSender {
  readonly transport: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

/** The slice of a pino logger the transports use. */
export interface MailLogger {
  info(obj: object, msg: string): void;
}

export const DEFAULT_MAIL_FROM = 'Pactum <no-reply@pactum.localhost>';

/** The nodemailer options of a message; both transports hand it over the same way. */
export function nodemailerOptions(message: MailMessage, defaultFrom: string) {
  return {
    from: message.from ?? defaultFrom,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: message.messageId,
  };
}
