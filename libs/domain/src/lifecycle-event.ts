import type { ContractDraft } from './contract-draft';
import type { ContractStatus } from './contract-status';

/** A contract coming into existence: what the first activity of its workflow persists. */
export interface NewContract {
  id: string;
  workflowId: string;
  draft: ContractDraft;
  origin: string;
  createdBy: string;
  at: string;
  /** The owning account representative (the creator when absent). */
  owner?: string;
  /** 1.0 when absent. */
  version?: { major: number; minor: number };
  /** The version a new version was copied from. */
  previousVersionId?: string;
}

/**
 * One step of a contract's life, as the workflow decided it. `seq` numbers the steps of one
 * contract; (contractId, seq) is the natural key every write of the step is made idempotent with.
 */
export interface LifecycleEvent {
  contractId: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  fromStatus: ContractStatus | null;
  toStatus: ContractStatus;
  detail?: Record<string, unknown>;
  submittedBy?: string | null;
  deleted?: boolean;
  /** The notice this step sends, queued in its transaction. */
  notice?: LifecycleNotice;
}

/** Who is told about a step, and why (the worker resolves recipients and renders the mail). */
export type LifecycleNoticeKind =
  | 'approvalRequested' | 'approvalReminder' | 'approvalEscalated' | 'approved' | 'rejected'
  | 'deploymentFailed' | 'expiringSoon' | 'expired';

/**
 * A notice queued with the step that causes it, in the same transaction (a transactional outbox):
 * it exists exactly when the step does, and its key `<contractId>/<seq>/<kind>` keeps it single.
 */
export interface LifecycleNotice {
  kind: LifecycleNoticeKind;
  actor?: string;
  reason?: string;
}
