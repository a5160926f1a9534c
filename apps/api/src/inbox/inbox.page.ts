/**
 * The sales managers' inbox page: sign in, see what waits oldest first, approve or reject with a
 * reason. Self-contained (no front-end build); it talks to the same public API as everyone else.
 */
export const INBOX_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pactum · Approval inbox</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1d2330; background: #f5f6f8; }
  body { margin: 0; }
  header { background: #1d2330; color: #fff; padding: .75rem 1rem; display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
  main { max-width: 64rem; margin: 1rem auto; padding: 0 1rem; }
  form.login { background: #fff; padding: 1rem; border-radius: .5rem; max-width: 22rem; display: grid; gap: .5rem; }
  table { width: 100%; border-collapse: collapse; background: #fff; border-radius: .5rem; overflow: hidden; }
  th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #e3e6ea; overflow-wrap: anywhere; }
  button { font: inherit; padding: .35rem .8rem; border-radius: .35rem; border: 1px solid #888; background: #fff; cursor: pointer; }
  button.approve { background: #1f7a3d; color: #fff; border-color: #1f7a3d; }
  button.reject { background: #a32020; color: #fff; border-color: #a32020; }
  .status { font-weight: 600; }
  #message { min-height: 1.5rem; margin: .5rem 0; }
  @media (max-width: 40rem) { th:nth-child(3), td:nth-child(3) { display: none; } }
</style>
</head>
<body>
<header><strong>Pactum · Approval inbox</strong><span id="who"></span></header>
<main>
  <div id="message" role="status" aria-live="polite"></div>
  <form class="login" id="login">
    <label>User name <input name="username" autocomplete="username" required></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
  <section id="inbox" hidden>
    <table>
      <thead><tr><th>Contract</th><th>Buyers</th><th>Submitted by</th><th>Waiting</th><th>Status</th><th>Decision</th></tr></thead>
      <tbody id="rows"></tbody>
    </table>
  </section>
</main>
<script>
  const state = { token: sessionStorage.getItem('pactum.token'), user: sessionStorage.getItem('pactum.user') };
  const el = (id) => document.getElementById(id);
  const say = (text) => { el('message').textContent = text; };
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  async function api(path, options = {}) {
    const res = await fetch(path, { ...options, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + state.token, ...(options.headers || {}) } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.message || res.statusText);
    return body;
  }
  function age(seconds) { return seconds < 3600 ? Math.round(seconds / 60) + ' min' : seconds < 86400 ? Math.round(seconds / 3600) + ' h' : Math.round(seconds / 86400) + ' d'; }
  async function load() {
    el('login').hidden = true; el('inbox').hidden = false; el('who').textContent = state.user;
    const items = await api('/api/v1/inbox');
    el('rows').innerHTML = items.length ? items.map((c) => '<tr data-id="' + esc(c.id) + '"><td>' + esc(c.code) + ' ' + esc(c.version) + '<br><small>' + esc(c.description) + '</small></td><td>' +
      c.buyers.map((b) => esc(b.organization)).join('<br>') + '</td><td>' + esc(c.submitter) + '</td><td>' + age(c.waitingSeconds) + '</td><td class="status">' + esc(c.status) +
      '</td><td><button class="approve">Approve</button> <button class="reject">Reject</button></td></tr>').join('') : '<tr><td colspan="6">Nothing waits for you.</td></tr>';
  }
  el('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const res = await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: form.get('username'), password: form.get('password') }) });
    const body = await res.json();
    if (!res.ok) return say(body.message || 'Sign-in failed');
    state.token = body.accessToken; state.user = String(form.get('username'));
    sessionStorage.setItem('pactum.token', state.token); sessionStorage.setItem('pactum.user', state.user);
    load().catch((err) => say(err.message));
  });
  el('rows').addEventListener('click', async (e) => {
    const button = e.target.closest('button'); if (!button) return;
    const row = button.closest('tr'); const id = row.dataset.id;
    try {
      if (button.classList.contains('approve')) {
        const c = await api('/api/v1/contracts/' + id + '/approve', { method: 'POST', body: '{}' });
        row.querySelector('.status').textContent = c.status; say(c.code + ' approved');
      } else {
        const reason = prompt('Why is this contract rejected?'); if (!reason) return;
        const c = await api('/api/v1/contracts/' + id + '/reject', { method: 'POST', body: JSON.stringify({ reason }) });
        row.querySelector('.status').textContent = c.status; say(c.code + ' rejected');
      }
      row.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    } catch (err) { say(err.message); }
  });
  if (state.token) load().catch(() => { sessionStorage.clear(); el('login').hidden = false; el('inbox').hidden = true; });
</script>
</body>
</html>
`;
