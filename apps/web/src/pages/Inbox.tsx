import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import type { Delegation, InboxItem, InboxPage } from '../api/types';
import { Escalation } from '../components/approval';
import { dateTime, duration, plural } from '../format';
import { session } from '../session';
import { PageHeading, useFail, useSay } from '../ui';

const PAGE_SIZE = 200;

function summaryOf(data: InboxPage): string {
  if (data.total === 0) return 'Nothing waits for you.';
  return `${data.total}${data.total === 1 ? ' contract waits' : ' contracts wait'} for you, oldest first`
    + (data.total > data.items.length ? ` (the first ${data.items.length} are shown)` : '') + '.';
}

function changesOf(it: InboxItem): string {
  if (it.changes.total === 0) return 'no changes';
  return plural(it.changes.total, 'change') + (it.previousVersion ? ` since ${it.previousVersion.version}` : ' (first version)');
}

/**
 * The sales manager's inbox (#/inbox, and their start page): what waits for them, oldest first,
 * with buyers, value, submitter, waiting time and time to escalation; several can be approved at
 * once, each with its own result.
 */
export function Inbox() {
  const say = useSay();
  const fail = useFail();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [data, setData] = useState<InboxPage>();
  /** Reads the inbox again; resolves once the rows on screen are the new ones. */
  const load = useCallback(async () => {
    const page = await ok(api.GET('/api/v1/inbox', { params: { query: { pageSize: PAGE_SIZE } } }));
    setData(page);
    // Keep only the ticks of rows still shown.
    setSelected((s) => new Set(page.items.filter((i) => s.has(i.id)).map((i) => i.id)));
  }, []);
  useEffect(() => { load().catch(fail); }, [load, fail]);
  const [covers, setCovers] = useState<Delegation[]>([]);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/delegations')).then((d) => { if (live) setCovers(d); }, fail);
    return () => { live = false; };
  }, [fail]);
  const items = data?.items ?? [];
  const allTicked = items.length > 0 && items.every((i) => selected.has(i.id));

  function tick(id: string, on: boolean) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function approveSelected(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ids = items.filter((i) => selected.has(i.id)).map((i) => i.id);
    if (!ids.length) return;
    setBusy(true);
    try {
      const res = await ok(api.POST('/api/v1/inbox/approve', { body: { ids } }));
      const failures = res.results.flatMap((r) => (r.ok ? [] : [`${r.id.slice(0, 8)}: ${r.message}`]));
      await load();
      say(`${res.approved} approved` + (failures.length ? `, ${failures.length} failed \u2014 ${failures.join('; ')}` : '.'), failures.length ? 'error' : 'ok');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const n = items.filter((i) => selected.has(i.id)).length;
  return (
    <section id="inbox-view">
      <PageHeading>Waiting for your approval</PageHeading>
      <p id="inbox-summary">{data ? summaryOf(data) : ''}</p>
      <CoverNote delegations={covers} />
      <form id="bulk" onSubmit={approveSelected}>
        <div className="toolbar">
          <label className="check">
            <input type="checkbox" id="select-all" checked={allTicked} disabled={items.length === 0}
              onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())} /> Select all
          </label>
          <button type="submit" className="primary" id="approve-selected" disabled={n === 0 || busy}>
            {n ? `Approve selected (${n})` : 'Approve selected'}
          </button>
        </div>
        <table className="inbox">
          <caption className="sr">Contracts waiting for approval, oldest first</caption>
          <thead>
            <tr>
              <th scope="col"><span className="sr">Select</span></th><th scope="col">Contract</th><th scope="col">Buyers</th><th scope="col">Value</th>
              <th scope="col">Submitted by</th><th scope="col">Waiting</th><th scope="col">Escalates</th>
            </tr>
          </thead>
          <tbody id="inbox-rows">
            {items.map((it) => {
              const label = `${it.code} ${it.version}`;
              return (
                <tr key={it.id} data-id={it.id}>
                  <td data-label="Select">
                    <input type="checkbox" name="ids" value={it.id} aria-label={`Select ${label}`} checked={selected.has(it.id)} onChange={(e) => tick(it.id, e.target.checked)} />
                  </td>
                  <td data-label="Contract" className="contract">
                    <div>
                      <a href={`#/contracts/${it.id}`}>{label}</a>
                      {it.description ? <div className="muted">{it.description}</div> : null}
                      <div className="muted">{changesOf(it)}</div>
                      {it.warningCount ? <div className="overlap-count">{plural(it.warningCount, 'overlap')} with other contracts</div> : null}
                    </div>
                  </td>
                  <td data-label="Buyers">
                    <ul>
                      {it.buyers.map((b, i) => <li key={i}>{b}</li>)}
                      {it.buyerCount > it.buyers.length ? <li>{`and ${it.buyerCount - it.buyers.length} more`}</li> : null}
                    </ul>
                  </td>
                  <td data-label="Value" className="value">{it.value.label}</td>
                  <td data-label="Submitted by">{it.submitter || '\u2014'}</td>
                  <td data-label="Waiting" className="time"><span title={it.submittedAt}>{duration(it.waitingSeconds)}</span></td>
                  <td data-label="Escalates" className="time"><Escalation item={it} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </form>
    </section>
  );
}

/** Who covers whom right now, as far as this inbox is concerned (the Delegations page has the details). */
function CoverNote({ delegations }: { delegations: Delegation[] }) {
  const me = session.get()?.user;
  const now = Date.now();
  const running = delegations.filter((d) => Date.parse(d.startsAt) <= now);
  const forOthers = running.filter((d) => d.delegate === me);
  const forMe = running.filter((d) => d.delegator === me);
  if (!forOthers.length && !forMe.length) return null;
  return (
    <p id="cover-note" className="muted">
      {forOthers.length ? `You cover ${forOthers.map((d) => `${d.delegator} (until ${dateTime(d.endsAt)})`).join(', ')}: their contracts are listed here too. ` : ''}
      {forMe.length ? `${forMe.map((d) => `${d.delegate} covers you until ${dateTime(d.endsAt)}`).join(', ')}. ` : ''}
      <a href="#/delegations">Delegations</a>
    </p>
  );
}
