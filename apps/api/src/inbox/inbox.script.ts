/**
 * The approval page's script (served as /inbox/app.js): sign-in (token in sessionStorage), the
 * manager's inbox with bulk approval, one contract with its redline and the decision, and the
 * representative's own contracts. Plain DOM, text always set as text. Kept as a string so the
 * build output carries it; it must contain no backtick and no dollar-brace (String.raw template).
 */
export const INBOX_SCRIPT = String.raw`'use strict';
(() => {
  const KEYS = { token: 'pactum.token', user: 'pactum.user', roles: 'pactum.roles' };
  const state = {
    token: sessionStorage.getItem(KEYS.token),
    user: sessionStorage.getItem(KEYS.user),
    roles: JSON.parse(sessionStorage.getItem(KEYS.roles) || '[]'),
  };
  const VIEWS = ['login-view', 'inbox-view', 'contract-view', 'mine-view'];
  const KIND = { added: '+ Added', removed: '\u2212 Removed', changed: '~ Changed' };
  const $ = (id) => document.getElementById(id);

  /** Builds an element; text always goes in as text, never as HTML. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  function say(text, kind) {
    const m = $('message');
    m.textContent = text || '';
    m.className = 'message' + (kind ? ' ' + kind : '');
  }

  async function api(path, options) {
    const o = options || {};
    const headers = { authorization: 'Bearer ' + state.token };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method: o.method || 'GET', headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const body = await res.json().catch(() => ({}));
    if (res.status === 401) {
      signOut('Your session has ended: please sign in again.');
      throw new Error('signed out');
    }
    if (!res.ok) {
      const details = (body.details || []).map((d) => (d.field ? d.field + ': ' : '') + d.message).join('; ');
      throw new Error((body.message || res.statusText) + (details ? ' (' + details + ')' : ''));
    }
    return body;
  }

  function duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min';
    const hours = Math.floor(m / 60);
    if (hours < 48) return hours + ' h ' + (m % 60) + ' min';
    return Math.floor(hours / 24) + ' d ' + (hours % 24) + ' h';
  }

  const isManager = () => state.roles.includes('sales_manager');
  const time = (iso) => (iso ? h('time', { datetime: iso }, iso.slice(0, 16).replace('T', ' ') + ' UTC') : '\u2014');

  function escalation(item) {
    if (item.escalatesAt === null || item.escalatesAt === undefined) return h('span', {}, 'never');
    if (item.escalated) return h('span', { class: 'overdue' }, 'Escalated');
    if (item.secondsLeft <= 0) return h('span', { class: 'overdue' }, 'Due now');
    return h('span', { title: item.escalatesAt }, 'in ' + duration(item.secondsLeft));
  }

  function show(view) {
    for (const id of VIEWS) $(id).hidden = id !== view;
    const heading = $(view).querySelector('h1');
    if (heading && document.activeElement && document.activeElement !== document.body && !$(view).contains(document.activeElement)) heading.focus();
  }

  function signOut(message) {
    sessionStorage.removeItem(KEYS.token);
    sessionStorage.removeItem(KEYS.user);
    sessionStorage.removeItem(KEYS.roles);
    Object.assign(state, { token: null, user: null, roles: [] });
    route().then(() => { if (message) say(message, 'error'); });
  }

  async function route() {
    say('');
    const signedIn = Boolean(state.token);
    $('nav').hidden = !signedIn;
    $('sign-out').hidden = !signedIn;
    $('who').textContent = signedIn ? state.user + (isManager() ? ' (sales manager)' : '') : '';
    $('home-link').textContent = isManager() ? 'Inbox' : 'My contracts';
    if (!signedIn) {
      show('login-view');
      return;
    }
    const match = /^#\/contracts\/([0-9a-fA-F-]{36})$/.exec(location.hash);
    try {
      if (match) await showContract(match[1]);
      else if (isManager()) await showInbox();
      else await showMine();
    } catch (err) {
      if (err.message !== 'signed out') say(err.message, 'error');
    }
  }

  // ---- the inbox ----

  async function showInbox() {
    const data = await api('/api/v1/inbox?pageSize=200');
    const rows = $('inbox-rows');
    rows.replaceChildren();
    $('inbox-summary').textContent = data.total === 0 ? 'Nothing waits for you.'
      : data.total + (data.total === 1 ? ' contract waits' : ' contracts wait') + ' for you, oldest first'
        + (data.total > data.items.length ? ' (the first ' + data.items.length + ' are shown)' : '') + '.';
    for (const it of data.items) {
      const label = it.code + ' ' + it.version;
      const changes = it.changes.total === 0 ? 'no changes' : it.changes.total + ' change' + (it.changes.total === 1 ? '' : 's')
        + (it.previousVersion ? ' since ' + it.previousVersion.version : ' (first version)');
      rows.append(h('tr', { dataset: { id: it.id } },
        h('td', { 'data-label': 'Select' }, h('input', { type: 'checkbox', name: 'ids', value: it.id, 'aria-label': 'Select ' + label, onchange: updateBulk })),
        h('td', { 'data-label': 'Contract', class: 'contract' }, h('div', {},
          h('a', { href: '#/contracts/' + it.id }, label),
          it.description ? h('div', { class: 'muted' }, it.description) : null,
          h('div', { class: 'muted' }, changes))),
        h('td', { 'data-label': 'Buyers' }, h('ul', {}, it.buyers.map((b) => h('li', {}, b)),
          it.buyerCount > it.buyers.length ? h('li', {}, 'and ' + (it.buyerCount - it.buyers.length) + ' more') : null)),
        h('td', { 'data-label': 'Value', class: 'value' }, it.value.label),
        h('td', { 'data-label': 'Submitted by' }, it.submitter || '\u2014'),
        h('td', { 'data-label': 'Waiting', class: 'time' }, h('span', { title: it.submittedAt }, duration(it.waitingSeconds))),
        h('td', { 'data-label': 'Escalates', class: 'time' }, escalation(it))));
    }
    $('select-all').checked = false;
    $('select-all').disabled = data.items.length === 0;
    updateBulk();
    show('inbox-view');
  }

  function selectedIds() {
    return [...document.querySelectorAll('#inbox-rows input[name=ids]:checked')].map((c) => c.value);
  }

  function updateBulk() {
    const n = selectedIds().length;
    $('approve-selected').disabled = n === 0;
    $('approve-selected').textContent = n ? 'Approve selected (' + n + ')' : 'Approve selected';
  }

  $('select-all').addEventListener('change', (e) => {
    for (const c of document.querySelectorAll('#inbox-rows input[name=ids]')) c.checked = e.target.checked;
    updateBulk();
  });

  $('bulk').addEventListener('submit', async (e) => {
    e.preventDefault();
    const ids = selectedIds();
    if (!ids.length) return;
    $('approve-selected').disabled = true;
    try {
      const res = await api('/api/v1/inbox/approve', { method: 'POST', body: { ids } });
      const failures = res.results.filter((r) => !r.ok).map((r) => r.id.slice(0, 8) + ': ' + r.message);
      await showInbox();
      say(res.approved + ' approved' + (failures.length ? ', ' + failures.length + ' failed \u2014 ' + failures.join('; ') : '.'), failures.length ? 'error' : 'ok');
    } catch (err) {
      if (err.message !== 'signed out') say(err.message, 'error');
      updateBulk();
    }
  });

  // ---- one contract ----

  async function showContract(id) {
    const d = await api('/api/v1/inbox/' + id);
    const c = d.contract;
    const view = $('contract-view');
    const statusEl = h('strong', { id: 'contract-status', class: 'status' }, c.status);
    // One wrapper: h() flattens lists and drops the absent parts (replaceChildren would print them).
    view.replaceChildren(h('div', {},
      h('p', {}, h('a', { href: '#/' }, isManager() ? '\u2190 Back to the inbox' : '\u2190 Back to my contracts')),
      h('h1', { tabindex: '-1' }, c.code + ' ' + c.version),
      h('p', {}, 'Status: ', statusEl),
      d.submittedAt ? h('p', { class: 'muted' }, 'Submitted by ' + (d.submitter || '\u2014') + ', waiting ' + duration(d.waitingSeconds) + '. Escalates: ', escalation(d), '.') : null,
      d.canDecide ? decisionPanel(c, statusEl) : null,
      h('h2', {}, d.previousVersion ? 'Changes since version ' + d.previousVersion.version : 'Changes (first version: everything is new)'),
      redline(d.redline),
      h('h2', {}, 'Profile'),
      profile(c),
      h('h2', {}, 'Buyers'),
      c.buyers.length ? h('ul', { class: 'plain card' }, c.buyers.map((b) => h('li', {},
        b.organization || 'Member group ' + b.memberGroup,
        b.active === false ? ' \u2014 switched off' : '',
        b.startsAt ? ', from ' + b.startsAt.slice(0, 10) : '', b.endsAt ? ', until ' + b.endsAt.slice(0, 10) : ''))) : h('p', {}, 'No buyers (base contract).'),
      h('h2', {}, 'Terms'),
      d.terms.map((t) => h('article', { class: 'card term' }, h('h3', {}, t.title), t.lines.length ? h('ul', { class: 'plain' }, t.lines.map((l) => h('li', {}, l))) : null))));
    show('contract-view');
  }

  function profile(c) {
    const rows = [
      ['Description', c.description], ['Seller', c.seller], ['Account', c.account], ['Currency', c.currency],
      ['Starts', time(c.startsAt)], ['Ends', time(c.endsAt)], ['Origin', c.origin],
      ['Base contract', c.isBase ? 'yes (this is a base contract)' : c.baseContract ? c.baseContract.code + ' ' + c.baseContract.version : 'none'],
      ['Credit allowed', c.creditAllowed ? 'yes' : 'no'], ['Force contract price', c.forceContractPrice ? 'yes' : 'no'],
      ['Comment', c.comment], ['Owner', c.owner],
    ];
    return h('dl', { class: 'profile card' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null || v === undefined || v === '' ? '\u2014' : v)]));
  }

  function redline(r) {
    if (!r.changes.length) return h('p', {}, 'Nothing changed.');
    const shown = r.changes.slice(0, 500);
    return h('div', {},
      h('p', { class: 'muted' }, r.summary.added + ' added, ' + r.summary.removed + ' removed, ' + r.summary.changed + ' changed'
        + (shown.length < r.changes.length ? ' (the first ' + shown.length + ' are listed)' : '') + '.'),
      h('ul', { class: 'redline', 'aria-label': 'Changes' }, shown.map((ch) => h('li', { class: 'change ' + ch.kind },
        h('span', { class: 'kind' }, KIND[ch.kind]),
        h('span', { class: 'what' }, ch.label),
        h('span', { class: 'values' },
          ch.before !== undefined ? h('del', {}, h('span', { class: 'sr' }, 'was: '), ch.before) : null,
          ch.after !== undefined ? h('ins', {}, h('span', { class: 'sr' }, 'now: '), ch.after) : null)))));
  }

  function decisionPanel(c, statusEl) {
    const comment = h('textarea', { id: 'approve-comment', rows: 2 });
    const reason = h('textarea', { id: 'reject-reason', rows: 3, required: true, 'aria-describedby': 'reject-help' });
    const approveButton = h('button', { type: 'submit', class: 'primary' }, 'Approve');
    const rejectButton = h('button', { type: 'submit', class: 'danger' }, 'Reject');
    const done = () => { for (const el of [comment, reason, approveButton, rejectButton]) el.disabled = true; };
    const approve = h('form', { id: 'approve-form', onsubmit: async (e) => {
      e.preventDefault();
      approveButton.disabled = true;
      try {
        const text = comment.value.trim();
        const res = await api('/api/v1/contracts/' + c.id + '/approve', { method: 'POST', body: text ? { comment: text } : {} });
        done();
        statusEl.textContent = res.status;
        say(c.code + ' ' + c.version + ' approved; deploying\u2026', 'ok');
        const final = await settle(c.id, res.status);
        statusEl.textContent = final;
        say(c.code + ' ' + c.version + ' is now ' + final + '.', final === 'ACTIVE' ? 'ok' : 'error');
      } catch (err) {
        approveButton.disabled = false;
        if (err.message !== 'signed out') say(err.message, 'error');
      }
    } },
    h('label', { for: 'approve-comment' }, 'Comment (optional)'), comment, approveButton);
    const reject = h('form', { id: 'reject-form', onsubmit: async (e) => {
      e.preventDefault();
      const text = reason.value.trim();
      if (!text) {
        say('A rejection needs a reason.', 'error');
        reason.focus();
        return;
      }
      rejectButton.disabled = true;
      try {
        const res = await api('/api/v1/contracts/' + c.id + '/reject', { method: 'POST', body: { reason: text } });
        done();
        statusEl.textContent = res.status;
        say(c.code + ' ' + c.version + ' rejected.', 'ok');
      } catch (err) {
        rejectButton.disabled = false;
        if (err.message !== 'signed out') say(err.message, 'error');
      }
    } },
    h('label', { for: 'reject-reason' }, 'Reason for rejection (required)'), reason,
    h('span', { id: 'reject-help', class: 'muted' }, 'The representative sees this reason.'), rejectButton);
    return h('section', { class: 'decision card', 'aria-labelledby': 'decision-heading' }, h('h2', { id: 'decision-heading' }, 'Your decision'), approve, reject);
  }

  /** After an approval the contract deploys on its own: follow it until it settles (about 20 s at most). */
  async function settle(id, status) {
    let current = status;
    for (let i = 0; i < 40 && (current === 'APPROVED' || current === 'DEPLOYING'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      current = (await api('/api/v1/contracts/' + id)).status;
    }
    return current;
  }

  // ---- the representative's contracts ----

  async function showMine() {
    const data = await api('/api/v1/my-contracts?pageSize=100');
    $('mine-summary').textContent = data.total === 0 ? 'You own no contracts yet.' : data.total + ' contract' + (data.total === 1 ? '' : 's') + ', newest first.';
    $('mine-list').replaceChildren(...data.items.map((c) => h('article', { class: 'card', dataset: { id: c.id } },
      h('h2', {}, h('a', { href: '#/contracts/' + c.id }, c.code + ' ' + c.version), ' ', h('span', { class: 'status' }, c.status)),
      c.description ? h('p', { class: 'muted' }, c.description) : null,
      c.rejection ? h('div', { class: 'rejection' }, h('strong', {}, 'Rejected by ' + c.rejection.by + ': '), h('span', { class: 'reason' }, c.rejection.reason)) : null,
      h('ol', { class: 'timeline', 'aria-label': 'Status timeline' }, c.timeline.map((t) => h('li', {},
        time(t.at), ' \u2014 ', t.action, ' by ', t.actor, ': ', t.fromStatus ? t.fromStatus + ' \u2192 ' : '', t.toStatus,
        t.reason ? ' (reason: ' + t.reason + ')' : '', t.comment ? ' (comment: ' + t.comment + ')' : ''))))));
    show('mine-view');
  }

  // ---- sign-in ----

  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const username = String(form.get('username'));
    try {
      const res = await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: form.get('password') }) });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) return say(body.message || 'Sign-in failed', 'error');
      Object.assign(state, { token: body.accessToken, user: username, roles: body.roles || [] });
      sessionStorage.setItem(KEYS.token, state.token);
      sessionStorage.setItem(KEYS.user, username);
      sessionStorage.setItem(KEYS.roles, JSON.stringify(state.roles));
      e.target.reset();
      // A hash change routes by itself; on the home page (no change) route here.
      if (location.hash === '#/' || location.hash.startsWith('#/contracts/')) await route();
      else location.hash = '#/';
    } catch (err) {
      say(err.message, 'error');
    }
  });

  $('sign-out').addEventListener('click', () => { location.hash = '#/'; signOut(); });
  window.addEventListener('hashchange', () => { route(); });
  route();
})();
`;
