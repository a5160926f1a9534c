import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { BrowserApp, WIDTHS, noHorizontalScroll, seriousAccessibilityViolations } from '../support/browser-app';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';

const GOOD = 'violet-kettle-43-orbit';

/**
 * The admin pages in a real Chromium against the real stack: an admin adds a user (a refused
 * password shown at its field first) who then signs in, sets a seller's fallback approver from its
 * sales managers, and replaces a price list's prices by CSV (a bad line shown first). Each admin
 * page is photographed at every width and has no serious accessibility finding. Other files share
 * the database: this file uses a seller, users and a price list of its own.
 */
describe('admin pages in a browser', () => {
  const app = new BrowserApp('admin');
  let db: Client;
  let admin: HttpClient;
  const run = randomUUID().slice(0, 8);
  const seller = `o=Browser Seller ${run},o=Root Organization`;

  beforeAll(async () => {
    await app.start(['admin']);
    admin = app.users.admin!;
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $2, 'o=Root Organization')`, [seller, `Browser Seller ${run}`]);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await app.stop();
  });
  afterEach(() => { expect(app.problems.splice(0)).toEqual([]); });

  async function everyWidth(page: Page, name: string): Promise<void> {
    for (const [width, height] of WIDTHS) {
      await page.setViewportSize({ width, height });
      await app.screenshot(page, `admin-${name}-${width}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      if (width === 390) expect(await noHorizontalScroll(page)).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('an admin adds a user (a common password refused at its field, nothing created), who then signs in with their roles', async () => {
    const username = `web-${run}`;
    const page = await app.open(1280, 900);
    await app.signIn(page, 'admin', '#/admin/users');
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
    await page.locator('tr[data-username="rep1"]').waitFor();
    const form = page.locator('#add-user');
    await form.getByLabel('User name').fill(username);
    await form.getByLabel('Password').fill('Password1234');
    await form.getByLabel('Name (optional)').fill('Wendy Web');
    await form.getByLabel('Organisation', { exact: true }).fill(seller);
    await form.getByLabel(/^Account representative/).check();
    await form.getByRole('button', { name: 'Add user' }).click();
    const password = form.getByLabel('Password');
    await form.locator('#new-password-error').waitFor();
    await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.locator('#new-password-error').textContent()).resolves.toMatch(/most common passwords/);
    expect((await db.query('SELECT 1 FROM users WHERE username = $1', [username])).rowCount).toBe(0);
    await everyWidth(page, 'users-422');

    await password.fill(GOOD);
    await form.getByRole('button', { name: 'Add user' }).click();
    await page.locator('#message', { hasText: `User ${username} added` }).waitFor();
    await page.locator(`tr[data-username="${username}"]`, { hasText: 'account_rep' }).waitFor();
    await expect(password.inputValue()).resolves.toBe('');

    // Edit: the row's button opens the form; a new display name is saved.
    await page.getByRole('button', { name: `Edit ${username}` }).click();
    const edit = page.locator('#edit-user');
    await edit.getByLabel('Name').fill('Wendy Webster');
    await edit.getByRole('button', { name: `Save ${username}` }).click();
    await page.locator(`tr[data-username="${username}"]`, { hasText: 'Wendy Webster' }).waitFor();
    await everyWidth(page, 'users');

    const theirs = await app.open(1280, 900);
    await app.signIn(theirs, username, '', GOOD);
    await expect(theirs.locator('#who').textContent()).resolves.toContain('account representative');
  });

  it('an admin sets a seller\'s fallback approver, chosen from the active sales managers; the API has it', async () => {
    const manager = `fb-${run}`;
    expect((await admin.request('POST', '/api/v1/admin/users', { username: manager, password: GOOD, roles: ['sales_manager'], organization: seller, displayName: 'Fiona Fallback' })).status).toBe(201);
    const page = await app.open(1280, 900);
    await app.signIn(page, 'admin', '#/admin/organizations');
    await page.getByRole('heading', { name: 'Organisations' }).waitFor();
    const form = page.locator(`form[data-dn="${seller}"]`);
    await form.waitFor();
    const select = form.getByLabel('Fallback approver');
    const options = await select.locator('option').allTextContents();
    expect(options).toContain(`Fiona Fallback (${manager}) \u2013 ${seller}`);
    expect(options.some((o) => o.includes('rep1'))).toBe(false);
    await select.selectOption(manager);
    await form.getByLabel(/need a sales manager/).uncheck();
    await form.getByRole('button', { name: /^Save/ }).click();
    await page.locator('#message', { hasText: `fallback approver ${manager}` }).waitFor();
    const orgs = await admin.get('/api/v1/admin/organizations');
    expect(orgs.body.find((o: { dn: string }) => o.dn === seller)).toMatchObject({ fallbackApprover: manager, requiresContractApproval: false });
    await everyWidth(page, 'organizations');
  });

  it('an admin replaces a price list\'s prices by CSV: a bad line is named and nothing written, then the corrected CSV is saved', async () => {
    const list = `Browser list ${run}`;
    const put = await admin.request('PUT', `/api/v1/price-lists/${encodeURIComponent(list)}`, { description: 'browser test', prices: [{ sku: `WEB-${run}-A`, currency: 'USD', price: '10.00' }] });
    expect(put.status).toBe(201);
    const page = await app.open(1280, 900);
    await app.signIn(page, 'admin', '#/admin/reference-data');
    await page.getByRole('heading', { name: 'Reference data' }).waitFor();
    await page.getByRole('button', { name: `Edit ${list}` }).click();
    await page.getByRole('heading', { name: `Edit ${list}` }).waitFor();
    const csv = page.getByLabel(/Prices as CSV/);
    await expect(csv.inputValue()).resolves.toBe(`SKU,CURRENCY,PRICE\nWEB-${run}-A,USD,10.00\n`);
    await csv.fill(`SKU,CURRENCY,PRICE\nWEB-${run}-A,USD,9.50\nWEB-${run}-B,USD,twelve\n`);
    await page.getByRole('button', { name: 'Save price list' }).click();
    await page.locator('#price-list-csv-error').waitFor();
    await expect(csv.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#price-list-csv-error').textContent()).resolves.toMatch(/line 3 \(PRICE\): must be a decimal/);
    expect((await admin.get(`/api/v1/price-lists/${encodeURIComponent(list)}`)).body.prices).toEqual([{ sku: `WEB-${run}-A`, currency: 'USD', price: '10.00' }]);
    await everyWidth(page, 'reference-data-422');

    await csv.fill(`SKU,CURRENCY,PRICE\nWEB-${run}-A,USD,9.50\nWEB-${run}-B,USD,12.00\n`);
    await page.getByRole('button', { name: 'Save price list' }).click();
    await page.locator('#message', { hasText: `Price list ${list} saved` }).waitFor();
    const saved = await admin.get(`/api/v1/price-lists/${encodeURIComponent(list)}`);
    expect(saved.body).toMatchObject({
      description: 'browser test',
      prices: [{ sku: `WEB-${run}-A`, currency: 'USD', price: '9.50' }, { sku: `WEB-${run}-B`, currency: 'USD', price: '12.00' }],
    });
    await page.locator(`tr[data-name="${list}"]`, { hasText: '2 in USD' }).waitFor();
    await everyWidth(page, 'reference-data');
  });
});
