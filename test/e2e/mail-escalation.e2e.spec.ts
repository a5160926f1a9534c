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
 * Escalation end to end, on the real timer: with APPROVAL_ESCALATION_MINUTES=1 a submitted
 * contract that nobody decides is escalated after a minute. The fallback approver gets the
 * escalation mail (with working links) through a real SMTP server, the approvers a reminder, the
 * audit trail an `escalate` line, and the fallback approver's link approves the contract.
 * (The durations are whole minutes, so this test waits one; the time-skipping workflow tests
 * cover the other timers without waiting.)
 */
describe('approval escalation mail (real timer, real SMTP)', () => {
  const suffix = randomUUID().slice(0, 8);
  const seller = `o=Escalation ${suffix},o=Root Organization`;
  // A buyer of its own: the approved contract must not price the demo buyers' carts in other suites.
  const buyerOrg = `o=Escalation Buyer ${suffix},o=Root Organization`;
  const u = { rep: `esc-rep-${suffix}`, mgr: `esc-mgr-${suffix}`, boss: `esc-boss-${suffix}` };
  let smtp: SmtpTestServer;
  let api: AppProcess;
  let worker: AppProcess;
  let db: Client;
  const as: Record<string, HttpClient> = {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO organizations (dn, name, parent_dn, fallback_approver) VALUES ($1, $2, 'o=Root Organization', $3)`,
      [seller, `Escalation ${suffix}`, u.boss]);
    await db.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $2, 'o=Root Organization')`, [buyerOrg, `Escalation Buyer ${suffix}`]);
    await insertTestUsers(db, [
      { username: u.rep, role: 'account_rep', organization: seller }, { username: u.mgr, role: 'sales_manager', organization: seller },
      { username: u.boss, role: 'sales_manager', organization: `o=Elsewhere ${suffix},o=Root Organization` },
    ]);
    const port = await freePort();
    const env = appEnv({
      PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-escalation-${suffix}`, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      APPROVAL_ESCALATION_MINUTES: '1', APPROVAL_REMINDER_MINUTES: '0',
    });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const [key, username] of Object.entries(u)) as[key] = await http.login(username);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.end();
    await smtp?.close();
  });

  const mailTo = (to: string, subjectIncludes: string, timeoutMs?: number) => waitForMail(smtp, to, subjectIncludes, timeoutMs);

  it('escalates an undecided approval after the configured minute: the fallback approver is mailed and can approve by link', async () => {
    const code = `ESC-${suffix}`;
    const created = await as.rep!.post('/api/v1/contracts', draftBody({ code, seller, account: undefined, buyers: [{ organization: buyerOrg, active: true }] }));
    expect(created.status).toBe(201);
    const submittedAt = Date.now();
    expect((await as.rep!.post(`/api/v1/contracts/${created.body.id}/submit`)).status).toBe(200);
    await mailTo(`${u.mgr}@mail.test`, 'Approval requested', 30_000);
    expect(smtp.received.some((r) => r.to.includes(`${u.boss}@mail.test`))).toBe(false);

    const escalated = await mailTo(`${u.boss}@mail.test`, code, 120_000);
    expect(Date.now() - submittedAt).toBeGreaterThanOrEqual(55_000);
    expect(escalated.subject).toMatch(/Escalated/);
    expect(escalated.text).toContain('has waited too long for a decision');
    const reminder = await mailTo(`${u.mgr}@mail.test`, 'Reminder', 30_000);
    expect(reminder.text).toContain(`escalated to User ${u.boss}`);

    const history = (await as.rep!.get(`/api/v1/contracts/${created.body.id}/history`)).body as { action: string; actor: string }[];
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['submit', 'escalate']));
    expect((await as.boss!.get('/api/v1/inbox')).body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);

    const approve = escalated.text.match(/Approve:\s*(\S+)/)?.[1];
    expect(approve).toBeDefined();
    const used = await fetch(approve!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(used.status).toBe(200);
    await as.rep!.waitForStatus(created.body.id, 'ACTIVE');
    const after = (await as.rep!.get(`/api/v1/contracts/${created.body.id}/history`)).body as { action: string; actor: string }[];
    expect(after.find((h) => h.action === 'approve')?.actor).toBe(u.boss);
  }, 180_000);
});
