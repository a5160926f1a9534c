import { randomUUID } from 'node:crypto';
import type { ContractDraft } from '@pactum/domain';
import { createDataSource, DEMO_BUYERS, DEMO_SELLER, writeContractContent } from '@pactum/persistence';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack } from './support/bench-stack';
import { ms, summarize } from './support/bench-stats';
import type { Benchmark } from './support/benchmark';

const FULL = { contracts: 1_000, requests: 2_000 };
const TARGET_P99_MS = 50;
const OFFERS = 20;
const SEED_BATCH = 100;

function parseScale(args: string[]): number {
  const i = args.findIndex((a) => a === '--scale' || a.startsWith('--scale='));
  if (i < 0) return 1;
  const raw = args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be a number in (0, 1], got "${raw}"`);
  return scale;
}

/** Version 1.0 (ACTIVE) and 1.1 (waiting): 1.1 lowers two prices, adds an offer and a spending cap. */
function versions(code: string): [ContractDraft, ContractDraft] {
  const offers = Array.from({ length: OFFERS }, (_, i) => ({ sku: `SKU-${String(i).padStart(4, '0')}`, price: `${10 + i}.00`, currency: 'USD' }));
  const base: ContractDraft = {
    code, description: `Benchmark contract ${code}`, currency: 'USD', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-12-31T23:59:59.000Z',
    seller: DEMO_SELLER, buyers: [{ organization: DEMO_BUYERS.northwindEast, active: true }], account: 'Northwind Fabrication',
    isBase: false, baseContract: null, creditAllowed: false,
    terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
      { type: 'PriceTCCustomPriceList', sequenceNumber: 3, offers },
    ],
  };
  const next: ContractDraft = {
    ...base,
    terms: [
      base.terms[0]!, base.terms[1]!,
      { type: 'PriceTCCustomPriceList', sequenceNumber: 3, offers: [
        ...offers.map((o, i) => (i < 2 ? { ...o, price: `${9 + i}.50` } : o)),
        { sku: 'SKU-NEW', price: '4.00', currency: 'USD', minQuantity: 10 },
      ] },
      { type: 'RightToBuyTCByAmount', sequenceNumber: 4, maximumAmount: '250000.00', currency: 'USD' },
    ],
  };
  return [base, next];
}

/**
 * Seeds what the inbox query reads, straight into Postgres (the read benchmark needs no running
 * workflows): per contract an ACTIVE 1.0 and a 1.1 copied from it, submitted by rep1 one second
 * apart, with their content written by the persistence layer's own writer.
 */
async function seed(databaseUrl: string, count: number): Promise<void> {
  const ds = await createDataSource({ url: databaseUrl, applicationName: 'pactum-bench-seed' }).initialize();
  try {
    const t0 = Date.now() - count * 1000 - 60_000;
    for (let start = 0; start < count; start += SEED_BATCH) {
      await ds.transaction(async (m) => {
        for (let i = start; i < Math.min(count, start + SEED_BATCH); i++) {
          const code = `BENCH-INBOX-${String(i).padStart(5, '0')}`;
          const [v1, v2] = versions(code);
          const ids = [randomUUID(), randomUUID()];
          const submittedAt = new Date(t0 + i * 1000);
          for (const [k, draft] of [v1, v2].entries()) {
            const id = ids[k]!;
            const pending = k === 1;
            await m.query(
              `INSERT INTO contracts (id, code, origin, seller_dn, version_major, version_minor, status, description, currency, starts_at, ends_at,
                 account_name, created_by, owner, submitted_by, workflow_id, state_seq, created_at, updated_at)
               VALUES ($1,$2,'Manual',$3,1,$4,$5,$6,'USD',$7,$8,$9,'rep1','rep1','rep1',$10,$11,$12,$12)`,
              [id, code, DEMO_SELLER, k, pending ? 'PENDING_APPROVAL' : 'ACTIVE', draft.description, draft.startsAt, draft.endsAt,
                draft.account, `contract-${id}`, pending ? 2 : 4, submittedAt],
            );
            await writeContractContent(m, id, draft);
            await m.query(
              `INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status, detail) VALUES
                 ($1, 1, $2, 'rep1', 'create', NULL, 'DRAFT', $3), ($1, 2, $2, 'rep1', 'submit', 'DRAFT', 'PENDING_APPROVAL', NULL)`,
              [id, submittedAt, pending ? { code, copiedFrom: ids[0] } : { code }],
            );
          }
        }
      });
    }
  } finally {
    await ds.destroy();
  }
}

export const inboxBenchmark: Benchmark = {
  description: 'GET /api/v1/inbox latency (first page of 50) with 1,000 contracts waiting for one manager',
  async run(args) {
    const scale = parseScale(args);
    const contracts = Math.max(10, Math.round(FULL.contracts * scale));
    const requests = Math.max(50, Math.round(FULL.requests * scale));
    const stack = await startBenchStack();
    try {
      const seedStart = Date.now();
      await seed(stack.databaseUrl, contracts);
      const seedMs = Date.now() - seedStart;
      const token = await stack.token('manager1');
      const get = async () => {
        const t = performance.now();
        const res = await fetch(`${stack.apiUrl}/api/v1/inbox`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { total: number; items: { changes: { total: number } }[] };
        if (!res.ok) throw new Error(`inbox: ${res.status} ${JSON.stringify(body)}`);
        return { ms: performance.now() - t, body };
      };
      const cold = await get();
      if (cold.body.total < contracts || cold.body.items[0]?.changes.total !== 4) {
        throw new Error(`the inbox does not show the seeded contracts (total ${cold.body.total}, first item changes ${cold.body.items[0]?.changes.total})`);
      }
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) samples.push((await get()).ms);
      const s = summarize(samples);
      const lines = [
        `Seeded ${contracts} waiting contracts (each a 1.1 of an ACTIVE 1.0, ${OFFERS} price offers) directly into Postgres in ${(seedMs / 1000).toFixed(1)} s; no workflows started (the inbox reads Postgres only).`,
        '',
        '| measure | value |',
        '|---|---|',
        `| first request (redlines computed, cache cold) | ${ms(cold.ms)} |`,
        `| requests (sequential, one manager, page of 50) | ${s.count} |`,
        `| p50 | ${ms(s.p50)} |`,
        `| p90 | ${ms(s.p90)} |`,
        `| p99 | ${ms(s.p99)} (target ≤ ${TARGET_P99_MS} ms: ${s.p99 <= TARGET_P99_MS ? 'met' : 'missed'}) |`,
        `| max | ${ms(s.max)} |`,
      ];
      if (scale === 1) recordBenchmark('Inbox', 'npm run bench -- inbox', lines);
      else process.stdout.write(`${lines.join('\n')}\n(scale ${scale}: not recorded in BENCHMARKS.md)\n`);
    } finally {
      await stack.stop();
    }
  },
};
