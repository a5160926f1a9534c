import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, api, ok } from '../api/client';
import { go, routeQuery } from '../router';
import { PageHeading, Status, useFail, useSay } from '../ui';
import { draftBody, termBody } from './draft-body';
import { draftFrom, emptyDraft, type Buyer, type Contract, type ContractPage, type Draft, type Term } from './model';
import type { components } from '../api/schema';

type AccountBuyers = components['schemas']['AccountBuyers'];
import { OverlapWarnings, useOverlaps } from './OverlapWarnings';
import { PricePreview } from './PricePreview';
import { TermForm, errorAt, type Errors } from './TermForm';
import { SPEC_BY_TYPE, TERM_SPECS, blankTerm } from './term-specs';

const EDITABLE = ['DRAFT', 'REJECTED'];

const getContract = (id: string): Promise<Contract> => ok(api.GET('/api/v1/contracts/{id}', { params: { path: { id } } }));
const listContracts = (query: { pageSize: string; isBase?: 'true' }): Promise<ContractPage> => ok(api.GET('/api/v1/contracts', { params: { query } }));

/**
 * Writes a contract: a new one from scratch (?), from a base contract (?base=id) or as a copy
 * (?copy=id), or an existing Draft/Rejected one (#/contracts/:id/edit). The API's 422 details
 * appear at their fields.
 */
export function ContractEditor({ id, path }: { id?: string; path: string }) {
  const query = routeQuery(path);
  const say = useSay();
  const fail = useFail();
  const [draft, setDraft] = useState<Draft>();
  const [contract, setContract] = useState<Contract>();
  const [errors, setErrors] = useState<Errors>(new Map());
  const [busy, setBusy] = useState(false);
  const [bases, setBases] = useState<Contract[]>([]);
  const [groups, setGroups] = useState<string[]>([]);
  const [accounts, setAccounts] = useState<AccountBuyers[]>([]);
  const [addType, setAddType] = useState('');

  useEffect(() => {
    let live = true;
    (async () => {
      const [mine, baseList, memberGroups, accountList] = await Promise.all([
        listContracts({ pageSize: '1' }),
        listContracts({ pageSize: '200', isBase: 'true' }),
        ok(api.GET('/api/v1/member-groups', {})).catch(() => undefined),
        ok(api.GET('/api/v1/accounts', {})).catch(() => [] as AccountBuyers[]),
      ]);
      if (!live) return;
      setBases(baseList.items);
      setGroups((memberGroups ?? []).map((g) => g.name));
      setAccounts(accountList);
      if (id) {
        const c = await getContract(id);
        if (!live) return;
        setContract(c);
        setDraft(draftFrom(c));
      } else if (query.get('copy')) {
        setDraft(draftFrom(await getContract(query.get('copy')!), true));
      } else if (query.get('base')) {
        const base = await getContract(query.get('base')!);
        setDraft({ ...emptyDraft(base.seller), currency: base.currency, account: base.account ?? '', baseContract: base.code });
      } else {
        setDraft(emptyDraft(accountList[0]?.seller ?? mine.items[0]?.seller ?? ''));
      }
    })().catch(fail);
    return () => { live = false; };
  }, [id, path, fail]);

  const nextSequence = useMemo(() => (draft ? Math.max(0, ...draft.terms.map((t) => Number(t.sequenceNumber) || 0)) + 1 : 1), [draft]);
  const overlaps = useOverlaps(draft ? draftBody(draft) : undefined, contract?.id);
  if (!draft) return <section><PageHeading>{id ? 'Edit contract' : 'New contract'}</PageHeading><p>Loading…</p></section>;
  const editable = !contract || EDITABLE.includes(contract.status);
  // The account named in the draft (for this seller, else by name alone): its buyers are offered.
  const account = accounts.find((a) => a.name === draft.account && a.seller === draft.seller) ?? accounts.find((a) => a.name === draft.account);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setTerm = (i: number, t: Term) => set({ terms: draft.terms.map((x, j) => (j === i ? t : x)) });
  const setBuyer = (i: number, b: Buyer) => set({ buyers: draft.buyers.map((x, j) => (j === i ? b : x)) });

  /** Saves in one request per step; a refusal leaves the fields as typed, with the reasons shown at them. */
  async function save(): Promise<Contract | undefined> {
    setErrors(new Map());
    const body = draftBody(draft!);
    try {
      let saved: Contract;
      if (!contract) {
        saved = await ok(api.POST('/api/v1/contracts', { body: body as never }));
      } else {
        const { code: _code, seller: _seller, terms, ...profile } = body;
        saved = await ok(api.PUT('/api/v1/contracts/{id}', { params: { path: { id: contract.id } }, body: { ...profile, terms } as never }));
      }
      setContract(saved);
      return saved;
    } catch (err) {
      if (err instanceof ApiError && err.details.length) {
        setErrors(new Map(err.details.filter((d) => d.field).map((d) => [d.field!, d.message])));
        say(`Not saved: ${err.message}. ${err.details.length === 1 ? 'One field needs' : `${err.details.length} fields need`} attention.`, 'error');
      } else fail(err);
      return undefined;
    }
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    setBusy(true);
    try {
      const saved = await save();
      if (!saved) return;
      // The new draft's own address, without leaving the page (a refused submit keeps the form as it is).
      if (!contract) history.replaceState(null, '', `#/contracts/${saved.id}/edit`);
      if (submitter?.value === 'submit') {
        const submitted = await ok(api.POST('/api/v1/contracts/{id}/submit', { params: { path: { id: saved.id } }, body: {} }));
        const n = submitted.warnings?.length ?? 0;
        say(`${submitted.code} ${submitted.version} submitted for approval: ${submitted.status}.${n ? ` ${n} overlap warning${n === 1 ? '' : 's'}: the approver sees them too.` : ''}`, 'ok');
        go(`/contracts/${saved.id}`);
      } else {
        say(`${saved.code} ${saved.version} saved.`, 'ok');
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  function addTerm() {
    if (!addType) return;
    set({ terms: [...draft!.terms, blankTerm(addType, nextSequence) as Term] });
    setAddType('');
  }

  const general = [...errors].filter(([k]) => !k.startsWith('terms[') && !k.startsWith('buyers'));
  const fieldError = (k: string) => errorAt(errors, k, true);
  /** Choosing an account fills in its seller when none is set yet. */
  const withSeller = (key: keyof Draft, value: string): Partial<Draft> => {
    const seller = key === 'account' && !draft.seller.trim() ? accounts.find((a) => a.name === value)?.seller : undefined;
    return { [key]: value, ...(seller ? { seller } : {}) } as Partial<Draft>;
  };
  const text = (key: keyof Draft, label: string, opts: { type?: string; required?: boolean; list?: string; hint?: string; disabled?: boolean } = {}) => {
    const err = fieldError(key);
    return (
      <div className={`field${err ? ' invalid' : ''}`}>
        <label htmlFor={`c-${key}`}>{label}</label>
        <input id={`c-${key}`} type={opts.type ?? 'text'} required={opts.required} list={opts.list} disabled={opts.disabled || !editable}
          aria-invalid={err ? true : undefined} aria-describedby={err ? `c-${key}-error` : opts.hint ? `c-${key}-hint` : undefined}
          value={String(draft[key] ?? '')} onChange={(e) => set(withSeller(key, e.target.value))} />
        {opts.hint ? <span id={`c-${key}-hint`} className="muted">{opts.hint}</span> : null}
        {err ? <span id={`c-${key}-error`} className="field-error">{err}</span> : null}
      </div>
    );
  };
  const check = (key: 'isBase' | 'creditAllowed' | 'forceContractPrice', label: string) => (
    <label className="check"><input type="checkbox" id={`c-${key}`} disabled={!editable} checked={draft[key]} onChange={(e) => set({ [key]: e.target.checked })} /> {label}</label>
  );

  return (
    <section className="editor">
      <PageHeading>{contract ? <>Edit {contract.code} {contract.version} <Status value={contract.status} /></> : 'New contract'}</PageHeading>
      {contract ? <p><a href={`#/contracts/${contract.id}`}>Open the contract page</a> (timeline, redline, decisions)</p> : null}
      {!editable ? <p className="message error">This version is {contract!.status}: only Draft and Rejected versions change. Make a new version from the contract list.</p> : null}
      {errors.size ? (
        <div className="card error-summary" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">Not saved: fix these fields</h2>
          <ul>{[...errors].map(([k, v]) => <li key={k}><code>{k}</code>: {v}</li>)}</ul>
        </div>
      ) : null}
      <form id="contract-form" onSubmit={onSubmit} noValidate>
        <fieldset className="card" disabled={!editable}>
          <legend>Profile</legend>
          <div className="grid2">
            {text('code', 'Contract code', { required: true, disabled: Boolean(contract) })}
            {text('description', 'Description')}
            {text('currency', 'Currency', { required: true, hint: 'ISO 4217, e.g. USD' })}
            {text('account', 'Account', { list: 'accounts', hint: 'Its organisations and member groups are offered as buyers' })}
            {text('startsAt', 'Starts', { type: 'date', required: true })}
            {text('endsAt', 'Ends', { type: 'date', required: true })}
            {text('seller', 'Seller organisation', { required: true, disabled: Boolean(contract), hint: 'Distinguished name, e.g. o=Acme Industrial Supply,o=Root Organization' })}
            {text('baseContract', 'Base contract', { list: 'base-contracts', hint: 'Code of a base contract whose terms this one inherits' })}
          </div>
          <datalist id="accounts">{[...new Set(accounts.map((a) => a.name))].map((n) => <option key={n} value={n} />)}</datalist>
          <datalist id="base-contracts">{bases.map((b) => <option key={b.id} value={b.code}>{b.description ?? ''}</option>)}</datalist>
          {text('comment', 'Comment')}
          <div className="toolbar">{check('creditAllowed', 'Credit allowed')}{check('forceContractPrice', 'Force contract price')}{check('isBase', 'This is a base contract')}</div>
          {general.filter(([k]) => !['code', 'description', 'currency', 'account', 'startsAt', 'endsAt', 'seller', 'baseContract', 'comment'].includes(k)).map(([k, v]) => <p key={k} className="field-error">{k || 'contract'}: {v}</p>)}
        </fieldset>

        <fieldset className="card" disabled={!editable}>
          <legend>Buyers</legend>
          {fieldError('buyers') ? <p className="field-error">{fieldError('buyers')}</p> : null}
          <datalist id="member-groups">{(account ? account.memberGroups : groups).map((g) => <option key={g} value={g} />)}</datalist>
          <datalist id="account-organizations">{(account ? account.organizations : [...new Set(accounts.flatMap((a) => a.organizations))]).map((o) => <option key={o} value={o} />)}</datalist>
          {draft.buyers.map((b, i) => {
            const isGroup = b.memberGroup !== undefined;
            const err = errorAt(errors, `buyers[${i}]`, true);
            return (
              <div key={i} className={`buyer-row${err ? ' invalid' : ''}`}>
                <label className="sr" htmlFor={`buyer-${i}-kind`}>Buyer {i + 1} kind</label>
                <select id={`buyer-${i}-kind`} value={isGroup ? 'group' : 'org'} onChange={(e) => setBuyer(i, e.target.value === 'group' ? { memberGroup: b.organization ?? '', active: b.active } : { organization: b.memberGroup ?? '', active: b.active })}>
                  <option value="org">Organisation</option><option value="group">Member group</option>
                </select>
                <label className="sr" htmlFor={`buyer-${i}`}>Buyer {i + 1}</label>
                <input id={`buyer-${i}`} list={isGroup ? 'member-groups' : 'account-organizations'} placeholder={isGroup ? 'Member group name' : 'ou=…,o=…,o=Root Organization'}
                  aria-invalid={err ? true : undefined} value={(isGroup ? b.memberGroup : b.organization) ?? ''}
                  onChange={(e) => setBuyer(i, isGroup ? { ...b, memberGroup: e.target.value } : { ...b, organization: e.target.value })} />
                <label className="check"><input type="checkbox" checked={b.active !== false} onChange={(e) => setBuyer(i, { ...b, active: e.target.checked })} /> Active</label>
                <button type="button" className="small" aria-label={`Remove buyer ${i + 1}`} onClick={() => set({ buyers: draft.buyers.filter((_, j) => j !== i) })}>×</button>
                {err ? <span className="field-error">{err}</span> : null}
              </div>
            );
          })}
          <button type="button" onClick={() => set({ buyers: [...draft.buyers, { organization: '', active: true }] })}>Add a buyer</button>
        </fieldset>

        <fieldset className="card" disabled={!editable}>
          <legend>Terms <span className="muted">({draft.terms.length})</span></legend>
          {fieldError('terms') && !draft.terms.length ? <p className="field-error">{fieldError('terms')}</p> : errors.get('terms') ? <p className="field-error">{errors.get('terms')}</p> : null}
          {draft.terms.map((t, i) => {
            const spec = SPEC_BY_TYPE.get(t.type);
            const err = errors.get(`terms[${i}]`) ?? errors.get(`terms[${i}].type`);
            return (
              <article key={`${t.sequenceNumber}-${i}`} className={`term-card${err ? ' invalid' : ''}`} aria-labelledby={`term-${i}-title`}>
                <header>
                  <h3 id={`term-${i}-title`}>{spec?.title ?? t.type} <span className="muted">(term {t.sequenceNumber})</span></h3>
                  <button type="button" className="small" onClick={() => set({ terms: draft.terms.filter((_, j) => j !== i) })}>Remove term {t.sequenceNumber}</button>
                </header>
                {err ? <p className="field-error">{err}</p> : null}
                <TermForm term={t} index={i} errors={errors} onChange={(n) => setTerm(i, n)} />
              </article>
            );
          })}
          <div className="toolbar">
            <label htmlFor="add-term-type">Add a term</label>
            <select id="add-term-type" value={addType} onChange={(e) => setAddType(e.target.value)}>
              <option value="">Choose a term type…</option>
              {[...new Set(TERM_SPECS.map((s) => s.group))].map((g) => (
                <optgroup key={g} label={g}>
                  {TERM_SPECS.filter((s) => s.group === g).map((s) => (
                    <option key={s.type} value={s.type} disabled={s.once && draft.terms.some((t) => t.type === s.type)}>{s.title}</option>
                  ))}
                </optgroup>
              ))}
            </select>
            <button type="button" onClick={addTerm} disabled={!addType}>Add term</button>
          </div>
        </fieldset>

        <OverlapWarnings warnings={overlaps.warnings} />
        {overlaps.checking ? <p className="muted" aria-live="polite">Checking for overlaps with other contracts…</p> : null}
        {editable ? (
          <div className="toolbar sticky-actions">
            <button type="submit" value="save" disabled={busy}>{contract ? 'Save' : 'Create draft'}</button>
            <button type="submit" value="submit" className="primary" disabled={busy}>Save and submit for approval</button>
          </div>
        ) : null}
      </form>
      <PricePreview draft={() => ({ ...draftBody(draft), terms: draft.terms.map(termBody) })} contractId={contract?.id} />
    </section>
  );
}
