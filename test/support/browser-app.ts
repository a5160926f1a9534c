import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type FileChooser, type Page } from 'playwright-core';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from './app-processes';
import { HttpClient } from './http-client';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
export const WIDTHS = [[1280, 900], [1024, 768], [390, 844]] as const;

/**
 * The web app in a real Chromium against a real API and worker (their own task queue) on the
 * shared test stack. Every page opened records CSP violations and script errors; `problems`
 * lists them so each test can require none.
 */
export class BrowserApp {
  api!: AppProcess;
  worker!: AppProcess;
  browser!: Browser;
  baseUrl!: string;
  readonly users: Record<string, HttpClient> = {};
  readonly problems: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly name: string, private readonly extraEnv: Record<string, string> = {}) {}

  async start(users: string[] = ['rep1', 'manager1', 'manager2']): Promise<this> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`The browser tests need Chromium at ${CHROMIUM}, which is missing. Install it with: apt-get install -y chromium`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `browser-${this.name}-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', ...this.extraEnv });
    this.worker = new AppProcess('worker', env).start();
    this.api = new AppProcess('api', env).start();
    [this.browser] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true }),
      this.worker.waitForOutput(/worker polling/),
      this.api.waitForOutput(/API listening/),
    ]);
    this.baseUrl = `http://127.0.0.1:${port}`;
    const http = new HttpClient(this.baseUrl);
    for (const u of users) this.users[u] = await http.login(u);
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close();
    await Promise.all([this.api?.stop(), this.worker?.stop()]);
  }

  /** A new browser window (its own storage) of the given size. */
  async open(width = 1280, height = 900): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width, height } });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) this.problems.push(m.text()); });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    return page;
  }

  /** Signs in with the keyboard only (Tab past the skip link, type, Enter), then opens `hash`. */
  async signIn(page: Page, username: string, hash = '', password = 'demo'): Promise<void> {
    await page.goto(`${this.baseUrl}/${hash}`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 10_000 }).catch(async (err) => {
      throw new Error(`${err.message}\nThe page shows: ${await page.locator('body').textContent()}\nProblems: ${this.problems.join('; ')}`);
    });
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await tabTo(page, (el) => el.id === 'username', false, 4); // past the skip link and the brand link
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.locator('#sign-out').waitFor();
  }

  screenshot(page: Page, name: string): Promise<Buffer> {
    return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}

// Expressions run in the page (the tests compile without the DOM library).
export const noHorizontalScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
export const focused = (page: Page) => page.evaluate<{ id: string; text: string; value: string; checked: boolean; label: string }>(
  '({ id: document.activeElement.id, text: document.activeElement.textContent, value: document.activeElement.value, checked: document.activeElement.checked, label: document.activeElement.getAttribute("aria-label") || (document.activeElement.labels && document.activeElement.labels[0] ? document.activeElement.labels[0].textContent.trim() : "") })');

/** Presses Tab (or Shift+Tab) until the focused element is the one wanted; fails after `max` presses. */
export async function tabTo(page: Page, wanted: (el: { id: string; text: string; value: string; label: string }) => boolean, backwards = false, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (wanted(await focused(page))) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reached with ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}; focus is on ${JSON.stringify(await focused(page))}`);
}

/**
 * Presses `key` on the focused file input and answers the file chooser it opens. Chromium opens one
 * only for the page that has the focus, and the windows of other tests stay open: when none opens
 * within a few seconds the page is brought to the front and the key pressed again (three times at
 * most), so a focus taken between two steps does not fail the journey.
 */
export async function chooseFileWithKey(page: Page, key = 'Space'): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    await page.bringToFront();
    const opened = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.keyboard.press(key);
    try {
      return await opened;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: String(v.impact), help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}
