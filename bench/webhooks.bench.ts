import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiCaller, oneLifecycle, type LifecycleTimes } from './lifecycle.bench';
import type { Benchmark } from './support/benchmark';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack } from './support/bench-stack';
import { ms, runPool, summarize } from './support/bench-stats';
import { CpuMeter, findProcess, stackProcess } from './support/process-cpu';

interface Options { lifecycles: number; concurrency: number; rounds: number }

function parse(args: string[]): Options {
  const opts: Options = { lifecycles: 200, concurrency: 16, rounds: 3 };
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], Number(args[i + 1])];
    if (flag === '--lifecycles') opts.lifecycles = value;
    else if (flag === '--concurrency') opts.concurrency = value;
    else if (flag === '--rounds') opts.rounds = value;
    else throw new Error(`unknown option ${flag} (use --lifecycles N --concurrency N --rounds N)`);
    i++;
  }
  return opts;
}

/** A receiver on loopback that answers 204 and notes when each event arrived, and how late. */
class Receiver {
  readonly lagMs: number[] = [];
  readonly arrivals: number[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => {
        const now = Date.now();
        this.arrivals.push(performance.now());
        const sent = Date.parse((JSON.parse(body) as { timestamp: string }).timestamp);
        if (!Number.isNaN(sent)) this.lagMs.push(now - sent);
        res.writeHead(204).end();
      });
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/**
 * Webhooks: events delivered per second to a local receiver while lifecycles run at saturation
 * (each lifecycle causes created, submitted, approved and activated), their delay from the step to
 * the receiver, and the cost of one `*` subscription to the lifecycle: rounds of the same lifecycles
 * without and with it, in turn.
 */
export const webhooksBenchmark: Benchmark = {
  description: 'webhooks: events delivered/s to a local receiver, step-to-receiver delay, lifecycles/s without and with one subscription (alternating)',
  async run(args) {
    const opts = parse(args);
    const receiver = new Receiver();
    const port = await receiver.listen();
    const stack = await startBenchStack({ env: { WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${port}` } });
    const http = new ApiCaller(stack.apiUrl, Math.max(opts.concurrency, 16));
    const call = (path: string, token: string, method: string, body?: unknown) => http.call(path, token, method, body);
    try {
      const [rep, manager, integrator] = [await stack.token('rep1'), await stack.token('manager1'), await stack.token('integrator')];
      const subscribe = async () => (await call('/api/v1/webhooks', integrator, 'POST', { url: `http://127.0.0.1:${port}/hooks`, events: '*', description: 'benchmark' })).id as string;
      // fetch, not the raw pool: a 204 carries no content-length.
      const unsubscribe = async (id: string) => {
        const res = await fetch(`${stack.apiUrl}/api/v1/webhooks/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${integrator}` } });
        if (res.status !== 204) throw new Error(`DELETE webhook ${id}: ${res.status} ${await res.text()}`);
      };
      /** Waits until the receiver has had `count` events, or gives up after `timeoutMs`. */
      const drained = async (count: number, timeoutMs = 120_000) => {
        const deadline = performance.now() + timeoutMs;
        while (receiver.arrivals.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        return receiver.arrivals.length >= count;
      };
      const runId = randomUUID().slice(0, 6);
      let next = 0;
      const lifecycles = async (count: number): Promise<number> => {
        const times: LifecycleTimes = { approveMs: [], activeAfterApproveMs: [], lifecycleMs: [] };
        const lifecycle = oneLifecycle(call, rep, manager, runId, times);
        const started = performance.now();
        await runPool(Array.from({ length: count }, () => next++), opts.concurrency, lifecycle);
        return count / ((performance.now() - started) / 1000);
      };

      // Warm-up (JIT, pools, workflow cache) with a subscription, then the delivery phase.
      let subscription = await subscribe();
      await lifecycles(20);
      if (!(await drained(20 * 4))) throw new Error(`the warm-up's events did not all arrive (${receiver.arrivals.length})`);
      const before = receiver.arrivals.length;
      receiver.lagMs.length = 0;
      const phaseStart = performance.now();
      const rate = await lifecycles(opts.lifecycles);
      const phaseEnd = performance.now();
      const expected = before + opts.lifecycles * 4;
      if (!(await drained(expected))) throw new Error(`only ${receiver.arrivals.length - before} of ${opts.lifecycles * 4} events arrived`);
      const during = receiver.arrivals.slice(before).filter((t) => t <= phaseEnd).length;
      const drainedAfterMs = receiver.arrivals[expected - 1]! - phaseEnd;
      const lag = summarize(receiver.lagMs);

      // The subscription's cost to the lifecycle: the same number of lifecycles without and with it, in turn.
      const without: number[] = [];
      const withOne: number[] = [];
      const per = Math.max(50, Math.round(opts.lifecycles / 2));
      // CPU of the whole stack per lifecycle (Temporal, worker, API, Postgres and its backends, this
      // process with the receiver): other work on the machine does not count, unlike in the rate.
      const meter = () => new CpuMeter(
        { temporal: findProcess('start-dev', stack.dataDir), worker: stackProcess('worker', stack.dataDir), api: stackProcess('api', stack.dataDir), client: process.pid },
        { postgres: findProcess('postgres', stack.dataDir) },
      );
      const cpuWithout: Record<string, number>[] = [];
      const cpuWith: Record<string, number>[] = [];
      const perLifecycle = (used: Record<string, number>) => Object.fromEntries(Object.entries(used).map(([k, v]) => [k, (v * 1000) / per]));
      // In turn, the order swapped every round (without, with; with, without; ...): a later run is not always the same kind.
      let subscribed = true;
      const runWithout = async () => {
        if (subscribed) await unsubscribe(subscription);
        subscribed = false;
        const cpu = meter();
        cpu.start();
        without.push(await lifecycles(per));
        cpuWithout.push(perLifecycle(cpu.stop()));
      };
      const runWith = async () => {
        if (!subscribed) subscription = await subscribe();
        subscribed = true;
        const at = receiver.arrivals.length;
        const cpu = meter();
        cpu.start();
        withOne.push(await lifecycles(per));
        // Every event of the round delivered: the deliveries' whole cost counts.
        await drained(at + per * 4);
        cpuWith.push(perLifecycle(cpu.stop()));
      };
      for (let round = 0; round < opts.rounds; round++) {
        if (round % 2 === 0) { await runWithout(); await runWith(); } else { await runWith(); await runWithout(); }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const cost = 1 - median(withOne) / median(without);
      const stackKeys = ['temporal', 'worker', 'api', 'postgres', 'client'];
      const stackCpu = (u: Record<string, number>) => stackKeys.reduce((sum, k) => sum + (u[k] ?? 0), 0);
      const medianOf = (rows: Record<string, number>[], f: (u: Record<string, number>) => number) => median(rows.map(f));
      const cpuCost = medianOf(cpuWith, stackCpu) / medianOf(cpuWithout, stackCpu) - 1;
      const cpuRow = (k: string) => `| CPU per lifecycle, ${k === 'client' ? 'benchmark process (load and receiver)' : k}: without / with (medians) | ${medianOf(cpuWithout, (u) => u[k] ?? 0).toFixed(1)} ms / ${medianOf(cpuWith, (u) => u[k] ?? 0).toFixed(1)} ms | |`;
      recordBenchmark('Webhooks', `npm run bench -- webhooks --lifecycles ${opts.lifecycles} --concurrency ${opts.concurrency} --rounds ${opts.rounds}`, [
        'One `*` subscription to a receiver on loopback in the benchmark process (WEBHOOK_ALLOWED_HOSTS), the embedded stack of `up` (one worker, one API process); each lifecycle (create → submit → approve → ACTIVE) causes four events.',
        '',
        '| Figure | Result | Target |',
        '|---|---|---|',
        `| Events delivered per second while ${opts.lifecycles} lifecycles ran at saturation (${opts.concurrency} clients, ${rate.toFixed(1)} lifecycles/s) | ${(during / ((phaseEnd - phaseStart) / 1000)).toFixed(1)}; the last of ${opts.lifecycles * 4} arrived ${ms(Math.max(0, drainedAfterMs))} after the last lifecycle | |`,
        `| Delay from the step to the receiver, p50 / p99 / max | ${ms(lag.p50)} / ${ms(lag.p99)} / ${ms(lag.max)} | |`,
        `| Lifecycles/s without / with the subscription, ${opts.rounds} rounds of ${per} in turn (order swapped each round) | ${without.map((x) => x.toFixed(1)).join(', ')} / ${withOne.map((x) => x.toFixed(1)).join(', ')}; medians ${median(without).toFixed(1)} / ${median(withOne).toFixed(1)} | |`,
        ...stackKeys.map(cpuRow),
        `| CPU per lifecycle, the whole stack: rounds without / with | ${cpuWithout.map((u) => stackCpu(u).toFixed(1)).join(', ')} / ${cpuWith.map((u) => stackCpu(u).toFixed(1)).join(', ')} ms | |`,
        `| Added cost per lifecycle of one subscription: CPU of the whole stack (medians) | ${(cpuCost * 100).toFixed(1)}% | ≤ 10% |`,
        `| Added cost per lifecycle of one subscription: lifecycles/s (medians; moves with the machine's speed) | ${(cost * 100).toFixed(1)}% | |`,
      ]);
      if (subscribed) await unsubscribe(subscription);
    } finally {
      http.close();
      await stack.stop();
      await receiver.close();
    }
  },
};
