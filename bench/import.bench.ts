import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DEMO_SELLER } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';
import { generatePackage, readPackageChunks } from '@pactum/xml';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack, type BenchStack } from './support/bench-stack';
import { CpuMeter, findProcess, stackProcess } from './support/process-cpu';
import type { Benchmark } from './support/benchmark';
import { timeBareStarts } from './support/temporal-starts';

const FULL_CONTRACTS = 10_000;
const OFFERS_PER_CONTRACT = 100;
/** The import's user: holds import_approved, so the file's Active contracts deploy (issue 25 (b)). */
const IMPORTER = 'bench-importer';
/** The workflow starts at a time when IMPORT_WORKFLOW_CONCURRENCY is not set (libs/config). */
const DEFAULT_WORKFLOW_CONCURRENCY = 32;
/** Issue 25's targets. */
const TARGET_OFFERS_PER_S = 50_000;
const TARGET_COPY_RATIO = 0.4;
const TARGET_START_RATIO = 0.8;
const TARGET_PEAK_MIB = 300;

/** Peak resident memory (VmHWM) of a process, in MiB. */
function peakMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : undefined;
}

const mib = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(0)} MiB`);
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
const cpuLine = (used: Record<string, number>) => ['worker', 'postgres', 'api', 'temporal', 'bench', 'machine'].filter((k) => used[k] !== undefined).map((k) => `${k} ${used[k]!.toFixed(1)}`).join(', ');

/**
 * The contracts end two years ahead, as the live contracts of a migration do: none is due its
 * "expiring soon" notice, so their workflows wait for their first timer (a fixed end date would
 * turn the workload into notices as the calendar reaches it).
 */
const END_TIME = `${new Date().getUTCFullYear() + 2}-01-01T00:00:00`;

interface JobAnswer { status: string; counts: Record<string, number>; progress: Record<string, number> }

async function upload(stack: BenchStack, token: string, contracts: number, query: string): Promise<{ id: string; bytes: number; uploadS: number }> {
  let bytes = 0;
  const source = generatePackage({ contracts, offersPerContract: OFFERS_PER_CONTRACT, endTime: END_TIME });
  source.on('data', (d: Buffer) => { bytes += d.length; });
  const started = performance.now();
  const res = await fetch(`${stack.apiUrl}/api/v1/imports${query}`, {
    method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
    body: Readable.toWeb(source) as never, duplex: 'half',
  } as RequestInit);
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return { id: ((await res.json()) as { id: string }).id, bytes, uploadS: (performance.now() - started) / 1000 };
}

/**
 * Polls the job until it ends. `committedS` is when every contract of the file had its outcome
 * committed: the counts come from the result rows, which commit with their contracts (the
 * `records` progress counts records read, which runs ahead of the batch being written).
 */
async function waitForJob(stack: BenchStack, token: string, id: string, contracts: number, since: number, onCommitted?: () => void): Promise<JobAnswer & { seconds: number; committedS: number }> {
  let committedS: number | undefined;
  for (;;) {
    const res = await fetch(`${stack.apiUrl}/api/v1/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const job = (await res.json()) as JobAnswer;
    const c = job.counts;
    if (committedS === undefined && c.created + c.updated + c.unchanged + c.failed >= contracts) {
      committedS = (performance.now() - since) / 1000;
      onCommitted?.();
    }
    if (job.status !== 'RUNNING') return { ...job, seconds: (performance.now() - since) / 1000, committedS: committedS ?? (performance.now() - since) / 1000 };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Issue 25 (b): from the first deploy or workflow start of the job's contracts (the `at` of a
 * deploy line, Temporal's start time) to the last of either, once every Approved/Active contract
 * is ACTIVE and the job has ended (it ends after its last start). The import deploys in Postgres
 * and starts each workflow, delayed until its first timer; a workflow may also deploy its own.
 */
async function waitForDeploys(db: Client, temporal: TemporalClient, jobId: string, expected: number): Promise<{ seconds: number; deployed: number }> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const [row] = (await db.query(
      `SELECT count(DISTINCT c.id)::int AS active, min(h.at) AS first, max(h.at) AS last
         FROM import_job_results r JOIN contracts c ON c.id = r.contract_id
         LEFT JOIN contract_history h ON h.contract_id = c.id AND h.to_status = 'ACTIVE'
        WHERE r.job_id = $1 AND c.status = 'ACTIVE'`, [jobId])).rows as { active: number; first: Date | null; last: Date | null }[];
    if (row!.active >= expected) {
      let first = row!.first!.getTime();
      let last = row!.last!.getTime();
      for await (const wf of temporal.workflow.list({ query: `WorkflowType = 'contractLifecycle'` })) {
        first = Math.min(first, wf.startTime.getTime());
        last = Math.max(last, wf.startTime.getTime());
      }
      return { seconds: (last - first) / 1000, deployed: row!.active };
    }
    if (Date.now() > deadline) throw new Error(`deploys: ${row!.active} of ${expected} contracts ACTIVE after 15 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The rows the import wrote, as each table gets them: the COPY baseline writes the same. */
const COPY_TABLES: { table: string; rows: string }[] = [
  { table: 'contracts', rows: 'SELECT * FROM contracts WHERE id IN (SELECT contract_id FROM import_job_results WHERE job_id = $JOB)' },
  { table: 'contract_buyers', rows: 'SELECT * FROM contract_buyers WHERE contract_id IN (SELECT contract_id FROM import_job_results WHERE job_id = $JOB)' },
  { table: 'contract_terms', rows: 'SELECT * FROM contract_terms WHERE contract_id IN (SELECT contract_id FROM import_job_results WHERE job_id = $JOB)' },
  { table: 'contract_price_offers', rows: 'SELECT * FROM contract_price_offers WHERE contract_id IN (SELECT contract_id FROM import_job_results WHERE job_id = $JOB)' },
  // The import's own lines (create, and import for a contract leaving Draft), not those of the deploys after it.
  { table: 'contract_history', rows: `SELECT * FROM contract_history WHERE contract_id IN (SELECT contract_id FROM import_job_results WHERE job_id = $JOB) AND action IN ('create', 'import')` },
  { table: 'import_job_results', rows: 'SELECT * FROM import_job_results WHERE job_id = $JOB' },
];

/**
 * Issue 25 (a)'s baseline: the import's rows, saved with COPY TO, then the tables emptied
 * (TRUNCATE, so every index, constraint and trigger is the import's) and the rows written back
 * with COPY FROM STDIN (pg-copy-streams) in one transaction, timed from BEGIN to COMMIT. Run last:
 * it empties the contract tables.
 */
async function copyBaseline(db: Client, dir: string, jobId: string): Promise<{ seconds: number; tables: { table: string; rows: number; seconds: number }[] }> {
  const literal = `'${jobId.replace(/'/g, "''")}'::uuid`;
  for (const { table, rows } of COPY_TABLES) {
    await pipeline(db.query(copyTo(`COPY (${rows.replace(/\$JOB/g, literal)}) TO STDOUT`)), createWriteStream(join(dir, `${table}.copy`)));
  }
  await db.query('TRUNCATE contracts, import_job_results CASCADE');
  await db.query('CHECKPOINT');
  const tables: { table: string; rows: number; seconds: number }[] = [];
  const t0 = performance.now();
  await db.query('BEGIN');
  for (const { table } of COPY_TABLES) {
    const t = performance.now();
    const copy = db.query(copyFrom(`COPY ${table} FROM STDIN`));
    await pipeline(createReadStream(join(dir, `${table}.copy`), { highWaterMark: 1 << 20 }), copy);
    tables.push({ table, rows: copy.rowCount, seconds: (performance.now() - t) / 1000 });
  }
  await db.query('COMMIT');
  return { seconds: (performance.now() - t0) / 1000, tables };
}

/**
 * Bulk XML import, issue 25's figures: a generated Package of 10,000 contracts × 100 price offers
 * (1,000,000 offers, half Active) through validate-only (in process), a dry run and a real import
 * over HTTP by a user holding import_approved; (a) the time until every contract is written and
 * committed, beside a raw COPY of the same rows into the same tables; (b) the starts and deploys of
 * the Active contracts, beside the bare start rate of the same Temporal server; (c) peak RSS of API
 * and worker. `--scale 0.01` shrinks the file for a quick proof run.
 */
export const importBenchmark: Benchmark = {
  description: 'XML import (issue 25): offers/s until committed vs a raw COPY, deploys vs bare Temporal starts, peak RSS of API and worker',
  async run(args) {
    const i = args.indexOf('--scale');
    const scale = i >= 0 ? Number(args[i + 1]) : 1;
    if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be a number in (0, 1]');
    const contracts = Math.max(1, Math.round(FULL_CONTRACTS * scale));
    const offers = contracts * OFFERS_PER_CONTRACT;
    // generatePackage: odd contracts are Active, even ones Draft.
    const active = Math.floor(contracts / 2);
    const w = args.indexOf('--workflow-concurrency');
    const workflowConcurrency = w >= 0 ? String(Number(args[w + 1])) : undefined;
    const startConcurrency = workflowConcurrency ? Number(workflowConcurrency) : DEFAULT_WORKFLOW_CONCURRENCY;
    // Temporal's own server (four service processes) instead of the dev server.
    const cluster = args.includes('--cluster');
    const lines: string[] = [`Package: ${int(contracts)} contracts × ${OFFERS_PER_CONTRACT} offers = ${int(offers)} price offers (generatePackage; half Active, half Draft; ending ${END_TIME.slice(0, 10)}), imported by a user holding \`import_approved\`, so the Active half deploys.`, ''];

    // 1. Validate-only, in this process: split + XSD + parse, nothing else.
    let bytes = 0;
    let chunks = 0;
    const source = generatePackage({ contracts, offersPerContract: OFFERS_PER_CONTRACT, endTime: END_TIME });
    source.on('data', (d: Buffer) => { bytes += d.length; });
    let started = performance.now();
    for await (const chunk of readPackageChunks(source)) if (!chunk.errors.length) chunks++;
    const validateS = (performance.now() - started) / 1000;
    if (chunks === 0) throw new Error('validate-only read no valid chunk');

    const stack = await startBenchStack({ cluster, env: {
      IMPORT_MAX_BYTES: String(64 * 1024 * 1024 * 1024), ...(workflowConcurrency ? { IMPORT_WORKFLOW_CONCURRENCY: workflowConcurrency } : {}),
    } });
    const db = new Client({ connectionString: stack.databaseUrl });
    let connection: Connection | undefined;
    try {
      await db.connect();
      await db.query(`INSERT INTO users (username, password_hash, roles, display_name, organization_dn) VALUES ($1, $2, $3, $1, $4)`,
        [IMPORTER, await hashPassword('demo'), ['integration', 'import_approved'], DEMO_SELLER]);
      const token = await stack.token(IMPORTER);
      connection = await Connection.connect({ address: stack.temporalAddress });
      const temporal = new TemporalClient({ connection });
      const apiPid = stackProcess('api', stack.dataDir);
      const workerPid = stackProcess('worker', stack.dataDir);
      const baseline = { api: peakMiB(apiPid), worker: peakMiB(workerPid) };

      // 2. Dry run over HTTP: everything but the writes.
      started = performance.now();
      const dry = await upload(stack, token, contracts, '?dryRun=true&createMissing=true');
      const dryJob = await waitForJob(stack, token, dry.id, contracts, started);
      const dryS = dryJob.seconds;
      if (dryJob.status !== 'SUCCEEDED' || dryJob.counts.priceLines !== offers) throw new Error(`dry run: ${JSON.stringify(dryJob)}`);

      // 3. The real import: upload, validate, parse, persist; then the workflow starts and deploys.
      // CPU of the whole stack in each part (other work on the machine counts only in `machine`).
      const meter = () => new CpuMeter(
        { worker: workerPid, api: apiPid, temporal: cluster ? undefined : findProcess('start-dev', stack.dataDir), bench: process.pid },
        { postgres: findProcess('postgres', stack.dataDir) },
      );
      const writing = meter();
      const deploying = meter();
      let cpuWriting: Record<string, number> = {};
      let committedPeak = baseline;
      writing.start();
      started = performance.now();
      const real = await upload(stack, token, contracts, '?createMissing=true');
      const job = await waitForJob(stack, token, real.id, contracts, started, () => {
        cpuWriting = writing.stop();
        committedPeak = { api: peakMiB(apiPid), worker: peakMiB(workerPid) };
        deploying.start();
      });
      const totalS = job.seconds;
      if (job.status !== 'SUCCEEDED' || job.counts.created !== contracts || job.counts.priceLines !== offers) throw new Error(`import: ${JSON.stringify(job)}`);
      const deploys = await waitForDeploys(db, temporal, real.id, active);
      const cpuDeploying = deploying.stop();
      const peak = { api: peakMiB(apiPid), worker: peakMiB(workerPid) };

      // 4. The same Temporal server's bare start rate, as many starts as the import's, as many at a time.
      const bareS = await timeBareStarts(temporal, { count: active, concurrency: startConcurrency, idPrefix: 'bench-bare-start' });

      // 5. A raw COPY of the import's rows into the same tables (last: it empties them).
      process.stderr.write('[bench] COPY baseline…\n');
      const copy = await copyBaseline(db, stack.dataDir, real.id);
      const copied = copy.tables.find((t) => t.table === 'contract_price_offers')!.rows;
      if (copied !== offers) throw new Error(`COPY baseline wrote ${copied} offers, not ${offers}`);

      const mb = bytes / 1e6;
      const importRate = offers / job.committedS;
      const copyRate = offers / copy.seconds;
      const deployRate = deploys.deployed / deploys.seconds;
      const bareRate = active / bareS;
      const peakOk = (peak.api ?? Infinity) <= TARGET_PEAK_MIB && (peak.worker ?? Infinity) <= TARGET_PEAK_MIB;
      lines.push(
        '| phase | seconds | price offers/s | MB/s |',
        '|---|---:|---:|---:|',
        `| validate-only (split + XSD + parse, in process) | ${validateS.toFixed(1)} | ${int(offers / validateS)} | ${(mb / validateS).toFixed(1)} |`,
        `| dry run over HTTP (upload + job) | ${dryS.toFixed(1)} | ${int(offers / dryS)} | ${(mb / dryS).toFixed(1)} |`,
        `| import: every contract written and committed (upload ${real.uploadS.toFixed(1)} s + validate + parse + persist) | ${job.committedS.toFixed(1)} | ${int(importRate)} | ${(mb / job.committedS).toFixed(1)} |`,
        `| import end to end, until the job ends (then ${job.progress.workflowsStarted} workflows started in ${(totalS - job.committedS).toFixed(1)} s, ${startConcurrency} at a time) | ${totalS.toFixed(1)} | ${int(offers / totalS)} | ${(mb / totalS).toFixed(1)} |`,
        `| raw COPY of the import's rows into the same tables, one transaction | ${copy.seconds.toFixed(1)} | ${int(copyRate)} | |`,
        '',
        `COPY baseline, per table: ${copy.tables.map((t) => `${t.table} ${int(t.rows)} rows ${t.seconds.toFixed(2)} s`).join(', ')} (the import's rows, saved with COPY TO, the tables truncated, then COPY FROM STDIN over pg-copy-streams from this process; the contracts rows as they are after their deploy, the history without the deploy lines).`,
        '',
        `CPU seconds (user + system, all threads) until every contract was committed: ${cpuLine(cpuWriting)}; from then until the last deploy: ${cpuLine(cpuDeploying)} (\`bench\` is this process, \`machine\` both cores, other processes included).`,
        '',
        `File: ${mb.toFixed(1)} MB. Peak RSS (VmHWM) — API: ${mib(peak.api)} (${mib(baseline.api)} before the dry run, ${mib(committedPeak.api)} when every contract was committed), worker: ${mib(peak.worker)} (${mib(baseline.worker)}, ${mib(committedPeak.worker)}). The API's checkout snapshot holds the offers of every deployed contract (here ${int(active * OFFERS_PER_CONTRACT)}): what it gains after the commit is mostly the deploys'.`,
        '',
        '| issue 25 | target | this run | |',
        '|---|---|---|---|',
        `| (a) offers/s until every contract is written and committed | ≥ ${int(TARGET_OFFERS_PER_S)} | ${int(importRate)} (${job.committedS.toFixed(1)} s) | ${verdict(importRate >= TARGET_OFFERS_PER_S)} |`,
        `| (a) beside a raw COPY of the same rows: import ÷ COPY | ≥ ${TARGET_COPY_RATIO} | ${(importRate / copyRate).toFixed(2)} (COPY ${int(copyRate)} offers/s, ${copy.seconds.toFixed(1)} s) | ${verdict(importRate / copyRate >= TARGET_COPY_RATIO)} |`,
        `| (b) starts and deploys of the Approved/Active contracts, first deploy or start to the last ÷ the bare start rate | ≥ ${TARGET_START_RATIO} | ${(deployRate / bareRate).toFixed(2)} (${int(deploys.deployed)} in ${deploys.seconds.toFixed(1)} s = ${deployRate.toFixed(0)}/s; bare: ${int(active)} starts in ${bareS.toFixed(1)} s = ${bareRate.toFixed(0)}/s, ${startConcurrency} at a time) | ${verdict(deployRate / bareRate >= TARGET_START_RATIO)} |`,
        `| (c) peak RSS per process | ≤ ${TARGET_PEAK_MIB} MiB | API ${mib(peak.api)}, worker ${mib(peak.worker)} (until every contract was committed: ${mib(committedPeak.api)}, ${mib(committedPeak.worker)}) | ${verdict(peakOk)} |`,
        ...(scale < 1 ? ['', `Scaled run (--scale ${scale}): not the target size.`] : []),
      );
      if (cluster) lines.push('', 'Temporal: its own server, frontend, history, matching and worker as four processes on the same Postgres (the dev server\'s figures: [Import](#import)).');
      recordBenchmark(cluster ? 'Import on a Temporal cluster' : 'Import',
        `npm run bench -- import${scale < 1 ? ` --scale ${scale}` : ''}${workflowConcurrency ? ` --workflow-concurrency ${workflowConcurrency}` : ''}${cluster ? ' --cluster' : ''}`, lines);
    } finally {
      await connection?.close();
      await db.end().catch(() => undefined);
      await stack.stop();
    }
  },
};
