import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_BUYERS, DEMO_SELLER } from '@pactum/persistence';
import { numberArg } from './support/bench-args';
import { recordBenchmark } from './support/bench-report';
import { type BenchStack, startBenchStack } from './support/bench-stack';
import { runPool } from './support/bench-stats';
import type { Benchmark } from './support/benchmark';

const REPO_ROOT = join(__dirname, '..', '..');
const WEB_DIST = join(REPO_ROOT, 'apps', 'web', 'dist');
const CHROMIUM = '/usr/bin/chromium';
// The browser tests' flags (test/support/browser-app.ts): bench/ does not compile test/.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TARGET_MS = 1000;
const FULL_VISITS = 20;
/** Interactive = the page's data is on screen, then this long with no long task, DOM change or API call. */
const QUIET_MS = 300;
const VISIT_TIMEOUT_MS = 20_000;
const REPS = ['rep1', 'rep2'];
const PER_REP = 150;

type Need = [selector: string, withText?: boolean][];
interface PageSpec { name: string; route: (ids: SeedIds) => string; need: Need }
interface SeedIds { pending: string; active: string; draft: string }

/**
 * Each page with what shows that its data is in: an element the page renders only once its
 * API answers arrived (the network-quiet condition then covers its secondary calls).
 */
const PAGES: Record<string, PageSpec> = {
  dashboard: { name: '#/dashboard', route: () => '/dashboard', need: [['.dashboard .charts']] },
  inbox: { name: '#/inbox', route: () => '/inbox', need: [['#inbox-summary', true], ['#inbox-rows tr']] },
  mine: { name: '#/mine', route: () => '/mine', need: [['#mine-summary', true]] },
  contracts: { name: '#/contracts', route: () => '/contracts', need: [['#contracts-summary', true]] },
  pending: { name: '#/contracts/:id (waiting)', route: (ids) => `/contracts/${ids.pending}`, need: [['#contract-status', true], ['#contract-view ol.timeline']] },
  active: { name: '#/contracts/:id (ACTIVE)', route: (ids) => `/contracts/${ids.active}`, need: [['#contract-status', true], ['#contract-view ol.timeline']] },
  new: { name: '#/contracts/new', route: () => '/contracts/new', need: [['#contract-form']] },
  edit: { name: '#/contracts/:id/edit', route: (ids) => `/contracts/${ids.draft}/edit`, need: [['#contract-form']] },
  imports: { name: '#/imports', route: () => '/imports', need: [['#import-form']] },
  delegations: { name: '#/delegations', route: () => '/delegations', need: [['#given-heading + :not(h2)']] },
  users: { name: '#/admin/users', route: () => '/admin/users', need: [['table.admin-users tbody tr']] },
  organizations: { name: '#/admin/organizations', route: () => '/admin/organizations', need: [['#admin-organizations form.organization']] },
  reference: { name: '#/admin/reference-data', route: () => '/admin/reference-data', need: [['#groups-list tbody tr'], ['#price-lists-list tbody tr'], ['#product-sets-list tbody tr']] },
};

/** Who opens which pages (pages/index.tsx roles); the first is the user's start page. */
const USERS: { user: string; home: string; pages: string[] }[] = [
  { user: 'manager1', home: 'inbox', pages: ['inbox', 'pending', 'dashboard', 'contracts', 'delegations'] },
  { user: 'rep1', home: 'mine', pages: ['mine', 'active', 'dashboard', 'contracts', 'new', 'edit'] },
  { user: 'integrator', home: 'imports', pages: ['imports'] },
  { user: 'admin', home: 'dashboard', pages: ['dashboard', 'mine', 'contracts', 'active', 'new', 'edit', 'imports', 'users', 'organizations', 'reference'] },
];

/**
 * Runs in every document before the app's own script: records long tasks, API calls in flight,
 * DOM changes, and the first moment the awaited content is there, all on the page's clock.
 */
const PROBE = `(() => {
  const s = window.__bench = { need: [], since: 0, readyAt: 0, longEnd: 0, longMs: 0, lastMutation: 0, lastNet: 0, inflight: 0 };
  const ok = () => s.need.length > 0 && s.need.every(([sel, text]) => { const el = document.querySelector(sel); return el && (!text || el.textContent.trim().length > 0); });
  s.check = () => { if (!s.readyAt && ok()) s.readyAt = performance.now(); };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { s.longEnd = Math.max(s.longEnd, e.startTime + e.duration); if (e.startTime >= s.since) s.longMs += e.duration; } })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) { s.noLongTasks = true; }
  new MutationObserver(() => { s.lastMutation = performance.now(); s.check(); }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const f = window.fetch.bind(window);
  window.fetch = (...a) => { s.inflight++; s.lastNet = performance.now(); return f(...a).finally(() => { s.inflight--; s.lastNet = performance.now(); }); };
})();`;

/** Resolves (in the page) once the content is there and the page has been quiet for QUIET_MS; times are from `since`. */
const WAIT = `(async ({ quiet, timeout }) => {
  const s = window.__bench;
  const t0 = performance.now();
  for (;;) {
    s.check();
    const now = performance.now();
    const last = Math.max(s.readyAt, s.longEnd, s.lastMutation, s.lastNet);
    if (s.readyAt && s.inflight === 0 && now - last >= quiet) {
      const after = (t) => Math.max(0, t - s.since);
      return { interactive: after(Math.max(s.readyAt, s.longEnd, s.lastMutation, s.lastNet)), ready: after(s.readyAt), longMs: s.longMs, noLongTasks: Boolean(s.noLongTasks) };
    }
    if (now - t0 > timeout) throw new Error('not interactive within ' + timeout + ' ms: ready ' + s.readyAt + ', in flight ' + s.inflight + '; the page shows: ' + document.body.innerText.slice(0, 300));
    await new Promise((r) => setTimeout(r, 20));
  }
})`;

/** Bytes of the first load as the browser received them (Resource Timing: bodies as sent). */
const BYTES = `(() => {
  const sum = { html: 0, js: 0, jsDecoded: 0, css: 0, api: 0, apiCalls: 0, scriptEnd: 0 };
  const nav = performance.getEntriesByType('navigation')[0];
  if (nav) sum.html = nav.encodedBodySize;
  for (const e of performance.getEntriesByType('resource')) {
    if (e.name.endsWith('.js')) { sum.js += e.encodedBodySize; sum.jsDecoded += e.decodedBodySize; sum.scriptEnd = Math.max(sum.scriptEnd, e.responseEnd); }
    else if (e.name.endsWith('.css')) sum.css += e.encodedBodySize;
    else if (e.name.includes('/api/')) { sum.api += e.encodedBodySize; sum.apiCalls++; sum.apiEnd = Math.max(sum.apiEnd || 0, e.responseEnd); }
  }
  return sum;
})()`;

interface Visit { interactive: number; ready: number; longMs: number; noLongTasks: boolean }
interface Bytes { html: number; js: number; jsDecoded: number; css: number; api: number; apiCalls: number; scriptEnd: number; apiEnd?: number }

async function call<T>(stack: BenchStack, user: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await stack.token(user)}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} as ${user}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const BUYERS: [buyer: string, account: string][] = [
  [DEMO_BUYERS.northwind, 'Northwind Fabrication'], [DEMO_BUYERS.northwindEast, 'Northwind Fabrication'], [DEMO_BUYERS.contoso, 'Contoso Builders'],
];

/**
 * What users would have made, through the API: per rep 150 contracts (4 in 10 drafts, 3 waiting
 * for approval, 3 ACTIVE, half of those with a right-to-buy cap that orders consume), end dates
 * spread over the next year, and a few imports by the integrator.
 */
async function seed(stack: BenchStack): Promise<{ ids: SeedIds; counts: Record<string, number> }> {
  const counts: Record<string, number> = { DRAFT: 0, PENDING_APPROVAL: 0, ACTIVE: 0, orders: 0, imports: 0 };
  const plan = REPS.flatMap((rep, r) => Array.from({ length: PER_REP }, (_, i) => ({ rep, i, n: r * PER_REP + i })));
  const active: { id: string; buyer: string; rtb: boolean }[] = [];
  const ids: Partial<SeedIds> = {};
  await runPool(plan, 8, async ({ rep, i, n }) => {
    const [buyer, account] = BUYERS[n % BUYERS.length]!;
    const kind = i % 10 < 4 ? 'DRAFT' : i % 10 < 7 ? 'PENDING_APPROVAL' : 'ACTIVE';
    const rtb = kind === 'ACTIVE' && i % 2 === 0;
    const endsAt = new Date(Date.now() + (10 + ((n * 37) % 360)) * 86_400_000).toISOString();
    const c = await call<{ id: string }>(stack, rep, 'POST', '/api/v1/contracts', {
      code: `WEB-${rep.toUpperCase()}-${String(i).padStart(4, '0')}`, description: `${account} supply agreement ${n}`, currency: 'USD',
      startsAt: '2026-01-01T00:00:00Z', endsAt, seller: DEMO_SELLER, buyers: [{ organization: buyer }], account, baseContract: null,
      terms: [
        { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: `-${1 + (n % 9)}` },
        { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
        ...(rtb ? [{ type: 'RightToBuyTCByAmount', sequenceNumber: 3, maximumAmount: '5000.00', currency: 'USD' }] : []),
      ],
    });
    if (kind !== 'DRAFT') await call(stack, rep, 'POST', `/api/v1/contracts/${c.id}/submit`);
    if (kind === 'ACTIVE') {
      await call(stack, 'manager1', 'POST', `/api/v1/contracts/${c.id}/approve`, { comment: 'fine' });
      active.push({ id: c.id, buyer, rtb });
    }
    counts[kind] = counts[kind]! + 1;
    if (rep === 'rep1' && kind === 'DRAFT') ids.draft ??= c.id;
    if (rep === 'rep1' && kind === 'PENDING_APPROVAL') ids.pending ??= c.id;
  });
  const withCap = active.filter((a) => a.rtb);
  ids.active = withCap[0]?.id;
  // Deployment follows the approval; checkout sees the contract once it is ACTIVE.
  const deadline = Date.now() + 60_000;
  for (const a of withCap) {
    while ((await call<{ status: string }>(stack, 'rep1', 'GET', `/api/v1/contracts/${a.id}`)).status !== 'ACTIVE') {
      if (Date.now() > deadline) throw new Error(`contract ${a.id} is not ACTIVE a minute after its approval`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await new Promise((r) => setTimeout(r, 1500)); // checkout's snapshot follows within a second
  await runPool(withCap, 4, async (a, k) => {
    for (let o = 0; o < 3; o++) {
      await call(stack, 'checkout', 'POST', '/api/v1/checkout/commit', {
        orderId: `web-bench-${k}-${o}`, buyer: a.buyer, currency: 'USD', at: new Date().toISOString(),
        lines: [{ sku: 'TLS-DRL-18V', quantity: 1 + ((k * 3 + o) % 8), listPrice: '189.00', contractId: a.id }],
      });
      counts.orders = counts.orders! + 1;
    }
  });
  const xml = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'xml', 'complete-package.xml'), 'utf8');
  for (const q of ['?dryRun=true', '?createMissing=true', '?createMissing=true']) {
    const job = await call<{ id: string }>(stack, 'integrator', 'POST', `/api/v1/imports${q}`, xml, 'application/xml');
    for (let t = 0; t < 300 && (await call<{ status: string }>(stack, 'integrator', 'GET', `/api/v1/imports/${job.id}`)).status === 'RUNNING'; t++) {
      await new Promise((r) => setTimeout(r, 200));
    }
    counts.imports = counts.imports! + 1;
  }
  if (!ids.draft || !ids.pending || !ids.active) throw new Error(`seeding left no contract of a kind: ${JSON.stringify(ids)}`);
  return { ids: ids as SeedIds, counts };
}

/**
 * The API routes the built files it found at its start (one route per file): a build of
 * apps/web/dist by anyone else since then leaves index.html naming files it does not serve.
 */
async function checkServedApp(apiUrl: string): Promise<void> {
  const html = await (await fetch(`${apiUrl}/`)).text();
  for (const [, path] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    const res = await fetch(`${apiUrl}${path}`);
    if (!res.ok) throw new Error(`the API answers ${res.status} for ${path}, which its index.html names: apps/web/dist was rebuilt while the stack started; run again`);
  }
}

/** The app's session for `user`, as the sign-in page stores it (sessionStorage). */
async function sessionScript(stack: BenchStack, user: string): Promise<string> {
  const res = await fetch(`${stack.apiUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'demo' }) });
  const { accessToken, roles } = (await res.json()) as { accessToken: string; roles: string[] };
  const value = JSON.stringify({ token: accessToken, user, roles });
  return `sessionStorage.setItem('pactum.session', ${JSON.stringify(value)});`;
}

async function waitInteractive(page: Page): Promise<Visit> {
  // A string, not a function: bench/ compiles without the DOM library.
  return page.evaluate<Visit>(`(${WAIT})(${JSON.stringify({ quiet: QUIET_MS, timeout: VISIT_TIMEOUT_MS })})`);
}

/** A cold first load: a new browser context (empty cache, new session), straight to the page. */
async function coldVisit(browser: Browser, baseUrl: string, session: string, route: string, need: Need): Promise<{ visit: Visit; bytes: Bytes }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(`${session}\n${PROBE}\nwindow.__bench.need = ${JSON.stringify(need)};`);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
    await page.goto(`${baseUrl}/#${route}`, { waitUntil: 'domcontentloaded' }); // the probe times from navigation start regardless
    const visit = await waitInteractive(page).catch((err: Error) => { throw new Error(`${route}: ${err.message}\n${problems.join('\n')}`); });
    return { visit, bytes: await page.evaluate<Bytes>(BYTES) };
  } finally {
    await context.close();
  }
}

/** In-app navigation: a hash change from the page the user is on, timed from the change. */
async function navVisit(page: Page, route: string, need: Need): Promise<Visit> {
  await page.evaluate(`(() => { const s = window.__bench; s.need = ${JSON.stringify(need)}; s.readyAt = 0; s.longMs = 0; s.since = performance.now(); location.hash = ${JSON.stringify(`#${route}`)}; })()`);
  return waitInteractive(page);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const fmt = (v: number) => `${Math.round(v)}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const webBenchmark: Benchmark = {
  description: 'The web app: every page interactive within 1 s (cold first load and in-app navigation, p95) on the embedded stack',
  async run(args) {
    const visits = Math.round(numberArg(args, 'visits', FULL_VISITS));
    const stack = await startBenchStack();
    let browser: Browser | undefined;
    try {
      const seedStart = Date.now();
      const { ids, counts } = await seed(stack);
      const seedSeconds = (Date.now() - seedStart) / 1000;
      process.stderr.write(`[bench] seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(counts)}\n`);
      await checkServedApp(stack.apiUrl);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
      const sessions = Object.fromEntries(await Promise.all(USERS.map(async (u) => [u.user, await sessionScript(stack, u.user)] as const)));
      const cold = new Map<string, Visit[]>();
      const nav = new Map<string, Visit[]>();
      const bytes = new Map<string, Bytes>();
      const key = (user: string, page: string) => `${user}\t${page}`;
      const push = (m: Map<string, Visit[]>, k: string, v: Visit) => m.set(k, [...(m.get(k) ?? []), v]);

      // Rounds interleave the pages, so the machine's drift spreads over all of them alike.
      for (let round = 0; round < visits; round++) {
        for (const u of USERS) {
          for (const p of u.pages) {
            const spec = PAGES[p]!;
            const r = await coldVisit(browser, stack.apiUrl, sessions[u.user]!, spec.route(ids), spec.need);
            push(cold, key(u.user, p), r.visit);
            if (round === 0) bytes.set(key(u.user, p), r.bytes);
          }
          // One signed-in window per user goes from page to page, as a person would.
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          await context.addInitScript(`${sessions[u.user]}\n${PROBE}\nwindow.__bench.need = ${JSON.stringify(PAGES[u.home]!.need)};`);
          const page = await context.newPage();
          await page.goto(`${stack.apiUrl}/#/`, { waitUntil: 'domcontentloaded' });
          await waitInteractive(page);
          const order = u.pages.length > 1 ? [...u.pages.slice(1), u.pages[0]!] : [u.pages[0]!];
          for (const p of order) {
            const spec = PAGES[p]!;
            push(nav, key(u.user, p), await navVisit(page, spec.route(ids), spec.need));
          }
          await context.close();
        }
        process.stderr.write(`[bench] round ${round + 1}/${visits}\n`);
      }

      const jsFiles = readFileSync(join(WEB_DIST, 'index.html'), 'utf8').match(/\/assets\/[^"]+\.js/g) ?? [];
      const jsGzip = jsFiles.reduce((sum, f) => sum + gzipSync(readFileSync(join(WEB_DIST, f))).length, 0);
      const noLongTasks = [...cold.values()].flat().some((v) => v.noLongTasks);

      const rows: string[] = [];
      let worst = { p95: 0, what: '' };
      let missed = 0;
      for (const u of USERS) {
        for (const p of u.pages) {
          const k = key(u.user, p);
          for (const [kind, m] of [['cold', cold], ['navigation', nav]] as const) {
            const v = m.get(k)!;
            const t = v.map((x) => x.interactive).sort((a, b) => a - b);
            const ready = v.map((x) => x.ready).sort((a, b) => a - b);
            const long = v.map((x) => x.longMs).sort((a, b) => a - b);
            const p95 = pct(t, 95);
            if (p95 > worst.p95) worst = { p95, what: `${PAGES[p]!.name} as ${u.user}, ${kind}` };
            if (p95 > TARGET_MS) missed++;
            rows.push(`| ${PAGES[p]!.name} | ${u.user} | ${kind} | ${fmt(pct(t, 50))} | ${fmt(p95)} | ${fmt(t[t.length - 1]!)} | ${fmt(pct(ready, 50))} | ${fmt(pct(long, 50))} | ${p95 <= TARGET_MS ? 'met' : 'missed'} |`);
          }
        }
      }
      const byteRows = USERS.flatMap((u) => u.pages.map((p) => {
        const b = bytes.get(key(u.user, p))!;
        return `| ${PAGES[p]!.name} | ${u.user} | ${kb(b.js)} | ${kb(b.css)} | ${kb(b.html)} | ${b.apiCalls} | ${kb(b.api)} | ${fmt(b.scriptEnd)} | ${b.apiEnd ? fmt(b.apiEnd) : '–'} |`;
      }));
      const first = bytes.values().next().value as Bytes;
      const lines = [
        `Seeded through the API in ${seedSeconds.toFixed(0)} s: ${REPS.length * PER_REP} contracts from ${REPS.join(' and ')} (${counts.DRAFT} drafts, ${counts.PENDING_APPROVAL} waiting for approval, ${counts.ACTIVE} ACTIVE, half of those with a right-to-buy cap consumed by ${counts.orders} orders), ${counts.imports} imports of test/fixtures/xml/complete-package.xml (one dry run).`,
        `Debian's Chromium, headless, 1280×900, on the same 2 cores as the stack. ${visits} visits per page and user of each kind: **cold** = a new browser context (no cache) loading \`/#/page\` signed in (the session put in sessionStorage as the sign-in page does), timed from navigation start; **navigation** = a hash change in a signed-in window going from page to page, timed from the change. **Interactive** = the page's own data-bearing element is rendered, then ${QUIET_MS} ms with no long task, DOM change or API call in flight; the figure is the end of the last of those, on the page's clock (PerformanceObserver longtask, MutationObserver, fetch), so the quiet wait is not counted.${noLongTasks ? ' (This Chromium reported no long-task support.)' : ''}`,
        '',
        `Milliseconds; "data shown" is the p50 of when the awaited element appeared, "long tasks" the p50 of main-thread time in tasks over 50 ms. Target: ≤ ${TARGET_MS} ms at p95 on every page, cold and by navigation.`,
        '',
        '| page | user | visit | p50 | p95 | max | data shown p50 | long tasks p50 | ≤ 1 s p95 |',
        '|---|---|---|---:|---:|---:|---:|---:|---|',
        ...rows,
        '',
        `Worst p95: ${fmt(worst.p95)} ms (${worst.what}); ${missed === 0 ? 'every page met the target' : `${missed} of ${rows.length} rows missed the target`}.`,
        '',
        `First load, bytes as received (bodies as sent: the assets brotli-compressed, as Chromium accepts): JavaScript ${kb(first.js)} (${kb(jsGzip)} gzipped, the build's budget figure), CSS ${kb(first.css)}, index.html ${kb(first.html)}. "script loaded" and "API done" are when the last script and the last API answer arrived (ms from navigation start, first cold visit).`,
        '',
        '| page | user | JS | CSS | HTML | API calls | API bytes | script loaded | API done |',
        '|---|---|---:|---:|---:|---:|---:|---:|---:|',
        ...byteRows,
      ];
      const command = `npm run bench -- web${visits === FULL_VISITS ? '' : ` --visits ${visits}`}`;
      if (visits >= FULL_VISITS) recordBenchmark('Web app', command, lines);
      else process.stdout.write(`${lines.join('\n')}\n(--visits ${visits}: not recorded in BENCHMARKS.md)\n`);
    } finally {
      await browser?.close();
      await stack.stop();
    }
  },
};
