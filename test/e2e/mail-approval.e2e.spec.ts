import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '../../libs/local-stack/src';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { startSmtpServer, waitForMail, type SmtpTestServer } from '../support/smtp-server';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';

/**
 * Mail and action links end to end: the worker mails approval requests through a real SMTP
 * server, the test follows the links like a mail reader would, and the contract moves on. A
 * seller organisation of its own (managers, fallback approver, request desk) keeps the test
 * independent of the demo data other tests use.
 */
describe('approval mail and action links', () => {
  const suffix = randomUUID().slice(0, 8);
  const seller = `o=Mailtest ${suffix},o=Root Organization`;
  const u = { rep: `mt-rep-${suffix}`, a: `mt-mgr-a-${suffix}`, b: `mt-mgr-b-${suffix}`, boss: `mt-boss-${suffix}`, integrator: 'integrator' };
  const desk = `desk-${suffix}@mail.test`;
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
    await db.query(`INSERT INTO organizations (dn, name, parent_dn, fallback_approver, contract_request_email, contract_request_owner) VALUES ($1, $2, 'o=Root Organization', $3, $4, $5)`,
      [seller, `Mailtest ${suffix}`, u.boss, desk, u.rep]);
    await insertTestUsers(db, [
      { username: u.rep, role: 'account_rep', organization: seller }, { username: u.a, role: 'sales_manager', organization: seller },
      { username: u.b, role: 'sales_manager', organization: seller },
      { username: u.boss, role: 'sales_manager', organization: `o=Elsewhere ${suffix},o=Root Organization` },
    ]);
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-mail-${suffix}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
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

  const mailTo = (to: string, subjectIncludes: string, timeoutMs?: number) => waitForMail(smtp, to, subjectIncludes, timeoutMs);

  const linkIn = (text: string, label: 'Approve' | 'Reject' | 'Accept' | 'Decline') => {
    const match = text.match(new RegExp(`${label}:\\s*(\\S+)`));
    if (!match) throw new Error(`no ${label} link in:\n${text}`);
    return match[1]!;
  };

  const postForm = (url: string, form: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })
      .then(async (res) => ({ status: res.status, html: await res.text() }));

  async function submitted(code = `MT-${randomUUID().slice(0, 8)}`): Promise<{ id: string; code: string }> {
    const created = await as.rep!.post('/api/v1/contracts', draftBody({ code, seller, account: undefined }));
    expect(created.status).toBe(201);
    const sub = await as.rep!.post(`/api/v1/contracts/${created.body.id}/submit`);
    expect(sub.status).toBe(200);
    return { id: created.body.id, code };
  }

  it('mails every approver an approval request; the link approves once, a replay or a stale link changes nothing', async () => {
    const c = await submitted();
    const [mailA, mailB] = await Promise.all([mailTo(`${u.a}@mail.test`, c.code), mailTo(`${u.b}@mail.test`, c.code)]);
    expect(mailA.subject).toBe(`Approval requested: contract ${c.code} v1.0`);
    expect(smtp.received.some((r) => r.to.includes(`${u.rep}@mail.test`) && r.raw.includes('Approval requested'))).toBe(false);
    const approve = linkIn(mailA.text, 'Approve');
    expect(approve.startsWith(http.baseUrl + '/actions/')).toBe(true);

    // Opening the link (a mail scanner does that) only shows the question.
    const page = await fetch(approve);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Approve this contract?');
    expect((await as.rep!.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('PENDING_APPROVAL');

    const used = await postForm(approve, { comment: 'fine by mail' });
    expect(used.status).toBe(200);
    expect(used.html).toContain(`You approved contract ${c.code}`);
    await as.rep!.waitForStatus(c.id, 'ACTIVE');
    const history = (await as.rep!.get(`/api/v1/contracts/${c.id}/history`)).body as any[];
    expect(history.find((h) => h.action === 'approve')).toMatchObject({ actor: u.a, detail: { comment: 'fine by mail', via: 'action-link' } });

    const replay = await postForm(approve, {});
    expect(replay.status).toBe(410);
    expect(replay.html).toContain('used already');
    const stale = await postForm(linkIn(mailB.text, 'Reject'), { reason: 'too late' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('changed since this link was sent');
    expect((await as.rep!.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('ACTIVE');
    const approvedMail = await mailTo(`${u.rep}@mail.test`, `${c.code}`);
    expect(approvedMail.text).toMatch(/approved/i);
  }, 90_000);

  it('refuses a tampered link and a reject without a reason; a reject by link reaches the representative with its reason', async () => {
    const c = await submitted();
    const mail = await mailTo(`${u.b}@mail.test`, c.code);
    const reject = linkIn(mail.text, 'Reject');
    const tampered = reject.slice(0, -3) + (reject.endsWith('A') ? 'BBB' : 'AAA');
    expect((await postForm(tampered, { reason: 'x' })).status).toBe(400);
    const empty = await postForm(reject, { reason: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('Please give a reason');
    const done = await postForm(reject, { reason: 'Prices below floor' });
    expect(done.status).toBe(200);
    expect((await as.rep!.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('REJECTED');
    const rejected = await mailTo(`${u.rep}@mail.test`, `${c.code}`, 30_000);
    expect(`${rejected.subject}\n${rejected.text}`).toMatch(/reject/i);
    expect(rejected.text).toContain('Prices below floor');
  }, 90_000);

  it('routes approvals to the delegate while a manager is away and records "on behalf of"', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() + 3_600_000).toISOString();
    expect((await as.a!.post('/api/v1/delegations', { delegate: u.a, endsAt: end })).status).toBe(422);
    const given = await as.a!.post('/api/v1/delegations', { delegate: u.b, startsAt: start, endsAt: end });
    expect(given.status).toBe(201);
    try {
      const c = await submitted();
      const mail = await mailTo(`${u.b}@mail.test`, c.code);
      expect(mail.text).toContain(`stand in for ${u.a}`);
      // Give the worker a moment: no request went to the manager who is away.
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.received.some((r) => r.to.includes(`${u.a}@mail.test`) && r.raw.includes(c.code))).toBe(false);
      expect((await as.b!.post(`/api/v1/contracts/${c.id}/approve`, {})).status).toBe(200);
      const history = (await as.rep!.get(`/api/v1/contracts/${c.id}/history`)).body as any[];
      expect(history.find((h) => h.action === 'approve')).toMatchObject({ actor: u.b, detail: { onBehalfOf: [u.a] } });
    } finally {
      expect((await as.a!.request('DELETE', `/api/v1/delegations/${given.body.id}`)).status).toBe(200);
    }
    expect((await as.b!.request('DELETE', `/api/v1/delegations/${given.body.id}`)).status).toBe(403);
  }, 90_000);

  it('mails a contract request to the seller desk; accepting by link creates the Draft once', async () => {
    const bad = await as.integrator!.post('/api/v1/contract-requests', { seller, buyer: 'not a dn', customerName: '' });
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['buyer', 'customerName']);
    const created = await as.integrator!.post('/api/v1/contract-requests', {
      seller, buyer: 'o=Northwind Fabrication,o=Root Organization', customerName: 'Northwind Fabrication', message: 'We would like a 2027 MSA', currency: 'USD',
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('PENDING');
    const mail = await mailTo(desk, 'Northwind Fabrication');
    const accept = linkIn(mail.text, 'Accept');
    expect((await fetch(accept)).status).toBe(200);
    const done = await postForm(accept, { customerNumber: 'C-4711', currency: 'USD' });
    expect(done.status).toBe(200);
    const request = (await as.integrator!.get(`/api/v1/contract-requests/${created.body.id}`)).body;
    expect(request).toMatchObject({ status: 'ACCEPTED', customerNumber: 'C-4711', currency: 'USD', decidedBy: u.rep });
    const contract = (await as.rep!.get(`/api/v1/contracts/${request.contractId}`)).body;
    expect(contract).toMatchObject({ status: 'DRAFT', currency: 'USD', seller, createdBy: u.rep });
    expect((await postForm(accept, { customerNumber: 'C-4711', currency: 'USD' })).status).toBe(410);
    const decline = await postForm(linkIn(mail.text, 'Decline'), { reason: 'no' });
    expect(decline.status).toBe(409);
    const count = await db.query(`SELECT count(*)::int AS n FROM contracts WHERE code LIKE 'REQ-C-4711-%' AND seller_dn = $1`, [seller]);
    expect(count.rows[0].n).toBe(1);
  }, 90_000);
});
