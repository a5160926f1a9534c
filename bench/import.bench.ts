import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { generatePackage, readPackageChunks } from '@pactum/xml';
import { recordBenchmark } from './support/bench-report';
import { startBenchStack, type BenchStack } from './support/bench-stack';
import { stackProcess } from './support/process-cpu';
import type { Benchmark } from './support/benchmark';

const FULL_CONTRACTS = 10_000;
const OFFERS_PER_CONTRACT = 100;

/** Peak resident memory (VmHWM) of a process, in MiB. */
function peakMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : undefined;
}

const mib = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(0)} MiB`);

async function upload(stack: BenchStack, token: string, contracts: number, query: string): Promise<{ id: string; bytes: number; uploadS: number }> {
  let bytes = 0;
  const source = generatePackage({ contracts, offersPerContract: OFFERS_PER_CONTRACT });
  source.on('data', (d: Buffer) => { bytes += d.length; });
  const started = performance.now();
  const res = await fetch(`${stack.apiUrl}/api/v1/imports${query}`, {
    method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
    body: Readable.toWeb(source) as never, duplex: 'half',
  } as RequestInit);
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return { id: ((await res.json()) as { id: string }).id, bytes, uploadS: (performance.now() - started) / 1000 };
}

/** Polls the job; `recordsS` is when every record of the file was processed (before the workflow starts). */
async function waitForJob(stack: BenchStack, token: string, id: string, records: number, since: number): Promise<{ status: string; counts: Record<string, number>; progress: Record<string, number>; seconds: number; recordsS?: number }> {
  let recordsS: number | undefined;
  for (;;) {
    const res = await fetch(`${stack.apiUrl}/api/v1/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const job = (await res.json()) as { status: string; counts: Record<string, number>; progress: Record<string, number> };
    if (recordsS === undefined && job.progress.records >= records) recordsS = (performance.now() - since) / 1000;
    if (job.status !== 'RUNNING') return { ...job, seconds: (performance.now() - since) / 1000, recordsS: recordsS ?? (performance.now() - since) / 1000 };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Bulk XML import end to end: a generated Package of 10,000 contracts × 100 price offers (1,000,000
 * offers) through validate-only (in process), a dry run and a real import over HTTP (upload, XSD,
 * parse, persist, start the contract workflows). `--scale 0.01` shrinks it for a quick proof run.
 */
export const importBenchmark: Benchmark = {
  description: 'XML import: offers/s for validate-only, dry run and the full import, peak RSS of API and worker',
  async run(args) {
    const i = args.indexOf('--scale');
    const scale = i >= 0 ? Number(args[i + 1]) : 1;
    if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be a number in (0, 1]');
    const contracts = Math.max(1, Math.round(FULL_CONTRACTS * scale));
    const offers = contracts * OFFERS_PER_CONTRACT;
    // Every contract, and the one Account element of the file.
    const records = contracts + 1;
    const w = args.indexOf('--workflow-concurrency');
    const workflowConcurrency = w >= 0 ? String(Number(args[w + 1])) : undefined;
    // Temporal's own server (four service processes) instead of the dev server.
    const cluster = args.includes('--cluster');
    const lines: string[] = [`Package: ${contracts.toLocaleString('en-US')} contracts × ${OFFERS_PER_CONTRACT} offers = ${offers.toLocaleString('en-US')} price offers (generatePackage; half Active, half Draft).`, ''];

    // 1. Validate-only, in this process: split + XSD + parse, nothing else.
    let bytes = 0;
    let chunks = 0;
    const source = generatePackage({ contracts, offersPerContract: OFFERS_PER_CONTRACT });
    source.on('data', (d: Buffer) => { bytes += d.length; });
    let started = performance.now();
    for await (const chunk of readPackageChunks(source)) if (!chunk.errors.length) chunks++;
    const validateS = (performance.now() - started) / 1000;
    if (chunks === 0) throw new Error('validate-only read no valid chunk');

    const stack = await startBenchStack({ cluster, env: {
      IMPORT_MAX_BYTES: String(64 * 1024 * 1024 * 1024), ...(workflowConcurrency ? { IMPORT_WORKFLOW_CONCURRENCY: workflowConcurrency } : {}),
    } });
    try {
      const token = await stack.token('integrator');
      const apiPid = stackProcess('api', stack.dataDir);
      const workerPid = stackProcess('worker', stack.dataDir);
      const baseline = { api: peakMiB(apiPid), worker: peakMiB(workerPid) };

      // 2. Dry run over HTTP: everything but the writes.
      started = performance.now();
      const dry = await upload(stack, token, contracts, '?dryRun=true&createMissing=true');
      const dryJob = await waitForJob(stack, token, dry.id, records, started);
      const dryS = (performance.now() - started) / 1000;
      if (dryJob.status !== 'SUCCEEDED' || dryJob.counts.priceLines !== offers) throw new Error(`dry run: ${JSON.stringify(dryJob)}`);

      // 3. The real import: upload, validate, parse, persist, start workflows.
      started = performance.now();
      const real = await upload(stack, token, contracts, '?createMissing=true');
      const job = await waitForJob(stack, token, real.id, records, started);
      const totalS = (performance.now() - started) / 1000;
      if (job.status !== 'SUCCEEDED' || job.counts.created !== contracts || job.counts.priceLines !== offers) throw new Error(`import: ${JSON.stringify(job)}`);

      const peak = { api: peakMiB(apiPid), worker: peakMiB(workerPid) };
      const mb = bytes / 1e6;
      lines.push(
        '| phase | seconds | price offers/s | MB/s |',
        '|---|---:|---:|---:|',
        `| validate-only (split + XSD + parse, in process) | ${validateS.toFixed(1)} | ${Math.round(offers / validateS).toLocaleString('en-US')} | ${(mb / validateS).toFixed(1)} |`,
        `| dry run over HTTP (upload + job) | ${dryS.toFixed(1)} | ${Math.round(offers / dryS).toLocaleString('en-US')} | ${(mb / dryS).toFixed(1)} |`,
        `| import: records written (upload + validate + parse + persist) | ${job.recordsS!.toFixed(1)} | ${Math.round(offers / job.recordsS!).toLocaleString('en-US')} | ${(mb / job.recordsS!).toFixed(1)} |`,
        `| import end to end (upload ${real.uploadS.toFixed(1)} s + job; then ${job.progress.workflowsStarted} workflows started in ${(totalS - job.recordsS!).toFixed(1)} s, ${workflowConcurrency ?? 'default'} at a time) | ${totalS.toFixed(1)} | ${Math.round(offers / totalS).toLocaleString('en-US')} | ${(mb / totalS).toFixed(1)} |`,
        '',
        `File: ${mb.toFixed(1)} MB. Peak RSS (VmHWM) — API: ${mib(peak.api)} (${mib(baseline.api)} before), worker: ${mib(peak.worker)} (${mib(baseline.worker)} before).`,
        `Targets: ≥ 50,000 offers/s end to end and ≤ 300 MiB per process.${scale < 1 ? ` Scaled run (--scale ${scale}): not the target size.` : ''}`,
      );
      if (cluster) lines.push('', 'Temporal: its own server, frontend, history, matching and worker as four processes on the same Postgres (the dev server\'s figures: [Import](#import)).');
      recordBenchmark(cluster ? 'Import on a Temporal cluster' : 'Import',
        `npm run bench -- import${scale < 1 ? ` --scale ${scale}` : ''}${workflowConcurrency ? ` --workflow-concurrency ${workflowConcurrency}` : ''}${cluster ? ' --cluster' : ''}`, lines);
    } finally {
      await stack.stop();
    }
  },
};
