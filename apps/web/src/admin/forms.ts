import { ApiError, type ErrorDetail } from '../api/client';
import type { components } from '../api/schema';
import { session } from '../session';

export type Role = components['schemas']['Role'];

/** Every role, in the order the forms offer them, with what it lets a user do. */
export const ROLE_CHOICES: { role: Role; label: string }[] = [
  { role: 'account_rep', label: 'Account representative (writes contracts; needs an organisation)' },
  { role: 'sales_manager', label: 'Sales manager (approves contracts; needs an organisation)' },
  { role: 'integration', label: 'Integration (imports, exports, reference data)' },
  { role: 'order_service', label: 'Order service (checkout)' },
  { role: 'admin', label: 'Admin (users, organisations, reference data)' },
  { role: 'import_approved', label: 'Import approved (an import deploys Approved contracts without a manager)' },
];

/** The API's 422 details by field, for the form to show each at its field. */
export function errorsByField(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details) if (d.field && !out[d.field]) out[d.field] = d.message;
  return out;
}

/** The aria attributes of an input whose field may carry an error (`<id>-error`, rendered by Field). */
export const invalid = (id: string, error: string | undefined, hint = false) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
});

/** Lines of a textarea: trimmed, empty ones left out. */
export const lines = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/**
 * Sends CSV to a route that takes text/csv (the typed client sends JSON only), with the session's
 * token; a refusal becomes an ApiError with the API's details (lines of the CSV).
 */
export async function putCsv(path: string, csv: string): Promise<unknown> {
  const res = await fetch(path, { method: 'PUT', body: csv, headers: { 'content-type': 'text/csv', authorization: `Bearer ${session.get()?.token ?? ''}` } });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) session.end('Your session has ended: please sign in again.');
  if (!res.ok) throw new ApiError(res.status, body.message ?? res.statusText, (body.details ?? []) as ErrorDetail[]);
  return body;
}

/**
 * The API's problems with a list sent as the lines of a textarea (`organizations[2]`, `rates[0].rate`)
 * or a CSV (line numbers), as one text naming each line: undefined when there are none.
 */
export function lineErrors(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const out: string[] = [];
  for (const d of err.details) {
    const m = d.field?.match(/^([A-Za-z]+)(?:\[(\d+)\])?(?:\.(\w+))?$/);
    if (d.line !== undefined && field === 'csv') out.push(`line ${d.line}${d.field ? ` (${d.field})` : ''}: ${d.message}`);
    else if (m && m[1] === field) out.push(m[2] !== undefined ? `line ${Number(m[2]) + 1}${m[3] ? ` (${m[3]})` : ''}: ${d.message}` : d.message);
  }
  return out.length ? out.join('; ') : undefined;
}

/** A CSV field, quoted when it must be. */
export const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
