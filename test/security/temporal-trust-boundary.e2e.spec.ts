import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as TemporalClient, Connection, WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Client } from 'pg';
import type { Actor } from '@pactum/domain';
import { freePort } from '@pactum/local-stack';
import {
  ACTION_UPDATES, COMMAND_SEAL_WINDOW_MS, CONTRACT_WORKFLOW_TYPE, IMPORT_WORKFLOW_TYPE, contractWorkflowId, importWorkflowId, quantitiesDrawnDownSignal,
  type ActionInput, type ContractLifecycleInput,
} from '@pactum/workflows';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { TEST_WORKFLOW_COMMAND_SECRET, testSigner } from '../support/workflow-commands';

type Answer = { status: number; body: any; text: string };

/** An event of a fetched history, as far as these tests read it. */
interface HistoryEvent {
  workflowExecutionUpdateAcceptedEventAttributes?: { acceptedRequest?: { meta?: { updateId?: string }; input?: { name?: string; args?: { payloads?: { data?: Uint8Array }[] } } } } | null;
  workflowExecutionStartedEventAttributes?: { input?: { payloads?: { data?: Uint8Array }[] } } | null;
  markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads?: { data?: Uint8Array }[] }> } | null;
}

const decode = (data: Uint8Array | undefined | null): any => JSON.parse(Buffer.from(data ?? new Uint8Array()).toString('utf8'));

/**
 * The trust boundary around Temporal, against the real API, worker, Postgres and Temporal dev
 * server: whoever reaches the Temporal frontend directly (as in a docker compose whose gRPC port is
 * open) cannot act on a contract or an import. Updates and starts the API did not sign are refused
 * before they enter the history or write anything; a signed command copied out of a history cannot
 * be replayed; a forged `quantitiesDrawnDown` signal completes nothing.
 */
describe('the trust boundary around Temporal: only commands the API signed act on a contract', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let rep1: HttpClient;
  let manager1: HttpClient;
  let db: Client;
  let connection: Connection;
  let temporal: TemporalClient;
  let taskQueue: string;
  const mallory: Actor = { username: 'mallory', roles: ['sales_manager', 'admin'] };

  beforeAll(async () => {
    const port = await freePort();
    taskQueue = `trust-boundary-${randomUUID()}`;
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: taskQueue, WORKFLOW_ANSWER_TIMEOUT_MS: '30000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    [rep1, manager1] = await Promise.all([http.login('rep1'), http.login('manager1')]);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    connection = await Connection.connect({ address: testStack().temporalAddress });
    temporal = new TemporalClient({ connection });
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  async function ok(res: Answer, status = 200): Promise<any> {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
    return res.body;
  }

  async function pendingContract(overrides = {}): Promise<string> {
    const { id } = await ok(await rep1.post('/api/v1/contracts', draftBody(overrides)), 201);
    await ok(await rep1.post(`/api/v1/contracts/${id}/submit`));
    return id;
  }

  /** What Postgres holds of the contract: its status, step and audit lines. */
  async function stored(id: string) {
    const [row] = (await db.query(`SELECT status, state_seq FROM contracts WHERE id = $1`, [id])).rows;
    const lines = (await db.query(`SELECT seq, actor, action FROM contract_history WHERE contract_id = $1 ORDER BY seq`, [id])).rows;
    return { status: row?.status, seq: row?.state_seq, lines };
  }

  async function events(handle: WorkflowHandle): Promise<HistoryEvent[]> {
    return ((await handle.fetchHistory()).events ?? []) as HistoryEvent[];
  }

  const acceptedUpdateIds = async (handle: WorkflowHandle) => (await events(handle))
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId).filter((id): id is string => !!id);

  const localActivities = async (handle: WorkflowHandle) => (await events(handle))
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
    .map((e) => decode(e.markerRecordedEventAttributes!.details!.data!.payloads![0].data).activity_type as string);

  /** Sends an update straight to the frontend and answers the ApplicationFailure it was refused with. */
  async function refusedUpdate(send: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await send.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  }

  it('refuses an approve sent to the frontend with a forged actor and no signature, or a made-up one: nothing enters the history, the contract and its audit are unchanged, and the real approve then works', async () => {
    const id = await pendingContract();
    const handle = temporal.workflow.getHandle(contractWorkflowId(id));
    const before = await stored(id);
    expect(before.status).toBe('PENDING_APPROVAL');

    const unsigned = await refusedUpdate(handle.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: mallory, comment: 'ok' }], updateId: 'forged-unsigned' }));
    expect({ type: unsigned.type, code: (unsigned.details?.[0] as { code?: string }).code, message: unsigned.message })
      .toEqual({ type: 'forbidden', code: 'UNSIGNED_COMMAND', message: expect.stringMatching(/not signed/) });
    const madeUp: ActionInput = { actor: mallory, seal: { issuedAt: Date.now(), signature: 'ab'.repeat(32) } };
    const badSignature = await refusedUpdate(handle.executeUpdate(ACTION_UPDATES.approve, { args: [madeUp], updateId: 'forged-signature' }));
    expect(badSignature.message).toMatch(/signature does not verify/);

    expect(await acceptedUpdateIds(handle)).not.toEqual(expect.arrayContaining(['forged-unsigned']));
    expect(await acceptedUpdateIds(handle)).not.toEqual(expect.arrayContaining(['forged-signature']));
    expect(await stored(id)).toEqual(before);

    const approved = await ok(await manager1.post(`/api/v1/contracts/${id}/approve`, { comment: 'fine' }));
    expect(approved.status).toMatch(/^(APPROVED|DEPLOYING|ACTIVE)$/);
    const after = await stored(id);
    expect(after.lines.map((l: { actor: string }) => l.actor)).not.toContain('mallory');
    expect(after.lines.find((l: { action: string }) => l.action === 'approve')).toMatchObject({ actor: 'manager1' });
  });

  it('refuses a correctly signed command issued longer ago than the window (a replay), and a signed command copied out of the history under a new update id', async () => {
    const id = await pendingContract();
    const handle = temporal.workflow.getHandle(contractWorkflowId(id));
    const before = await stored(id);

    // Signed with the real secret, but issued before the window: as if captured and replayed later.
    const old = testSigner(() => Date.now() - COMMAND_SEAL_WINDOW_MS - 60_000);
    const stale = await refusedUpdate(handle.executeUpdate(ACTION_UPDATES.reject, old.update(handle.workflowId, ACTION_UPDATES.reject, { actor: mallory, reason: 'replayed' })));
    expect(stale.message).toMatch(/outside the accepted window/);
    expect(await stored(id)).toEqual(before);

    // The history holds the API's signed submit: resent under another update id, its seal no longer verifies.
    const submit = (await events(handle)).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest)
      .find((r) => r?.input?.name === 'submit');
    expect(submit?.meta?.updateId).toBeTruthy();
    const copied = decode(submit!.input!.args!.payloads![0].data) as ActionInput;
    expect(copied.seal).toEqual({ issuedAt: expect.any(Number), signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const cancel = await refusedUpdate(handle.executeUpdate(ACTION_UPDATES.cancel, { args: [{ ...copied, reason: 'copied' }], updateId: randomUUID() }));
    expect(cancel.message).toMatch(/signature does not verify/);
    const again = await refusedUpdate(handle.executeUpdate(ACTION_UPDATES.submit, { args: [copied], updateId: randomUUID() }));
    expect(again.message).toMatch(/signature does not verify/);
    expect(await stored(id)).toEqual(before);

    expect((await ok(await manager1.post(`/api/v1/contracts/${id}/reject`, { reason: 'price too low' }))).status).toBe('REJECTED');
  });

  it('fails a forged workflow start for a new id at once, before any activity: no contract row, no step in its history', async () => {
    const contractId = randomUUID();
    const draft = draftBody();
    const input: ContractLifecycleInput = {
      contractId, draft, createdBy: 'mallory', owner: 'mallory', origin: 'Manual',
      // A start for a contract Postgres does not hold, claiming it is already Active.
      carried: { state: { status: 'ACTIVE', owner: 'mallory', sellerRequiresApproval: false, mirrored: false, deleted: false }, seq: 5 },
    };
    const handle = await temporal.workflow.start(CONTRACT_WORKFLOW_TYPE, { taskQueue, workflowId: contractWorkflowId(contractId), args: [input] });
    const failure = await handle.result().then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/not signed/) });
    expect(await localActivities(handle)).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM contracts WHERE id = $1 OR code = $2`, [contractId, draft.code])).rows).toEqual([{ n: 0 }]);
  });

  it('fails a signed start copied from another contract\'s history when it is sent for a new workflow id', async () => {
    const sourceId = await pendingContract();
    const started = (await events(temporal.workflow.getHandle(contractWorkflowId(sourceId))))[0].workflowExecutionStartedEventAttributes;
    const copied = decode(started!.input!.payloads![0].data) as ContractLifecycleInput;
    expect(copied.seal).toBeDefined();
    const targetId = randomUUID();
    const handle = await temporal.workflow.start(CONTRACT_WORKFLOW_TYPE, { taskQueue, workflowId: contractWorkflowId(targetId), args: [{ ...copied, contractId: targetId }] });
    const failure = await handle.result().then(() => undefined, (e: unknown) => e);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/signature does not verify/) });
    expect(await localActivities(handle)).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM contracts WHERE id = $1`, [targetId])).rows).toEqual([{ n: 0 }]);
  });

  it('fails a forged start of an import job at once, before any activity touches the job', async () => {
    const jobId = randomUUID();
    const handle = await temporal.workflow.start(IMPORT_WORKFLOW_TYPE, { taskQueue, workflowId: importWorkflowId(jobId), args: [{ jobId }] });
    const failure = await handle.result().then(() => undefined, (e: unknown) => e);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/not signed/) });
    const scheduled = ((await handle.fetchHistory()).events ?? []).filter((e) => e.activityTaskScheduledEventAttributes);
    expect(scheduled).toEqual([]);
  });

  it('never writes the workflow command secret to the API\'s or the worker\'s output, nor into a history', async () => {
    const id = await pendingContract();
    // Every payload of the history, decoded: the inputs, update arguments and activity results.
    const json = historyToJSON(await temporal.workflow.getHandle(contractWorkflowId(id)).fetchHistory());
    const history = [...json.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('\n');
    expect(history).toContain('"signature"');
    expect(history).not.toContain(TEST_WORKFLOW_COMMAND_SECRET);
    expect(api.output).not.toContain(TEST_WORKFLOW_COMMAND_SECRET);
    expect(worker.output).not.toContain(TEST_WORKFLOW_COMMAND_SECRET);
  });

  it('ignores a forged quantitiesDrawnDown signal while Postgres holds quantities left: the Active contract stays Active; once they are drawn down, the signal completes it', async () => {
    const sku = `Q-${randomUUID().slice(0, 8)}`;
    const id = await pendingContract({
      terms: [
        { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
        { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
        { type: 'QuantityCommitmentTC', sequenceNumber: 3, lines: [{ sku, quantity: 5 }] },
      ],
    });
    await ok(await manager1.post(`/api/v1/contracts/${id}/approve`));
    await rep1.waitForStatus(id, 'ACTIVE');
    const handle = temporal.workflow.getHandle(contractWorkflowId(id));
    const before = await stored(id);

    await handle.signal(quantitiesDrawnDownSignal);
    // The workflow asked Postgres, which said no.
    await waitFor(async () => (await localActivities(handle)).includes('quantitiesDrawnDown'));
    expect(await stored(id)).toEqual(before);
    expect((await ok(await rep1.get(`/api/v1/contracts/${id}`))).status).toBe('ACTIVE');

    // What checkout's last commit leaves in Postgres, then the signal it sends.
    await db.query(`UPDATE contract_quantity_lines SET drawn_down = quantity WHERE contract_id = $1`, [id]);
    await handle.signal(quantitiesDrawnDownSignal);
    await rep1.waitForStatus(id, 'COMPLETED');
    expect((await stored(id)).lines.at(-1)).toMatchObject({ actor: 'system', action: 'complete' });
  });
});

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('docker-compose.yml keeps Temporal\'s frontend and Web UI off the network', () => {
  /** Each service's published ports, read from the file's plain layout (`  name:`, `    ports:`, `      - "…"`). */
  function publishedPorts(): Record<string, string[]> {
    const lines = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8').split('\n');
    const ports: Record<string, string[]> = {};
    let service: string | undefined;
    let inPorts = false;
    for (const line of lines) {
      const named = /^ {2}([\w-]+):\s*$/.exec(line);
      if (named) { service = named[1]; inPorts = false; continue; }
      if (/^ {4}ports:\s*$/.test(line)) { inPorts = true; continue; }
      if (inPorts && /^ {6}- /.test(line)) { ports[service!] = [...(ports[service!] ?? []), line.replace(/^ {6}- "?([^"#\s]+)"?.*$/, '$1')]; continue; }
      if (!/^ {6}/.test(line)) inPorts = false;
    }
    return ports;
  }

  it('publishes Temporal\'s gRPC port and the Web UI on the host\'s loopback only, and no other service but the API', () => {
    const ports = publishedPorts();
    expect(ports).toEqual({ 'temporal-frontend': ['127.0.0.1:7233:7233'], 'temporal-ui': ['127.0.0.1:8080:8080'], api: ['3000:3000'] });
  });
});
