import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { appEnv } from '../support/app-processes';
import { testStack } from '../support/test-stack';

const CLI = join(__dirname, '..', '..', 'apps', 'cli', 'dist', 'main.js');
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { env: { ...appEnv({}), ...env }, encoding: 'utf8' });

describe('pactum CLI', () => {
  it('users:add creates a real user with a scrypt hash, without echoing the password', async () => {
    const username = `ops-${process.pid}`;
    const res = cli(['users:add', username, '--role', 'sales_manager,admin', '--password-env', 'NEW_PW', '--name', 'Ops Person'], { NEW_PW: 'correct horse battery' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`user ${username} saved with roles sales_manager, admin`);
    expect(res.stdout).not.toContain('correct horse');
    const db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT roles, password_hash, is_demo FROM users WHERE username = $1', [username]);
      expect(rows).toEqual([{ roles: ['sales_manager', 'admin'], password_hash: expect.stringMatching(/^scrypt\$16384\$8\$1\$/), is_demo: false }]);
    } finally {
      await db.end();
    }
  });

  it('users:add refuses an unknown role and a short password with exit code 2, naming the option', () => {
    const res = cli(['users:add', 'someone', '--role', 'wizard', '--password', 'short']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--role/);
    expect(res.stderr).toMatch(/--password/);
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
