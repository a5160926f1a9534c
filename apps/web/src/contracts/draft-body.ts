import { SPEC_BY_TYPE, type FieldSpec } from './term-specs';
import type { Draft, Term } from './model';

/** A date typed as YYYY-MM-DD becomes the start or the end of that day, UTC; full times pass as they are. */
function instant(v: string, end: boolean): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${end ? '23:59:59' : '00:00:00'}Z` : v;
}

function scalar(v: unknown, kind: string): unknown {
  if (v === '' || v === undefined || v === null) return undefined;
  if (kind === 'int' && typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  if (typeof v === 'string') return v.trim();
  return v;
}

function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** One term as the API takes it: numbers as numbers, empty optional fields left out. */
export function termBody(term: Term): Term {
  const spec = SPEC_BY_TYPE.get(term.type);
  if (!spec) return term;
  const out: Record<string, unknown> = { ...term };
  for (const f of spec.fields as FieldSpec[]) {
    const v = term[f.key];
    if (f.kind === 'rows') {
      out[f.key] = ((v as Record<string, unknown>[]) ?? []).map((row) => clean(Object.fromEntries(f.columns.map((c) => [c.key, scalar(row[c.key], c.kind)]))));
    } else if (f.kind === 'productSet') {
      const ps = clean((v ?? {}) as Record<string, unknown>);
      for (const k of ['skus', 'categories']) if (Array.isArray(ps[k]) && (ps[k] as unknown[]).length === 0) delete ps[k];
      if (ps.name === '') delete ps.name;
      out[f.key] = Object.keys(ps).length || f.required ? ps : undefined;
    } else if (f.kind === 'bool') out[f.key] = v ? true : undefined;
    else if (f.kind === 'codes' || f.kind === 'properties') out[f.key] = v;
    else out[f.key] = scalar(v, f.kind);
  }
  return clean(out) as Term;
}

/** The create body (API.md) of a draft. */
export function draftBody(d: Draft): Record<string, unknown> {
  return clean({
    code: d.code.trim(),
    description: d.description.trim() || undefined,
    currency: d.currency.trim().toUpperCase(),
    startsAt: instant(d.startsAt.trim(), false),
    endsAt: instant(d.endsAt.trim(), true),
    seller: d.seller.trim(),
    account: d.account.trim() || undefined,
    isBase: d.isBase || undefined,
    baseContract: d.baseContract.trim() ? { code: d.baseContract.trim() } : null,
    comment: d.comment.trim() || undefined,
    creditAllowed: d.creditAllowed,
    forceContractPrice: d.forceContractPrice || undefined,
    buyers: d.buyers
      .filter((b) => (b.organization ?? '').trim() || (b.memberGroup ?? '').trim())
      .map((b) => clean({ ...b, organization: b.organization?.trim() || undefined, memberGroup: b.memberGroup?.trim() || undefined })),
    terms: d.terms.map(termBody),
  });
}
