import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ContractDraft } from '@pactum/domain';
import { freePort } from '@pactum/local-stack';
import { DEMO_BUYERS } from '@pactum/persistence';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient, expectStatus } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { verifyStandardWebhook } from './support/standard-webhooks';
import { WebhookReceiver, verifies, type ReceivedWebhook } from './support/webhook-receiver';

/**
 * Webhooks end to end: the API and the worker as real processes, and a real HTTP receiver on
 * loopback (allowed by WEBHOOK_ALLOWED_HOSTS). Every event type is driven by the real steps that
 * cause it, and every message is verified with a Standard Webhooks implementation written in the
 * test from the specification. Other test files share the database: their contracts' events reach
 * this subscription too, so every check looks at this file's own contracts.
 */
describe('signed webhooks delivered to a real receiver', () => {
  const receiver = new WebhookReceiver();
  let api: AppProcess;
  let worker: AppProcess;
  let env: NodeJS.ProcessEnv;
  let db: Client;
  let publicUrl: string;
  const as: Record<string, HttpClient> = {};
  let sub: { id: string; secret: string };
  const secretsSeen: string[] = [];
  /** The output of workers killed on purpose (the log check reads it too). */
  const earlierWorkerOutput: string[] = [];
  const buyer = `ou=Webhooks ${randomUUID().slice(0, 8)},${DEMO_BUYERS.northwind}`;

  beforeAll(async () => {
    await receiver.start();
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    env = appEnv({
      PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-webhooks-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000',
      WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${receiver.port}`, WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_TIMEOUT_MS: '2000',
    });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(publicUrl);
    for (const u of ['rep1', 'manager1', 'integrator', 'admin', 'checkout']) as[u] = await http.login(u);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    const created = await as.integrator!.post('/api/v1/webhooks', { url: receiver.url('/hooks/all'), events: '*', description: 'every event' });
    if (created.status !== 201) throw new Error(`subscribe: ${created.status} ${created.text}`);
    sub = created.body;
    secretsSeen.push(sub.secret);
  }, 120_000);

  afterAll(async () => {
    // Other files' contracts would keep queueing deliveries for a subscription nobody delivers.
    if (sub) await as.admin?.request('DELETE', `/api/v1/webhooks/${sub.id}`);
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
    await receiver.stop();
  });

  const ok = expectStatus;

  async function created(overrides: Partial<ContractDraft> = {}): Promise<{ id: string; code: string }> {
    return (await ok(await as.rep1!.post('/api/v1/contracts', draftBody(overrides)), 201)).body;
  }

  async function active(overrides: Partial<ContractDraft> = {}): Promise<string> {
    const c = await created(overrides);
    await ok(await as.rep1!.post(`/api/v1/contracts/${c.id}/submit`));
    await ok(await as.manager1!.post(`/api/v1/contracts/${c.id}/approve`));
    await as.rep1!.waitForStatus(c.id, 'ACTIVE');
    return c.id;
  }

  /** Every message about the contract is signed, says what it is about, and links to it. */
  function expectWellFormed(contractId: string, messages: ReceivedWebhook[], secret = sub.secret): void {
    for (const m of messages) {
      expect({ type: m.json.type, verifies: verifies(secret, m) }).toEqual({ type: m.json.type, verifies: true });
      expect(m.id).toBe(m.json.id);
      expect(m.json.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(m.json.data.contract).toEqual({ id: contractId, code: expect.any(String), version: expect.stringMatching(/^\d+\.\d+$/), status: expect.any(String) });
      expect(m.json.data.link).toBe(`${publicUrl}/api/v1/contracts/${contractId}`);
    }
  }

  const types = (messages: ReceivedWebhook[]) => messages.map((m) => m.json.type);

  it('checks messages with a verifier that reproduces the specification\'s published test vector (so the verifier itself is right)', () => {
    const vector = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: '1614265330', signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    expect(verifyStandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', vector, '{"test": 2432232314}', 1614265330)).toBe(true);
    expect(verifyStandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', vector, '{"test": 2432232315}', 1614265330)).toBe(false);
    expect(verifyStandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', vector, '{"test": 2432232314}', 1614265330 + 3600)).toBe(false);
  });

  it('answers the subscription 201 with a whsec_ secret shown once; reading it back never shows a secret', async () => {
    expect(sub).toMatchObject({ id: expect.any(String), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/), url: receiver.url('/hooks/all'), events: ['*'], enabled: true });
    const read = await ok(await as.integrator!.get(`/api/v1/webhooks/${sub.id}`));
    expect(read.text).not.toContain(sub.secret);
    expect(read.body).not.toHaveProperty('secret');
    const listed = await ok(await as.integrator!.get('/api/v1/webhooks'));
    expect(listed.body.map((s: { id: string }) => s.id)).toContain(sub.id);
    expect(listed.text).not.toContain('whsec_');
  });

  it('delivers every contract lifecycle event, signed, in each contract\'s order', async () => {
    // A: the live path, then closed by its new version B, which is cancelled.
    const a = await active();
    await ok(await as.manager1!.post(`/api/v1/contracts/${a}/suspend`, { reason: 'credit hold' }));
    await ok(await as.manager1!.post(`/api/v1/contracts/${a}/resume`));
    const b = (await ok(await as.rep1!.post(`/api/v1/contracts/${a}/new-version`), 201)).body.id as string;
    await ok(await as.rep1!.post(`/api/v1/contracts/${b}/submit`));
    await ok(await as.manager1!.post(`/api/v1/contracts/${b}/approve`));
    await as.rep1!.waitForStatus(b, 'ACTIVE');
    await as.rep1!.waitForStatus(a, 'CLOSED');
    await ok(await as.rep1!.post(`/api/v1/contracts/${b}/cancel`, { reason: 'customer left' }));
    // C: rejected, then deleted.
    const c = (await created()).id;
    await ok(await as.rep1!.post(`/api/v1/contracts/${c}/submit`));
    await ok(await as.manager1!.post(`/api/v1/contracts/${c}/reject`, { reason: 'too cheap' }));
    await ok(await as.rep1!.request('DELETE', `/api/v1/contracts/${c}`));
    // D: ends in 40 s, so it is expiring soon at once and expires meanwhile.
    const d = await active({ endsAt: new Date(Date.now() + 40_000).toISOString() });
    // E: a deploy that fails for good (a check violation Postgres raises for this contract only).
    const e = (await created()).id;
    const fn = `webhook_test_refuse_${e.replace(/-/g, '')}`;
    await db.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: deploy refused' USING ERRCODE = 'check_violation'; END $$`);
    await db.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON contract_deployments FOR EACH ROW WHEN (NEW.contract_id = '${e}') EXECUTE FUNCTION ${fn}()`);
    try {
      await ok(await as.rep1!.post(`/api/v1/contracts/${e}/submit`));
      await ok(await as.manager1!.post(`/api/v1/contracts/${e}/approve`));
      await as.rep1!.waitForStatus(e, 'DEPLOYMENT_FAILED');
    } finally {
      await db.query(`DROP TRIGGER IF EXISTS ${fn} ON contract_deployments`);
      await db.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
    await as.rep1!.waitForStatus(d, 'EXPIRED', 90_000);

    const expected: Record<string, string[]> = {
      [a]: ['contract.created', 'contract.submitted', 'contract.approved', 'contract.activated', 'contract.suspended', 'contract.resumed', 'contract.closed'],
      [b]: ['contract.created', 'contract.submitted', 'contract.approved', 'contract.activated', 'contract.cancelled'],
      [c]: ['contract.created', 'contract.submitted', 'contract.rejected', 'contract.deleted'],
      [d]: ['contract.created', 'contract.submitted', 'contract.approved', 'contract.activated', 'contract.expiring_soon', 'contract.expired'],
      [e]: ['contract.created', 'contract.submitted', 'contract.approved', 'contract.deployment_failed'],
    };
    for (const [id, want] of Object.entries(expected)) {
      const got = await receiver.waitForTypes(id, want);
      expect({ id, types: types(got) }).toEqual({ id, types: want });
      expectWellFormed(id, got);
    }
    // Each event says the status the step left the contract in, and a new version is 1.1 of the same code.
    const [aEvents, bEvents] = [receiver.acceptedFor(a), receiver.acceptedFor(b)];
    expect(aEvents.map((m) => m.json.data.contract.status)).toEqual(['DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'ACTIVE', 'CLOSED']);
    expect(bEvents[0]!.json.data.contract).toMatchObject({ code: aEvents[0]!.json.data.contract.code, version: '1.1', status: 'DRAFT' });
    expect(receiver.acceptedFor(e).at(-1)!.json.data.contract.status).toBe('DEPLOYMENT_FAILED');
  }, 180_000);

  it('delivers the checkout events: right to buy at 80% and 100% of its cap, and a quantity contract drawn down', async () => {
    const [sku, qsku] = [`SKU-${randomUUID().slice(0, 8)}`, `SKU-${randomUUID().slice(0, 8)}`];
    const terms = (s: string, extra: object[]) => [
      { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'Custom', offers: [{ sku: s, price: '10.00', currency: 'USD' }] },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 9, policy: 'StandardShippingChargeBySeller' },
      ...extra,
    ] as ContractDraft['terms'];
    const capped = await active({ buyers: [{ organization: buyer, active: true }], terms: terms(sku, [{ type: 'RightToBuyTCByAmount', sequenceNumber: 2, maximumAmount: '100.00', currency: 'USD' }]) });
    const quantity = await active({ buyers: [{ organization: buyer, active: true }], terms: terms(qsku, [{ type: 'QuantityCommitmentTC', sequenceNumber: 2, lines: [{ sku: qsku, quantity: 3 }] }]) });
    const order = (s: string, quantity: number) => ({ buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku: s, quantity, listPrice: '20.00' }] });
    // The API's checkout snapshot follows a deploy within a second.
    for (const [s, id] of [[sku, capped], [qsku, quantity]] as const) {
      const deadline = Date.now() + 10_000;
      while ((await ok(await as.checkout!.post('/api/v1/checkout/evaluate', order(s, 1)))).body.lines[0].contract?.id !== id) {
        if (Date.now() > deadline) throw new Error(`checkout does not price under ${id}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await ok(await as.checkout!.post('/api/v1/checkout/commit', { orderId: `wh-${capped}-1`, ...order(sku, 5) }));
    await ok(await as.checkout!.post('/api/v1/checkout/commit', { orderId: `wh-${capped}-2`, ...order(sku, 3) }));
    await ok(await as.checkout!.post('/api/v1/checkout/commit', { orderId: `wh-${capped}-3`, ...order(sku, 2) }));
    await ok(await as.checkout!.post('/api/v1/checkout/commit', { orderId: `wh-${quantity}-1`, ...order(qsku, 3) }));
    await as.rep1!.waitForStatus(quantity, 'COMPLETED');

    const thresholds = await receiver.waitFor(() => {
      const got = receiver.acceptedFor(capped).filter((m) => m.json.type === 'checkout.right_to_buy.threshold');
      return got.length >= 2 && got;
    }, 'two right-to-buy thresholds');
    expect(thresholds.map((m) => m.json.data.rightToBuy)).toEqual([
      { threshold: 80, limit: '100.00', consumed: '80.00', remaining: '20.00', currency: 'USD' },
      { threshold: 100, limit: '100.00', consumed: '100.00', remaining: '0.00', currency: 'USD' },
    ]);
    expectWellFormed(capped, thresholds);
    const completed = await receiver.waitFor(() => receiver.acceptedFor(quantity).find((m) => m.json.type === 'checkout.quantity.completed'), 'checkout.quantity.completed');
    expect(completed.json.data.contract.status).toBe('COMPLETED');
    expectWellFormed(quantity, [completed]);
    // The capped contract's lifecycle events came first, in order, then its thresholds.
    expect(types(receiver.acceptedFor(capped))).toEqual(['contract.created', 'contract.submitted', 'contract.approved', 'contract.activated',
      'checkout.right_to_buy.threshold', 'checkout.right_to_buy.threshold']);
  }, 120_000);

  it('delivers import.completed and import.failed when an import job ends, linking to the job', async () => {
    const upload = async (file: string, query: string) => (await ok(await as.integrator!.request('POST', `/api/v1/imports${query}`,
      readFileSync(join(__dirname, '..', 'fixtures', 'xml', file), 'utf8'), { 'content-type': 'application/xml' }), 202)).body.id as string;
    const good = await upload('complete-package.xml', '?dryRun=true&createMissing=true');
    const bad = await upload('doctype.xml', '');
    const byImport = (id: string) => receiver.requests.find((r) => r.answered === 204 && r.json?.data?.import?.id === id);
    const [done, failed] = [await receiver.waitFor(() => byImport(good), `import ${good}`), await receiver.waitFor(() => byImport(bad), `import ${bad}`)];
    const status = (await ok(await as.integrator!.get(`/api/v1/imports/${good}`))).body.status;
    expect(['SUCCEEDED', 'PARTIAL']).toContain(status);
    expect(done.json).toMatchObject({ type: 'import.completed', data: { import: { id: good, status, dryRun: true, createdBy: 'integrator' }, link: `${publicUrl}/api/v1/imports/${good}` } });
    expect(failed.json).toMatchObject({ type: 'import.failed', data: { import: { id: bad, status: 'FAILED', dryRun: false }, link: `${publicUrl}/api/v1/imports/${bad}` } });
    expect([verifies(sub.secret, done), verifies(sub.secret, failed)]).toEqual([true, true]);
  }, 120_000);

  it('loses nothing while the receiver answers 500 and then is down, and delivers each contract\'s events in order once it is back', async () => {
    receiver.mode = 'fail';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await active());
    for (const id of ids) await ok(await as.manager1!.post(`/api/v1/contracts/${id}/suspend`, { reason: 'hold' }));
    // Retried, not given up: the delivery of each first event was answered 500 more than once.
    await receiver.waitFor(() => ids.every((id) => receiver.requests.filter((r) => r.json?.data?.contract?.id === id && r.answered === 500).length >= 2), 'retries answered 500');
    const pending = await ok(await as.integrator!.get(`/api/v1/webhooks/${sub.id}/deliveries?status=pending&limit=200`));
    expect(pending.body.find((dl: any) => dl.scope === ids[0] && dl.eventType === 'contract.created')).toMatchObject({ status: 'pending', lastStatusCode: 500, attempts: expect.any(Number) });
    // Down: connections refused, while the contracts move on.
    await receiver.stop();
    for (const id of ids) await ok(await as.manager1!.post(`/api/v1/contracts/${id}/resume`));
    await new Promise((r) => setTimeout(r, 1500));
    receiver.mode = 'ok';
    await receiver.start();
    const want = ['contract.created', 'contract.submitted', 'contract.approved', 'contract.activated', 'contract.suspended', 'contract.resumed'];
    for (const id of ids) {
      const got = await receiver.waitForTypes(id, want, undefined, 90_000);
      expect({ id, types: types(got) }).toEqual({ id, types: want });
      expectWellFormed(id, got);
    }
    const delivered = await ok(await as.integrator!.get(`/api/v1/webhooks/${sub.id}/deliveries?status=delivered&limit=200`));
    const first = delivered.body.find((dl: any) => dl.scope === ids[0] && dl.eventType === 'contract.created');
    expect(first).toMatchObject({ status: 'delivered', lastStatusCode: 204, lastError: null, deliveredAt: expect.any(String) });
    expect(first.attempts).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it('re-sends a delivery on request with the same webhook-id and body', async () => {
    const id = (await created()).id;
    const [first] = await receiver.waitForTypes(id, ['contract.created']);
    const deliveries = await ok(await as.integrator!.get(`/api/v1/webhooks/${sub.id}/deliveries?limit=200`));
    const delivery = deliveries.body.find((dl: any) => dl.eventId === first!.id);
    expect(delivery).toMatchObject({ status: 'delivered', eventType: 'contract.created', scope: id });
    const resent = await ok(await as.integrator!.post(`/api/v1/webhooks/${sub.id}/deliveries/${delivery.id}/resend`), 202);
    expect(resent.body).toMatchObject({ id: delivery.id, status: 'pending' });
    const again = await receiver.waitFor(() => receiver.requests.filter((r) => r.id === first!.id && r.answered === 204).length >= 2 && receiver.requests.filter((r) => r.id === first!.id).at(-1), 'the re-sent message');
    expect(again.body).toBe(first!.body);
    expect(verifies(sub.secret, again)).toBe(true);
    expect((await as.integrator!.post(`/api/v1/webhooks/${sub.id}/deliveries/999999999999/resend`)).body).toMatchObject({ statusCode: 404, code: 'WEBHOOK_DELIVERY_NOT_FOUND' });
  }, 60_000);

  it('rotates the secret: both sign during the grace period, and with no grace only the new one', async () => {
    const rotated = await ok(await as.integrator!.post(`/api/v1/webhooks/${sub.id}/rotate-secret`, { graceMinutes: 60 }));
    expect(rotated.body).toMatchObject({ id: sub.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
    secretsSeen.push(rotated.body.secret);
    const id = (await created()).id;
    const [m] = await receiver.waitForTypes(id, ['contract.created']);
    expect([verifies(rotated.body.secret, m!), verifies(sub.secret, m!), m!.signature.split(' ').length]).toEqual([true, true, 2]);

    const again = await ok(await as.integrator!.post(`/api/v1/webhooks/${sub.id}/rotate-secret`, { graceMinutes: 0 }));
    secretsSeen.push(again.body.secret);
    const id2 = (await created()).id;
    const [m2] = await receiver.waitForTypes(id2, ['contract.created']);
    expect([verifies(again.body.secret, m2!), verifies(rotated.body.secret, m2!), verifies(sub.secret, m2!)]).toEqual([true, false, false]);
    sub = { ...sub, secret: again.body.secret };
  }, 60_000);

  it('duplicates a message only with the same webhook-id when the worker is killed mid-delivery', async () => {
    receiver.mode = 'hang';
    receiver.hangMs = 1500;
    const id = (await created()).id;
    const first = await receiver.waitFor(() => receiver.requests.find((r) => r.json?.data?.contract?.id === id), 'the first attempt');
    await worker.kill9();
    earlierWorkerOutput.push(worker.output);
    receiver.mode = 'ok';
    worker = new AppProcess('worker', env).start();
    await worker.waitForOutput(/worker polling/);
    // The dead worker's claim goes stale (2 × timeout + 10 s) and the delivery goes again.
    const [accepted] = await receiver.waitForTypes(id, ['contract.created'], undefined, 60_000);
    const attempts = receiver.requests.filter((r) => r.json?.data?.contract?.id === id && r.json?.type === 'contract.created');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((r) => r.id))).toEqual(new Set([first.id]));
    expect(new Set(attempts.map((r) => r.body))).toEqual(new Set([first.body]));
    expect(accepted!.id).toBe(first.id);
    // The worker records the delivery after the receiver's answer: read until it has (or 10 s passed).
    const recorded = async () => (await ok(await as.integrator!.get(`/api/v1/webhooks/${sub.id}/deliveries?limit=200`))).body
      .filter((dl: any) => dl.scope === id && dl.eventType === 'contract.created');
    let rows = await recorded();
    for (const until = Date.now() + 10_000; rows.some((dl: any) => dl.status !== 'delivered') && Date.now() < until; rows = await recorded()) await new Promise((r) => setTimeout(r, 100));
    expect(rows).toEqual([expect.objectContaining({ status: 'delivered' })]);
  }, 120_000);

  it('lets only integration users and admins manage webhooks, each user their own, and names bad fields', async () => {
    expect((await as.rep1!.post('/api/v1/webhooks', { url: receiver.url('/x'), events: '*' })).status).toBe(403);
    expect((await as.checkout!.get('/api/v1/webhooks')).status).toBe(403);
    expect((await new HttpClient(publicUrl).get('/api/v1/webhooks')).status).toBe(401);
    const admins = await ok(await as.admin!.get('/api/v1/webhooks'));
    expect(admins.body.map((s: { id: string }) => s.id)).toContain(sub.id);
    const bad = await as.integrator!.post('/api/v1/webhooks', { url: receiver.url('/x'), events: ['contract.activated', 'contract.teleported'], filter: { region: 'EU' } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', code: 'VALIDATION_FAILED' });
    expect(bad.body.details.map((x: { field: string }) => x.field)).toEqual(['events[1]', 'filter.region']);
    expect((await as.integrator!.get(`/api/v1/webhooks/${randomUUID()}`)).body).toMatchObject({ statusCode: 404, code: 'WEBHOOK_NOT_FOUND' });
    // A filtered, event-limited subscription gets only what it asks for.
    const narrow = await ok(await as.integrator!.post('/api/v1/webhooks', { url: receiver.url('/hooks/narrow'), events: ['contract.submitted'], filter: { buyer } }), 201);
    try {
      const mine = (await created({ buyers: [{ organization: buyer, active: true }] })).id;
      const other = (await created()).id;
      for (const id of [mine, other]) await ok(await as.rep1!.post(`/api/v1/contracts/${id}/submit`));
      await receiver.waitForTypes(mine, ['contract.submitted'], '/hooks/narrow');
      await receiver.waitForTypes(other, ['contract.submitted'], '/hooks/all');
      expect(types(receiver.acceptedFor(mine, '/hooks/narrow'))).toEqual(['contract.submitted']);
      expect(receiver.acceptedFor(other, '/hooks/narrow')).toEqual([]);
      expect(verifies(narrow.body.secret, receiver.acceptedFor(mine, '/hooks/narrow')[0]!)).toBe(true);
      const patched = await ok(await as.integrator!.request('PATCH', `/api/v1/webhooks/${narrow.body.id}`, { enabled: false, description: 'paused' }));
      expect(patched.body).toMatchObject({ enabled: false, description: 'paused', disabledReason: 'disabled by integrator' });
    } finally {
      await ok(await as.integrator!.request('DELETE', `/api/v1/webhooks/${narrow.body.id}`), 204);
    }
    expect((await as.integrator!.get(`/api/v1/webhooks/${narrow.body.id}`)).status).toBe(404);
  }, 90_000);

  it('writes no signing secret to the API\'s or the worker\'s log', () => {
    const logs = [api.output, worker.output, ...earlierWorkerOutput].join('\n');
    expect(logs).toContain('webhook delivery failed; will retry');
    for (const secret of secretsSeen) expect(logs).not.toContain(secret.slice('whsec_'.length));
  });
});
