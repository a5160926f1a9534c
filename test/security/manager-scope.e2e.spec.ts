import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { hashPassword } from '@pactum/security';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';

/**
 * Organisation scope on every contract route: two seller organisations, each with a rep and a
 * manager of its own. Nobody acts on or reads the other seller's contracts (except integration and
 * admins, who read all); reps create contracts only for their own organisation.
 */
describe('organisation scope of reps and managers', () => {
  const suffix = randomUUID().slice(0, 8);
  const sellerA = `o=Scope A ${suffix},o=Root Organization`;
  const sellerB = `o=Scope B ${suffix},o=Root Organization`;
  const u = { repA: `sc-rep-a-${suffix}`, mgrA: `sc-mgr-a-${suffix}`, repB: `sc-rep-b-${suffix}`, mgrB: `sc-mgr-b-${suffix}`, lead: `sc-lead-${suffix}` };
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let db: Client;
  const as: Record<string, HttpClient> = {};

  beforeAll(async () => {
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    for (const dn of [sellerA, sellerB]) {
      await db.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $1, 'o=Root Organization')`, [dn]);
    }
    await insertTestUsers(db, [
      { username: u.repA, role: 'account_rep', organization: sellerA }, { username: u.mgrA, role: 'sales_manager', organization: sellerA },
      { username: u.repB, role: 'account_rep', organization: sellerB }, { username: u.mgrB, role: 'sales_manager', organization: sellerB },
    ]);
    // Rep and manager at once: may create and decide for A, but never approve their own contract.
    await db.query(`INSERT INTO users (username, password_hash, roles, organization_dn) VALUES ($1, $2, $3, $4)`,
      [u.lead, await hashPassword('demo'), ['account_rep', 'sales_manager'], sellerA]);
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `sec-scope-${suffix}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const [key, username] of Object.entries(u)) as[key] = await http.login(username);
    for (const username of ['integrator', 'admin', 'manager1']) as[username] = await http.login(username);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.end();
  });

  const ok = <T extends { status: number; text: string }>(res: T, status = 200): T => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
    return res;
  };
  const create = async (by = 'repA', seller = sellerA) => ok(await as[by]!.post('/api/v1/contracts', draftBody({ seller, account: undefined })), 201).body;

  async function contractOfA(status: 'DRAFT' | 'PENDING_APPROVAL' | 'ACTIVE'): Promise<string> {
    const { id } = await create();
    if (status === 'DRAFT') return id;
    ok(await as.repA!.post(`/api/v1/contracts/${id}/submit`));
    if (status === 'PENDING_APPROVAL') return id;
    expect(ok(await as.mgrA!.post(`/api/v1/contracts/${id}/approve`)).body.status).toBe('ACTIVE');
    return id;
  }

  const statusOf = async (id: string) => (await db.query(`SELECT status, state_seq FROM contracts WHERE id = $1`, [id])).rows[0];

  it('refuses a rep who creates a contract for another seller (403 OUT_OF_SCOPE) or a made-up one, writing nothing', async () => {
    const foreign = draftBody({ seller: sellerA, account: undefined });
    const res = await as.repB!.post('/api/v1/contracts', foreign);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'OUT_OF_SCOPE', details: [{ field: 'seller' }] });
    const madeUp = draftBody({ seller: `o=Nowhere ${suffix},o=Root Organization`, account: undefined });
    expect((await as.repA!.post('/api/v1/contracts', madeUp)).body).toMatchObject({ statusCode: 403, code: 'OUT_OF_SCOPE', details: [{ field: 'seller' }] });
    // Inside the rep's organisation by its name, but no such organisation: 422 naming the seller.
    const below = draftBody({ seller: `ou=Invented,${sellerA}`, account: undefined });
    expect((await as.repA!.post('/api/v1/contracts', below)).body).toMatchObject({ statusCode: 422, details: [{ field: 'seller' }] });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM contracts WHERE code = ANY ($1)`, [[foreign.code, madeUp.code, below.code]]);
    expect(rows[0].n).toBe(0);
    // The rep of the seller may.
    expect((await create('repA')).status).toBe('DRAFT');
  });

  it('refuses a manager of another seller approve and reject (NOT_AN_APPROVER) and suspend, resume, cancel (OUT_OF_SCOPE), changing nothing', async () => {
    const pending = await contractOfA('PENDING_APPROVAL');
    for (const [action, body] of [['approve', {}], ['reject', { reason: 'no' }]] as const) {
      expect({ action, ...(await as.mgrB!.post(`/api/v1/contracts/${pending}/${action}`, body)).body })
        .toMatchObject({ action, statusCode: 403, code: 'NOT_AN_APPROVER', details: [{ field: 'seller' }] });
    }
    const active = await contractOfA('ACTIVE');
    const before = await statusOf(active);
    for (const [action, body] of [['suspend', {}], ['cancel', { reason: 'not mine' }], ['deploy', {}]] as const) {
      expect({ action, ...(await as.mgrB!.post(`/api/v1/contracts/${active}/${action}`, body)).body })
        .toMatchObject({ action, statusCode: 403, code: 'OUT_OF_SCOPE', details: [{ field: 'seller' }] });
    }
    expect(await statusOf(active)).toEqual(before);
    // Suspended by its own manager, it cannot be resumed from outside either.
    expect(ok(await as.mgrA!.post(`/api/v1/contracts/${active}/suspend`)).body.status).toBe('SUSPENDED');
    expect((await as.mgrB!.post(`/api/v1/contracts/${active}/resume`)).body).toMatchObject({ statusCode: 403, code: 'OUT_OF_SCOPE' });
    expect(ok(await as.mgrA!.post(`/api/v1/contracts/${active}/resume`)).body.status).toBe('ACTIVE');
  }, 120_000);

  it('refuses a rep of another seller every read and change of a contract (403 OUT_OF_SCOPE), and lists only their own seller\'s', async () => {
    const id = await contractOfA('DRAFT');
    const calls: [string, () => Promise<{ status: number; body: any }>][] = [
      ['get', () => as.repB!.get(`/api/v1/contracts/${id}`)],
      ['history', () => as.repB!.get(`/api/v1/contracts/${id}/history`)],
      ['export.xml', () => as.repB!.get(`/api/v1/contracts/${id}/export.xml`)],
      ['inbox detail', () => as.repB!.get(`/api/v1/inbox/${id}`)],
      ['patch', () => as.repB!.request('PATCH', `/api/v1/contracts/${id}`, { description: 'mine now' })],
      ['terms', () => as.repB!.request('PUT', `/api/v1/contracts/${id}/terms`, draftBody().terms)],
      ['submit', () => as.repB!.post(`/api/v1/contracts/${id}/submit`)],
      ['delete', () => as.repB!.request('DELETE', `/api/v1/contracts/${id}`)],
    ];
    for (const [name, call] of calls) expect({ name, ...(await call()).body }).toMatchObject({ name, statusCode: 403, code: 'OUT_OF_SCOPE' });
    expect((await as.mgrB!.get(`/api/v1/contracts/${id}`)).body).toMatchObject({ statusCode: 403, code: 'OUT_OF_SCOPE' });
    expect((await statusOf(id)).status).toBe('DRAFT');

    const listed = async (who: string) => (await as[who]!.get(`/api/v1/contracts?pageSize=500`)).body.items.map((c: { id: string }) => c.id);
    expect(await listed('repB')).not.toContain(id);
    expect(await listed('mgrB')).not.toContain(id);
    expect(await listed('repA')).toContain(id);
    expect(await listed('mgrA')).toContain(id);
    const csv = async (who: string) => (await as[who]!.get('/api/v1/exports/contracts.csv')).text;
    expect(await csv('repB')).not.toContain(id);
    expect(await csv('repA')).toContain(id);
  }, 120_000);

  it('lets integration and admins read every seller\'s contracts, and the demo users keep their own seller', async () => {
    const id = await contractOfA('DRAFT');
    expect((await as.integrator!.get(`/api/v1/contracts/${id}`)).status).toBe(200);
    expect((await as.admin!.get(`/api/v1/contracts/${id}/history`)).status).toBe(200);
    // manager1 (demo seller) is outside seller A.
    expect((await as.manager1!.get(`/api/v1/contracts/${id}`)).body).toMatchObject({ statusCode: 403, code: 'OUT_OF_SCOPE' });
  });

  it('keeps "nobody approves their own contract" for a user who is rep and manager of the seller (SELF_APPROVAL)', async () => {
    const { id } = await create('lead');
    ok(await as.lead!.post(`/api/v1/contracts/${id}/submit`));
    expect((await as.lead!.post(`/api/v1/contracts/${id}/approve`)).body).toMatchObject({ statusCode: 403, code: 'SELF_APPROVAL' });
    expect(ok(await as.mgrA!.post(`/api/v1/contracts/${id}/approve`)).body.status).toBe('ACTIVE');
  }, 120_000);
});
