import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation, WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { Actor, ContractDraft } from '@pactum/domain';
import { ContractStore, createDataSource } from '@pactum/persistence';
import { createContractActivities, SubmissionChecker } from '@pactum/worker';
import {
  ACTION_UPDATES, CONTRACT_WORKFLOW_TYPE, DEFAULT_LIFECYCLE_TIMING, contractWorkflowId, createdUpdate, editUpdate,
  type ContractLifecycleInput, type ContractSnapshot,
} from '@pactum/workflows';
import { draftBody } from '../support/contract-fixtures';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { TEST_TASK_QUEUE_PREFIX, testStack } from '../support/test-stack';
import { keyedWorkflowBundle, signedUpdate, testSigner } from '../support/workflow-commands';

/**
 * The second line behind the API's validation (issue 23, 1b): input Postgres cannot store, sent
 * to the contract workflow directly (around the API), fails its step at once with a
 * non-retryable failure naming the field, instead of being retried forever; the workflow stays
 * usable and takes its next action. The real activities (createContractActivities) run on the
 * shared Postgres; the workflow on the shared Temporal dev server.
 */

const rep1: Actor = { username: 'rep1', roles: ['account_rep'] };
const manager1: Actor = { username: 'manager1', roles: ['sales_manager'] };
/** Far below the 25+ retries (minutes) a retried data error took: the step fails on its first attempt. */
const FAST_MS = 5000;

describe('errors retrying cannot fix fail the step at once; the contract takes its next action', () => {
  const taskQueue = `${TEST_TASK_QUEUE_PREFIX}-unfixable-${randomUUID()}`;
  const signer = testSigner();
  let ds: DataSource;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    const stack = testStack();
    ds = await createDataSource({ url: stack.databaseUrl, poolSize: 4 }).initialize();
    const store = new ContractStore(ds);
    nativeConnection = await NativeConnection.connect({ address: stack.temporalAddress });
    worker = await Worker.create({
      connection: nativeConnection, taskQueue, workflowBundle: keyedWorkflowBundle(),
      activities: createContractActivities(store, new SubmissionChecker(store), taskQueue),
    });
    running = worker.run();
    connection = await Connection.connect({ address: stack.temporalAddress });
    client = new Client({ connection });
  });

  afterAll(async () => {
    if (worker) {
      worker.shutdown();
      await running;
    }
    await connection?.close();
    await nativeConnection?.close();
    await ds?.destroy();
  });

  /** Update-with-start of `created`, signed, as the API's create sends it. */
  function create(contractId: string, draft: ContractDraft): Promise<ContractSnapshot> {
    const workflowId = contractWorkflowId(contractId);
    const input: ContractLifecycleInput = { contractId, draft, createdBy: rep1.username, origin: 'Manual', timing: DEFAULT_LIFECYCLE_TIMING };
    const startWorkflowOperation = new WithStartWorkflowOperation(CONTRACT_WORKFLOW_TYPE, {
      taskQueue, workflowId, args: [signer.start(CONTRACT_WORKFLOW_TYPE, workflowId, input)],
      workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return client.workflow.executeUpdateWithStart(createdUpdate, { startWorkflowOperation, ...signer.bareUpdate(workflowId, createdUpdate) });
  }

  function act(handle: WorkflowHandle, action: keyof typeof ACTION_UPDATES, actor: Actor, extra: { reason?: string; comment?: string } = {}): Promise<ContractSnapshot> {
    return signedUpdate(handle, ACTION_UPDATES[action], { actor, ...extra }, signer);
  }

  /** The refusal of `update`, and how long it took. */
  async function refused(update: Promise<unknown>): Promise<{ failure: ApplicationFailure; ms: number }> {
    const started = Date.now();
    const error = await update.then(() => undefined, (e: unknown) => e);
    const ms = Date.now() - started;
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const failure = (error as WorkflowUpdateFailedError).cause;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    return { failure: failure as ApplicationFailure, ms };
  }

  const info = (failure: ApplicationFailure) => failure.details?.[0] as { code: string; details: { field: string; message: string }[] };

  async function historyOf(contractId: string): Promise<string[]> {
    const rows: { action: string }[] = await ds.query('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [contractId]);
    return rows.map((r) => r.action);
  }

  it('a create whose start date Postgres cannot store (year 0) fails at once with VALIDATION_FAILED on startsAt, leaves no row and no running workflow, and the corrected create then works', async () => {
    const contractId = randomUUID();
    const draft = draftBody({ startsAt: '0000-01-01T00:00:00Z' });
    const { failure, ms } = await refused(create(contractId, draft));
    expect(ms).toBeLessThan(FAST_MS);
    expect(failure.type).toBe('validation');
    expect(failure.nonRetryable).toBe(true);
    expect(info(failure)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'startsAt' }] });
    expect(await ds.query('SELECT id FROM contracts WHERE id = $1', [contractId])).toEqual([]);
    const handle = client.workflow.getHandle(contractWorkflowId(contractId));
    expect((await handle.describe()).status.name).toBe('FAILED');
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);

    // The same contract (same id) with a date that can be stored: a new run, which writes it.
    expect(await create(contractId, { ...draft, startsAt: '2026-01-01T00:00:00.000Z' })).toMatchObject({ status: 'DRAFT' });
    expect(await historyOf(contractId)).toEqual(['create']);
  });

  it('a create with a NUL in its description fails at once naming description; nothing is written', async () => {
    const contractId = randomUUID();
    const { failure, ms } = await refused(create(contractId, draftBody({ description: 'bad\u0000byte' })));
    expect(ms).toBeLessThan(FAST_MS);
    expect(info(failure)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'description', message: expect.stringContaining('NUL') }] });
    expect(await ds.query('SELECT id FROM contracts WHERE id = $1', [contractId])).toEqual([]);
  });

  it('a cancel of a pending contract whose reason holds a NUL fails at once naming reason, commits nothing, and the next cancel works', async () => {
    const contractId = randomUUID();
    await create(contractId, draftBody());
    const handle = client.workflow.getHandle(contractWorkflowId(contractId));
    await act(handle, 'submit', rep1);
    const { failure, ms } = await refused(act(handle, 'cancel', rep1, { reason: 'bye\u0000' }));
    expect(ms).toBeLessThan(FAST_MS);
    expect(failure.type).toBe('validation');
    expect(info(failure)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'reason' }] });
    expect(await historyOf(contractId)).toEqual(['create', 'submit']);

    expect(await act(handle, 'cancel', rep1, { reason: 'bye' })).toMatchObject({ status: 'CANCELLED', seq: 3 });
    expect(await historyOf(contractId)).toEqual(['create', 'submit', 'cancel']);
  });

  it('an approve whose comment holds a NUL fails at once naming comment; the approve without it deploys the contract (ACTIVE, one deployment)', async () => {
    const contractId = randomUUID();
    await create(contractId, draftBody());
    const handle = client.workflow.getHandle(contractWorkflowId(contractId));
    await act(handle, 'submit', rep1);
    const { failure, ms } = await refused(act(handle, 'approve', manager1, { comment: 'ok\u0000' }));
    expect(ms).toBeLessThan(FAST_MS);
    expect(info(failure)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'comment' }] });
    expect(await historyOf(contractId)).toEqual(['create', 'submit']);

    expect(await act(handle, 'approve', manager1, { comment: 'ok' })).toMatchObject({ status: 'ACTIVE' });
    expect(await historyOf(contractId)).toEqual(['create', 'submit', 'approve', 'startDeploy', 'deploySucceeded']);
    expect(await ds.query('SELECT count(*)::int AS n FROM contract_deployments WHERE contract_id = $1', [contractId])).toEqual([{ n: 1 }]);
  });

  it('an edit whose term holds a NUL fails at once naming the term field; the draft is unchanged and the next edit works', async () => {
    const contractId = randomUUID();
    const draft = draftBody();
    await create(contractId, draft);
    const handle = client.workflow.getHandle(contractWorkflowId(contractId));
    const broken = { ...draft, terms: [draft.terms[0]!, { ...draft.terms[1]!, policy: 'Standard\u0000' } as ContractDraft['terms'][number]] };
    const { failure, ms } = await refused(signedUpdate(handle, editUpdate, { actor: rep1, draft: broken }, signer));
    expect(ms).toBeLessThan(FAST_MS);
    expect(info(failure)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'terms[1].policy' }] });
    expect(await historyOf(contractId)).toEqual(['create']);

    expect(await signedUpdate(handle, editUpdate, { actor: rep1, draft: { ...draft, description: 'Second try' } }, signer)).toMatchObject({ status: 'DRAFT', seq: 2 });
    expect(await ds.query('SELECT description FROM contracts WHERE id = $1', [contractId])).toEqual([{ description: 'Second try' }]);
  });
});
