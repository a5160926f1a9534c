import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, stopChild } from '../libs/local-stack/src';
import { DEMO_SELLER } from '../libs/persistence/src';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack } from './support/bench-stack';
import { ms, runPool, summarize } from './support/bench-stats';
import type { Benchmark } from './support/benchmark';

const REPO_ROOT = join(__dirname, '..', '..');
const API_MAIN = join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const OFFERS_PER_CONTRACT = 100;
const SKU_SPACE = 20_000;
const HOT_BUYER = 'ou=Hot Buyer,o=Bench,o=Root Organization';
const buyerDn = (b: number) => `ou=Buyer ${b},o=Bench,o=Root Organization`;
const skuOf = (contract: number, k: number) => `SKU-${(contract * 7 + k) % SKU_SPACE}`;

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const raw = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/**
 * Seeds deployed contracts server-side (INSERT … SELECT FROM generate_series: no row crosses the
 * wire): contracts, buyers, term headers, custom price-list offers, plus the runtime rows and
 * deployment rows a deploy would write. Contract n belongs to buyer n mod buyers; one extra
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
    INSERT INTO runtime_entitlements (contract_id, position, organization_dn, starts_at, ends_at, active)
    SELECT b.contract_id, b.position, b.organization_dn, c.starts_at, c.ends_at, true
    FROM contract_buyers b JOIN contracts c ON c.id = b.contract_id WHERE c.code LIKE 'BENCH-%'`);
  await db.query(`
    INSERT INTO runtime_price_offers (contract_id, term_seq, position, sku, currency, price, contract_starts_at, contract_ends_at)
    SELECT o.contract_id, o.term_seq, o.position, o.sku, o.currency, o.price, c.starts_at, c.ends_at
    FROM contract_price_offers o JOIN contracts c ON c.id = o.contract_id WHERE c.code LIKE 'BENCH-%'`);
  await db.query(`
    INSERT INTO contract_deployments (contract_id, deployed_at, deploy_seq, terms_count, buyers_count)
    SELECT id, now(), 3, 2, 1 FROM contracts WHERE code LIKE 'BENCH-%'`);
  await db.query('ANALYZE');
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

export const checkoutBenchmark: Benchmark = {
  description: 'checkout: snapshot build of 10,000 contracts / 1,000,000 offers, evaluations/s, p99 at 2,000/s, commits/s on one hot cap',
  async run(args) {
    const scale = arg(args, 'scale', 1);
    const contracts = Math.max(10, Math.round(10_000 * scale));
    const buyers = Math.max(5, Math.round(5_000 * scale));
    const seconds = Math.max(2, Math.round(10 * Math.min(1, scale * 10)));
    const commitsToSend = Math.max(200, Math.round(4_000 * scale));
    const hotCap = `${commitsToSend / 2}.00`;
    const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

    const stack = await startBenchStack({ env: { LOG_LEVEL: 'warn' } });
    let api: ChildProcess | undefined;
    const db = new Client({ connectionString: stack.databaseUrl });
    try {
      await db.connect();
      const seedStart = performance.now();
      await seed(db, contracts, buyers, hotCap);
      const [{ n: offers }] = (await db.query(`SELECT count(*)::int AS n FROM contract_price_offers o JOIN contracts c ON c.id = o.contract_id WHERE c.code LIKE 'BENCH-%'`)).rows;
      log(`seeded ${contracts + 1} contracts, ${offers} offers, ${buyers} buyers in ${Math.round(performance.now() - seedStart)} ms`);

      // A fresh API process (the bench is a second process): its start includes the snapshot build.
      const port = await freePort();
      const apiUrl = `http://127.0.0.1:${port}`;
      const started = performance.now();
      api = spawn(process.execPath, [API_MAIN], {
        cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, JWT_SECRET: randomBytes(32).toString('hex'), PORT: String(port), LOG_LEVEL: 'warn', PACTUM_COMPONENT: 'api' },
      });
      for (;;) {
        if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode}) while starting`);
        const up = await fetch(`${apiUrl}/health`).then((r) => r.ok, () => false);
        if (up) break;
        if (performance.now() - started > 300_000) throw new Error('the API did not answer within 300 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      const readyMs = performance.now() - started;
      const metrics = await (await fetch(`${apiUrl}/metrics`)).text();
      const build = {
        seconds: metric(metrics, 'pactum_checkout_snapshot_build_seconds'),
        heapMiB: metric(metrics, 'pactum_checkout_snapshot_build_heap_bytes') / 2 ** 20,
        rssMiB: metric(metrics, 'process_resident_memory_bytes') / 2 ** 20,
        contracts: metric(metrics, 'pactum_checkout_snapshot_contracts'),
        offers: metric(metrics, 'pactum_checkout_snapshot_offers'),
      };
      log(`snapshot: ${build.contracts} contracts, ${build.offers} offers in ${build.seconds} s; heap ${build.heapMiB.toFixed(0)} MiB, rss ${build.rssMiB.toFixed(0)} MiB; ready after ${Math.round(readyMs)} ms`);

      const tokenRes = await fetch(`${apiUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'checkout', password: 'demo' }) });
      const { accessToken } = (await tokenRes.json()) as { accessToken: string };
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
      const post = async (path: string, body: unknown) => {
        const t = performance.now();
        const res = await fetch(`${apiUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        const json = (await res.json()) as any;
        return { status: res.status, json, ms: performance.now() - t };
      };
      let seq = 0;
      const evaluation = () => {
        const n = (seq++ * 7919) % contracts;
        return {
          buyer: buyerDn(n % buyers), currency: 'USD', at: '2026-06-01T12:00:00Z',
          lines: [0, 1, 2].map((j) => ({ sku: skuOf(n, (seq * 13 + j * 31) % OFFERS_PER_CONTRACT), quantity: 1 + j, listPrice: '25.00' })),
        };
      };
      const check = await post('/api/v1/checkout/evaluate', evaluation());
      if (check.status !== 200 || !check.json.lines[0].contract) throw new Error(`evaluate did not price under a contract: ${JSON.stringify(check.json)}`);

      // Saturation: a closed loop of 64 clients for the duration.
      let done = 0;
      let failed = 0;
      const satEnd = performance.now() + seconds * 1000;
      const satStart = performance.now();
      await runPool(Array.from({ length: 64 }), 64, async () => {
        while (performance.now() < satEnd) {
          const r = await post('/api/v1/checkout/evaluate', evaluation());
          if (r.status === 200) done++;
          else failed++;
        }
      });
      const perSecond = done / ((performance.now() - satStart) / 1000);
      log(`saturation: ${perSecond.toFixed(0)} evaluations/s (${failed} failed)`);

      // Open loop at a fixed 2,000/s: latency includes any queueing the API builds up.
      const rate = 2000;
      const total = rate * seconds;
      const latencies: number[] = [];
      let openFailed = 0;
      const openStart = performance.now();
      const inflight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = openStart + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        inflight.push(post('/api/v1/checkout/evaluate', evaluation()).then((r) => {
          latencies.push(performance.now() - due);
          if (r.status !== 200) openFailed++;
        }, () => { openFailed++; }));
      }
      await Promise.all(inflight);
      const achieved = total / ((performance.now() - openStart) / 1000);
      const open = summarize(latencies);
      log(`open loop ${rate}/s (achieved ${achieved.toFixed(0)}/s): p50 ${ms(open.p50)}, p99 ${ms(open.p99)}, ${openFailed} failed`);

      // Commits against one hot cap: half of them fit exactly.
      const statuses: number[] = [];
      const commitStart = performance.now();
      await runPool(Array.from({ length: commitsToSend }, (_, i) => i), 32, async (i) => {
        const r = await post('/api/v1/checkout/commit', {
          orderId: `bench-${i}`, buyer: HOT_BUYER, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku: 'SKU-HOT', quantity: 1, listPrice: '2.00' }],
        });
        statuses.push(r.status);
      });
      const commitsPerSecond = commitsToSend / ((performance.now() - commitStart) / 1000);
      const ok = statuses.filter((s) => s === 200).length;
      const refused = statuses.filter((s) => s === 409).length;
      const [ledger] = (await db.query(`SELECT r.consumed::text AS consumed, r.limit_amount::text AS limit,
          (SELECT coalesce(sum(amount), 0)::text FROM checkout_order_spend s WHERE s.contract_id = r.contract_id) AS spent
        FROM checkout_right_to_buy r JOIN contracts c ON c.id = r.contract_id WHERE c.code = 'BENCH-' || $1`, [contracts])).rows;
      const overspend = Number(ledger.consumed) > Number(ledger.limit) || ledger.consumed !== ledger.spent;
      log(`commits: ${commitsPerSecond.toFixed(0)}/s, ${ok} committed, ${refused} refused, consumed ${ledger.consumed} of ${ledger.limit} (spent ${ledger.spent})`);
      if (overspend || ok !== commitsToSend / 2) throw new Error(`ledger check failed: ${ok} committed, ${JSON.stringify(ledger)}`);

      recordBenchmark('Checkout', `npm run bench -- checkout${scale === 1 ? '' : ` --scale ${scale}`}`, [
        `Seeded ${contracts} deployed contracts with ${offers} custom price-list offers for ${buyers} buyer organisations (plus one hot-cap contract), straight into Postgres.`,
        '',
        '| figure | value |',
        '|---|---|',
        `| snapshot build (fresh API process, all live contracts) | ${build.seconds.toFixed(2)} s for ${build.contracts} contracts / ${build.offers} offers |`,
        `| memory after build | heap ${build.heapMiB.toFixed(0)} MiB, RSS ${build.rssMiB.toFixed(0)} MiB |`,
        `| API start to first healthy answer | ${(readyMs / 1000).toFixed(2)} s |`,
        `| evaluations/s at saturation (64 clients, 3 lines each, ${seconds} s) | ${perSecond.toFixed(0)} (${failed} failed) |`,
        `| latency at a fixed ${rate}/s (achieved ${achieved.toFixed(0)}/s) | p50 ${ms(open.p50)}, p90 ${ms(open.p90)}, p99 ${ms(open.p99)}, max ${ms(open.max)} (${openFailed} failed) |`,
        `| commits/s on one hot cap (32 clients) | ${commitsPerSecond.toFixed(0)}; ${ok} committed, ${refused} refused, consumed ${ledger.consumed} of ${ledger.limit}: no overspend |`,
      ]);
    } finally {
      await db.end().catch(() => undefined);
      if (api) await stopChild(api, 30_000);
      await stack.stop();
    }
  },
};
