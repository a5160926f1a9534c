// One file past 400 lines: the handlers, the steps and the main loop share the run's state (status, seq, draft, timers, the lock) as closures; the pure parts live in contract-lifecycle.commands.ts and contract-lifecycle.timers.ts.
import {
  ApplicationFailure, allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, log, proxyLocalActivities, setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  FINAL_STATUSES, SYSTEM_ACTOR, transition,
  type ContractStatus, type LifecycleCommand, type LifecycleEvent, type LifecycleNotice, type LifecycleState,
} from '@pactum/domain';
import type { ClosedVersion, ContractActivities } from './contract-activities';
import { checkStartSeal, checkUpdateSeal, payloadOf } from './command-checks';
import { deployEvents } from './contract-deploy';
import { checkIdentityKept, commandFor, detailOf, isContractChanged, toFailure, unwrap } from './contract-lifecycle.commands';
import {
  ACTION_UPDATES, DEFAULT_DEPLOY_RETRY_WINDOW_MS, DEFAULT_LIFECYCLE_TIMING, createdUpdate, editUpdate, quantitiesDrawnDownSignal, reconcileSignal, stateQuery,
  type ActionInput, type ContractActionName, type ContractLifecycleInput, type ContractSnapshot, type EditInput, type TimerState,
} from './contract-lifecycle.messages';
import { dueTimers, nextDeadline } from './contract-lifecycle.timers';
import { WorkflowLock } from './workflow-lock';

// Every step runs as a local activity in the worker that runs the workflow task, recorded as a
// marker: no activity-task round trip through the server. Persistence steps retry until Postgres
// answers again (long retries back off on a timer beyond the threshold); business errors are
// non-retryable.
const store = proxyLocalActivities<ContractActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
/**
 * The deploy steps. An outage (Postgres unreachable, a deadlock…) is retried for `windowMs`
 * (LifecycleTiming.deployRetryWindowMs); a business failure fails at once, and any other error
 * after a few attempts (the activities decide: apps/worker activity-errors.ts). Only those end in
 * DEPLOYMENT_FAILED, from where `deploy` retries it.
 */
function deployerFor(windowMs: number) {
  return proxyLocalActivities<ContractActivities>({
    startToCloseTimeout: '60 seconds',
    scheduleToCloseTimeout: windowMs,
    localRetryThreshold: '10 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });
}

/** How long a step the workflow takes on its own waits after failing for good before it is taken again. */
const BACKGROUND_RETRY = '1 hour';

type StepResult = { from: ContractStatus; to: ContractStatus; state: LifecycleState };

/**
 * One contract version's whole life: draft → approval → deploy → active → … (CONTRACT-MODEL.md).
 * Each step is decided by transition(), persisted by an activity, then committed; a notice the
 * step causes travels with it (`notice` on its LifecycleEvent) and is queued in its transaction.
 */
export async function contractLifecycle(input: ContractLifecycleInput): Promise<ContractSnapshot> {
  // Before any handler or activity: a forged start fails the run at once, writing nothing.
  checkStartSeal(input);
  const { contractId } = input;
  const timing = input.timing ?? DEFAULT_LIFECYCLE_TIMING;
  const deployer = deployerFor(timing.deployRetryWindowMs ?? DEFAULT_DEPLOY_RETRY_WINDOW_MS);
  const lock = new WorkflowLock();
  let draft = input.draft;
  let created = input.carried !== undefined;
  /** Why the contract's record could not be written (the run then fails). */
  let creationFailure: unknown;
  let seq = input.carried?.seq ?? 1;
  let state: LifecycleState = input.carried?.state ?? {
    status: 'DRAFT',
    owner: input.owner ?? input.createdBy,
    sellerRequiresApproval: true,
    mirrored: input.origin === 'Imported',
    deleted: false,
  };
  const timers: TimerState = input.carried?.timers ?? { reminders: 0, escalated: false, expiringNoticeSent: false };
  let reconcileRequested = false;
  let drawnDown = false;
  /** Older versions an approval's deploy closed, whose workflows the main loop tells. */
  const closedToTell: ClosedVersion[] = [];

  const snapshot = (): ContractSnapshot => ({
    contractId, status: state.status, seq, owner: state.owner, submittedBy: state.submittedBy, deleted: state.deleted,
  });
  const nowMs = () => new Date().getTime();
  const now = () => new Date().toISOString();
  const startsAtMs = () => Date.parse(draft.startsAt);

  /** The audit event of a step the transition function allowed, numbered `step` after the last one. */
  function eventFor(
    command: LifecycleCommand, result: StepResult, detail: Record<string, unknown> | undefined, notice: LifecycleNotice | undefined, step = 1,
  ): LifecycleEvent {
    return {
      contractId, seq: seq + step, at: now(),
      actor: 'actor' in command ? command.actor.username : SYSTEM_ACTOR.username,
      action: command.type, fromStatus: result.from, toStatus: result.to, detail,
      submittedBy: command.type === 'submit' ? result.state.submittedBy ?? null : undefined,
      deleted: command.type === 'delete' ? true : undefined,
      ...(notice ? { notice } : {}),
    };
  }

  /** The activity's failure as the update's caller sees it; Postgres holding a newer step asks for a reload. */
  function failureOf(err: unknown): unknown {
    const failure = unwrap(err);
    if (isContractChanged(failure)) reconcileRequested = true;
    return failure;
  }

  /** The workflow takes a persisted step as its state. */
  function committed(result: StepResult, event: LifecycleEvent): ContractSnapshot {
    seq = event.seq;
    state = result.state;
    if (result.from !== 'PENDING_APPROVAL' && result.to === 'PENDING_APPROVAL') {
      Object.assign(timers, { pendingSince: event.at, reminders: 0, escalated: false });
    }
    return snapshot();
  }

  /**
   * Decides, persists (recordTransition unless `persist` says otherwise), then commits one step.
   * Call under the lock. `notice` says who is told about the step.
   */
  async function apply(
    command: LifecycleCommand, detail?: Record<string, unknown>,
    persist: (event: LifecycleEvent) => Promise<unknown> = (event) => store.recordTransition(event),
    notice?: LifecycleNotice,
  ): Promise<ContractSnapshot> {
    const result = transition(state, command);
    if (!result.ok) throw toFailure(result.error);
    const event = eventFor(command, result, detail, notice);
    try {
      await persist(event);
    } catch (err) {
      throw failureOf(err);
    }
    return committed(result, event);
  }

  /**
   * The rules checked, the seller's approval setting read and the submit recorded in one step.
   * Both possible steps are decided here; the activity records the one the seller's setting leads
   * to and says which.
   */
  async function submit(actionInput: ActionInput, detail: Record<string, unknown> | undefined): Promise<ContractSnapshot> {
    const command = commandFor('submit', actionInput);
    const [ifRequired, ifNotRequired] = [true, false].map((sellerRequiresApproval) => {
      const result = transition({ ...state, sellerRequiresApproval }, command);
      if (!result.ok) throw toFailure(result.error);
      const notice: LifecycleNotice | undefined = result.to === 'PENDING_APPROVAL' ? { kind: 'approvalRequested', actor: actionInput.actor.username } : undefined;
      return { result, event: eventFor(command, result, detail, notice) };
    });
    let answer: { sellerRequiresApproval: boolean };
    try {
      answer = await store.submitContract({ contractId, draft, ifApprovalRequired: ifRequired.event, ifNoApprovalRequired: ifNotRequired.event });
    } catch (err) {
      throw failureOf(err);
    }
    const taken = answer.sellerRequiresApproval ? ifRequired : ifNotRequired;
    return committed(taken.result, taken.event);
  }

  /**
   * An approval whose contract starts now (the caller checks), recorded with its deploy (APPROVED,
   * DEPLOYING, ACTIVE) in one transaction: it answers ACTIVE. When the deploy part fails only the
   * approval is recorded (it answers APPROVED), and the main loop deploys as after any approval.
   */
  async function approveAndDeploy(actionInput: ActionInput, detail: Record<string, unknown> | undefined): Promise<ContractSnapshot> {
    const command = commandFor('approve', actionInput);
    const approving = transition(state, command);
    if (!approving.ok) throw toFailure(approving.error);
    const deploying = deployEvents(contractId, approving.state, seq + 1, now());
    if ('error' in deploying) throw toFailure(deploying.error);
    const approve = eventFor(command, approving, detail, { kind: 'approved', actor: actionInput.actor.username });
    let outcome: { deployed: boolean; closed: ClosedVersion[]; reason?: string };
    try {
      outcome = await store.approveAndDeploy({ approve, start: deploying.start, deploy: deploying.deploy });
    } catch (err) {
      throw failureOf(err);
    }
    if (!outcome.deployed) {
      log.warn('deploy with the approval failed; deploying on its own', { contractId, reason: outcome.reason });
      return committed(approving, approve);
    }
    committed(approving, approve);
    seq = deploying.deploy.seq;
    state = deploying.state;
    closedToTell.push(...outcome.closed);
    return snapshot();
  }

  /** The older versions a deploy closed read their new state (CLOSED) from Postgres. */
  async function tellClosed(closedVersions: ClosedVersion[]): Promise<void> {
    for (const closed of closedVersions) {
      await getExternalWorkflowHandle(closed.workflowId).signal(reconcileSignal)
        .catch((err) => log.warn('could not tell a closed version', { contractId: closed.contractId, error: String(err) }));
    }
  }

  /**
   * APPROVED → DEPLOYING → ACTIVE in one transaction. Answers the reason when the deploy failed
   * (then nothing was written); undefined when it is done, or when Postgres holds a newer step,
   * which the loop then reloads.
   */
  async function deployApproved(): Promise<string | undefined> {
    const deploying = deployEvents(contractId, state, seq, now());
    if ('error' in deploying) throw toFailure(deploying.error);
    let outcome: { closed: ClosedVersion[] };
    try {
      outcome = await deployer.deployApproved({ start: deploying.start, deploy: deploying.deploy });
    } catch (err) {
      const failure = failureOf(err);
      if (isContractChanged(failure)) return undefined;
      return failure instanceof Error ? failure.message : String(failure);
    }
    seq = deploying.deploy.seq;
    state = deploying.state;
    await tellClosed(outcome.closed);
    return undefined;
  }

  /** DEPLOYING → ACTIVE (a deploy retried by `deploy`, or asked for while the contract was still Approved). */
  async function deployStarted(event: LifecycleEvent): Promise<void> {
    const { closed } = await deployer.deployContract(event);
    await tellClosed(closed);
  }

  /** An audit line without a change of status (reminders, escalations), with its notice. */
  async function note(action: string, detail: Record<string, unknown>, notice: LifecycleNotice): Promise<void> {
    const event: LifecycleEvent = {
      contractId, seq: seq + 1, at: now(), actor: SYSTEM_ACTOR.username, action,
      fromStatus: state.status, toStatus: state.status, detail, notice,
    };
    await store.recordTransition(event);
    seq = event.seq;
  }

  setHandler(stateQuery, snapshot);
  setHandler(createdUpdate, async () => {
    await condition(() => created || creationFailure !== undefined);
    if (creationFailure !== undefined) throw creationFailure;
    return snapshot();
  }, { validator: (seal: unknown) => checkUpdateSeal(null, seal) });
  setHandler(reconcileSignal, () => { reconcileRequested = true; });
  setHandler(quantitiesDrawnDownSignal, () => { drawnDown = true; });

  const notCreated = () => ApplicationFailure.create({ type: 'conflict', message: 'The contract is still being created', nonRetryable: true });

  for (const [action, update] of Object.entries(ACTION_UPDATES) as [ContractActionName, (typeof ACTION_UPDATES)[ContractActionName]][]) {
    setHandler(update, (actionInput: ActionInput) => lock.run(async () => {
      const detail = detailOf(actionInput);
      if (action === 'submit') return submit(actionInput, detail);
      // An approval whose start lies ahead is recorded alone; the contract deploys at its start.
      if (action === 'approve' && nowMs() >= startsAtMs()) return approveAndDeploy(actionInput, detail);
      if (draft.isBase && (action === 'suspend' || action === 'cancel') && transition(state, commandFor(action, actionInput)).ok) {
        await store.assertBaseNotInUse({ contractId, action }).catch((err) => { throw unwrap(err); });
      }
      const actor = actionInput.actor.username;
      const notice: LifecycleNotice | undefined = action === 'approve' ? { kind: 'approved', actor }
        : action === 'reject' ? { kind: 'rejected', actor, reason: actionInput.reason } : undefined;
      return apply(commandFor(action, actionInput), detail, undefined, notice);
    }), {
      // Refuse early, before anything is written to history: a command the API did not sign, or
      // one the domain refuses (with its reason).
      validator: (actionInput: ActionInput) => {
        const { payload, seal } = payloadOf(actionInput);
        checkUpdateSeal(payload, seal);
        if (!created) throw notCreated();
        const result = transition(state, commandFor(action, actionInput));
        if (!result.ok) throw toFailure(result.error);
      },
    });
  }

  setHandler(editUpdate, (editInput: EditInput) => lock.run(async () => {
    checkIdentityKept(draft, editInput.draft);
    const result = await apply({ type: 'edit', actor: editInput.actor }, undefined,
      (event) => store.replaceContractContent({ event, draft: editInput.draft }));
    draft = editInput.draft;
    return result;
  }), {
    validator: (editInput: EditInput) => {
      const { payload, seal } = payloadOf(editInput);
      checkUpdateSeal(payload, seal);
      if (!created) throw notCreated();
      const result = transition(state, { type: 'edit', actor: editInput.actor });
      if (!result.ok) throw toFailure(result.error);
      checkIdentityKept(draft, editInput.draft);
    },
  });

  if (!created) {
    try {
      // Created at the run's start: the same on every attempt of this run (a retried workflow task
      // included), so the activity tells a record an earlier attempt wrote from an older contract's.
      await store.createContractRecord({
        id: contractId, workflowId: workflowInfo().workflowId, draft, origin: input.origin, createdBy: input.createdBy, at: workflowInfo().runStartTime.toISOString(),
        owner: state.owner, version: input.version, previousVersionId: input.previousVersionId,
      });
    } catch (err) {
      // A record that cannot be written (the activity said retrying cannot help): the `created`
      // update answers the reason, then the run fails. Nothing was written, and the API may start
      // the contract again (its id reuse policy allows a new run after a failed one).
      creationFailure = unwrap(err);
      await condition(allHandlersFinished);
      throw creationFailure;
    }
    created = true;
  }

  const isFinished = () => state.deleted || FINAL_STATUSES.includes(state.status);
  // An Approved contract whose start lies ahead waits for it; then it deploys.
  const needsDeploy = () => (state.status === 'APPROVED' && nowMs() >= startsAtMs()) || state.status === 'DEPLOYING';
  const autoArchive = () => draft.terms.some((t) => t.type === 'QuantityCommitmentTC' && (t as { autoArchive?: boolean }).autoArchive === true);
  const timerInputs = () => ({ status: state.status, startsAt: draft.startsAt, endsAt: draft.endsAt, timers, timing });

  /** Takes whatever timers are due now. Call under the lock. */
  async function fireDueTimers(): Promise<void> {
    for (const due of dueTimers(timerInputs(), nowMs())) {
      switch (due.type) {
        case 'expire':
          await apply({ type: 'expire' }, { endsAt: draft.endsAt }, undefined, { kind: 'expired' });
          break;
        case 'expiringSoon':
          await note('expiringSoon', { endsAt: draft.endsAt, days: timing.expiringSoonDays }, { kind: 'expiringSoon' });
          timers.expiringNoticeSent = true;
          break;
        case 'escalate':
          await note('escalate', { waitingSince: timers.pendingSince }, { kind: 'approvalEscalated' });
          timers.escalated = true;
          break;
        case 'remind':
          timers.reminders = due.reminder;
          await note('remind', { reminder: due.reminder, waitingSince: timers.pendingSince }, { kind: 'approvalReminder' });
          break;
      }
    }
  }

  /** Deploys an Approved contract whose start came, or finishes one a `deploy` put into DEPLOYING. Call under the lock. */
  async function deployDue(): Promise<void> {
    const failed = async (reason: string) => {
      log.warn('deploy failed', { contractId, reason });
      // The failed attempt keeps its sequence number: had it committed after all (a timeout
      // after the commit), the failure recorded with a newer number still wins in Postgres.
      seq += 1;
      await apply({ type: 'deployFailed', reason }, { reason }, undefined, { kind: 'deploymentFailed', reason });
    };
    if (state.status === 'APPROVED') {
      const reason = await deployApproved();
      if (reason === undefined) return;
      // Nothing was written: the audit trail still shows the attempt, then its failure.
      await apply({ type: 'startDeploy', actor: SYSTEM_ACTOR });
      await failed(reason);
      return;
    }
    // An update may have moved the contract on while the loop waited for the lock.
    if (state.status !== 'DEPLOYING') return;
    try {
      await apply({ type: 'deploySucceeded' }, undefined, deployStarted);
    } catch (err) {
      await failed(err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));
    }
  }

  /**
   * Runs a step the workflow takes on its own (a timer, a deploy, completing a drawn-down
   * contract). One that fails for good must not end the run: it is logged and taken again an hour
   * later, or sooner when the contract moves on. When Postgres holds a newer step, the loop
   * reloads it first.
   */
  async function background(step: () => Promise<void>): Promise<void> {
    try {
      await lock.run(step);
    } catch (err) {
      if (reconcileRequested) return;
      log.error('a step the workflow takes on its own failed; it is taken again later', { contractId, error: String(err) });
      const observed = seq;
      await condition(() => seq !== observed || reconcileRequested || isFinished(), BACKGROUND_RETRY);
    }
  }

  while (!isFinished()) {
    const deadline = nextDeadline(timerInputs());
    const woken = () => isFinished() || needsDeploy() || reconcileRequested || closedToTell.length > 0 || (drawnDown && state.status === 'ACTIVE')
      || workflowInfo().continueAsNewSuggested;
    const observed = { status: state.status, seq };
    const changed = () => state.status !== observed.status || seq !== observed.seq;
    if (deadline === undefined) await condition(() => woken() || changed());
    else if (deadline > nowMs()) await condition(() => woken() || changed(), deadline - nowMs());

    if (closedToTell.length) {
      await tellClosed(closedToTell.splice(0));
    } else if (reconcileRequested) {
      reconcileRequested = false;
      await lock.run(async () => {
        const stored = await store.loadLifecycle(contractId);
        if (stored && (stored.seq > seq || (stored.seq === seq && stored.status !== state.status))) {
          seq = stored.seq;
          state = { ...state, status: stored.status };
        }
      });
    } else if (needsDeploy()) {
      await background(deployDue);
    } else if (drawnDown && state.status === 'ACTIVE') {
      drawnDown = false;
      // Anyone who reaches Temporal can send the signal: Postgres says whether it is true.
      await background(async () => {
        if (state.status !== 'ACTIVE' || !(await store.quantitiesDrawnDown(contractId))) return;
        await apply({ type: 'complete' });
        if (autoArchive()) await apply({ type: 'archive' });
      });
    } else if (!isFinished() && workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof contractLifecycle>({ ...input, draft, carried: { state, seq, timers } });
    } else if (!isFinished()) {
      await background(fireDueTimers);
    }
  }

  await condition(allHandlersFinished);
  return snapshot();
}
