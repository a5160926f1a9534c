import { useState, type FormEvent } from 'react';
import { ApiError, api, ok } from '../api/client';
import type { Delegation, DelegationRequest } from '../api/types';
import { Time } from '../components/approval';
import { session } from '../session';
import { Field, PageHeading, useFail, useLoad, useSay } from '../ui';

/** A datetime-local value (the browser's time zone) as an ISO instant; undefined when empty or unreadable. */
function instant(local: string): string | undefined {
  if (!local) return undefined;
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

const running = (d: Delegation) => Date.parse(d.startsAt) <= Date.now();

/**
 * Out of office (#/delegations, sales managers): name a sales manager who decides in your place
 * for a period, end such a delegation early, and see who covers whom (given and received).
 */
export function Delegations() {
  const me = session.get()?.user ?? '';
  const say = useSay();
  const fail = useFail();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { data, reload } = useLoad(() => ok(api.GET('/api/v1/delegations')), []);
  const given = (data ?? []).filter((d) => d.delegator === me);
  const received = (data ?? []).filter((d) => d.delegate === me);

  async function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const values = new FormData(form);
    const body: DelegationRequest = { delegate: String(values.get('delegate') ?? '').trim(), endsAt: instant(String(values.get('endsAt') ?? '')) ?? '' };
    const startsAt = instant(String(values.get('startsAt') ?? ''));
    if (startsAt) body.startsAt = startsAt;
    setBusy(true);
    setErrors({});
    try {
      const d = await ok(api.POST('/api/v1/delegations', { body }));
      form.reset();
      reload();
      say(`${d.delegate} covers your approvals until ${d.endsAt.slice(0, 16).replace('T', ' ')} UTC.`, 'ok');
    } catch (err) {
      if (err instanceof ApiError) setErrors(Object.fromEntries(err.details.filter((x) => x.field).map((x) => [x.field!, x.message])));
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function end(d: Delegation) {
    try {
      await ok(api.DELETE('/api/v1/delegations/{id}', { params: { path: { id: d.id } } }));
      reload();
      say(`The delegation to ${d.delegate} has ended.`, 'ok');
    } catch (err) {
      fail(err);
    }
  }

  return (
    <section id="delegations-view">
      <PageHeading>Delegations</PageHeading>
      <p>While you are away, another sales manager decides in your place: new approval requests, reminders and escalations go to them, and their decisions are recorded on your behalf.</p>
      <form id="delegation-form" className="card narrow" onSubmit={start} noValidate>
        <h2>Start a delegation</h2>
        <Field id="delegate" label="Delegate (a sales manager's user name)" error={errors.delegate}>
          <input id="delegate" name="delegate" required autoComplete="off" aria-invalid={errors.delegate ? true : undefined}
            aria-describedby={errors.delegate ? 'delegate-error' : undefined} />
        </Field>
        <Field id="startsAt" label="From (optional)" hint="Your local time; empty: now." error={errors.startsAt}>
          <input id="startsAt" name="startsAt" type="datetime-local" aria-invalid={errors.startsAt ? true : undefined}
            aria-describedby={errors.startsAt ? 'startsAt-hint startsAt-error' : 'startsAt-hint'} />
        </Field>
        <Field id="endsAt" label="Until" hint="Your local time." error={errors.endsAt}>
          <input id="endsAt" name="endsAt" type="datetime-local" required aria-invalid={errors.endsAt ? true : undefined}
            aria-describedby={errors.endsAt ? 'endsAt-hint endsAt-error' : 'endsAt-hint'} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>Start delegation</button>
      </form>

      <h2 id="given-heading">Who covers you</h2>
      {!data ? null : given.length ? (
        <DelegationTable rows={given} labelledBy="given-heading" onEnd={end} />
      ) : <p id="given-none">Nobody covers you.</p>}

      <h2 id="received-heading">Whom you cover</h2>
      {!data ? null : received.length ? (
        <DelegationTable rows={received} labelledBy="received-heading" />
      ) : <p id="received-none">You cover nobody.</p>}
    </section>
  );
}

function DelegationTable({ rows, labelledBy, onEnd }: { rows: Delegation[]; labelledBy: string; onEnd?: (d: Delegation) => void }) {
  return (
    <table className="inbox delegations" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Who covers whom</th><th scope="col">From</th><th scope="col">Until</th><th scope="col">State</th>
          {onEnd ? <th scope="col"><span className="sr">Action</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} data-id={d.id}>
            <td data-label="Who covers whom">{`${d.delegate} covers ${d.delegator}`}</td>
            <td data-label="From" className="time"><Time iso={d.startsAt} /></td>
            <td data-label="Until" className="time"><Time iso={d.endsAt} /></td>
            <td data-label="State">{running(d) ? 'running' : 'planned'}</td>
            {onEnd ? (
              <td data-label="Action">
                <button type="button" onClick={() => onEnd(d)} aria-label={`End the delegation to ${d.delegate}`}>End</button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
