import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { LifecycleEvent } from '@pactum/domain';
import { ContractNoticeStore, ContractStore, createDataSource, type AlongsideWrite } from '@pactum/persistence';
import { ContractNoticeDispatcher, type ContractNotification } from '@pactum/worker';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;

/** The workflow's notices: queued with their step in Postgres, mailed by the worker's dispatcher. */
describe('ContractNoticeDispatcher (Postgres)', () => {
  let ds: DataSource;
  let store: ContractStore;
  let notices: ContractNoticeStore;
  const dispatchers: ContractNoticeDispatcher[] = [];

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 4 }).initialize();
    store = new ContractStore(ds);
    notices = new ContractNoticeStore(ds);
  });
  afterEach(async () => { await Promise.all(dispatchers.splice(0).map((d) => d.stop())); });
  afterAll(() => ds.destroy());

  async function submittedContract(queue: string, seqOverride?: Partial<LifecycleEvent>): Promise<{ id: string; submit: LifecycleEvent }> {
    const id = randomUUID();
    await store.createDraft({ id, workflowId: `wf-${id}`, draft: draftBody(), origin: 'Manual', createdBy: 'rep1', at: new Date().toISOString() });
    const submit: LifecycleEvent = {
      contractId: id, seq: 2, at: new Date().toISOString(), actor: 'rep1', action: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL',
      submittedBy: 'rep1', notice: { kind: 'approvalRequested', actor: 'rep1' }, ...seqOverride,
    };
    await store.recordTransition(submit, queue);
    return { id, submit };
  }

  function dispatcher(queue: string, send: (n: ContractNotification, alongside?: AlongsideWrite) => Promise<void>, extra: { retryAfterMs?: number; maxAttempts?: number; listen?: boolean } = {}) {
    const d = new ContractNoticeDispatcher({
      notices, notifier: { notify: send }, log: quiet, taskQueue: queue,
      databaseUrl: extra.listen === false ? undefined : testStack().databaseUrl, pollMs: 60_000, retryAfterMs: extra.retryAfterMs, maxAttempts: extra.maxAttempts,
    });
    dispatchers.push(d);
    return d;
  }

  /** What a notifier does with the dispatcher's `alongside` (the real one writes it with the notice's mails). */
  const writeDone = async (alongside?: AlongsideWrite) => { await ds.query(alongside!.sql, alongside!.params); };

  async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('mails a notice queued with its step once, woken by NOTIFY (no poll), and only the notices of its own queue', async () => {
    const queue = `q-${randomUUID()}`;
    const other = `q-${randomUUID()}`;
    const sent: ContractNotification[] = [];
    const d = dispatcher(queue, async (n, alongside) => { sent.push(n); await writeDone(alongside); });
    await d.start();
    await d.idle();
    const { id, submit } = await submittedContract(queue);
    await store.recordTransition(submit, queue); // a retried activity: the step and its notice exist once
    await submittedContract(other);
    await eventually(() => sent.length >= 1);
    await d.idle();
    expect(sent).toEqual([{ key: `${id}/2/approvalRequested`, kind: 'approvalRequested', contractId: id, seq: 2, actor: 'rep1', reason: undefined }]);
    expect(await notices.waiting(queue)).toBe(0);
    expect(await notices.waiting(other)).toBe(1);
  });

  it('marks a notice done with the statement that queues its mail, and leaves it waiting when that transaction rolls back', async () => {
    const queue = `q-${randomUUID()}`;
    let attempt = 0;
    const d = dispatcher(queue, async (_n, alongside) => {
      attempt++;
      // What the mail notifier does: the outbox's transaction writes `alongside` with the mails.
      await ds.transaction(async (m) => {
        await m.query(alongside!.sql, alongside!.params);
        if (attempt === 1) throw new Error('commit failed');
      });
    }, { retryAfterMs: 0, listen: false });
    const { id } = await submittedContract(queue);
    await d.start();
    await d.idle();
    expect(attempt).toBe(1);
    expect(await notices.waiting(queue)).toBe(1);
    expect((await ds.query(`SELECT last_error FROM contract_notices WHERE contract_id = $1`, [id]))[0].last_error).toBe('commit failed');
    d.wake();
    await d.idle();
    expect(attempt).toBe(2);
    expect(await notices.waiting(queue)).toBe(0);
    expect((await ds.query(`SELECT done_at IS NOT NULL AS done, last_error FROM contract_notices WHERE contract_id = $1`, [id]))[0]).toEqual({ done: true, last_error: null });
  });

  it('leaves a notice waiting when the notifier did not write its done mark (a notifier that queues nothing writes it on its own)', async () => {
    const queue = `q-${randomUUID()}`;
    let calls = 0;
    const d = dispatcher(queue, async (_n, alongside) => {
      if (++calls > 1) await writeDone(alongside);
    }, { retryAfterMs: 0, listen: false });
    await submittedContract(queue);
    await d.start();
    await d.idle();
    expect(await notices.waiting(queue)).toBe(1);
    d.wake();
    await d.idle();
    expect(calls).toBe(2);
    expect(await notices.waiting(queue)).toBe(0);
  });

  it('queues nothing for a step that was refused (its transaction rolled back)', async () => {
    const queue = `q-${randomUUID()}`;
    const { id } = await submittedContract(queue, { notice: undefined });
    // seq 2 is taken by the submit: a different step with that number is refused, with its notice.
    await expect(store.recordTransition({
      contractId: id, seq: 2, at: new Date().toISOString(), actor: 'm1', action: 'approve', fromStatus: 'PENDING_APPROVAL', toStatus: 'APPROVED',
      notice: { kind: 'approved', actor: 'm1' },
    }, queue)).rejects.toMatchObject({ code: 'CONTRACT_CHANGED' });
    expect(Number((await ds.query(`SELECT count(*) AS n FROM contract_notices WHERE contract_id = $1`, [id]))[0].n)).toBe(0);
  });

  it('retries a notice whose mail failed, and gives it up after maxAttempts with the error kept', async () => {
    const queue = `q-${randomUUID()}`;
    let calls = 0;
    const flaky = dispatcher(queue, async (_n, alongside) => { calls++; if (calls === 1) throw new Error('mail server down'); await writeDone(alongside); }, { retryAfterMs: 0, listen: false });
    const { id } = await submittedContract(queue);
    await flaky.start();
    await flaky.idle();
    expect(calls).toBe(1);
    expect(await notices.waiting(queue)).toBe(1);
    expect((await ds.query(`SELECT last_error FROM contract_notices WHERE contract_id = $1`, [id]))[0].last_error).toBe('mail server down');
    flaky.wake();
    await flaky.idle();
    expect(calls).toBe(2);
    expect(await notices.waiting(queue)).toBe(0);

    const broken = `q-${randomUUID()}`;
    let tries = 0;
    const hopeless = dispatcher(broken, async () => { tries++; throw new Error('refused'); }, { retryAfterMs: 0, maxAttempts: 3, listen: false });
    const { id: id2 } = await submittedContract(broken);
    await hopeless.start();
    for (let i = 0; i < 5; i++) { hopeless.wake(); await hopeless.idle(); }
    expect(tries).toBe(3);
    expect(await notices.waiting(broken)).toBe(0);
    const [row] = await ds.query(`SELECT attempts, last_error, done_at FROM contract_notices WHERE contract_id = $1`, [id2]);
    expect(row).toMatchObject({ attempts: 3, last_error: 'refused' });
    expect(row.done_at).not.toBeNull();
  });
});
