import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { Actor, ContractDraft, ContractStatus } from '@pactum/domain';
import { ContractStore, createDataSource } from '@pactum/persistence';
import { createContractActivities, SubmissionChecker } from '@pactum/worker';
import {
  ACTION_UPDATES, CONTRACT_WORKFLOW_TYPE, DEFAULT_LIFECYCLE_TIMING, contractWorkflowId, createdUpdate, editUpdate, quantitiesDrawnDownSignal, stateQuery,
  type ContractLifecycleInput, type ContractSnapshot, type LifecycleTiming,
} from '@pactum/workflows';
import { draftBody } from '../support/contract-fixtures';
import { TEST_TASK_QUEUE_PREFIX, testStack } from '../support/test-stack';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { keyedWorkflowBundle, signedUpdate, testSigner } from '../support/workflow-commands';

/**
 * Records the histories test/replay/contract-lifecycle.replay.spec.ts replays: real runs of
 * `contractLifecycle` on the real stack of the integration tests (the Temporal dev server and
 * Postgres of the global setup), with the worker's own activities (createContractActivities) on
 * that Postgres. Each scenario's history is fetched from the server and written to
 * test/fixtures/histories/contract-lifecycle-<package version>-<scenario>.json in the JSON that
 * `temporal workflow show --output json` prints and historyFromJSON reads.
 *
 * It writes fixtures, so it runs only when asked (jest.config.js leaves it out otherwise):
 *
 *   RECORD_HISTORIES=1 npx jest test/replay/record-histories
 *
 * Re-recording overwrites the fixtures of the current package version; those of earlier versions
 * stay (they are the histories running workflows of those releases may still have).
 */
const HISTORIES_DIR = join(__dirname, '..', 'fixtures', 'histories');
const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

const rep1: Actor = { username: 'rep1', roles: ['account_rep'] };
const manager1: Actor = { username: 'manager1', roles: ['sales_manager'] };
const SECOND = 1000;

describe('recording contractLifecycle histories (RECORD_HISTORIES=1)', () => {
  const taskQueue = `${TEST_TASK_QUEUE_PREFIX}-record-histories-${randomUUID()}`;
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

  /** Starts a contract's workflow as the API does: update-with-start of `created`, signed. */
  async function create(draft: ContractDraft, extra: Partial<ContractLifecycleInput> = {}): Promise<{ contractId: string; handle: WorkflowHandle }> {
    const contractId = extra.contractId ?? randomUUID();
    const input: ContractLifecycleInput = { contractId, draft, createdBy: rep1.username, origin: 'Manual', timing: DEFAULT_LIFECYCLE_TIMING, ...extra };
    const workflowId = contractWorkflowId(contractId);
    const signer = testSigner();
    const startWorkflowOperation = new WithStartWorkflowOperation(CONTRACT_WORKFLOW_TYPE, {
      taskQueue, workflowId, args: [signer.start(CONTRACT_WORKFLOW_TYPE, workflowId, input)], workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    const created = await client.workflow.executeUpdateWithStart(createdUpdate, { startWorkflowOperation, ...signer.bareUpdate(workflowId, createdUpdate) });
    expect(created.status).toBe('DRAFT');
    return { contractId, handle: client.workflow.getHandle(contractWorkflowId(contractId)) };
  }

  async function act(handle: WorkflowHandle, action: keyof typeof ACTION_UPDATES, actor: Actor, extra: { reason?: string; comment?: string } = {}): Promise<ContractSnapshot> {
    return signedUpdate(handle, ACTION_UPDATES[action], { actor, ...extra });
  }

  async function waitForStatus(handle: WorkflowHandle, status: ContractStatus, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: ContractSnapshot | undefined;
    while (Date.now() < deadline) {
      last = await handle.query(stateQuery);
      if (last.status === status) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the contract did not reach ${status} in ${timeoutMs} ms (last state: ${JSON.stringify(last)})`);
  }

  async function waitForHistoryLines(contractId: string, actions: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows: { action: string }[] = await ds.query('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [contractId]);
      const have = rows.map((r) => r.action);
      if (actions.every((a) => have.filter((h) => h === a).length >= actions.filter((x) => x === a).length)) return;
      if (Date.now() > deadline) throw new Error(`contract ${contractId} has ${have.join(', ')}; waited for ${actions.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function waitForLocalActivity(handle: WorkflowHandle, activity: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = (JSON.parse(historyToJSON(await handle.fetchHistory())) as { events: { markerRecordedEventAttributes?: { details?: { data?: { payloads: { data: string }[] } } } }[] }).events;
      const types = events.flatMap((e) => e.markerRecordedEventAttributes?.details?.data?.payloads ?? [])
        .map((p) => (JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) as { activity_type?: string }).activity_type);
      if (types.includes(activity)) return;
      if (Date.now() > deadline) throw new Error(`the workflow ran no ${activity} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Writes the workflow's history once its last workflow task has completed and nothing more happens. */
  async function record(scenario: string, handle: WorkflowHandle): Promise<void> {
    let previous = '';
    for (let tries = 0; tries < 100; tries++) {
      const json = historyToJSON(await handle.fetchHistory());
      const events = (JSON.parse(json) as { events: { eventType: string }[] }).events;
      const last = events.at(-1)!.eventType;
      const settled = last !== 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED' && last !== 'EVENT_TYPE_WORKFLOW_TASK_STARTED';
      if (settled && json === previous) {
        writeFileSync(join(HISTORIES_DIR, `contract-lifecycle-${VERSION}-${scenario}.json`), `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
        return;
      }
      previous = json;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the history of ${scenario} did not settle`);
  }

  it('create → submit → approve (deployed with the approval, ACTIVE) → suspend → resume', async () => {
    const { handle } = await create(draftBody());
    expect(await act(handle, 'submit', rep1)).toMatchObject({ status: 'PENDING_APPROVAL' });
    expect(await act(handle, 'approve', manager1, { comment: 'fine' })).toMatchObject({ status: 'ACTIVE' });
    expect(await act(handle, 'suspend', manager1, { reason: 'credit hold' })).toMatchObject({ status: 'SUSPENDED' });
    expect(await act(handle, 'resume', manager1)).toMatchObject({ status: 'ACTIVE' });
    await record('approved-suspended-resumed', handle);
  });

  it('create → submit → reject → edit → submit again', async () => {
    const draft = draftBody();
    const { handle } = await create(draft);
    await act(handle, 'submit', rep1);
    expect(await act(handle, 'reject', manager1, { reason: 'price too low' })).toMatchObject({ status: 'REJECTED' });
    const edited = await signedUpdate(handle, editUpdate, { actor: rep1, draft: { ...draft, description: 'Second try' } });
    expect(edited).toMatchObject({ status: 'DRAFT' });
    expect(await act(handle, 'submit', rep1)).toMatchObject({ status: 'PENDING_APPROVAL' });
    await record('rejected-edited-resubmitted', handle);
  });

  it('approved with a start ahead: deploys on its start timer, sends the expiring-soon notice, expires at its end', async () => {
    const now = Date.now();
    const draft = draftBody({ startsAt: new Date(now + 5 * SECOND).toISOString(), endsAt: new Date(now + 12 * SECOND).toISOString() });
    const { handle } = await create(draft);
    await act(handle, 'submit', rep1);
    expect(await act(handle, 'approve', manager1)).toMatchObject({ status: 'APPROVED' });
    await waitForStatus(handle, 'ACTIVE');
    await waitForStatus(handle, 'EXPIRED');
    await record('start-timer-deployed-expired', handle);
  });

  it('a deploy that fails with the approval and on its own ends in DEPLOYMENT_FAILED; `deploy` retries it to ACTIVE', async () => {
    const { contractId, handle } = await create(draftBody());
    // The runtime store refuses this contract's deployment until the trigger goes.
    const trigger = `record_histories_fail_${contractId.replace(/-/g, '')}`;
    await ds.query(`CREATE OR REPLACE FUNCTION record_histories_fail_deploy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'runtime store unreachable'; END $$`);
    await ds.query(`CREATE TRIGGER ${trigger} BEFORE INSERT ON contract_deployments FOR EACH ROW
      WHEN (NEW.contract_id = '${contractId}'::uuid) EXECUTE FUNCTION record_histories_fail_deploy()`);
    try {
      await act(handle, 'submit', rep1);
      expect(await act(handle, 'approve', manager1)).toMatchObject({ status: 'APPROVED' });
      await waitForStatus(handle, 'DEPLOYMENT_FAILED', 120_000);
    } finally {
      await ds.query(`DROP TRIGGER IF EXISTS ${trigger} ON contract_deployments`);
    }
    expect(await act(handle, 'deploy', rep1)).toMatchObject({ status: 'DEPLOYING' });
    await waitForStatus(handle, 'ACTIVE');
    await record('deploy-failed-retried', handle);
  }, 180_000);

  it('a pending approval is reminded and escalated, then approved', async () => {
    const timing: LifecycleTiming = { ...DEFAULT_LIFECYCLE_TIMING, approvalReminderAfterMs: 2 * SECOND, approvalEscalationAfterMs: 3 * SECOND };
    const { contractId, handle } = await create(draftBody(), { timing });
    await act(handle, 'submit', rep1);
    await waitForHistoryLines(contractId, ['remind', 'escalate', 'remind']);
    expect(await act(handle, 'approve', manager1)).toMatchObject({ status: 'ACTIVE' });
    await record('reminded-escalated-approved', handle);
  });

  it('a new version\'s deploy closes the older version, whose workflow reads CLOSED and completes', async () => {
    const draft = draftBody();
    const older = await create(draft);
    await act(older.handle, 'submit', rep1);
    expect(await act(older.handle, 'approve', manager1)).toMatchObject({ status: 'ACTIVE' });
    const newer = await create(draft, { version: { major: 1, minor: 1 }, previousVersionId: older.contractId });
    await act(newer.handle, 'submit', rep1);
    expect(await act(newer.handle, 'approve', manager1)).toMatchObject({ status: 'ACTIVE' });
    expect(await older.handle.result()).toMatchObject({ status: 'CLOSED' });
    await record('new-version-deployed', newer.handle);
    await record('older-version-closed', older.handle);
  });

  it('a quantity contract: a drawn-down signal Postgres does not confirm changes nothing; once every quantity is drawn down it completes and archives', async () => {
    const { contractId, handle } = await create(draftBody({
      terms: [
        { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
        { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
        { type: 'QuantityCommitmentTC', sequenceNumber: 3, autoArchive: true, lines: [{ sku: 'FST-HXB-M8-100', quantity: 5 }] },
      ] as ContractDraft['terms'],
    }));
    await act(handle, 'submit', rep1);
    expect(await act(handle, 'approve', manager1)).toMatchObject({ status: 'ACTIVE' });
    await handle.signal(quantitiesDrawnDownSignal);
    await waitForLocalActivity(handle, 'quantitiesDrawnDown');
    expect((await handle.query(stateQuery)).status).toBe('ACTIVE');
    await ds.query('UPDATE contract_quantity_lines SET drawn_down = quantity WHERE contract_id = $1', [contractId]);
    await handle.signal(quantitiesDrawnDownSignal);
    expect(await handle.result()).toMatchObject({ status: 'ARCHIVED' });
    await record('quantities-drawn-down-archived', handle);
  });

  it('a base contract is suspended and cancelled (each checked for contracts that use it), and its workflow completes', async () => {
    const { handle } = await create(draftBody({ isBase: true }));
    await act(handle, 'submit', rep1);
    expect(await act(handle, 'approve', manager1)).toMatchObject({ status: 'ACTIVE' });
    expect(await act(handle, 'suspend', manager1, { reason: 'review' })).toMatchObject({ status: 'SUSPENDED' });
    expect(await act(handle, 'cancel', manager1, { reason: 'replaced' })).toMatchObject({ status: 'CANCELLED' });
    expect(await handle.result()).toMatchObject({ status: 'CANCELLED' });
    await record('base-suspended-cancelled', handle);
  });
});
