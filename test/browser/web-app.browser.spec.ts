import { BrowserApp, seriousAccessibilityViolations } from '../support/browser-app';

/**
 * The web app's shell in a real Chromium: served by the API at / under its CSP, sign-in by
 * keyboard, each role's start page and navigation, and no serious accessibility findings.
 */
describe('web app shell in a browser', () => {
  const app = new BrowserApp('shell');

  beforeAll(async () => { await app.start(['rep1', 'manager1']); }, 120_000);
  afterAll(() => app.stop());
  afterEach(() => { expect(app.problems.splice(0)).toEqual([]); });

  it('serves the app at / with its CSP and immutable hashed assets, compressed as the browser accepts them, and / answers the sign-in form with no serious accessibility findings', async () => {
    const res = await fetch(`${app.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(app.baseUrl + asset);
    expect({ status: js.status, cache: js.headers.get('cache-control') }).toEqual({ status: 200, cache: 'public, max-age=31536000, immutable' });
    // Sent compressed as the browser accepts it (made at build time), plain to a client that accepts nothing.
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
      const res = await fetch(app.baseUrl + asset, { headers: { 'accept-encoding': accept } });
      expect({ accept, encoding: res.headers.get('content-encoding'), vary: res.headers.get('vary') }).toEqual({ accept, encoding, vary: expect.stringContaining('accept-encoding') });
      expect((await res.text()).length).toBeGreaterThan(100_000);
    }
    expect((await fetch(`${app.baseUrl}/no-such-file.js`)).status).toBe(404);

    const page = await app.open();
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('a wrong password is refused with a message and no session; the right one signs in and shows who is signed in', async () => {
    const page = await app.open();
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('User name').fill('rep1');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#message', { hasText: 'Unknown user or wrong password.' }).waitFor();
    expect(await page.locator('#sign-out').count()).toBe(0);
    await app.signIn(page, 'rep1');
    await expect(page.locator('#who').textContent()).resolves.toBe('rep1 (account representative)');
  });
});
