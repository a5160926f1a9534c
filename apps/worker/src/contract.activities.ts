import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../../libs/domain/src';
import type { AlongsideWrite, ContractStore } from '../../../libs/persistence/src';
import type { ContractActivities, ContractNotification } from '../../../workflows/contract-activities';
import type { SubmissionChecker } from './submission-checker';

/** Business errors must not be retried: they become non-retryable failures carrying the domain's reason. */
async function businessErrorsAreFinal<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) {
      throw ApplicationFailure.create({ type: err.kind, message: err.message, nonRetryable: true, details: [{ code: err.code, details: err.details }] });
    }
    throw err;
  }
}

/** Where the workflow's notices go (the mail outbox in the worker). */
export interface ContractNotifier {
  /**
   * `alongside` is written with the notification's queued mail, in the same statement (on its own
   * when there is none to queue, the contract gone included).
   */
  notify(notification: ContractNotification, alongside?: AlongsideWrite): Promise<void>;
}

/** `taskQueue`: this worker's queue; the notices of the steps it records are mailed by its workers. */
export function createContractActivities(store: ContractStore, checker: SubmissionChecker, notifier: ContractNotifier, taskQueue: string): ContractActivities {
  return {
    createContractRecord: (input) => businessErrorsAreFinal(() => store.createDraft(input)),
    recordTransition: (event) => businessErrorsAreFinal(() => store.recordTransition(event, taskQueue)),
    deployContract: (event) => businessErrorsAreFinal(() => store.deploy(event)),
    deployApproved: ({ start, deploy }) => businessErrorsAreFinal(() => store.deploy(deploy, start)),
    approveAndDeploy: ({ approve, start, deploy }) => businessErrorsAreFinal(() => store.approveAndDeploy(approve, { start, deploy }, taskQueue)),
    submitContract: ({ contractId, draft, ifApprovalRequired, ifNoApprovalRequired }) => businessErrorsAreFinal(async () => {
      const { sellerRequiresApproval } = await checker.check(contractId, draft);
      await store.recordTransition(sellerRequiresApproval ? ifApprovalRequired : ifNoApprovalRequired, taskQueue);
      return { sellerRequiresApproval };
    }),
    sellerRequiresApproval: (sellerDn) => store.sellerRequiresApproval(sellerDn),
    replaceContractContent: ({ event, draft }) => businessErrorsAreFinal(() => store.replaceContent(event, draft)),
    checkSubmission: ({ contractId, draft }) => businessErrorsAreFinal(async () => { await checker.check(contractId, draft); }),
    prepareSubmission: ({ contractId, draft }) => businessErrorsAreFinal(() => checker.check(contractId, draft)),
    assertBaseNotInUse: ({ contractId, action }) => businessErrorsAreFinal(async () => {
      const referrers = await store.activeReferrersOf(contractId);
      if (referrers.length) {
        throw new DomainError('conflict', 'BASE_CONTRACT_IN_USE',
          `Cannot ${action} a base contract while active contracts refer to it: ${referrers.map((r) => r.code).join(', ')}`,
          [{ field: 'status', message: `${referrers.length} contract(s) refer to this base contract` }]);
      }
    }),
    loadLifecycle: (contractId) => store.lifecycleOf(contractId),
    notify: (notification) => notifier.notify(notification),
  };
}
