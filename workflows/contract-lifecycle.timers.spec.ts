import { dueTimers, nextDeadline, type TimerInputs } from './contract-lifecycle.timers';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const t = (iso: string) => Date.parse(iso);
const inputs = (extra: Partial<TimerInputs> = {}): TimerInputs => ({
  status: 'ACTIVE', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-03-01T00:00:00.000Z',
  timers: { reminders: 0, escalated: false, expiringNoticeSent: false },
  timing: { expiringSoonDays: 10, approvalReminderAfterMs: 2 * HOUR, approvalEscalationAfterMs: 5 * HOUR },
  ...extra,
});
const pending = (timers: Partial<TimerInputs['timers']> = {}) =>
  inputs({ status: 'PENDING_APPROVAL', timers: { reminders: 0, escalated: false, expiringNoticeSent: false, pendingSince: '2026-01-10T00:00:00.000Z', ...timers } });

describe('lifecycle timers', () => {
  it('waits for an Approved contract\'s start, a live one\'s expiring-soon notice then its end, and nothing in other statuses', () => {
    expect(nextDeadline(inputs({ status: 'APPROVED' }))).toBe(t('2026-01-01T00:00:00.000Z'));
    expect(nextDeadline(inputs())).toBe(t('2026-03-01T00:00:00.000Z') - 10 * DAY);
    expect(nextDeadline(inputs({ status: 'SUSPENDED', timers: { reminders: 0, escalated: false, expiringNoticeSent: true } }))).toBe(t('2026-03-01T00:00:00.000Z'));
    expect(nextDeadline(inputs({ timing: { expiringSoonDays: 0, approvalReminderAfterMs: 0, approvalEscalationAfterMs: 0 } }))).toBe(t('2026-03-01T00:00:00.000Z'));
    for (const status of ['DRAFT', 'REJECTED', 'DEPLOYMENT_FAILED', 'EXPIRED'] as const) expect(nextDeadline(inputs({ status }))).toBeUndefined();
    // Pending without a recorded start of the wait (carried from before it was kept): no timer.
    expect(nextDeadline(inputs({ status: 'PENDING_APPROVAL' }))).toBeUndefined();
  });

  it('waits for a pending approval\'s next reminder, and its escalation until it has happened', () => {
    const since = t('2026-01-10T00:00:00.000Z');
    expect(nextDeadline(pending())).toBe(since + 2 * HOUR);
    expect(nextDeadline(pending({ reminders: 2 }))).toBe(since + 5 * HOUR);
    expect(nextDeadline(pending({ reminders: 3 }))).toBe(since + 5 * HOUR);
    expect(nextDeadline(pending({ reminders: 3, escalated: true }))).toBe(since + 8 * HOUR);
  });

  it('takes an expiry alone, the expiring-soon notice once, and escalation before the reminder numbered from the start of the wait', () => {
    const end = t('2026-03-01T00:00:00.000Z');
    expect(dueTimers(inputs(), end - 10 * DAY - 1)).toEqual([]);
    expect(dueTimers(inputs(), end - 10 * DAY)).toEqual([{ type: 'expiringSoon' }]);
    expect(dueTimers(inputs({ timers: { reminders: 0, escalated: false, expiringNoticeSent: true } }), end - DAY)).toEqual([]);
    expect(dueTimers(inputs(), end)).toEqual([{ type: 'expire' }]);
    expect(dueTimers(inputs({ status: 'SUSPENDED' }), end)).toEqual([{ type: 'expire' }]);

    const since = t('2026-01-10T00:00:00.000Z');
    expect(dueTimers(pending(), since + 2 * HOUR - 1)).toEqual([]);
    expect(dueTimers(pending(), since + 2 * HOUR)).toEqual([{ type: 'remind', reminder: 1 }]);
    // A worker that was away for hours sends one reminder, numbered by the time waited, and escalates first.
    expect(dueTimers(pending(), since + 7 * HOUR)).toEqual([{ type: 'escalate' }, { type: 'remind', reminder: 3 }]);
    expect(dueTimers(pending({ reminders: 3, escalated: true }), since + 7 * HOUR)).toEqual([]);
  });
});
