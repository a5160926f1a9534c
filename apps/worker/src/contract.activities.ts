import { DomainError } from '@pactum/domain';
import type { ContractStore } from '@pactum/persistence';
import type { ContractActivities } from '@pactum/workflows';
import { withFinalErrors } from './activity-errors';
import type { SubmissionChecker } from './submission-checker';

/**
 * A deploy that fails for a reason that is neither a business error nor an outage gives up after
 * this many attempts, and the contract goes to DEPLOYMENT_FAILED; an outage is retried for the
 * workflow's whole deploy window.
 */
export const DEPLOY_ATTEMPTS = 5;

/**
 * `taskQueue`: this worker's queue; the notices of the steps it records are mailed by its workers.
 * Every activity fails at once on an error retrying cannot fix (activity-errors.ts).
 */
export function createContractActivities(store: ContractStore, checker: SubmissionChecker, taskQueue: string): ContractActivities {
  return withFinalErrors<ContractActivities>({
    createContractRecord: async (input) => {
      const result = await store.createDraft(input);
      // Found, not written: ours when an earlier attempt of this run wrote it (the workflow passes
      // its run's start time as `at`); otherwise the contract existed before this run started.
      if (!result.created) {
        const existing = await store.findHeader(input.id);
        if (existing && (existing.workflowId !== input.workflowId || existing.createdAt.getTime() !== Date.parse(input.at))) {
          throw new DomainError('conflict', 'CONTRACT_EXISTS', `The contract ${input.draft.code} exists already`, [{ field: 'code', message: 'is already used' }]);
        }
      }
      return result;
    },
    recordTransition: (event) => store.recordTransition(event, taskQueue),
    submitContract: async ({ contractId, draft, ifApprovalRequired, ifNoApprovalRequired }) => {
      const { sellerRequiresApproval } = await checker.check(contractId, draft);
      await store.recordTransition(sellerRequiresApproval ? ifApprovalRequired : ifNoApprovalRequired, taskQueue);
      return { sellerRequiresApproval };
    },
    approveAndDeploy: ({ approve, start, deploy }) => store.approveAndDeploy(approve, { start, deploy }, taskQueue),
    deployApproved: ({ start, deploy }) => store.deploy(deploy, start),
    deployContract: (event) => store.deploy(event),
    replaceContractContent: ({ event, draft }) => store.replaceContent(event, draft),
    assertBaseNotInUse: async ({ contractId, action }) => {
      const referrers = await store.activeReferrersOf(contractId);
      if (referrers.length) {
        throw new DomainError('conflict', 'BASE_CONTRACT_IN_USE',
          `Cannot ${action} a base contract while active contracts refer to it: ${referrers.map((r) => r.code).join(', ')}`,
          [{ field: 'status', message: `${referrers.length} contract(s) refer to this base contract` }]);
      }
    },
    loadLifecycle: (contractId) => store.lifecycleOf(contractId),
    quantitiesDrawnDown: (contractId) => store.quantitiesDrawnDown(contractId),
  }, { deployApproved: { boundedAttempts: DEPLOY_ATTEMPTS }, deployContract: { boundedAttempts: DEPLOY_ATTEMPTS } });
}
