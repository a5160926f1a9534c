import { randomUUID } from 'node:crypto';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import { DomainError, type Actor } from '@pactum/domain';
import { ImportJobStore, type ImportCounts, type ImportFormat, type ImportJobError } from '@pactum/persistence';
import { WorkflowCommandSigner } from '@pactum/security';
import { IMPORT_WORKFLOW_TYPE, importWorkflowId, type ImportJobInput } from '@pactum/workflows';

/**
 * Pieces of the upload as stored. Small on purpose: pg moves a bytea as hex text through buffers
 * that double as a row arrives, and rows of 1 MiB left the worker with tens of MiB of such buffers
 * waiting for a full collection at any time of an import; 128 KiB rows keep them short-lived.
 */
const PART_BYTES = 128 * 1024;
/** At most this many problems in one answer (the counts say how many contracts failed). */
const MAX_ERRORS = 1000;

export interface ImportJobView {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'PARTIAL';
  /** `xml`, or `csv:` and the kind of the CSV file. */
  format: ImportFormat;
  dryRun: boolean;
  createMissing: boolean;
  counts: ImportCounts;
  errors: ImportJobError[];
  progress: { bytesRead: number; totalBytes: number; records: number; workflowsStarted: number };
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface UploadOptions {
  dryRun: boolean;
  createMissing: boolean;
  /** The Content-Length the client announced, when it did. */
  declaredBytes?: number;
  format?: ImportFormat;
}

function tooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`The file is larger than the import limit of ${limit} bytes (IMPORT_MAX_BYTES)`);
}

/**
 * Import jobs over HTTP: the import workflow starts, the upload is stored in Postgres as it arrives
 * (any API process can take it, any worker can read it, the job's first read follows it), and
 * the caller gets the job id once the file is stored.
 */
@Injectable()
export class ImportsService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(ImportJobStore) private readonly jobs: ImportJobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** The job's start is signed: the import workflow refuses one the API did not issue. */
    @Inject(WorkflowCommandSigner) private readonly signer: WorkflowCommandSigner,
  ) {}

  async upload(actor: Actor, body: AsyncIterable<Buffer | string>, options: UploadOptions): Promise<{ id: string }> {
    const limit = this.config.imports.maxBytes;
    if (options.declaredBytes !== undefined && options.declaredBytes > limit) throw tooLarge(limit);
    const id = randomUUID();
    const format = options.format ?? 'xml';
    await this.jobs.createJob({ id, createdBy: actor.username, dryRun: options.dryRun, createMissing: options.createMissing, format });
    // The job starts with its upload: its first read of the file follows the parts as they are
    // stored (ImportJobStore.readFile), and refuses a broken file before the upload has ended.
    const input: ImportJobInput = { jobId: id, heartbeatTimeoutMs: this.config.imports.heartbeatTimeoutMs, workflowConcurrency: this.config.imports.workflowConcurrency };
    const workflowId = importWorkflowId(id);
    try {
      await this.temporal.workflow.start(IMPORT_WORKFLOW_TYPE, {
        taskQueue: this.config.temporal.taskQueue, workflowId, args: [this.signer.start(IMPORT_WORKFLOW_TYPE, workflowId, input)],
        workflowIdConflictPolicy: 'FAIL',
      });
    } catch (err) {
      // No workflow will ever take this job (a fresh id): it fails now, rather than wait for a
      // file nobody reads. The caller gets the outage as the error (503).
      const reason = err instanceof Error ? err.message : String(err);
      await this.jobs.failUnstarted(id, `the import could not be started (Temporal: ${reason}); send the file again`).catch(() => undefined);
      throw err;
    }
    let total = 0;
    try {
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (!pendingBytes) return;
        await this.jobs.appendPart(id, seq++, Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      };
      for await (const piece of body) {
        const buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
        total += buf.length;
        if (total > limit) throw tooLarge(limit);
        pending.push(buf);
        pendingBytes += buf.length;
        if (pendingBytes >= PART_BYTES) await flush();
      }
      await flush();
      if (total === 0) {
        throw DomainError.validation([{ line: 1, message: format === 'xml' ? 'the body is empty: send a Package as application/xml' : 'the body is empty: send the CSV file, its header first' }], 'Empty import');
      }
      await this.jobs.uploaded(id, total);
    } catch (err) {
      // A refused or broken upload leaves nothing behind: its job ends unseen (the workflow finds no job).
      await this.temporal.workflow.getHandle(workflowId).terminate('the upload was refused or broken').catch(() => undefined);
      await this.jobs.deleteJob(id).catch(() => undefined);
      throw err;
    }
    return { id };
  }

  /** Import history: every job, newest first, with its counts and number of errors. */
  async list(page: number, pageSize: number) {
    const { items, total } = await this.jobs.list(page, pageSize);
    return {
      items: items.map((j) => ({
        id: j.id, status: j.status as ImportJobView['status'], format: j.format, dryRun: j.dryRun, createMissing: j.createMissing,
        counts: j.counts, errorCount: j.errorCount, fileBytes: j.fileBytes, createdBy: j.createdBy,
        createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
      })),
      page, pageSize, total,
    };
  }

  async get(id: string): Promise<ImportJobView> {
    const job = await this.jobs.job(id);
    if (!job || job.status === 'UPLOADING') throw new DomainError('not_found', 'IMPORT_NOT_FOUND', `No import ${id}`);
    const [counts, recordErrors] = await Promise.all([this.jobs.counts(id), this.jobs.errors(id, MAX_ERRORS)]);
    return {
      id: job.id,
      status: job.status as ImportJobView['status'],
      format: job.format,
      dryRun: job.dryRun,
      createMissing: job.createMissing,
      counts,
      errors: [...(job.fatalErrors ?? []), ...recordErrors].slice(0, MAX_ERRORS),
      progress: { bytesRead: Math.min(job.bytesRead, job.fileBytes), totalBytes: job.fileBytes, records: job.recordsDone, workflowsStarted: job.workflowsStarted },
      createdBy: job.createdBy,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    };
  }
}
