import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, download, ok } from '../api/client';
import type { components } from '../api/schema';
import { session } from '../session';
import { go, routeQuery } from '../router';
import { PageHeading, Status, useFail, useLoad, useSay } from '../ui';
import { dateTime, plural } from '../format';

type ImportJob = components['schemas']['ImportJob'];

const KINDS = [
  { value: 'xml', label: 'WebSphere Commerce Package (XML)', type: 'application/xml' },
  { value: 'contracts', label: 'Contracts (CSV export)', type: 'text/csv' },
  { value: 'contract-buyers', label: 'Contract buyers (CSV export)', type: 'text/csv' },
  { value: 'contract-products', label: 'Contract products (CSV export)', type: 'text/csv' },
];

/** Sends the file as the import's body (XML or CSV as they are) and answers the new job's id. */
async function upload(file: File, kind: string, dryRun: boolean, createMissing: boolean): Promise<string> {
  const k = KINDS.find((x) => x.value === kind)!;
  const params = new URLSearchParams({ dryRun: String(dryRun), createMissing: String(createMissing) });
  if (k.value !== 'xml') params.set('kind', k.value);
  const res = await fetch(`/api/v1/imports?${params}`, { method: 'POST', body: file, headers: { 'content-type': k.type, authorization: `Bearer ${session.get()?.token ?? ''}` } });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) session.end('Your session has ended: please sign in again.');
  if (!res.ok) throw new ApiError(res.status, body.message ?? res.statusText, body.details ?? []);
  return body.id as string;
}

const job = (id: string): Promise<ImportJob> => ok(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));

/**
 * The integration team's page: upload a Package or a CSV export, dry run first, follow the job
 * live, read each error with the line of the file it points at, then import for real; earlier
 * imports of this session; exports.
 */
export function Imports({ path }: { path: string }) {
  const opened = routeQuery(path).get('job');
  const say = useSay();
  const fail = useFail();
  const [file, setFile] = useState<File>();
  const [text, setText] = useState<string[]>([]);
  const [current, setCurrent] = useState<ImportJob>();
  const history = useLoad(() => ok(api.GET('/api/v1/imports', { params: { query: { pageSize: '20' } } })), []);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  // #/imports?job=<id>: an earlier job from the history (its file is not at hand: errors without their lines).
  useEffect(() => {
    if (!opened) return;
    setText([]);
    follow(opened).catch(fail);
  }, [opened]);

  async function follow(id: string) {
    const j = await job(id);
    setCurrent(j);
    if (j.status === 'RUNNING') {
      timer.current = window.setTimeout(() => { follow(id).catch(fail); }, 400);
      return;
    }
    setBusy(false);
    history.reload();
    if (opened) return;
    const what = j.dryRun ? 'Dry run' : 'Import';
    say(`${what} ${j.status === 'SUCCEEDED' ? 'succeeded' : j.status === 'PARTIAL' ? 'partly succeeded' : 'failed'}: ${plural(j.errors.length, 'error')}.`, j.status === 'SUCCEEDED' ? 'ok' : 'error');
  }

  async function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const dry = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') !== 'live';
    if (!file) return say('Choose a file first.', 'error');
    setBusy(true);
    setCurrent(undefined);
    try {
      setText((await file.slice(0, 20 * 1024 * 1024).text()).split(/\r?\n/));
      const id = await upload(file, String(form.get('kind')), dry, form.get('createMissing') === 'on');
      if (opened) go('/imports');
      await follow(id);
    } catch (err) {
      setBusy(false);
      fail(err);
    }
  }

  const pct = current && current.progress.totalBytes ? Math.round((100 * current.progress.bytesRead) / current.progress.totalBytes) : 0;
  return (
    <section>
      <PageHeading>Imports</PageHeading>
      <form className="card" id="import-form" onSubmit={start}>
        <div className="grid2">
          <div className="field">
            <label htmlFor="import-file">File to import</label>
            <input id="import-file" type="file" accept=".xml,.csv,application/xml,text/xml,text/csv" onChange={(e) => { setFile(e.target.files?.[0]); setCurrent(undefined); }} />
          </div>
          <div className="field">
            <label htmlFor="import-kind">What the file is</label>
            <select id="import-kind" name="kind" defaultValue="xml">{KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}</select>
          </div>
        </div>
        <label className="check"><input type="checkbox" name="createMissing" /> Create missing accounts, organisations and member groups</label>
        <div className="toolbar">
          <button type="submit" value="dry" className="primary" disabled={busy || !file}>Dry run</button>
          <button type="submit" value="live" disabled={busy || !file || !(current && current.dryRun && current.status === 'SUCCEEDED')}
            title="Available once a dry run of this file succeeded">Import for real</button>
        </div>
      </form>

      {current ? (
        <section className="card" aria-labelledby="job-title" id="import-job" data-status={current.status}>
          <h2 id="job-title">{current.dryRun ? 'Dry run' : 'Import'} {current.id.slice(0, 8)} <Status value={current.status} id="import-status" /></h2>
          <label htmlFor="import-progress">Progress</label>
          <progress id="import-progress" max={100} value={current.status === 'RUNNING' ? pct : 100}>{pct}%</progress>
          <p className="muted">{current.progress.records} records read, {current.progress.workflowsStarted} contracts started; {Math.round(current.progress.bytesRead / 1024)} of {Math.round(current.progress.totalBytes / 1024)} KB.</p>
          <dl className="profile counts">
            {Object.entries(current.counts).map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
          </dl>
          {current.errors.length ? (
            <>
              <h3>Errors</h3>
              <ol className="import-errors" aria-label="Import errors">
                {current.errors.map((er, i) => (
                  <li key={i} className="import-error">
                    <strong>Line {er.line}{er.column ? `, column ${er.column}` : ''}</strong>{er.contract ? ` (${er.contract})` : ''}: {er.field ? `${er.field}: ` : ''}{er.message}
                    {text[er.line - 1] !== undefined ? (
                      <pre className="source" tabIndex={0} aria-label={`Line ${er.line} of the file`}><code>{text[er.line - 1].slice(0, 300)}{er.column ? `\n${' '.repeat(Math.max(0, Math.min(er.column - 1, 300)))}^` : ''}</code></pre>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">Import history</h2>
        {history.data && history.data.items.length ? (
          <table className="inbox imports-history">
            <caption className="sr">The latest imports, newest first</caption>
            <thead><tr><th scope="col">Job</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Contracts</th><th scope="col">Errors</th><th scope="col">By</th><th scope="col">Started</th></tr></thead>
            <tbody>{history.data.items.map((j) => (
              <tr key={j.id} data-id={j.id}>
                <td data-label="Job"><a href={`#/imports?job=${j.id}`}>{j.id.slice(0, 8)}</a>{j.dryRun ? ' (dry run)' : ''}</td>
                <td data-label="Kind">{j.format}</td><td data-label="Status"><Status value={j.status} /></td>
                <td data-label="Contracts">{j.counts.contracts}</td><td data-label="Errors">{j.errorCount}</td>
                <td data-label="By">{j.createdBy}</td><td data-label="Started" className="time">{dateTime(j.createdAt)}</td>
              </tr>
            ))}</tbody>
          </table>
        ) : <p className="muted">{history.data ? 'No imports yet.' : 'Loading…'}</p>}
      </section>

      <Exports onError={fail} />
    </section>
  );
}

function Exports({ onError }: { onError: (e: unknown) => void }) {
  const [account, setAccount] = useState('');
  const [code, setCode] = useState('');
  const q = () => { const p = new URLSearchParams(); if (account.trim()) p.set('account', account.trim()); if (code.trim()) p.set('code', code.trim()); return p.size ? `?${p}` : ''; };
  return (
    <section className="card" aria-labelledby="exports-title">
      <h2 id="exports-title">Exports</h2>
      <div className="grid2">
        <div className="field"><label htmlFor="export-account">Account (optional)</label><input id="export-account" value={account} onChange={(e) => setAccount(e.target.value)} /></div>
        <div className="field"><label htmlFor="export-code">Contract code (optional)</label><input id="export-code" value={code} onChange={(e) => setCode(e.target.value)} /></div>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => download(`/api/v1/exports/contracts.xml${q()}`, 'contracts.xml').catch(onError)}>Package (XML)</button>
        <button type="button" onClick={() => download(`/api/v1/exports/contracts.csv${q()}`, 'contracts.csv').catch(onError)}>Contracts (CSV)</button>
        <button type="button" onClick={() => download(`/api/v1/exports/contract-buyers.csv${q()}`, 'contract-buyers.csv').catch(onError)}>Buyers (CSV)</button>
        <button type="button" onClick={() => download(`/api/v1/exports/contract-products.csv${q()}`, 'contract-products.csv').catch(onError)}>Products (CSV)</button>
      </div>
    </section>
  );
}
