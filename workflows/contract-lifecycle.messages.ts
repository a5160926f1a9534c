import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, ContractDraft, ContractStatus, LifecycleState } from '@pactum/domain';
import type { CommandSeal } from './command-seal';

/** Shared by the workflow and its clients (API, CLI, tests): the contract workflow's interface. */
export const CONTRACT_WORKFLOW_TYPE = 'contractLifecycle';

export function contractWorkflowId(contractId: string): string {
  return `contract-${contractId}`;
}

/** Durations of the lifecycle's timers; set by the API's configuration when a contract is created. */
export interface LifecycleTiming {
  /** The "expiring soon" notice goes out this many days before the end (0: never). */
  expiringSoonDays: number;
  /** A pending approval is reminded every this many milliseconds (0: never). */
  approvalReminderAfterMs: number;
  /** A pending approval escalates to the fallback approver after this many milliseconds (0: never). */
  approvalEscalationAfterMs: number;
  /** How long a deploy keeps retrying through an outage before DEPLOYMENT_FAILED (DEFAULT_DEPLOY_RETRY_WINDOW_MS when absent). */
  deployRetryWindowMs?: number;
}

/** Six hours: a database outage shorter than that delays a deploy, it does not fail it. */
export const DEFAULT_DEPLOY_RETRY_WINDOW_MS = 6 * 3600_000;

export const DEFAULT_LIFECYCLE_TIMING: LifecycleTiming = {
  expiringSoonDays: 30,
  approvalReminderAfterMs: 48 * 3600_000,
  approvalEscalationAfterMs: 120 * 3600_000,
};

/** Timer bookkeeping carried across continueAsNew. */
export interface TimerState {
  /** When the current approval wait began (ISO). */
  pendingSince?: string;
  reminders: number;
  escalated: boolean;
  expiringNoticeSent: boolean;
}

export interface ContractLifecycleInput {
  contractId: string;
  draft: ContractDraft;
  createdBy: string;
  origin: string;
  /** Owner when it is not the creator (a new version keeps its family's owner). */
  owner?: string;
  /** Version of this contract (1.0 when absent). */
  version?: { major: number; minor: number };
  /** The version this one was copied from (new version). */
  previousVersionId?: string;
  timing?: LifecycleTiming;
  /** Present when the workflow continued as new, or starts for a contract Postgres holds: the state it carries over. */
  carried?: { state: LifecycleState; seq: number; timers?: TimerState };
  /** The starter's signature over the rest of the input (WorkflowCommandSigner); a run continued as new needs none. */
  seal?: CommandSeal;
}

export interface ContractSnapshot {
  contractId: string;
  status: ContractStatus;
  seq: number;
  owner: string;
  submittedBy?: string;
  deleted: boolean;
}

export interface ActionInput {
  actor: Actor;
  comment?: string;
  reason?: string;
  /** Approve/reject by a delegate: the managers they stand in for (recorded in the audit trail). */
  onBehalfOf?: string[];
  /** How the decision arrived when not through the API itself (e.g. "action-link"). */
  via?: string;
  /** The API's signature over the rest (WorkflowCommandSigner): the validator refuses the update without it. */
  seal?: CommandSeal;
}

export interface EditInput {
  actor: Actor;
  /** The whole new content, already validated by validateContractDraft. */
  draft: ContractDraft;
  /** The API's signature over the rest (WorkflowCommandSigner). */
  seal?: CommandSeal;
}

/** Resolves once the contract has been persisted: the API answers "201 Created" after it. Its one argument is its seal. */
export const createdUpdate = defineUpdate<ContractSnapshot, [CommandSeal]>('created');
export const submitUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('submit');
export const approveUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('approve');
export const rejectUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('reject');
export const deployUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('deploy');
export const suspendUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('suspend');
export const resumeUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('resume');
export const cancelUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('cancel');
export const deleteUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('delete');
/** Replaces profile, buyers and terms of a Draft or Rejected contract (a Rejected one returns to Draft). */
export const editUpdate = defineUpdate<ContractSnapshot, [EditInput]>('edit');

export const ACTION_UPDATES = {
  submit: submitUpdate,
  approve: approveUpdate,
  reject: rejectUpdate,
  deploy: deployUpdate,
  suspend: suspendUpdate,
  resume: resumeUpdate,
  cancel: cancelUpdate,
  delete: deleteUpdate,
} as const;
export type ContractActionName = keyof typeof ACTION_UPDATES;

/** Postgres changed this contract's state from outside (a newer version's deploy closed it): catch up. Unsigned: it only reloads what Postgres holds. */
export const reconcileSignal = defineSignal('reconcile');
/**
 * Checkout drew down every reserved quantity of this quantity contract. Unsigned: the workflow
 * completes the contract only once Postgres confirms it, so a forged signal changes nothing.
 */
export const quantitiesDrawnDownSignal = defineSignal('quantitiesDrawnDown');

export const stateQuery = defineQuery<ContractSnapshot>('state');
