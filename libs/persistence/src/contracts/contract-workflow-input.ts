import type { AppConfig } from '@pactum/config';
import type { ContractDraft, ContractStatus } from '@pactum/domain';
import type { ContractLifecycleInput, LifecycleTiming } from '@pactum/workflows';
import type { ContractRecord } from '../repositories/contract.store';
import { draftOf } from './contract.view';

/** The lifecycle timers configured for new workflows. */
export function lifecycleTiming(config: AppConfig): LifecycleTiming {
  const l = config.lifecycle;
  return {
    expiringSoonDays: l.expiringSoonDays, approvalReminderAfterMs: l.approvalReminderMinutes * 60_000, approvalEscalationAfterMs: l.approvalEscalationMinutes * 60_000,
    deployRetryWindowMs: l.deployRetryWindowMinutes * 60_000,
  };
}

/**
 * What the workflow carries of a contract's content. Price offers stay in Postgres (the workflow
 * never reads them), which keeps a contract of 100,000 offers far below Temporal's payload limit.
 */
export function workflowDraft(draft: ContractDraft): ContractDraft {
  return { ...draft, terms: draft.terms.map((t) => (t.type === 'PriceTCCustomPriceList' ? { ...t, offers: [] } : t)) };
}

/**
 * The input of a workflow started for a contract Postgres already holds (an imported one): the
 * workflow carries the stored state and writes no contract record of its own. The content is not
 * validated again: it was when it was written, and `record` may have been read without its offers
 * (findByIds with `offers: false`), which the workflow does not carry anyway.
 */
export function storedContractInput(record: ContractRecord, timing: LifecycleTiming): ContractLifecycleInput {
  const c = record.contract;
  return {
    contractId: c.id, draft: workflowDraft(draftOf(record) as unknown as ContractDraft), createdBy: c.createdBy, origin: c.origin, owner: c.owner,
    version: { major: c.versionMajor, minor: c.versionMinor }, timing,
    carried: {
      state: {
        status: c.status as ContractStatus, owner: c.owner, sellerRequiresApproval: true, mirrored: c.origin === 'Imported', deleted: false,
        ...(c.submittedBy ? { submittedBy: c.submittedBy } : {}),
      },
      // An imported contract waiting for approval reminds and escalates from when it was imported.
      seq: c.stateSeq, timers: { reminders: 0, escalated: false, expiringNoticeSent: false, ...(c.status === 'PENDING_APPROVAL' ? { pendingSince: new Date(c.updatedAt).toISOString() } : {}) },
    },
  };
}
