import { randomUUID } from 'node:crypto';
import { DEMO_BUYERS, DEMO_SELLER } from '../libs/persistence/src';
import type { Benchmark } from './support/benchmark';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack } from './support/bench-stack';
import { ms, runPool, summarize } from './support/bench-stats';

interface Options {
  contracts: number;
  concurrency: number;
}

function parse(args: string[]): Options {
  const opts: Options = { contracts: 500, concurrency: 16 };
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--contracts') { opts.contracts = Number(value); i++; }
    else if (flag === '--concurrency') { opts.concurrency = Number(value); i++; }
    else throw new Error(`unknown option ${flag} (use --contracts N --concurrency N)`);
  }
  return opts;
}

async function call(url: string, token: string, method: string, body?: unknown): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
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
    const stack = await startBenchStack();
    try {
      const [rep, manager] = [await stack.token('rep1'), await stack.token('manager1')];
      const api = `${stack.apiUrl}/api/v1/contracts`;
      const approveMs: number[] = [];
      const activeAfterApproveMs: number[] = [];
      const lifecycleMs: number[] = [];
      const runId = randomUUID().slice(0, 6);
      const lifecycle = async (i: number) => {
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
        approveMs.push(approved - approveStart);
        for (;;) {
          const c = await call(`${api}/${created.id}`, rep, 'GET');
          if (c.status === 'ACTIVE') break;
          if (c.status === 'DEPLOYMENT_FAILED') throw new Error(`contract ${c.id} failed to deploy`);
          await new Promise((r) => setTimeout(r, 5));
        }
        const active = performance.now();
        activeAfterApproveMs.push(active - approved);
        lifecycleMs.push(active - started);
      };
      // Warm-up (JIT, connection pools, workflow cache), not counted.
      await runPool(Array.from({ length: Math.min(20, opts.contracts) }, (_, i) => -1 - i), opts.concurrency, async (i) => lifecycle(i));
      approveMs.length = activeAfterApproveMs.length = lifecycleMs.length = 0;
      const wallStart = performance.now();
      await runPool(Array.from({ length: opts.contracts }, (_, i) => i), opts.concurrency, async (i) => lifecycle(i));
      const wallSeconds = (performance.now() - wallStart) / 1000;
      const approve = summarize(approveMs);
      const visible = summarize(activeAfterApproveMs);
      const whole = summarize(lifecycleMs);
      recordBenchmark('Lifecycle', `npm run bench -- lifecycle --contracts ${opts.contracts} --concurrency ${opts.concurrency}`, [
        `${opts.contracts} contracts, ${opts.concurrency} at a time, each create → submit → approve → ACTIVE over HTTP (embedded Postgres, Temporal dev server, one worker, one API process; mail to the .eml outbox).`,
        '',
        '| Figure | Result | Target |',
        '|---|---|---|',
        `| Full lifecycles per second | ${(opts.contracts / wallSeconds).toFixed(1)} | ≥ 25 |`,
        `| Approve answer p50 / p99 | ${ms(approve.p50)} / ${ms(approve.p99)} | p99 ≤ 100 ms |`,
        `| ACTIVE visible after the approve answer p50 / p99 | ${ms(visible.p50)} / ${ms(visible.p99)} | p99 ≤ 250 ms |`,
        `| One lifecycle (create to ACTIVE) p50 / p99 | ${ms(whole.p50)} / ${ms(whole.p99)} | |`,
      ]);
    } finally {
      await stack.stop();
    }
  },
};
