import { api, ok } from '../api/client';
import { dateTime } from '../format';
import { session } from '../session';
import { PageHeading, useLoad } from '../ui';

interface Bar { key: string; label: string; value: number; href: string; text: string; tone?: string }

/** A list of labelled bars: every bar is a link to the list behind it, its numbers are text. */
function Bars({ title, id, bars, max }: { title: string; id: string; bars: Bar[]; max?: number }) {
  const top = Math.max(1, max ?? Math.max(0, ...bars.map((b) => b.value)));
  return (
    <section className="card chart" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {bars.length === 0 ? <p className="muted">Nothing to show.</p> : (
        <ul className="bars">
          {bars.map((b) => (
            <li key={b.key} data-key={b.key}>
              <a href={b.href}>
                <span className="bar-label">{b.label}</span>
                <span className="bar-track" aria-hidden="true"><span className={`bar-fill ${b.tone ?? ''}`} style={{ width: `${Math.min(100, (100 * b.value) / top)}%` }} /></span>
                <span className="bar-value">{b.text}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const WAITING_LABEL = (from: number, to: number | null) => (to === null ? `${from} days or more` : from === 0 ? `under ${to} day${to === 1 ? '' : 's'}` : `${from}–${to} days`);

/**
 * Contracts by status, approvals waiting by age, contracts expiring soon and right-to-buy
 * consumption: each figure links to the list behind it.
 */
export function Dashboard() {
  const { data } = useLoad(() => ok(api.GET('/api/v1/dashboard', {})), []);
  const manager = session.has('sales_manager');
  if (!data) return <section><PageHeading>Dashboard</PageHeading><p>Loading…</p></section>;
  const total = data.byStatus.reduce((n, s) => n + s.count, 0);
  return (
    <section className="dashboard">
      <PageHeading>Dashboard</PageHeading>
      <p className="muted">{total} contracts you can see · as of {dateTime(data.generatedAt)}</p>
      <div className="tiles">
        {data.expiring.map((e) => (
          <a key={e.withinDays} className="tile" href={`#/contracts?expiringWithinDays=${e.withinDays}`} data-days={e.withinDays}>
            <span className="tile-value">{e.count}</span>
            <span className="tile-label">expiring within {e.withinDays} days</span>
          </a>
        ))}
      </div>
      <div className="charts">
        <Bars title="Contracts by status" id="chart-status" bars={data.byStatus.map((s) => ({
          key: s.status, label: s.status.replace(/_/g, ' ').toLowerCase(), value: s.count, text: String(s.count), href: `#/contracts?status=${s.status}`, tone: `status-${s.status.toLowerCase()}`,
        }))} />
        <Bars title="Approvals waiting, by age" id="chart-waiting" bars={data.waiting.map((w, i) => ({
          key: String(w.fromDays), label: WAITING_LABEL(w.fromDays, w.toDays), value: w.count, text: String(w.count),
          href: manager ? '#/inbox' : '#/contracts?status=PENDING_APPROVAL', tone: ['fresh', 'aging', 'late', 'overdue'][i],
        }))} />
      </div>
      <Bars title="Right-to-buy consumption" id="chart-rtb" max={1} bars={data.rightToBuy.map((r) => ({
        key: r.contract.id, label: `${r.contract.code} ${r.contract.version}`, value: r.share,
        text: `${r.consumed} of ${r.limit} ${r.currency} (${Math.round(r.share * 100)}%)`, href: `#/contracts/${r.contract.id}`,
        tone: r.share >= 0.9 ? 'overdue' : r.share >= 0.7 ? 'late' : 'fresh',
      }))} />
    </section>
  );
}
