import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, log,
  proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import {
  DomainError, FINAL_STATUSES, SYSTEM_ACTOR, transition,
  type LifecycleCommand, type LifecycleEvent, type LifecycleState,
} from '../libs/domain/src';
import type { ContractActivities } from './contract-activities';
import {
  ACTION_UPDATES, createdUpdate, stateQuery,
  type ActionInput, type ContractActionName, type ContractLifecycleInput, type ContractSnapshot,
} from './contract-lifecycle.messages';
import { WorkflowLock } from './workflow-lock';

// Persistence steps retry until Postgres answers again; business errors are non-retryable.
const store = proxyActivities<ContractActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// A deploy that keeps failing ends in DEPLOYMENT_FAILED, from where `deploy` retries it.
// A worker that dies mid-deploy is noticed when this timeout expires; the attempt is then retried.
const deployer = proxyActivities<ContractActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

function toFailure(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.kind,
    message: error.message,
    nonRetryable: true,
    details: [{ code: error.code, details: error.details }],
  });
}

function commandFor(action: ContractActionName, input: ActionInput): LifecycleCommand {
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

/** One contract version's whole life: draft → approval → deploy → active → … (CONTRACT-MODEL.md). */
export async function contractLifecycle(input: ContractLifecycleInput): Promise<ContractSnapshot> {
  const { contractId } = input;
  const lock = new WorkflowLock();
  let created = input.carried !== undefined;
  let seq = input.carried?.seq ?? 1;
  let state: LifecycleState = input.carried?.state ?? {
    status: 'DRAFT',
    owner: input.createdBy,
    sellerRequiresApproval: true,
    mirrored: input.origin === 'Imported',
    deleted: false,
  };

  const snapshot = (): ContractSnapshot => ({
    contractId, status: state.status, seq, owner: state.owner, submittedBy: state.submittedBy, deleted: state.deleted,
  });
  const now = () => new Date().toISOString();

  /** Decides, persists, then commits one step. Call under the lock. */
  async function apply(command: LifecycleCommand, detail?: Record<string, unknown>): Promise<ContractSnapshot> {
    const result = transition(state, command);
    if (!result.ok) throw toFailure(result.error);
    const event: LifecycleEvent = {
      contractId, seq: seq + 1, at: now(),
      actor: 'actor' in command ? command.actor.username : SYSTEM_ACTOR.username,
      action: command.type, fromStatus: result.from, toStatus: result.to, detail,
      submittedBy: command.type === 'submit' ? result.state.submittedBy ?? null : undefined,
      deleted: command.type === 'delete' ? true : undefined,
    };
    try {
      if (command.type === 'deploySucceeded') await deployer.deployContract(event);
      else await store.recordTransition(event);
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw err.cause;
      throw err;
    }
    seq = event.seq;
    state = result.state;
    return snapshot();
  }

  setHandler(stateQuery, snapshot);
  setHandler(createdUpdate, async () => {
    await condition(() => created);
    return snapshot();
  });

  for (const [action, update] of Object.entries(ACTION_UPDATES) as [ContractActionName, (typeof ACTION_UPDATES)[ContractActionName]][]) {
    setHandler(update, (actionInput: ActionInput) => lock.run(async () => {
      if (action === 'submit') {
        state = { ...state, sellerRequiresApproval: await store.sellerRequiresApproval(input.draft.seller) };
      }
      const detail: Record<string, unknown> = {};
      if (actionInput.comment) detail.comment = actionInput.comment;
      if (actionInput.reason) detail.reason = actionInput.reason;
      return apply(commandFor(action, actionInput), Object.keys(detail).length ? detail : undefined);
    }), {
      // Refuse early, before anything is written to history, with the domain's reason.
      validator: (actionInput: ActionInput) => {
        if (!created) throw ApplicationFailure.create({ type: 'conflict', message: 'The contract is still being created', nonRetryable: true });
        const result = transition(state, commandFor(action, actionInput));
        if (!result.ok) throw toFailure(result.error);
      },
    });
  }

  if (!created) {
    await store.createContractRecord({
      id: contractId, workflowId: workflowInfo().workflowId, draft: input.draft, origin: input.origin,
      createdBy: input.createdBy, at: now(),
    });
    created = true;
  }

  const isFinished = () => state.deleted || FINAL_STATUSES.includes(state.status);
  const needsDeploy = () => state.status === 'APPROVED' || state.status === 'DEPLOYING';

  while (!isFinished()) {
    await condition(() => isFinished() || needsDeploy() || workflowInfo().continueAsNewSuggested);
    if (needsDeploy()) {
      await lock.run(async () => {
        if (state.status === 'APPROVED') await apply({ type: 'startDeploy', actor: SYSTEM_ACTOR });
        if (state.status !== 'DEPLOYING') return;
        try {
          await apply({ type: 'deploySucceeded' });
        } catch (err) {
          const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
          log.warn('deploy failed', { contractId, reason });
          // The failed attempt keeps its sequence number: had it committed after all (a timeout
          // after the commit), the failure recorded with a newer number still wins in Postgres.
          seq += 1;
          await apply({ type: 'deployFailed', reason }, { reason });
        }
      });
    } else if (!isFinished() && workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof contractLifecycle>({ ...input, carried: { state, seq } });
    }
  }

  await condition(allHandlersFinished);
  return snapshot();
}
