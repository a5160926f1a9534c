import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Actor, ContractDraft, ContractStatus, LifecycleEvent, NewContract } from '../../libs/domain/src';
import { toolPaths } from '../../libs/local-stack/src/tool-paths';
import type { ContractActivities } from '../../workflows/contract-activities';
import {
  ACTION_UPDATES, CONTRACT_WORKFLOW_TYPE, contractWorkflowId, createdUpdate, stateQuery,
  type ContractLifecycleInput, type ContractSnapshot,
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

/** In-memory activities: record what the workflow persisted, fail on demand. */
class FakeActivities {
  readonly created: NewContract[] = [];
  /** Successful recordTransition calls (what a store would hold). */
  readonly transitions: LifecycleEvent[] = [];
  /** Successful deployContract calls. */
  readonly deploys: LifecycleEvent[] = [];
  /** Every attempt, failed or not. */
  readonly attempts: { activity: FailingActivity; event: LifecycleEvent }[] = [];
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
    },
    deployContract: async (event) => {
      this.attempt('deployContract', event);
      this.deploys.push(event);
    },
    sellerRequiresApproval: async (sellerDn) => sellerDn !== SELLER_WITHOUT_APPROVAL,
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

  async function startContract(owner: Actor, draft: ContractDraft = draftBody()) {
    const contractId = randomUUID();
    const input: ContractLifecycleInput = { contractId, draft, createdBy: owner.username, origin: 'Manual' };
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
    const approved = await handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1, comment: 'looks good' }] });
    expect(approved).toMatchObject({ status: 'APPROVED', seq: 3 });

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
    // Each step persisted exactly once (no duplicate attempts on the happy path).
    expect(fake.attemptsOf(contractId, 'recordTransition').map((e) => e.seq)).toEqual([2, 3, 4]);
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
    fake.failNext(contractId, 'deployContract', ApplicationFailure.nonRetryable('boom'));
    await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] });
    await handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: manager1 }] });

    // The failed attempt keeps number 5; the failure is recorded as 6, so it wins even if attempt 5 had committed.
    expect(await waitForStatus(handle, 'DEPLOYMENT_FAILED')).toMatchObject({ seq: 6 });
    // Non-retryable: one attempt only, and nothing deployed.
    expect(fake.attemptsOf(contractId, 'deployContract').map((e) => e.seq)).toEqual([5]);
    expect(fake.deploysOf(contractId)).toEqual([]);
    const failed = fake.transitionsOf(contractId).at(-1)!;
    expect(failed).toMatchObject({ seq: 6, action: 'deployFailed', actor: 'system', fromStatus: 'DEPLOYING', toStatus: 'DEPLOYMENT_FAILED' });
    expect(String(failed.detail?.reason)).toContain('boom');

    const retried = await handle.executeUpdate(ACTION_UPDATES.deploy, { args: [{ actor: rep1 }] });
    expect(retried).toMatchObject({ status: 'DEPLOYING', seq: 7 });
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ seq: 8 });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ seq: 7, action: 'startDeploy', actor: 'rep1', fromStatus: 'DEPLOYMENT_FAILED', toStatus: 'DEPLOYING' });
    expect(fake.deploysOf(contractId)).toEqual([expect.objectContaining({ seq: 8, fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' })]);
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
});
