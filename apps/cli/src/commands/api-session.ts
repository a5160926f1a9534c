import type { ParsedArgs } from '../args';

/** Where the API is and who talks to it: flags first, then the environment. */
export interface ApiSession {
  baseUrl: string;
  token: string;
}

export const API_OPTIONS_USAGE = `  API: --api URL (or $PACTUM_API_URL, default http://127.0.0.1:$PORT or :3000); credentials: --user NAME with the
  password in $PACTUM_PASSWORD (or --password-env VAR), or a bearer token in $PACTUM_TOKEN.`;

export class CliUsageError extends Error {}

function option(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  return typeof v === 'string' ? v : undefined;
}

/** Logs in (POST /api/v1/auth/token) unless a token is given. */
export async function openApiSession(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): Promise<ApiSession> {
  const baseUrl = (option(args, 'api') ?? env.PACTUM_API_URL ?? `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/$/, '');
  if (env.PACTUM_TOKEN && !option(args, 'user')) return { baseUrl, token: env.PACTUM_TOKEN };
  const username = option(args, 'user') ?? env.PACTUM_USER;
  const password = env[option(args, 'password-env') ?? 'PACTUM_PASSWORD'];
  if (!username || !password) throw new CliUsageError('credentials missing: --user (or $PACTUM_USER) with $PACTUM_PASSWORD, or $PACTUM_TOKEN');
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login as ${username} at ${baseUrl} failed: ${res.status} ${await res.text()}`);
  return { baseUrl, token: ((await res.json()) as { accessToken: string }).accessToken };
}

export async function apiGet<T>(s: ApiSession, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.baseUrl}${path}`, { headers: { authorization: `Bearer ${s.token}` } });
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: body as T };
}

/**
 * openApiSession for a command: a usage problem (missing credentials) is written to `err` with
 * the command's usage and answers undefined (the command exits 2); other errors propagate.
 */
export async function openCommandSession(command: string, usage: string, args: ParsedArgs, err: NodeJS.WritableStream): Promise<ApiSession | undefined> {
  try {
    return await openApiSession(args);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    err.write(`${command}: ${e.message}\n\n${usage}\n`);
    return undefined;
  }
}

