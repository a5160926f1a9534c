import { api, ok } from '../api/client';
import { Time } from '../components/approval';
import { plural } from '../format';
import { PageHeading, Status, useLoad } from '../ui';

/**
 * The representative's own contracts (#/mine, and their start page), newest first: status, the
 * last rejection with its reason, and the status timeline.
 */
export function MyContracts() {
  const { data } = useLoad(() => ok(api.GET('/api/v1/my-contracts', { params: { query: { pageSize: 100 } } })), []);
  return (
    <section id="mine-view">
      <PageHeading>My contracts</PageHeading>
      <p id="mine-summary">{!data ? '' : data.total === 0 ? 'You own no contracts yet.' : `${plural(data.total, 'contract')}, newest first.`}</p>
      <div id="mine-list">
        {data?.items.map((c) => (
          <article key={c.id} className="card" data-id={c.id}>
            <h2><a href={`#/contracts/${c.id}`}>{`${c.code} ${c.version}`}</a> <Status value={c.status} /></h2>
            {c.description ? <p className="muted">{c.description}</p> : null}
            {c.rejection ? (
              <div className="rejection"><strong>{`Rejected by ${c.rejection.by}: `}</strong><span className="reason">{c.rejection.reason}</span></div>
            ) : null}
            <ol className="timeline" aria-label="Status timeline">
              {c.timeline.map((t, i) => (
                <li key={i}>
                  <Time iso={t.at} />
                  {` \u2014 ${t.action} by ${t.actor}: ${t.fromStatus ? `${t.fromStatus} \u2192 ` : ''}${t.toStatus}`}
                  {t.reason ? ` (reason: ${t.reason})` : ''}
                  {t.comment ? ` (comment: ${t.comment})` : ''}
                </li>
              ))}
            </ol>
          </article>
        ))}
      </div>
    </section>
  );
}
