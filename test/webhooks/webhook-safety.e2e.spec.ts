import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient, expectStatus } from '../support/http-client';
import { startSmtpServer, waitForMail, type SmtpTestServer } from '../support/smtp-server';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';
import { WebhookReceiver, verifies } from './support/webhook-receiver';

/**
 * Where webhooks may not go, and what happens to an endpoint that keeps failing. The worker runs
 * with a retry window of 3 s, so a failing endpoint is given up on quickly. Events are scoped to a
 * seller of this file's own (filters), so other files' contracts never reach these subscriptions.
 */
describe('webhook targets and failing endpoints', () => {
  const suffix = randomUUID().slice(0, 8);
  const seller = `o=Webhook Safety ${suffix},o=Root Organization`;
  const u = { rep: `wh-rep-${suffix}`, integ: `wh-int-${suffix}`, other: `wh-int2-${suffix}` };
  const receiver = new WebhookReceiver();
  let deadPort: number;
  let smtp: SmtpTestServer;
  let api: AppProcess;
  let worker: AppProcess;
  let db: Client;
  let taskQueue: string;
  const as: Record<string, HttpClient> = {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
    await receiver.start();
    deadPort = await freePort();
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $1, 'o=Root Organization')`, [seller]);
    await insertTestUsers(db, [
      { username: u.rep, role: 'account_rep', organization: seller },
      { username: u.integ, role: 'integration', organization: seller },
      { username: u.other, role: 'integration', organization: seller },
    ]);
    const port = await freePort();
    taskQueue = `e2e-webhook-safety-${suffix}`;
    const env = appEnv({
      PORT: String(port), TEMPORAL_TASK_QUEUE: taskQueue, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${receiver.port},127.0.0.1:${deadPort}`, WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_WINDOW_SECONDS: '3', WEBHOOK_TIMEOUT_MS: '2000',
    });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const [key, username] of Object.entries(u)) as[key] = await http.login(username);
  }, 120_000);

  afterAll(async () => {
    await db?.query(`DELETE FROM webhook_subscriptions WHERE owner = ANY($1)`, [[u.integ, u.other]]).catch(() => undefined);
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.end();
    await receiver.stop();
    await smtp?.close();
  });

  const ok = expectStatus;

  const newContract = async () => (await ok(await as.rep!.post('/api/v1/contracts', draftBody({ seller, account: undefined })), 201)).body.id as string;
  const subscriptionsOf = async (owner: string) => (await db.query(`SELECT count(*)::int AS n FROM webhook_subscriptions WHERE owner = $1`, [owner])).rows[0].n;

  it.each([
    ['plain http to a host that is not allow-listed', 'http://example.com/hook', /must be an https URL/],
    ['loopback by IP', 'https://127.0.0.1/hook', /loopback, private or link-local address \(127\.0\.0\.1\)/],
    ['loopback by a name that resolves to it', 'https://localhost/hook', /resolves to a loopback, private or link-local address/],
    ['the cloud metadata address (link-local)', 'https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
    ['a private range', 'https://10.0.0.1/hook', /10\.0\.0\.1/],
    ['IPv6 loopback', 'https://[::1]/hook', /::1/],
    ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/hook', /loopback/],
    ['loopback written as one number', 'https://2130706433/hook', /127\.0\.0\.1/],
    ['an allow-listed host on another port', 'http://127.0.0.1:1/hook', /must be an https URL/],
    ['credentials in the URL', 'https://user:pw@example.com/hook', /user name or password/],
    ['a scheme other than http(s)', 'file:///etc/passwd', /https/],
  ])('refuses %s at subscription time with 422 naming url, and stores nothing', async (_what, url, message) => {
    const before = await subscriptionsOf(u.integ);
    const res = await as.integ!.post('/api/v1/webhooks', { url, events: '*' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'VALIDATION_FAILED', details: [{ field: 'url', message: expect.stringMatching(message) }] });
    expect(await subscriptionsOf(u.integ)).toBe(before);
  });

  it('refuses the same at PATCH time, leaving the subscription as it was', async () => {
    const sub = await ok(await as.integ!.post('/api/v1/webhooks', { url: receiver.url('/patched'), events: ['contract.cancelled'], filter: { seller } }), 201);
    const res = await as.integ!.request('PATCH', `/api/v1/webhooks/${sub.body.id}`, { url: 'https://169.254.169.254/latest/meta-data/' });
    expect(res).toMatchObject({ status: 422, body: { details: [{ field: 'url' }] } });
    expect((await ok(await as.integ!.get(`/api/v1/webhooks/${sub.body.id}`))).body.url).toBe(receiver.url('/patched'));
    // Someone else's subscription does not exist for them.
    expect((await as.other!.request('PATCH', `/api/v1/webhooks/${sub.body.id}`, { enabled: false })).status).toBe(404);
    expect((await as.other!.request('DELETE', `/api/v1/webhooks/${sub.body.id}`)).status).toBe(404);
    await ok(await as.integ!.request('DELETE', `/api/v1/webhooks/${sub.body.id}`), 204);
  });

  it('checks the target again at delivery: a host that now resolves to loopback (DNS rebinding) gets nothing', async () => {
    // As if the name had resolved to a public address when the subscription was made: written
    // directly, past the API's check. localhost resolves to loopback now.
    const { rows: [row] } = await db.query(
      `INSERT INTO webhook_subscriptions (owner, task_queue, url, events, filter_seller, secret) VALUES ($1, $2, $3, '{contract.created}', $4, 'whsec_AAAA') RETURNING id`,
      [u.integ, taskQueue, `https://localhost:${receiver.port}/rebound`, seller]);
    const id = await newContract();
    const deadline = Date.now() + 30_000;
    let delivery: any;
    while (Date.now() < deadline) {
      delivery = (await ok(await as.integ!.get(`/api/v1/webhooks/${row.id}/deliveries`))).body.find((d: any) => d.scope === id);
      if (delivery?.attempts >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivery).toMatchObject({ eventType: 'contract.created', lastStatusCode: null, lastError: expect.stringMatching(/^refused: localhost resolves to a forbidden address \((127\.0\.0\.1|::1)\)/) });
    expect(receiver.requests.filter((r) => r.path === '/rebound')).toEqual([]);
    await db.query(`DELETE FROM webhook_subscriptions WHERE id = $1`, [row.id]);
  });

  it('disables a subscription whose endpoint keeps failing past the retry window and mails its owner; once enabled again, nothing is lost and the order holds', async () => {
    const sub = (await ok(await as.integ!.post('/api/v1/webhooks', {
      url: `http://127.0.0.1:${deadPort}/hook?token=receiver-own-token`, events: ['contract.created', 'contract.submitted'], filter: { seller }, description: 'ERP',
    }), 201)).body;
    const first = await newContract();
    const mail = await waitForMail(smtp, `${u.integ}@mail.test`, `Webhook disabled: http://127.0.0.1:${deadPort}/hook`, 30_000);
    expect(mail.subject).toBe(`Webhook disabled: http://127.0.0.1:${deadPort}/hook`);
    expect(mail.text).toContain(sub.id);
    expect(mail.text).toContain('ECONNREFUSED');
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain('receiver-own-token');
    const read = (await ok(await as.integ!.get(`/api/v1/webhooks/${sub.id}`))).body;
    expect(read).toMatchObject({ enabled: false, disabledAt: expect.any(String), disabledReason: expect.stringContaining('retry window') });
    const failed = (await ok(await as.integ!.get(`/api/v1/webhooks/${sub.id}/deliveries?status=failed`))).body;
    expect(failed).toEqual([expect.objectContaining({ scope: first, eventType: 'contract.created', status: 'failed', lastStatusCode: null })]);
    expect(failed[0].attempts).toBeGreaterThanOrEqual(2);
    // While disabled, events are still written (the submit's transaction wrote it) but not sent.
    await ok(await as.rep!.post(`/api/v1/contracts/${first}/submit`));
    await new Promise((r) => setTimeout(r, 1500));
    const pending = (await ok(await as.integ!.get(`/api/v1/webhooks/${sub.id}/deliveries?status=pending`))).body;
    expect(pending).toEqual([expect.objectContaining({ scope: first, eventType: 'contract.submitted', attempts: 0 })]);

    // The endpoint is fixed (a receiver on that port) and the subscription enabled: the one given
    // up and the one that waited are delivered, in order.
    const fixed = await new WebhookReceiver().start(deadPort);
    try {
      await ok(await as.integ!.request('PATCH', `/api/v1/webhooks/${sub.id}`, { enabled: true }));
      const got = await fixed.waitForTypes(first, ['contract.created', 'contract.submitted'], undefined, 30_000);
      expect(got.map((m) => m.json.type)).toEqual(['contract.created', 'contract.submitted']);
      expect(got.every((m) => verifies(sub.secret, m) && m.path === '/hook?token=receiver-own-token')).toBe(true);
    } finally {
      await fixed.stop();
    }
    expect((await ok(await as.integ!.get(`/api/v1/webhooks/${sub.id}`))).body).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
    expect(worker.output).not.toContain('receiver-own-token');
  }, 90_000);
});
