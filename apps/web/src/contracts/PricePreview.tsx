import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { useFail } from '../ui';
import { parseCsv } from './csv';

interface PreviewLine { sku: string; quantity: number; listPrice: string; unitPrice: string; lineTotal: string; rule: string; contract: { code: string; version: string } | null; explanation: string[] }
interface Preview { allowed: boolean; total: string; lines: PreviewLine[]; violations: { code: string; message: string; lineIndex: number | null }[] }

/**
 * "What would buyer X pay for these SKUs on date D under this draft": the draft is evaluated as
 * if it were in force (with the contracts already in force for that buyer), nothing is deployed,
 * and each line carries checkout's own explanation.
 */
export function PricePreview({ draft, contractId }: { draft: () => Record<string, unknown>; contractId?: string }) {
  const fail = useFail();
  const [result, setResult] = useState<Preview>();
  const [busy, setBusy] = useState(false);
  const body = draft();
  const buyers = (body.buyers as { organization?: string; memberGroup?: string }[] | undefined ?? []).map((b) => b.organization ?? b.memberGroup ?? '').filter(Boolean);

  async function run(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const lines = parseCsv(String(form.get('lines') ?? '')).map(([sku, quantity, listPrice, categories]) => ({
      sku, quantity: Number(quantity || 1), listPrice: listPrice || '0', ...(categories ? { categories: categories.split(/\s+/).filter(Boolean) } : {}),
    }));
    const at = String(form.get('at') ?? '');
    setBusy(true);
    try {
      const res = await ok(api.POST('/api/v1/contracts/preview' as never, {
        body: { draft: draft(), contractId, buyer: String(form.get('buyer') ?? ''), at: at ? `${at}T12:00:00Z` : undefined, lines },
      } as never));
      setResult(res as unknown as Preview);
    } catch (err) {
      setResult(undefined);
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Price preview</h2>
      <p className="muted">What a buyer would pay under this draft, as checkout would price it; nothing is saved or deployed.</p>
      <form onSubmit={run} className="grid2">
        <div className="field">
          <label htmlFor="preview-buyer">Buyer</label>
          <input id="preview-buyer" name="buyer" list="preview-buyers" required defaultValue={buyers[0] ?? ''} />
          <datalist id="preview-buyers">{buyers.map((b) => <option key={b} value={b} />)}</datalist>
        </div>
        <div className="field">
          <label htmlFor="preview-at">On</label>
          <input id="preview-at" name="at" type="date" defaultValue={String(body.startsAt ?? '').slice(0, 10)} />
        </div>
        <div className="field wide">
          <label htmlFor="preview-lines">Lines: SKU, quantity, list price (one per line)</label>
          <textarea id="preview-lines" name="lines" rows={3} required placeholder="FST-HXB-M8-100, 20, 21.00" />
        </div>
        <div><button type="submit" disabled={busy}>Preview prices</button></div>
      </form>
      {result ? (
        <div aria-live="polite">
          <table className="inbox preview-result">
            <caption>Total {result.total} · {result.allowed ? 'the order would be allowed' : 'the order would be refused'}</caption>
            <thead><tr><th scope="col">SKU</th><th scope="col">Qty</th><th scope="col">List</th><th scope="col">Price</th><th scope="col">Contract</th><th scope="col">Why</th></tr></thead>
            <tbody>
              {result.lines.map((l, i) => (
                <tr key={i} data-sku={l.sku}>
                  <td data-label="SKU">{l.sku}</td><td data-label="Qty">{l.quantity}</td><td data-label="List">{l.listPrice}</td>
                  <td data-label="Price" className="value">{l.unitPrice}</td>
                  <td data-label="Contract">{l.contract ? `${l.contract.code} ${l.contract.version}` : 'list price'}</td>
                  <td data-label="Why"><ul className="plain">{l.explanation.map((x, j) => <li key={j}>{x}</li>)}</ul></td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.violations.length ? <ul className="violations">{result.violations.map((v, i) => <li key={i}><strong>{v.code}</strong>: {v.message}</li>)}</ul> : null}
        </div>
      ) : null}
    </section>
  );
}
