import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { DEFAULT_MAIL_FROM, type MailLogger, nodemailerOptions, type MailMessage, type MailSender, type SentMail } from './mail-sender';

export const DEFAULT_OUTBOX_DIR = join('.data', 'outbox');

/** Line ends as on the wire: a message body's bare LF becomes CRLF (headers are CRLF already). */
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/**
 * The transport when no SMTP server is configured: each message becomes an RFC 5322 .eml file
 * (what an SMTP server would have received), so a developer can open it in any mail client.
 */
export class EmlOutboxSender implements MailSender {
  readonly transport = 'outbox' as const;
  readonly dir: string;
  /** The folder is made once, not for every message (made again if someone removed it). */
  private folderMade = false;

  constructor(dir: string = DEFAULT_OUTBOX_DIR, private readonly from: string = DEFAULT_MAIL_FROM, private readonly logger?: MailLogger) {
    this.dir = resolve(dir);
  }

  async send(message: MailMessage): Promise<SentMail> {
    // nodemailer's composer, as its SMTP transport uses it, without a transport around it.
    const mail = new MailComposer(nodemailerOptions({ ...message, html: crlf(message.html), text: crlf(message.text) }, this.from)).compile();
    const eml = await mail.build();
    const messageId = mail.messageId();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const id = messageId.replace(/[^A-Za-z0-9@._-]/g, '').slice(0, 80);
    const path = join(this.dir, `${stamp}-${id}.eml`);
    await this.writeWhole(path, eml);
    this.logger?.info({ path, to: message.to, subject: message.subject }, 'mail written to outbox');
    return { messageId, accepted: [...message.to], path };
  }

  /** Writes then renames, so a reader of the folder never sees half a message. */
  private async writeWhole(path: string, eml: Buffer): Promise<void> {
    if (!this.folderMade) await this.makeFolder();
    await writeFile(`${path}.tmp`, eml).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await this.makeFolder();
      await writeFile(`${path}.tmp`, eml);
    });
    await rename(`${path}.tmp`, path);
  }

  private async makeFolder(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.folderMade = true;
  }

  async close(): Promise<void> {}
}
