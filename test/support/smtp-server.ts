import { SMTPServer } from 'smtp-server';
import { freePort } from '@pactum/local-stack';
import { parseRawMail, partOf } from '../notifications/raw-mail';

export interface Received { from: string; to: string[]; raw: string }

export interface SmtpTestServer {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps what it receives; recipients at refused.test get 550. */
export async function startSmtpServer(): Promise<SmtpTestServer> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refused.test')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedMail { subject: string; text: string; html: string }

/** Waits for the mail to `to` whose subject includes `subjectIncludes`; answers its subject and text parts. */
export async function waitForMail(smtp: SmtpTestServer, to: string, subjectIncludes: string, timeoutMs = 30_000): Promise<ReceivedMail> {
  return (await waitForMails(smtp, to, subjectIncludes, 1, timeoutMs))[0]!;
}

/** Waits until `count` mails to `to` have a subject that includes `subjectIncludes`; answers them in the order received. */
export async function waitForMails(smtp: SmtpTestServer, to: string, subjectIncludes: string, count: number, timeoutMs = 30_000): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  let found: ReceivedMail[] = [];
  while (Date.now() < deadline) {
    found = [];
    for (const m of smtp.received.filter((r) => r.to.includes(to))) {
      const parsed = parseRawMail(m.raw);
      const subject = parsed.headers.get('subject') ?? '';
      if (subject.includes(subjectIncludes)) found.push({ subject, text: partOf(parsed, 'text/plain'), html: partOf(parsed, 'text/html') });
    }
    if (found.length >= count) return found.slice(0, count);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${found.length} of ${count} mails to ${to} about "${subjectIncludes}"; received: ${smtp.received.map((r) => r.to.join(',')).join(' | ')}`);
}
