import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Actor, ContractDraft, ContractStatus, LifecycleEvent, LifecycleNotice, NewContract } from '@pactum/domain';
import { toolPaths } from '@pactum/local-stack';
import {
  type ClosedVersion, type CommandSeal, type ContractActivities, CONTRACT_WORKFLOW_TYPE, contractWorkflowId, createdUpdate, stateQuery, type ContractLifecycleInput,
  type ContractSnapshot, type LifecycleTiming,
} from '@pactum/workflows';
import { draftBody } from '../support/contract-fixtures';
import { TEST_TASK_QUEUE_PREFIX } from '../support/test-stack';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { keyedWorkflowBundle, testSigner } from '../support/workflow-commands';

/**
 * What the time-skipping specs of the contract workflow share: the Temporal time-skipping test
 * server (the pinned Java test server binary) running the workflow bundle under test, with fake
 * in-memory activities that record what the workflow asked them to persist, without Postgres.
 */

export const rep1: Actor = { username: 'rep1', roles: ['account_rep'] };
export const rep2: Actor = { username: 'rep2', roles: ['account_rep'] };
export const manager1: Actor = { username: 'manager1', roles: ['sales_manager'] };
/** A sales manager who also owns contracts: must not approve their own. */
export const repManager: Actor = { username: 'repmanager1', roles: ['account_rep', 'sales_manager'] };

/** The fake submitContract reads "no approval required" for this seller only. */
export const SELLER_WITHOUT_APPROVAL = 'o=No Approval Seller,o=Root Organization';
/** The fake submitContract refuses a draft with this description (a broken cross-term rule). */
export const INCOMPLETE = 'incomplete';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** Timers of the tests: remind after 2 h, escalate after 5 h, expiring-soon notice 10 days ahead. */
export const TIMING: LifecycleTiming = { expiringSoonDays: 10, approvalReminderAfterMs: 2 * HOUR, approvalEscalationAfterMs: 5 * HOUR };

export const iso = (ms: number) => new Date(ms).toISOString();

/** Where the fake fails on demand: writing a step's line, or a deploy (with an approval, of an Approved contract, or of a DEPLOYING one). */
type FailurePoint = 'record' | 'deploy';

/** A notice as the store queues it with its step. */
export type QueuedNotice = LifecycleNotice & { key: string; contractId: string; seq: number };

/** In-memory activities: record what the workflow persisted, fail on demand. */
export class FakeActivities {
  readonly created: NewContract[] = [];
  /** Every step line a store would hold (a deploy's step into DEPLOYING included; its ACTIVE step is in `deploys`). */
  readonly transitions: LifecycleEvent[] = [];
  /** The deploySucceeded steps of successful deploys. */
  readonly deploys: LifecycleEvent[] = [];
  /** Every attempt at a failure point, failed or not. */
  readonly attempts: { point: FailurePoint; event: LifecycleEvent }[] = [];
  /** Every activity call, with whether it ran as a local activity. */
  readonly calls: { activity: keyof ContractActivities; contractId: string; isLocal: boolean }[] = [];
  readonly notices: QueuedNotice[] = [];
  readonly edits: { event: LifecycleEvent; draft: ContractDraft }[] = [];
  /** What a deploy reports as closed, per deploying contract. */
  readonly closes = new Map<string, ClosedVersion[]>();
  /** What loadLifecycle answers, per contract (a newer version's deploy closed it). */
  readonly stored = new Map<string, { status: ContractStatus; seq: number }>();
  /** Base contracts that active contracts refer to. */
  readonly baseInUse = new Set<string>();
  /** Quantity contracts whose reserved quantities are all drawn down (what quantitiesDrawnDown answers). */
  readonly drawnDown = new Set<string>();
  private readonly failures = new Map<string, Error[]>();

  /** The next attempt(s) at `point` for this contract throw these errors, in order. */
  failNext(contractId: string, point: FailurePoint, ...errors: Error[]): void {
    this.failures.set(`${contractId}/${point}`, errors);
  }

  transitionsOf(contractId: string): LifecycleEvent[] {
    return this.transitions.filter((e) => e.contractId === contractId);
  }

  deploysOf(contractId: string): LifecycleEvent[] {
    return this.deploys.filter((e) => e.contractId === contractId);
  }

  noticesOf(contractId: string): QueuedNotice['kind'][] {
    return this.notices.filter((n) => n.contractId === contractId).map((n) => n.kind);
  }

  attemptsOf(contractId: string, point: FailurePoint): LifecycleEvent[] {
    return this.attempts.filter((a) => a.point === point && a.event.contractId === contractId).map((a) => a.event);
  }

  callsOf(contractId: string): FakeActivities['calls'] {
    return this.calls.filter((c) => c.contractId === contractId);
  }

  private called(activity: keyof ContractActivities, contractId: string): void {
    this.calls.push({ activity, contractId, isLocal: Context.current().info.isLocal });
  }

  private attempt(point: FailurePoint, event: LifecycleEvent): void {
    this.attempts.push({ point, event });
    const error = this.failures.get(`${event.contractId}/${point}`)?.shift();
    if (error) throw error;
  }

  /** A step's line, with its notice queued in the same write. */
  private record(event: LifecycleEvent): void {
    this.attempt('record', event);
    this.transitions.push(event);
    if (event.notice) this.notices.push({ key: `${event.contractId}/${event.seq}/${event.notice.kind}`, contractId: event.contractId, seq: event.seq, ...event.notice });
  }

  readonly activities: ContractActivities = {
    createContractRecord: async (input) => {
      this.called('createContractRecord', input.id);
      this.created.push(input);
      return { created: true };
    },
    recordTransition: async (event) => {
      this.called('recordTransition', event.contractId);
      this.record(event);
    },
    submitContract: async ({ contractId, draft, ifApprovalRequired, ifNoApprovalRequired }) => {
      this.called('submitContract', contractId);
      if (draft.description === INCOMPLETE) {
        throw ApplicationFailure.create({ type: 'validation', message: 'The contract cannot be submitted', nonRetryable: true, details: [{ code: 'VALIDATION_FAILED', details: [{ field: 'terms', message: 'needs a price term' }] }] });
      }
      const sellerRequiresApproval = draft.seller !== SELLER_WITHOUT_APPROVAL;
      this.record(sellerRequiresApproval ? ifApprovalRequired : ifNoApprovalRequired);
      return { sellerRequiresApproval };
    },
    approveAndDeploy: async ({ approve, start, deploy }) => {
      this.called('approveAndDeploy', approve.contractId);
      this.record(approve);
      try {
        this.attempt('deploy', deploy);
      } catch (err) {
        return { deployed: false, closed: [], reason: (err as Error).message };
      }
      this.transitions.push(start);
      this.deploys.push(deploy);
      return { deployed: true, closed: this.closes.get(deploy.contractId) ?? [] };
    },
    deployApproved: async ({ start, deploy }) => {
      this.called('deployApproved', deploy.contractId);
      this.attempt('deploy', deploy);
      this.transitions.push(start);
      this.deploys.push(deploy);
      return { closed: this.closes.get(deploy.contractId) ?? [] };
    },
    deployContract: async (event) => {
      this.called('deployContract', event.contractId);
      this.attempt('deploy', event);
      this.deploys.push(event);
      return { closed: this.closes.get(event.contractId) ?? [] };
    },
    replaceContractContent: async (input) => {
      this.called('replaceContractContent', input.event.contractId);
      this.edits.push(input);
      this.transitions.push(input.event);
    },
    assertBaseNotInUse: async ({ contractId, action }) => {
      this.called('assertBaseNotInUse', contractId);
      if (this.baseInUse.has(contractId)) {
        throw ApplicationFailure.create({ type: 'conflict', message: `Cannot ${action} a base contract in use`, nonRetryable: true, details: [{ code: 'BASE_CONTRACT_IN_USE' }] });
      }
    },
    loadLifecycle: async (contractId) => {
      this.called('loadLifecycle', contractId);
      return this.stored.get(contractId) ?? null;
    },
    quantitiesDrawnDown: async (contractId) => {
      this.called('quantitiesDrawnDown', contractId);
      return this.drawnDown.has(contractId);
    },
  };
}

/** One time-skipping server and one worker with fake activities, for one spec file. */
export class LifecycleTestKit {
  readonly fake = new FakeActivities();
  readonly taskQueue = `${TEST_TASK_QUEUE_PREFIX}-time-skipping-${randomUUID()}`;
  private worker?: Worker;
  private running?: Promise<void>;
  private environment?: TestWorkflowEnvironment;

  get env(): TestWorkflowEnvironment {
    if (!this.environment) throw new Error('LifecycleTestKit.start() has not run');
    return this.environment;
  }

  async start(): Promise<void> {
    installQuietTemporalRuntime();
    this.environment = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: toolPaths().temporalTestServer } },
    });
    this.worker = await Worker.create({
      connection: this.environment.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: keyedWorkflowBundle(),
      activities: this.fake.activities,
    });
    this.running = this.worker.run();
  }

  async stop(): Promise<void> {
    if (this.worker) {
      this.worker.shutdown();
      await this.running;
    }
    await this.environment?.teardown();
  }

  /** Signs as the API does, at the test server's time (it runs ahead of the clock once it skips). */
  async signer() {
    const now = await this.env.currentTimeMs();
    return testSigner(() => now);
  }

  /** Starts a contract's workflow (signed) and waits for its `created` update. */
  async startContract(owner: Actor, draft: ContractDraft = draftBody(), extra: Partial<ContractLifecycleInput> = {}) {
    const contractId = extra.contractId ?? randomUUID();
    const input: ContractLifecycleInput = { contractId, draft, createdBy: owner.username, origin: 'Manual', timing: TIMING, ...extra };
    const workflowId = contractWorkflowId(contractId);
    const signer = await this.signer();
    const handle = await this.env.client.workflow.start(CONTRACT_WORKFLOW_TYPE, {
      args: [signer.start(CONTRACT_WORKFLOW_TYPE, workflowId, input)], workflowId, taskQueue: this.taskQueue,
    });
    const created = await handle.executeUpdate(createdUpdate, signer.bareUpdate(workflowId, createdUpdate));
    return { contractId, input, handle, created };
  }

  /** Sends a signed update, as the API does. */
  async update<Ret, T extends { seal?: CommandSeal }>(handle: WorkflowHandle, update: UpdateDefinition<Ret, [T]>, input: T): Promise<Ret> {
    return handle.executeUpdate(update, (await this.signer()).update(handle.workflowId, update, input));
  }
}

/** The workflow deploys and fires timers by itself after an update returned: poll its state. */
export async function waitForStatus(handle: WorkflowHandle, status: ContractStatus, timeoutMs = 20_000): Promise<ContractSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: ContractSnapshot | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(stateQuery);
    if (last.status === status) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the contract did not reach ${status} in ${timeoutMs} ms (last state: ${JSON.stringify(last)})`);
}

export async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs an update that must be refused; returns the ApplicationFailure it was refused with. */
export async function refusal(update: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await update.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}
