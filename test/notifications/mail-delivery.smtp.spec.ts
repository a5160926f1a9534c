import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { freePort } from '@pactum/local-stack';
import { renderMail, SmtpMailSender, MailDeliveryError, createMailTransport } from '@pactum/notifications';
import { createDataSource, MailOutboxError, MailOutboxStore, outboxMessageId } from '@pactum/persistence';
import { actionLinkExpiry, signActionLink, verifyActionLink } from '@pactum/security';
import { startSmtpServer } from '../support/smtp-server';
import { testStack } from '../support/test-stack';
import { parseRawMail, partOf } from './raw-mail';

const SECRET = 'mail-delivery-test-secret-of-32-characters';

describe('mail delivery through the outbox to a real SMTP server', () => {
  let ds: DataSource;
  let outbox: MailOutboxStore;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sender: SmtpMailSender;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 4 }).initialize();
    outbox = new MailOutboxStore(ds);
    smtp = await startSmtpServer();
    sender = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Pactum <no-reply@pactum.test>' }) as SmtpMailSender;
    expect(sender).toBeInstanceOf(SmtpMailSender);
  });
  afterAll(async () => {
    await sender?.close();
    await smtp?.close();
    await ds?.destroy();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  const approvalMail = (contractId: string) => {
    const expiresAt = actionLinkExpiry(new Date(), 3600);
    const link = (action: 'approve' | 'reject') =>
      `https://pactum.test/actions/${action}?token=${signActionLink({ contractId, stateSeq: 2, username: 'manager1', action, expiresAt }, SECRET)}`;
    return renderMail('approval-requested', {
      recipientName: 'Mia Manager',
      contract: { id: contractId, code: 'ACME-FRAME', version: '1.0', description: 'Frame contract <2026> & more', url: `https://pactum.test/contracts/${contractId}` },
      submittedBy: 'rep1', approveUrl: link('approve'), rejectUrl: link('reject'), linksExpireAt: expiresAt,
    });
  };

  it('sends an approval request once, however often it is delivered, with an approve link that verifies', async () => {
    const contractId = randomUUID();
    const key = `approval-requested:${contractId}:2:manager1`;
    const mail = approvalMail(contractId);
    expect(await outbox.enqueue(key, { ...mail, to: ['mia@seller.test'], kind: 'approval-requested' })).toEqual({ enqueued: true });
    expect(await outbox.enqueue(key, { ...approvalMail(contractId), to: ['someone-else@seller.test'] })).toEqual({ enqueued: false });

    expect(await outbox.deliver(key, sender)).toEqual({ outcome: 'sent', messageId: outboxMessageId(key) });
    expect(await outbox.deliver(key, sender)).toEqual({ outcome: 'already_sent', messageId: outboxMessageId(key) });
    expect(smtp.received).toHaveLength(1);

    const [got] = smtp.received;
    expect(got.to).toEqual(['mia@seller.test']); // the first enqueue wins
    expect(got.from).toBe('no-reply@pactum.test');
    const parsed = parseRawMail(got.raw);
    expect(parsed.headers.get('subject')).toBe('Approval requested: contract ACME-FRAME v1.0');
    expect(parsed.headers.get('message-id')).toBe(outboxMessageId(key));
    const text = partOf(parsed, 'text/plain');
    const html = partOf(parsed, 'text/html');
    expect(text).toContain('Hello Mia Manager,');
    expect(html).toContain('Frame contract &lt;2026&gt; &amp; more');

    const approveUrl = /^Approve: (\S+)$/m.exec(text)?.[1];
    expect(approveUrl).toBeDefined();
    expect(html).toContain(`href="${approveUrl}"`);
    const token = new URL(approveUrl!).searchParams.get('token')!;
    const verified = verifyActionLink(token, SECRET, new Date());
    expect(verified).toMatchObject({ ok: true, payload: { contractId, stateSeq: 2, username: 'manager1', action: 'approve' } });

    const row = await outbox.find(key);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, recipients: ['mia@seller.test'], kind: 'approval-requested' });
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it('two concurrent deliveries of one key send one message', async () => {
    const key = `approval-requested:${randomUUID()}:2:manager1`;
    await outbox.enqueue(key, { ...approvalMail(randomUUID()), to: ['mia@seller.test'] });
    const results = await Promise.allSettled([outbox.deliver(key, sender), outbox.deliver(key, sender)]);
    const sent = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'sent');
    expect(sent).toHaveLength(1);
    // The other one either saw the committed row or found it locked and was told to retry.
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'MailOutboxError', code: 'busy' });
      else expect(['sent', 'already_sent']).toContain(r.value.outcome);
    }
    expect(await outbox.deliver(key, sender)).toMatchObject({ outcome: 'already_sent' });
    expect(smtp.received).toHaveLength(1);
  });

  it('records a permanent refusal as failed and does not try again', async () => {
    const key = `rejected:${randomUUID()}`;
    const mail = renderMail('rejected', { contract: { id: 'c', code: 'X', url: 'https://pactum.test/contracts/c' }, rejectedBy: 'manager1', reason: 'no' });
    await outbox.enqueue(key, { ...mail, to: ['rep@refused.test'] });
    const error = await outbox.deliver(key, sender).catch((e) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.permanent).toBe(true);
    expect(await outbox.find(key)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('mailbox unavailable') });
    await expect(outbox.deliver(key, sender)).rejects.toMatchObject({ name: 'MailOutboxError', code: 'failed' });
    expect((await outbox.find(key))!.attempts).toBe(1);
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps a mail queued when the server cannot be reached, and sends it on the next try', async () => {
    const key = `expired:${randomUUID()}`;
    const mail = renderMail('expired', { contract: { id: 'c', code: 'X', url: 'https://pactum.test/contracts/c' }, endedAt: new Date() });
    await outbox.enqueue(key, { ...mail, to: ['rep@seller.test'] });
    const down = new SmtpMailSender(`smtp://127.0.0.1:${await freePort()}`);
    const error = await outbox.deliver(key, down).catch((e) => e);
    await down.close();
    expect(error).toMatchObject({ name: 'MailDeliveryError', permanent: false });
    expect(await outbox.find(key)).toMatchObject({ status: 'queued', attempts: 1, sentAt: null, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(await outbox.queuedKeys(1000)).toContain(key);

    expect(await outbox.deliver(key, sender)).toMatchObject({ outcome: 'sent' });
    expect(await outbox.find(key)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(await outbox.queuedKeys(1000)).not.toContain(key);
    expect(smtp.received).toHaveLength(1);
  });

  it('queues and sends a notification\'s mails in one transaction: nobody else sees them before they are sent; a retry sends nothing twice', async () => {
    const base = `approval-requested:${randomUUID()}:2`;
    const mails = ['mia', 'max', 'rep'].map((name) => ({ mailKey: `${base}:${name}`, mail: { ...approvalMail(randomUUID()), to: [`${name}@seller.test`], kind: 'approval-requested' } }));
    const seenBySweeper: unknown[] = [];
    const watched = { send: async (m: Parameters<SmtpMailSender['send']>[0]) => {
      seenBySweeper.push(await outbox.find(mails[0]!.mailKey), await outbox.queuedKeys(1000));
      return sender.send(m);
    } };
    expect(await outbox.queueAndTryDeliver(mails, watched)).toEqual({ failures: [] });
    expect(seenBySweeper[0]).toBeNull();
    expect(seenBySweeper[1]).not.toContain(mails[1]!.mailKey);
    expect(smtp.received.map((m) => m.to)).toEqual([['mia@seller.test'], ['max@seller.test'], ['rep@seller.test']]);
    for (const { mailKey } of mails) expect(await outbox.find(mailKey)).toMatchObject({ status: 'sent', attempts: 1, lastError: null, messageId: outboxMessageId(mailKey) });

    expect(await outbox.queueAndTryDeliver(mails, sender)).toEqual({ failures: [] });
    expect(smtp.received).toHaveLength(3);
  });

  it('commits a notification\'s failed sends for the sweeper (queued, or failed when refused for good) and sends the rest', async () => {
    const mail = renderMail('expired', { contract: { id: 'c', code: 'X', url: 'https://pactum.test/contracts/c' }, endedAt: new Date() });
    const [ok, refused] = [`expired:${randomUUID()}/rep`, `expired:${randomUUID()}/other`];
    const { failures } = await outbox.queueAndTryDeliver([
      { mailKey: ok, mail: { ...mail, to: ['rep@seller.test'] } }, { mailKey: refused, mail: { ...mail, to: ['rep@refused.test'] } },
    ], sender);
    expect(failures).toEqual([{ mailKey: refused, error: expect.objectContaining({ permanent: true }) }]);
    expect(await outbox.find(ok)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await outbox.find(refused)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('mailbox unavailable') });

    const key = `expired:${randomUUID()}/down`;
    const down = new SmtpMailSender(`smtp://127.0.0.1:${await freePort()}`);
    const offline = await outbox.queueAndTryDeliver([{ mailKey: key, mail: { ...mail, to: ['rep@seller.test'] } }], down);
    await down.close();
    expect(offline.failures).toEqual([{ mailKey: key, error: expect.objectContaining({ name: 'MailDeliveryError', permanent: false }) }]);
    expect(await outbox.find(key)).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
    expect(await outbox.queuedKeys(1000)).toContain(key);
    // The notification's retry delivers what its first attempt left queued.
    expect(await outbox.queueAndTryDeliver([{ mailKey: key, mail: { ...mail, to: ['rep@seller.test'] } }], sender)).toEqual({ failures: [] });
    expect(await outbox.find(key)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(2);
  });

  it('writes `alongside` in the statement that queues the mails, before anything is sent; on its own when there are none', async () => {
    const mail = renderMail('expired', { contract: { id: 'c', code: 'X', url: 'https://pactum.test/contracts/c' }, endedAt: new Date() });
    const mark = (nonce: string) => ({ sql: `INSERT INTO action_link_uses (nonce, used_by) VALUES ($1, 'alongside-test')`, params: [nonce] });
    const marked = async (nonce: string) => (await ds.query('SELECT count(*)::int AS n FROM action_link_uses WHERE nonce = $1', [nonce]))[0].n;
    const key = `expired:${randomUUID()}/rep`;
    const nonce = randomUUID();
    const seen: unknown[] = [];
    const watched = { send: async (m: Parameters<SmtpMailSender['send']>[0]) => {
      // Written, not committed: other sessions see neither the mail nor the alongside row yet.
      seen.push(await marked(nonce), await outbox.find(key));
      return sender.send(m);
    } };
    expect(await outbox.queueAndTryDeliver([{ mailKey: key, mail: { ...mail, to: ['rep@seller.test'] } }], watched, mark(nonce))).toEqual({ failures: [] });
    expect(seen).toEqual([0, null]);
    expect(await marked(nonce)).toBe(1);
    expect(await outbox.find(key)).toMatchObject({ status: 'sent', attempts: 1 });

    // A failure there (the nonce is taken now) queues nothing and sends nothing.
    const lost = `expired:${randomUUID()}/rep`;
    await expect(outbox.queueAndTryDeliver([{ mailKey: lost, mail: { ...mail, to: ['rep@seller.test'] } }], sender, mark(nonce)))
      .rejects.toThrow(/duplicate key/);
    expect(await outbox.find(lost)).toBeNull();
    expect(smtp.received).toHaveLength(1);

    // No mail to queue: it runs on its own, committed.
    const alone = randomUUID();
    expect(await outbox.queueAndTryDeliver([], sender, mark(alone))).toEqual({ failures: [] });
    expect(await marked(alone)).toBe(1);
  });

  it('writes nothing for a notification whose mail has no recipient', async () => {
    const key = `expired:${randomUUID()}`;
    await expect(outbox.queueAndTryDeliver([{ mailKey: key, mail: { subject: 's', html: 'h', text: 't', to: [] } }], sender)).rejects.toThrow(/no recipient/);
    expect(await outbox.find(key)).toBeNull();
  });

  it('refuses to deliver a key that was never queued', async () => {
    await expect(outbox.deliver(`nothing:${randomUUID()}`, sender)).rejects.toBeInstanceOf(MailOutboxError);
    await expect(outbox.deliver(`nothing:${randomUUID()}`, sender)).rejects.toMatchObject({ code: 'not_found' });
  });
});
