import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { DEMO_SELLER } from '@pactum/persistence';
import { BrowserApp, WIDTHS, focused, noHorizontalScroll, seriousAccessibilityViolations, tabTo } from '../support/browser-app';
import { HttpClient } from '../support/http-client';
import { submittedContract, submittedNewVersion } from '../support/inbox-scenario';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';

/**
 * The sales manager's side of the web app in a real Chromium against the real API and worker: a
 * manager reviews the redline of version 1.1 and approves it until it is ACTIVE, a rejection
 * reaches the representative with its reason, bulk approval and decisions work with the keyboard
 * alone, the pages hold together from phone to desktop widths with long names and have no
 * serious accessibility findings, a delegation is started, seen by both managers and ended, and
 * the old /inbox address still leads there.
 */
describe('inbox, contract page and delegations in a browser', () => {
  const app = new BrowserApp('inbox');
  let db: Client;
  const users = app.users;

  beforeAll(async () => {
    await app.start(['rep1', 'manager1', 'manager2']);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    // A delegation left running by a failed test would send manager1's new requests elsewhere.
    const left = (await users.manager1?.get('/api/v1/delegations'))?.body as { id: string; delegator: string }[] | undefined;
    for (const d of left ?? []) if (d.delegator === 'manager1') await users.manager1!.request('DELETE', `/api/v1/delegations/${d.id}`);
    await db?.end();
    await app.stop();
  });

  // The pages run under their strict CSP without breaking it, and without script errors.
  afterEach(() => { expect(app.problems.splice(0)).toEqual([]); });

  it('a manager reviews the redline of version 1.1 and approves it until it is ACTIVE', async () => {
    const code = `WEB-${randomUUID().slice(0, 8)}`;
    const { v2 } = await submittedNewVersion(users.rep1!, users.manager2!, code);
    const page = await app.open(1280, 900);
    await app.signIn(page, 'manager1'); // lands on #/: the manager's inbox
    await page.getByRole('heading', { name: 'Waiting for your approval' }).waitFor();
    const row = page.locator(`tr[data-id="${v2.id}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Cap 250000.00 USD');
    await expect(row.textContent()).resolves.toContain('6 changes since 1.0');
    await expect(row.textContent()).resolves.toContain('rep1');
    await app.screenshot(page, 'inbox-desktop');

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
    await app.screenshot(page, 'contract-redline-desktop');

    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.locator('#contract-status', { hasText: 'ACTIVE' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('#message').textContent()).resolves.toContain('is now ACTIVE');
    expect((await users.rep1!.get(`/api/v1/contracts/${v2.id}`)).body.status).toBe('ACTIVE');
  }, 120_000);

  it('a rejection needs a reason, and the representative sees that reason in "my contracts"', async () => {
    const c = await submittedContract(users.rep1!, { description: 'Discount request for Northwind' });
    const manager = await app.open(1280, 900);
    await app.signIn(manager, 'manager1', `#/contracts/${c.id}`);
    await manager.getByRole('heading', { name: 'Your decision' }).waitFor();
    await manager.getByRole('button', { name: 'Reject' }).click(); // no reason: the form does not go out
    expect((await users.rep1!.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('PENDING_APPROVAL');
    await manager.getByLabel('Reason for rejection (required)').fill('Discount above the 10% policy');
    await manager.getByRole('button', { name: 'Reject' }).click();
    await manager.locator('#contract-status', { hasText: 'REJECTED' }).waitFor();

    const rep = await app.open(1280, 900);
    await app.signIn(rep, 'rep1'); // lands on #/: the representative's contracts
    await rep.getByRole('heading', { name: 'My contracts' }).waitFor();
    const card = rep.locator(`article[data-id="${c.id}"]`);
    await card.waitFor();
    await expect(card.locator('.reason').textContent()).resolves.toBe('Discount above the 10% policy');
    await expect(card.getByRole('list', { name: 'Status timeline' }).textContent()).resolves.toContain('reject by manager1: PENDING_APPROVAL → REJECTED');
    await app.screenshot(rep, 'my-contracts-desktop');
  }, 120_000);

  it('approves two contracts at once with the keyboard alone: Space ticks the rows, Enter approves the selection', async () => {
    const first = await submittedContract(users.rep1!, { description: 'Keyboard bulk one' });
    const second = await submittedContract(users.rep1!, { description: 'Keyboard bulk two' });
    const page = await app.open(1280, 900);
    await app.signIn(page, 'manager1');
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

  it('select all ticks every row, and the bulk answer names each contract that could not be approved', async () => {
    const a = await submittedContract(users.rep1!, { description: 'Select all one' });
    const b = await submittedContract(users.rep1!, { description: 'Select all two' });
    const page = await app.open(1280, 900);
    await app.signIn(page, 'manager1');
    await page.locator(`tr[data-id="${b.id}"]`).waitFor();
    await page.getByLabel('Select all').check();
    const boxes = page.locator('#inbox-rows input[name=ids]');
    const n = await boxes.count();
    expect(await page.locator('#inbox-rows input[name=ids]:checked').count()).toBe(n);
    await page.getByLabel('Select all').uncheck();
    expect(await page.locator('#inbox-rows input[name=ids]:checked').count()).toBe(0);
    await page.getByLabel(`Select ${a.code} 1.0`).check();
    await page.getByLabel(`Select ${b.code} 1.0`).check();
    // Meanwhile another manager rejects one of them: that one fails, the other is approved.
    expect((await users.manager2!.post(`/api/v1/contracts/${b.id}/reject`, { reason: 'taken by manager2' })).status).toBe(200);
    await page.getByRole('button', { name: 'Approve selected (2)' }).click();
    const message = page.locator('#message', { hasText: '1 approved, 1 failed' });
    await message.waitFor({ timeout: 30_000 });
    await expect(message.textContent()).resolves.toContain(`${b.id.slice(0, 8)}: `);
    await users.rep1!.waitForStatus(a.id, 'ACTIVE');
    expect((await users.rep1!.get(`/api/v1/contracts/${b.id}`)).body.status).toBe('REJECTED');
  }, 120_000);

  it('decides by keyboard: Enter on the focused Approve button approves until ACTIVE', async () => {
    const c = await submittedContract(users.rep1!, { description: 'Keyboard decision' });
    const page = await app.open(1280, 900);
    await app.signIn(page, 'manager1', `#/contracts/${c.id}`);
    await page.getByRole('heading', { name: 'Your decision' }).waitFor();
    await tabTo(page, (el) => el.text === 'Approve');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    await page.locator('#contract-status', { hasText: 'ACTIVE' }).waitFor({ timeout: 30_000 });
    const history = (await users.rep1!.get(`/api/v1/contracts/${c.id}/history`)).body as any[];
    expect(history.filter((h) => h.action === 'approve')).toEqual([expect.objectContaining({ actor: 'manager1' })]);
  }, 120_000);

  it('shows buyer, waiting time and time to escalation in the row, and the inbox and contract page hold together at 1280, 1024 and 390 px with long names, with no serious accessibility findings', async () => {
    const suffix = randomUUID().slice(0, 8);
    const submitter = `representative-with-a-remarkably-long-user-name-that-has-no-spaces-at-all-${suffix}`;
    const buyer = `ou=Procurement-Department-Of-The-Northwind-Fabrication-Group-For-Fasteners-Bolts-And-Nuts-Worldwide-${suffix},ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization`;
    await insertTestUsers(db, [{ username: submitter, role: 'account_rep', organization: DEMO_SELLER }]);
    const rep = await new HttpClient(app.baseUrl).login(submitter);
    const c = await submittedContract(rep, { buyers: [{ organization: buyer, active: true }] });
    for (const [width, height] of WIDTHS) {
      const page = await app.open(width, height);
      await app.signIn(page, 'manager1');
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
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await app.screenshot(page, `inbox-long-names-${width}`);
      await page.getByRole('link', { name: `${c.code} 1.0` }).click();
      await page.getByRole('heading', { name: 'Your decision' }).waitFor();
      await expect(page.getByText(buyer).count()).resolves.toBeGreaterThan(0);
      expect(await noHorizontalScroll(page)).toBe(true);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await app.screenshot(page, `contract-long-names-${width}`);
    }
  }, 240_000);

  it('holds together at phone width (390 px): no sideways scrolling, long names wrap', async () => {
    const code = `PHONE-${randomUUID().slice(0, 8)}-WITH-A-VERY-LONG-CONTRACT-CODE-THAT-MUST-WRAP`;
    const { v2 } = await submittedNewVersion(users.rep1!, users.manager2!, code);
    const page = await app.open(390, 844);
    await app.signIn(page, 'manager1');
    await page.locator(`tr[data-id="${v2.id}"]`).waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await app.screenshot(page, 'inbox-phone');
    await page.getByRole('link', { name: `${code} 1.1` }).click();
    await page.getByRole('heading', { name: 'Your decision' }).waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    // Focus is visible on a real button reached by keyboard.
    await page.getByLabel('Comment (optional)').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Approve');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await app.screenshot(page, 'contract-phone');
  }, 120_000);

  it('a manager starts a delegation, both managers see who covers whom, the delegate sees and may decide the waiting contract, and ending it takes that back', async () => {
    const suffix = randomUUID().slice(0, 8);
    // A manager of another organisation: sees this seller's contracts only as someone's delegate.
    const deputy = `deputy-${suffix}`;
    await insertTestUsers(db, [{ username: deputy, role: 'sales_manager', organization: `o=Elsewhere ${suffix},o=Root Organization` }]);
    const deputyApi = await new HttpClient(app.baseUrl).login(deputy);
    const c = await submittedContract(users.rep1!, { description: 'Waiting while manager1 is away' });
    const inboxOfDeputy = async () => ((await deputyApi.get('/api/v1/inbox?pageSize=200')).body.items as any[]).map((i) => i.id);
    expect(await inboxOfDeputy()).not.toContain(c.id);

    const page = await app.open(1280, 900);
    await app.signIn(page, 'manager1');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Delegations' }).click();
    await page.getByRole('heading', { name: 'Delegations' }).waitFor();
    await page.locator('#given-none').waitFor();
    // The API's refusal is shown at its field.
    await page.getByLabel("Delegate (a sales manager's user name)").fill('manager1');
    await page.getByLabel('Until').fill('2099-12-31T12:00');
    await page.getByRole('button', { name: 'Start delegation' }).click();
    await expect(page.locator('#delegate-error').textContent()).resolves.toBe('must be someone else');
    await page.getByLabel("Delegate (a sales manager's user name)").fill(deputy);
    await page.getByRole('button', { name: 'Start delegation' }).click();
    const given = page.getByRole('table', { name: 'Who covers you' }).locator('tr', { hasText: `${deputy} covers manager1` });
    await given.waitFor();
    await expect(given.textContent()).resolves.toContain('running');
    await expect(page.locator('#message').textContent()).resolves.toContain(`${deputy} covers your approvals`);
    for (const [width, height] of WIDTHS) {
      await page.setViewportSize({ width, height });
      expect(await noHorizontalScroll(page)).toBe(true);
      await app.screenshot(page, `delegations-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const deputyPage = await app.open(1280, 900);
    await app.signIn(deputyPage, deputy);
    await deputyPage.locator(`tr[data-id="${c.id}"]`).waitFor();
    await expect(deputyPage.locator('#cover-note', { hasText: 'You cover manager1 (until 2099-12-31' }).textContent()).resolves.toContain('their contracts are listed here too');
    await deputyPage.getByRole('link', { name: `${c.code} 1.0` }).click();
    await deputyPage.getByRole('heading', { name: 'Your decision' }).waitFor();
    await deputyPage.goto(`${app.baseUrl}/#/delegations`);
    await deputyPage.getByRole('table', { name: 'Whom you cover' }).locator('tr', { hasText: `${deputy} covers manager1` }).waitFor();
    await expect(deputyPage.getByRole('button', { name: /^End/ }).count()).resolves.toBe(0); // only the delegator ends it

    await page.getByRole('button', { name: `End the delegation to ${deputy}` }).click();
    await page.locator('#given-none').waitFor();
    await expect(page.locator('#message').textContent()).resolves.toBe(`The delegation to ${deputy} has ended.`);
    expect(await inboxOfDeputy()).not.toContain(c.id);
    expect((await deputyApi.post(`/api/v1/contracts/${c.id}/approve`, {})).status).toBe(403);
  }, 120_000);

  it('the old /inbox address leads to the app and keeps the link\'s contract', async () => {
    const res = await fetch(`${app.baseUrl}/inbox`, { redirect: 'manual' });
    expect({ status: res.status, location: res.headers.get('location') }).toEqual({ status: 302, location: '/' });
    for (const path of ['/inbox/app.js', '/inbox/app.css']) expect((await fetch(app.baseUrl + path)).status).toBe(404);

    const c = await submittedContract(users.rep1!, { description: 'Opened from an old link' });
    const signInAt = async (page: Page, url: string) => {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('User name').fill('manager1');
      await page.getByLabel('Password').fill('demo');
      await page.getByLabel('Password').press('Enter');
    };
    // An action-link page's link, and a mail's link from before the app (#contract/<id>).
    for (const url of [`${app.baseUrl}/inbox#/contracts/${c.id}`, `${app.baseUrl}/inbox#contract/${c.id}`]) {
      const page = await app.open(1280, 900);
      await signInAt(page, url);
      await page.getByRole('heading', { name: `${c.code} 1.0` }).waitFor();
      await page.getByRole('heading', { name: 'Your decision' }).waitFor();
      expect(page.url()).toBe(`${app.baseUrl}/#/contracts/${c.id}`);
    }
  }, 120_000);
});
