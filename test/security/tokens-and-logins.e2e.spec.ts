import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { hashPassword } from '@pactum/security';
import { AppProcess, appEnv } from '../support/app-processes';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';
import { DEMO_SELLER } from '@pactum/persistence';

/**
 * Tokens follow the user's state in Postgres (deactivated, deleted, changed), failed logins slow
 * down per user and per address with a 429 that every API process gives, and API answers are
 * never cached. Two API processes share one database.
 */
describe('tokens and logins', () => {
  const suffix = randomUUID().slice(0, 8);
  let one: AppProcess;
  let two: AppProcess;
  let http1: HttpClient;
  let http2: HttpClient;
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    const [port1, port2] = [await freePort(), await freePort()];
    const queue = `sec-tokens-${suffix}`;
    one = new AppProcess('api', appEnv({ PORT: String(port1), TEMPORAL_TASK_QUEUE: queue })).start();
    two = new AppProcess('api', appEnv({ PORT: String(port2), TEMPORAL_TASK_QUEUE: queue })).start();
    await Promise.all([one.waitForOutput(/API listening/), two.waitForOutput(/API listening/)]);
    http1 = new HttpClient(`http://127.0.0.1:${port1}`);
    http2 = new HttpClient(`http://127.0.0.1:${port2}`);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await db?.end();
  });

  /** A login from a made-up client address (the API trusts X-Forwarded-For from its proxy). */
  const login = (http: HttpClient, username: string, password: string, address: string) =>
    http.request('POST', '/api/v1/auth/token', { username, password }, { 'x-forwarded-for': address });

  it('stops the tokens of a deactivated, a deleted and a re-passworded user within a minute, and no others', async () => {
    const names = ['off', 'gone', 'newpw', 'kept'].map((n) => `tl-${n}-${suffix}`);
    await insertTestUsers(db, names.map((username) => ({ username, role: 'account_rep', organization: DEMO_SELLER })));
    const clients = await Promise.all(names.map((n) => http1.login(n)));
    // Each token is verified and its user's state cached before the change.
    for (const c of clients) expect((await c.get('/api/v1/contracts?pageSize=1')).status).toBe(200);
    const changedAt = Date.now();
    await db.query(`UPDATE users SET active = false WHERE username = $1`, [names[0]]);
    await db.query(`DELETE FROM users WHERE username = $1`, [names[1]]);
    await db.query(`UPDATE users SET password_hash = $2 WHERE username = $1`, [names[2], await hashPassword('another-password-123')]);
    const refused = new Set<number>();
    while (refused.size < 3 && Date.now() - changedAt < 60_000) {
      for (const i of [0, 1, 2]) {
        if (refused.has(i)) continue;
        const res = await clients[i]!.get('/api/v1/contracts?pageSize=1');
        if (res.status === 401) refused.add(i);
        else expect(res.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    expect([...refused].sort()).toEqual([0, 1, 2]);
    expect(Date.now() - changedAt).toBeLessThan(60_000);
    expect((await clients[0]!.get('/api/v1/contracts?pageSize=1')).body).toMatchObject({ statusCode: 401, message: expect.stringMatching(/sign in again/) });
    expect((await clients[3]!.get('/api/v1/contracts?pageSize=1')).status).toBe(200);
    expect((await login(http1, names[0]!, 'demo', '198.51.100.1')).status).toBe(401);
  }, 90_000);

  it('throttles failed logins of one user with growing delays and a 429 LOGIN_THROTTLED with Retry-After, on every API process', async () => {
    const username = `tl-throttled-${suffix}`;
    await insertTestUsers(db, [{ username, role: 'account_rep', organization: DEMO_SELLER }]);
    // Each attempt from another address: only the per-user counter applies.
    const address = (i: number) => `203.0.113.${i}`;
    for (let i = 1; i <= 5; i++) expect((await login(http1, username, 'wrong-password', address(i))).status).toBe(401);
    const blocked = await login(http1, username, 'demo', address(6));
    expect(blocked).toMatchObject({ status: 429, body: { statusCode: 429, code: 'LOGIN_THROTTLED', error: 'Too Many Requests' } });
    const first = await fetch(`${http2.baseUrl}/api/v1/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address(7) }, body: JSON.stringify({ username, password: 'demo' }),
    });
    // The other API process knows it too (the counters are in Postgres), even with the right password.
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1_100));
    // One more failure after the wait doubles it.
    expect((await login(http2, username, 'wrong-password', address(8))).status).toBe(401);
    const second = await fetch(`${http1.baseUrl}/api/v1/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address(9) }, body: JSON.stringify({ username, password: 'demo' }),
    });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBe(2);
    await new Promise((r) => setTimeout(r, 2_100));
    // The right password after the wait signs in and clears the count.
    expect((await login(http1, username, 'demo', address(10))).status).toBe(200);
    expect((await login(http1, username, 'wrong-password', address(11))).status).toBe(401);
    expect((await login(http1, username, 'demo', address(12))).status).toBe(200);
  }, 60_000);

  it('throttles one address that tries many usernames, and not the others', async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < 20; i++) expect((await login(http1, `nobody-${i}-${suffix}`, 'guess-guess', address)).status).toBe(401);
    const res = await login(http2, 'rep1', 'demo', address);
    expect(res).toMatchObject({ status: 429, body: { code: 'LOGIN_THROTTLED' } });
    expect((await login(http2, 'rep1', 'demo', '198.18.0.1')).status).toBe(200);
  }, 60_000);

  it('answers the token, API JSON and API errors with cache-control: no-store', async () => {
    const token = await fetch(`${http1.baseUrl}/api/v1/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77' }, body: JSON.stringify({ username: 'rep1', password: 'demo' }),
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    const { accessToken } = await token.json() as { accessToken: string };
    for (const [path, status] of [['/api/v1/contracts?pageSize=1', 200], ['/api/v1/contracts/not-a-uuid', 400], ['/api/v1/inbox', 403]] as const) {
      const res = await fetch(`${http1.baseUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect({ path, status: res.status, cache: res.headers.get('cache-control') }).toEqual({ path, status, cache: 'no-store' });
    }
    const anonymous = await fetch(`${http1.baseUrl}/api/v1/contracts`);
    expect({ status: anonymous.status, cache: anonymous.headers.get('cache-control') }).toEqual({ status: 401, cache: 'no-store' });
  });
});
