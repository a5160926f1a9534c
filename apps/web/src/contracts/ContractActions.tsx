import { useState, type FormEvent } from 'react';
import { api, download, ok } from '../api/client';
import type { components } from '../api/schema';
import { dateTime } from '../format';
import { go } from '../router';
import { session } from '../session';
import { useFail, useLoad, useSay } from '../ui';

type Contract = components['schemas']['Contract'];
const EDITABLE = ['DRAFT', 'REJECTED'];
const VERSIONABLE = ['APPROVED', 'ACTIVE', 'SUSPENDED'];
const ENDED = ['CANCELLED', 'CLOSED', 'EXPIRED', 'ARCHIVED', 'COMPLETED'];

/**
 * What the owning representative (or an admin) does with a contract from its page: edit, submit,
 * make a new version, duplicate, cancel with a reason, export; each offered only where its state allows.
 */
export function ContractActions({ contract: c, onChange }: { contract: Contract; onChange: (c: Contract) => void }) {
  const say = useSay();
  const fail = useFail();
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const mayAct = session.has('admin') || (session.has('account_rep') && session.get()?.user === c.owner);
  if (!mayAct && !session.has('integration')) return null;
  const label = `${c.code} ${c.version}`;

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    try { await fn(); } catch (err) { fail(err); } finally { setBusy(false); }
  }
  const submit = () => run(async () => {
    const next = await ok(api.POST('/api/v1/contracts/{id}/submit', { params: { path: { id: c.id } }, body: {} }));
    onChange(next);
    say(`${label} submitted: ${next.status}.`, 'ok');
  });
  const newVersion = () => run(async () => {
    const v = await ok(api.POST('/api/v1/contracts/{id}/new-version', { params: { path: { id: c.id } } }));
    go(`/contracts/${v.id}/edit`);
  });
  async function cancel(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (!reason) { say('A cancellation needs a reason.', 'error'); return; }
    await run(async () => {
      const next = await ok(api.POST('/api/v1/contracts/{id}/cancel', { params: { path: { id: c.id } }, body: { reason } }));
      onChange(next);
      setCancelling(false);
      say(`${label} cancelled.`, 'ok');
    });
  }

  return (
    <section className="card rep-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div className="toolbar">
        {mayAct && EDITABLE.includes(c.status) ? <a className="button" href={`#/contracts/${c.id}/edit`}>Edit</a> : null}
        {mayAct && c.status === 'DRAFT' ? <button type="button" className="primary" disabled={busy} onClick={submit}>Submit for approval</button> : null}
        {mayAct && VERSIONABLE.includes(c.status) ? <button type="button" disabled={busy} onClick={newVersion}>New version</button> : null}
        {mayAct ? <a className="button" href={`#/contracts/new?copy=${c.id}`}>Duplicate</a> : null}
        {mayAct && c.isBase ? <a className="button" href={`#/contracts/new?base=${c.id}`}>New contract on this base</a> : null}
        <button type="button" disabled={busy} onClick={() => run(() => download(`/api/v1/contracts/${c.id}/export.xml`, `${c.code}-${c.version}.xml`))}>Export XML</button>
        {mayAct && !ENDED.includes(c.status) && !cancelling ? <button type="button" className="danger" disabled={busy} onClick={() => setCancelling(true)}>Cancel contract…</button> : null}
      </div>
      {cancelling ? (
        <form className="cancel-form" onSubmit={cancel}>
          <label htmlFor="cancel-reason">Reason for cancelling (required)</label>
          <textarea id="cancel-reason" name="reason" rows={2} required autoFocus />
          <div className="toolbar">
            <button type="submit" className="danger" disabled={busy}>Cancel {label}</button>
            <button type="button" onClick={() => setCancelling(false)}>Keep it</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** Every step of the contract's life with its actor, newest last (the audit trail). */
export function Timeline({ id, refresh }: { id: string; refresh: unknown }) {
  const { data } = useLoad(() => ok(api.GET('/api/v1/contracts/{id}/history', { params: { path: { id } } })), [id, refresh]);
  if (!data) return null;
  return (
    <ol className="timeline card" aria-label="Timeline">
      {data.map((h, i) => (
        <li key={i}>
          <time dateTime={h.at}>{dateTime(h.at)}</time> — {h.action} by {h.actor}: {h.fromStatus ? `${h.fromStatus} → ` : ''}{h.toStatus}
          {typeof h.detail?.reason === 'string' ? ` (reason: ${h.detail.reason})` : ''}{typeof h.detail?.comment === 'string' ? ` (comment: ${h.detail.comment})` : ''}
        </li>
      ))}
    </ol>
  );
}
