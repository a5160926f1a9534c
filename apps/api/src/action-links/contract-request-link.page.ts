import type { ContractRequest } from '@pactum/persistence';
import { escapeHtml } from './action-link.page';

/** Accept (with customer number and currency) or decline (with a reason) a contract request. */
export function confirmRequestPage(action: 'accept' | 'decline', token: string, r: ContractRequest, error?: string): string {
  const fields = action === 'accept'
    ? `<label for="customerNumber">Customer number</label><input id="customerNumber" name="customerNumber" required maxlength="64" value="${escapeHtml(r.customerNumber ?? '')}">
       <label for="currency">Currency</label><input id="currency" name="currency" required pattern="[A-Z]{3}" maxlength="3" value="${escapeHtml(r.currency ?? '')}">
       <button class="approve" type="submit">Accept and create a draft contract</button>`
    : `<label for="reason">Reason for declining (required)</label><textarea id="reason" name="reason" required maxlength="2000"></textarea>
       <button class="reject" type="submit">Decline the request</button>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>Contract request · Pactum</title>
<style>:root{font-family:system-ui,sans-serif;color:#1d2330;background:#f5f6f8}main{max-width:38rem;margin:2rem auto;padding:0 1rem}
.card{background:#fff;border-radius:.5rem;padding:1rem 1.25rem;overflow-wrap:anywhere}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.35rem}button{font:inherit;padding:.5rem 1.1rem;border-radius:.35rem;border:0;color:#fff;margin-top:.75rem}
.approve{background:#1f7a3d}.reject{background:#a32020}.error{color:#a32020;font-weight:600}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #2f6fde;outline-offset:2px}</style></head>
<body><main><h1>${action === 'accept' ? 'Accept this contract request?' : 'Decline this contract request?'}</h1>
<div class="card"><p><strong>${escapeHtml(r.customerName)}</strong> (${escapeHtml(r.buyer)}) asks ${escapeHtml(r.seller)} for a contract.</p>
${r.message ? `<p>${escapeHtml(r.message)}</p>` : ''}<p>Requested by ${escapeHtml(r.requestedBy)} on ${escapeHtml(r.createdAt.slice(0, 10))}.</p></div>
<form method="post" action="/actions/${escapeHtml(token)}">${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}${fields}</form>
</main></body></html>`;
}
