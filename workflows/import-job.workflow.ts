import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { checkStartSeal } from './command-checks';
import type { ImportActivities } from './import-activities';
import type { ImportJobInput, ImportJobResult } from './import-job.messages';

const DEFAULT_HEARTBEAT_TIMEOUT_MS = 30_000;

/**
 * One bulk XML import: process the stored file (one long, heartbeating activity that a new
 * worker resumes from the last committed record), start the imported contracts' workflows, then
 * record the outcome. The file itself never enters the workflow history: only the job id does.
 */
export async function importJob(input: ImportJobInput): Promise<ImportJobResult> {
  // Only the API starts a job (signed): a forged start fails before it touches the job.
  checkStartSeal(input);
  const heartbeatTimeout = input.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  const longRunning = proxyActivities<ImportActivities>({
    // A file of hundreds of MB takes minutes; the heartbeat timeout is what notices a dead worker.
    startToCloseTimeout: '6 hours',
    heartbeatTimeout,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
  });
  const short = proxyActivities<ImportActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });

  let fatal = false;
  let error: string | undefined;
  try {
    fatal = (await longRunning.processImportFile({ jobId: input.jobId })).fatal;
    await longRunning.startImportedWorkflows({ jobId: input.jobId, concurrency: input.workflowConcurrency ?? 8 });
  } catch (err) {
    // Out of attempts or a non-retryable failure: the job fails, with the reason, rather than hang.
    const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
    error = cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : String(cause);
    fatal = true;
  }
  return short.finishImportJob({ jobId: input.jobId, fatal, error });
}
