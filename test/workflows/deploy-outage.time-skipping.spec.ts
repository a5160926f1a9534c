import { ACTION_UPDATES, stateQuery } from '@pactum/workflows';
import { LifecycleTestKit, manager1, rep1, waitForStatus } from './lifecycle-test-kit';

/**
 * A deploy through an outage (issue 23, 10a): connection errors are retried with backoff for the
 * deploy window (hours by default), not five times. Before, the sixth failure in a row ended the
 * contract in DEPLOYMENT_FAILED. Time-skipping server, fake activities: the long backoffs are
 * timers the server skips.
 */
describe('contractLifecycle workflow: a deploy during an outage (time-skipping test server, fake activities)', () => {
  const kit = new LifecycleTestKit();
  const fake = kit.fake;

  beforeAll(() => kit.start());
  afterAll(() => kit.stop());

  it('retries a deploy that fails with connection errors nine times in a row, then deploys it once: no DEPLOYMENT_FAILED, no failure notice', async () => {
    const { contractId, handle } = await kit.startContract(rep1);
    const outage = Array.from({ length: 10 }, () => new Error('Connection terminated unexpectedly'));
    // The first error fails the deploy part of the approval (the approval alone commits); the other nine, the deploy on its own.
    fake.failNext(contractId, 'deploy', ...outage);
    await kit.update(handle, ACTION_UPDATES.submit, { actor: rep1 });
    expect(await kit.update(handle, ACTION_UPDATES.approve, { actor: manager1 })).toMatchObject({ status: 'APPROVED' });

    // The backoffs beyond the first seconds are workflow timers: skip ahead through them.
    for (let i = 0; i < 20 && (await handle.query(stateQuery)).status !== 'ACTIVE'; i++) await kit.env.sleep('1 minute');
    expect(await waitForStatus(handle, 'ACTIVE')).toMatchObject({ status: 'ACTIVE', seq: 5 });
    expect(fake.attemptsOf(contractId, 'deploy')).toHaveLength(11);
    expect(fake.deploysOf(contractId)).toHaveLength(1);
    expect(fake.transitionsOf(contractId).map((e) => e.action)).toEqual(['submit', 'approve', 'startDeploy']);
    expect(fake.noticesOf(contractId)).toEqual(['approvalRequested', 'approved']);
  }, 120_000);
});
