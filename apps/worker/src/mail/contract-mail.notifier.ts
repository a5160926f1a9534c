import type { Logger } from '@pactum/config';
import {
  logQueuedNotSent, type AlongsideWrite, type ApproverDirectory, type Approver, type ContractEntity, type MailOutboxStore, type NoticeSubject,
  type NoticeSubjectReader, type OutboxMail, type OutboxTransport,
} from '@pactum/persistence';
import type { MailContract, MailDataByKind, MailKind, MailRenderer } from '@pactum/notifications';
import { actionLinkExpiry, newActionLinkNonce, signActionLink, type ActionLinkAction } from '@pactum/security';
import type { ContractNotification, ContractNotifier } from './contract-notice.dispatcher';

export interface ContractMailNotifierOptions {
  subjects: NoticeSubjectReader;
  /** For escalations' fallback approver. */
  directory: ApproverDirectory;
  outbox: MailOutboxStore;
  transport: OutboxTransport;
  renderer: MailRenderer;
  /** Where links in mail point (PUBLIC_URL). */
  publicUrl: string;
  actionLinks: { secret: string; ttlSeconds: number };
  log: Logger;
  now?: () => Date;
}

interface Recipient {
  username: string;
  displayName: string | null;
  email: string | null;
}

interface OutgoingMail<K extends MailKind> {
  recipient: Recipient;
  kind: K;
  data: MailDataByKind[K];
}

const DAY_MS = 86_400_000;

/** The notices that go to the seller's approvers. */
const TO_APPROVERS = new Set(['approvalRequested', 'approvalReminder', 'approvalEscalated']);

/**
 * Turns the contract workflow's notices into mail: renders one message per recipient, queues them in
 * the outbox under `<notice key>/<username>` (a retried notice queues nothing new) and sends them at
 * once, in one transaction (MailOutboxStore.queueAndTryDeliver). A send that fails stays queued
 * for the outbox sweeper: the workflow never waits on a mail server.
 *
 * Recipients: approval requests and reminders go to the seller's approvers (delegates stand in
 * for managers who are away; owner and submitter never approve their own contract); an escalation
 * goes to the fallback approver and reminds the approvers; decisions go to the owner and the
 * submitter; deployment failures and expiry notices to the owner.
 */
export class ContractMailNotifier implements ContractNotifier {
  private readonly now: () => Date;

  constructor(private readonly o: ContractMailNotifierOptions) {
    this.now = o.now ?? (() => new Date());
  }

  async notify(n: ContractNotification, alongside?: AlongsideWrite): Promise<void> {
    const subject = await this.o.subjects.read(n.contractId, { approvers: TO_APPROVERS.has(n.kind), at: this.now(), obligations: n.kind === 'expiringSoon' });
    const mails = !subject || subject.contract.deletedAt ? [] : await this.mailsFor(n, subject);
    const queued: { mailKey: string; mail: OutboxMail }[] = [];
    for (const mail of mails) {
      const mailKey = `${n.key}/${mail.recipient.username}`;
      if (!mail.recipient.email) {
        this.o.log.warn({ mailKey, username: mail.recipient.username }, `no e-mail address for ${mail.recipient.username}: ${mail.kind} not sent`);
        continue;
      }
      queued.push({ mailKey, mail: { to: [mail.recipient.email], kind: mail.kind, ...this.o.renderer.render(mail.kind, mail.data as never) } });
    }
    const { failures } = await this.o.outbox.queueAndTryDeliver(queued, this.o.transport, alongside);
    for (const { mailKey, error } of failures) logQueuedNotSent(this.o.log, mailKey, error);
  }

  private async mailsFor(n: ContractNotification, { contract: c, decisionSeq: linkSeq, approvers, contacts, unmetObligations }: NoticeSubject): Promise<OutgoingMail<MailKind>[]> {
    // Links bind to the decision seq, the contract's last real change, so reminders do not void earlier links.
    const summary = this.summary(c);
    const people = [c.owner, c.submittedBy].filter((u): u is string => !!u);
    const toPeople = <K extends MailKind>(usernames: string[], kind: K, data: (r: Recipient) => MailDataByKind[K]): OutgoingMail<MailKind>[] =>
      [...new Set(usernames)].flatMap((username) => {
        const recipient = contacts.get(username);
        return recipient ? [{ recipient, kind, data: data(recipient) } as OutgoingMail<MailKind>] : [];
      });
    switch (n.kind) {
      case 'approvalRequested':
      case 'approvalReminder': {
        const notice = n.kind === 'approvalReminder' ? `Reminder: contract ${c.code} is still waiting for a decision.` : undefined;
        return approvers.map((a) => this.approvalRequest(c, summary, linkSeq, a, notice ? { notice, subjectTag: 'Reminder' } : {}));
      }
      case 'approvalEscalated': {
        const fallback = await this.o.directory.fallbackApproverFor(c.sellerDn);
        const mails: OutgoingMail<MailKind>[] = [];
        if (fallback && !people.includes(fallback.username)) {
          mails.push(this.approvalRequest(c, summary, linkSeq, fallback, {
            notice: `Escalated to you: contract ${c.code} has waited too long for a decision.`, subjectTag: 'Escalated',
          }));
        } else {
          this.o.log.warn({ contractId: c.id, seller: c.sellerDn }, 'escalation without a fallback approver: only the approvers are reminded');
        }
        const remindNotice = fallback ? `Reminder: contract ${c.code} has been escalated to ${fallback.displayName ?? fallback.username}; you can still decide.` : `Reminder: contract ${c.code} is overdue for a decision.`;
        for (const a of approvers.filter((x) => x.username !== fallback?.username)) {
          mails.push(this.approvalRequest(c, summary, linkSeq, a, { notice: remindNotice, subjectTag: 'Reminder' }));
        }
        return mails;
      }
      case 'approved':
        return toPeople(people, 'approved', (r) => ({ recipientName: r.displayName ?? undefined, contract: summary, approvedBy: n.actor ?? 'system' }));
      case 'rejected':
        return toPeople(people, 'rejected', (r) => ({ recipientName: r.displayName ?? undefined, contract: summary, rejectedBy: n.actor ?? 'unknown', reason: n.reason ?? '' }));
      case 'deploymentFailed':
        return toPeople([c.owner], 'deployment-failed', (r) => ({ recipientName: r.displayName ?? undefined, contract: summary, error: n.reason ?? 'unknown error' }));
      case 'expiringSoon':
        return toPeople([c.owner], 'expiring-soon', (r) => ({
          recipientName: r.displayName ?? undefined, contract: summary, endsAt: c.endsAt,
          daysLeft: Math.max(0, Math.ceil((c.endsAt.getTime() - this.now().getTime()) / DAY_MS)),
          ...(unmetObligations?.length ? { unmetObligations } : {}),
        }));
      case 'expired':
        return toPeople([c.owner], 'expired', (r) => ({ recipientName: r.displayName ?? undefined, contract: summary, endedAt: c.endsAt }));
      default:
        return [];
    }
  }

  private approvalRequest(c: ContractEntity, contract: MailContract, stateSeq: number, to: Approver, extra: { notice?: string; subjectTag?: string }): OutgoingMail<'approval-requested'> {
    const expiresAt = actionLinkExpiry(this.now(), this.o.actionLinks.ttlSeconds);
    const link = (action: ActionLinkAction) => `${this.o.publicUrl}/actions/${signActionLink({ contractId: c.id, stateSeq, username: to.username, action, expiresAt, nonce: newActionLinkNonce() }, this.o.actionLinks.secret)}`;
    return {
      recipient: to,
      kind: 'approval-requested',
      data: {
        recipientName: to.displayName ?? undefined, contract, submittedBy: c.submittedBy ?? c.owner,
        approveUrl: link('approve'), rejectUrl: link('reject'), linksExpireAt: expiresAt,
        ...(to.onBehalfOf ? { onBehalfOf: to.onBehalfOf } : {}), ...extra,
      },
    };
  }

  private summary(c: ContractEntity): MailContract {
    return {
      id: c.id, code: c.code, version: `${c.versionMajor}.${c.versionMinor}`, description: c.description ?? undefined, seller: c.sellerDn,
      url: `${this.o.publicUrl}/#/contracts/${encodeURIComponent(c.id)}`, // the web app's contract page
    };
  }
}
