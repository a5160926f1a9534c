import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@pactum/local-stack';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import {
  StartCommandRun, killEverythingMentioning, processesMentioning, sleep, startCommandEnv, type StartCommandPorts,
} from '../support/start-command';
import { faultDir, waitUntil } from './support/fault-stack';

/**
 * `pactum up` (what `npm start` runs) notices when its own Postgres or Temporal dev server dies
 * (issue 23, 10d): it says so and starts it again on the same data and port; the API and the
 * worker reconnect, and what was stored before is still there. Killed with SIGKILL, one after the other.
 */

jest.setTimeout(240_000);

describe('`pactum up` when its Postgres or Temporal dev server is killed', () => {
  const dataDir = faultDir('up');
  let ports: StartCommandPorts;
  let run: StartCommandRun | undefined;

  beforeAll(async () => {
    const picked = new Set<number>();
    const pick = async (): Promise<number> => {
      for (;;) {
        const port = await freePort();
        if (!picked.has(port)) { picked.add(port); return port; }
      }
    };
    ports = { api: await pick(), postgres: await pick(), temporal: await pick(), temporalUi: await pick() };
  });

  afterAll(async () => {
    if (run?.running) {
      run.interrupt();
      await run.waitForExit(60_000).catch(() => undefined);
    }
    killEverythingMentioning(dataDir, run?.running ? [run.pid] : []);
    const deadline = Date.now() + 10_000;
    while (processesMentioning(dataDir).length && Date.now() < deadline) await sleep(200);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts a killed Postgres and a killed Temporal dev server again, says so, and the stack keeps its data and works', async () => {
    run = new StartCommandRun('up', startCommandEnv(dataDir, ports));
    try {
      await run.waitForBanner(150_000);
      const http = new HttpClient(`http://127.0.0.1:${ports.api}`);
      const rep1 = await http.login('rep1');
      const before = await rep1.post('/api/v1/contracts', draftBody());
      expect(before.status).toBe(201);

      // Postgres: kill -9 of the postmaster, whose pid its lock file holds.
      const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(postmaster, 'SIGKILL');
      await waitUntil('`up` restarts Postgres', async () => run!.stderr.includes('Postgres is running again'), 60_000);
      expect(run.stderr).toMatch(/Postgres exited \(SIGKILL\); starting it again/);
      await waitUntil('the API answers again', async () => (await http.get('/health')).status === 200, 30_000);
      expect((await rep1.get(`/api/v1/contracts/${before.body.id}`)).body.status).toBe('DRAFT');

      // Temporal: kill -9 of the dev server (the process `up` started with its state file).
      const server = processesMentioning(join(dataDir, 'temporal.db')).find((p) => p.command.includes('start-dev'));
      expect(server).toBeDefined();
      process.kill(server!.pid, 'SIGKILL');
      await waitUntil('`up` restarts Temporal', async () => run!.stderr.includes('the Temporal dev server is running again'), 60_000);
      expect(run.stderr).toMatch(/the Temporal dev server exited \(SIGKILL\); starting it again/);
      await waitUntil('the API sees Temporal again', async () => (await http.get('/health')).status === 200, 30_000);

      // The contract's workflow survived both, and new work goes through.
      // (A 503 while the worker reconnects may still be applied: the contract's status says.)
      await waitUntil('the submit goes through', async () => (await rep1.post(`/api/v1/contracts/${before.body.id}/submit`)).status === 200
        || (await rep1.get(`/api/v1/contracts/${before.body.id}`)).body.status === 'PENDING_APPROVAL', 30_000);
      expect((await rep1.get(`/api/v1/contracts/${before.body.id}`)).body.status).toBe('PENDING_APPROVAL');
      expect((await rep1.post('/api/v1/contracts', draftBody())).status).toBe(201);
      expect(run.running).toBe(true);

      run.interrupt();
      expect(await run.waitForExit(60_000)).toEqual({ code: 0, signal: null });
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${run.output()}`);
    }
  });

  it('stops everything it started when its terminal hangs up, with nobody left reading its output', async () => {
    run = new StartCommandRun('up again', startCommandEnv(dataDir, ports));
    try {
      await run.waitForBanner(150_000);
      expect(processesMentioning(dataDir).length).toBeGreaterThan(1);
      // The reader of its output is gone (a closed terminal, a pipe into a command that exited): its next line fails (EPIPE).
      run.child.stdout!.destroy();
      run.child.stderr!.destroy();
      process.kill(run.pid, 'SIGHUP');
      expect(await run.waitForExit(90_000)).toEqual({ code: 0, signal: null });
      // Postgres, the Temporal dev server, the API and the worker went with it.
      await waitUntil('nothing of the stack runs', async () => processesMentioning(dataDir).length === 0, 10_000);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${run.output()}`);
    }
  });
});
