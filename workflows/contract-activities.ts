import type { LifecycleEvent, NewContract } from '../libs/domain/src';

/** The activities the contract workflow calls. Implemented in apps/worker; imported here as a type only. */
export interface ContractActivities {
  /** Inserts the draft (buyers, terms, first audit line); does nothing if it already exists. */
  createContractRecord(input: NewContract): Promise<{ created: boolean }>;
  /** Appends the audit line and moves the status; idempotent on (contractId, seq). */
  recordTransition(event: LifecycleEvent): Promise<void>;
  /** Builds the runtime data and marks the contract ACTIVE in one transaction; idempotent. */
  deployContract(event: LifecycleEvent): Promise<void>;
  /** Whether the seller organisation requires approval of its contracts. */
  sellerRequiresApproval(sellerDn: string): Promise<boolean>;
}
