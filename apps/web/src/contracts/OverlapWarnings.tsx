import { useEffect, useState } from 'react';
import { api, ok, ApiError } from '../api/client';
import type { components } from '../api/schema';

export type OverlapWarning = components['schemas']['OverlapWarning'];
type OverlapWinner = components['schemas']['OverlapWinner'];

/** How long the editor must be still before the draft is checked again. */
const DEBOUNCE_MS = 600;

function winnerText(w: OverlapWinner): string {
  const who = w.contract === 'list price' ? 'the list price' : `${w.contract.code} ${w.contract.version}`;
  if (w.unitPrice === null) return w.contract === 'list price' ? `${who} applies` : `${who} wins (a share of the list price)`;
  return `${who} wins at ${w.unitPrice}${w.dependsOnListPrice ? ' (a lower list price may let a percentage win)' : ''}`;
}

/** "SKU-1, SKU-2 (3 more)". */
function skuText(w: OverlapWarning): string {
  const more = w.skuCount > w.skus.length ? ` (${w.skuCount - w.skus.length} more)` : '';
  return `${w.skus.join(', ')}${more}`;
}

/** One line: who else prices what for whom, and who wins; per SKU when the winners differ. */
function WarningItem({ warning: w }: { warning: OverlapWarning }) {
  const other = `${w.contract.code} ${w.contract.version}`;
  const lead = w.kind === 'prices' ? 'Also priced' : 'Excluded by one contract, priced by the other';
  const winners = w.winners.map(winnerText);
  const same = winners.length > 0 && winners.every((x) => x === winners[0]);
  return (
    <li className="overlap" data-contract={w.contract.code} data-kind={w.kind}>
      <span>{lead} for <strong>{w.buyer}</strong> by <a href={`#/contracts/${w.contract.id}`}>{other}</a></span>
      {w.skus.length ? <span>: {skuText(w)}</span> : null}
      {w.catalogue ? <span>{w.skus.length ? '; ' : ': '}the whole catalogue, by a catalogue-wide adjustment</span> : null}
      {same ? <span> — {winners[0]}</span> : null}
      {!same && winners.length ? (
        <ul className="plain">
          {w.winners.map((x, i) => <li key={x.sku}>{x.sku}: {winners[i]}</li>)}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * Overlap warnings of a draft (POST /api/v1/contracts/overlaps, GET …/{id}/overlaps, the submit
 * answer, the inbox detail): other contracts in force for its buyers that also price or exclude
 * what it prices. Warnings, never errors: the draft can still be saved and submitted.
 */
export function OverlapWarnings({ warnings }: { warnings: readonly OverlapWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="card overlaps" aria-labelledby="overlaps-title">
      <h2 id="overlaps-title">Overlaps with other contracts ({warnings.length})</h2>
      <p className="muted">Other contracts in force for these buyers price the same products. Checkout picks one price per line, as shown; this does not stop a submit.</p>
      <ul className="overlap-list">
        {warnings.map((w, i) => <WarningItem key={`${w.buyer}|${w.contract.id}|${w.kind}|${i}`} warning={w} />)}
      </ul>
    </section>
  );
}

export interface OverlapsState {
  warnings: OverlapWarning[];
  /** A request is waiting or running. */
  checking: boolean;
  /** The draft is not valid yet (the editor shows its 422 details): the warnings are the last valid draft's. */
  invalid: boolean;
}

/**
 * The overlap warnings of the draft being edited, checked again once the draft has not changed for
 * 600 ms; an answer that arrives after a newer draft was sent is dropped.
 */
export function useOverlaps(draftBody: Record<string, unknown> | undefined, contractId?: string): OverlapsState {
  const [state, setState] = useState<OverlapsState>({ warnings: [], checking: false, invalid: false });
  const key = draftBody ? JSON.stringify(draftBody) : '';
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      ok(api.POST('/api/v1/contracts/overlaps', { body: { draft: JSON.parse(key), ...(contractId ? { contractId } : {}) } }))
        .then((res) => { if (live) setState({ warnings: res.warnings, checking: false, invalid: false }); })
        .catch((err: unknown) => {
          if (!live) return;
          // A draft still being written is refused field by field elsewhere; here it only keeps the last answer.
          setState((s) => ({ ...s, checking: false, invalid: err instanceof ApiError && (err.status === 422 || err.status === 400) }));
        });
    }, DEBOUNCE_MS);
    return () => { live = false; clearTimeout(timer); };
  }, [key, contractId]);
  return state;
}
