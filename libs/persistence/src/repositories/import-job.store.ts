import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { binaryCopyRows } from '../binary-copy';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid, DomainError, type ContractDraft, type TypedContractTerm } from '@pactum/domain';
import { resolveBaseContractId } from './base-contract-reference';
import { NOTICES_CHANNEL, noticeKey } from './contract-notice.store';
import { insertBatch } from '../terms/term-columns';
import { contentRowBatches, copySql, copyText, deleteContractContent, insertBatchSql, writeAccountTerms, writeContractContent } from '../terms';

export type ImportJobStatus = 'UPLOADING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'PARTIAL';
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed';
/** What a job reads: a Package, or one of the spreadsheet files (`csv:` and its kind). */
export type ImportFormat = 'xml' | 'csv:contracts' | 'csv:contract-buyers' | 'csv:contract-products';

/** One line-numbered problem, as GET /api/v1/imports/{id} lists it. */
export interface ImportJobError {
  line: number;
  column?: number;
  contract?: string;
  field?: string;
  message: string;
}

export interface ImportJobRow {
  id: string;
  status: ImportJobStatus;
  format: ImportFormat;
  dryRun: boolean;
  createMissing: boolean;
  createdBy: string;
  fileBytes: number;
  bytesRead: number;
  recordsDone: number;
  workflowsStarted: number;
  fatalErrors: ImportJobError[] | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ImportCounts {
  contracts: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  priceLines: number;
}

/** The per-record outcome written with the record's own changes (same transaction). */
export interface ImportResultRow {
  jobId: string;
  recordIndex: number;
  kind: 'contract' | 'account' | 'error';
  outcome: ImportOutcome;
  code?: string;
  contractId?: string;
  line: number;
  priceLines?: number;
  errors?: ImportJobError[];
  /** The contract's workflow still has to be started (or told to reload its state). */
  workflowPending?: boolean;
}

export interface ImportedContractRow {
  id: string;
  workflowId: string;
  origin: string;
  version: { major: number; minor: number };
  draft: ContractDraft;
  /**
   * DRAFT; APPROVED ("start the deploy": never written as ACTIVE), when the importing user may skip
   * the approval or the seller needs none; else PENDING_APPROVAL, submitted by the importing user.
   */
  status: 'DRAFT' | 'APPROVED' | 'PENDING_APPROVAL';
  createdBy: string;
  at: string;
  /** The audit detail of the `import` line that moves a new contract out of Draft (why it was approved, or why it waits). */
  importDetail?: Record<string, unknown>;
  /** PENDING_APPROVAL: the task queue whose workers mail the approval request. */
  noticeTaskQueue?: string;
}

/** The state sequence number a new imported contract is written with: `create`, then `import` when it leaves Draft. */
export function importedStateSeq(status: ImportedContractRow['status']): number {
  return status === 'DRAFT' ? 1 : 2;
}

const importDetailOf = (c: ImportedContractRow): Record<string, unknown> =>
  c.importDetail ?? { reason: c.status === 'APPROVED' ? 'imported as Approved/Active: deploy starts' : 'imported as Approved/Active: waits for a sales manager' };

/**
 * The approval request of imported contracts that wait in PENDING_APPROVAL (the import's own
 * `import` line is the submission), queued in the transaction that writes them.
 */
async function queueImportedApprovalRequests(m: EntityManager, items: { c: ImportedContractRow; seq: number }[]): Promise<void> {
  const pending = items.filter(({ c }) => c.status === 'PENDING_APPROVAL');
  if (!pending.length) return;
  await m.query(
    `INSERT INTO contract_notices (key, task_queue, contract_id, seq, kind, actor)
     SELECT u.key, u.queue, u.id, u.seq, 'approvalRequested', u.actor
       FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::text[]) AS u(key, id, seq, queue, actor)
     ON CONFLICT (key) DO NOTHING`,
    [pending.map(({ c, seq }) => noticeKey(c.id, seq, 'approvalRequested')), pending.map(({ c }) => c.id), pending.map(({ seq }) => seq),
      pending.map(({ c }) => c.noticeTaskQueue ?? 'pactum-contracts'), pending.map(({ c }) => c.createdBy)],
  );
  await m.query(`SELECT pg_notify($1, '')`, [NOTICES_CHANNEL]);
}

export interface ImportedAccount {
  name: string;
  seller: string;
  buyerOrganization: string;
  creditAllowed: boolean;
  terms: TypedContractTerm[];
}

const JOB_COLUMNS = `id, status, format, dry_run, create_missing, created_by, file_bytes, bytes_read, records_done, workflows_started,
  fatal_errors, created_at, started_at, finished_at`;

function toJob(r: Record<string, any>): ImportJobRow {
  return {
    id: r.id, status: r.status, format: r.format, dryRun: r.dry_run, createMissing: r.create_missing, createdBy: r.created_by,
    fileBytes: Number(r.file_bytes), bytesRead: Number(r.bytes_read), recordsDone: r.records_done, workflowsStarted: r.workflows_started,
    fatalErrors: r.fatal_errors, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}

/**
 * How long a read waits for the next part of an upload in progress before the job fails (the API
 * process that took the upload died). Parts are 128 KiB: a slow client may take minutes per part.
 */
const UPLOAD_STALL_MS = 10 * 60_000;
/** A read that has caught up with an upload looks for its next part after 20 ms, then less often, up to every second. */
const UPLOAD_POLL_MS = 20;
const UPLOAD_POLL_MAX_MS = 1000;

/** The file will not be complete: its upload was refused, or stopped. Retrying cannot help. */
export class UploadEndedError extends Error {}

/**
 * Import jobs: the uploaded file (bytea parts), progress, and one result row per record of the
 * file. Contract writes of the import go through here so that a contract and its result row
 * commit together: a record with a result row is done, whatever attempt of the activity wrote it.
 */
export class ImportJobStore {
  constructor(private readonly dataSource: DataSource) {}

  async createJob(job: { id: string; createdBy: string; dryRun: boolean; createMissing: boolean; format?: ImportFormat }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO import_jobs (id, status, dry_run, create_missing, created_by, format) VALUES ($1, 'UPLOADING', $2, $3, $4, $5)`,
      [job.id, job.dryRun, job.createMissing, job.createdBy, job.format ?? 'xml'],
    );
  }

  async appendPart(jobId: string, seq: number, data: Buffer): Promise<void> {
    await this.dataSource.query(`INSERT INTO import_job_parts (job_id, seq, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [jobId, seq, data]);
  }

  /**
   * The upload is complete. A job that has ended meanwhile (its first read refused the file before
   * the upload ended) stays as it ended, with the file's size, without the parts stored after its end.
   */
  async uploaded(jobId: string, fileBytes: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT status FROM import_jobs WHERE id = $1 FOR UPDATE`, [jobId]);
      if (row?.status === 'UPLOADING') {
        await m.query(`UPDATE import_jobs SET status = 'RUNNING', file_bytes = $2, started_at = now() WHERE id = $1`, [jobId, fileBytes]);
        return;
      }
      await m.query(`UPDATE import_jobs SET file_bytes = $2 WHERE id = $1`, [jobId, fileBytes]);
      await m.query(`DELETE FROM import_job_parts WHERE job_id = $1`, [jobId]);
    });
  }

  /** A refused or broken upload leaves nothing behind. */
  async deleteJob(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM import_jobs WHERE id = $1`, [jobId]);
  }

  /**
   * The uploaded file, part by part, as it arrives: the job starts with its upload, and a read
   * that reaches the last part stored while the upload goes on waits for the next (so the first
   * read of a large file runs beside its upload; `onWait` is called as it waits, e.g. to heartbeat).
   * Throws UploadEndedError when the job is gone (its upload was refused) or no part came for `stallMs`.
   */
  async *readFile(jobId: string, options: { onWait?: () => void; stallMs?: number } = {}): AsyncGenerator<Buffer> {
    const stallMs = options.stallMs ?? UPLOAD_STALL_MS;
    let from = 0;
    let lastPart = Date.now();
    let idlePolls = 0;
    for (;;) {
      // Asked before the parts: once the upload has ended, every part is committed and this read gets the rest.
      const [row] = await this.dataSource.query(`SELECT status FROM import_jobs WHERE id = $1`, [jobId]);
      if (!row) throw new UploadEndedError('the upload did not complete: send the file again');
      const uploading = row.status === 'UPLOADING';
      const before = from;
      for await (const part of this.readParts(jobId, from)) {
        from++;
        yield part;
      }
      if (!uploading) return;
      options.onWait?.();
      if (from > before) {
        lastPart = Date.now();
        idlePolls = 0;
      } else if (Date.now() - lastPart > stallMs) {
        throw new UploadEndedError(`the upload stopped before the end of the file (nothing arrived for ${Math.round(stallMs / 60_000)} minutes): send the file again`);
      } else await sleep(Math.min(UPLOAD_POLL_MAX_MS, UPLOAD_POLL_MS * 2 ** idlePolls++));
    }
  }

  /**
   * The parts stored from `from` on, in one COPY in Postgres's binary format (as query results,
   * bytea travels as hex text, twice its size, encoded by Postgres and decoded here), until the
   * first gap. The connection is held until they are read or the reader stops.
   */
  private async *readParts(jobId: string, from: number): AsyncGenerator<Buffer> {
    // The job id is written into the COPY statement (COPY takes no parameters): a UUID and nothing else.
    if (!isUuid(jobId)) throw new Error(`not a job id: ${jobId}`);
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    const stream = client.query(copyTo(`COPY (SELECT seq, data FROM import_job_parts WHERE job_id = '${jobId}' AND seq >= ${Math.trunc(from)} ORDER BY seq) TO STDOUT (FORMAT binary)`));
    let finished = false;
    try {
      let expected = from;
      let gap = false;
      for await (const row of binaryCopyRows(stream)) {
        gap = row[0].readInt32BE(0) !== expected++;
        if (gap) break;
        yield row[1];
      }
      finished = !gap;
    } finally {
      if (!finished) stream.destroy();
      // A connection left inside a COPY cannot be used again.
      client.release(finished ? undefined : new Error('the parts were not read to their end'));
    }
  }

  async job(jobId: string): Promise<ImportJobRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE id = $1`, [jobId]);
    return row ? toJob(row) : null;
  }

  /**
   * A page of jobs, newest first, each with its counts and how many errors it has (two queries:
   * the page, then the counts of its jobs together).
   */
  async list(page: number, pageSize: number): Promise<{ items: (ImportJobRow & { counts: ImportCounts; errorCount: number })[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE status <> 'UPLOADING' ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM import_jobs WHERE status <> 'UPLOADING'`),
    ]);
    const jobs = (rows as Record<string, unknown>[]).map(toJob);
    const grouped: { job_id: string; kind: string; outcome: ImportOutcome; n: string; lines: string; errors: string }[] = jobs.length === 0 ? [] : await this.dataSource.query(
      `SELECT job_id, kind, outcome, count(*) AS n, coalesce(sum(price_lines), 0) AS lines, coalesce(sum(jsonb_array_length(coalesce(errors, '[]'::jsonb))), 0) AS errors
       FROM import_job_results WHERE job_id = ANY($1::uuid[]) GROUP BY job_id, kind, outcome`, [jobs.map((j) => j.id)]);
    const items = jobs.map((j) => {
      const counts: ImportCounts = { contracts: 0, created: 0, updated: 0, unchanged: 0, failed: 0, priceLines: 0 };
      let errorCount = j.fatalErrors?.length ?? 0;
      for (const r of grouped) {
        if (r.job_id !== j.id) continue;
        if (r.outcome === 'failed') errorCount += Number(r.errors);
        if (r.kind === 'account') continue;
        counts.contracts += Number(r.n);
        counts[r.outcome] += Number(r.n);
        if (r.outcome !== 'failed') counts.priceLines += Number(r.lines);
      }
      return { ...j, counts, errorCount };
    });
    return { items, total };
  }

  /** Counts derived from the result rows: a retried record is never counted twice. */
  async counts(jobId: string): Promise<ImportCounts> {
    const rows: { kind: string; outcome: ImportOutcome; n: string; lines: string }[] = await this.dataSource.query(
      `SELECT kind, outcome, count(*) AS n, coalesce(sum(price_lines), 0) AS lines FROM import_job_results WHERE job_id = $1 GROUP BY kind, outcome`,
      [jobId],
    );
    const counts: ImportCounts = { contracts: 0, created: 0, updated: 0, unchanged: 0, failed: 0, priceLines: 0 };
    for (const r of rows) {
      if (r.kind === 'account') continue;
      counts.contracts += Number(r.n);
      counts[r.outcome] += Number(r.n);
      if (r.outcome !== 'failed') counts.priceLines += Number(r.lines);
    }
    return counts;
  }

  /** Problems of the failed records, in file order (at most `limit`). */
  async errors(jobId: string, limit: number): Promise<ImportJobError[]> {
    const rows: { errors: ImportJobError[] }[] = await this.dataSource.query(
      `SELECT errors FROM import_job_results WHERE job_id = $1 AND outcome = 'failed' ORDER BY record_index LIMIT $2`, [jobId, limit]);
    return rows.flatMap((r) => r.errors ?? []).slice(0, limit);
  }

  /** Record indexes already committed (the resume point of a retried activity). */
  async doneRecords(jobId: string): Promise<Set<number>> {
    const rows: { record_index: number }[] = await this.dataSource.query(`SELECT record_index FROM import_job_results WHERE job_id = $1`, [jobId]);
    return new Set(rows.map((r) => r.record_index));
  }

  async progress(jobId: string, bytesRead: number, recordsDone: number): Promise<void> {
    await this.dataSource.query(`UPDATE import_jobs SET bytes_read = GREATEST(bytes_read, $2), records_done = GREATEST(records_done, $3) WHERE id = $1`, [jobId, bytesRead, recordsDone]);
  }

  /**
   * Records the outcome and frees the upload in one transaction: the file is read by nothing once
   * the job has ended, whatever the outcome, and would otherwise stay in Postgres for good.
   */
  async finish(jobId: string, status: ImportJobStatus, fatalErrors?: ImportJobError[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE import_jobs SET status = $2, fatal_errors = coalesce($3::jsonb, fatal_errors), finished_at = now(), bytes_read = file_bytes WHERE id = $1`,
        [jobId, status, fatalErrors ? JSON.stringify(fatalErrors) : null],
      );
      await m.query(`DELETE FROM import_job_parts WHERE job_id = $1`, [jobId]);
    });
  }

  /**
   * Deletes the uploads of jobs created more than `minutes` ago, whatever their state: a job whose
   * workflow was terminated, or whose worker never came back, would otherwise keep its file for good.
   * Answers how many jobs lost their file.
   */
  async deleteFilesOlderThan(minutes: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM import_job_parts p USING import_jobs j WHERE p.job_id = j.id AND j.created_at < now() - make_interval(mins => $1::int) RETURNING p.job_id)
       SELECT DISTINCT job_id FROM gone`, [minutes]);
    return rows.length;
  }

  /** A job whose workflow never started: FAILED with the reason, and its upload freed, in one transaction. */
  async failUnstarted(jobId: string, message: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE import_jobs SET status = 'FAILED', fatal_errors = $2::jsonb, finished_at = now() WHERE id = $1 AND status IN ('UPLOADING', 'RUNNING')`,
        [jobId, JSON.stringify([{ line: 0, message }])]);
      await m.query(`DELETE FROM import_job_parts WHERE job_id = $1`, [jobId]);
    });
  }

  /** Whether the import's user, active, holds `role` now (import_approved: the file's approvals stand). */
  async userHoldsRole(username: string, role: string): Promise<boolean> {
    const [row]: { ok: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE username = $1 AND active AND $2 = ANY (roles)) AS ok`, [username, role]);
    return row?.ok === true;
  }

  /** Whether a seller requires approval of its contracts (an unknown seller does, as at submit). */
  async sellerRequiresApproval(sellerDn: string): Promise<boolean> {
    const [row]: { required: boolean }[] = await this.dataSource.query(
      `SELECT coalesce((SELECT requires_contract_approval FROM organizations WHERE dn = $1), true) AS required`, [sellerDn]);
    return row?.required !== false;
  }

  async recordFatal(jobId: string, errors: ImportJobError[]): Promise<void> {
    await this.dataSource.query(`UPDATE import_jobs SET fatal_errors = $2::jsonb WHERE id = $1`, [jobId, JSON.stringify(errors)]);
  }

  /** For writes outside a transaction (result rows of records that change nothing else). */
  queryable(): Pick<EntityManager, 'query'> {
    return this.dataSource;
  }

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  async insertResult(m: Pick<EntityManager, 'query'>, r: ImportResultRow): Promise<void> {
    await m.query(
      `INSERT INTO import_job_results (job_id, record_index, kind, outcome, code, contract_id, line, price_lines, errors, workflow_pending)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (job_id, record_index) DO NOTHING`,
      [r.jobId, r.recordIndex, r.kind, r.outcome, r.code ?? null, r.contractId ?? null, r.line, r.priceLines ?? 0,
        r.errors ? JSON.stringify(r.errors) : null, r.workflowPending ?? false],
    );
  }

  /** Several result rows in one statement (the same rows insertResult writes). */
  async insertResults(m: Pick<EntityManager, 'query'>, rows: ImportResultRow[]): Promise<void> {
    if (!rows.length) return;
    const col = <T>(f: (r: ImportResultRow) => T) => rows.map(f);
    await insertBatch(m, {
      table: 'import_job_results',
      fixed: [],
      columns: [
        ['job_id', 'uuid', col((r) => r.jobId)], ['record_index', 'int', col((r) => r.recordIndex)], ['kind', 'text', col((r) => r.kind)],
        ['outcome', 'text', col((r) => r.outcome)], ['code', 'text', col((r) => r.code ?? null)], ['contract_id', 'uuid', col((r) => r.contractId ?? null)],
        ['line', 'int', col((r) => r.line)], ['price_lines', 'int', col((r) => r.priceLines ?? 0)],
        ['errors', 'jsonb', col((r) => (r.errors ? JSON.stringify(r.errors) : null))], ['workflow_pending', 'boolean', col((r) => r.workflowPending ?? false)],
      ],
    }, 'ON CONFLICT (job_id, record_index) DO NOTHING');
  }

  /**
   * The versions of contracts with this code (deleted ones included), newest first: what a CSV row
   * that names a code and version may refer to.
   */
  async versionsOfCode(code: string): Promise<{ id: string; origin: string; sellerDn: string; major: number; minor: number; deleted: boolean }[]> {
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT id, origin, seller_dn, version_major, version_minor, deleted_at IS NOT NULL AS deleted FROM contracts WHERE code = $1
       ORDER BY version_major DESC, version_minor DESC, seller_dn, origin LIMIT 1000`, [code]);
    return rows.map((r) => ({ id: r.id, origin: r.origin, sellerDn: r.seller_dn, major: r.version_major, minor: r.version_minor, deleted: r.deleted }));
  }

  /** Which of `ids` are contracts already (deleted ones included). */
  async existingContracts(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM contracts WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Contracts whose workflow is still to be started, in file order, after `afterIndex`. */
  async pendingWorkflows(jobId: string, afterIndex: number, limit: number): Promise<{ recordIndex: number; contractId: string }[]> {
    const rows: { record_index: number; contract_id: string }[] = await this.dataSource.query(
      `SELECT record_index, contract_id FROM import_job_results WHERE job_id = $1 AND workflow_pending AND record_index > $2 ORDER BY record_index LIMIT $3`,
      [jobId, afterIndex, limit]);
    return rows.map((r) => ({ recordIndex: r.record_index, contractId: r.contract_id }));
  }

  async workflowsStarted(jobId: string, recordIndexes: number[]): Promise<void> {
    if (!recordIndexes.length) return;
    await this.dataSource.transaction(async (m) => {
      // TypeORM answers an UPDATE with [rows, rowCount].
      const [, changed]: [unknown, number] = await m.query(
        `UPDATE import_job_results SET workflow_pending = false WHERE job_id = $1 AND record_index = ANY($2::int[]) AND workflow_pending`,
        [jobId, recordIndexes]);
      await m.query(`UPDATE import_jobs SET workflows_started = workflows_started + $2 WHERE id = $1`, [jobId, changed]);
    });
  }

  /** Distinguished names among `dns` that are not organisations yet. */
  async missingOrganizations(dns: string[]): Promise<string[]> {
    if (!dns.length) return [];
    const rows: { dn: string }[] = await this.dataSource.query(`SELECT dn FROM organizations WHERE dn = ANY($1::text[])`, [dns]);
    const known = new Set(rows.map((r) => r.dn));
    return dns.filter((dn) => !known.has(dn));
  }

  /** Creates mirrored organisations (createMissing); the name is the first RDN's value. */
  async createOrganizations(m: Pick<EntityManager, 'query'>, dns: string[]): Promise<void> {
    for (const dn of dns) {
      const comma = dn.indexOf(',');
      const name = (comma < 0 ? dn : dn.slice(0, comma)).replace(/^[^=]*=/, '');
      await m.query(`INSERT INTO organizations (dn, name, parent_dn, mirrored) VALUES ($1, $2, $3, true) ON CONFLICT (dn) DO NOTHING`,
        [dn, name, comma < 0 ? null : dn.slice(comma + 1)]);
    }
  }

  /** Inserts or replaces a business account and its terms (Account elements of a Package). */
  async upsertAccount(m: EntityManager, a: ImportedAccount): Promise<void> {
    const [row] = await m.query(
      `INSERT INTO business_accounts (name, seller_dn, buyer_dn, credit_allowed, mirrored) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (name, seller_dn) DO UPDATE SET buyer_dn = EXCLUDED.buyer_dn, credit_allowed = EXCLUDED.credit_allowed
       RETURNING id`,
      [a.name, a.seller, a.buyerOrganization, a.creditAllowed],
    );
    await writeAccountTerms(m, row.id, a.terms);
  }

  /** Whether a seller's account exists with the same content (buyer, credit flag); null when absent. */
  async accountState(name: string, sellerDn: string): Promise<{ buyerDn: string; creditAllowed: boolean } | null> {
    const [row] = await this.dataSource.query(`SELECT buyer_dn, credit_allowed FROM business_accounts WHERE name = $1 AND seller_dn = $2`, [name, sellerDn]);
    return row ? { buyerDn: row.buyer_dn, creditAllowed: row.credit_allowed } : null;
  }

  /**
   * Inserts a contract version with its content and first audit line; an APPROVED one also gets
   * the `import` step DRAFT → APPROVED (its workflow then deploys it). Returns false if it existed.
   */
  async insertContract(m: EntityManager, c: ImportedContractRow): Promise<boolean> {
    const d = c.draft;
    const baseContractId = await resolveBaseContractId(m, d);
    const seq = importedStateSeq(c.status);
    const inserted: unknown[] = await m.query(
      `INSERT INTO contracts (id, code, origin, seller_dn, version_major, version_minor, status, description, currency,
         starts_at, ends_at, is_base, base_contract_id, account_name, comment, credit_allowed, created_by, owner,
         workflow_id, state_seq, created_at, updated_at, submitted_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$17,$18,$19,$20,$20,$21)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [c.id, d.code, c.origin, d.seller, c.version.major, c.version.minor, c.status, d.description ?? null, d.currency,
        d.startsAt, d.endsAt, d.isBase ?? false, baseContractId, d.account ?? null, d.comment ?? null, d.creditAllowed ?? false,
        c.createdBy, c.workflowId, seq, c.at, c.status === 'PENDING_APPROVAL' ? c.createdBy : null],
    );
    if (!inserted.length) return false;
    await writeContractContent(m, c.id, d);
    const version = `${c.version.major}.${c.version.minor}`;
    await m.query(
      `INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status, detail)
       VALUES ($1, 1, $2, $3, 'create', NULL, 'DRAFT', $4) ON CONFLICT DO NOTHING`,
      [c.id, c.at, c.createdBy, { code: d.code, origin: c.origin, version, imported: true }],
    );
    if (c.status !== 'DRAFT') {
      await m.query(
        `INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status, detail)
         VALUES ($1, 2, $2, $3, 'import', 'DRAFT', $4, $5) ON CONFLICT DO NOTHING`,
        [c.id, c.at, c.createdBy, c.status, importDetailOf(c)],
      );
      await queueImportedApprovalRequests(m, [{ c, seq: 2 }]);
    }
    return true;
  }

  /**
   * insertContract for a batch of contract versions, in one transaction (`m`'s, or one of its own
   * when `m` is not in one): one statement (writable CTEs) writes the contracts rows, their
   * content, first audit lines and approval requests, and the records' result rows (`results`, by
   * contractId); then their price offers, most of the rows, are written with COPY. A version that
   * exists already is left out with all of its rows and is not in the answer, the ids of the
   * versions inserted: the caller writes it the other way. Throws, having written nothing, when a
   * base contract is unknown or a row breaks a constraint (the content rows have no ON CONFLICT:
   * those of a new version cannot exist), so the caller can fall back to insertContract one by one.
   */
  async insertContracts(m: Pick<EntityManager, 'query'>, rows: ImportedContractRow[], results: ImportResultRow[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const runner = (m as Partial<EntityManager>).queryRunner;
    if (!runner?.isTransactionActive) return this.dataSource.transaction((tm) => this.insertContracts(tm, rows, results));
    const bases: (string | null)[] = [];
    for (const c of rows) bases.push(await resolveBaseContractId(m, c.draft));
    const col = <T>(f: (c: ImportedContractRow) => T) => rows.map(f);
    const d = (c: ImportedContractRow) => c.draft;
    const params: unknown[] = [];
    const ctes = [`contract AS (${insertBatchSql({
      table: 'contracts',
      fixed: [],
      columns: [
        ['id', 'uuid', col((c) => c.id)], ['code', 'text', col((c) => d(c).code)], ['origin', 'text', col((c) => c.origin)], ['seller_dn', 'text', col((c) => d(c).seller)],
        ['version_major', 'int', col((c) => c.version.major)], ['version_minor', 'int', col((c) => c.version.minor)], ['status', 'text', col((c) => c.status)],
        ['description', 'text', col((c) => d(c).description ?? null)], ['currency', 'text', col((c) => d(c).currency)], ['starts_at', 'timestamptz', col((c) => d(c).startsAt)],
        ['ends_at', 'timestamptz', col((c) => d(c).endsAt)], ['is_base', 'boolean', col((c) => d(c).isBase ?? false)], ['base_contract_id', 'uuid', bases],
        ['account_name', 'text', col((c) => d(c).account ?? null)], ['comment', 'text', col((c) => d(c).comment ?? null)], ['credit_allowed', 'boolean', col((c) => d(c).creditAllowed ?? false)],
        ['created_by', 'text', col((c) => c.createdBy)], ['owner', 'text', col((c) => c.createdBy)], ['workflow_id', 'text', col((c) => c.workflowId)],
        ['state_seq', 'int', col((c) => importedStateSeq(c.status))], ['created_at', 'timestamptz', col((c) => c.at)], ['updated_at', 'timestamptz', col((c) => c.at)],
        ['submitted_by', 'text', col((c) => (c.status === 'PENDING_APPROVAL' ? c.createdBy : null))],
        ['force_contract_price', 'boolean', col((c) => d(c).forceContractPrice ?? false)], ['descriptions', 'jsonb', col((c) => (d(c).descriptions ? JSON.stringify(d(c).descriptions) : null))],
      ],
    }, params, '', 'ON CONFLICT (id) DO NOTHING RETURNING id')})`];
    // Each of the other INSERTs writes the rows of the versions `contract` inserted (its first column is the contract's id).
    const ofNew = 'c0 IN (SELECT id FROM contract)';
    const content = contentRowBatches(rows.map((c) => ({ contractId: c.id, draft: c.draft })));
    const offers = content.find((b) => b.table === 'contract_price_offers');
    content.filter((b) => b !== offers).forEach((b, i) => ctes.push(`content${i} AS (${insertBatchSql(b, params, ofNew, '')})`));
    const history: { id: string; seq: number; at: string; actor: string; action: string; from: string | null; to: string; detail: string }[] = [];
    for (const c of rows) {
      const version = `${c.version.major}.${c.version.minor}`;
      history.push({ id: c.id, seq: 1, at: c.at, actor: c.createdBy, action: 'create', from: null, to: 'DRAFT', detail: JSON.stringify({ code: c.draft.code, origin: c.origin, version, imported: true }) });
      if (c.status !== 'DRAFT') {
        history.push({ id: c.id, seq: 2, at: c.at, actor: c.createdBy, action: 'import', from: 'DRAFT', to: c.status, detail: JSON.stringify(importDetailOf(c)) });
      }
    }
    const h = <T>(f: (x: (typeof history)[number]) => T) => history.map(f);
    ctes.push(`history AS (${insertBatchSql({
      table: 'contract_history',
      fixed: [],
      columns: [['contract_id', 'uuid', h((x) => x.id)], ['seq', 'int', h((x) => x.seq)], ['at', 'timestamptz', h((x) => x.at)], ['actor', 'text', h((x) => x.actor)],
        ['action', 'text', h((x) => x.action)], ['from_status', 'text', h((x) => x.from)], ['to_status', 'text', h((x) => x.to)], ['detail', 'jsonb', h((x) => x.detail)]],
    }, params, ofNew, '')})`);
    const pending = rows.filter((c) => c.status === 'PENDING_APPROVAL');
    if (pending.length) {
      const seq = 2;
      ctes.push(`notices AS (${insertBatchSql({
        table: 'contract_notices',
        fixed: [],
        columns: [['contract_id', 'uuid', pending.map((c) => c.id)], ['key', 'text', pending.map((c) => noticeKey(c.id, seq, 'approvalRequested'))], ['seq', 'int', pending.map(() => seq)],
          ['task_queue', 'text', pending.map((c) => c.noticeTaskQueue ?? 'pactum-contracts')], ['kind', 'text', pending.map(() => 'approvalRequested')], ['actor', 'text', pending.map((c) => c.createdBy)]],
      }, params, ofNew, 'ON CONFLICT (key) DO NOTHING')})`);
    }
    if (results.length) {
      const r = <T>(f: (x: ImportResultRow) => T) => results.map(f);
      ctes.push(`results AS (${insertBatchSql({
        table: 'import_job_results',
        fixed: [],
        columns: [
          ['contract_id', 'uuid', r((x) => x.contractId ?? null)], ['job_id', 'uuid', r((x) => x.jobId)], ['record_index', 'int', r((x) => x.recordIndex)], ['kind', 'text', r((x) => x.kind)],
          ['outcome', 'text', r((x) => x.outcome)], ['code', 'text', r((x) => x.code ?? null)], ['line', 'int', r((x) => x.line)], ['price_lines', 'int', r((x) => x.priceLines ?? 0)],
          ['errors', 'jsonb', r((x) => (x.errors ? JSON.stringify(x.errors) : null))], ['workflow_pending', 'boolean', r((x) => x.workflowPending ?? false)],
        ],
      }, params, ofNew, 'ON CONFLICT (job_id, record_index) DO NOTHING')})`);
    }
    const inserted: { id: string }[] = await m.query(`WITH ${ctes.join(',\n')}\nSELECT id FROM contract`, params);
    const ids = new Set(inserted.map((x) => x.id));
    if (offers && ids.size) {
      // The offers of the versions inserted (their terms are written by now, in this transaction).
      const contractIds = offers.columns[0][2] as string[];
      const client = (await runner.connect()) as PoolClient;
      await pipeline(Readable.from(copyText(offers, ids.size === rows.length ? undefined : (r) => ids.has(contractIds[r]))), client.query(copyFrom(copySql(offers))));
    }
    // The dispatcher mails the approval requests; it looks again on its own schedule should this wake-up be missed.
    if (pending.some((c) => ids.has(c.id))) await m.query(`SELECT pg_notify($1, '')`, [NOTICES_CHANNEL]);
    return ids;
  }

  /**
   * Re-import of an existing Draft version: replaces its content (and moves it to APPROVED when the
   * file says Approved/Active), with one audit line. Refuses when the contract left Draft meanwhile.
   */
  async updateDraftContract(m: EntityManager, c: ImportedContractRow, replaceContent: boolean): Promise<void> {
    const [row] = await m.query(`SELECT status, state_seq FROM contracts WHERE id = $1 FOR UPDATE`, [c.id]);
    if (!row || row.status !== 'DRAFT') {
      throw new DomainError('conflict', 'CONTRACT_CHANGED', `the contract is ${row?.status ?? 'gone'} now: only a Draft takes a re-import`);
    }
    const d = c.draft;
    if (replaceContent) {
      const baseContractId = await resolveBaseContractId(m, d);
      await m.query(
        `UPDATE contracts SET description = $2, currency = $3, starts_at = $4, ends_at = $5, is_base = $6,
           base_contract_id = $7, account_name = $8, comment = $9, credit_allowed = $10 WHERE id = $1`,
        [c.id, d.description ?? null, d.currency, d.startsAt, d.endsAt, d.isBase ?? false, baseContractId, d.account ?? null, d.comment ?? null, d.creditAllowed ?? false],
      );
      await deleteContractContent(m, c.id);
      await writeContractContent(m, c.id, d);
    }
    const seq = row.state_seq + 1;
    const detail = c.status === 'DRAFT' ? { reason: 're-imported with new content' } : { ...importDetailOf(c), ...(replaceContent ? { contentReplaced: true } : {}) };
    await m.query(
      `INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status, detail)
       VALUES ($1, $2, $3, $4, 'import', 'DRAFT', $5, $6)`,
      [c.id, seq, c.at, c.createdBy, c.status, detail],
    );
    await m.query(
      `UPDATE contracts SET status = $2, state_seq = $3, updated_at = $4, submitted_by = CASE WHEN $2 = 'PENDING_APPROVAL' THEN $5 ELSE submitted_by END WHERE id = $1`,
      [c.id, c.status, seq, c.at, c.createdBy]);
    await queueImportedApprovalRequests(m, [{ c, seq }]);
  }
}
