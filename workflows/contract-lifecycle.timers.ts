import type { ContractStatus } from '@pactum/domain';
import type { LifecycleTiming, TimerState } from './contract-lifecycle.messages';

const DAY_MS = 86_400_000;

/** What the lifecycle's timers depend on. */
export interface TimerInputs {
  status: ContractStatus;
  startsAt: string;
  endsAt: string;
  timers: TimerState;
  timing: LifecycleTiming;
}

/** A timer that is due, as the step or audit note the workflow takes for it. */
export type DueTimer =
  | { type: 'expire' }
  | { type: 'expiringSoon' }
  | { type: 'escalate' }
  | { type: 'remind'; reminder: number };

const isLive = (status: ContractStatus) => status === 'ACTIVE' || status === 'SUSPENDED';

/**
 * The next moment a timer fires: an Approved contract's start, a live contract's end and its
 * "expiring soon" notice, a pending approval's next reminder and its escalation. Undefined when
 * no timer runs in this status.
 */
export function nextDeadline({ status, startsAt, endsAt, timers, timing }: TimerInputs): number | undefined {
  const candidates: number[] = [];
  if (status === 'APPROVED') candidates.push(Date.parse(startsAt));
  if (isLive(status)) {
    candidates.push(Date.parse(endsAt));
    if (!timers.expiringNoticeSent && timing.expiringSoonDays > 0) candidates.push(Date.parse(endsAt) - timing.expiringSoonDays * DAY_MS);
  }
  if (status === 'PENDING_APPROVAL' && timers.pendingSince) {
    const since = Date.parse(timers.pendingSince);
    if (timing.approvalReminderAfterMs > 0) candidates.push(since + (timers.reminders + 1) * timing.approvalReminderAfterMs);
    if (!timers.escalated && timing.approvalEscalationAfterMs > 0) candidates.push(since + timing.approvalEscalationAfterMs);
  }
  return candidates.length ? Math.min(...candidates) : undefined;
}

/**
 * The timers due at `now`, in the order the workflow takes them. An expiry comes alone (it ends
 * the others); a reminder carries its number, counted from the start of the wait, so reminders
 * missed while the worker was down are not sent one by one.
 */
export function dueTimers({ status, endsAt, timers, timing }: TimerInputs, now: number): DueTimer[] {
  const ends = Date.parse(endsAt);
  if (isLive(status) && now >= ends) return [{ type: 'expire' }];
  const due: DueTimer[] = [];
  if (isLive(status) && !timers.expiringNoticeSent && timing.expiringSoonDays > 0 && now >= ends - timing.expiringSoonDays * DAY_MS) {
    due.push({ type: 'expiringSoon' });
  }
  if (status === 'PENDING_APPROVAL' && timers.pendingSince) {
    const since = Date.parse(timers.pendingSince);
    if (!timers.escalated && timing.approvalEscalationAfterMs > 0 && now >= since + timing.approvalEscalationAfterMs) {
      due.push({ type: 'escalate' });
    }
    if (timing.approvalReminderAfterMs > 0 && now >= since + (timers.reminders + 1) * timing.approvalReminderAfterMs) {
      due.push({ type: 'remind', reminder: Math.floor((now - since) / timing.approvalReminderAfterMs) });
    }
  }
  return due;
}
