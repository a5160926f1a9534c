import { useState, type FormEvent } from 'react';
import { ApiError, api, ok } from '../api/client';
import { session } from '../session';
import { PageHeading, useFail } from '../ui';

export function Login() {
  const [busy, setBusy] = useState(false);
  const fail = useFail();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get('username') ?? '');
    setBusy(true);
    try {
      const res = await ok(api.POST('/api/v1/auth/token', { body: { username, password: String(form.get('password') ?? '') } }));
      session.start({ token: res.accessToken, user: username, roles: res.roles });
    } catch (err) {
      fail(err instanceof ApiError && err.status === 401 ? new Error('Unknown user or wrong password.') : err);
      setBusy(false);
    }
  }
  return (
    <section id="login-view">
      <PageHeading>Sign in</PageHeading>
      <form id="login" className="card narrow" onSubmit={submit}>
        <label htmlFor="username">User name</label>
        <input id="username" name="username" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="primary" disabled={busy}>Sign in</button>
      </form>
    </section>
  );
}
