import type { ApprovalTiming, RedlineChange, RedlineSummary } from '../api/types';
import { dateTime, duration } from '../format';

/** A UTC time as text, with its machine-readable value. */
export function Time({ iso }: { iso: string | null | undefined }) {
  return iso ? <time dateTime={iso}>{dateTime(iso)}</time> : <>{'\u2014'}</>;
}

/** When a pending approval escalates: never, escalated, due now, or in how long. */
export function Escalation({ item }: { item: ApprovalTiming }) {
  if (item.escalatesAt === null || item.escalatesAt === undefined) return <span>never</span>;
  if (item.escalated) return <span className="overdue">Escalated</span>;
  if ((item.secondsLeft ?? 0) <= 0) return <span className="overdue">Due now</span>;
  return <span title={item.escalatesAt}>in {duration(item.secondsLeft ?? 0)}</span>;
}

const KIND: Record<RedlineChange['kind'], string> = { added: '+ Added', removed: '\u2212 Removed', changed: '~ Changed' };
const REDLINE_SHOWN = 500;

/** What changed against the previous version: each change with its kind, what it is, and the old and new values. */
export function Redline({ summary, changes }: { summary: RedlineSummary; changes: RedlineChange[] }) {
  if (!changes.length) return <p>Nothing changed.</p>;
  const shown = changes.slice(0, REDLINE_SHOWN);
  return (
    <div>
      <p className="muted">
        {`${summary.added} added, ${summary.removed} removed, ${summary.changed} changed`}
        {shown.length < changes.length ? ` (the first ${shown.length} are listed)` : ''}.
      </p>
      <ul className="redline" aria-label="Changes">
        {shown.map((ch, i) => (
          <li key={`${ch.path}-${i}`} className={`change ${ch.kind}`}>
            <span className="kind">{KIND[ch.kind]}</span>
            <span className="what">{ch.label}</span>
            <span className="values">
              {ch.before !== undefined ? <del><span className="sr">was: </span>{ch.before}</del> : null}
              {ch.after !== undefined ? <ins><span className="sr">now: </span>{ch.after}</ins> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
