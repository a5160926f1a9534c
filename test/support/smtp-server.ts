import { SMTPServer } from 'smtp-server';
import { freePort } from '../../libs/local-stack/src';
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

/** Waits for the mail to `to` whose subject includes `subjectIncludes`; answers its subject and text parts. */
export async function waitForMail(smtp: SmtpTestServer, to: string, subjectIncludes: string, timeoutMs = 30_000): Promise<{ subject: string; text: string; html: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const m of smtp.received.filter((r) => r.to.includes(to))) {
      const parsed = parseRawMail(m.raw);
      const subject = parsed.headers.get('subject') ?? '';
      if (subject.includes(subjectIncludes)) return { subject, text: partOf(parsed, 'text/plain'), html: partOf(parsed, 'text/html') };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} about "${subjectIncludes}"; received: ${smtp.received.map((r) => r.to.join(',')).join(' | ')}`);
}
