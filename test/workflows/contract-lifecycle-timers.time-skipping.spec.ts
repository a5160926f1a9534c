import { ApplicationFailure } from '@temporalio/common';
import type { ContractDraft } from '@pactum/domain';
import { ACTION_UPDATES, stateQuery } from '@pactum/workflows';
import { draftBody } from '../support/contract-fixtures';
import { DAY, HOUR, LifecycleTestKit, iso, manager1, rep1, waitFor, waitForStatus } from './lifecycle-test-kit';

/**
 * The contract workflow's durable timers on the Temporal time-skipping test server, with fake
 * in-memory activities: a start that lies ahead, the expiring-soon notice and the expiry, and the
 * reminders and escalation of a pending approval (TIMING in the kit: remind every 2 h, escalate
 * after 5 h, expiring soon 10 days ahead).
 */
describe('contractLifecycle workflow: timers (time-skipping test server, fake activities)', () => {
  const kit = new LifecycleTestKit();
  const fake = kit.fake;

  beforeAll(() => kit.start());
  afterAll(() => kit.stop());

  /** Submits and approves; returns the started contract. */
  async function approved(draft: ContractDraft) {
    const started = await kit.startContract(rep1, draft);
    await kit.update(started.handle, ACTION_UPDATES.submit, { actor: rep1 });
    await kit.update(started.handle, ACTION_UPDATES.approve, { actor: manager1 });
    return started;
  }

  it('keeps an Approved contract whose start lies ahead APPROVED until its start, then deploys it in one step', async () => {
    const now = await kit.env.currentTimeMs();
    const { contractId, handle } = await approved(draftBody({ startsAt: iso(now + 3 * DAY), endsAt: iso(now + 400 * DAY) }));
    await kit.env.sleep(2 * DAY);
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'APPROVED', seq: 3 });
    expect(fake.deploysOf(contractId)).toEqual([]);
    await kit.env.sleep(1 * DAY + HOUR);
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ seq: 5 });
    expect(fake.callsOf(contractId).map((c) => c.activity)).toEqual(['createContractRecord', 'submitContract', 'recordTransition', 'deployApproved']);
    expect(fake.transitionsOf(contractId).slice(-2)).toEqual([
      expect.objectContaining({ seq: 3, action: 'approve', toStatus: 'APPROVED' }),
      expect.objectContaining({ seq: 4, action: 'startDeploy', actor: 'system', toStatus: 'DEPLOYING' }),
    ]);
    expect(fake.noticesOf(contractId)).toEqual(['approvalRequested', 'approved']);
  });

  it('sends the expiring-soon notice N days before the end, once, and expires at the end', async () => {
    const now = await kit.env.currentTimeMs();
    const { contractId, handle } = await approved(draftBody({ startsAt: iso(now - DAY), endsAt: iso(now + 20 * DAY) }));
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'ACTIVE' });
    await kit.env.sleep(9 * DAY);
    expect(fake.noticesOf(contractId)).not.toContain('expiringSoon');
    await kit.env.sleep(2 * DAY);
    await waitFor(() => fake.noticesOf(contractId).includes('expiringSoon'));
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'expiringSoon', fromStatus: 'ACTIVE', toStatus: 'ACTIVE', detail: { days: 10 } });
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'ACTIVE' });
    await kit.env.sleep(10 * DAY);
    expect(await waitForStatus(handle, 'EXPIRED')).toMatchObject({ status: 'EXPIRED' });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'expire', actor: 'system', fromStatus: 'ACTIVE', toStatus: 'EXPIRED' });
    await waitFor(() => fake.noticesOf(contractId).includes('expired'));
    expect(fake.noticesOf(contractId).filter((k) => k === 'expiringSoon')).toHaveLength(1);
  });

  it('keeps the run alive when a timer step fails for good: the expiry is taken again an hour later', async () => {
    const now = await kit.env.currentTimeMs();
    const { contractId, handle } = await approved(draftBody({ startsAt: iso(now - DAY), endsAt: iso(now + 20 * DAY) }));
    await kit.env.sleep(11 * DAY);
    await waitFor(() => fake.noticesOf(contractId).includes('expiringSoon'));
    fake.failNext(contractId, 'record', ApplicationFailure.create({ type: 'validation', message: 'value out of range', nonRetryable: true }));
    await kit.env.sleep(9 * DAY + 10 * 60_000);
    await waitFor(() => fake.attemptsOf(contractId, 'record').some((e) => e.action === 'expire'));
    expect(await handle.query(stateQuery)).toMatchObject({ status: 'ACTIVE' });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await kit.env.sleep(HOUR);
    expect(await waitForStatus(handle, 'EXPIRED')).toMatchObject({ status: 'EXPIRED' });
    expect(fake.attemptsOf(contractId, 'record').filter((e) => e.action === 'expire')).toHaveLength(2);
    expect(fake.transitionsOf(contractId).filter((e) => e.action === 'expire')).toHaveLength(1);
  });

  it('expires a suspended contract too', async () => {
    const now = await kit.env.currentTimeMs();
    const { contractId, handle } = await approved(draftBody({ startsAt: iso(now - DAY), endsAt: iso(now + 5 * DAY) }));
    await kit.update(handle, ACTION_UPDATES.suspend, { actor: manager1, reason: 'credit hold' });
    await kit.env.sleep(6 * DAY);
    expect(await waitForStatus(handle, 'EXPIRED')).toMatchObject({ status: 'EXPIRED' });
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'expire', fromStatus: 'SUSPENDED', toStatus: 'EXPIRED' });
  });

  it('reminds the approvers while a decision waits and escalates once past the deadline; the decision stops both', async () => {
    const { contractId, handle } = await kit.startContract(rep1);
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    await kit.env.sleep(HOUR);
    expect(fake.noticesOf(contractId)).toEqual(['approvalRequested']);
    await kit.env.sleep(HOUR + 60_000);
    await waitFor(() => fake.noticesOf(contractId).includes('approvalReminder'));
    expect(fake.transitionsOf(contractId).at(-1)).toMatchObject({ action: 'remind', fromStatus: 'PENDING_APPROVAL', toStatus: 'PENDING_APPROVAL', detail: { reminder: 1 } });
    await kit.env.sleep(3 * HOUR + 60_000);
    await waitFor(() => fake.noticesOf(contractId).includes('approvalEscalated'));
    const actions = fake.transitionsOf(contractId).map((e) => e.action);
    expect(actions.filter((a) => a === 'escalate')).toHaveLength(1);
    expect(actions.filter((a) => a === 'remind')).toHaveLength(2);
    // The decision still works (deployed with the approval), and stops the timers.
    const decided = await kit.update(handle, ACTION_UPDATES.approve, { actor: manager1 });
    expect(decided.status).toBe('ACTIVE');
    const count = fake.noticesOf(contractId).length;
    await kit.env.sleep(10 * HOUR);
    expect(fake.noticesOf(contractId)).toHaveLength(count);
    expect(fake.noticesOf(contractId).filter((k) => k === 'approvalReminder' || k === 'approvalEscalated')).toHaveLength(count - 2);
  });
});
