import type { ContractDraft, ContractStatus, LifecycleEvent, LifecycleNoticeKind, NewContract } from '../libs/domain/src';

/** What the workflow asks to be told to people; the worker resolves recipients and renders the mail. */
export type ContractNotificationKind = LifecycleNoticeKind;

export interface ContractNotification {
  /** Idempotency key: a retried activity never sends twice (`<contractId>/<seq>/<kind>`). */
  key: string;
  kind: ContractNotificationKind;
  contractId: string;
  /** The lifecycle step the notice belongs to. */
  seq: number;
  actor?: string;
  reason?: string;
}

/** A newer version's deploy closed these versions; their workflows are told to catch up. */
export interface ClosedVersion {
  contractId: string;
  workflowId: string;
}

/** The activities the contract workflow calls. Implemented in apps/worker; imported here as a type only. */
export interface ContractActivities {
  /** Inserts the draft (buyers, terms, first audit line); does nothing if it already exists. */
  createContractRecord(input: NewContract): Promise<{ created: boolean }>;
  /** Appends the audit line and moves the status; idempotent on (contractId, seq). */
  recordTransition(event: LifecycleEvent): Promise<void>;
  /**
   * Builds the runtime data, marks the contract ACTIVE and closes older versions of its family,
   * in one transaction; idempotent. Returns the versions it closed (older workers returned nothing).
   */
  deployContract(event: LifecycleEvent): Promise<{ closed: ClosedVersion[] } | void>;
  /**
   * v6: the deploy of an APPROVED contract as one step: its `startDeploy` line (DEPLOYING) and the
   * deploy (ACTIVE) in one transaction. Nothing is written when it fails.
   */
  deployApproved(input: { start: LifecycleEvent; deploy: LifecycleEvent }): Promise<{ closed: ClosedVersion[] }>;
  /**
   * v7: an approval that deploys at once. The approval line first, then DEPLOYING and ACTIVE, in
   * one transaction; when the deploy part fails, only the approval is kept (`deployed: false`, the
   * reason) and the workflow deploys as after any approval.
   */
  approveAndDeploy(input: { approve: LifecycleEvent; start: LifecycleEvent; deploy: LifecycleEvent }): Promise<{ deployed: boolean; closed: ClosedVersion[]; reason?: string }>;
  /**
   * v7: the submit in one step. Checks the rules (throws a business error, writing nothing), then
   * records `ifApprovalRequired` or `ifNoApprovalRequired` as the seller's setting says, and answers it.
   */
  submitContract(input: {
    contractId: string; draft: ContractDraft; ifApprovalRequired: LifecycleEvent; ifNoApprovalRequired: LifecycleEvent;
  }): Promise<{ sellerRequiresApproval: boolean }>;
  /** Whether the seller organisation requires approval of its contracts. */
  sellerRequiresApproval(sellerDn: string): Promise<boolean>;
  /** Replaces the contract's content (profile, buyers, terms) and records the edit, in one transaction. */
  replaceContractContent(input: { event: LifecycleEvent; draft: ContractDraft }): Promise<void>;
  /** Checks the cross-term rules that need the account and the base contract (submit). Throws a business error. */
  checkSubmission(input: { contractId: string; draft: ContractDraft }): Promise<void>;
  /** v6: checkSubmission and sellerRequiresApproval as one step. Throws a business error. */
  prepareSubmission(input: { contractId: string; draft: ContractDraft }): Promise<{ sellerRequiresApproval: boolean }>;
  /** A base contract cannot be suspended or cancelled while active contracts refer to it. Throws a business error. */
  assertBaseNotInUse(input: { contractId: string; action: string }): Promise<void>;
  /** The lifecycle state as Postgres holds it (after another workflow's transaction changed it). */
  loadLifecycle(contractId: string): Promise<{ status: ContractStatus; seq: number } | null>;
  /** Workflows before v4: queues the notice in the mail outbox (once per key) and tries to deliver it. */
  notify(notification: ContractNotification): Promise<void>;
}
