import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { DomainError, type ContractDraft, type LifecycleCommand } from '@pactum/domain';
import type { ActionInput, ContractActionName } from './contract-lifecycle.messages';

/** A domain refusal as the update's caller receives it: non-retryable, with the domain's code. */
export function toFailure(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.kind,
    message: error.message,
    nonRetryable: true,
    details: [{ code: error.code, details: error.details }],
  });
}

/** Postgres holds a newer step of the contract than the workflow (a newer version's deploy closed it). */
export function isContractChanged(failure: unknown): boolean {
  return failure instanceof ApplicationFailure && (failure.details?.[0] as { code?: string } | undefined)?.code === 'CONTRACT_CHANGED';
}

/** An activity's business error reaches the update's caller as the activity raised it. */
export function unwrap(err: unknown): unknown {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
}

/** The domain command an action update asks for. */
export function commandFor(action: ContractActionName, input: ActionInput): LifecycleCommand {
  const actor = input.actor;
  switch (action) {
    case 'submit': return { type: 'submit', actor };
    case 'approve': return { type: 'approve', actor, comment: input.comment };
    case 'reject': return { type: 'reject', actor, reason: input.reason ?? '' };
    case 'deploy': return { type: 'startDeploy', actor };
    case 'suspend': return { type: 'suspend', actor, reason: input.reason };
    case 'resume': return { type: 'resume', actor };
    case 'cancel': return { type: 'cancel', actor, reason: input.reason ?? '' };
    case 'delete': return { type: 'delete', actor };
  }
}

/** What the audit line keeps of an action's input besides its actor (undefined when nothing). */
export function detailOf(input: ActionInput): Record<string, unknown> | undefined {
  const detail: Record<string, unknown> = {};
  if (input.comment) detail.comment = input.comment;
  if (input.reason) detail.reason = input.reason;
  if (input.onBehalfOf?.length) detail.onBehalfOf = input.onBehalfOf;
  if (input.via) detail.via = input.via;
  return Object.keys(detail).length ? detail : undefined;
}

/** Edits never change the contract's identity: its unique key is code, origin, seller and version. */
export function checkIdentityKept(before: ContractDraft, after: ContractDraft): void {
  const details = [
    ...(before.code !== after.code ? [{ field: 'code', message: 'is part of the contract\'s unique key and cannot change' }] : []),
    ...(before.seller !== after.seller ? [{ field: 'seller', message: 'is part of the contract\'s unique key and cannot change' }] : []),
  ];
  if (details.length) throw toFailure(DomainError.validation(details, 'The edit would change the contract\'s identity'));
}
