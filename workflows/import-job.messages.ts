import type { CommandSeal } from './command-seal';

/** Shared by the import workflow and its clients (API, tests): the import job's interface. */
export const IMPORT_WORKFLOW_TYPE = 'importJob';

export function importWorkflowId(jobId: string): string {
  return `import-${jobId}`;
}

export interface ImportJobInput {
  jobId: string;
  /** A worker that stops heartbeating this long is presumed dead; another attempt resumes the job. */
  heartbeatTimeoutMs?: number;
  /** Contract workflows started at the same time. */
  workflowConcurrency?: number;
  /** The API's signature over the rest (WorkflowCommandSigner): the workflow refuses a start without it. */
  seal?: CommandSeal;
}

export interface ImportJobResult {
  jobId: string;
  status: 'SUCCEEDED' | 'FAILED' | 'PARTIAL';
}
