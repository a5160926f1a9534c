import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../../libs/domain/src';
import type { ContractStore } from '../../../libs/persistence/src';
import type { ContractActivities } from '../../../workflows/contract-activities';

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

export function createContractActivities(store: ContractStore): ContractActivities {
  return {
    createContractRecord: (input) => businessErrorsAreFinal(() => store.createDraft(input)),
    recordTransition: (event) => businessErrorsAreFinal(() => store.recordTransition(event)),
    deployContract: (event) => businessErrorsAreFinal(() => store.deploy(event)),
    sellerRequiresApproval: (sellerDn) => store.sellerRequiresApproval(sellerDn),
  };
}
