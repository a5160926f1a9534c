import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Actor, ContractDraft, ContractStatus, LifecycleEvent, NewContract } from '../../libs/domain/src';
import { toolPaths } from '../../libs/local-stack/src/tool-paths';
import type { ClosedVersion, ContractActivities, ContractNotification } from '../../workflows/contract-activities';
import {
  ACTION_UPDATES, CONTRACT_WORKFLOW_TYPE, contractWorkflowId, createdUpdate, editUpdate, stateQuery,
  type ContractLifecycleInput, type ContractSnapshot, type LifecycleTiming,
} from '../../workflows/contract-lifecycle.messages';
import { draftBody } from '../support/contract-fixtures';
import { TEST_TASK_QUEUE_PREFIX, testStack } from '../support/test-stack';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';

/**
 * The contract workflow on the Temporal time-skipping test server (the pinned Java test server
 * binary), with fake in-memory activities: what the workflow decides, and what and in which order
 * it asks the activities to persist, without Postgres.
 */

const rep1: Actor = { username: 'rep1', roles: ['account_rep'] };
const rep2: Actor = { username: 'rep2', roles: ['account_rep'] };
const manager1: Actor = { username: 'manager1', roles: ['sales_manager'] };
/** A sales manager who also owns contracts: must not approve their own. */
const repManager: Actor = { username: 'repmanager1', roles: ['account_rep', 'sales_manager'] };

/** The fake `sellerRequiresApproval` answers false for this seller only. */
const SELLER_WITHOUT_APPROVAL = 'o=No Approval Seller,o=Root Organization';

type FailingActivity = 'recordTransition' | 'deployContract';
type ContractNotificationKindList = ContractNotification['kind'][];

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Timers of the tests: remind after 2 h, escalate after 5 h, expiring-soon notice 10 days ahead. */
const TIMING: LifecycleTiming = { expiringSoonDays: 10, approvalReminderAfterMs: 2 * HOUR, approvalEscalationAfterMs: 5 * HOUR };

/** In-memory activities: record what the workflow persisted, fail on demand. */
class FakeActivities {
  readonly created: NewContract[] = [];
  /** Successful recordTransition calls (what a store would hold). */
  readonly transitions: LifecycleEvent[] = [];
  /** Successful deployContract calls. */
  readonly deploys: LifecycleEvent[] = [];
  /** Every attempt, failed or not. */
  readonly attempts: { activity: FailingActivity; event: LifecycleEvent }[] = [];
  readonly notices: ContractNotification[] = [];
  /** Notices sent through the notify activity (workflows before v4 only). */
  readonly noticeActivities: ContractNotification[] = [];
  readonly edits: { event: LifecycleEvent; draft: ContractDraft }[] = [];
  /** What deployContract reports as closed, per deploying contract. */
  readonly closes = new Map<string, ClosedVersion[]>();
  /** What loadLifecycle answers, per contract (a newer version's deploy closed it). */
  readonly stored = new Map<string, { status: ContractStatus; seq: number }>();
  /** Base contracts that active contracts refer to. */
  readonly baseInUse = new Set<string>();
  private readonly failures = new Map<string, Error[]>();

  /** The next call(s) of `activity` for this contract throw these errors, in order. */
  failNext(contractId: string, activity: FailingActivity, ...errors: Error[]): void {
    this.failures.set(`${contractId}/${activity}`, errors);
  }

  transitionsOf(contractId: string): LifecycleEvent[] {
    return this.transitions.filter((e) => e.contractId === contractId);
  }

  deploysOf(contractId: string): LifecycleEvent[] {
    return this.deploys.filter((e) => e.contractId === contractId);
  }

  noticesOf(contractId: string): ContractNotificationKindList {
    return this.notices.filter((n) => n.contractId === contractId).map((n) => n.kind);
  }

  attemptsOf(contractId: string, activity: FailingActivity): LifecycleEvent[] {
    return this.attempts.filter((a) => a.activity === activity && a.event.contractId === contractId).map((a) => a.event);
  }

  private attempt(activity: FailingActivity, event: LifecycleEvent): void {
    this.attempts.push({ activity, event });
    const error = this.failures.get(`${event.contractId}/${activity}`)?.shift();
    if (error) throw error;
  }

  readonly activities: ContractActivities = {
    createContractRecord: async (input) => {
      this.created.push(input);
      return { created: true };
    },
    recordTransition: async (event) => {
      this.attempt('recordTransition', event);
      this.transitions.push(event);
      // v4: the notice travels with its step (the store queues it in the same transaction).
      if (event.notice) this.notices.push({ key: `${event.contractId}/${event.seq}/${event.notice.kind}`, contractId: event.contractId, seq: event.seq, ...event.notice });
    },
    deployContract: async (event) => {
      this.attempt('deployContract', event);
      this.deploys.push(event);
      return { closed: this.closes.get(event.contractId) ?? [] };
    },
    // v6: DEPLOYING and ACTIVE in one transaction (fails, and is attempted, as deployContract).
    deployApproved: async ({ start, deploy }) => {
      this.attempt('deployContract', deploy);
      this.transitions.push(start);
      this.deploys.push(deploy);
      return { closed: this.closes.get(deploy.contractId) ?? [] };
    },
    // v7: the approval and the deploy in one transaction; a failed deploy leaves the approval alone.
    approveAndDeploy: async ({ approve, start, deploy }) => {
      await this.activities.recordTransition(approve);
      try {
        this.attempt('deployContract', deploy);
      } catch (err) {
        return { deployed: false, closed: [], reason: (err as Error).message };
      }
      this.transitions.push(start);
      this.deploys.push(deploy);
      return { deployed: true, closed: this.closes.get(deploy.contractId) ?? [] };
    },
    // v7: the checks, the seller's setting and the step in one activity.
    submitContract: async ({ contractId, draft, ifApprovalRequired, ifNoApprovalRequired }) => {
      const { sellerRequiresApproval } = await this.activities.prepareSubmission({ contractId, draft });
      await this.activities.recordTransition(sellerRequiresApproval ? ifApprovalRequired : ifNoApprovalRequired);
      return { sellerRequiresApproval };
    },
    sellerRequiresApproval: async (sellerDn) => sellerDn !== SELLER_WITHOUT_APPROVAL,
    prepareSubmission: async (input) => {
      await this.activities.checkSubmission(input);
      return { sellerRequiresApproval: await this.activities.sellerRequiresApproval(input.draft.seller) };
    },
    replaceContractContent: async (input) => {
      this.edits.push(input);
      this.transitions.push(input.event);
    },
    checkSubmission: async ({ draft }) => {
      if (draft.description === 'incomplete') {
        throw ApplicationFailure.create({ type: 'validation', message: 'The contract cannot be submitted', nonRetryable: true, details: [{ code: 'VALIDATION_FAILED', details: [{ field: 'terms', message: 'needs a price term' }] }] });
      }
    },
    assertBaseNotInUse: async ({ contractId, action }) => {
      if (this.baseInUse.has(contractId)) {
        throw ApplicationFailure.create({ type: 'conflict', message: `Cannot ${action} a base contract in use`, nonRetryable: true, details: [{ code: 'BASE_CONTRACT_IN_USE' }] });
      }
    },
    loadLifecycle: async (contractId) => this.stored.get(contractId) ?? null,
    notify: async (n) => {
      this.noticeActivities.push(n);
      this.notices.push(n);
    },
  };
}

describe('contractLifecycle workflow (time-skipping test server, fake activities)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const fake = new FakeActivities();
  const taskQueue = `${TEST_TASK_QUEUE_PREFIX}-time-skipping-${randomUUID()}`;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: toolPaths().temporalTestServer } },
    });
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: testStack().workflowBundlePath },
      activities: fake.activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    if (worker) {
      worker.shutdown();
      await running;
    }
    await env?.teardown();
  });

  async function startContract(owner: Actor, draft: ContractDraft = draftBody(), extra: Partial<ContractLifecycleInput> = {}) {
    const contractId = extra.contractId ?? randomUUID();
    const input: ContractLifecycleInput = { contractId, draft, createdBy: owner.username, origin: 'Manual', timing: TIMING, ...extra };
    const handle = await env.client.workflow.start(CONTRACT_WORKFLOW_TYPE, {
      args: [input], workflowId: contractWorkflowId(contractId), taskQueue,
    });
    const created = await handle.executeUpdate(createdUpdate);
    return { contractId, input, handle, created };
  }

  /** The workflow deploys by itself after an update returned: poll its state. */
  async function waitForStatus(handle: WorkflowHandle, status: ContractStatus, timeoutMs = 20_000): Promise<ContractSnapshot> {
    const deadline = Date.now() + timeoutMs;
    let last: ContractSnapshot | undefined;
    while (Date.now() < deadline) {
      last = await handle.query(stateQuery);
      if (last.status === status) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the contract did not reach ${status} in ${timeoutMs} ms (last state: ${JSON.stringify(last)})`);
  }

  /** Runs an update that must be refused; returns the ApplicationFailure it was refused with. */
  async function refusal(update: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await update.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  }

  it('runs created → submit → approve → deploys by itself → ACTIVE, persisting each step in order', async () => {
    const { contractId, input, handle, created } = await startContract(rep1);
    expect(created).toEqual({ contractId, status: 'DRAFT', seq: 1, owner: 'rep1', submittedBy: undefined, deleted: false });
    expect(fake.created.filter((c) => c.id === contractId)).toEqual([expect.objectContaining({
      id: contractId, workflowId: contractWorkflowId(contractId), draft: input.draft, origin: 'Manual', createdBy: 'rep1',
    })]);

    const submitted = await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
    expect(submitted).toMatchObject({ status: 'PENDING_APPROVAL', seq: 2, submittedBy: 'rep1' });
    // Since v7 an approval whose contract starts now is recorded with its deploy: it answers ACTIVE.
    const approved = await handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1, comment: 'looks good' }] });
    expect(approved).toMatchObject({ status: 'ACTIVE', seq: 5 });

    const active = await waitForStatus(handle, 'ACTIVE');
    expect(active).toEqual({ contractId, status: 'ACTIVE', seq: 5, owner: 'rep1', submittedBy: 'rep1', deleted: false });

    expect(fake.transitionsOf(contractId)).toEqual([
      expect.objectContaining({ seq: 2, action: 'submit', actor: 'rep1', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL', submittedBy: 'rep1' }),
      expect.objectContaining({ seq: 3, action: 'approve', actor: 'manager1', fromStatus: 'PENDING_APPROVAL', toStatus: 'APPROVED', detail: { comment: 'looks good' } }),
      expect.objectContaining({ seq: 4, action: 'startDeploy', actor: 'system', fromStatus: 'APPROVED', toStatus: 'DEPLOYING' }),
    ]);
    expect(fake.deploysOf(contractId)).toEqual([
      expect.objectContaining({ seq: 5, action: 'deploySucceeded', actor: 'system', fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' }),
    ]);
    // Each step persisted exactly once (no duplicate attempts on the happy path); since v6 the
    // step into DEPLOYING is written by the deploy itself, in its transaction.
    expect(fake.attemptsOf(contractId, 'recordTransition').map((e) => e.seq)).toEqual([2, 3]);
    expect(fake.attemptsOf(contractId, 'deployContract').map((e) => e.seq)).toEqual([5]);
  });

  it('refuses self-approval by a sales manager who owns the contract, writing nothing', async () => {
    const { contractId, handle } = await startContract(repManager);
    await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: repManager }] });
    const before = fake.attemptsOf(contractId, 'recordTransition').length;
    expect(before).toBe(1);

    const failure = await refusal(handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: repManager }] }));
    expect(failure.type).toBe('forbidden');
    expect(failure.details?.[0]).toMatchObject({ code: 'SELF_APPROVAL' });

    expect(fake.attemptsOf(contractId, 'recordTransition')).toHaveLength(before);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'PENDING_APPROVAL', seq: 2 });
  });

  it('refuses approval by a rep who is not a sales manager (forbidden)', async () => {
    const { contractId, handle } = await startContract(rep1);
    await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });

    const failure = await refusal(handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: rep2 }] }));
    expect(failure.type).toBe('forbidden');
    expect(failure.details?.[0]).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(fake.transitionsOf(contractId).map((e) => e.action)).toEqual(['submit']);
  });

  it('refuses approving a DRAFT (conflict)', async () => {
    const { contractId, handle } = await startContract(rep1);

    const failure = await refusal(handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1 }] }));
    expect(failure.type).toBe('conflict');
    expect(failure.details?.[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    expect(fake.transitionsOf(contractId)).toEqual([]);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'DRAFT', seq: 1 });
  });

  it('refuses a rejection without a reason (validation)', async () => {
    const { contractId, handle } = await startContract(rep1);
    await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });

    const failure = await refusal(handle.executeUpdate(ACTION_UPDATES.reject, { args: [{ actor: manager1 }] }));
    expect(failure.type).toBe('validation');
    const blank = await refusal(handle.executeUpdate(ACTION_UPDATES.reject, { args: [{ actor: manager1, reason: '   ' }] }));
    expect(blank.type).toBe('validation');
    expect(fake.transitionsOf(contractId).map((e) => e.action)).toEqual(['submit']);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'PENDING_APPROVAL' });
  });

  it('goes straight from submit to APPROVED and then ACTIVE when the seller requires no approval', async () => {
    const { contractId, handle } = await startContract(rep1, draftBody({ seller: SELLER_WITHOUT_APPROVAL }));

    const submitted = await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
    expect(submitted).toMatchObject({ status: 'APPROVED', seq: 2 });
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ status: 'ACTIVE', seq: 4 });

    expect(fake.transitionsOf(contractId)).toEqual([
      expect.objectContaining({ seq: 2, action: 'submit', actor: 'rep1', fromStatus: 'DRAFT', toStatus: 'APPROVED' }),
      expect.objectContaining({ seq: 3, action: 'startDeploy', actor: 'system', fromStatus: 'APPROVED', toStatus: 'DEPLOYING' }),
    ]);
    expect(fake.deploysOf(contractId)).toEqual([expect.objectContaining({ seq: 4, fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' })]);
  });

  it('ends in DEPLOYMENT_FAILED when the deploy fails, and the owner\'s deploy retries it to ACTIVE', async () => {
    const { contractId, handle } = await startContract(rep1);
    // Tried with the approval (v7), which then stands alone, and once more on its own.
    fake.failNext(contractId, 'deployContract', ApplicationFailure.nonRetryable('boom'), ApplicationFailure.nonRetryable('boom'));
    await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
    const approved = await handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1 }] });
    expect(approved).toMatchObject({ status: 'APPROVED', seq: 3 });

    // The failed attempt keeps number 5; the failure is recorded as 6, so it wins even if attempt 5 had committed.
    expect(await waitForStatus(handle, 'DEPLOYMENT_FAILED')).toMatchObject({ seq: 6 });
    // Non-retryable: one attempt on its own after the one with the approval, and nothing deployed.
    expect(fake.attemptsOf(contractId, 'deployContract').map((e) => e.seq)).toEqual([5, 5]);
    expect(fake.transitionsOf(contractId).map((e) => e.action)).toEqual(['submit', 'approve', 'startDeploy', 'deployFailed']);
    expect(fake.deploysOf(contractId)).toEqual([]);
    const failed = fake.transitionsOf(contractId).at(-1)!;
    expect(failed).toMatchObject({ seq: 6, action: 'deployFailed', actor: 'system', fromStatus: 'DEPLOYING', toStatus: 'DEPLOYMENT_FAILED' });
    expect(String(failed.detail?.reason)).toContain('boom');
    // The owner is told, with the error, by the notice that travels with the DEPLOYMENT_FAILED step.
    await waitFor(() => fake.noticesOf(contractId).includes('deploymentFailed'));
    expect(fake.noticesOf(contractId)).toEqual(['approvalRequested', 'approved', 'deploymentFailed']);
    const notice = fake.notices.find((n) => n.contractId === contractId && n.kind === 'deploymentFailed')!;
    expect(notice).toMatchObject({ key: `${contractId}/6/deploymentFailed`, seq: 6 });
    expect(notice.reason).toContain('boom');

    const retried = await handle.executeUpdate(ACTION_UPDATES.deploy, { args: [{ actor: rep1 }] });
    expect(retried).toMatchObject({ status: 'DEPLOYING', seq: 7 });
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ seq: 8 });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ seq: 7, action: 'startDeploy', actor: 'rep1', fromStatus: 'DEPLOYMENT_FAILED', toStatus: 'DEPLOYING' });
    expect(fake.deploysOf(contractId)).toEqual([expect.objectContaining({ seq: 8, fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' })]);
    // The successful retry tells nobody of a failure again.
    expect(fake.noticesOf(contractId).filter((k) => k === 'deploymentFailed')).toHaveLength(1);
  });

  it('retries an infrastructure error in recordTransition and the update still succeeds', async () => {
    const { contractId, handle } = await startContract(rep1);
    fake.failNext(contractId, 'recordTransition', new Error('connection terminated unexpectedly'));

    const submitted = await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
    expect(submitted).toMatchObject({ status: 'PENDING_APPROVAL', seq: 2 });
    // The same event twice (first attempt failed), persisted once.
    expect(fake.attemptsOf(contractId, 'recordTransition').map((e) => e.seq)).toEqual([2, 2]);
    expect(fake.transitionsOf(contractId)).toEqual([expect.objectContaining({ seq: 2, action: 'submit', toStatus: 'PENDING_APPROVAL' })]);
  }, 45_000);

  it('completes the workflow when the owner deletes a rejected contract', async () => {
    const { contractId, handle } = await startContract(rep1);
    await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
    const rejected = await handle.executeUpdate(ACTION_UPDATES.reject, { args: [{ actor: manager1, reason: 'price too low' }] });
    expect(rejected).toMatchObject({ status: 'REJECTED', seq: 3 });

    const deleted = await handle.executeUpdate(ACTION_UPDATES.delete, { args: [{ actor: rep1 }] });
    expect(deleted).toMatchObject({ deleted: true, seq: 4 });
    expect(await handle.result()).toEqual({ contractId, status: 'REJECTED', seq: 4, owner: 'rep1', submittedBy: 'rep1', deleted: true });

    expect(fake.transitionsOf(contractId).slice(1)).toEqual([
      expect.objectContaining({ seq: 3, action: 'reject', actor: 'manager1', fromStatus: 'PENDING_APPROVAL', toStatus: 'REJECTED', detail: { reason: 'price too low' } }),
      expect.objectContaining({ seq: 4, action: 'delete', actor: 'rep1', fromStatus: 'REJECTED', toStatus: 'REJECTED', deleted: true }),
    ]);
  });

  describe('durable timers and version 2 steps', () => {
    const iso = (ms: number) => new Date(ms).toISOString();

    /** Submits and approves; returns the handle. */
    async function approved(draft: ContractDraft) {
      const started = await startContract(rep1, draft);
      await started.handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
      await started.handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1 }] });
      return started;
    }

    it('keeps an Approved contract whose start lies ahead APPROVED until its start, then deploys it', async () => {
      const now = await env.currentTimeMs();
      const { contractId, handle } = await approved(draftBody({ startsAt: iso(now + 3 * DAY), endsAt: iso(now + 400 * DAY) }));
      await env.sleep(2 * DAY);
      expect(await handle.query(stateQuery)).toMatchObject({ status: 'APPROVED', seq: 3 });
      expect(fake.deploysOf(contractId)).toEqual([]);
      await env.sleep(1 * DAY + HOUR);
      expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ seq: 5 });
      expect(fake.noticesOf(contractId)).toEqual(['approvalRequested', 'approved']);
      // v4 queues them with their steps: no notify activity, and each carries its step's number.
      expect(fake.noticeActivities.filter((n) => n.contractId === contractId)).toEqual([]);
      const submitted = fake.transitionsOf(contractId).find((e) => e.action === 'submit')!;
      expect(fake.notices.find((n) => n.contractId === contractId && n.kind === 'approvalRequested')?.key).toBe(`${contractId}/${submitted.seq}/approvalRequested`);
    });

    it('sends the expiring-soon notice N days before the end and expires at the end', async () => {
      const now = await env.currentTimeMs();
      const { contractId, handle } = await approved(draftBody({ startsAt: iso(now - DAY), endsAt: iso(now + 20 * DAY) }));
      await waitForStatus(handle, 'ACTIVE');
      await env.sleep(9 * DAY);
      expect(fake.noticesOf(contractId)).not.toContain('expiringSoon');
      await env.sleep(2 * DAY);
      await waitFor(() => fake.noticesOf(contractId).includes('expiringSoon'));
      expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'expiringSoon', fromStatus: 'ACTIVE', toStatus: 'ACTIVE', detail: { days: 10 } });
      expect(await handle.query(stateQuery)).toMatchObject({ status: 'ACTIVE' });
      await env.sleep(10 * DAY);
      expect(await waitForStatus(handle, 'EXPIRED')).toMatchObject({ status: 'EXPIRED' });
      expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'expire', actor: 'system', fromStatus: 'ACTIVE', toStatus: 'EXPIRED' });
      await waitFor(() => fake.noticesOf(contractId).includes('expired'));
      expect(fake.noticesOf(contractId).filter((k) => k === 'expiringSoon')).toHaveLength(1);
    });

    it('expires a suspended contract too', async () => {
      const now = await env.currentTimeMs();
      const { handle } = await approved(draftBody({ startsAt: iso(now - DAY), endsAt: iso(now + 5 * DAY) }));
      await waitForStatus(handle, 'ACTIVE');
      await handle.executeUpdate(ACTION_UPDATES.suspend, { args: [{ actor: manager1, reason: 'credit hold' }] });
      await env.sleep(6 * DAY);
      expect(await waitForStatus(handle, 'EXPIRED')).toMatchObject({ status: 'EXPIRED' });
    });

    it('reminds the approvers while a decision waits and escalates once past the deadline', async () => {
      const { contractId, handle } = await startContract(rep1);
      await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
      await env.sleep(HOUR);
      expect(fake.noticesOf(contractId)).toEqual(['approvalRequested']);
      await env.sleep(HOUR + 60_000);
      await waitFor(() => fake.noticesOf(contractId).includes('approvalReminder'));
      expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'remind', fromStatus: 'PENDING_APPROVAL', toStatus: 'PENDING_APPROVAL', detail: { reminder: 1 } });
      await env.sleep(3 * HOUR + 60_000);
      await waitFor(() => fake.noticesOf(contractId).includes('approvalEscalated'));
      const actions = fake.transitionsOf(contractId).map((e) => e.action);
      expect(actions.filter((a) => a === 'escalate')).toHaveLength(1);
      expect(actions.filter((a) => a === 'remind')).toHaveLength(2);
      // The decision still works, and stops the timers.
      const decided = await handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1 }] });
      expect(decided.status).toBe('ACTIVE'); // deployed with the approval (v7)
      await waitForStatus(handle, 'ACTIVE');
      const count = fake.noticesOf(contractId).length;
      await env.sleep(10 * HOUR);
      expect(fake.noticesOf(contractId).filter((k) => k === 'approvalReminder' || k === 'approvalEscalated')).toHaveLength(count - 2);
    });

    it('edits a rejected contract back to DRAFT through replaceContractContent, and refuses a change of its code', async () => {
      const { contractId, handle, input } = await startContract(rep1);
      await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
      await handle.executeUpdate(ACTION_UPDATES.reject, { args: [{ actor: manager1, reason: 'too cheap' }] });
      const changed = { ...input.draft, description: 'second try' };
      const edited = await handle.executeUpdate(editUpdate, { args: [{ actor: rep1, draft: changed }] });
      expect(edited).toMatchObject({ status: 'DRAFT', seq: 4 });
      expect(fake.edits.filter((e) => e.event.contractId === contractId)).toEqual([
        { event: expect.objectContaining({ seq: 4, action: 'edit', fromStatus: 'REJECTED', toStatus: 'DRAFT', actor: 'rep1' }), draft: changed },
      ]);
      const renamed = await refusal(handle.executeUpdate(editUpdate, { args: [{ actor: rep1, draft: { ...changed, code: 'OTHER' } }] }));
      expect(renamed.type).toBe('validation');
      const notOwner = await refusal(handle.executeUpdate(editUpdate, { args: [{ actor: rep2, draft: changed }] }));
      expect(notOwner.type).toBe('forbidden');
      expect(fake.edits.filter((e) => e.event.contractId === contractId)).toHaveLength(1);
    });

    it('refuses to submit when the submission check fails, writing nothing', async () => {
      const { contractId, handle } = await startContract(rep1, draftBody({ description: 'incomplete' }));
      const failure = await refusal(handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] }));
      expect(failure.type).toBe('validation');
      expect(failure.details?.[0]).toMatchObject({ details: [{ field: 'terms' }] });
      expect(fake.transitionsOf(contractId)).toEqual([]);
      expect(await handle.query(stateQuery)).toMatchObject({ status: 'DRAFT', seq: 1 });
    });

    it('refuses to suspend a base contract that active contracts refer to', async () => {
      const { contractId, handle } = await approved(draftBody({ isBase: true }));
      await waitForStatus(handle, 'ACTIVE');
      fake.baseInUse.add(contractId);
      const failure = await refusal(handle.executeUpdate(ACTION_UPDATES.suspend, { args: [{ actor: manager1 }] }));
      expect(failure.type).toBe('conflict');
      expect(await handle.query(stateQuery)).toMatchObject({ status: 'ACTIVE' });
      fake.baseInUse.delete(contractId);
      expect(await handle.executeUpdate(ACTION_UPDATES.suspend, { args: [{ actor: manager1 }] })).toMatchObject({ status: 'SUSPENDED' });
    });

    it('a newer version\'s deploy tells the older version\'s workflow, which takes CLOSED from Postgres and completes', async () => {
      const older = await approved(draftBody());
      const active = await waitForStatus(older.handle, 'ACTIVE');
      const newerId = randomUUID();
      fake.closes.set(newerId, [{ contractId: older.contractId, workflowId: contractWorkflowId(older.contractId) }]);
      fake.stored.set(older.contractId, { status: 'CLOSED', seq: active.seq + 1 });
      const newer = await startContract(rep1, older.input.draft, { contractId: newerId, version: { major: 1, minor: 1 }, previousVersionId: older.contractId });
      expect(newer.contractId).toBe(newerId);
      await newer.handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
      await newer.handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1 }] });
      await waitForStatus(newer.handle, 'ACTIVE');
      expect(await older.handle.result()).toMatchObject({ status: 'CLOSED', seq: active.seq + 1 });
      expect(fake.created.find((c) => c.id === newerId)).toMatchObject({ version: { major: 1, minor: 1 }, previousVersionId: older.contractId, owner: 'rep1' });
    });
  });

  async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
