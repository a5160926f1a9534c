import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, stopChild } from '@pactum/local-stack';
import { CONTRACTS_CHANNEL, DEMO_SELLER } from '@pactum/persistence';
import { numberArg } from './support/bench-args';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack } from './support/bench-stack';
import { ms, summarize } from './support/bench-stats';
import { evaluationBodies, type CheckoutWorkload, type LoadJob, type LoadResult } from './support/checkout-load-client';
import type { Benchmark } from './support/benchmark';

const REPO_ROOT = join(__dirname, '..', '..');
const API_MAIN = join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');
const LOAD_CLIENT = join(__dirname, 'support', 'checkout-load-client.js');
const OFFERS_PER_CONTRACT = 100;
const LINES_PER_CART = 10;
const SKU_SPACE = 20_000;
const HOT_BUYER = 'ou=Hot Buyer,o=Bench,o=Root Organization';

/**
 * Seeds deployed contracts server-side (INSERT … SELECT FROM generate_series: no row crosses the
 * wire): contracts, buyers, term headers, custom price-list offers, plus the deployment rows a
 * deploy would write. Contract n belongs to buyer n mod buyers; one extra
 * contract carries the hot right-to-buy cap.
 */
async function seed(db: Client, contracts: number, buyers: number, hotCap: string): Promise<void> {
  await db.query(`INSERT INTO organizations (dn, name, parent_dn) SELECT 'ou=Buyer ' || b || ',o=Bench,o=Root Organization', 'Buyer ' || b, 'o=Root Organization'
    FROM generate_series(0, $1 - 1) b ON CONFLICT DO NOTHING`, [buyers]);
  await db.query(`
    INSERT INTO contracts (id, code, origin, seller_dn, status, currency, starts_at, ends_at, created_by, owner, workflow_id, state_seq)
    SELECT md5('bench-' || n)::uuid, 'BENCH-' || n, 'Manual', $2, 'ACTIVE', 'USD', '2026-01-01Z', '2030-12-31Z', 'bench', 'bench', 'contract-bench-' || n, 3
    FROM generate_series(0, $1) n`, [contracts, DEMO_SELLER]);
  await db.query(`
    INSERT INTO contract_buyers (contract_id, organization_dn, position, active)
    SELECT md5('bench-' || n)::uuid, CASE WHEN n = $1 THEN $3 ELSE 'ou=Buyer ' || (n % $2) || ',o=Bench,o=Root Organization' END, 0, true
    FROM generate_series(0, $1) n`, [contracts, buyers, HOT_BUYER]);
  await db.query(`
    INSERT INTO contract_terms (contract_id, sequence_number, type, code)
    SELECT md5('bench-' || n)::uuid, s.seq, s.type, s.code FROM generate_series(0, $1) n,
      (VALUES (1, 'PriceTCCustomPriceList', 'Custom'), (2, 'ShippingTCShippingCharge', 'StandardShippingChargeBySeller')) s(seq, type, code)`, [contracts]);
  await db.query(`INSERT INTO contract_terms (contract_id, sequence_number, type, amount, currency) VALUES (md5('bench-' || $1)::uuid, 3, 'RightToBuyTCByAmount', $2, 'USD')`, [contracts, hotCap]);
  await db.query(`
    INSERT INTO contract_price_offers (contract_id, term_seq, position, sku, currency, price)
    SELECT md5('bench-' || n)::uuid, 1, k, CASE WHEN n = $1 THEN 'SKU-HOT' ELSE 'SKU-' || ((n * 7 + k) % ${SKU_SPACE}) END, 'USD',
      CASE WHEN n = $1 THEN 1 ELSE 10 + (k % 50) * 0.25 END
    FROM generate_series(0, $1) n, generate_series(0, $2 - 1) k WHERE n < $1 OR k = 0`, [contracts, OFFERS_PER_CONTRACT]);
  await db.query(`
    INSERT INTO contract_deployments (contract_id, deployed_at, deploy_seq, terms_count, buyers_count)
    SELECT id, now(), 3, 2, 1 FROM contracts WHERE code LIKE 'BENCH-%'`);
  await db.query('ANALYZE');
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

/** Resident and peak resident memory of a process (MiB), from /proc. */
function rssOf(pid: number | undefined): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

/** Runs one load job in each of `clients` forked load-client processes and merges their results. */
async function runClients(clients: number, job: (index: number) => LoadJob): Promise<LoadResult> {
  const results = await Promise.all(Array.from({ length: clients }, (_, i) => new Promise<LoadResult>((resolve, reject) => {
    const child = fork(LOAD_CLIENT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (m: { result?: LoadResult; error?: string }) => {
      answered = true;
      if (m.result) resolve(m.result);
      else reject(new Error(`load client failed: ${m.error}`));
    });
    child.once('exit', (code) => { if (!answered) reject(new Error(`load client exited (${code}) without a result`)); });
    child.send(job(i));
  })));
  const merged: LoadResult = { sent: 0, ok: 0, statuses: {}, errors: 0, elapsedMs: 0, latencies: [] };
  for (const r of results) {
    merged.sent += r.sent;
    merged.ok += r.ok;
    merged.errors += r.errors;
    merged.elapsedMs = Math.max(merged.elapsedMs, r.elapsedMs);
    for (const l of r.latencies) merged.latencies.push(l);
    for (const [status, n] of Object.entries(r.statuses)) merged.statuses[status] = (merged.statuses[status] ?? 0) + n;
    merged.sample ??= r.sample;
  }
  return merged;
}

const failures = (r: LoadResult) => r.sent - r.ok;

/** Suspends and resumes timed by the propagation phase. */
const PROPAGATION_CHANGES = 40;

/**
 * How soon a change of a contract reaches checkout: its status written straight into Postgres as a
 * workflow's step writes it (the row and NOTIFY pactum_contracts in one transaction), then evaluate
 * polled on the API until the order prices accordingly. Each delay is timed from the COMMIT and
 * includes one evaluation's round trip. BENCH-0 alone sells SKU-5 to Buyer 0.
 */
async function timePropagation(db: Client, apiUrl: string, token: string): Promise<number[]> {
  const [{ id }] = (await db.query(`SELECT md5('bench-0')::uuid::text AS id`)).rows as { id: string }[];
  const body = JSON.stringify({ buyer: 'ou=Buyer 0,o=Bench,o=Root Organization', currency: 'USD', lines: [{ sku: 'SKU-5', quantity: 1, listPrice: '100.00' }] });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const pricedUnderIt = async () => {
    const answer = (await (await fetch(`${apiUrl}/api/v1/checkout/evaluate`, { method: 'POST', headers, body })).json()) as { lines: { contract: { id: string } | null }[] };
    return answer.lines[0]!.contract?.id === id;
  };
  if (!(await pricedUnderIt())) throw new Error(`propagation: SKU-5 is not priced under BENCH-0 (${id})`);
  const delays: number[] = [];
  for (let i = 0; i < PROPAGATION_CHANGES; i++) {
    const active = i % 2 === 1; // suspend, resume, suspend…
    await db.query('BEGIN');
    await db.query(`UPDATE contracts SET status = $2 WHERE id = $1`, [id, active ? 'ACTIVE' : 'SUSPENDED']);
    await db.query(`SELECT pg_notify($1, $2)`, [CONTRACTS_CHANNEL, id]);
    await db.query('COMMIT');
    const t0 = performance.now();
    while ((await pricedUnderIt()) !== active) {
      if (performance.now() - t0 > 30_000) throw new Error(`propagation: the API still ${active ? 'refuses' : 'prices under'} BENCH-0 30 s after the change`);
    }
    delays.push(performance.now() - t0);
  }
  return delays;
}

export const checkoutBenchmark: Benchmark = {
  description: 'checkout: snapshot build of 10,000 contracts / 1,000,000 offers, evaluations/s (carts of 10 lines), p99 at 2,000/s, commits/s on one hot cap; '
    + 'options --scale N, --seconds N, --clients N (load processes), --connections N, --rate N, --api-processes N (a last saturation run over N API processes; 1: none), --cpu-prof (profile the API into .data/cpu-prof)',
  async run(args) {
    const scale = numberArg(args, 'scale', 1);
    const contracts = Math.max(10, Math.round(10_000 * scale));
    const buyers = Math.max(5, Math.round(5_000 * scale));
    const seconds = numberArg(args, 'seconds', 10);
    const clients = numberArg(args, 'clients', 1);
    const connections = numberArg(args, 'connections', 32);
    const rate = numberArg(args, 'rate', 2000);
    const apiProcesses = numberArg(args, 'api-processes', 2);
    const profile = args.includes('--cpu-prof');
    const commitsToSend = Math.max(200, Math.round(4_000 * Math.max(scale, 0.5)));
    const hotCap = `${commitsToSend / 2}.00`;
    const workload: CheckoutWorkload = { contracts, buyers, offersPerContract: OFFERS_PER_CONTRACT, skuSpace: SKU_SPACE, linesPerCart: LINES_PER_CART };
    const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

    const stack = await startBenchStack({ env: { LOG_LEVEL: 'warn' } });
    const apis: ChildProcess[] = [];
    const db = new Client({ connectionString: stack.databaseUrl });
    try {
      await db.connect();
      const seedStart = performance.now();
      await seed(db, contracts, buyers, hotCap);
      const [{ n: offers }] = (await db.query(`SELECT count(*)::int AS n FROM contract_price_offers o JOIN contracts c ON c.id = o.contract_id WHERE c.code LIKE 'BENCH-%'`)).rows;
      const seedMs = performance.now() - seedStart;
      log(`seeded ${contracts + 1} contracts, ${offers} offers, ${buyers} buyers in ${Math.round(seedMs)} ms`);

      // A fresh API process (the bench is a second process): its start includes the snapshot build.
      const profileDir = join(REPO_ROOT, '.data', 'cpu-prof');
      const jwtSecret = randomBytes(32).toString('hex');
      // PACTUM_NODE_ARGS as under `up`; PACTUM_BENCH_STACK_LOG also receives the APIs' output.
      const nodeArgs = (process.env.PACTUM_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
      const apiLog = process.env.PACTUM_BENCH_STACK_LOG ? openSync(process.env.PACTUM_BENCH_STACK_LOG, 'a') : 'ignore';
      const startApi = async (): Promise<{ child: ChildProcess; url: string }> => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...nodeArgs, API_MAIN], {
          cwd: REPO_ROOT, stdio: ['ignore', apiLog, 'inherit'],
          env: { ...process.env, DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, JWT_SECRET: jwtSecret, PORT: String(port), LOG_LEVEL: 'warn', PACTUM_COMPONENT: 'api' },
        });
        apis.push(child);
        const since = performance.now();
        for (;;) {
          if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) while starting`);
          const up = await fetch(`${url}/health`).then((r) => r.ok, () => false);
          if (up) break;
          if (performance.now() - since > 300_000) throw new Error('the API did not answer within 300 s');
          await new Promise((r) => setTimeout(r, 100));
        }
        return { child, url };
      };
      const started = performance.now();
      const { child: api, url: apiUrl } = await startApi();
      const readyMs = performance.now() - started;
      const metrics = await (await fetch(`${apiUrl}/metrics`)).text();
      const afterBuild = rssOf(api.pid);
      const build = {
        seconds: metric(metrics, 'pactum_checkout_snapshot_build_seconds'),
        heapMiB: metric(metrics, 'pactum_checkout_snapshot_build_heap_bytes') / 2 ** 20,
        rssMiB: afterBuild.rss,
        peakRssMiB: afterBuild.peak,
        contracts: metric(metrics, 'pactum_checkout_snapshot_contracts'),
        offers: metric(metrics, 'pactum_checkout_snapshot_offers'),
      };
      log(`snapshot: ${build.contracts} contracts, ${build.offers} offers in ${build.seconds} s; heap ${build.heapMiB.toFixed(0)} MiB, RSS ${build.rssMiB.toFixed(0)} MiB (peak ${build.peakRssMiB.toFixed(0)} MiB); ready after ${Math.round(readyMs)} ms`);

      const tokenRes = await fetch(`${apiUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'checkout', password: 'demo' }) });
      const { accessToken: token } = (await tokenRes.json()) as { accessToken: string };
      const [probeBody] = evaluationBodies(workload, 1, 1);
      const probe = await fetch(`${apiUrl}/api/v1/checkout/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: probeBody!.toString() });
      const probeJson = (await probe.json()) as any;
      if (probe.status !== 200 || !probeJson.lines?.every((l: any) => l.contract)) throw new Error(`evaluate did not price every line under a contract: ${JSON.stringify(probeJson)}`);

      // Warm-up (JIT, connections), not counted.
      await runClients(clients, (i) => ({ mode: 'closed', urls: [apiUrl], token, connections, durationMs: 2000, workload, seed: 1000 * i }));

      // Saturation: closed loops over `connections` keep-alive connections per client process.
      const sat = await runClients(clients, (i) => ({ mode: 'closed', urls: [apiUrl], token, connections, durationMs: seconds * 1000, workload, seed: 7 + 1000 * i }));
      const perSecond = sat.ok / (sat.elapsedMs / 1000);
      const satLatency = summarize(sat.latencies);
      log(`saturation: ${perSecond.toFixed(0)} evaluations/s, p50 ${ms(satLatency.p50)}, p99 ${ms(satLatency.p99)} (${failures(sat)} failed${sat.sample ? `: ${sat.sample}` : ''})`);

      // Open loop at a fixed rate, split over the client processes; latency from the scheduled send time.
      const open = await runClients(clients, (i) => ({ mode: 'open', urls: [apiUrl], token, connections: 64, durationMs: seconds * 1000, rate: rate / clients, workload, seed: 31 + 1000 * i }));
      const achieved = open.sent / (open.elapsedMs / 1000);
      const openLatency = summarize(open.latencies);
      log(`open loop ${rate}/s (achieved ${achieved.toFixed(0)}/s): p50 ${ms(openLatency.p50)}, p99 ${ms(openLatency.p99)}, max ${ms(openLatency.max)} (${failures(open)} failed${open.sample ? `: ${open.sample}` : ''})`);
      const afterLoad = rssOf(api.pid);

      // Commits against one hot cap: half of them fit exactly.
      const orderIds = Array.from({ length: commitsToSend }, (_, i) => `bench-${i}`);
      const commits = await runClients(clients, (i) => ({
        mode: 'commit', urls: [apiUrl], token, connections: 32, buyer: HOT_BUYER, sku: 'SKU-HOT',
        orderIds: orderIds.filter((_, k) => k % clients === i),
      }));
      const commitsPerSecond = commits.sent / (commits.elapsedMs / 1000);
      const committed = commits.statuses['200'] ?? 0;
      const refused = commits.statuses['409'] ?? 0;
      const commitLatency = summarize(commits.latencies);
      const [ledger] = (await db.query(`SELECT r.consumed::text AS consumed, r.limit_amount::text AS limit,
          (SELECT coalesce(sum(amount), 0)::text FROM checkout_order_spend s WHERE s.contract_id = r.contract_id) AS spent
        FROM checkout_right_to_buy r JOIN contracts c ON c.id = r.contract_id WHERE c.code = 'BENCH-' || $1`, [contracts])).rows;
      const overspend = Number(ledger.spent) > Number(ledger.limit) || ledger.consumed !== ledger.spent;
      log(`commits: ${commitsPerSecond.toFixed(0)}/s (p99 ${ms(commitLatency.p99)}), ${committed} committed, ${refused} refused, consumed ${ledger.consumed} of ${ledger.limit} (ledger sum ${ledger.spent})`);
      if (overspend || committed !== commitsToSend / 2 || committed + refused !== commitsToSend) {
        throw new Error(`ledger check failed: ${committed} committed, ${refused} refused, ${JSON.stringify(ledger)} (${commits.sample ?? ''})`);
      }

      // A contract's change reaching checkout (the API is idle now).
      const propagation = summarize(await timePropagation(db, apiUrl, token));
      log(`propagation: ${PROPAGATION_CHANGES} suspends and resumes seen by evaluate after p50 ${ms(propagation.p50)}, p99 ${ms(propagation.p99)}, max ${ms(propagation.max)}`);

      // The same saturation over several API processes (one per core), as behind a load balancer:
      // each builds its own snapshot and follows deploys through LISTEN/NOTIFY.
      let multi: { perSecond: number; p50: number; p99: number; failed: number } | undefined;
      if (apiProcesses > 1) {
        const urls = [apiUrl];
        while (urls.length < apiProcesses) urls.push((await startApi()).url);
        await runClients(clients, (i) => ({ mode: 'closed', urls, token, connections, durationMs: 2000, workload, seed: 2000 + 1000 * i }));
        const r = await runClients(clients, (i) => ({ mode: 'closed', urls, token, connections, durationMs: seconds * 1000, workload, seed: 11 + 1000 * i }));
        const l = summarize(r.latencies);
        multi = { perSecond: r.ok / (r.elapsedMs / 1000), p50: l.p50, p99: l.p99, failed: failures(r) };
        log(`saturation over ${apiProcesses} API processes: ${multi.perSecond.toFixed(0)} evaluations/s, p50 ${ms(l.p50)}, p99 ${ms(l.p99)} (${multi.failed} failed${r.sample ? `: ${r.sample}` : ''})`);
      }

      recordBenchmark('Checkout', `npm run bench -- checkout${scale === 1 ? '' : ` --scale ${scale}`}`, [
        `Seeded ${contracts} deployed contracts with ${offers} custom price-list offers for ${buyers} buyer organisations (plus one hot-cap contract), straight into Postgres in ${(seedMs / 1000).toFixed(1)} s.`,
        `Load from ${clients} separate client process(es) (keep-alive HTTP/1.1, prebuilt requests: bench/support/raw-http-pool.ts); carts of ${LINES_PER_CART} lines.`,
        '',
        '| figure | value |',
        '|---|---|',
        `| snapshot build (fresh API process, all live contracts) | ${build.seconds.toFixed(2)} s for ${build.contracts} contracts / ${build.offers} offers |`,
        `| API memory after build | heap ${build.heapMiB.toFixed(0)} MiB, RSS ${build.rssMiB.toFixed(0)} MiB (peak RSS ${build.peakRssMiB.toFixed(0)} MiB); after the load RSS ${afterLoad.rss.toFixed(0)} MiB |`,
        `| API start to first healthy answer | ${(readyMs / 1000).toFixed(2)} s |`,
        `| evaluations/s at saturation, one API process (${clients}×${connections} connections, ${seconds} s) | ${perSecond.toFixed(0)}; p50 ${ms(satLatency.p50)}, p99 ${ms(satLatency.p99)} (${failures(sat)} failed) |`,
        ...(multi ? [`| evaluations/s at saturation, ${apiProcesses} API processes (one per core; the connections split between them) | ${multi.perSecond.toFixed(0)}; p50 ${ms(multi.p50)}, p99 ${ms(multi.p99)} (${multi.failed} failed) |`] : []),
        `| latency at a fixed ${rate}/s, from the scheduled send (achieved ${achieved.toFixed(0)}/s) | p50 ${ms(openLatency.p50)}, p90 ${ms(openLatency.p90)}, p99 ${ms(openLatency.p99)}, max ${ms(openLatency.max)} (${failures(open)} failed) |`,
        `| a contract's change reaching checkout: status and NOTIFY committed, then evaluate polled (${PROPAGATION_CHANGES} suspends and resumes, idle API) | p50 ${ms(propagation.p50)}, p99 ${ms(propagation.p99)}, max ${ms(propagation.max)} |`,
        `| commits/s on one hot cap (${clients}×32 connections) | ${commitsPerSecond.toFixed(0)} (p99 ${ms(commitLatency.p99)}); ${committed} committed, ${refused} refused; ledger sum ${ledger.spent} ≤ cap ${ledger.limit}: no overspend |`,
      ]);
    } finally {
      await db.end().catch(() => undefined);
      await Promise.all(apis.map((a) => stopChild(a, 30_000)));
      await stack.stop();
    }
  },
};
