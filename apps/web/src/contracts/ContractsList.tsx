import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { day, plural } from '../format';
import { go, routeQuery } from '../router';
import { session } from '../session';
import { PageHeading, Status, useFail, useLoad } from '../ui';
import type { Contract } from './model';

export const STATUSES = ['DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'DEPLOYING', 'DEPLOYMENT_FAILED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'CANCELLED', 'CLOSED', 'COMPLETED', 'ARCHIVED'];
const PAGE_SIZE = 50;

/** Contracts the user may see, searched by code, buyer, status and "expiring within N days". */
export function ContractsList({ path }: { path: string }) {
  const q = routeQuery(path);
  const fail = useFail();
  const [busy, setBusy] = useState('');
  const page = Number(q.get('page') ?? 1);
  const { data } = useLoad(async () => {
    const query: Record<string, string> = { page: String(page), pageSize: String(PAGE_SIZE) };
    for (const k of ['search', 'code', 'buyer', 'status', 'expiringWithinDays']) if (q.get(k)) query[k] = q.get(k)!;
    return ok(api.GET('/api/v1/contracts', { params: { query } }));
  }, [path]);
  const isRep = session.has('account_rep') || session.has('admin');

  function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (String(v).trim()) params.set(k, String(v).trim());
    go(`/contracts${params.size ? `?${params}` : ''}`);
  }

  async function newVersion(c: Contract) {
    setBusy(c.id);
    try {
      const v = await ok(api.POST('/api/v1/contracts/{id}/new-version', { params: { path: { id: c.id } } }));
      go(`/contracts/${v.id}/edit`);
    } catch (err) {
      fail(err);
      setBusy('');
    }
  }

  const link = (p: number) => { const n = new URLSearchParams(q); n.set('page', String(p)); return `#/contracts?${n}`; };
  return (
    <section>
      <PageHeading>Contracts</PageHeading>
      {isRep ? (
        <p className="toolbar"><a className="button primary" href="#/contracts/new">New contract</a></p>
      ) : null}
      <form className="card search" role="search" aria-label="Search contracts" onSubmit={search}>
        <div className="field"><label htmlFor="s-search">Search text</label><input id="s-search" name="search" type="search" placeholder="Code, description or buyer" defaultValue={q.get('search') ?? ''} /></div>
        <div className="field"><label htmlFor="s-code">Code</label><input id="s-code" name="code" defaultValue={q.get('code') ?? ''} /></div>
        <div className="field"><label htmlFor="s-buyer">Buyer (exact name)</label><input id="s-buyer" name="buyer" defaultValue={q.get('buyer') ?? ''} /></div>
        <div className="field">
          <label htmlFor="s-status">Status</label>
          <select id="s-status" name="status" defaultValue={q.get('status') ?? ''}>
            <option value="">Any</option>{STATUSES.map((s) => <option key={s}>{s}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="s-expiring">Expiring within (days)</label><input id="s-expiring" name="expiringWithinDays" inputMode="numeric" defaultValue={q.get('expiringWithinDays') ?? ''} /></div>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Search</button></div>
      </form>
      {data ? (
        <>
          <p id="contracts-summary">{data.total === 0 ? 'No contract matches.' : `${plural(data.total, 'contract')}${data.total > data.items.length ? `, ${data.items.length} on this page` : ''}.`}</p>
          <table className="inbox contracts">
            <caption className="sr">Contracts</caption>
            <thead><tr><th scope="col">Contract</th><th scope="col">Status</th><th scope="col">Buyers</th><th scope="col">In force</th><th scope="col">Owner</th><th scope="col"><span className="sr">Actions</span></th></tr></thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id} data-id={c.id}>
                  <td data-label="Contract" className="contract"><a href={`#/contracts/${c.id}`}>{c.code} {c.version}</a>{c.isBase ? <span className="muted"> (base)</span> : null}{c.description ? <div className="muted">{c.description}</div> : null}</td>
                  <td data-label="Status"><Status value={c.status} /></td>
                  <td data-label="Buyers"><ul>{c.buyers.slice(0, 3).map((b, i) => <li key={i}>{b.organization ?? `Member group ${b.memberGroup}`}</li>)}{c.buyers.length > 3 ? <li>and {c.buyers.length - 3} more</li> : null}</ul></td>
                  <td data-label="In force" className="time">{day(c.startsAt)} – {day(c.endsAt)}</td>
                  <td data-label="Owner">{c.owner}</td>
                  <td data-label="Actions" className="actions">
                    {isRep && ['DRAFT', 'REJECTED'].includes(c.status) ? <a href={`#/contracts/${c.id}/edit`} aria-label={`Edit ${c.code} ${c.version}`}>Edit</a> : null}
                    {isRep && ['APPROVED', 'ACTIVE', 'SUSPENDED'].includes(c.status) ? <button type="button" className="small" disabled={busy === c.id} onClick={() => newVersion(c)} aria-label={`New version of ${c.code} ${c.version}`}>New version</button> : null}
                    {isRep ? <a href={`#/contracts/new?copy=${c.id}`} aria-label={`Duplicate ${c.code} ${c.version}`}>Duplicate</a> : null}
                    {isRep && c.isBase ? <a href={`#/contracts/new?base=${c.id}`} aria-label={`New contract on base ${c.code}`}>Use as base</a> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            {page > 1 ? <a href={link(page - 1)}>← Previous</a> : null}
            {page * PAGE_SIZE < data.total ? <a href={link(page + 1)}>Next →</a> : null}
          </nav>
        </>
      ) : <p>Loading…</p>}
    </section>
  );
}
