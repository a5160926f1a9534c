import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { signActionLink, verifyActionLink } from '@pactum/security';
import { startSmtpServer, waitForMail, waitForMails, type SmtpTestServer } from '../support/smtp-server';
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
  const elsewhere = `o=Elsewhere ${suffix},o=Root Organization`;
  const u = {
    rep: `mt-rep-${suffix}`, a: `mt-mgr-a-${suffix}`, b: `mt-mgr-b-${suffix}`, boss: `mt-boss-${suffix}`, deputy: `mt-deputy-${suffix}`, integrator: 'integrator',
  };
  // Set explicitly (not derived from JWT_SECRET) so the test can sign links the API accepts.
  const linkSecret = `mail-e2e-action-link-secret-${suffix}-0123456789`;
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
      { username: u.boss, role: 'sales_manager', organization: elsewhere },
      // A manager of another organisation: decides on this seller's contracts only as someone's delegate.
      { username: u.deputy, role: 'sales_manager', organization: elsewhere },
    ]);
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-mail-${suffix}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, ACTION_LINK_SECRET: linkSecret });
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

  const historyOf = async (id: string) => (await as.rep!.get(`/api/v1/contracts/${id}/history`)).body as any[];

  it('binds a link to the submission it was mailed for: after reject, edit and resubmit the first link is refused, the new one works', async () => {
    const c = await submitted();
    const first = await mailTo(`${u.a}@mail.test`, c.code);
    const staleApprove = linkIn(first.text, 'Approve');
    expect((await as.b!.post(`/api/v1/contracts/${c.id}/reject`, { reason: 'discount too deep' })).status).toBe(200);
    const edited = await as.rep!.request('PATCH', `/api/v1/contracts/${c.id}`, { description: 'smaller discount' });
    expect(edited).toMatchObject({ status: 200, body: { status: 'DRAFT' } });
    expect((await as.rep!.post(`/api/v1/contracts/${c.id}/submit`)).status).toBe(200);
    // Same contract, same version, same subject: the second request is the second mail.
    const [, second] = await waitForMails(smtp, `${u.a}@mail.test`, c.code, 2);
    expect(second!.subject).toBe(first.subject);
    const freshApprove = linkIn(second!.text, 'Approve');
    expect(freshApprove).not.toBe(staleApprove);

    // The contract is PENDING_APPROVAL again, as when the first link was sent, but it changed since.
    expect((await fetch(staleApprove)).status).toBe(409);
    const stale = await postForm(staleApprove, { comment: 'approving the old terms' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain(`Contract ${c.code} changed since this link was sent`);
    expect((await as.rep!.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('PENDING_APPROVAL');
    expect((await historyOf(c.id)).map((h) => h.action)).toEqual(['create', 'submit', 'reject', 'edit', 'submit']);

    const fresh = await postForm(freshApprove, { comment: 'the new terms are fine' });
    expect(fresh.status).toBe(200);
    expect(fresh.html).toContain(`You approved contract ${c.code}`);
    await as.rep!.waitForStatus(c.id, 'ACTIVE');
    const approvals = (await historyOf(c.id)).filter((h) => h.action === 'approve');
    expect(approvals).toEqual([expect.objectContaining({ actor: u.a, detail: { comment: 'the new terms are fine', via: 'action-link' } })]);
  }, 90_000);

  it('refuses an expired link with 410 and changes nothing; the same link unexpired still works', async () => {
    const c = await submitted();
    const approve = linkIn((await mailTo(`${u.a}@mail.test`, c.code)).text, 'Approve');
    const token = approve.slice(`${http.baseUrl}/actions/`.length);
    const verified = verifyActionLink(token, linkSecret);
    if (!verified.ok) throw new Error(`the mailed link does not verify: ${verified.message}`);
    // The same claims and nonce, signed with the API's secret, but the expiry one second ago.
    const expired = `${http.baseUrl}/actions/${signActionLink({ ...verified.payload, expiresAt: new Date(Date.now() - 1000) }, linkSecret)}`;

    const shown = await fetch(expired);
    expect(shown.status).toBe(410);
    expect(await shown.text()).toContain('This link has expired');
    const used = await postForm(expired, { comment: 'too late' });
    expect(used.status).toBe(410);
    expect(used.html).toContain('This link has expired');
    expect(used.html).toContain('Decide in the approval inbox instead');
    expect((await as.rep!.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('PENDING_APPROVAL');
    expect((await historyOf(c.id)).map((h) => h.action)).toEqual(['create', 'submit']);

    // Only the expiry differed: the mailed link (same nonce, not used up by the refusal) approves.
    expect((await postForm(approve, {})).status).toBe(200);
    await as.rep!.waitForStatus(c.id, 'ACTIVE');
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

  it('a delegation also covers approvals that were already waiting: the delegate sees them in the inbox and approves on behalf', async () => {
    const c = await submitted();
    await mailTo(`${u.a}@mail.test`, c.code);
    const inboxOf = async (who: 'deputy' | 'a') => {
      const res = await as[who]!.get('/api/v1/inbox?pageSize=200');
      expect(res.status).toBe(200);
      return (res.body.items as any[]).filter((i) => i.id === c.id);
    };
    expect(await inboxOf('deputy')).toEqual([]);
    expect((await as.deputy!.post(`/api/v1/contracts/${c.id}/approve`, {})).status).toBe(403);

    const given = await as.a!.post('/api/v1/delegations', { delegate: u.deputy, endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(given.status).toBe(201);
    try {
      expect(await inboxOf('deputy')).toEqual([expect.objectContaining({ code: c.code, submitter: u.rep })]);
      expect((await as.deputy!.post(`/api/v1/contracts/${c.id}/approve`, { comment: 'while A is away' })).status).toBe(200);
      await as.rep!.waitForStatus(c.id, 'ACTIVE');
      const history = await historyOf(c.id);
      expect(history.filter((h) => h.action === 'approve')).toEqual([
        expect.objectContaining({ actor: u.deputy, detail: { comment: 'while A is away', onBehalfOf: [u.a] } }),
      ]);
    } finally {
      expect((await as.a!.request('DELETE', `/api/v1/delegations/${given.body.id}`)).status).toBe(200);
    }
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
