import { SYSTEM_ACTOR, transition, type DomainError, type LifecycleEvent, type LifecycleState } from '@pactum/domain';

/** A deploy from APPROVED as Pactum takes it on its own: its two audit events and the state it leaves. */
export interface DeployEvents {
  /** APPROVED → DEPLOYING, numbered `seq + 1`. */
  start: LifecycleEvent;
  /** DEPLOYING → ACTIVE, numbered `seq + 2`. */
  deploy: LifecycleEvent;
  /** The state after both (ACTIVE). */
  state: LifecycleState;
}

/**
 * The events of a deploy from APPROVED after step `seq`, at `at`: what the workflow records when an
 * approved contract's start comes, and what an import records for the contracts it deploys itself
 * (the same lines either way). The DomainError when the state does not allow a deploy.
 */
export function deployEvents(contractId: string, approved: LifecycleState, seq: number, at: string): DeployEvents | { error: DomainError } {
  const starting = transition(approved, { type: 'startDeploy', actor: SYSTEM_ACTOR });
  if (!starting.ok) return { error: starting.error };
  const finishing = transition(starting.state, { type: 'deploySucceeded' });
  if (!finishing.ok) return { error: finishing.error };
  const line = (step: number, action: string, from: LifecycleEvent['fromStatus'], to: LifecycleEvent['toStatus']): LifecycleEvent => ({
    contractId, seq: seq + step, at, actor: SYSTEM_ACTOR.username, action, fromStatus: from, toStatus: to,
  });
  return {
    start: line(1, 'startDeploy', starting.from, starting.to),
    deploy: line(2, 'deploySucceeded', finishing.from, finishing.to),
    state: finishing.state,
  };
}
