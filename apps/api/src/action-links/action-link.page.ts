/** The small pages behind mailed action links: no sign-in, no script, readable on a phone. */

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const ACTION_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} · Pactum</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1d2330; background: #f5f6f8; }
  body { margin: 0; } main { max-width: 38rem; margin: 2rem auto; padding: 0 1rem; }
  .card { background: #fff; border-radius: .5rem; padding: 1rem 1.25rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .75rem; } dt { color: #52606d; }
  label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
  textarea { width: 100%; box-sizing: border-box; min-height: 6rem; font: inherit; }
  button { font: inherit; padding: .5rem 1.1rem; border-radius: .35rem; border: 0; color: #fff; cursor: pointer; margin-top: .75rem; }
  button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid #2f6fde; outline-offset: 2px; }
  .approve { background: #1f7a3d; } .reject { background: #a32020; } .error { color: #a32020; font-weight: 600; }
</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export interface LinkedContract {
  code: string;
  version: string;
  description: string | null;
  seller: string;
  buyers: string[];
  startsAt: string;
  endsAt: string;
  currency: string;
  submittedBy: string | null;
  terms: number;
}

function contractCard(c: LinkedContract): string {
  return `<div class="card"><dl>
  <dt>Contract</dt><dd>${escapeHtml(c.code)} · version ${escapeHtml(c.version)}</dd>
  ${c.description ? `<dt>Description</dt><dd>${escapeHtml(c.description)}</dd>` : ''}
  <dt>Seller</dt><dd>${escapeHtml(c.seller)}</dd>
  <dt>Buyers</dt><dd>${c.buyers.map(escapeHtml).join('<br>') || '—'}</dd>
  <dt>Period</dt><dd>${escapeHtml(c.startsAt)} – ${escapeHtml(c.endsAt)} (${escapeHtml(c.currency)})</dd>
  <dt>Terms</dt><dd>${c.terms}</dd>
  <dt>Submitted by</dt><dd>${escapeHtml(c.submittedBy ?? '—')}</dd>
</dl></div>`;
}

/** GET: shows what the link will do and asks for confirmation (a GET never changes anything: mail scanners open links). */
export function confirmPage(action: 'approve' | 'reject', token: string, c: LinkedContract, inboxUrl: string, error?: string): string {
  const form = action === 'approve'
    ? `<label for="comment">Comment (optional)</label><textarea id="comment" name="comment" maxlength="2000"></textarea>
       <button class="approve" type="submit">Approve contract ${escapeHtml(c.code)}</button>`
    : `<label for="reason">Reason for rejecting (required)</label><textarea id="reason" name="reason" required maxlength="2000"${error ? ' aria-invalid="true" aria-describedby="form-error"' : ''}></textarea>
       <button class="reject" type="submit">Reject contract ${escapeHtml(c.code)}</button>`;
  return layout(action === 'approve' ? 'Approve this contract?' : 'Reject this contract?', `${contractCard(c)}
<form method="post" action="/actions/${escapeHtml(token)}">
  ${error ? `<p id="form-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  ${form}
</form>
<p><a href="${escapeHtml(inboxUrl)}">Open the approval inbox instead</a> (sign-in required).</p>`);
}

export function donePage(title: string, message: string, inboxUrl: string): string {
  return layout(title, `<div class="card" role="status"><p>${escapeHtml(message)}</p></div><p><a href="${escapeHtml(inboxUrl)}">Open the approval inbox</a></p>`);
}

export function refusalPage(title: string, message: string, inboxUrl: string): string {
  return layout(title, `<div class="card" role="alert"><p class="error">${escapeHtml(message)}</p><p>Nothing was changed.</p></div><p><a href="${escapeHtml(inboxUrl)}">Open the approval inbox</a> to see the contract as it is now.</p>`);
}
