import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';

const GOOD = 'violet-kettle-43-orbit';
const OTHER = 'amber-lantern-71-quay';

/**
 * The admin API over HTTP against a real API process and Postgres: users and roles with the rules
 * of `pactum users:add`, tokens ending at once when a user is deactivated or changed, an admin's
 * protection against locking themselves out, and a seller's approval settings. Other files share
 * the database: this file works on users and an organisation of its own.
 */
describe('admin API: users, roles and seller approval settings', () => {
  let api: AppProcess;
  let db: Client;
  let http: HttpClient;
  let admin: HttpClient;
  const run = randomUUID().slice(0, 8);
  const seller = `o=Admin Seller ${run},o=Root Organization`;
  const name = (what: string) => `${what}-${run}`;

  beforeAll(async () => {
    const port = await freePort();
    api = new AppProcess('api', appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `e2e-admin-${randomUUID()}` })).start();
    await api.waitForOutput(/API listening/);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    admin = await http.login('admin');
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $2, 'o=Root Organization')`, [seller, `Admin Seller ${run}`]);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await api?.stop();
  });

  const userRow = async (username: string) => (await db.query('SELECT roles, organization_dn, active, token_version FROM users WHERE username = $1', [username])).rows[0];
  const create = (body: Record<string, unknown>) => admin.request('POST', '/api/v1/admin/users', body);
  const change = (who: HttpClient, username: string, body: Record<string, unknown>) => who.request('PATCH', `/api/v1/admin/users/${encodeURIComponent(username)}`, body);
  const fields = (res: { body: { details?: { field?: string }[] } }) => (res.body.details ?? []).map((d) => d.field);

  it('refuses every admin route to a non-admin with 403, and without a token with 401', async () => {
    const rep = await http.login('rep1');
    expect((await rep.get('/api/v1/admin/users')).status).toBe(403);
    expect((await rep.request('POST', '/api/v1/admin/users', { username: name('nope'), password: GOOD, roles: ['admin'] })).status).toBe(403);
    expect((await change(rep, 'rep1', { roles: ['admin'] })).status).toBe(403);
    expect((await rep.get('/api/v1/admin/organizations')).status).toBe(403);
    expect((await rep.request('PATCH', `/api/v1/admin/organizations/${encodeURIComponent(seller)}`, { requiresContractApproval: false })).status).toBe(403);
    expect((await http.get('/api/v1/admin/users')).status).toBe(401);
    expect(await userRow(name('nope'))).toBeUndefined();
    expect((await userRow('rep1')).roles).toEqual(['account_rep']);
  });

  it.each([
    ['a password under 12 characters', { password: 'short-pw-1' }, 'password', /at least 12 characters/],
    ['one of the most common passwords', { password: 'Password1234' }, 'password', /most common/],
    ['a password containing the username', { password: 'xx-USERNAME-xx' }, 'password', /username/],
    ['no password', { password: undefined }, 'password', /required/],
    ['an unknown role', { roles: ['wizard'] }, 'roles', /one or more of/],
    ['no role', { roles: [] }, 'roles', /one or more of/],
    ['a sales manager without an organisation', { organization: undefined }, 'organization', /approve for every seller/],
    ['an unknown organisation', { organization: 'o=Nowhere,o=Root Organization' }, 'organization', /not a known organisation/],
    ['a username with a space', { username: 'bad name' }, 'username', /letters, digits/],
    ['an unknown field', { passwordHash: 'scrypt$x' }, 'passwordHash', /unknown field/],
  ])('refuses to create a user with %s: 422 naming the field, nothing written', async (_what, override, field, message) => {
    const username = name(`bad${Math.random().toString(36).slice(2, 7)}`);
    const body: Record<string, unknown> = { username, password: GOOD, roles: ['sales_manager'], organization: seller, ...override };
    if (typeof body.password === 'string') body.password = body.password.replace('USERNAME', username);
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, message: expect.stringContaining('nothing was written') });
    const detail = res.body.details.find((d: { field?: string }) => d.field === field);
    expect(detail?.message).toMatch(message);
    expect(await userRow(typeof body.username === 'string' ? body.username : username)).toBeUndefined();
  });

  it('creates a user who signs in at once; lists users without any password or hash; a taken username is 409', async () => {
    const username = name('mgr');
    const res = await create({ username, password: GOOD, roles: ['sales_manager'], organization: seller, displayName: 'Mia Manager', email: `${username}@mail.test` });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      username, displayName: 'Mia Manager', email: `${username}@mail.test`, roles: ['sales_manager'], organization: seller, active: true, createdAt: expect.any(String),
    });
    expect((await http.post('/api/v1/auth/token', { username, password: GOOD })).status).toBe(200);
    const list = await admin.get('/api/v1/admin/users');
    expect(list.status).toBe(200);
    expect(list.body.find((u: { username: string }) => u.username === username)).toEqual(res.body);
    expect(list.body.find((u: { username: string }) => u.username === 'rep1')).toMatchObject({ roles: ['account_rep'], active: true });
    expect(list.text).not.toMatch(/scrypt|password/i);
    const again = await create({ username, password: OTHER, roles: ['integration'] });
    expect(again.status).toBe(409);
    expect(fields(again)).toEqual(['username']);
    expect((await userRow(username)).roles).toEqual(['sales_manager']);
    // The log records who did what, never the password or its hash.
    await api.waitForOutput(new RegExp(`"event":"admin.user_created".*"user":"${username}"`));
    expect(api.output).not.toContain(GOOD);
    expect(api.output).not.toMatch(/scrypt\$/);
  });

  it("ends a user's tokens at once when they are deactivated, and refuses their sign-in", async () => {
    const username = name('int');
    expect((await create({ username, password: GOOD, roles: ['integration'] })).status).toBe(201);
    const user = await http.login(username, GOOD);
    expect((await user.get('/api/v1/member-groups')).status).toBe(200);
    const off = await change(admin, username, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const refused = await user.get('/api/v1/member-groups');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/no longer valid/);
    expect((await http.post('/api/v1/auth/token', { username, password: GOOD })).status).toBe(401);
    expect((await change(admin, username, { active: true })).status).toBe(200);
    expect((await user.get('/api/v1/member-groups')).status).toBe(401);
    expect((await http.post('/api/v1/auth/token', { username, password: GOOD })).status).toBe(200);
  });

  it('ends the tokens on a new password or new roles (the old password stops working), but not on a new display name', async () => {
    const username = name('rot');
    expect((await create({ username, password: GOOD, roles: ['integration'] })).status).toBe(201);
    let user = await http.login(username, GOOD);
    expect((await change(admin, username, { displayName: 'Renamed' })).status).toBe(200);
    expect((await user.get('/api/v1/member-groups')).status).toBe(200);

    const weak = await change(admin, username, { password: 'Password1234' });
    expect(weak.status).toBe(422);
    expect(fields(weak)).toEqual(['password']);
    expect((await user.get('/api/v1/member-groups')).status).toBe(200);

    expect((await change(admin, username, { password: OTHER })).status).toBe(200);
    expect((await user.get('/api/v1/member-groups')).status).toBe(401);
    expect((await http.post('/api/v1/auth/token', { username, password: GOOD })).status).toBe(401);
    user = await http.login(username, OTHER);

    const rolesChanged = await change(admin, username, { roles: ['integration', 'order_service'] });
    expect(rolesChanged.body.roles).toEqual(['integration', 'order_service']);
    expect((await user.get('/api/v1/member-groups')).status).toBe(401);
  });

  it('applies the organisation rule to a change: a rep needs one, and clearing it is refused while the role needs it', async () => {
    const username = name('rep');
    expect((await create({ username, password: GOOD, roles: ['integration'] })).status).toBe(201);
    const noOrg = await change(admin, username, { roles: ['account_rep'] });
    expect(noOrg.status).toBe(422);
    expect(fields(noOrg)).toEqual(['organization']);
    expect((await userRow(username)).roles).toEqual(['integration']);
    const ok = await change(admin, username, { roles: ['account_rep'], organization: seller });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ roles: ['account_rep'], organization: seller });
    const cleared = await change(admin, username, { organization: null });
    expect(cleared.status).toBe(422);
    expect(fields(cleared)).toEqual(['organization']);
    expect((await userRow(username)).organization_dn).toBe(seller);
    expect((await change(admin, 'nobody-' + run, { active: false })).status).toBe(404);
  });

  it('does not let an admin deactivate themselves or remove their own admin role; another admin can', async () => {
    const username = name('adm');
    expect((await create({ username, password: GOOD, roles: ['admin'] })).status).toBe(201);
    const self = await http.login(username, GOOD);
    const off = await change(self, username, { active: false });
    expect(off.status).toBe(422);
    expect(fields(off)).toEqual(['active']);
    const demote = await change(self, username, { roles: ['integration'] });
    expect(demote.status).toBe(422);
    expect(fields(demote)).toEqual(['roles']);
    expect(await userRow(username)).toMatchObject({ roles: ['admin'], active: true, token_version: 0 });
    expect((await self.get('/api/v1/admin/users')).status).toBe(200);
    // Adding a role to oneself is allowed; then another admin may take admin away.
    expect((await change(self, username, { roles: ['admin', 'integration'] })).status).toBe(200);
    const byOther = await change(admin, username, { roles: ['integration'] });
    expect(byOther.status).toBe(200);
    expect((await userRow(username)).roles).toEqual(['integration']);
  });

  it("lists the seller's approval settings and sets the fallback approver to an active sales manager only", async () => {
    const manager = name('fb');
    const rep = name('fbrep');
    expect((await create({ username: manager, password: GOOD, roles: ['sales_manager'], organization: seller })).status).toBe(201);
    expect((await create({ username: rep, password: GOOD, roles: ['account_rep'], organization: seller })).status).toBe(201);
    const orgs = await admin.get('/api/v1/admin/organizations');
    expect(orgs.status).toBe(200);
    expect(orgs.body.find((o: { dn: string }) => o.dn === seller)).toEqual({
      dn: seller, name: `Admin Seller ${run}`, parent: 'o=Root Organization', requiresContractApproval: true, fallbackApprover: null,
    });
    const path = `/api/v1/admin/organizations/${encodeURIComponent(seller)}`;
    for (const who of [rep, `ghost-${run}`]) {
      const refused = await admin.request('PATCH', path, { fallbackApprover: who, requiresContractApproval: false });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([{ field: 'fallbackApprover', message: `${who} is not an active sales manager` }]);
    }
    // Nothing half-written: the approval setting sent with the refused approver did not change.
    expect((await db.query('SELECT requires_contract_approval, fallback_approver FROM organizations WHERE dn = $1', [seller])).rows[0])
      .toEqual({ requires_contract_approval: true, fallback_approver: null });
    const set = await admin.request('PATCH', path, { fallbackApprover: manager, requiresContractApproval: false });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ dn: seller, fallbackApprover: manager, requiresContractApproval: false });
    expect((await admin.get('/api/v1/admin/organizations')).body.find((o: { dn: string }) => o.dn === seller)).toMatchObject({ fallbackApprover: manager, requiresContractApproval: false });

    expect((await change(admin, manager, { active: false })).status).toBe(200);
    const inactive = await admin.request('PATCH', path, { fallbackApprover: manager });
    expect(inactive.status).toBe(422);
    const cleared = await admin.request('PATCH', path, { fallbackApprover: null, requiresContractApproval: true });
    expect(cleared.body).toMatchObject({ fallbackApprover: null, requiresContractApproval: true });
    const bad = await admin.request('PATCH', path, { requiresContractApproval: 'no' });
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual(['requiresContractApproval']);
    expect((await admin.request('PATCH', `/api/v1/admin/organizations/${encodeURIComponent('o=Nowhere ' + run)}`, { requiresContractApproval: false })).status).toBe(404);
    await api.waitForOutput(new RegExp(`"event":"admin.organization_changed".*"fallbackApprover":"${manager}"`));
  });
});
