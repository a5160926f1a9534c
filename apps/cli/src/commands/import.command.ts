import { createReadStream, existsSync, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { formatImportError } from '@pactum/xml';
import type { ParsedArgs } from '../args';
import { API_OPTIONS_USAGE, apiGet, openCommandSession } from './api-session';

export const IMPORT_USAGE = `pactum import FILE [--dry-run] [--create-missing]
  Uploads a WCS-style Package to the API (POST /api/v1/imports), follows the job with a progress bar
  and prints a summary. Exit code 0 only when every contract imported (1: some failed, 2: usage).
${API_OPTIONS_USAGE}`;

const BOOLEAN_FLAGS = ['dry-run', 'create-missing'];
const SHOWN_ERRORS = 20;

interface JobView {
  status: string;
  counts: Record<string, number>;
  errors: { line: number; column?: number; contract?: string; field?: string; message: string }[];
  progress: { bytesRead: number; totalBytes: number; records: number };
}

/** parseArgs reads `--dry-run FILE` as a value: boolean flags give their word back to the positionals. */
function booleanFlags(args: ParsedArgs): { positional: string[]; flags: Record<string, boolean> } {
  const positional = [...args.positional];
  const flags: Record<string, boolean> = {};
  for (const name of BOOLEAN_FLAGS) {
    const v = args.options[name];
    if (v === undefined) continue;
    if (typeof v === 'string' && v !== 'true' && v !== 'false') positional.push(v);
    flags[name] = v !== 'false';
  }
  return { positional, flags };
}

export async function importCommand(args: ParsedArgs, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { positional, flags } = booleanFlags(args);
  const [file] = positional;
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    err.write(`import: ${file ? `no such file: ${file}` : 'FILE is required'}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const session = await openCommandSession('import', IMPORT_USAGE, args, err);
  if (!session) return 2;
  const size = statSync(file).size;
  const query = `?dryRun=${flags['dry-run'] === true}&createMissing=${flags['create-missing'] === true}`;
  const res = await fetch(`${session.baseUrl}/api/v1/imports${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', 'content-length': String(size), authorization: `Bearer ${session.token}` },
    body: createReadStream(file) as never,
    duplex: 'half',
  } as RequestInit);
  const answer = await res.text();
  if (res.status !== 202) {
    err.write(`import refused: ${res.status} ${answer}\n`);
    return 1;
  }
  const { id } = JSON.parse(answer) as { id: string };
  err.write(`import ${id} started${flags['dry-run'] ? ' (dry run)' : ''}\n`);

  const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | {records} records | {status}', stream: err as NodeJS.WriteStream, hideCursor: true }, undefined);
  bar.start(size, 0, { records: 0, status: 'RUNNING' });
  let job: JobView;
  for (;;) {
    const polled = await apiGet<JobView>(session, `/api/v1/imports/${id}`);
    if (polled.status !== 200) throw new Error(`GET /api/v1/imports/${id}: ${polled.status} ${JSON.stringify(polled.body)}`);
    job = polled.body;
    bar.update(job.progress.bytesRead, { records: job.progress.records, status: job.status });
    if (job.status !== 'RUNNING') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  bar.stop();

  const c = job.counts;
  out.write(`${job.status}: ${c.contracts} contracts — ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed; ${c.priceLines} price lines${flags['dry-run'] ? ' (dry run: nothing written)' : ''}\n`);
  for (const e of job.errors.slice(0, SHOWN_ERRORS)) out.write(`  ${formatImportError(e)}\n`);
  if (job.errors.length > SHOWN_ERRORS) out.write(`  … ${job.errors.length - SHOWN_ERRORS} more (GET /api/v1/imports/${id})\n`);
  return job.status === 'SUCCEEDED' ? 0 : 1;
}
