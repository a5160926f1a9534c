import { useState, type ChangeEvent, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { api, ok } from '../api/client';
import { dateTime } from '../format';
import { Field, PageHeading, useFail, useLoad, useSay } from '../ui';
import { csvField, errorsByField, invalid, lineErrors, lines, putCsv } from './forms';

/**
 * Reference data (#/admin/reference-data, admins): the member groups, price lists (prices pasted or
 * uploaded as CSV), product sets and exchange rates that contract terms and checkout name, through
 * the reference-data endpoints. Each save replaces the whole item; checkout follows within a second.
 */
export function ReferenceData() {
  return (
    <section id="reference-data">
      <PageHeading>Reference data</PageHeading>
      <nav aria-label="Reference data sections" className="toolbar">
        <a href="#/admin/reference-data" onClick={jump('member-groups')}>Member groups</a>
        <a href="#/admin/reference-data" onClick={jump('price-lists')}>Price lists</a>
        <a href="#/admin/reference-data" onClick={jump('product-sets')}>Product sets</a>
        <a href="#/admin/reference-data" onClick={jump('exchange-rates')}>Exchange rates</a>
      </nav>
      <MemberGroups />
      <PriceLists />
      <ProductSets />
      <ExchangeRates />
    </section>
  );
}

/** In-page links: the hash is the route, so they move the focus instead of the location. */
const jump = (id: string) => (e: MouseEvent) => {
  e.preventDefault();
  const target = document.getElementById(id);
  target?.scrollIntoView();
  target?.focus();
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card reference" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}><span id={id} tabIndex={-1}>{title}</span></h2>
      {children}
    </section>
  );
}

/** The list of one kind of item with an Edit button per item and a New button. */
function ItemList({ id, caption, items, columns, onEdit }: {
  id: string; caption: string; items: { name: string; cells: ReactNode[] }[]; columns: string[]; onEdit: (name: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="inbox reference-list" id={`${id}-list`}>
        <caption className="sr">{caption}</caption>
        <thead><tr><th scope="col">Name</th>{columns.map((c) => <th key={c} scope="col">{c}</th>)}<th scope="col"><span className="sr">Action</span></th></tr></thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.name} data-name={item.name}>
              <td data-label="Name">{item.name}</td>
              {item.cells.map((c, i) => <td key={columns[i]} data-label={columns[i]}>{c}</td>)}
              <td data-label="Action"><button type="button" className="small" aria-label={`Edit ${item.name}`} onClick={() => onEdit(item.name)}>Edit</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Saves and deletes for one editor: busy state, the status line, the API's problems. */
function useSave(kind: string, reload: () => void) {
  const say = useSay();
  const fail = useFail();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      reload();
      say(done, 'ok');
      return true;
    } catch (err) {
      setError(err);
      fail(err);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, errors: errorsByField(error), kind };
}

function NameField({ id, value, onChange, error, existing }: { id: string; value: string; onChange: (v: string) => void; error?: string; existing: boolean }) {
  return (
    <Field id={id} label="Name" error={error} hint={existing ? 'Saving under another name creates a new item.' : undefined}>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} required autoComplete="off" {...invalid(id, error, existing)} />
    </Field>
  );
}

function MemberGroups() {
  const { data, reload } = useLoad(() => ok(api.GET('/api/v1/member-groups')), []);
  const save = useSave('member group', reload);
  const [name, setName] = useState('');
  const [loaded, setLoaded] = useState<string>();
  const [description, setDescription] = useState('');
  const [organizations, setOrganizations] = useState('');
  const fail = useFail();

  async function edit(n: string) {
    try {
      const g = await ok(api.GET('/api/v1/member-groups/{name}', { params: { path: { name: n } } }));
      setName(g.name); setLoaded(g.name); setDescription(g.description ?? ''); setOrganizations(g.organizations.join('\n'));
      document.getElementById('group-name')?.focus();
    } catch (err) { fail(err); }
  }
  const reset = () => { setName(''); setLoaded(undefined); setDescription(''); setOrganizations(''); };

  async function submit(e: FormEvent) {
    e.preventDefault();
    await save.run(() => ok(api.PUT('/api/v1/member-groups/{name}', { params: { path: { name: name.trim() } }, body: { description: description.trim() || null, organizations: lines(organizations) } })),
      `Member group ${name.trim()} saved.`).then((done) => { if (done) setLoaded(name.trim()); });
  }

  return (
    <Section id="member-groups" title="Member groups">
      <ItemList id="groups" caption="Member groups" columns={['Description', 'Members', 'Updated']} onEdit={edit}
        items={(data ?? []).map((g) => ({ name: g.name, cells: [g.description ?? '\u2014', g.organizations, dateTime(g.updatedAt)] }))} />
      <form className="editor" onSubmit={submit} noValidate aria-label="Member group">
        <h3>{loaded ? `Edit ${loaded}` : 'New member group'}</h3>
        <NameField id="group-name" value={name} onChange={setName} error={save.errors.name} existing={Boolean(loaded)} />
        <Field id="group-description" label="Description (optional)" error={save.errors.description}>
          <input id="group-description" value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('group-description', save.errors.description)} />
        </Field>
        <Field id="group-organizations" label="Organisations, one DN per line" hint="Their divisions are members too." error={lineErrors(save.error, 'organizations')}>
          <textarea id="group-organizations" rows={4} value={organizations} onChange={(e) => setOrganizations(e.target.value)}
            {...invalid('group-organizations', lineErrors(save.error, 'organizations'), true)} />
        </Field>
        <Buttons busy={save.busy} kind="member group" loaded={loaded} onNew={reset}
          onDelete={() => save.run(() => ok(api.DELETE('/api/v1/member-groups/{name}', { params: { path: { name: loaded! } } })), `Member group ${loaded} deleted.`).then((d) => { if (d) reset(); })} />
      </form>
    </Section>
  );
}

function Buttons({ busy, kind, loaded, onNew, onDelete }: { busy: boolean; kind: string; loaded?: string; onNew: () => void; onDelete: () => void }) {
  return (
    <div className="toolbar">
      <button type="submit" className="primary" disabled={busy}>Save {kind}</button>
      {loaded ? <button type="button" onClick={onNew}>New {kind}</button> : null}
      {loaded ? <button type="button" className="danger" disabled={busy} onClick={onDelete}>Delete {loaded}</button> : null}
    </div>
  );
}

const CSV_HEADER = 'SKU,CURRENCY,PRICE';

function PriceLists() {
  const { data, reload } = useLoad(() => ok(api.GET('/api/v1/price-lists')), []);
  const save = useSave('price list', reload);
  const fail = useFail();
  const [name, setName] = useState('');
  const [loaded, setLoaded] = useState<string>();
  const [csv, setCsv] = useState(`${CSV_HEADER}\n`);

  async function edit(n: string) {
    try {
      const list = await ok(api.GET('/api/v1/price-lists/{name}', { params: { path: { name: n } } }));
      setName(list.name); setLoaded(list.name);
      setCsv(`${CSV_HEADER}\n${list.prices.map((p) => `${csvField(p.sku)},${p.currency},${p.price}`).join('\n')}\n`);
      document.getElementById('price-list-name')?.focus();
    } catch (err) { fail(err); }
  }
  const reset = () => { setName(''); setLoaded(undefined); setCsv(`${CSV_HEADER}\n`); };
  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setCsv(await file.text());
    e.target.value = '';
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    await save.run(() => putCsv(`/api/v1/price-lists/${encodeURIComponent(n)}`, csv), `Price list ${n} saved.`).then((done) => { if (done) setLoaded(n); });
  }

  const csvError = lineErrors(save.error, 'csv') ?? save.errors.prices;
  return (
    <Section id="price-lists" title="Price lists">
      <ItemList id="price-lists" caption="Price lists" columns={['Description', 'Prices', 'Updated']} onEdit={edit}
        items={(data ?? []).map((l) => ({
          name: l.name,
          cells: [l.description ?? '\u2014', Object.entries(l.prices).map(([currency, n]) => `${n} in ${currency}`).join(', ') || 'none', dateTime(l.updatedAt)],
        }))} />
      <form className="editor" onSubmit={submit} noValidate aria-label="Price list">
        <h3>{loaded ? `Edit ${loaded}` : 'New price list'}</h3>
        <NameField id="price-list-name" value={name} onChange={setName} error={save.errors.name} existing={Boolean(loaded)} />
        <Field id="price-list-csv" label={`Prices as CSV (${CSV_HEADER})`} hint="Paste or upload; the whole list is replaced." error={csvError}>
          <textarea id="price-list-csv" rows={8} value={csv} spellCheck={false} onChange={(e) => setCsv(e.target.value)} {...invalid('price-list-csv', csvError, true)} />
        </Field>
        <label className="file-button">Upload CSV<input type="file" accept=".csv,text/csv" className="sr" onChange={upload} /></label>
        <Buttons busy={save.busy} kind="price list" loaded={loaded} onNew={reset}
          onDelete={() => save.run(() => ok(api.DELETE('/api/v1/price-lists/{name}', { params: { path: { name: loaded! } } })), `Price list ${loaded} deleted.`).then((d) => { if (d) reset(); })} />
      </form>
    </Section>
  );
}

function ProductSets() {
  const { data, reload } = useLoad(() => ok(api.GET('/api/v1/product-sets')), []);
  const save = useSave('product set', reload);
  const fail = useFail();
  const [name, setName] = useState('');
  const [loaded, setLoaded] = useState<string>();
  const [description, setDescription] = useState('');
  const [skus, setSkus] = useState('');
  const [categories, setCategories] = useState('');

  async function edit(n: string) {
    try {
      const s = await ok(api.GET('/api/v1/product-sets/{name}', { params: { path: { name: n } } }));
      setName(s.name); setLoaded(s.name); setDescription(s.description ?? ''); setSkus(s.skus.join('\n')); setCategories(s.categories.join('\n'));
      document.getElementById('set-name')?.focus();
    } catch (err) { fail(err); }
  }
  const reset = () => { setName(''); setLoaded(undefined); setDescription(''); setSkus(''); setCategories(''); };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    await save.run(() => ok(api.PUT('/api/v1/product-sets/{name}', { params: { path: { name: n } }, body: { description: description.trim() || null, skus: lines(skus), categories: lines(categories) } })),
      `Product set ${n} saved.`).then((done) => { if (done) setLoaded(n); });
  }

  const skuError = lineErrors(save.error, 'skus');
  const categoryError = lineErrors(save.error, 'categories');
  return (
    <Section id="product-sets" title="Product sets">
      <ItemList id="product-sets" caption="Product sets" columns={['Description', 'SKUs', 'Categories', 'Updated']} onEdit={edit}
        items={(data ?? []).map((s) => ({ name: s.name, cells: [s.description ?? '\u2014', s.skus, s.categories, dateTime(s.updatedAt)] }))} />
      <form className="editor" onSubmit={submit} noValidate aria-label="Product set">
        <h3>{loaded ? `Edit ${loaded}` : 'New product set'}</h3>
        <NameField id="set-name" value={name} onChange={setName} error={save.errors.name} existing={Boolean(loaded)} />
        <Field id="set-description" label="Description (optional)" error={save.errors.description}>
          <input id="set-description" value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('set-description', save.errors.description)} />
        </Field>
        <div className="grid2">
          <Field id="set-skus" label="SKUs, one per line" error={skuError}>
            <textarea id="set-skus" rows={4} value={skus} onChange={(e) => setSkus(e.target.value)} {...invalid('set-skus', skuError)} />
          </Field>
          <Field id="set-categories" label="Categories, one per line" error={categoryError}>
            <textarea id="set-categories" rows={4} value={categories} onChange={(e) => setCategories(e.target.value)} {...invalid('set-categories', categoryError)} />
          </Field>
        </div>
        <Buttons busy={save.busy} kind="product set" loaded={loaded} onNew={reset}
          onDelete={() => save.run(() => ok(api.DELETE('/api/v1/product-sets/{name}', { params: { path: { name: loaded! } } })), `Product set ${loaded} deleted.`).then((d) => { if (d) reset(); })} />
      </form>
    </Section>
  );
}

function ExchangeRates() {
  const { data, reload } = useLoad(() => ok(api.GET('/api/v1/currency-rates')), []);
  const save = useSave('exchange rates', reload);
  const [text, setText] = useState<string>();
  const shown = text ?? (data ?? []).map((r) => `${r.from},${r.to},${r.rate}`).join('\n');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const rates = lines(shown).map((l) => {
      const [from = '', to = '', rate = ''] = l.split(',').map((x) => x.trim());
      return { from: from.toUpperCase(), to: to.toUpperCase(), rate };
    });
    await save.run(() => ok(api.PUT('/api/v1/currency-rates', { body: { rates } })), `Exchange rates saved: ${rates.length}.`).then((done) => { if (done) setText(undefined); });
  }

  const error = lineErrors(save.error, 'rates');
  return (
    <Section id="exchange-rates" title="Exchange rates">
      <form className="editor" onSubmit={submit} noValidate aria-label="Exchange rates">
        <Field id="rates" label="Rates, one per line: FROM,TO,RATE" hint="Units of TO per unit of FROM, e.g. USD,EUR,0.92. Empty: no conversion." error={error}>
          <textarea id="rates" rows={5} value={shown} spellCheck={false} onChange={(e) => setText(e.target.value)} {...invalid('rates', error, true)} />
        </Field>
        <button type="submit" className="primary" disabled={save.busy}>Save exchange rates</button>
      </form>
    </Section>
  );
}
