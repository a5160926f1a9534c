import type { ContractStatus } from './contract-status';
import { DomainError } from './domain-error';
import { type Actor, hasRole } from './role';

/** What the lifecycle needs to know about a contract to decide a transition. */
export interface LifecycleState {
  status: ContractStatus;
  /** The account representative who owns the contract. */
  owner: string;
  /** Who submitted it for approval the last time (nobody approves what they submitted). */
  submittedBy?: string;
  /** Seller organisations are configured to require approval or not. */
  sellerRequiresApproval: boolean;
  /** Imported ("mirrored") contracts change only by re-import. */
  mirrored: boolean;
  deleted: boolean;
}

export type LifecycleCommand =
  | { type: 'submit'; actor: Actor }
  | { type: 'approve'; actor: Actor; comment?: string }
  | { type: 'reject'; actor: Actor; reason: string }
  | { type: 'edit'; actor: Actor }
  | { type: 'startDeploy'; actor: Actor }
  | { type: 'deploySucceeded' }
  | { type: 'deployFailed'; reason: string }
  | { type: 'suspend'; actor: Actor; reason?: string }
  | { type: 'resume'; actor: Actor }
  | { type: 'cancel'; actor: Actor; reason: string }
  | { type: 'expire' }
  | { type: 'close'; reason: string }
  | { type: 'complete' }
  | { type: 'archive' }
  | { type: 'delete'; actor: Actor };

export type LifecycleAction = LifecycleCommand['type'];

export type TransitionResult =
  | { ok: true; state: LifecycleState; from: ContractStatus; to: ContractStatus }
  | { ok: false; error: DomainError };

const refuse = (error: DomainError): TransitionResult => ({ ok: false, error });
const conflict = (action: string, status: ContractStatus) =>
  refuse(new DomainError('conflict', 'INVALID_STATE_TRANSITION', `Cannot ${action} a contract in status ${status}`, [{ field: 'status', message: `is ${status}` }]));
const forbidden = (code: string, message: string) => refuse(new DomainError('forbidden', code, message));

function isOwnerOrAdmin(state: LifecycleState, actor: Actor): boolean {
  return actor.username === state.owner || hasRole(actor, 'admin');
}

/**
 * The contract state machine of CONTRACT-MODEL.md as one pure function. The workflow's update
 * validators call it to refuse early; the handlers call it again under the workflow lock and
 * commit the returned state only after persistence succeeded.
 */
export function transition(state: LifecycleState, command: LifecycleCommand): TransitionResult {
  const from = state.status;
  const to = (status: ContractStatus, patch: Partial<LifecycleState> = {}): TransitionResult => ({
    ok: true, from, to: status, state: { ...state, ...patch, status },
  });

  if (state.deleted) {
    return refuse(new DomainError('conflict', 'CONTRACT_DELETED', 'The contract has been deleted'));
  }

  switch (command.type) {
    case 'submit': {
      if (!isOwnerOrAdmin(state, command.actor) || !hasRole(command.actor, 'account_rep', 'admin')) {
        return forbidden('NOT_CONTRACT_OWNER', 'Only the owning account representative (or an admin) submits a contract');
      }
      if (state.mirrored) return refuse(mirroredError());
      if (from !== 'DRAFT') return conflict('submit', from);
      return to(state.sellerRequiresApproval ? 'PENDING_APPROVAL' : 'APPROVED', { submittedBy: command.actor.username });
    }
    case 'approve':
    case 'reject': {
      if (!hasRole(command.actor, 'sales_manager')) {
        return forbidden('ROLE_REQUIRED', `Only a sales manager can ${command.type} a contract`);
      }
      if (from !== 'PENDING_APPROVAL') return conflict(command.type, from);
      if (command.actor.username === state.submittedBy || command.actor.username === state.owner) {
        return forbidden('SELF_APPROVAL', `Nobody can ${command.type} a contract they submitted or own`);
      }
      if (command.type === 'reject' && !command.reason?.trim()) {
        return refuse(DomainError.validation([{ field: 'reason', message: 'a rejection needs a reason' }]));
      }
      return to(command.type === 'approve' ? 'APPROVED' : 'REJECTED');
    }
    case 'edit': {
      if (!isOwnerOrAdmin(state, command.actor)) {
        return forbidden('NOT_CONTRACT_OWNER', 'Only the owning account representative (or an admin) edits a contract');
      }
      if (state.mirrored) return refuse(mirroredError());
      if (from !== 'DRAFT' && from !== 'REJECTED') return conflict('edit', from);
      return to('DRAFT');
    }
    case 'startDeploy': {
      if (from === 'APPROVED') return to('DEPLOYING');
      if (from === 'DEPLOYMENT_FAILED') {
        if (!isOwnerOrAdmin(state, command.actor) && !hasRole(command.actor, 'sales_manager')) {
          return forbidden('ROLE_REQUIRED', 'Only the owner, a sales manager or an admin retries a deploy');
        }
        return to('DEPLOYING');
      }
      return conflict('deploy', from);
    }
    case 'deploySucceeded':
      return from === 'DEPLOYING' ? to('ACTIVE') : conflict('finish deploying', from);
    case 'deployFailed':
      return from === 'DEPLOYING' ? to('DEPLOYMENT_FAILED') : conflict('fail deploying', from);
    case 'suspend':
    case 'resume': {
      if (!hasRole(command.actor, 'sales_manager', 'admin')) {
        return forbidden('ROLE_REQUIRED', `Only a sales manager or an admin can ${command.type} a contract`);
      }
      if (command.type === 'suspend') return from === 'ACTIVE' ? to('SUSPENDED') : conflict('suspend', from);
      return from === 'SUSPENDED' ? to('ACTIVE') : conflict('resume', from);
    }
    case 'cancel': {
      if (!isOwnerOrAdmin(state, command.actor) && !hasRole(command.actor, 'sales_manager')) {
        return forbidden('ROLE_REQUIRED', 'Only the owner, a sales manager or an admin cancels a contract');
      }
      if (!command.reason?.trim()) {
        return refuse(DomainError.validation([{ field: 'reason', message: 'a cancellation needs a reason' }]));
      }
      if (['DRAFT', 'DEPLOYING', 'CLOSED', 'CANCELLED', 'ARCHIVED'].includes(from)) return conflict('cancel', from);
      return to('CANCELLED');
    }
    case 'expire':
      return from === 'ACTIVE' || from === 'SUSPENDED' ? to('EXPIRED') : conflict('expire', from);
    case 'close':
      return from === 'ACTIVE' || from === 'APPROVED' || from === 'SUSPENDED' ? to('CLOSED') : conflict('close', from);
    case 'complete':
      return from === 'ACTIVE' ? to('COMPLETED') : conflict('complete', from);
    case 'archive':
      return from === 'COMPLETED' || from === 'EXPIRED' ? to('ARCHIVED') : conflict('archive', from);
    case 'delete': {
      if (!isOwnerOrAdmin(state, command.actor)) {
        return forbidden('NOT_CONTRACT_OWNER', 'Only the owning account representative (or an admin) deletes a contract');
      }
      if (!['DRAFT', 'CLOSED', 'CANCELLED', 'REJECTED'].includes(from)) return conflict('delete', from);
      return { ok: true, from, to: from, state: { ...state, deleted: true } };
    }
  }
}

function mirroredError(): DomainError {
  return new DomainError('conflict', 'MIRRORED_CONTRACT', 'Imported (mirrored) contracts change only by re-import');
}
