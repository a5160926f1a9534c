import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../session';

/** One field's problem as the API reports it (API.md error shape). */
export interface ErrorDetail { field?: string; line?: number; column?: number; lineIndex?: number; message: string }

/** A refused request: the API's message and its details, kept so forms can show them at their fields. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly details: ErrorDetail[] = [], readonly code?: string) {
    super(message);
  }

  /** The message with its details, for a status line. */
  get full(): string {
    const d = this.details.map((x) => (x.field ? `${x.field}: ` : x.line ? `line ${x.line}${x.column ? `, column ${x.column}` : ''}: ` : '') + x.message);
    return this.message + (d.length ? ` (${d.join('; ')})` : '');
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.get()?.token;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token ends the session; the app shows the sign-in form again.
    if (response.status === 401 && session.get()) session.end('Your session has ended: please sign in again.');
    return response;
  },
};

/** The typed client: paths, parameters and bodies come from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

interface Outcome<T> { data?: T; error?: unknown; response: Response }

/** Unwraps an openapi-fetch answer: its data, or an ApiError carrying the API's message and details. */
export async function ok<T>(call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { message?: string; details?: ErrorDetail[]; code?: string };
  throw new ApiError(response.status, body.message || response.statusText || `HTTP ${response.status}`, body.details ?? [], body.code);
}

/** Downloads an authenticated file (an export) under `name`: the token goes in a header, never in a URL. */
export async function download(path: string, name: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.get()?.token ?? ''}` } });
  if (res.status === 401 && session.get()) session.end('Your session has ended: please sign in again.');
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, body.message ?? res.statusText, body.details ?? []);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
