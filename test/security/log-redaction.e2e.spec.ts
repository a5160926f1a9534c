import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { startSmtpServer, waitForMail, type SmtpTestServer } from '../support/smtp-server';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';

/**
 * A mail approval end to end (request mailed, link opened, decision posted) with the API's and the
 * worker's logs captured: the signed link tokens are credentials and appear in neither, nor do
 * query-string secrets; the request lines are still there, redacted.
 */
describe('secrets stay out of the logs', () => {
  const suffix = randomUUID().slice(0, 8);
  const seller = `o=Logtest ${suffix},o=Root Organization`;
  const u = { rep: `lg-rep-${suffix}`, mgr: `lg-mgr-${suffix}` };
  let smtp: SmtpTestServer;
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let db: Client;
  const as: Record<string, HttpClient> = {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $1, 'o=Root Organization')`, [seller]);
    await insertTestUsers(db, [{ username: u.rep, role: 'account_rep', organization: seller }, { username: u.mgr, role: 'sales_manager', organization: seller }]);
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `sec-logs-${suffix}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const [key, username] of Object.entries(u)) as[key] = await http.login(username);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.end();
    await smtp?.close();
  });

  it('logs no action-link token of a mail approval run, and redacts query-string secrets', async () => {
    const code = `LG-${suffix}`;
    const created = await as.rep!.post('/api/v1/contracts', draftBody({ code, seller, account: undefined }));
    expect(created.status).toBe(201);
    expect((await as.rep!.post(`/api/v1/contracts/${created.body.id}/submit`)).status).toBe(200);
    const mail = await waitForMail(smtp, `${u.mgr}@mail.test`, code);
    const links = [...mail.text.matchAll(/(?:Approve|Reject):\s*(\S+)/g)].map((m) => m[1]!);
    expect(links).toHaveLength(2);
    const tokens = links.map((link) => decodeURIComponent(new URL(link).pathname.split('/').pop()!));
    for (const t of tokens) expect(t.length).toBeGreaterThan(40);

    // Open both links (a scanner would), then approve by the form.
    for (const link of links) expect((await fetch(link)).status).toBe(200);
    const posted = await fetch(links[0]!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'comment=ok' });
    expect(posted.status).toBe(200);
    await as.rep!.waitForStatus(created.body.id, 'ACTIVE');
    // Credentials in a query string, wherever a client puts them.
    const secret = `s3cr3t-${suffix}`;
    await as.rep!.get(`/api/v1/contracts?token=${secret}&password=${secret}&signature=${secret}&code=${code}`);

    // Let the last request lines reach the captured output.
    const deadline = Date.now() + 5_000;
    while (!api.output.includes(`code=${code}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const logs = api.output + worker.output;
    for (const t of tokens) {
      expect(logs.includes(t)).toBe(false);
      // Nor a recognisable piece of it (the JWT-like header and payload parts).
      for (const part of t.split('.').filter((p) => p.length >= 16)) expect(logs.includes(part)).toBe(false);
    }
    expect(logs.includes(secret)).toBe(false);
    // The request lines are there, redacted: the test would notice if they vanished instead.
    expect(api.output).toMatch(/"url":"\/actions\/\[redacted\]".*"method":"GET"|"method":"GET".*"url":"\/actions\/\[redacted\]"/);
    expect(api.output).toMatch(/"method":"POST"[^\n]*"url":"\/actions\/\[redacted\]"/);
    expect(api.output).toContain(`token=[redacted]&password=[redacted]&signature=[redacted]&code=${code}`);
  }, 90_000);
});
