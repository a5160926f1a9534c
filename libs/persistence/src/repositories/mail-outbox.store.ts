import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MailOutboxEntity } from '../entities';

/** A rendered mail as the outbox keeps it (the shape of libs/notifications' MailMessage). */
export interface OutboxMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  from?: string;
  /** The notification kind, kept for reports. */
  kind?: string;
}

/** What deliver() needs of a transport: libs/notifications' MailSender fits. */
export interface OutboxTransport {
  send(message: { to: string[]; subject: string; html: string; text: string; from?: string; messageId: string }): Promise<{ messageId: string }>;
}

/**
 * One data-modifying statement (an INSERT, UPDATE or DELETE, without RETURNING) to write with a
 * notification's queued mails; `sql` numbers its own parameters from $1.
 */
export interface AlongsideWrite {
  sql: string;
  params: unknown[];
}

export type OutboxDelivery = { outcome: 'sent'; messageId: string } | { outcome: 'already_sent'; messageId: string };

export type MailOutboxErrorCode = 'not_found' | 'busy' | 'failed';

/**
 * `busy`: another delivery of the key holds the row (retry later). `failed`: a permanent SMTP
 * refusal was recorded earlier; sending again would be refused again. `not_found`: never queued.
 */
export class MailOutboxError extends Error {
  constructor(readonly code: MailOutboxErrorCode, readonly mailKey: string, message: string) {
    super(message);
    this.name = 'MailOutboxError';
  }
}

/** Stable Message-ID per key: copies of one notification carry the same id. */
export function outboxMessageId(mailKey: string): string {
  return `<${createHash('sha256').update(mailKey).digest('hex').slice(0, 32)}.outbox@pactum.localhost>`;
}

/**
 * The mail outbox: a retried activity never sends a notification twice in the normal case.
 *
 * Delivery is at-least-once. deliver() locks the row (FOR UPDATE SKIP LOCKED), sends while
 * holding the lock and marks the row sent in the same transaction. Only a crash (or a lost
 * database connection) after the SMTP server said 250 and before COMMIT sends a second copy on
 * retry. The other order (mark "sending", commit, then send) would be at-most-once: that crash
 * would silently lose the mail, and a lost approval request stalls a contract, while a duplicate
 * is harmless: both copies carry the same rendered body, the same single-use links and the
 * same Message-ID (mail clients fold them).
 */
export class MailOutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Queues a rendered mail under its business key (e.g. `approval-requested:<contract>:<seq>:<user>`).
   * A second enqueue of the key keeps the first content: a retried activity renders again, but
   * what is sent is what was queued first.
   */
  async enqueue(mailKey: string, mail: OutboxMail): Promise<{ enqueued: boolean }> {
    if (mail.to.length === 0) throw new Error(`mail ${mailKey} has no recipient`);
    const rows = await this.dataSource.query(
      `INSERT INTO mail_outbox (mail_key, kind, sender, recipients, subject, html_body, text_body, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (mail_key) DO NOTHING RETURNING mail_key`,
      [mailKey, mail.kind ?? null, mail.from ?? null, mail.to, mail.subject, mail.html, mail.text, outboxMessageId(mailKey)],
    );
    return { enqueued: rows.length === 1 };
  }

  /**
   * Queues a notification's mails and sends them at once, in one transaction of three statements
   * whatever their number: insert, send, commit. The rows go in already marked sent (one attempt,
   * sent now): until the commit they are invisible to every other session, the sweeper included,
   * so nobody else can send them meanwhile, and a send that fails turns its row back before the
   * commit, queued with the error (or failed, when the refusal is permanent), for the sweeper; that
   * takes one statement more. Keys queued before (a retried notification) are not sent from here
   * but delivered as deliver() does, which sends only what is still queued. A crash between a send
   * and the commit leaves no row, and the retried notification sends again: at least once, as
   * deliver().
   *
   * `alongside` is a write that belongs with the queued mails (the dispatcher marks its notice
   * done): it runs in the insert's statement, so before anything is sent, and its failure leaves
   * nothing queued; with no mails it runs on its own.
   */
  async queueAndTryDeliver(
    mails: { mailKey: string; mail: OutboxMail }[], transport: OutboxTransport, alongside?: AlongsideWrite,
  ): Promise<{ failures: { mailKey: string; error: unknown }[] }> {
    for (const { mailKey, mail } of mails) if (mail.to.length === 0) throw new Error(`mail ${mailKey} has no recipient`);
    if (mails.length === 0) {
      if (alongside) await this.dataSource.query(alongside.sql, alongside.params);
      return { failures: [] };
    }
    const failures: { mailKey: string; error: unknown }[] = [];
    const params = alongside?.params ?? [];
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    let queuedBefore: string[];
    try {
      await qr.startTransaction();
      const rows: { mail_key: string }[] = await qr.query(
        `${alongside ? `WITH alongside AS (${alongside.sql}) ` : ''}INSERT INTO mail_outbox
           (mail_key, kind, sender, recipients, subject, html_body, text_body, message_id, status, attempts, last_attempt_at, sent_at)
         SELECT m.key, m.kind, m.sender, ARRAY(SELECT json_array_elements_text(m.recipients)), m.subject, m.html, m.text, m.message_id, 'sent', 1, now(), now()
         FROM json_to_recordset($${params.length + 1}::json) AS m(key text, kind text, sender text, recipients json, subject text, html text, text text, message_id text)
         ON CONFLICT (mail_key) DO NOTHING RETURNING mail_key`,
        [...params, JSON.stringify(mails.map(({ mailKey, mail }) => ({
          key: mailKey, kind: mail.kind ?? null, sender: mail.from ?? null, recipients: mail.to, subject: mail.subject, html: mail.html, text: mail.text,
          message_id: outboxMessageId(mailKey),
        })))],
      );
      const fresh = new Set(rows.map((r) => r.mail_key));
      queuedBefore = mails.filter((m) => !fresh.has(m.mailKey)).map((m) => m.mailKey);
      const unsent: { key: string; error: string; permanent: boolean }[] = [];
      for (const { mailKey, mail } of mails.filter((m) => fresh.has(m.mailKey))) {
        try {
          await transport.send({ to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, from: mail.from, messageId: outboxMessageId(mailKey) });
        } catch (error) {
          failures.push({ mailKey, error });
          unsent.push({ key: mailKey, error: String((error as Error)?.message ?? error).slice(0, 2000), permanent: (error as { permanent?: unknown })?.permanent === true });
        }
      }
      if (unsent.length) {
        await qr.query(
          `UPDATE mail_outbox o SET last_error = u.error, status = CASE WHEN u.permanent THEN 'failed' ELSE 'queued' END, sent_at = NULL
           FROM unnest($1::text[], $2::text[], $3::boolean[]) AS u(key, error, permanent) WHERE o.mail_key = u.key`,
          [unsent.map((o) => o.key), unsent.map((o) => o.error), unsent.map((o) => o.permanent)],
        );
      }
      await qr.commitTransaction();
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw err;
    } finally {
      await qr.release();
    }
    for (const mailKey of queuedBefore) {
      await this.deliver(mailKey, transport).catch((error: unknown) => { failures.push({ mailKey, error }); });
    }
    return { failures };
  }

  /** Sends the queued mail unless it was sent already; throws MailOutboxError or the transport's error. */
  async deliver(mailKey: string, transport: OutboxTransport): Promise<OutboxDelivery> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const [row] = await qr.query(
        `SELECT mail_key, sender, recipients, subject, html_body, text_body, message_id, status, last_error
         FROM mail_outbox WHERE mail_key = $1 FOR UPDATE SKIP LOCKED`,
        [mailKey],
      );
      if (!row) {
        await qr.rollbackTransaction();
        return await this.whenNotLockable(mailKey);
      }
      if (row.status === 'sent') {
        await qr.commitTransaction();
        return { outcome: 'already_sent', messageId: row.message_id };
      }
      if (row.status === 'failed') {
        await qr.commitTransaction();
        throw new MailOutboxError('failed', mailKey, `mail ${mailKey} failed permanently: ${row.last_error ?? 'unknown error'}`);
      }
      let sendError: unknown;
      try {
        await transport.send({
          to: row.recipients, subject: row.subject, html: row.html_body, text: row.text_body,
          from: row.sender ?? undefined, messageId: row.message_id,
        });
      } catch (err) {
        sendError = err;
      }
      if (sendError !== undefined) {
        // Record the attempt (committed), then let the caller retry or give up.
        const permanent = (sendError as { permanent?: unknown })?.permanent === true;
        await qr.query(
          `UPDATE mail_outbox SET attempts = attempts + 1, last_attempt_at = now(), last_error = $2,
             status = CASE WHEN $3::boolean THEN 'failed' ELSE 'queued' END
           WHERE mail_key = $1`,
          [mailKey, String((sendError as Error)?.message ?? sendError).slice(0, 2000), permanent],
        );
        await qr.commitTransaction();
        throw sendError;
      }
      await qr.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_attempt_at = now(), last_error = NULL
         WHERE mail_key = $1`,
        [mailKey],
      );
      await qr.commitTransaction();
      return { outcome: 'sent', messageId: row.message_id };
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw err;
    } finally {
      await qr.release();
    }
  }

  /** The row was missing or locked: tell which, without waiting for the lock. */
  private async whenNotLockable(mailKey: string): Promise<OutboxDelivery> {
    const [row] = await this.dataSource.query(`SELECT status, message_id FROM mail_outbox WHERE mail_key = $1`, [mailKey]);
    if (!row) throw new MailOutboxError('not_found', mailKey, `no mail ${mailKey} in the outbox`);
    if (row.status === 'sent') return { outcome: 'already_sent', messageId: row.message_id };
    throw new MailOutboxError('busy', mailKey, `mail ${mailKey} is being delivered by another worker`);
  }

  find(mailKey: string): Promise<MailOutboxEntity | null> {
    return this.dataSource.getRepository(MailOutboxEntity).findOne({ where: { mailKey } });
  }

  /** Keys still waiting, oldest first: for a sweeper that delivers what a crash left behind. */
  async queuedKeys(limit = 100, olderThan: Date = new Date()): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT mail_key FROM mail_outbox WHERE status = 'queued' AND created_at <= $1 ORDER BY created_at LIMIT $2`,
      [olderThan, limit],
    );
    return rows.map((r: { mail_key: string }) => r.mail_key);
  }
}

/** One log line for a mail that stays queued ("busy": another process is sending it right now). */
export function logQueuedNotSent(log: { debug(o: object, m: string): void; warn(o: object, m: string): void }, mailKey: string, error: unknown): void {
  const level = error instanceof MailOutboxError && error.code === 'busy' ? 'debug' : 'warn';
  log[level]({ mailKey, err: (error as Error)?.message ?? String(error) }, 'mail queued, not sent yet');
}
