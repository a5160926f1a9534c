import { randomUUID } from 'node:crypto';
import { DEMO_BUYERS, DEMO_SELLER } from '@pactum/persistence';
import type { Benchmark } from './support/benchmark';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack } from './support/bench-stack';
import { ms, runPool, summarize } from './support/bench-stats';
import { CpuMeter, findProcess, stackProcess } from './support/process-cpu';
import { RawHttpPool, rawRequest } from './support/raw-http-pool';

interface Options {
  contracts: number;
  concurrency: number;
  /** Lifecycles started per second in the fixed-rate phase (0: no such phase). */
  rate: number;
  /** How long the fixed-rate phase runs, in seconds. */
  rateSeconds: number;
  /** Temporal's own server (four service processes) instead of the dev server. */
  cluster: boolean;
}

function parse(args: string[]): Options {
  const opts: Options = { contracts: 500, concurrency: 16, rate: 5, rateSeconds: 30, cluster: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--contracts') { opts.contracts = Number(value); i++; }
    else if (flag === '--concurrency') { opts.concurrency = Number(value); i++; }
    else if (flag === '--rate') { opts.rate = Number(value); i++; }
    else if (flag === '--rate-seconds') { opts.rateSeconds = Number(value); i++; }
    else if (flag === '--cluster') opts.cluster = true;
    else throw new Error(`unknown option ${flag} (use --contracts N --concurrency N --rate PER_SECOND --rate-seconds S --cluster)`);
  }
  return opts;
}

/**
 * The benchmark's HTTP client: keep-alive connections with prebuilt requests (raw-http-pool),
 * so that the load generator, on the same two cores, takes as little of them as it can; fetch
 * cost it about 4.5 ms of CPU per lifecycle.
 */
export class ApiCaller {
  private readonly pool: RawHttpPool;
  private readonly host: string;

  constructor(apiUrl: string, connections: number) {
    const url = new URL(apiUrl);
    this.host = url.host;
    this.pool = new RawHttpPool(url.hostname, Number(url.port || 80), connections);
  }

  async call(path: string, token: string, method: string, body?: unknown): Promise<any> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await this.pool.send(rawRequest(method, this.host, path, headers, body === undefined ? undefined : Buffer.from(JSON.stringify(body))));
    const text = answer.body.toString('utf8');
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return JSON.parse(text);
  }

  close(): void {
    this.pool.close();
  }
}

/** Figures one lifecycle adds to, in ms. */
export interface LifecycleTimes { approveMs: number[]; activeAfterApproveMs: number[]; lifecycleMs: number[] }

/**
 * One contract driven create → submit → approve → ACTIVE through the API (polled every 5 ms),
 * adding its timings to `times`: shared by the lifecycle and webhooks benchmarks.
 */
export function oneLifecycle(
  call: (path: string, token: string, method: string, body?: unknown) => Promise<any>, rep: string, manager: string, runId: string, times: LifecycleTimes,
): (i: number) => Promise<void> {
  const api = '/api/v1/contracts';
  return async (i: number) => {
    const started = performance.now();
    const created = await call(api, rep, 'POST', {
      code: `BENCH-${runId}-${i}`, description: 'Lifecycle benchmark', currency: 'USD',
      startsAt: '2026-01-01T00:00:00Z', endsAt: '2030-12-31T23:59:59Z', seller: DEMO_SELLER,
      buyers: [{ organization: DEMO_BUYERS.northwindEast }], account: 'Northwind Fabrication', baseContract: null,
      terms: [
        { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
        { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
      ],
    });
    await call(`${api}/${created.id}/submit`, rep, 'POST', {});
    const approveStart = performance.now();
    await call(`${api}/${created.id}/approve`, manager, 'POST', {});
    const approved = performance.now();
    times.approveMs.push(approved - approveStart);
    for (;;) {
      const c = await call(`${api}/${created.id}`, rep, 'GET');
      if (c.status === 'ACTIVE') break;
      if (c.status === 'DEPLOYMENT_FAILED') throw new Error(`contract ${c.id} failed to deploy`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const active = performance.now();
    times.activeAfterApproveMs.push(active - approved);
    times.lifecycleMs.push(active - started);
  };
}

/**
 * N contracts driven create → submit → approve → ACTIVE through the HTTP API of the embedded
 * stack, `concurrency` at a time. Reports full lifecycles per second, the approve answer time,
 * and how long after the approve answer the contract reads ACTIVE (polled every 5 ms).
 */
export const lifecycleBenchmark: Benchmark = {
  description: 'contracts from create to ACTIVE through the API: lifecycles/s, approve p50/p99, ACTIVE visible after approval',
  async run(args) {
    const opts = parse(args);
    const stack = await startBenchStack({ cluster: opts.cluster });
    // One connection per client of the saturation phase; the steady phase needs fewer.
    const http = new ApiCaller(stack.apiUrl, Math.max(opts.concurrency, 16));
    const call = (path: string, token: string, method: string, body?: unknown) => http.call(path, token, method, body);
    try {
      const [rep, manager] = [await stack.token('rep1'), await stack.token('manager1')];
      const approveMs: number[] = [];
      const activeAfterApproveMs: number[] = [];
      const lifecycleMs: number[] = [];
      const runId = randomUUID().slice(0, 6);
      const lifecycle = oneLifecycle(call, rep, manager, runId, { approveMs, activeAfterApproveMs, lifecycleMs });
      // Warm-up (JIT, connection pools, workflow cache), not counted.
      await runPool(Array.from({ length: Math.min(20, opts.contracts) }, (_, i) => -1 - i), opts.concurrency, async (i) => lifecycle(i));
      const reset = () => { approveMs.length = activeAfterApproveMs.length = lifecycleMs.length = 0; };
      reset();
      // Phase 1, saturation: `concurrency` clients, each starting its next lifecycle when the last is ACTIVE.
      const temporalPids: Record<string, number | undefined> = stack.temporalServices
        ? Object.fromEntries(Object.entries(stack.temporalServices).map(([name, pid]) => [`temporal ${name}`, pid]))
        : { temporal: findProcess('start-dev', stack.dataDir) };
      const cpu = new CpuMeter({ ...temporalPids, worker: stackProcess('worker', stack.dataDir), api: stackProcess('api', stack.dataDir), client: process.pid });
      cpu.start();
      const wallStart = performance.now();
      await runPool(Array.from({ length: opts.contracts }, (_, i) => i), opts.concurrency, async (i) => lifecycle(i));
      const wallSeconds = (performance.now() - wallStart) / 1000;
      const used = cpu.stop();
      const cpuPer = (name: string) => (used[name] === undefined ? 'n/a' : ((used[name]! * 1000) / opts.contracts).toFixed(1));
      const approve = summarize(approveMs);
      const visible = summarize(activeAfterApproveMs);
      const whole = summarize(lifecycleMs);
      // Phase 2, a steady load below saturation: a lifecycle starts every 1/rate s whatever the
      // others are doing (open loop), which is how approvals arrive; the latencies are the ones a
      // manager sees on a busy day rather than in a queue of our own making.
      reset();
      let steady: { approve: ReturnType<typeof summarize>; visible: ReturnType<typeof summarize>; achieved: number } | undefined;
      if (opts.rate > 0) {
        const count = Math.round(opts.rate * opts.rateSeconds);
        const began = performance.now();
        const runs: Promise<void>[] = [];
        for (let i = 0; i < count; i++) {
          const due = began + (i * 1000) / opts.rate;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          runs.push(lifecycle(opts.contracts + i));
        }
        await Promise.all(runs);
        steady = { approve: summarize(approveMs), visible: summarize(activeAfterApproveMs), achieved: count / ((performance.now() - began) / 1000) };
      }
      const temporalKind = opts.cluster ? 'Temporal\'s own server (frontend, history, matching and worker as four processes on the same Postgres)' : 'Temporal dev server';
      const temporalCpu = Object.keys(temporalPids).map((name) => `${name === 'temporal' ? 'Temporal dev server' : `Temporal ${name.slice('temporal '.length)}`} ${cpuPer(name)} ms`).join(', ');
      recordBenchmark(opts.cluster ? 'Lifecycle on a Temporal cluster' : 'Lifecycle', `npm run bench -- lifecycle --contracts ${opts.contracts} --concurrency ${opts.concurrency} --rate ${opts.rate} --rate-seconds ${opts.rateSeconds}${opts.cluster ? ' --cluster' : ''}`, [
        `Each lifecycle is create → submit → approve → ACTIVE over HTTP (embedded Postgres, ${temporalKind}, one worker, one API process; mail to the .eml outbox).`,
        '',
        `Saturation: ${opts.contracts} contracts, ${opts.concurrency} clients at a time.`,
        '',
        '| Figure | Result | Target |',
        '|---|---|---|',
        `| Full lifecycles per second | ${(opts.contracts / wallSeconds).toFixed(1)} | ≥ 25 |`,
        `| Approve answer p50 / p99 | ${ms(approve.p50)} / ${ms(approve.p99)} | p99 ≤ 100 ms |`,
        `| ACTIVE visible after the approve answer p50 / p99 | ${ms(visible.p50)} / ${ms(visible.p99)} | p99 ≤ 250 ms |`,
        `| One lifecycle (create to ACTIVE) p50 / p99 | ${ms(whole.p50)} / ${ms(whole.p99)} | |`,
        '',
        `CPU per lifecycle at saturation (user + system, all threads): ${temporalCpu}, worker ${cpuPer('worker')} ms, API ${cpuPer('api')} ms, benchmark client ${cpuPer('client')} ms, the rest (Postgres, kernel) ${cpuPer('rest')} ms; the machine ${cpuPer('machine')} ms, of ${(used.machine! / wallSeconds).toFixed(2)} cores busy on average.`,
        ...(steady ? [
          '',
          `Steady load: a new lifecycle every ${(1000 / opts.rate).toFixed(0)} ms for ${opts.rateSeconds} s (${opts.rate}/s offered, ${steady.achieved.toFixed(1)}/s completed).`,
          '',
          '| Figure | Result | Target |',
          '|---|---|---|',
          `| Approve answer p50 / p99 | ${ms(steady.approve.p50)} / ${ms(steady.approve.p99)} | p99 ≤ 100 ms |`,
          `| ACTIVE visible after the approve answer p50 / p99 | ${ms(steady.visible.p50)} / ${ms(steady.visible.p99)} | p99 ≤ 250 ms |`,
        ] : []),
      ]);
    } finally {
      http.close();
      await stack.stop();
    }
  },
};
