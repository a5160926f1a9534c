import type { AlongsideWrite, ApproverDirectory, Approver, ContractEntity, MailOutboxStore, NoticeSubject, NoticeSubjectReader, OutboxMail } from '@pactum/persistence';
import { renderMail, type MailRenderer } from '@pactum/notifications';
import { verifyActionLink } from '@pactum/security';
import { ContractMailNotifier } from './contract-mail.notifier';

const SECRET = 'notifier-spec-secret-of-at-least-32-chars';
const person = (username: string, extra: Partial<Approver> = {}): Approver => ({ username, displayName: username.toUpperCase(), email: `${username}@x.test`, ...extra });

/** `templates`: render with the shipped templates (else a stub), to see what the recipient reads. */
function setup(opts: { approvers?: Approver[]; fallback?: Approver | null; decisionSeq?: number; submittedBy?: string; templates?: boolean; gone?: boolean } = {}) {
  const contract = {
    id: 'c-1', code: 'NWF-1', versionMajor: 1, versionMinor: 2, description: null, sellerDn: 'o=Seller', owner: 'rep1', submittedBy: opts.submittedBy ?? 'rep1',
    stateSeq: 9, deletedAt: null, endsAt: new Date('2027-01-01T00:00:00Z'),
  } as unknown as ContractEntity;
  const queued: { key: string; mail: OutboxMail; data: any }[] = [];
  const calls: { mails: number; alongside?: AlongsideWrite }[] = [];
  const rendered: any[] = [];
  const reads: { approvers: boolean }[] = [];
  const people = [contract.owner, contract.submittedBy] as string[];
  const subjects = {
    read: async (_id: string, { approvers }: { approvers: boolean }): Promise<NoticeSubject | null> => {
      reads.push({ approvers });
      if (opts.gone) return null;
      return {
        contract, decisionSeq: opts.decisionSeq ?? 4, contacts: new Map(people.map((u) => [u, person(u)])),
        // The reader leaves out the owner and the submitter, as here.
        approvers: approvers ? (opts.approvers ?? [person('m1'), person('m2'), person('rep1')]).filter((a) => !people.includes(a.username)) : [],
      };
    },
  } as unknown as NoticeSubjectReader;
  const directory = { fallbackApproverFor: async () => (opts.fallback === undefined ? person('boss') : opts.fallback) } as unknown as ApproverDirectory;
  const outbox = {
    queueAndTryDeliver: async (mails: { mailKey: string; mail: OutboxMail }[], _transport: unknown, alongside?: AlongsideWrite) => {
      calls.push({ mails: mails.length, alongside });
      const first = rendered.length - mails.length;
      mails.forEach(({ mailKey, mail }, i) => queued.push({ key: mailKey, mail, data: rendered[first + i] }));
      return { failures: [] };
    },
  } as unknown as MailOutboxStore;
  const renderer: MailRenderer = { render: (kind, data) => { rendered.push({ kind, ...data }); return opts.templates ? renderMail(kind, data) : { subject: kind, html: '<p/>', text: 'text' }; } };
  const log = { warn: jest.fn(), debug: jest.fn(), info: jest.fn() };
  const notifier = new ContractMailNotifier({
    subjects, directory, outbox, transport: { send: async () => ({ messageId: 'x' }) }, renderer, publicUrl: 'https://pactum.test',
    actionLinks: { secret: SECRET, ttlSeconds: 3600 }, log: log as never, now: () => new Date('2026-06-01T00:00:00Z'),
  });
  return { notifier, queued, reads, log, calls };
}

const notice = (kind: string, extra: object = {}) => ({ key: `c-1/5/${kind}`, kind, contractId: 'c-1', seq: 5, ...extra }) as never;

describe('ContractMailNotifier', () => {
  it('mails each approver a request with their own approve/reject links bound to the last real change, never the owner', async () => {
    const { notifier, queued, reads } = setup({ decisionSeq: 4 });
    await notifier.notify(notice('approvalRequested', { actor: 'rep1' }));
    expect(reads).toEqual([{ approvers: true }]);
    expect(queued.map((q) => [q.key, q.mail.to[0], q.data.kind])).toEqual([
      ['c-1/5/approvalRequested/m1', 'm1@x.test', 'approval-requested'],
      ['c-1/5/approvalRequested/m2', 'm2@x.test', 'approval-requested'],
    ]);
    const token = (url: string) => url.slice('https://pactum.test/actions/'.length);
    const approve = verifyActionLink(token(queued[0]!.data.approveUrl), SECRET, new Date('2026-06-01T00:00:00Z'));
    expect(approve).toMatchObject({ ok: true, payload: { contractId: 'c-1', stateSeq: 4, username: 'm1', action: 'approve' } });
    expect(verifyActionLink(token(queued[1]!.data.rejectUrl), SECRET, new Date('2026-06-01T00:00:00Z'))).toMatchObject({ ok: true, payload: { username: 'm2', action: 'reject' } });
  });

  it('writes `alongside` with the mails it queues, and on its own when the contract is gone', async () => {
    const done = { sql: 'UPDATE contract_notices SET done_at = now() WHERE key = $1', params: ['c-1/5/approved'] };
    const live = setup();
    await live.notifier.notify(notice('approved', { actor: 'm1' }), done);
    expect(live.calls).toEqual([{ mails: 1, alongside: done }]);
    expect(live.reads).toEqual([{ approvers: false }]);
    const gone = setup({ gone: true });
    await gone.notifier.notify(notice('approved', { actor: 'm1' }), done);
    expect(gone.calls).toEqual([{ mails: 0, alongside: done }]);
    expect(gone.queued).toEqual([]);
  });

  it('escalates to the fallback approver and reminds the approvers; a delegate is told whom they stand in for', async () => {
    const { notifier, queued } = setup({ approvers: [person('m2', { onBehalfOf: 'm1' }), person('boss')] });
    await notifier.notify(notice('approvalEscalated'));
    expect(queued.map((q) => [q.mail.to[0], q.data.subjectTag])).toEqual([['boss@x.test', 'Escalated'], ['m2@x.test', 'Reminder']]);
    expect(queued[1]!.data).toMatchObject({ onBehalfOf: 'm1', notice: expect.stringContaining('escalated to BOSS') });
  });

  it('without a fallback approver, reminds the approvers and says so in the log', async () => {
    const { notifier, queued, log } = setup({ fallback: null });
    await notifier.notify(notice('approvalEscalated'));
    expect(queued.map((q) => q.mail.to[0])).toEqual(['m1@x.test', 'm2@x.test']);
    expect(log.warn).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/without a fallback approver/));
  });

  it('sends decisions to the owner and the submitter once, with the reason of a rejection', async () => {
    const { notifier, queued } = setup();
    await notifier.notify(notice('rejected', { actor: 'm1', reason: 'too cheap' }));
    expect(queued.map((q) => [q.key, q.data.kind, q.data.reason, q.data.rejectedBy])).toEqual([['c-1/5/rejected/rep1', 'rejected', 'too cheap', 'm1']]);
  });

  it('tells the owner and a different submitter of an approval, once each', async () => {
    const { notifier, queued } = setup({ submittedBy: 'rep2', templates: true });
    await notifier.notify(notice('approved', { actor: 'm1' }));
    expect(queued.map((q) => [q.key, q.mail.to, q.mail.kind])).toEqual([
      ['c-1/5/approved/rep1', ['rep1@x.test'], 'approved'],
      ['c-1/5/approved/rep2', ['rep2@x.test'], 'approved'],
    ]);
    expect(queued[0]!.mail.subject).toBe('Contract NWF-1 v1.2 approved');
    expect(queued[0]!.mail.text).toContain('was approved by m1');
  });

  it('mails the owner only, not the submitter, when the deployment failed, with the error', async () => {
    const { notifier, queued } = setup({ submittedBy: 'rep2', templates: true });
    await notifier.notify(notice('deploymentFailed', { reason: 'runtime store unreachable: connection refused' }));
    expect(queued.map((q) => [q.key, q.mail.to, q.mail.kind])).toEqual([['c-1/5/deploymentFailed/rep1', ['rep1@x.test'], 'deployment-failed']]);
    expect(queued[0]!.data).toMatchObject({ kind: 'deployment-failed', error: 'runtime store unreachable: connection refused' });
    expect(queued[0]!.mail.subject).toBe('Deployment failed: contract NWF-1 v1.2');
    expect(queued[0]!.mail.text).toContain('Error:\nruntime store unreachable: connection refused');
    expect(queued[0]!.mail.html).toContain('runtime store unreachable: connection refused');
  });

  it('mails the owner only when the contract expired, with the day it ended', async () => {
    const { notifier, queued } = setup({ submittedBy: 'rep2', templates: true });
    await notifier.notify(notice('expired'));
    expect(queued.map((q) => [q.key, q.mail.to, q.mail.kind])).toEqual([['c-1/5/expired/rep1', ['rep1@x.test'], 'expired']]);
    expect(queued[0]!.mail.subject).toBe('Contract NWF-1 v1.2 has expired');
    expect(queued[0]!.mail.text).toContain('expired on 2027-01-01 00:00 UTC');
  });

  it('counts the days left in an expiring-soon notice', async () => {
    const { notifier, queued } = setup();
    await notifier.notify(notice('expiringSoon'));
    expect(queued[0]!.data).toMatchObject({ kind: 'expiring-soon', daysLeft: 214 });
  });
});
