import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { HttpClient } from '../support/http-client';
import { submittedContract, submittedNewVersion } from '../support/inbox-scenario';
import { DEMO_SELLER } from '@pactum/persistence';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * The approval page in a real Chromium against the real API and worker: a manager reviews the
 * redline of version 1.1 and approves it until it is ACTIVE, a rejection reaches the
 * representative with its reason, bulk approval and decisions work with the keyboard alone, and
 * the page holds together from phone to desktop widths with long names.
 */
describe('approval page in a browser', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let browser: Browser;
  let baseUrl: string;
  let db: Client;
  const users: Record<string, HttpClient> = {};
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`The browser tests need Chromium at ${CHROMIUM}, which is missing. Install it with: apt-get install -y chromium`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `browser-inbox-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    [browser] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true }),
      worker.waitForOutput(/worker polling/),
      api.waitForOutput(/API listening/),
    ]);
    baseUrl = `http://127.0.0.1:${port}`;
    const http = new HttpClient(baseUrl);
    for (const u of ['rep1', 'manager1', 'manager2']) users[u] = await http.login(u);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  afterEach(() => {
    expect(cspViolations).toEqual([]); // the page runs under its strict CSP without breaking it
  });

  async function open(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
    page.on('pageerror', (e) => cspViolations.push(`page error: ${e.message}`));
    return page;
  }

  /** Signs in with the keyboard only: Tab past the skip link, type, Enter. */
  async function signIn(page: Page, username: string, hash = ''): Promise<void> {
    await page.goto(`${baseUrl}/inbox${hash}`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('username');
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
  }

  // Expressions run in the page (this project compiles without the DOM library).
  const noHorizontalScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  const focused = (page: Page) => page.evaluate<{ id: string; text: string; value: string; checked: boolean }>(
    '({ id: document.activeElement.id, text: document.activeElement.textContent, value: document.activeElement.value, checked: document.activeElement.checked })');

  /** Presses Tab (or Shift+Tab) until the focused element is the one wanted; fails after `max` presses. */
  async function tabTo(page: Page, wanted: (el: { id: string; text: string; value: string }) => boolean, backwards = false, max = 200): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (wanted(await focused(page))) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`not reached with ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}; focus is on ${JSON.stringify(await focused(page))}`);
  }

  it('a manager reviews the redline of version 1.1 and approves it until it is ACTIVE', async () => {
    const code = `WEB-${randomUUID().slice(0, 8)}`;
    const { v2 } = await submittedNewVersion(users.rep1!, users.manager2!, code);
    const page = await open(1280, 900);
    await signIn(page, 'manager1');
    await page.getByRole('heading', { name: 'Waiting for your approval' }).waitFor();
    const row = page.locator(`tr[data-id="${v2.id}"]`);
    await expect(row.textContent()).resolves.toContain('Cap 250000.00 USD');
    await expect(row.textContent()).resolves.toContain('6 changes since 1.0');
    await expect(row.textContent()).resolves.toContain('rep1');
    await page.screenshot({ path: join(SCREENSHOTS, 'inbox-desktop.png'), fullPage: true });

    await page.getByRole('link', { name: `${code} 1.1` }).click();
    await page.getByRole('heading', { name: 'Changes since version 1.0' }).waitFor();
    const redline = page.getByRole('list', { name: 'Changes' });
    const changed = redline.locator('li.changed', { hasText: 'Whole catalogue at list price ± % (term 1) · adjustment' });
    await expect(changed.locator('.kind').textContent()).resolves.toBe('~ Changed');
    await expect(changed.locator('del').textContent()).resolves.toBe('was: -5%');
    await expect(changed.locator('ins').textContent()).resolves.toBe('now: -7.5%');
    await expect(redline.locator('li.added', { hasText: 'Right to buy (spending cap) (term 4)' }).locator('.kind').textContent()).resolves.toBe('+ Added');
    await expect(redline.locator('li.removed', { hasText: 'Shipping mode allowed (term 5)' }).locator('.kind').textContent()).resolves.toBe('− Removed');
    await expect(page.locator('article.term', { hasText: 'Custom price list (term 3)' }).textContent()).resolves.toContain('FST-HXN-M8 USD from 10: 5.80 USD');
    await page.screenshot({ path: join(SCREENSHOTS, 'contract-redline-desktop.png'), fullPage: true });

    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.locator('#contract-status', { hasText: 'ACTIVE' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('#message').textContent()).resolves.toContain('is now ACTIVE');
    expect((await users.rep1!.get(`/api/v1/contracts/${v2.id}`)).body.status).toBe('ACTIVE');
  }, 120_000);

  it('a rejection needs a reason, and the representative sees that reason in "my contracts"', async () => {
    const c = await submittedContract(users.rep1!, { description: 'Discount request for Northwind' });
    const manager = await open(1280, 900);
    await signIn(manager, 'manager1', `#/contracts/${c.id}`);
    await manager.getByRole('heading', { name: 'Your decision' }).waitFor();
    await manager.getByRole('button', { name: 'Reject' }).click(); // no reason: the form does not go out
    expect((await users.rep1!.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('PENDING_APPROVAL');
    await manager.getByLabel('Reason for rejection (required)').fill('Discount above the 10% policy');
    await manager.getByRole('button', { name: 'Reject' }).click();
    await manager.locator('#contract-status', { hasText: 'REJECTED' }).waitFor();

    const rep = await open(1280, 900);
    await signIn(rep, 'rep1');
    await rep.getByRole('heading', { name: 'My contracts' }).waitFor();
    const card = rep.locator(`article[data-id="${c.id}"]`);
    await expect(card.locator('.reason').textContent()).resolves.toBe('Discount above the 10% policy');
    await expect(card.getByRole('list', { name: 'Status timeline' }).textContent()).resolves.toContain('reject by manager1: PENDING_APPROVAL → REJECTED');
    await rep.screenshot({ path: join(SCREENSHOTS, 'my-contracts-desktop.png'), fullPage: true });
  }, 120_000);

  it('approves two contracts at once with the keyboard alone: Space ticks the rows, Enter approves the selection', async () => {
    const first = await submittedContract(users.rep1!, { description: 'Keyboard bulk one' });
    const second = await submittedContract(users.rep1!, { description: 'Keyboard bulk two' });
    const page = await open(1280, 900);
    await signIn(page, 'manager1');
    await page.locator(`tr[data-id="${second.id}"]`).waitFor();
    // Oldest first: the two were submitted one after the other, so their rows are neighbours.
    await tabTo(page, (el) => el.value === first.id);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // the contract link of the same row
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ value: second.id, checked: false });
    await page.keyboard.press('Space');
    expect(await focused(page)).toMatchObject({ value: second.id, checked: true });
    await tabTo(page, (el) => el.id === 'approve-selected', true);
    expect((await focused(page)).text).toBe('Approve selected (2)');
    await page.keyboard.press('Enter');
    await page.locator('#message', { hasText: '2 approved.' }).waitFor({ timeout: 30_000 });
    for (const c of [first, second]) await users.rep1!.waitForStatus(c.id, 'ACTIVE');
    await expect(page.locator(`tr[data-id="${first.id}"]`).count()).resolves.toBe(0);
  }, 120_000);

  it('decides by keyboard: Enter on the focused Approve button approves until ACTIVE', async () => {
    const c = await submittedContract(users.rep1!, { description: 'Keyboard decision' });
    const page = await open(1280, 900);
    await signIn(page, 'manager1', `#/contracts/${c.id}`);
    await page.getByRole('heading', { name: 'Your decision' }).waitFor();
    await tabTo(page, (el) => el.text === 'Approve');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    await page.locator('#contract-status', { hasText: 'ACTIVE' }).waitFor({ timeout: 30_000 });
    const history = (await users.rep1!.get(`/api/v1/contracts/${c.id}/history`)).body as any[];
    expect(history.filter((h) => h.action === 'approve')).toEqual([expect.objectContaining({ actor: 'manager1' })]);
  }, 120_000);

  it('shows buyer, waiting time and time to escalation in the row, and holds together at 1280, 1024 and 390 px with long names', async () => {
    const suffix = randomUUID().slice(0, 8);
    const submitter = `representative-with-a-remarkably-long-user-name-that-has-no-spaces-at-all-${suffix}`;
    const buyer = `ou=Procurement-Department-Of-The-Northwind-Fabrication-Group-For-Fasteners-Bolts-And-Nuts-Worldwide-${suffix},ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization`;
    await insertTestUsers(db, [{ username: submitter, role: 'account_rep', organization: DEMO_SELLER }]);
    const rep = await new HttpClient(baseUrl).login(submitter);
    const c = await submittedContract(rep, { buyers: [{ organization: buyer, active: true }] });
    for (const [width, height] of [[1280, 900], [1024, 768], [390, 844]] as const) {
      const page = await open(width, height);
      await signIn(page, 'manager1');
      const row = page.locator(`tr[data-id="${c.id}"]`);
      await row.waitFor();
      await expect(row.locator('td[data-label="Buyers"]').textContent()).resolves.toBe(buyer);
      await expect(row.locator('td[data-label="Submitted by"]').textContent()).resolves.toBe(submitter);
      await expect(row.locator('td[data-label="Waiting"]').textContent()).resolves.toMatch(/^\d+ (s|min)$/);
      // APPROVAL_ESCALATION_MINUTES defaults to 5 days.
      await expect(row.locator('td[data-label="Escalates"]').textContent()).resolves.toBe('in 4 d 23 h');
      expect(await noHorizontalScroll(page)).toBe(true);
      if (width > 768) {
        // Long names take the room they need from the wide columns, not by splitting short words
        // elsewhere: one-word headers, the waiting time and the time to escalation keep to one line.
        const lines = await page.evaluate<{ text: string; lines: number }[]>(`[...document.querySelectorAll('table.inbox th'), ...document.querySelectorAll('tr[data-id="${c.id}"] td.time')]
          .filter((el) => !el.querySelector('.sr') && (el.tagName === 'TD' || !el.textContent.trim().includes(' ')))
          .map((el) => { const r = document.createRange(); r.selectNodeContents(el); return { text: el.textContent.trim(), lines: new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size }; })`);
        expect(lines.map((l) => l.text)).toEqual(['Contract', 'Buyers', 'Value', 'Waiting', 'Escalates', expect.stringMatching(/^\d+ (s|min)$/), 'in 4 d 23 h']);
        expect(lines.filter((l) => l.lines !== 1)).toEqual([]);
      }
      await page.screenshot({ path: join(SCREENSHOTS, `inbox-long-names-${width}.png`), fullPage: true });
      await page.getByRole('link', { name: `${c.code} 1.0` }).click();
      await page.getByRole('heading', { name: 'Your decision' }).waitFor();
      await expect(page.getByText(buyer).count()).resolves.toBeGreaterThan(0);
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `contract-long-names-${width}.png`), fullPage: true });
    }
  }, 180_000);

  it('holds together at phone width (390 px): no sideways scrolling, long names wrap', async () => {
    const code = `PHONE-${randomUUID().slice(0, 8)}-WITH-A-VERY-LONG-CONTRACT-CODE-THAT-MUST-WRAP`;
    const { v2 } = await submittedNewVersion(users.rep1!, users.manager2!, code);
    const page = await open(390, 844);
    await signIn(page, 'manager1');
    await page.locator(`tr[data-id="${v2.id}"]`).waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'inbox-phone.png'), fullPage: true });
    await page.getByRole('link', { name: `${code} 1.1` }).click();
    await page.getByRole('heading', { name: 'Your decision' }).waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    // Focus is visible on a real button reached by keyboard.
    await page.getByLabel('Comment (optional)').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Approve');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await page.screenshot({ path: join(SCREENSHOTS, 'contract-phone.png'), fullPage: true });
  }, 120_000);
});
