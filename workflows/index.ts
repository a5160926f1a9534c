// What clients and the worker's activities use: the workflows' messages, inputs and activity
// contracts. The workflow code itself is loaded by the worker from `workflows.ts` (the bundle entry).
export * from './contract-lifecycle.messages';
export * from './command-seal';
export type * from './contract-activities';
export * from './import-job.messages';
export type * from './import-activities';
export * from './contract-deploy';
export { nextDeadline } from './contract-lifecycle.timers';
