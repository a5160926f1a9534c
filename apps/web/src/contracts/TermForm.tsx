import { useId, type ChangeEvent } from 'react';
import { parseCsv } from './csv';
import type { Term } from './model';
import { SPEC_BY_TYPE, type Column, type FieldSpec } from './term-specs';

export type Errors = Map<string, string>;

/** The error for a path, or for anything beneath it (terms[2].offers[0].price is under terms[2].offers). */
export function errorAt(errors: Errors, path: string, deep = false): string | undefined {
  if (errors.has(path)) return errors.get(path);
  if (!deep) return undefined;
  for (const [k, v] of errors) if (k.startsWith(path + '.') || k.startsWith(path + '[')) return `${k.slice(path.length).replace(/^\./, '')}: ${v}`;
  return undefined;
}

const split = (s: string) => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

/** One term's parameters, its form built from the term table. */
export function TermForm({ term, index, errors, onChange }: { term: Term; index: number; errors: Errors; onChange: (t: Term) => void }) {
  const spec = SPEC_BY_TYPE.get(term.type);
  const base = `terms[${index}]`;
  const uid = useId().replace(/:/g, '');
  if (!spec) return <p className="muted">This term type has no form; it is kept as it is.</p>;
  const set = (key: string, value: unknown) => onChange({ ...term, [key]: value });
  return (
    <div className="term-fields">
      {spec.fields.map((f) => <FieldInput key={f.key} field={f} id={`${uid}-${f.key}`} path={`${base}.${f.key}`} value={term[f.key]} errors={errors} onChange={(v) => set(f.key, v)} />)}
    </div>
  );
}

function FieldInput({ field: f, id, path, value, errors, onChange }: { field: FieldSpec; id: string; path: string; value: unknown; errors: Errors; onChange: (v: unknown) => void }) {
  const error = errorAt(errors, path, f.kind !== 'rows');
  const describedBy = [error ? `${id}-error` : '', 'hint' in f && f.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, required: 'required' in f ? f.required : undefined };
  let input;
  switch (f.kind) {
    case 'text': case 'decimal': case 'int':
      input = <input {...common} inputMode={f.kind === 'text' ? undefined : f.kind === 'int' ? 'numeric' : 'decimal'} value={value === undefined || value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'bool':
      return (
        <div className="field">
          <label className="check"><input type="checkbox" id={id} checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} /> {f.label}</label>
          {error ? <span id={`${id}-error`} className="field-error">{error}</span> : null}
        </div>
      );
    case 'enum':
      input = (
        <select {...common} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {f.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
      break;
    case 'codes':
      input = <input {...common} defaultValue={((value as string[]) ?? []).join(', ')} onChange={(e) => onChange(split(e.target.value))} />;
      break;
    case 'properties':
      input = (
        <textarea {...common} rows={3} defaultValue={Object.entries((value ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join('\n')}
          onChange={(e) => onChange(Object.fromEntries(e.target.value.split('\n').map((l) => l.split('=')).filter((p) => p[0].trim()).map(([k, ...v]) => [k.trim(), v.join('=').trim()])))} />
      );
      break;
    case 'productSet':
      return <ProductSetInput label={f.label} id={id} path={path} value={(value ?? {}) as Record<string, unknown>} errors={errors} onChange={onChange} />;
    case 'rows':
      return <RowsInput label={f.label} id={id} path={path} columns={f.columns} csv={f.csv} rows={(value ?? []) as Record<string, unknown>[]} errors={errors} onChange={onChange} />;
  }
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{f.label}</label>
      {input}
      {'hint' in f && f.hint ? <span id={`${id}-hint`} className="muted">{f.hint}</span> : null}
      {error ? <span id={`${id}-error`} className="field-error">{error}</span> : null}
    </div>
  );
}

function ProductSetInput({ label, id, path, value, errors, onChange }: { label: string; id: string; path: string; value: Record<string, unknown>; errors: Errors; onChange: (v: unknown) => void }) {
  const error = errorAt(errors, path, true);
  return (
    <fieldset className={`product-set${error ? ' invalid' : ''}`}>
      <legend>{label}</legend>
      <div className="row3">
        <div className="field"><label htmlFor={`${id}-name`}>Named set</label><input id={`${id}-name`} value={String(value.name ?? '')} onChange={(e) => onChange({ ...value, name: e.target.value })} /></div>
        <div className="field"><label htmlFor={`${id}-skus`}>SKUs</label><input id={`${id}-skus`} defaultValue={((value.skus as string[]) ?? []).join(', ')} onChange={(e) => onChange({ ...value, skus: split(e.target.value) })} /></div>
        <div className="field"><label htmlFor={`${id}-categories`}>Categories</label><input id={`${id}-categories`} defaultValue={((value.categories as string[]) ?? []).join(', ')} onChange={(e) => onChange({ ...value, categories: split(e.target.value) })} /></div>
      </div>
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}

/** A table of rows (offers, filters, rules, reserved lines), typed in or pasted / uploaded as CSV. */
function RowsInput({ label, id, path, columns, csv, rows, errors, onChange }: {
  label: string; id: string; path: string; columns: Column[]; csv?: string; rows: Record<string, unknown>[]; errors: Errors; onChange: (v: unknown) => void;
}) {
  const own = errorAt(errors, path);
  const setCell = (r: number, key: string, v: string) => onChange(rows.map((row, i) => (i === r ? { ...row, [key]: v } : row)));
  function load(text: string) {
    const parsed = parseCsv(text);
    const header = parsed[0]?.map((c) => c.toLowerCase());
    const keys = header && columns.some((c) => header.includes(c.key.toLowerCase())) ? parsed.shift()!.map((h) => columns.find((c) => c.key.toLowerCase() === h.toLowerCase())?.key ?? '') : columns.map((c) => c.key);
    onChange(parsed.map((cells) => Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']).filter(([k, v]) => k && v !== ''))));
  }
  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) load(await file.text());
    e.target.value = '';
  }
  return (
    <fieldset className={`rows${own ? ' invalid' : ''}`}>
      <legend>{label} <span className="muted">({rows.length})</span></legend>
      {own ? <span className="field-error">{own}</span> : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${label} table`}>
        <table className="grid">
          <thead><tr>{columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}<th scope="col"><span className="sr">Remove</span></th></tr></thead>
          <tbody>
            {rows.slice(0, 500).map((row, r) => (
              <tr key={r}>
                {columns.map((c) => {
                  const cellPath = `${path}[${r}].${c.key}`;
                  const err = errorAt(errors, cellPath) ?? (c === columns[0] ? errorAt(errors, `${path}[${r}]`) : undefined);
                  const cellId = `${id}-${r}-${c.key}`;
                  return (
                    <td key={c.key}>
                      {c.kind === 'enum' ? (
                        <select id={cellId} aria-label={`${c.label}, row ${r + 1}`} aria-invalid={err ? true : undefined} value={String(row[c.key] ?? '')} onChange={(e) => setCell(r, c.key, e.target.value)}>
                          <option value="">—</option>{c.options!.map((o) => <option key={o}>{o}</option>)}
                        </select>
                      ) : (
                        <input id={cellId} aria-label={`${c.label}, row ${r + 1}`} aria-invalid={err ? true : undefined} aria-describedby={err ? `${cellId}-error` : undefined}
                          value={row[c.key] === undefined ? '' : String(row[c.key])} onChange={(e) => setCell(r, c.key, e.target.value)} />
                      )}
                      {err ? <span id={`${cellId}-error`} className="field-error">{err}</span> : null}
                    </td>
                  );
                })}
                <td><button type="button" className="small" aria-label={`Remove row ${r + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== r))}>×</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > 500 ? <p className="muted">{rows.length - 500} more rows are kept but not shown.</p> : null}
      <div className="toolbar">
        <button type="button" onClick={() => onChange([...rows, {}])}>Add a row</button>
        {csv ? (
          <>
            <label className="file-button">Upload CSV<input type="file" accept=".csv,text/csv" className="sr" onChange={upload} /></label>
            <details className="paste">
              <summary>Paste CSV</summary>
              <label htmlFor={`${id}-paste`}>Columns: {csv} (a header line is optional)</label>
              <textarea id={`${id}-paste`} rows={4} />
              <button type="button" onClick={(e) => { const ta = (e.currentTarget.previousElementSibling as HTMLTextAreaElement); load(ta.value); ta.value = ''; }}>Use these rows</button>
            </details>
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
