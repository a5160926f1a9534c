import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { DEFAULT_MAIL_FROM, type MailLogger, nodemailerOptions, type MailMessage, type MailSender, type SentMail } from './mail-sender';

export const DEFAULT_OUTBOX_DIR = join('.data', 'outbox');

/**
 * The transport when no SMTP server is configured: each message becomes an RFC 5322 .eml file
 * (what an SMTP server would have received), so a developer can open it in any mail client.
 */
export class EmlOutboxSender implements MailSender {
  readonly transport = 'outbox' as const;
  readonly dir: string;
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  /** The folder is made once, not for every message (made again if someone removed it). */
  private folder?: Promise<unknown>;

  constructor(dir: string = DEFAULT_OUTBOX_DIR, private readonly from: string = DEFAULT_MAIL_FROM, private readonly logger?: MailLogger) {
    this.dir = resolve(dir);
  }

  async send(message: MailMessage): Promise<SentMail> {
    const info = await this.composer.sendMail(nodemailerOptions(message, this.from));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const id = info.messageId.replace(/[^A-Za-z0-9@._-]/g, '').slice(0, 80);
    const path = join(this.dir, `${stamp}-${id}.eml`);
    // Write then rename: a reader of the folder never sees half a message.
    await this.makeFolder(false);
    await writeFile(`${path}.tmp`, info.message as Buffer).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await this.makeFolder(true);
      await writeFile(`${path}.tmp`, info.message as Buffer);
    });
    await rename(`${path}.tmp`, path);
    this.logger?.info({ path, to: message.to, subject: message.subject }, 'mail written to outbox');
    return { messageId: info.messageId, accepted: [...message.to], path };
  }

  private async makeFolder(again: boolean): Promise<void> {
    if (again || !this.folder) this.folder = mkdir(this.dir, { recursive: true }).catch((err) => { this.folder = undefined; throw err; });
    await this.folder;
  }

  async close(): Promise<void> {}
}
