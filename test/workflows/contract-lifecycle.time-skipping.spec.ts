import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowCommandSigner } from '@pactum/security';
import { ACTION_UPDATES, CONTRACT_WORKFLOW_TYPE, contractWorkflowId, editUpdate, quantitiesDrawnDownSignal, stateQuery } from '@pactum/workflows';
import { draftBody } from '../support/contract-fixtures';
import {
  DAY, INCOMPLETE, LifecycleTestKit, SELLER_WITHOUT_APPROVAL, iso, manager1, refusal, rep1, rep2, repManager, waitFor, waitForStatus,
} from './lifecycle-test-kit';

/**
 * The contract workflow's steps on the Temporal time-skipping test server, with fake in-memory
 * activities: what the workflow decides, and what and in which order it asks the activities to
 * persist. Its timers are in contract-lifecycle-timers.time-skipping.spec.ts.
 */
describe('contractLifecycle workflow: steps (time-skipping test server, fake activities)', () => {
  const kit = new LifecycleTestKit();
  const fake = kit.fake;

  beforeAll(() => kit.start());
  afterAll(() => kit.stop());

  it('runs created → submit → approve (deployed with the approval) → ACTIVE in three local activities, persisting each step once and in order', async () => {
    const { contractId, input, handle, created } = await kit.startContract(rep1);
    expect(created).toEqual({ contractId, status: 'DRAFT', seq: 1, owner: 'rep1', submittedBy: undefined, deleted: false });
    expect(fake.created.filter((c) => c.id === contractId)).toEqual([expect.objectContaining({
      id: contractId, workflowId: contractWorkflowId(contractId), draft: input.draft, origin: 'Manual', createdBy: 'rep1', owner: 'rep1',
    })]);

    const submitted = await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    expect(submitted).toMatchObject({ status: 'PENDING_APPROVAL', seq: 2, submittedBy: 'rep1' });
    // The contract starts now: the approval is recorded with its deploy, and answers ACTIVE.
    const approved = await kit.update(handle, ACTION_UPDATES.approve, { actor: manager1, comment: 'looks good' });
    expect(approved).toEqual({ contractId, status: 'ACTIVE', seq: 5, owner: 'rep1', submittedBy: 'rep1', deleted: false });
    expect(await handle.query(stateQuery)).toEqual(approved);

    expect(fake.transitionsOf(contractId)).toEqual([
      expect.objectContaining({ seq: 2, action: 'submit', actor: 'rep1', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL', submittedBy: 'rep1' }),
      expect.objectContaining({ seq: 3, action: 'approve', actor: 'manager1', fromStatus: 'PENDING_APPROVAL', toStatus: 'APPROVED', detail: { comment: 'looks good' } }),
      expect.objectContaining({ seq: 4, action: 'startDeploy', actor: 'system', fromStatus: 'APPROVED', toStatus: 'DEPLOYING' }),
    ]);
    expect(fake.deploysOf(contractId)).toEqual([
      expect.objectContaining({ seq: 5, action: 'deploySucceeded', actor: 'system', fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' }),
    ]);
    expect(fake.attemptsOf(contractId, 'record').map((e) => e.seq)).toEqual([2, 3]);
    expect(fake.attemptsOf(contractId, 'deploy').map((e) => e.seq)).toEqual([5]);
    expect(fake.callsOf(contractId)).toEqual(['createContractRecord', 'submitContract', 'approveAndDeploy'].map((activity) => ({ activity, contractId, isLocal: true })));
    // Each notice travels with the step that causes it, keyed by that step's number.
    expect(fake.notices.filter((n) => n.contractId === contractId)).toEqual([
      { key: `${contractId}/2/approvalRequested`, contractId, seq: 2, kind: 'approvalRequested', actor: 'rep1' },
      { key: `${contractId}/3/approved`, contractId, seq: 3, kind: 'approved', actor: 'manager1' },
    ]);
  });

  it('refuses self-approval by a sales manager who owns the contract, writing nothing', async () => {
    const { contractId, handle } = await kit.startContract(repManager);
    await kit.update(handle, ACTION_UPDATES.submit, { actor: repManager });
    expect(fake.attemptsOf(contractId, 'record')).toHaveLength(1);

    const failure = await refusal(kit.update(handle, ACTION_UPDATES.approve, { actor: repManager }));
    expect(failure.type).toBe('forbidden');
    expect(failure.details?.[0]).toMatchObject({ code: 'SELF_APPROVAL' });

    expect(fake.attemptsOf(contractId, 'record')).toHaveLength(1);
    expect(fake.callsOf(contractId).map((c) => c.activity)).toEqual(['createContractRecord', 'submitContract']);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'PENDING_APPROVAL', seq: 2 });
  });

  it('refuses approval by a rep who is not a sales manager (forbidden)', async () => {
    const { contractId, handle } = await kit.startContract(rep1);
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });

    const failure = await refusal(kit.update(handle, ACTION_UPDATES.approve, { actor: rep2 }));
    expect(failure.type).toBe('forbidden');
    expect(failure.details?.[0]).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(fake.transitionsOf(contractId).map((e) => e.action)).toEqual(['submit']);
  });

  it('refuses approving a DRAFT (conflict)', async () => {
    const { contractId, handle } = await kit.startContract(rep1);

    const failure = await refusal(kit.update(handle, ACTION_UPDATES.approve, { actor: manager1 }));
    expect(failure.type).toBe('conflict');
    expect(failure.details?.[0]).toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    expect(fake.transitionsOf(contractId)).toEqual([]);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'DRAFT', seq: 1 });
  });

  it('refuses a rejection without a reason (validation)', async () => {
    const { contractId, handle } = await kit.startContract(rep1);
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });

    const failure = await refusal(kit.update(handle, ACTION_UPDATES.reject, { actor: manager1 }));
    expect(failure.type).toBe('validation');
    const blank = await refusal(kit.update(handle, ACTION_UPDATES.reject, { actor: manager1, reason: '   ' }));
    expect(blank.type).toBe('validation');
    expect(fake.transitionsOf(contractId).map((e) => e.action)).toEqual(['submit']);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'PENDING_APPROVAL' });
  });

  it('refuses to submit when the submission check fails, writing nothing', async () => {
    const { contractId, handle } = await kit.startContract(rep1, draftBody({ description: INCOMPLETE }));
    const failure = await refusal(kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 }));
    expect(failure.type).toBe('validation');
    expect(failure.details?.[0]).toMatchObject({ details: [{ field: 'terms' }] });
    expect(fake.transitionsOf(contractId)).toEqual([]);
    expect(fake.noticesOf(contractId)).toEqual([]);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'DRAFT', seq: 1 });
  });

  it('goes from submit straight to APPROVED, and deploys in one step to ACTIVE, when the seller requires no approval', async () => {
    const { contractId, handle } = await kit.startContract(rep1, draftBody({ seller: SELLER_WITHOUT_APPROVAL }));

    const submitted = await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    expect(submitted).toMatchObject({ status: 'APPROVED', seq: 2 });
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ status: 'ACTIVE', seq: 4 });

    expect(fake.transitionsOf(contractId)).toEqual([
      expect.objectContaining({ seq: 2, action: 'submit', actor: 'rep1', fromStatus: 'DRAFT', toStatus: 'APPROVED' }),
      expect.objectContaining({ seq: 3, action: 'startDeploy', actor: 'system', fromStatus: 'APPROVED', toStatus: 'DEPLOYING' }),
    ]);
    expect(fake.deploysOf(contractId)).toEqual([expect.objectContaining({ seq: 4, fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' })]);
    expect(fake.callsOf(contractId).map((c) => c.activity)).toEqual(['createContractRecord', 'submitContract', 'deployApproved']);
    // Nobody is asked to approve.
    expect(fake.noticesOf(contractId)).toEqual([]);
  });

  it('ends in DEPLOYMENT_FAILED when the deploy fails with the approval and again on its own, and the owner\'s deploy retries it to ACTIVE', async () => {
    const { contractId, handle } = await kit.startContract(rep1);
    fake.failNext(contractId, 'deploy', ApplicationFailure.nonRetryable('boom'), ApplicationFailure.nonRetryable('boom'));
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    // The deploy part fails: the approval is recorded alone.
    const approved = await kit.update(handle, ACTION_UPDATES.approve, { actor: manager1 });
    expect(approved).toMatchObject({ status: 'APPROVED', seq: 3 });

    // The failed attempt keeps number 5; the failure is recorded as 6, so it wins even if attempt 5 had committed.
    expect(await waitForStatus(handle, 'DEPLOYMENT_FAILED')).toMatchObject({ seq: 6 });
    // Non-retryable: one attempt on its own after the one with the approval, and nothing deployed.
    expect(fake.attemptsOf(contractId, 'deploy').map((e) => e.seq)).toEqual([5, 5]);
    expect(fake.transitionsOf(contractId).map((e) => e.action)).toEqual(['submit', 'approve', 'startDeploy', 'deployFailed']);
    expect(fake.deploysOf(contractId)).toEqual([]);
    const failed = fake.transitionsOf(contractId).at(-1)!;
    expect(failed).toMatchObject({ seq: 6, action: 'deployFailed', actor: 'system', fromStatus: 'DEPLOYING', toStatus: 'DEPLOYMENT_FAILED' });
    expect(String(failed.detail?.reason)).toContain('boom');
    // The owner is told, with the error, by the notice that travels with the DEPLOYMENT_FAILED step.
    expect(fake.noticesOf(contractId)).toEqual(['approvalRequested', 'approved', 'deploymentFailed']);
    const notice = fake.notices.find((n) => n.contractId === contractId && n.kind === 'deploymentFailed')!;
    expect(notice).toMatchObject({ key: `${contractId}/6/deploymentFailed`, seq: 6 });
    expect(notice.reason).toContain('boom');

    const retried = await kit.update(handle, ACTION_UPDATES.deploy, { actor: rep1 });
    expect(retried).toMatchObject({ status: 'DEPLOYING', seq: 7 });
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ seq: 8 });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ seq: 7, action: 'startDeploy', actor: 'rep1', fromStatus: 'DEPLOYMENT_FAILED', toStatus: 'DEPLOYING' });
    expect(fake.deploysOf(contractId)).toEqual([expect.objectContaining({ seq: 8, fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' })]);
    expect(fake.callsOf(contractId).map((c) => c.activity)).toEqual([
      'createContractRecord', 'submitContract', 'approveAndDeploy', 'deployApproved', 'recordTransition', 'recordTransition', 'recordTransition', 'deployContract',
    ]);
    expect(fake.callsOf(contractId).every((c) => c.isLocal)).toBe(true);
    // The successful retry tells nobody of a failure again.
    expect(fake.noticesOf(contractId).filter((k) => k === 'deploymentFailed')).toHaveLength(1);
  });

  it('records an approval alone while the start lies ahead, and an early `deploy` then deploys the contract from DEPLOYING', async () => {
    const now = await kit.env.currentTimeMs();
    const { contractId, handle } = await kit.startContract(rep1, draftBody({ startsAt: iso(now + 30 * DAY), endsAt: iso(now + 400 * DAY) }));
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    const approved = await kit.update(handle, ACTION_UPDATES.approve, { actor: manager1 });
    expect(approved).toMatchObject({ status: 'APPROVED', seq: 3 });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ seq: 3, action: 'approve', notice: { kind: 'approved', actor: 'manager1' } });

    const deploying = await kit.update(handle, ACTION_UPDATES.deploy, { actor: rep1 });
    expect(deploying).toMatchObject({ status: 'DEPLOYING', seq: 4 });
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ seq: 5 });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ seq: 4, action: 'startDeploy', actor: 'rep1', fromStatus: 'APPROVED', toStatus: 'DEPLOYING' });
    expect(fake.deploysOf(contractId)).toEqual([expect.objectContaining({ seq: 5, action: 'deploySucceeded', fromStatus: 'DEPLOYING', toStatus: 'ACTIVE' })]);
    expect(fake.callsOf(contractId).map((c) => c.activity)).toEqual(['createContractRecord', 'submitContract', 'recordTransition', 'recordTransition', 'deployContract']);
  });

  it('retries an infrastructure error of the submit step and the update still succeeds, persisting the step once', async () => {
    const { contractId, handle } = await kit.startContract(rep1);
    fake.failNext(contractId, 'record', new Error('connection terminated unexpectedly'));

    const submitted = await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    expect(submitted).toMatchObject({ status: 'PENDING_APPROVAL', seq: 2 });
    // The same event twice (first attempt failed), persisted once.
    expect(fake.attemptsOf(contractId, 'record').map((e) => e.seq)).toEqual([2, 2]);
    expect(fake.transitionsOf(contractId)).toEqual([expect.objectContaining({ seq: 2, action: 'submit', toStatus: 'PENDING_APPROVAL' })]);
    expect(fake.callsOf(contractId).map((c) => c.activity)).toEqual(['createContractRecord', 'submitContract', 'submitContract']);
  }, 45_000);

  it('completes the workflow when the owner deletes a rejected contract', async () => {
    const { contractId, handle } = await kit.startContract(rep1);
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    const rejected = await kit.update(handle, ACTION_UPDATES.reject, { actor: manager1, reason: 'price too low' });
    expect(rejected).toMatchObject({ status: 'REJECTED', seq: 3 });

    const deleted = await kit.update(handle, ACTION_UPDATES.delete, { actor: rep1 });
    expect(deleted).toMatchObject({ deleted: true, seq: 4 });
    expect(await handle.result()).toEqual({ contractId, status: 'REJECTED', seq: 4, owner: 'rep1', submittedBy: 'rep1', deleted: true });

    expect(fake.transitionsOf(contractId).slice(1)).toEqual([
      expect.objectContaining({ seq: 3, action: 'reject', actor: 'manager1', fromStatus: 'PENDING_APPROVAL', toStatus: 'REJECTED', detail: { reason: 'price too low' } }),
      expect.objectContaining({ seq: 4, action: 'delete', actor: 'rep1', fromStatus: 'REJECTED', toStatus: 'REJECTED', deleted: true }),
    ]);
    expect(fake.notices.filter((n) => n.contractId === contractId).at(-1)).toMatchObject({ seq: 3, kind: 'rejected', actor: 'manager1', reason: 'price too low' });
  });

  it('edits a rejected contract back to DRAFT through replaceContractContent, and refuses a change of its code', async () => {
    const { contractId, handle, input } = await kit.startContract(rep1);
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    await kit.update(handle, ACTION_UPDATES.reject, { actor: manager1, reason: 'too cheap' });
    const changed = { ...input.draft, description: 'second try' };
    const edited = await kit.update(handle, editUpdate, { actor: rep1, draft: changed });
    expect(edited).toMatchObject({ status: 'DRAFT', seq: 4 });
    expect(fake.edits.filter((e) => e.event.contractId === contractId)).toEqual([
      { event: expect.objectContaining({ seq: 4, action: 'edit', fromStatus: 'REJECTED', toStatus: 'DRAFT', actor: 'rep1' }), draft: changed },
    ]);
    const renamed = await refusal(kit.update(handle, editUpdate, { actor: rep1, draft: { ...changed, code: 'OTHER' } }));
    expect(renamed.type).toBe('validation');
    const notOwner = await refusal(kit.update(handle, editUpdate, { actor: rep2, draft: changed }));
    expect(notOwner.type).toBe('forbidden');
    expect(fake.edits.filter((e) => e.event.contractId === contractId)).toHaveLength(1);
    // The resubmit checks the edited draft.
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ seq: 5, action: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL' });
  });

  it('refuses to suspend a base contract that active contracts refer to, and suspends it once none does', async () => {
    const { contractId, handle } = await kit.startContract(rep1, draftBody({ isBase: true }));
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    await kit.update(handle, ACTION_UPDATES.approve, { actor: manager1 });
    fake.baseInUse.add(contractId);
    const failure = await refusal(kit.update(handle, ACTION_UPDATES.suspend, { actor: manager1 }));
    expect(failure.type).toBe('conflict');
    expect(failure.details?.[0]).toMatchObject({ code: 'BASE_CONTRACT_IN_USE' });
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'ACTIVE' });
    fake.baseInUse.delete(contractId);
    expect(await kit.update(handle, ACTION_UPDATES.suspend, { actor: manager1 })).toMatchObject({ status: 'SUSPENDED' });
  });

  it('a newer version\'s deploy tells the older version\'s workflow, which takes CLOSED from Postgres and completes', async () => {
    const older = await kit.startContract(rep1);
    await kit.update(older.handle, ACTION_UPDATES.submit, { actor: rep1 });
    const active = await kit.update(older.handle, ACTION_UPDATES.approve, { actor: manager1 });
    expect(active.status).toBe('ACTIVE');
    const newerId = randomUUID();
    fake.closes.set(newerId, [{ contractId: older.contractId, workflowId: contractWorkflowId(older.contractId) }]);
    fake.stored.set(older.contractId, { status: 'CLOSED', seq: active.seq + 1 });
    const newer = await kit.startContract(rep1, older.input.draft, { contractId: newerId, version: { major: 1, minor: 1 }, previousVersionId: older.contractId });
    await kit.update(newer.handle, ACTION_UPDATES.submit, { actor: rep1 });
    expect(await kit.update(newer.handle, ACTION_UPDATES.approve, { actor: manager1 })).toMatchObject({ status: 'ACTIVE' });
    expect(await older.handle.result()).toMatchObject({ status: 'CLOSED', seq: active.seq + 1 });
    expect(fake.callsOf(older.contractId).at(-1)).toMatchObject({ activity: 'loadLifecycle', isLocal: true });
    expect(fake.created.find((c) => c.id === newerId)).toMatchObject({ version: { major: 1, minor: 1 }, previousVersionId: older.contractId, owner: 'rep1' });
  });

  describe('signed commands (the trust boundary around Temporal)', () => {
    it('sees the command key the worker defined in front of the bundle in every workflow of the reused V8 context: each verifies its own signed updates', async () => {
      // Several workflows interleaved in one worker (reuseV8Context, the default): each swaps in its own globals.
      const started = await Promise.all([kit.startContract(rep1), kit.startContract(rep1), kit.startContract(rep1)]);
      const submitted = await Promise.all(started.map(({ handle }) => kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 })));
      expect(submitted.map((s) => s.status)).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL', 'PENDING_APPROVAL']);
    });

    it('refuses an unsigned update, and one signed with another key, before it is accepted: nothing runs, the next signed update still does', async () => {
      const { contractId, handle } = await kit.startContract(rep1);
      const unsigned = await refusal(handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: rep1 }] }));
      expect({ type: unsigned.type, code: (unsigned.details?.[0] as { code?: string }).code }).toEqual({ type: 'forbidden', code: 'UNSIGNED_COMMAND' });
      const now = await kit.env.currentTimeMs();
      const other = new WorkflowCommandSigner('another-secret-that-is-at-least-32-chars', () => now);
      const forged = await refusal(handle.executeUpdate(ACTION_UPDATES.submit, other.update(handle.workflowId, ACTION_UPDATES.submit, { actor: rep1 })));
      expect(forged.message).toMatch(/signature does not verify/);
      expect(fake.callsOf(contractId).map((c) => c.activity)).toEqual(['createContractRecord']);
      expect(await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 })).toMatchObject({ status: 'PENDING_APPROVAL' });
    });

    it('fails an unsigned start at once, before any activity runs', async () => {
      const contractId = randomUUID();
      const handle = await kit.env.client.workflow.start(CONTRACT_WORKFLOW_TYPE, {
        args: [{ contractId, draft: draftBody(), createdBy: 'mallory', origin: 'Manual' }], workflowId: contractWorkflowId(contractId), taskQueue: kit.taskQueue,
      });
      const failure = await handle.result().then(() => undefined, (e: unknown) => e as WorkflowFailedError);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect(failure!.cause).toMatchObject({ type: 'forbidden', message: expect.stringMatching(/not signed/) });
      expect(fake.callsOf(contractId)).toEqual([]);
    });

    it('completes a quantity contract on quantitiesDrawnDown only once Postgres says every quantity is drawn down', async () => {
      const { contractId, handle } = await kit.startContract(rep1);
      await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
      expect(await kit.update(handle, ACTION_UPDATES.approve, { actor: manager1 })).toMatchObject({ status: 'ACTIVE' });
      await handle.signal(quantitiesDrawnDownSignal);
      await waitFor(() => fake.callsOf(contractId).some((c) => c.activity === 'quantitiesDrawnDown'));
      expect((await handle.query(stateQuery)).status).toBe('ACTIVE');
      fake.drawnDown.add(contractId);
      await handle.signal(quantitiesDrawnDownSignal);
      await waitForStatus(handle, 'COMPLETED');
      expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'complete', fromStatus: 'ACTIVE', toStatus: 'COMPLETED' });
    });
  });
});
