import type { ContractDraft, ContractStatus, LifecycleEvent, NewContract } from '@pactum/domain';

/** A newer version's deploy closed these versions; their workflows are told to catch up. */
export interface ClosedVersion {
  contractId: string;
  workflowId: string;
}

/**
 * The activities the contract workflow calls, all as local activities. Implemented in apps/worker;
 * imported here as a type only. A step's notice (`notice` on its LifecycleEvent) is queued in the
 * step's transaction.
 */
export interface ContractActivities {
  /** Inserts the draft (buyers, terms, first audit line); does nothing if it already exists. */
  createContractRecord(input: NewContract): Promise<{ created: boolean }>;
  /** Appends the audit line and moves the status; idempotent on (contractId, seq). */
  recordTransition(event: LifecycleEvent): Promise<void>;
  /**
   * The submit in one step. Checks the rules (throws a business error, writing nothing), then
   * records `ifApprovalRequired` or `ifNoApprovalRequired` as the seller's setting says, and answers it.
   */
  submitContract(input: {
    contractId: string; draft: ContractDraft; ifApprovalRequired: LifecycleEvent; ifNoApprovalRequired: LifecycleEvent;
  }): Promise<{ sellerRequiresApproval: boolean }>;
  /**
   * An approval that deploys at once. The approval line first, then DEPLOYING and ACTIVE, in
   * one transaction; when the deploy part fails, only the approval is kept (`deployed: false`, the
   * reason) and the workflow deploys as after any approval.
   */
  approveAndDeploy(input: { approve: LifecycleEvent; start: LifecycleEvent; deploy: LifecycleEvent }): Promise<{ deployed: boolean; closed: ClosedVersion[]; reason?: string }>;
  /**
   * The deploy of an APPROVED contract as one step: its `startDeploy` line (DEPLOYING) and the
   * deploy (ACTIVE) in one transaction. Nothing is written when it fails.
   */
  deployApproved(input: { start: LifecycleEvent; deploy: LifecycleEvent }): Promise<{ closed: ClosedVersion[] }>;
  /**
   * The deploy of a contract a `deploy` action put into DEPLOYING (after DEPLOYMENT_FAILED): builds the
   * runtime data, marks the contract ACTIVE and closes older versions of its family, in one
   * transaction; idempotent. Returns the versions it closed.
   */
  deployContract(event: LifecycleEvent): Promise<{ closed: ClosedVersion[] }>;
  /** Replaces the contract's content (profile, buyers, terms) and records the edit, in one transaction. */
  replaceContractContent(input: { event: LifecycleEvent; draft: ContractDraft }): Promise<void>;
  /** A base contract cannot be suspended or cancelled while active contracts refer to it. Throws a business error. */
  assertBaseNotInUse(input: { contractId: string; action: string }): Promise<void>;
  /** The lifecycle state as Postgres holds it (after another workflow's transaction changed it). */
  loadLifecycle(contractId: string): Promise<{ status: ContractStatus; seq: number } | null>;
  /** Whether Postgres holds the contract's reserved quantities as all drawn down (it has some, and none has any left). */
  quantitiesDrawnDown(contractId: string): Promise<boolean>;
}
