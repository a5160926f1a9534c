import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { freePort, startTemporalDevServer } from '@pactum/local-stack';
import { numberArg } from './support/bench-args';
import { recordBenchmark } from './support/bench-report';
import { runPool } from './support/bench-stats';
import type { Benchmark } from './support/benchmark';
import { CpuMeter } from './support/process-cpu';
import { approveUpdate, createdUpdate, submitUpdate } from './support/capacity.workflow';
import { timeBareStarts } from './support/temporal-starts';

const TASK_QUEUE = 'capacity';

async function startWorker(address: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'capacity-worker.js'), address, TASK_QUEUE], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
    child.once('exit', (code) => reject(new Error(`the capacity worker exited with ${code}`)));
  });
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * What the Temporal dev server itself can carry on this machine, with none of Pactum's work: the
 * ceiling under the import and lifecycle benchmarks. The server runs as `npm start` runs it (state
 * in a SQLite file, the same pragmas); the worker is a process of its own.
 */
export const temporalBenchmark: Benchmark = {
  description: 'Temporal dev server ceiling: bare workflow starts/s, and lifecycle-shaped workflows/s with no Postgres, mail or API',
  async run(args) {
    const starts = Math.ceil(numberArg(args, 'starts', 5000));
    const lifecycles = Math.ceil(numberArg(args, 'lifecycles', 500));
    const clients = Math.ceil(numberArg(args, 'concurrency', 16));
    const dir = mkdtempSync(join(tmpdir(), 'pactum-bench-temporal-'));
    const server = await startTemporalDevServer({ dbFile: join(dir, 'temporal.db'), port: await freePort() });
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    const lines: string[] = [];
    try {
      // 1. The import's shape: workflow starts only (no worker polls, so the server does nothing else).
      const startRows: string[] = [];
      for (const concurrency of [8, 32]) {
        const s = await timeBareStarts(client, { count: starts, concurrency, idPrefix: `start-${concurrency}` });
        startRows.push(`| ${starts.toLocaleString('en-US')} starts, ${concurrency} at a time | ${s.toFixed(1)} | ${Math.round(starts / s)} starts/s | |`);
      }

      // 2. The lifecycle's shape, through a worker in its own process.
      const worker = await startWorker(server.address);
      const lifecycleRows: string[] = [];
      try {
        for (const localSteps of [false, true]) {
          const ids = Array.from({ length: lifecycles }, (_, i) => `lifecycle-${localSteps}-${i}`);
          const cpu = new CpuMeter({ server: server.process.pid, worker: worker.pid, client: process.pid });
          cpu.start();
          const t0 = performance.now();
          await runPool(ids, clients, async (workflowId) => {
            await client.workflow.executeUpdateWithStart(createdUpdate, {
              startWorkflowOperation: new WithStartWorkflowOperation('capacityLifecycle', {
                taskQueue: TASK_QUEUE, workflowId, args: [localSteps], workflowIdConflictPolicy: 'FAIL', memo: { code: workflowId },
              }),
            });
            const handle = client.workflow.getHandle(workflowId);
            await handle.executeUpdate(submitUpdate);
            await handle.executeUpdate(approveUpdate);
          });
          const s = (performance.now() - t0) / 1000;
          const used = cpu.stop();
          const per = (name: string) => ((used[name]! * 1000) / lifecycles).toFixed(1);
          lifecycleRows.push(`| ${lifecycles} lifecycles, ${clients} clients, ${localSteps ? 'three local activities that do nothing (as many as a lifecycle runs)' : 'no activities'} | ${s.toFixed(1)} | ${(lifecycles / s).toFixed(1)} lifecycles/s | ${per('server')} / ${per('worker')} / ${per('client')} / ${per('machine')} |`);
        }
      } finally {
        await stopWorker(worker);
      }
      lines.push(
        'The Temporal dev server as `npm start` runs it (SQLite file, the same pragmas), alone: no Postgres, no mail, no API. The figures are the ceiling under the import and lifecycle benchmarks on this machine.',
        '',
        '| Run | seconds | rate | CPU ms per lifecycle: server / worker / client / machine |',
        '|---|---:|---:|---:|',
        ...startRows,
        ...lifecycleRows,
        '',
        'Starts: the import\'s shape, a 2 KiB input each, and no worker polling (the server does nothing else). Lifecycles: the contract workflow\'s Temporal traffic (update-with-start for create, submit and approve as updates, then a deploy step and a year-long timer) against a worker in its own process; the last deploys are not waited for. CPU is user + system time of each process over the run, all threads; machine is every process on both cores.',
      );
      recordBenchmark('Temporal dev server ceiling', `npm run bench -- temporal --starts ${starts} --lifecycles ${lifecycles} --concurrency ${clients}`, lines);
    } finally {
      await connection.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
