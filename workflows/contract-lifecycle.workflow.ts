import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, log,
  patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import {
  DomainError, FINAL_STATUSES, SYSTEM_ACTOR, transition,
  type ContractDraft, type ContractStatus, type LifecycleCommand, type LifecycleEvent, type LifecycleNotice, type LifecycleState,
} from '../libs/domain/src';
import type { ClosedVersion, ContractActivities } from './contract-activities';
import {
  ACTION_UPDATES, DEFAULT_LIFECYCLE_TIMING, createdUpdate, editUpdate, quantitiesDrawnDownSignal, reconcileSignal, stateQuery,
  type ActionInput, type ContractActionName, type ContractLifecycleInput, type ContractSnapshot, type EditInput, type TimerState,
} from './contract-lifecycle.messages';
import { WorkflowLock } from './workflow-lock';

// Persistence steps retry until Postgres answers again; business errors are non-retryable.
const remoteStore = proxyActivities<ContractActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// v3: the same steps as local activities. They run in the worker that runs the workflow task,
// recorded as markers: no activity task round trip through the server, which took most of the time
// an approve waited for its answer. Long retries still back off (the timer beyond the threshold).
const localStore = proxyLocalActivities<ContractActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// A deploy that keeps failing ends in DEPLOYMENT_FAILED, from where `deploy` retries it.
// A worker that dies mid-deploy is noticed when this timeout expires; the attempt is then retried.
const remoteDeployer = proxyActivities<ContractActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});
const localDeployer = proxyLocalActivities<ContractActivities>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});
// Notices never hold up the lifecycle: they are queued in the outbox and a failure is only logged.
const notifier = proxyActivities<ContractActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * Version 2 of the workflow: durable timers (start, expiring-soon, expiry, approval reminders and
 * escalation), notices, submission checks, the base-contract guard and closing older versions.
 * Histories recorded before it replay on the old path (see test/replay).
 */
const V2 = 'lifecycle-v2-timers';
// v3: persistence and deploy steps as local activities (new workflows only; older histories replay as they ran).
const V3 = 'lifecycle-v3-local-activities';
// v4: a notice is queued with the step that causes it, in the step's transaction, and the worker's
// notice dispatcher mails it. Before v4 each notice was an activity of its own, which cost the
// server an activity task and a further workflow task per notice.
const V4 = 'lifecycle-v4-notice-queue';
// v5: one patch marker for everything above. Each patched() call records a marker and upserts the
// TemporalChangeVersion search attribute (a visibility write on the server), so a new workflow
// asking for v2, v3 and v4 one by one cost three of each. Histories of v2–v4 have no v5 marker and
// take the path they recorded.
const V5 = 'lifecycle-v5-one-marker';
// v6: fewer steps per lifecycle, each a local activity the workflow thread is woken for. Submit
// checks the rules and reads the seller's approval setting in one step (was two), and an Approved
// contract's deploy records DEPLOYING and ACTIVE in one transaction (was a step for each). Implies
// v2–v5 and is the only marker a new workflow records.
const V6 = 'lifecycle-v6-fewer-steps';
// v7: two steps fewer again. Submit checks the rules, reads the seller's approval setting and
// records the step in one local activity (was two), and an approval whose contract starts now is
// recorded with its deploy in one transaction (was a step for each); a deploy that fails there
// leaves the approval recorded and is retried as before. Implies v2–v6.
const V7 = 'lifecycle-v7-merged-steps';

function toFailure(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.kind,
    message: error.message,
    nonRetryable: true,
    details: [{ code: error.code, details: error.details }],
  });
}

/** Postgres holds a newer step of the contract than the workflow (a newer version's deploy closed it). */
function isContractChanged(failure: unknown): boolean {
  return failure instanceof ApplicationFailure && (failure.details?.[0] as { code?: string } | undefined)?.code === 'CONTRACT_CHANGED';
}

/** An activity's business error reaches the update's caller as the activity raised it. */
function unwrap(err: unknown): unknown {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
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

/** What the audit line keeps of an action's input besides its actor (undefined when nothing). */
function detailOf(input: ActionInput): Record<string, unknown> | undefined {
  const detail: Record<string, unknown> = {};
  if (input.comment) detail.comment = input.comment;
  if (input.reason) detail.reason = input.reason;
  if (input.onBehalfOf?.length) detail.onBehalfOf = input.onBehalfOf;
  if (input.via) detail.via = input.via;
  return Object.keys(detail).length ? detail : undefined;
}

/** Edits never change the contract's identity: its unique key is code, origin, seller and version. */
function checkIdentityKept(before: ContractDraft, after: ContractDraft): void {
  const details = [
    ...(before.code !== after.code ? [{ field: 'code', message: 'is part of the contract\'s unique key and cannot change' }] : []),
    ...(before.seller !== after.seller ? [{ field: 'seller', message: 'is part of the contract\'s unique key and cannot change' }] : []),
  ];
  if (details.length) throw toFailure(DomainError.validation(details, 'The edit would change the contract\'s identity'));
}

/** One contract version's whole life: draft → approval → deploy → active → … (CONTRACT-MODEL.md). */
export async function contractLifecycle(input: ContractLifecycleInput): Promise<ContractSnapshot> {
  const { contractId } = input;
  const v7 = patched(V7);
  const v6 = v7 || patched(V6);
  const v5 = v6 || patched(V5);
  const v2 = v5 || patched(V2);
  const v3 = v5 || (v2 && patched(V3));
  const v4 = v5 || (v3 && patched(V4));
  const store = v3 ? localStore : remoteStore;
  const deployer = v3 ? localDeployer : remoteDeployer;
  const timing = input.timing ?? DEFAULT_LIFECYCLE_TIMING;
  const lock = new WorkflowLock();
  let draft = input.draft;
  let created = input.carried !== undefined;
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
  const notices: Promise<void>[] = [];
  /** v7: older versions an approval's deploy closed, whose workflows the loop tells. */
  const closedToTell: ClosedVersion[] = [];

  const snapshot = (): ContractSnapshot => ({
    contractId, status: state.status, seq, owner: state.owner, submittedBy: state.submittedBy, deleted: state.deleted,
  });
  const nowMs = () => new Date().getTime();
  const now = () => new Date().toISOString();

  /** Before v4: the notice of the step just taken, as an activity of its own. */
  function notify({ kind, ...extra }: LifecycleNotice): void {
    if (!v2 || v4) return;
    const notice = notifier.notify({ key: `${contractId}/${seq}/${kind}`, kind, contractId, seq, ...extra })
      .catch((err) => log.warn('notice not queued', { contractId, kind, error: String(unwrap(err)) }));
    notices.push(notice);
  }

  /** The audit event of a step the transition function allowed, numbered after the last one. */
  function eventFor(
    command: LifecycleCommand, result: { from: ContractStatus; to: ContractStatus; state: LifecycleState },
    detail: Record<string, unknown> | undefined, told: LifecycleNotice | undefined, step = 1,
  ): LifecycleEvent {
    return {
      contractId, seq: seq + step, at: now(),
      actor: 'actor' in command ? command.actor.username : SYSTEM_ACTOR.username,
      action: command.type, fromStatus: result.from, toStatus: result.to, detail,
      submittedBy: command.type === 'submit' ? result.state.submittedBy ?? null : undefined,
      deleted: command.type === 'delete' ? true : undefined,
      ...(v4 && told ? { notice: told } : {}),
    };
  }

  /** The activity's failure as the update's caller sees it; Postgres holding a newer step asks for a reload. */
  function failureOf(err: unknown): unknown {
    const failure = unwrap(err);
    // Postgres holds a newer step of this contract (closed by a newer version): catch up with it.
    if (isContractChanged(failure)) reconcileRequested = true;
    return failure;
  }

  /** The workflow takes a persisted step as its state. */
  function committed(result: { from: ContractStatus; to: ContractStatus; state: LifecycleState }, event: LifecycleEvent, told: LifecycleNotice | undefined): ContractSnapshot {
    seq = event.seq;
    state = result.state;
    if (result.from !== 'PENDING_APPROVAL' && result.to === 'PENDING_APPROVAL') {
      Object.assign(timers, { pendingSince: event.at, reminders: 0, escalated: false });
    }
    if (told) notify(told);
    return snapshot();
  }

  /**
   * Decides, persists, then commits one step. Call under the lock. `notice` says who is told about
   * the step (given the status it leads to).
   */
  async function apply(
    command: LifecycleCommand, detail?: Record<string, unknown>,
    persist?: (event: LifecycleEvent) => Promise<unknown>,
    notice?: (to: ContractStatus) => LifecycleNotice | undefined,
  ): Promise<ContractSnapshot> {
    const result = transition(state, command);
    if (!result.ok) throw toFailure(result.error);
    const told = notice?.(result.to);
    const event = eventFor(command, result, detail, told);
    try {
      if (persist) await persist(event);
      else if (command.type === 'deploySucceeded') await deploy(event);
      else await store.recordTransition(event);
    } catch (err) {
      throw failureOf(err);
    }
    return committed(result, event, told);
  }

  /**
   * v7: the rules checked, the seller's approval setting read and the submit recorded in one
   * step. Both possible steps are decided here; the activity records the one the seller's setting
   * leads to and says which.
   */
  async function submitInOneStep(actionInput: ActionInput, detail: Record<string, unknown> | undefined): Promise<ContractSnapshot> {
    const command = commandFor('submit', actionInput);
    const [ifRequired, ifNotRequired] = [true, false].map((sellerRequiresApproval) => {
      const result = transition({ ...state, sellerRequiresApproval }, command);
      if (!result.ok) throw toFailure(result.error);
      const told: LifecycleNotice | undefined = result.to === 'PENDING_APPROVAL' ? { kind: 'approvalRequested', actor: actionInput.actor.username } : undefined;
      return { result, told, event: eventFor(command, result, detail, told) };
    });
    let answer: { sellerRequiresApproval: boolean };
    try {
      answer = await store.submitContract({ contractId, draft, ifApprovalRequired: ifRequired.event, ifNoApprovalRequired: ifNotRequired.event });
    } catch (err) {
      throw failureOf(err);
    }
    const taken = answer.sellerRequiresApproval ? ifRequired : ifNotRequired;
    return committed(taken.result, taken.event, taken.told);
  }

  /**
   * v7: an approval that lets the contract start now is recorded with its deploy (APPROVED,
   * DEPLOYING, ACTIVE) in one transaction. Answers undefined when it does not apply (a decision
   * that does not approve, a start that lies ahead): the caller takes the usual path. A deploy
   * that fails there leaves the approval recorded, and the loop deploys as after any approval.
   */
  async function approveInOneStep(actionInput: ActionInput, detail: Record<string, unknown> | undefined): Promise<ContractSnapshot | undefined> {
    const command = commandFor('approve', actionInput);
    const approving = transition(state, command);
    if (!approving.ok) throw toFailure(approving.error);
    if (approving.to !== 'APPROVED' || nowMs() < Date.parse(draft.startsAt)) return undefined;
    const starting = transition(approving.state, { type: 'startDeploy', actor: SYSTEM_ACTOR });
    if (!starting.ok) return undefined;
    const finishing = transition(starting.state, { type: 'deploySucceeded' });
    if (!finishing.ok) return undefined;
    const told: LifecycleNotice = { kind: 'approved', actor: actionInput.actor.username };
    const approve = eventFor(command, approving, detail, told);
    const start = eventFor({ type: 'startDeploy', actor: SYSTEM_ACTOR }, starting, undefined, undefined, 2);
    const done = eventFor({ type: 'deploySucceeded' }, finishing, undefined, undefined, 3);
    let outcome: { deployed: boolean; closed: ClosedVersion[]; reason?: string };
    try {
      outcome = await store.approveAndDeploy({ approve, start, deploy: done });
    } catch (err) {
      throw failureOf(err);
    }
    if (!outcome.deployed) {
      log.warn('deploy with the approval failed; deploying on its own', { contractId, reason: outcome.reason });
      return committed(approving, approve, told);
    }
    committed(approving, approve, told);
    committed(finishing, done, undefined);
    closedToTell.push(...outcome.closed);
    return snapshot();
  }

  async function deploy(event: LifecycleEvent): Promise<void> {
    const outcome = await deployer.deployContract(event);
    if (v2 && outcome) await tellClosed(outcome.closed);
  }

  /** The older versions a deploy closed read their new state (CLOSED) from Postgres. */
  async function tellClosed(closedVersions: { contractId: string; workflowId: string }[]): Promise<void> {
    for (const closed of closedVersions) {
      // The older version's workflow reads its new state (CLOSED) from Postgres.
      await getExternalWorkflowHandle(closed.workflowId).signal(reconcileSignal)
        .catch((err) => log.warn('could not tell a closed version', { contractId: closed.contractId, error: String(err) }));
    }
  }

  /**
   * v6: APPROVED → DEPLOYING → ACTIVE in one transaction. Answers the reason when the deploy failed
   * (then nothing was written); undefined when it is done, or when Postgres holds a newer step,
   * which the loop then reloads.
   */
  async function deployInOneStep(): Promise<string | undefined> {
    const starting = transition(state, { type: 'startDeploy', actor: SYSTEM_ACTOR });
    if (!starting.ok) throw toFailure(starting.error);
    const finishing = transition(starting.state, { type: 'deploySucceeded' });
    if (!finishing.ok) throw toFailure(finishing.error);
    const start = eventFor({ type: 'startDeploy', actor: SYSTEM_ACTOR }, starting, undefined, undefined);
    const done = eventFor({ type: 'deploySucceeded' }, finishing, undefined, undefined, 2);
    let outcome: { closed: ClosedVersion[] };
    try {
      outcome = await deployer.deployApproved({ start, deploy: done });
    } catch (err) {
      const failure = failureOf(err);
      if (isContractChanged(failure)) return undefined;
      return failure instanceof Error ? failure.message : String(failure);
    }
    seq = done.seq;
    state = finishing.state;
    await tellClosed(outcome.closed);
    return undefined;
  }

  /** An audit line without a change of status (reminders, escalations), and its notice. */
  async function note(action: string, detail: Record<string, unknown>, notice: LifecycleNotice): Promise<void> {
    const event: LifecycleEvent = {
      contractId, seq: seq + 1, at: now(), actor: SYSTEM_ACTOR.username, action,
      fromStatus: state.status, toStatus: state.status, detail, ...(v4 ? { notice } : {}),
    };
    await store.recordTransition(event);
    seq = event.seq;
    notify(notice);
  }

  setHandler(stateQuery, snapshot);
  setHandler(createdUpdate, async () => {
    await condition(() => created);
    return snapshot();
  });
  setHandler(reconcileSignal, () => { reconcileRequested = true; });
  setHandler(quantitiesDrawnDownSignal, () => { drawnDown = true; });

  const notCreated = () => ApplicationFailure.create({ type: 'conflict', message: 'The contract is still being created', nonRetryable: true });

  for (const [action, update] of Object.entries(ACTION_UPDATES) as [ContractActionName, (typeof ACTION_UPDATES)[ContractActionName]][]) {
    setHandler(update, (actionInput: ActionInput) => lock.run(async () => {
      const detail = detailOf(actionInput);
      if (action === 'submit' && v7) return submitInOneStep(actionInput, detail);
      if (action === 'approve' && v7) {
        const approved = await approveInOneStep(actionInput, detail);
        if (approved) return approved;
      }
      if (action === 'submit' && v6) {
        // Refuse before anything is written when a rule needs the account or the base contract.
        const checked = await store.prepareSubmission({ contractId, draft }).catch((err) => { throw unwrap(err); });
        state = { ...state, sellerRequiresApproval: checked.sellerRequiresApproval };
      } else if (action === 'submit') {
        state = { ...state, sellerRequiresApproval: await store.sellerRequiresApproval(draft.seller) };
        if (v2) await store.checkSubmission({ contractId, draft }).catch((err) => { throw unwrap(err); });
      }
      if (v2 && draft.isBase && (action === 'suspend' || action === 'cancel') && transition(state, commandFor(action, actionInput)).ok) {
        await store.assertBaseNotInUse({ contractId, action }).catch((err) => { throw unwrap(err); });
      }
      const actor = actionInput.actor.username;
      return apply(commandFor(action, actionInput), detail, undefined, (to) => {
        if (action === 'submit' && to === 'PENDING_APPROVAL') return { kind: 'approvalRequested', actor };
        if (action === 'approve') return { kind: 'approved', actor };
        if (action === 'reject') return { kind: 'rejected', actor, reason: actionInput.reason };
        return undefined;
      });
    }), {
      // Refuse early, before anything is written to history, with the domain's reason.
      validator: (actionInput: ActionInput) => {
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
      if (!created) throw notCreated();
      const result = transition(state, { type: 'edit', actor: editInput.actor });
      if (!result.ok) throw toFailure(result.error);
      checkIdentityKept(draft, editInput.draft);
    },
  });

  if (!created) {
    await store.createContractRecord({
      id: contractId, workflowId: workflowInfo().workflowId, draft, origin: input.origin,
      createdBy: input.createdBy, at: now(),
      ...(v2 ? { owner: state.owner, version: input.version, previousVersionId: input.previousVersionId } : {}),
    });
    created = true;
  }

  const isFinished = () => state.deleted || FINAL_STATUSES.includes(state.status);
  const startsAtMs = () => Date.parse(draft.startsAt);
  const endsAtMs = () => Date.parse(draft.endsAt);
  // An Approved contract whose start lies ahead waits for it (v2); then it deploys.
  const needsDeploy = () => (state.status === 'APPROVED' && (!v2 || nowMs() >= startsAtMs())) || state.status === 'DEPLOYING';
  const isLive = () => state.status === 'ACTIVE' || state.status === 'SUSPENDED';
  const autoArchive = () => draft.terms.some((t) => t.type === 'QuantityCommitmentTC' && (t as { autoArchive?: boolean }).autoArchive === true);

  /** The next moment a timer fires in the current state (v2 only). */
  function nextDeadline(): number | undefined {
    if (!v2) return undefined;
    const candidates: number[] = [];
    if (state.status === 'APPROVED') candidates.push(startsAtMs());
    if (isLive()) {
      candidates.push(endsAtMs());
      if (!timers.expiringNoticeSent && timing.expiringSoonDays > 0) candidates.push(endsAtMs() - timing.expiringSoonDays * 86_400_000);
    }
    if (state.status === 'PENDING_APPROVAL' && timers.pendingSince) {
      const since = Date.parse(timers.pendingSince);
      if (timing.approvalReminderAfterMs > 0) candidates.push(since + (timers.reminders + 1) * timing.approvalReminderAfterMs);
      if (!timers.escalated && timing.approvalEscalationAfterMs > 0) candidates.push(since + timing.approvalEscalationAfterMs);
    }
    return candidates.length ? Math.min(...candidates) : undefined;
  }

  /** Fires whatever timers are due now. Call under the lock. */
  async function fireDueTimers(): Promise<void> {
    const t = nowMs();
    if (isLive() && t >= endsAtMs()) {
      await apply({ type: 'expire' }, { endsAt: draft.endsAt }, undefined, () => ({ kind: 'expired' }));
      return;
    }
    if (isLive() && !timers.expiringNoticeSent && timing.expiringSoonDays > 0 && t >= endsAtMs() - timing.expiringSoonDays * 86_400_000) {
      await note('expiringSoon', { endsAt: draft.endsAt, days: timing.expiringSoonDays }, { kind: 'expiringSoon' });
      timers.expiringNoticeSent = true;
    }
    if (state.status === 'PENDING_APPROVAL' && timers.pendingSince) {
      const since = Date.parse(timers.pendingSince);
      if (!timers.escalated && timing.approvalEscalationAfterMs > 0 && t >= since + timing.approvalEscalationAfterMs) {
        await note('escalate', { waitingSince: timers.pendingSince }, { kind: 'approvalEscalated' });
        timers.escalated = true;
      }
      if (timing.approvalReminderAfterMs > 0 && t >= since + (timers.reminders + 1) * timing.approvalReminderAfterMs) {
        timers.reminders = Math.floor((t - since) / timing.approvalReminderAfterMs);
        await note('remind', { reminder: timers.reminders, waitingSince: timers.pendingSince }, { kind: 'approvalReminder' });
      }
    }
  }

  while (!isFinished()) {
    const deadline = nextDeadline();
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
      await lock.run(async () => {
        const failed = async (reason: string) => {
          log.warn('deploy failed', { contractId, reason });
          // The failed attempt keeps its sequence number: had it committed after all (a timeout
          // after the commit), the failure recorded with a newer number still wins in Postgres.
          seq += 1;
          await apply({ type: 'deployFailed', reason }, { reason }, undefined, () => ({ kind: 'deploymentFailed', reason }));
        };
        if (v6 && state.status === 'APPROVED') {
          const reason = await deployInOneStep();
          if (reason === undefined) return;
          // Nothing was written: the audit trail still shows the attempt, then its failure.
          await apply({ type: 'startDeploy', actor: SYSTEM_ACTOR });
          await failed(reason);
          return;
        }
        if (state.status === 'APPROVED') await apply({ type: 'startDeploy', actor: SYSTEM_ACTOR });
        if (state.status !== 'DEPLOYING') return;
        try {
          await apply({ type: 'deploySucceeded' });
        } catch (err) {
          await failed(err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));
        }
      });
    } else if (v2 && drawnDown && state.status === 'ACTIVE') {
      await lock.run(async () => {
        await apply({ type: 'complete' });
        if (autoArchive()) await apply({ type: 'archive' });
      });
    } else if (!isFinished() && workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await Promise.all(notices);
      await continueAsNew<typeof contractLifecycle>({ ...input, draft, carried: { state, seq, timers } });
    } else if (v2 && !isFinished()) {
      await lock.run(fireDueTimers);
    }
  }

  await condition(allHandlersFinished);
  await Promise.all(notices);
  return snapshot();
}
