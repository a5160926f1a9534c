// The workflow bundle's entry point: every workflow type the worker registers.
export { contractLifecycle } from './contract-lifecycle.workflow';
export { importJob } from './import-job.workflow';
