import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { AppConfig, Logger } from '@pactum/config';
import {
  type ContractRecord, type ContractStore, type ImportJobStore, lifecycleTiming, storedContractInput,
} from '@pactum/persistence';
import { XmlImportError, importPackage, scanPackage, type CsvImportKind } from '@pactum/xml';
import type { WorkflowCommandSigner } from '@pactum/security';
import { CONTRACT_WORKFLOW_TYPE, reconcileSignal, type LifecycleTiming, type ImportActivities } from '@pactum/workflows';
import { withFinalErrors } from '../activity-errors';
import { ContractImporter } from './contract-importer';
import { importCsvFile } from './csv-import-file';

export interface ImportActivityDeps {
  jobs: ImportJobStore;
  contracts: ContractStore;
  temporal: Client;
  /** Signs the starts of the imported contracts' workflows (a workflow refuses an unsigned start). */
  signer: WorkflowCommandSigner;
  config: AppConfig;
  log: Logger;
}

const PROGRESS_EVERY_MS = 500;
const WORKFLOW_PAGE = 200;
/** Contracts read at once while starting workflows (their offers are in memory until started). */
const READ_SLICE = 50;

/** Counts the bytes handed to the parser (the job's progress). */
async function* counted(parts: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const part of parts) {
    onBytes(part.length);
    yield part;
  }
}

/** Errors of our own code: retrying cannot help, and their text is not for users. */
function isProgrammingError(err: unknown): boolean {
  return err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError;
}

/** Runs `fn` over `items` with at most `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/**
 * Starts an imported contract's workflow; one already running (a re-imported contract, or a start by
 * an earlier attempt of this activity) is told to reload its state from Postgres instead. A plain
 * start costs the server less than signalWithStart: no signal event, and no reload step in the new
 * workflow. A Draft's workflow is not started (its first action starts it): only told when it runs.
 */
async function startOrReconcile(temporal: Client, signer: WorkflowCommandSigner, taskQueue: string, record: ContractRecord, timing: LifecycleTiming): Promise<void> {
  const c = record.contract;
  const tell = () => temporal.workflow.getHandle(c.workflowId).signal(reconcileSignal);
  if (c.status === 'DRAFT') {
    await tell().catch((err) => { if (!(err instanceof WorkflowNotFoundError)) throw err; });
    return;
  }
  try {
    await temporal.workflow.start(CONTRACT_WORKFLOW_TYPE, {
      taskQueue, workflowId: c.workflowId, args: [signer.start(CONTRACT_WORKFLOW_TYPE, c.workflowId, storedContractInput(record, timing))], memo: { code: c.code },
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    await tell();
  }
}

export function createImportActivities(deps: ImportActivityDeps): ImportActivities {
  const { jobs, contracts, temporal, signer, config, log } = deps;

  // An error retrying cannot fix (bad data, a broken constraint) ends the job at once, with the reason.
  return withFinalErrors<ImportActivities>({
    async processImportFile({ jobId }) {
      const job = await jobs.job(jobId);
      if (!job) throw ApplicationFailure.nonRetryable(`import job ${jobId} does not exist`, 'not_found');
      const ctx = Context.current();
      const done = await jobs.doneRecords(jobId);
      const heartbeat = ctx.info.heartbeatDetails as { position?: number } | undefined;
      if (ctx.info.attempt > 1) log.info({ jobId, attempt: ctx.info.attempt, resumeAt: heartbeat?.position, committed: done.size }, 'import resumes');
      // Approved/Active contracts of the file skip the sales manager only for a holder of import_approved, or a seller needing no approval.
      const importer = new ContractImporter(jobs, contracts, job, done, undefined, {
        mayDeployApproved: await jobs.userHoldsRole(job.createdBy, 'import_approved'),
        sellerRequiresApproval: (dn) => jobs.sellerRequiresApproval(dn),
        noticeTaskQueue: config.temporal.taskQueue,
      });
      let bytesRead = 0;
      let position = 0;
      let lastProgress = Date.now();
      const { maxNodeChars, maxRecordChars, maxRecordElements, maxDepth } = config.imports.limits;
      const limits = { maxNodeChars, maxChunkChars: maxRecordChars, maxChunkElements: maxRecordElements, maxDepth, defaultCurrency: config.imports.defaultCurrency };
      if (job.format !== 'xml') {
        try {
          const run = await importCsvFile({
            jobs, contracts, importer, jobId, kind: job.format.slice('csv:'.length) as CsvImportKind, done,
            limits: { maxFieldChars: maxNodeChars, maxRowsHeld: maxRecordElements },
            heartbeat: (details) => ctx.heartbeat(details), progress: (bytes, records) => jobs.progress(jobId, bytes, records),
          });
          await jobs.progress(jobId, run.bytesRead, run.records);
          return { fatal: false };
        } catch (err) {
          if (err instanceof XmlImportError) {
            await importer.flush();
            await jobs.recordFatal(jobId, err.details);
            return { fatal: true };
          }
          if (isProgrammingError(err)) {
            log.error({ jobId, err }, 'CSV import stopped by an internal error');
            throw ApplicationFailure.nonRetryable('an internal error stopped the import (logged on the worker); retrying would not help', 'internal');
          }
          throw err;
        }
      }
      try {
        // First the whole file, keeping no terms: a file refused as a whole (its shape, content that is
        // not a contract's, a limit) writes nothing, and contracts see the account that follows them.
        const index = await scanPackage(jobs.readFile(jobId), { ...limits, onChunk: () => ctx.heartbeat({ scanning: true }) });
        importer.prepare(index);
        // Base contracts that come after a contract referring to them are imported first.
        const passes = index.basesFirst.size ? [(i: number) => index.basesFirst.has(i), (i: number) => !index.basesFirst.has(i)] : [undefined];
        for (const [pass, only] of passes.entries()) {
          const last = pass === passes.length - 1;
          const input = last ? counted(jobs.readFile(jobId), (n) => { bytesRead += n; }) : jobs.readFile(jobId);
          for await (const record of importPackage(input, { ...limits, index, only })) {
            position = record.index;
            // A record with a result row was committed by an earlier attempt, with its contract.
            if (!done.has(record.index)) await importer.apply(record.index, record);
            ctx.heartbeat({ position: record.index + 1, bytesRead });
            if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
              lastProgress = Date.now();
              await jobs.progress(jobId, bytesRead, record.index + 1);
            }
          }
          await importer.flush();
        }
        await importer.finish();
      } catch (err) {
        if (err instanceof XmlImportError) {
          // The contracts before the broken spot are imported, as they would be one by one.
          await importer.flush();
          await jobs.recordFatal(jobId, err.details);
          return { fatal: true };
        }
        if (isProgrammingError(err)) {
          log.error({ jobId, err, record: position }, 'import stopped by an internal error');
          throw ApplicationFailure.nonRetryable(`an internal error stopped the import near record ${position + 1} (logged on the worker); retrying would not help`, 'internal');
        }
        throw err;
      }
      await jobs.progress(jobId, bytesRead, importer.recordsSeen);
      return { fatal: false };
    },

    async startImportedWorkflows({ jobId, concurrency }) {
      const ctx = Context.current();
      const timing = lifecycleTiming(config);
      let after = -1;
      let started = 0;
      for (;;) {
        const page = await jobs.pendingWorkflows(jobId, after, WORKFLOW_PAGE);
        if (!page.length) break;
        const startedNow: number[] = [];
        // Contracts are read a slice at a time in a fixed number of queries (not one findById each).
        for (let from = 0; from < page.length; from += READ_SLICE) {
          const slice = page.slice(from, from + READ_SLICE);
          const records = new Map((await contracts.findByIds(slice.map((p) => p.contractId))).map((r) => [r.contract.id, r]));
          await pool(slice, concurrency, async ({ recordIndex, contractId }) => {
            const record = records.get(contractId);
            if (!record) return;
            await startOrReconcile(temporal, signer, config.temporal.taskQueue, record, timing);
            startedNow.push(recordIndex);
            ctx.heartbeat({ after: recordIndex });
          });
        }
        await jobs.workflowsStarted(jobId, startedNow);
        started += startedNow.length;
        after = page[page.length - 1].recordIndex;
      }
      return { started };
    },

    async finishImportJob({ jobId, fatal, error }) {
      if (error) await jobs.recordFatal(jobId, [{ line: 0, message: `the import stopped: ${error}` }]);
      const counts = await jobs.counts(jobId);
      const succeeded = counts.created + counts.updated + counts.unchanged;
      const status = fatal || (counts.failed > 0 && succeeded === 0) ? 'FAILED' : counts.failed > 0 ? 'PARTIAL' : 'SUCCEEDED';
      await jobs.finish(jobId, status);
      log.info({ jobId, status, counts }, 'import finished');
      return { jobId, status };
    },
  });
}
