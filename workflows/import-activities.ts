import type { ImportJobResult } from './import-job.messages';

/** What processing the file reported (counts live in import_job_results). */
export interface ImportFileOutcome {
  /** A file-level problem stopped reading (malformed XML, DOCTYPE, wrong encoding…). */
  fatal: boolean;
}

/** The activities of the import workflow. Implemented in apps/worker; imported here as a type only. */
export interface ImportActivities {
  /**
   * Reads the stored file from the start, validates and maps it chunk by chunk, and commits each
   * record (contract or account) with its result row in one transaction. Heartbeats carry the
   * position; a retried attempt skips the records that already have a result row.
   */
  processImportFile(input: { jobId: string }): Promise<ImportFileOutcome>;
  /** Starts (or tells to reload) the workflows of the imported contracts, `concurrency` at a time. */
  startImportedWorkflows(input: { jobId: string; concurrency: number }): Promise<{ started: number }>;
  /** Derives the final status from the result rows and records it. */
  finishImportJob(input: { jobId: string; fatal: boolean; error?: string }): Promise<ImportJobResult>;
}
