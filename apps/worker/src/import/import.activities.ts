import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { AppConfig, Logger } from '@pactum/config';
import {
  type ClosedVersionRef, type ContractEntity, type ContractStore, type ImportJobStore, UploadEndedError, lifecycleTiming, storedContractInput,
} from '@pactum/persistence';
import { XmlImportError, importPackage, scanPackage, type CsvImportKind } from '@pactum/xml';
import type { WorkflowCommandSigner } from '@pactum/security';
import {
  CONTRACT_WORKFLOW_TYPE, deployEvents, nextDeadline, reconcileSignal,
  type ContractLifecycleInput, type DeployEvents, type ImportActivities, type LifecycleTiming,
} from '@pactum/workflows';
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
/**
 * Heartbeats of the file activity at most this often (the heartbeat timeout is 1 s at least): one
 * per record crossed into Temporal's core 10,000 times on a 10,000-contract file, for nothing, as
 * the SDK sends the latest details at its own pace.
 */
const HEARTBEAT_EVERY_MS = 200;
const WORKFLOW_PAGE = 200;
/** Contracts read (and deployed) at once while starting workflows (their offers are in memory until started). */
const READ_SLICE = 50;
/** A first timer closer than this starts its workflow at once. */
const MIN_START_DELAY_MS = 60_000;

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
 * How long an imported contract's workflow may wait before its first task: until its first timer
 * (the start of an Approved contract, the "expiring soon" notice or the end of an Active one, a
 * pending approval's first reminder). Until then the server holds only the start, and the worker
 * does nothing for it. An update (every action from the API) runs it at once; a signal waits for
 * it, so a contract with quantity commitments (checkout signals it when they are drawn down)
 * starts at once. Undefined: no delay.
 */
function startDelayOf(input: ContractLifecycleInput, timing: LifecycleTiming, now: number): number | undefined {
  if (input.draft.terms.some((t) => t.type === 'QuantityCommitmentTC')) return undefined;
  const { state, timers } = input.carried!;
  const deadline = nextDeadline({ status: state.status, startsAt: input.draft.startsAt, endsAt: input.draft.endsAt, timers: timers!, timing });
  return deadline !== undefined && deadline - now >= MIN_START_DELAY_MS ? deadline - now : undefined;
}

/**
 * Starts an imported contract's workflow; one already running (a re-imported contract, or a start by
 * an earlier attempt of this activity) is told to reload its state from Postgres instead. A plain
 * start costs the server less than signalWithStart: no signal event, and no reload step in the new
 * workflow. A Draft's workflow is not started (its first action starts it): only told when it runs.
 */
async function startOrReconcile(
  temporal: Client, signer: WorkflowCommandSigner, taskQueue: string, c: ContractEntity, input: ContractLifecycleInput | undefined, startDelay: number | undefined,
): Promise<void> {
  const tell = () => temporal.workflow.getHandle(c.workflowId).signal(reconcileSignal);
  if (!input) {
    await tell().catch((err) => { if (!(err instanceof WorkflowNotFoundError)) throw err; });
    return;
  }
  try {
    await temporal.workflow.start(CONTRACT_WORKFLOW_TYPE, {
      taskQueue, workflowId: c.workflowId, args: [signer.start(CONTRACT_WORKFLOW_TYPE, c.workflowId, input)], memo: { code: c.code },
      ...(startDelay !== undefined ? { startDelay } : {}),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    await tell();
  }
}

/**
 * Deploys the Approved contracts of `inputs` whose start has come, all in one transaction (the
 * workflow would deploy each in its first task, at several times the cost), and has each input
 * carry the ACTIVE state. The older versions those deploys closed are told to reload. When the
 * transaction fails the inputs are left as they were: each workflow then deploys its contract
 * itself, with its own retries and DEPLOYMENT_FAILED.
 */
async function deployDue(contracts: ContractStore, temporal: Client, log: Logger, inputs: ContractLifecycleInput[], now: number): Promise<void> {
  const at = new Date(now).toISOString();
  const due: { input: ContractLifecycleInput; events: DeployEvents }[] = [];
  for (const input of inputs) {
    const carried = input.carried!;
    if (carried.state.status !== 'APPROVED' || Date.parse(input.draft.startsAt) > now) continue;
    const events = deployEvents(input.contractId, carried.state, carried.seq, at);
    if (!('error' in events)) due.push({ input, events });
  }
  let closed: ClosedVersionRef[][];
  try {
    closed = await contracts.deployMany(due.map(({ events }) => events));
  } catch (err) {
    log.warn({ err, contracts: due.length }, 'deploying imported contracts together failed; their workflows deploy them');
    return;
  }
  for (const { input, events } of due) input.carried = { ...input.carried!, state: events.state, seq: events.deploy.seq };
  for (const ref of closed.flat()) {
    await temporal.workflow.getHandle(ref.workflowId).signal(reconcileSignal)
      .catch((err) => log.warn({ contractId: ref.contractId, err }, 'could not tell a closed version'));
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
      let lastBeat = 0;
      const heartbeat = (details: Record<string, unknown>) => {
        const now = Date.now();
        if (now - lastBeat < HEARTBEAT_EVERY_MS) return;
        lastBeat = now;
        ctx.heartbeat(details);
      };
      const done = await jobs.doneRecords(jobId);
      const last = ctx.info.heartbeatDetails as { position?: number } | undefined;
      if (ctx.info.attempt > 1) log.info({ jobId, attempt: ctx.info.attempt, resumeAt: last?.position, committed: done.size }, 'import resumes');
      // Approved/Active contracts of the file skip the sales manager only for a holder of import_approved, or a seller needing no approval.
      const importer = new ContractImporter(jobs, contracts, job, done, undefined, {
        mayDeployApproved: await jobs.userHoldsRole(job.createdBy, 'import_approved'),
        sellerRequiresApproval: (dn) => jobs.sellerRequiresApproval(dn),
        noticeTaskQueue: config.temporal.taskQueue,
      });
      /**
       * How an import that stopped ends: a refused file ends the job with its errors, keeping the
       * contracts before the broken spot (as one by one they would be); an error of our own code
       * fails at once, logged; anything else (an outage) is retried.
       */
      const stopped = async (err: unknown, near?: number): Promise<{ fatal: true }> => {
        if (err instanceof XmlImportError) {
          await importer.flush();
          await jobs.recordFatal(jobId, err.details);
          return { fatal: true };
        }
        // The upload was refused or stopped: there is no file to import, now or on a retry.
        if (err instanceof UploadEndedError) throw ApplicationFailure.nonRetryable(err.message, 'upload_incomplete');
        if (isProgrammingError(err)) {
          log.error({ jobId, err, format: job.format, ...(near !== undefined ? { record: near } : {}) }, 'import stopped by an internal error');
          throw ApplicationFailure.nonRetryable(
            `an internal error stopped the import${near !== undefined ? ` near record ${near + 1}` : ''} (logged on the worker); retrying would not help`, 'internal');
        }
        throw err;
      };
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
            heartbeat, progress: (bytes, records) => jobs.progress(jobId, bytes, records),
          });
          await jobs.progress(jobId, run.bytesRead, run.records);
          return { fatal: false };
        } catch (err) {
          return await stopped(err);
        }
      }
      try {
        // First the whole file, keeping no terms: a file refused as a whole (its shape, content that is
        // not a contract's, a limit) writes nothing, and contracts see the account that follows them.
        const index = await scanPackage(jobs.readFile(jobId, { onWait: () => heartbeat({ scanning: true }) }), { ...limits, onChunk: () => heartbeat({ scanning: true }) });
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
            heartbeat({ position: record.index + 1, bytesRead });
            if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
              lastProgress = Date.now();
              await jobs.progress(jobId, bytesRead, record.index + 1);
            }
          }
          await importer.flush();
        }
        await importer.finish();
      } catch (err) {
        return await stopped(err, position);
      }
      await jobs.progress(jobId, bytesRead, importer.recordsSeen);
      return { fatal: false };
    },

    async startImportedWorkflows({ jobId, concurrency }) {
      const ctx = Context.current();
      const timing = lifecycleTiming(config);
      /** The contracts still without a workflow, in record order, a slice at a time. */
      async function* slices(): AsyncGenerator<{ recordIndex: number; contractId: string }[]> {
        for (let after = -1; ;) {
          const page = await jobs.pendingWorkflows(jobId, after, WORKFLOW_PAGE);
          if (!page.length) return;
          for (let from = 0; from < page.length; from += READ_SLICE) yield page.slice(from, from + READ_SLICE);
          after = page[page.length - 1].recordIndex;
        }
      }
      /** A slice's contracts read (in a fixed number of queries, not one findById each), with the due ones deployed. */
      async function prepare(slice: { recordIndex: number; contractId: string }[]) {
        // Without their offers: a workflow's input carries none, and they are most of the rows.
        const records = await contracts.findByIds(slice.map((p) => p.contractId), { offers: false });
        // A Draft has no workflow to start (startOrReconcile only tells a running one).
        const inputs = new Map(records.map((r) => [r.contract.id, { contract: r.contract, input: r.contract.status === 'DRAFT' ? undefined : storedContractInput(r, timing) }]));
        await deployDue(contracts, temporal, log, [...inputs.values()].flatMap((i) => (i.input ? [i.input] : [])), Date.now());
        return { slice, inputs };
      }
      const pending = slices();
      const prepareNext = () => {
        const next = pending.next().then((r) => (r.done ? undefined : prepare(r.value)));
        next.catch(() => undefined); // awaited below; a failure while the slice before starts must not go unhandled
        return next;
      };
      let started = 0;
      // The next slice is read and deployed while this one's workflows start: Postgres and Temporal work side by side.
      for (let next = prepareNext(); ;) {
        const prepared = await next;
        if (!prepared) break;
        next = prepareNext();
        const startedNow: number[] = [];
        await pool(prepared.slice, concurrency, async ({ recordIndex, contractId }) => {
          const found = prepared.inputs.get(contractId);
          if (!found) return;
          await startOrReconcile(temporal, signer, config.temporal.taskQueue, found.contract, found.input, found.input && startDelayOf(found.input, timing, Date.now()));
          startedNow.push(recordIndex);
          ctx.heartbeat({ after: recordIndex });
        });
        await jobs.workflowsStarted(jobId, startedNow);
        started += startedNow.length;
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
