import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { submittedContract, submittedNewVersion } from '../support/inbox-scenario';
import { testStack } from '../support/test-stack';

/**
 * The approval inbox API over HTTP (real API and worker processes, real Postgres and Temporal):
 * the SQL inbox, the redline of a new version, bulk approval through the workflows, and the
 * representatives' own contracts. Other test files share the database: assertions look only at
 * the contracts this file created.
 */
describe('approval inbox API', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let db: Client;
  const users: Record<string, HttpClient> = {};

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-inbox-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', APPROVAL_ESCALATION_MINUTES: '90' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const u of ['rep1', 'rep2', 'manager1', 'manager2']) users[u] = await http.login(u);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const inboxOf = async (who: string) => {
    const res = await users[who]!.get('/api/v1/inbox?pageSize=200');
    expect(res.status).toBe(200);
    return res.body as { items: any[]; total: number; escalationMinutes: number };
  };

  it('lists what waits oldest first, with value, timing and a redline summary; the detail has the full redline', async () => {
    const code = `INBOX-${randomUUID().slice(0, 8)}`;
    const { v1, v2 } = await submittedNewVersion(users.rep1!, users.manager1!, code);
    const later = await submittedContract(users.rep2!);

    const inbox = await inboxOf('manager2');
    const mine = inbox.items.filter((i) => i.id === v2.id || i.id === later.id);
    expect(mine.map((i) => i.id)).toEqual([v2.id, later.id]);
    const item = mine[0];
    expect(item).toMatchObject({
      code, version: '1.1', submitter: 'rep1', owner: 'rep1',
      buyers: [expect.stringContaining('Northwind East')], buyerCount: 1,
      value: { label: 'Cap 250000.00 USD', rightToBuy: { amount: '250000.00', currency: 'USD' }, offers: 2 },
      previousVersion: { id: v1.id, version: '1.0' },
      changes: { href: `/api/v1/inbox/${v2.id}`, added: 2, removed: 1, changed: 3, total: 6 },
      escalated: false,
    });
    expect(Date.parse(item.escalatesAt) - Date.parse(item.submittedAt)).toBe(90 * 60_000);
    expect(item.secondsLeft).toBeGreaterThan(80 * 60);
    expect(item.waitingSeconds).toBeGreaterThanOrEqual(0);
    expect(mine[1]).toMatchObject({ submitter: 'rep2', previousVersion: null, value: { label: 'No cap' } });
    expect(inbox.escalationMinutes).toBe(90);

    const detail = await users.manager2!.get(`/api/v1/inbox/${v2.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ contract: { id: v2.id, status: 'PENDING_APPROVAL' }, previousVersion: { version: '1.0', status: 'ACTIVE' }, canDecide: true, submitter: 'rep1' });
    expect(detail.body.redline.changes.map((c: any) => [c.kind, c.path, c.before, c.after])).toEqual([
      ['changed', 'profile.endsAt', '2027-12-31 23:59 UTC', '2028-06-30 00:00 UTC'],
      ['changed', 'terms[PriceTCMasterCatalogWithOptionalAdjustment#1].signedPercentage', '-5%', '-7.5%'],
      ['changed', 'terms[PriceTCCustomPriceList#3].offers[FST-HXB-M8-100 USD]', '18.40 USD', '17.90 USD'],
      ['added', 'terms[PriceTCCustomPriceList#3].offers[FST-HXN-M8 USD from 10]', undefined, '5.80 USD'],
      ['added', 'terms[RightToBuyTCByAmount#4]', undefined, 'cap: 250000.00; currency: USD'],
      ['removed', 'terms[ShippingTCShippingMode#5]', 'mode: UPS-GROUND', undefined],
    ]);
    expect(detail.body.terms).toContainEqual(expect.objectContaining({ title: 'Right to buy (spending cap) (term 4)', lines: ['cap: 250000.00', 'currency: USD'] }));
    expect((await users.rep1!.get(`/api/v1/inbox/${v2.id}`)).body.canDecide).toBe(false);
  });

  it('leaves out contracts the manager owns or submitted, and refuses other roles', async () => {
    const c = await submittedContract(users.rep1!);
    expect((await inboxOf('manager1')).items.map((i) => i.id)).toContain(c.id);
    await db.query(`UPDATE contracts SET owner = 'manager1' WHERE id = $1`, [c.id]);
    expect((await inboxOf('manager1')).items.map((i) => i.id)).not.toContain(c.id);
    expect((await inboxOf('manager2')).items.map((i) => i.id)).toContain(c.id);
    await db.query(`UPDATE contracts SET owner = 'rep1', submitted_by = 'manager2' WHERE id = $1`, [c.id]);
    expect((await inboxOf('manager2')).items.map((i) => i.id)).not.toContain(c.id);
    await db.query(`UPDATE contracts SET submitted_by = 'rep1' WHERE id = $1`, [c.id]);
    expect((await users.rep1!.get('/api/v1/inbox')).status).toBe(403);
    expect((await users.manager1!.get('/api/v1/my-contracts')).status).toBe(403);
    expect((await users.manager1!.get('/api/v1/inbox?pageSize=201')).status).toBe(400);
  });

  it('approves several at once through the workflows and reports each failure by id', async () => {
    const a = await submittedContract(users.rep1!);
    const b = await submittedContract(users.rep2!);
    const draft = (await users.rep1!.post('/api/v1/contracts', draftBody())).body;
    const missing = randomUUID();
    const res = await users.manager1!.post('/api/v1/inbox/approve', { ids: [a.id, draft.id, b.id, missing], comment: 'bulk' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ approved: 2, failed: 2 });
    expect(res.body.results).toEqual([
      { id: a.id, ok: true, status: expect.stringMatching(/^(APPROVED|DEPLOYING|ACTIVE)$/) },
      expect.objectContaining({ id: draft.id, ok: false, statusCode: 409 }),
      { id: b.id, ok: true, status: expect.stringMatching(/^(APPROVED|DEPLOYING|ACTIVE)$/) },
      expect.objectContaining({ id: missing, ok: false, statusCode: 404 }),
    ]);
    await users.rep1!.waitForStatus(a.id, 'ACTIVE');
    const history = (await users.rep1!.get(`/api/v1/contracts/${a.id}/history`)).body;
    expect(history).toContainEqual(expect.objectContaining({ action: 'approve', actor: 'manager1', detail: { comment: 'bulk' } }));
    expect((await users.manager1!.post('/api/v1/inbox/approve', { ids: ['nope'] })).status).toBe(422);
  });

  it('shows a representative their own contracts with the status timeline and the rejection reason', async () => {
    const c = await submittedContract(users.rep1!, { description: 'to be rejected' });
    expect((await users.manager1!.post(`/api/v1/contracts/${c.id}/reject`, { reason: 'Discount above policy' })).status).toBe(200);
    const res = await users.rep1!.get('/api/v1/my-contracts?pageSize=200');
    expect(res.status).toBe(200);
    const mine = res.body.items.find((i: any) => i.id === c.id);
    expect(mine).toMatchObject({ status: 'REJECTED', rejection: { by: 'manager1', reason: 'Discount above policy' } });
    expect(mine.timeline.map((t: any) => `${t.action}:${t.toStatus}`)).toEqual(['create:DRAFT', 'submit:PENDING_APPROVAL', 'reject:REJECTED']);
    expect(mine.timeline[2]).toMatchObject({ actor: 'manager1', reason: 'Discount above policy' });
    expect((await users.rep2!.get('/api/v1/my-contracts?pageSize=200')).body.items.map((i: any) => i.id)).not.toContain(c.id);
  });
});
