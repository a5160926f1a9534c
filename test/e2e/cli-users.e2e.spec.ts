import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEMO_SELLER } from '@pactum/persistence';
import { appEnv } from '../support/app-processes';
import { testStack } from '../support/test-stack';

const CLI = join(__dirname, '..', '..', 'apps', 'cli', 'dist', 'main.js');
const cli = (args: string[], env: Record<string, string> = {}) => {
  // No PACTUM_NEW_PASSWORD from the caller's environment, and stdin is not a terminal (no prompt).
  const { PACTUM_NEW_PASSWORD: _p, ...base } = appEnv({});
  return spawnSync(process.execPath, [CLI, ...args], { env: { ...base, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
};
const GOOD = 'violet-kettle-43-orbit';

describe('pactum CLI', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  });
  afterAll(async () => { await db?.end(); });

  const userRow = async (username: string) =>
    (await db.query('SELECT roles, organization_dn, active, password_hash, is_demo, token_version FROM users WHERE username = $1', [username])).rows[0];

  it('users:add creates a real user with a scrypt hash, the password from the environment, without echoing it', async () => {
    const username = `ops-${randomUUID().slice(0, 8)}`;
    const res = cli(['users:add', username, '--role', 'sales_manager,admin', '--organization', DEMO_SELLER, '--password-env', 'NEW_PW', '--name', 'Ops Person'], { NEW_PW: GOOD });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`user ${username} saved with roles sales_manager, admin for ${DEMO_SELLER}`);
    expect(res.stdout + res.stderr).not.toContain(GOOD);
    expect(await userRow(username)).toMatchObject({
      roles: ['sales_manager', 'admin'], organization_dn: DEMO_SELLER, password_hash: expect.stringMatching(/^scrypt\$16384\$8\$1\$/), is_demo: false,
    });
  });

  it('users:add refuses --password on the command line, saying why, and writes nothing', async () => {
    const username = `cmdline-${randomUUID().slice(0, 8)}`;
    const res = cli(['users:add', username, '--role', 'account_rep', '--organization', DEMO_SELLER, '--password', GOOD]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--password is refused: .*shell history.*process list/);
    expect(await userRow(username)).toBeUndefined();
  });

  it.each([
    ['shorter than 12 characters', 'short-pw-1', /at least 12 characters/],
    ['one of the most common ones', 'Password1234', /most common passwords/],
  ])('users:add refuses a new password %s with exit code 2, writing nothing', async (_what, password, message) => {
    const username = `weak-${randomUUID().slice(0, 8)}`;
    const res = cli(['users:add', username, '--role', 'account_rep', '--organization', DEMO_SELLER], { PACTUM_NEW_PASSWORD: password });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(await userRow(username)).toBeUndefined();
  });

  it('users:add without a password in the environment and no terminal refuses, naming the variable', () => {
    const res = cli(['users:add', `nopw-${randomUUID().slice(0, 8)}`, '--role', 'account_rep', '--organization', DEMO_SELLER]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/PACTUM_NEW_PASSWORD/);
  });

  it('users:add refuses a sales manager without an organisation, or with an unknown one', async () => {
    const username = `mgr-${randomUUID().slice(0, 8)}`;
    const none = cli(['users:add', username, '--role', 'sales_manager'], { PACTUM_NEW_PASSWORD: GOOD });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--organization: .*approve for every seller/);
    const unknown = cli(['users:add', username, '--role', 'sales_manager', '--organization', 'o=Nowhere,o=Root Organization'], { PACTUM_NEW_PASSWORD: GOOD });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/not a known organisation/);
    expect(await userRow(username)).toBeUndefined();
  });

  it('users:add refuses an unknown role with exit code 2, naming the option', () => {
    const res = cli(['users:add', 'someone', '--role', 'wizard'], { PACTUM_NEW_PASSWORD: GOOD });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--role/);
  });

  it('re-running users:add for an existing user changes nothing; --update prints what changes and keeps an inactive user inactive', async () => {
    const username = `again-${randomUUID().slice(0, 8)}`;
    expect(cli(['users:add', username, '--role', 'account_rep', '--organization', DEMO_SELLER], { PACTUM_NEW_PASSWORD: GOOD }).status).toBe(0);
    const before = await userRow(username);
    const again = cli(['users:add', username, '--role', 'account_rep,sales_manager,admin', '--organization', DEMO_SELLER], { PACTUM_NEW_PASSWORD: `${GOOD}-2` });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already: nothing changed.*--update/);
    expect(await userRow(username)).toEqual(before);

    const updated = cli(['users:add', username, '--update', '--role', 'account_rep,import_approved']);
    expect(updated.status).toBe(0);
    expect(updated.stdout).toContain('roles: account_rep → account_rep, import_approved');
    expect(updated.stdout).not.toContain('password');
    const after = await userRow(username);
    expect(after).toMatchObject({ roles: ['account_rep', 'import_approved'], password_hash: before.password_hash, token_version: before.token_version + 1 });

    await db.query('UPDATE users SET active = false WHERE username = $1', [username]);
    const inactive = cli(['users:add', username, '--update', '--role', 'account_rep']);
    expect(inactive.status).toBe(1);
    expect(inactive.stderr).toMatch(/is inactive: --update leaves it so; add --reactivate/);
    expect((await userRow(username)).active).toBe(false);
    const reactivated = cli(['users:add', username, '--update', '--reactivate']);
    expect(reactivated.status).toBe(0);
    expect(reactivated.stdout).toContain('active: no → yes');
    expect((await userRow(username)).active).toBe(true);
  });

  it('migrate reports an up-to-date schema; an unknown command exits 2 with the usage', () => {
    const migrate = cli(['migrate']);
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/schema is up to date/);
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
