/** The notifications Pactum sends; each has a folder of templates under libs/notifications/templates. */
export const MAIL_KINDS = [
  'approval-requested',
  'approved',
  'rejected',
  'deployment-failed',
  'expiring-soon',
  'expired',
  'contract-request-received',
  'webhook-disabled',
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

/** Timestamps are Dates or ISO-8601 strings; mails show them in UTC. */
export type MailTime = Date | string;

/** What every contract mail shows about the contract. `url` opens it in the web UI. */
export interface MailContract {
  id: string;
  code: string;
  /** "major.minor", e.g. "1.2". */
  version?: string;
  description?: string;
  seller?: string;
  url: string;
}

interface Greeting {
  /** Display name of the recipient, for "Hello …"; a neutral greeting without it. */
  recipientName?: string;
}

export interface MailDataByKind {
  'approval-requested': Greeting & {
    contract: MailContract;
    submittedBy: string;
    approveUrl: string;
    rejectUrl: string;
    linksExpireAt: MailTime;
    changesSummary?: string;
    /** Reminders and escalations: one line above the request ("Reminder: …"). */
    notice?: string;
    /** "Reminder", "Escalated": put before the subject. */
    subjectTag?: string;
    /** Set when the recipient decides in place of a manager who is away. */
    onBehalfOf?: string;
  };
  approved: Greeting & { contract: MailContract; approvedBy: string; comment?: string };
  rejected: Greeting & { contract: MailContract; rejectedBy: string; reason: string };
  'deployment-failed': Greeting & { contract: MailContract; error: string; attempt?: number };
  'expiring-soon': Greeting & {
    contract: MailContract; endsAt: MailTime; daysLeft: number;
    /** Obligations to buy not met yet: the minimum, what was bought towards it, what remains, the end of its window. */
    unmetObligations?: { amount: string; currency: string; bought: string; remaining: string; endsAt: MailTime }[];
  };
  expired: Greeting & { contract: MailContract; endedAt: MailTime };
  'contract-request-received': Greeting & {
    request: {
      id: string;
      customerName: string;
      requestedBy?: string;
      customerNumber?: string;
      currency?: string;
      message?: string;
    };
    acceptUrl: string;
    declineUrl: string;
    linksExpireAt: MailTime;
  };
  /** To the owner of a webhook subscription disabled after its retry window. `endpoint` has no query string. */
  'webhook-disabled': Greeting & {
    subscription: { id: string; endpoint: string; description?: string };
    disabledAt: MailTime;
    reason: string;
    deliveriesUrl: string;
  };
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}
