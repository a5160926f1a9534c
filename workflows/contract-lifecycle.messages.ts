import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, ContractDraft, ContractStatus, LifecycleState } from '../libs/domain/src';

/** Shared by the workflow and its clients (API, CLI, tests): the contract workflow's interface. */
export const CONTRACT_WORKFLOW_TYPE = 'contractLifecycle';

export function contractWorkflowId(contractId: string): string {
  return `contract-${contractId}`;
}

export interface ContractLifecycleInput {
  contractId: string;
  draft: ContractDraft;
  createdBy: string;
  origin: string;
  /** Present when the workflow continued as new: the state it carries over. */
  carried?: { state: LifecycleState; seq: number };
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
}

/** Resolves once the contract has been persisted: the API answers "201 Created" after it. */
export const createdUpdate = defineUpdate<ContractSnapshot>('created');
export const submitUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('submit');
export const approveUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('approve');
export const rejectUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('reject');
export const deployUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('deploy');
export const suspendUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('suspend');
export const resumeUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('resume');
export const cancelUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('cancel');
export const deleteUpdate = defineUpdate<ContractSnapshot, [ActionInput]>('delete');

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

export const stateQuery = defineQuery<ContractSnapshot>('state');
