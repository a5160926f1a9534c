// What other packages (the tests) may use of the worker; the process starts from main.ts.
export { withCommandKey, workflowSource, workflowsEntry } from './workflow-source';
export { createContractActivities } from './contract.activities';
export { SubmissionChecker } from './submission-checker';
export { ContractNoticeDispatcher, type ContractNotification } from './mail/contract-notice.dispatcher';
export { ContractMailNotifier } from './mail/contract-mail.notifier';
