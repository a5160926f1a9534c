import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmlOutboxSender } from './eml-outbox.transport';
import { createMailTransport, mailTransportConfigFromEnv } from './mail-transport.factory';
import { SmtpMailSender } from './smtp-mail.transport';

describe('EmlOutboxSender', () => {
  it('writes each message as a complete .eml file and logs its path', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pactum-outbox-')), 'nested', 'outbox');
    const logged: { obj: any; msg: string }[] = [];
    const sender = new EmlOutboxSender(dir, 'Pactum <no-reply@pactum.test>', { info: (obj, msg) => logged.push({ obj, msg }) });
    const first = await sender.send({ to: ['mia@seller.test'], subject: 'First', html: '<p>Hi <b>Mia</b></p>\n<p>Bye</p>', text: 'Hi Mia\nBye', messageId: '<key-1@pactum.test>' });
    await sender.send({ to: ['rep@seller.test', 'boss@seller.test'], subject: 'Second', html: '<p>x</p>', text: 'x' });

    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
    expect(first.path).toBe(join(dir, files.find((f) => f.includes('key-1'))!));
    const raw = readFileSync(first.path!, 'utf8');
    expect(raw).toMatch(/^From: Pactum <no-reply@pactum\.test>\r$/m);
    expect(raw).toMatch(/^To: mia@seller\.test\r$/m);
    expect(raw).toMatch(/^Subject: First\r$/m);
    expect(raw).toMatch(/^Message-ID: <key-1@pactum\.test>\r$/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toContain('Hi Mia\r\nBye');
    expect(raw).toContain('<p>Hi <b>Mia</b></p>\r\n<p>Bye</p>');
    expect(raw).not.toMatch(/[^\r]\n/); // CRLF line ends, as on the wire
    expect(logged).toEqual([
      { obj: expect.objectContaining({ path: first.path, subject: 'First' }), msg: 'mail written to outbox' },
      { obj: expect.objectContaining({ to: ['rep@seller.test', 'boss@seller.test'] }), msg: 'mail written to outbox' },
    ]);
  });

  it('makes the folder again when it was removed between two messages', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pactum-outbox-')), 'outbox');
    const sender = new EmlOutboxSender(dir);
    await sender.send({ to: ['mia@seller.test'], subject: 'First', html: '<p>x</p>', text: 'x' });
    rmSync(dir, { recursive: true });
    const second = await sender.send({ to: ['mia@seller.test'], subject: 'Second', html: '<p>y</p>', text: 'y' });
    expect(readdirSync(dir)).toEqual([second.path!.slice(dir.length + 1)]);
    expect(readFileSync(second.path!, 'utf8')).toMatch(/^Subject: Second\r$/m);
  });
});

describe('createMailTransport', () => {
  it('uses SMTP when a URL is configured, the outbox otherwise', async () => {
    const smtp = createMailTransport({ smtpUrl: 'smtp://127.0.0.1:2525' });
    expect(smtp).toBeInstanceOf(SmtpMailSender);
    await smtp.close();
    const outbox = createMailTransport({ logger: { info() {} } });
    expect(outbox).toBeInstanceOf(EmlOutboxSender);
    expect((outbox as EmlOutboxSender).dir).toBe(join(process.cwd(), '.data', 'outbox'));
  });

  it('reads SMTP_URL, MAIL_FROM and the outbox folder from the environment', () => {
    expect(mailTransportConfigFromEnv({})).toEqual({ smtpUrl: undefined, from: undefined, outboxDir: join('.data', 'outbox') });
    expect(mailTransportConfigFromEnv({ SMTP_URL: 'smtps://u:p@mail.example:465', PACTUM_DATA_DIR: '/var/pactum', MAIL_FROM: 'x@y.z' }))
      .toEqual({ smtpUrl: 'smtps://u:p@mail.example:465', from: 'x@y.z', outboxDir: join('/var/pactum', 'outbox') });
    expect(() => mailTransportConfigFromEnv({ SMTP_URL: 'http://u:secret@mail.example' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL \(got "http:\/\/u:\*\*\*@mail\.example"\)/);
    expect(() => mailTransportConfigFromEnv({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
  });
});
