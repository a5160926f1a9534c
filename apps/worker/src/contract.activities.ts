import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '@pactum/domain';
import type { ContractStore } from '@pactum/persistence';
import type { ContractActivities } from '@pactum/workflows';
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

/** `taskQueue`: this worker's queue; the notices of the steps it records are mailed by its workers. */
export function createContractActivities(store: ContractStore, checker: SubmissionChecker, taskQueue: string): ContractActivities {
  return {
    createContractRecord: (input) => businessErrorsAreFinal(() => store.createDraft(input)),
    recordTransition: (event) => businessErrorsAreFinal(() => store.recordTransition(event, taskQueue)),
    submitContract: ({ contractId, draft, ifApprovalRequired, ifNoApprovalRequired }) => businessErrorsAreFinal(async () => {
      const { sellerRequiresApproval } = await checker.check(contractId, draft);
      await store.recordTransition(sellerRequiresApproval ? ifApprovalRequired : ifNoApprovalRequired, taskQueue);
      return { sellerRequiresApproval };
    }),
    approveAndDeploy: ({ approve, start, deploy }) => businessErrorsAreFinal(() => store.approveAndDeploy(approve, { start, deploy }, taskQueue)),
    deployApproved: ({ start, deploy }) => businessErrorsAreFinal(() => store.deploy(deploy, start)),
    deployContract: (event) => businessErrorsAreFinal(() => store.deploy(event)),
    replaceContractContent: ({ event, draft }) => businessErrorsAreFinal(() => store.replaceContent(event, draft)),
    assertBaseNotInUse: ({ contractId, action }) => businessErrorsAreFinal(async () => {
      const referrers = await store.activeReferrersOf(contractId);
      if (referrers.length) {
        throw new DomainError('conflict', 'BASE_CONTRACT_IN_USE',
          `Cannot ${action} a base contract while active contracts refer to it: ${referrers.map((r) => r.code).join(', ')}`,
          [{ field: 'status', message: `${referrers.length} contract(s) refer to this base contract` }]);
      }
    }),
    loadLifecycle: (contractId) => store.lifecycleOf(contractId),
  };
}
