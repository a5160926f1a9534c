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
}
