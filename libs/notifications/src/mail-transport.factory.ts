import { join } from 'node:path';
import { ConfigError, createLogger } from '@pactum/config';
import { EmlOutboxSender } from './eml-outbox.transport';
import { DEFAULT_MAIL_FROM, type MailLogger, type MailSender } from './mail-sender';
import { SmtpMailSender } from './smtp-mail.transport';

export interface MailTransportConfig {
  /** smtp:// or smtps:// URL; unset means "write .eml files to outboxDir". */
  smtpUrl?: string;
  /** Default `.data/outbox`. */
  outboxDir?: string;
  from?: string;
  logger?: MailLogger;
}

/** SMTP_URL, MAIL_FROM, MAIL_OUTBOX_DIR (default `$PACTUM_DATA_DIR/outbox`), validated. */
export function mailTransportConfigFromEnv(env: Record<string, string | undefined> = process.env): MailTransportConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL', `must be an smtp:// or smtps:// URL (got "${smtpUrl.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@')}")`);
  }
  const from = env.MAIL_FROM || undefined;
  if (from !== undefined && !/@/.test(from)) throw new ConfigError('MAIL_FROM', `must hold an e-mail address (got "${from}")`);
  return { smtpUrl, from, outboxDir: env.MAIL_OUTBOX_DIR || join(env.PACTUM_DATA_DIR || '.data', 'outbox') };
}

/** A real SMTP transport when an SMTP URL is configured, otherwise the .eml outbox. */
export function createMailTransport(config: MailTransportConfig = {}): MailSender {
  const from = config.from ?? DEFAULT_MAIL_FROM;
  if (config.smtpUrl) return new SmtpMailSender(config.smtpUrl, from);
  return new EmlOutboxSender(config.outboxDir, from, config.logger ?? createLogger('mail'));
}
