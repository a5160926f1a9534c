import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ok } from '../api/client';
import type { ContractStatus, ContractView } from '../api/types';
import { Escalation, Redline, Time } from '../components/approval';
import { ContractActions, Timeline } from '../contracts/ContractActions';
import { OverlapWarnings } from '../contracts/OverlapWarnings';
import { duration } from '../format';
import { session } from '../session';
import { PageHeading, useFail, useLoad, useSay } from '../ui';

/** After an approval the contract deploys on its own: follow it until it settles (about 20 s at most). */
async function settle(id: string, status: ContractStatus): Promise<ContractStatus> {
  let current = status;
  for (let i = 0; i < 40 && (current === 'APPROVED' || current === 'DEPLOYING'); i++) {
    await new Promise((r) => setTimeout(r, 500));
    current = (await ok(api.GET('/api/v1/contracts/{id}', { params: { path: { id } } }))).status;
  }
  return current;
}

/**
 * One contract (#/contracts/:id): status, the redline against the previous version, the profile,
 * buyers and readable terms; for a sales manager who may decide, the decision panel. An approval
 * is followed until the contract is ACTIVE (or its deployment fails).
 */
export function ContractPage({ id }: { id: string }) {
  const { data } = useLoad(() => ok(api.GET('/api/v1/inbox/{id}', { params: { path: { id } } })), [id]);
  const [status, setStatus] = useState<ContractStatus>();
  const [changes, setChanges] = useState(0);
  const manager = session.has('sales_manager');
  const back = manager ? <a href="#/inbox">{'\u2190 Back to the inbox'}</a> : <a href="#/mine">{'\u2190 Back to my contracts'}</a>;
  if (!data) {
    return <section id="contract-view"><p>{back}</p><PageHeading>Contract</PageHeading></section>;
  }
  const c = data.contract;
  return (
    <section id="contract-view">
      <p>{back}</p>
      <PageHeading>{`${c.code} ${c.version}`}</PageHeading>
      <p>Status: <strong id="contract-status" className="status">{status ?? c.status}</strong></p>
      {data.submittedAt ? (
        <p className="muted">
          {`Submitted by ${data.submitter || '\u2014'}, waiting ${duration(data.waitingSeconds ?? 0)}. Escalates: `}<Escalation item={data} />.
        </p>
      ) : null}
      <OverlapWarnings warnings={data.warnings ?? []} />
      {data.canDecide ? <DecisionPanel contract={c} onStatus={(s) => { setStatus(s); setChanges((n) => n + 1); }} /> : null}
      <ContractActions contract={{ ...c, status: status ?? c.status }} onChange={(next) => { setStatus(next.status); setChanges((n) => n + 1); }} />
      <h2>{data.previousVersion ? `Changes since version ${data.previousVersion.version}` : 'Changes (first version: everything is new)'}</h2>
      <Redline summary={data.redline.summary} changes={data.redline.changes} />
      <h2>Timeline</h2>
      <Timeline id={c.id} refresh={changes} />
      <h2>Profile</h2>
      <Profile c={c} />
      <h2>Buyers</h2>
      {c.buyers.length ? (
        <ul className="plain card">
          {c.buyers.map((b, i) => (
            <li key={i}>
              {b.organization || `Member group ${b.memberGroup}`}
              {b.active === false ? ' \u2014 switched off' : ''}
              {b.startsAt ? `, from ${b.startsAt.slice(0, 10)}` : ''}
              {b.endsAt ? `, until ${b.endsAt.slice(0, 10)}` : ''}
            </li>
          ))}
        </ul>
      ) : <p>No buyers (base contract).</p>}
      <h2>Terms</h2>
      {data.terms.map((t) => (
        <article key={t.sequenceNumber} className="card term">
          <h3>{t.title}</h3>
          {t.lines.length ? <ul className="plain">{t.lines.map((l, i) => <li key={i}>{l}</li>)}</ul> : null}
        </article>
      ))}
    </section>
  );
}

function Profile({ c }: { c: ContractView }) {
  const rows: [string, ReactNode][] = [
    ['Description', c.description], ['Seller', c.seller], ['Account', c.account], ['Currency', c.currency],
    ['Starts', <Time iso={c.startsAt} />], ['Ends', <Time iso={c.endsAt} />], ['Origin', c.origin],
    ['Base contract', c.isBase ? 'yes (this is a base contract)' : c.baseContract ? `${c.baseContract.code} ${c.baseContract.version}` : 'none'],
    ['Credit allowed', c.creditAllowed ? 'yes' : 'no'], ['Force contract price', c.forceContractPrice ? 'yes' : 'no'],
    ['Comment', c.comment], ['Owner', c.owner],
  ];
  return (
    <dl className="profile card">
      {rows.map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`}>{v === null || v === undefined || v === '' ? '\u2014' : v}</dd>])}
    </dl>
  );
}

/** Approve (with an optional comment) or reject (with a required reason). */
function DecisionPanel({ contract: c, onStatus }: { contract: ContractView; onStatus: (s: ContractStatus) => void }) {
  const say = useSay();
  const fail = useFail();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [done, setDone] = useState(false);
  const label = `${c.code} ${c.version}`;

  async function approve(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy('approve');
    try {
      const text = comment.trim();
      const res = (await ok(api.POST('/api/v1/contracts/{id}/approve', { params: { path: { id: c.id } }, body: text ? { comment: text } : {} })));
      setDone(true);
      onStatus(res.status);
      say(`${label} approved; deploying\u2026`, 'ok');
      const final = await settle(c.id, res.status);
      onStatus(final);
      say(`${label} is now ${final}.`, final === 'ACTIVE' ? 'ok' : 'error');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  async function reject(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const text = reason.trim();
    if (!text) {
      say('A rejection needs a reason.', 'error');
      document.getElementById('reject-reason')?.focus();
      return;
    }
    setBusy('reject');
    try {
      const res = (await ok(api.POST('/api/v1/contracts/{id}/reject', { params: { path: { id: c.id } }, body: { reason: text } })));
      setDone(true);
      onStatus(res.status);
      say(`${label} rejected.`, 'ok');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  const off = done || busy !== null;
  return (
    <section className="decision card" aria-labelledby="decision-heading">
      <h2 id="decision-heading">Your decision</h2>
      <form id="approve-form" onSubmit={approve}>
        <label htmlFor="approve-comment">Comment (optional)</label>
        <textarea id="approve-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} disabled={done} />
        <button type="submit" className="primary" disabled={off}>Approve</button>
      </form>
      <form id="reject-form" onSubmit={reject}>
        <label htmlFor="reject-reason">Reason for rejection (required)</label>
        <textarea id="reject-reason" rows={3} required aria-describedby="reject-help" value={reason} onChange={(e) => setReason(e.target.value)} disabled={done} />
        <span id="reject-help" className="muted">The representative sees this reason.</span>
        <button type="submit" className="danger" disabled={off}>Reject</button>
      </form>
    </section>
  );
}
