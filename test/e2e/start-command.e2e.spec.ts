import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@pactum/local-stack';
import {
  StartCommandRun, isListening, killEverythingMentioning, processesMentioning, sleep, startCommandEnv,
  type StartCommandPorts,
} from '../support/start-command';

// Acceptance: "Stopping and restarting the start command: a contract left PENDING_APPROVAL can be
// approved after the restart." Runs the real `up` (what `npm start` ends with) twice on one data
// dir, on ports of its own, so another `npm start` on the default ports does not matter.

const BANNER_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 60_000;

jest.setTimeout(240_000);

interface HttpAnswer { status: number; body: any }

async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<HttpAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed };
}

async function login(baseUrl: string, username: string): Promise<string> {
  const answer = await call(baseUrl, 'POST', '/api/v1/auth/token', undefined, { username, password: 'demo' });
  expect(answer).toMatchObject({ status: 200, body: { accessToken: expect.any(String) } });
  return answer.body.accessToken as string;
}

describe('the start command (`npm start` → `up`), stopped and started again', () => {
  let dataDir: string;
  let ports: StartCommandPorts;
  let baseUrl: string;
  const runs: StartCommandRun[] = [];

  const start = async (label: string): Promise<StartCommandRun> => {
    const run = new StartCommandRun(label, startCommandEnv(dataDir, ports));
    runs.push(run);
    await run.waitForBanner(BANNER_TIMEOUT_MS);
    return run;
  };

  /** Ctrl-C, then: exit code 0, "stopped." on stderr, nothing left listening or running. */
  const stopCleanly = async (run: StartCommandRun): Promise<void> => {
    run.interrupt();
    const exit = await run.waitForExit(EXIT_TIMEOUT_MS);
    // Postgres backends may need a moment after the postmaster is gone.
    const deadline = Date.now() + 5000;
    while (processesMentioning(dataDir).length && Date.now() < deadline) await sleep(200);
    const stillListening: string[] = [];
    for (const [name, port] of Object.entries(ports)) if (await isListening(port)) stillListening.push(`${name} (${port})`);
    // One assertion, so that a failure shows everything that went wrong at once.
    expect({
      exit,
      printedStopped: run.stderr.includes('stopped.'),
      stillListening,
      leftOverProcesses: processesMentioning(dataDir).map((p) => `${p.pid} ${p.command}`),
    }).toEqual({ exit: { code: 0, signal: null }, printedStopped: true, stillListening: [], leftOverProcesses: [] });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pactum-start-e2e-'));
    chmodSync(dataDir, 0o755); // the embedded Postgres runs as the `postgres` user when we are root
    const picked = new Set<number>();
    const pick = async (): Promise<number> => {
      for (;;) {
        const port = await freePort();
        if (!picked.has(port)) { picked.add(port); return port; }
      }
    };
    ports = { api: await pick(), postgres: await pick(), temporal: await pick(), temporalUi: await pick() };
    baseUrl = `http://127.0.0.1:${ports.api}`;
  });

  afterAll(async () => {
    for (const run of runs) {
      if (!run.running) continue;
      run.interrupt();
      await run.waitForExit(EXIT_TIMEOUT_MS).catch(() => undefined);
    }
    // Whatever is still around (e.g. `up` hung, or left a child behind): kill it.
    killEverythingMentioning(dataDir, runs.filter((r) => r.running).map((r) => r.pid));
    const deadline = Date.now() + 10_000;
    while (processesMentioning(dataDir).length && Date.now() < deadline) await sleep(200);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a contract left PENDING_APPROVAL, and it can be approved and deployed after the restart', async () => {
    try {
      // ---- first run ----
      const first = await start('first run');
      expect(first.stdout).toContain(`http://127.0.0.1:${ports.api}/api/v1`);

      const health = await call(baseUrl, 'GET', '/health');
      expect(health).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'up', temporal: 'up' } } });
      const openApi = await call(baseUrl, 'GET', '/docs/openapi.json');
      expect(openApi.status).toBe(200);
      expect(openApi.body).toMatchObject({ openapi: expect.any(String), paths: expect.objectContaining({ '/api/v1/contracts': expect.anything() }) });

      const rep1 = await login(baseUrl, 'rep1');
      const manager1 = await login(baseUrl, 'manager1');

      const code = `E2E-RESTART-${Date.now()}-${process.pid}`;
      const created = await call(baseUrl, 'POST', '/api/v1/contracts', rep1, {
        code, description: 'Restart acceptance', currency: 'USD',
        startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-12-31T23:59:59Z',
        seller: 'o=Acme Industrial Supply,o=Root Organization',
        buyers: [{ organization: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization' }],
        account: 'Northwind Fabrication', baseContract: null,
        terms: [
          { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
          { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
        ],
      });
      expect(created).toMatchObject({ status: 201, body: { code, status: 'DRAFT', id: expect.any(String) } });
      const id = created.body.id as string;

      const submitted = await call(baseUrl, 'POST', `/api/v1/contracts/${id}/submit`, rep1);
      expect(submitted).toMatchObject({ status: 200, body: { id, status: 'PENDING_APPROVAL' } });

      // ---- Ctrl-C ----
      await stopCleanly(first);

      // ---- second run: same data dir, same ports ----
      const second = await start('second run');
      expect(await call(baseUrl, 'GET', '/health')).toMatchObject({ status: 200, body: { checks: { database: 'up', temporal: 'up' } } });

      // The workflow command key was generated once, readable by its owner only, and kept: the
      // contract's workflow takes the API's signed approve below after the restart.
      expect(statSync(join(dataDir, 'workflow-command-secret')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dataDir, 'workflow-command-secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(32);
      // Tokens from before the restart still work: the JWT secret is kept under the data dir.
      const before = await call(baseUrl, 'GET', `/api/v1/contracts/${id}`, rep1);
      expect(before).toMatchObject({ status: 200, body: { id, code, status: 'PENDING_APPROVAL' } });

      const approved = await call(baseUrl, 'POST', `/api/v1/contracts/${id}/approve`, manager1, { comment: 'after restart' });
      expect(approved.status).toBe(200);
      expect(['APPROVED', 'DEPLOYING', 'ACTIVE']).toContain(approved.body.status);

      const deadline = Date.now() + 30_000;
      let contract: HttpAnswer;
      for (;;) {
        contract = await call(baseUrl, 'GET', `/api/v1/contracts/${id}`, rep1);
        if (contract.body?.status === 'ACTIVE' || Date.now() > deadline) break;
        await sleep(300);
      }
      expect(contract).toMatchObject({ status: 200, body: { id, status: 'ACTIVE' } });

      const history = await call(baseUrl, 'GET', `/api/v1/contracts/${id}/history`, rep1);
      expect(history.status).toBe(200);
      expect((history.body as { action: string; actor: string }[]).map(({ action, actor }) => ({ action, actor }))).toEqual([
        { action: 'create', actor: 'rep1' },
        { action: 'submit', actor: 'rep1' },
        { action: 'approve', actor: 'manager1' },
        { action: 'startDeploy', actor: 'system' },
        { action: 'deploySucceeded', actor: 'system' },
      ]);

      await stopCleanly(second);
    } catch (err) {
      // The children's own logs are the quickest way to see why, in CI as here.
      for (const run of runs) console.error(run.output());
      throw err;
    }
  });
});
