import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIL_KINDS, type MailContract, type MailDataByKind, type MailKind } from './mail-kinds';
import { createMailRenderer, defaultTemplatesDir, MailRenderError, renderMail } from './mail-renderer';

const contract: MailContract = { id: 'c-1', code: 'ACME-2026', version: '1.2', description: 'Frame contract', seller: 'o=Seller', url: 'https://pactum.example/contracts/c-1' };
const hostile = `<script>alert("x")</script> & 'quotes'`;

const samples: { [K in MailKind]: MailDataByKind[K] } = {
  'approval-requested': {
    recipientName: 'Mia Manager', contract, submittedBy: 'rep1', changesSummary: 'price of SKU-1',
    approveUrl: 'https://pactum.example/actions/approve?token=v1.aaa.bbb', rejectUrl: 'https://pactum.example/actions/reject?token=v1.ccc.ddd',
    linksExpireAt: '2026-12-01T10:30:00Z',
  },
  approved: { contract, approvedBy: 'manager1', comment: 'fine' },
  rejected: { contract, rejectedBy: 'manager1', reason: 'Discount on SKU-1 too high' },
  'deployment-failed': { contract, error: 'runtime store unreachable', attempt: 3 },
  'expiring-soon': { contract, endsAt: new Date('2026-12-31T00:00:00Z'), daysLeft: 1 },
  expired: { contract, endedAt: '2026-12-31T00:00:00Z' },
  'contract-request-received': {
    request: { id: 'r-1', customerName: 'Buyer GmbH', requestedBy: 'buyer@buyer.example', customerNumber: 'C-77', currency: 'EUR', message: 'We would like to order monthly.' },
    acceptUrl: 'https://pactum.example/actions/accept?token=v1.eee.fff', declineUrl: 'https://pactum.example/actions/decline?token=v1.ggg.hhh',
    linksExpireAt: '2026-12-01T10:30:00Z',
  },
  'webhook-disabled': {
    subscription: { id: 'w-1', endpoint: 'https://erp.example/hooks/pactum', description: 'ERP orders' },
    disabledAt: '2026-12-04T08:00:00Z', reason: 'deliveries failed for 4320 minutes; last: HTTP 503',
    deliveriesUrl: 'https://pactum.example/api/v1/webhooks/w-1/deliveries',
  },
};

describe('renderMail', () => {
  it.each(MAIL_KINDS)('renders %s as subject, HTML in the shared layout, and plain text', (kind) => {
    const mail = renderMail(kind, samples[kind] as never);
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);
    expect(mail.html).toContain('This message was sent by Pactum');
    expect(mail.text).toContain('This message was sent by Pactum');
    expect(mail.text).not.toMatch(/<[a-z]/i);
    expect(mail.text).not.toMatch(/\n{3,}/);
    expect(`${mail.html}${mail.text}`).not.toMatch(/\{\{|\}\}/);
  });

  it('puts the approve and reject links into both bodies, and the expiry in UTC', () => {
    const mail = renderMail('approval-requested', samples['approval-requested']);
    expect(mail.subject).toBe('Approval requested: contract ACME-2026 v1.2');
    expect(mail.html).toContain('href="https://pactum.example/actions/approve?token=v1.aaa.bbb"');
    expect(mail.html).toContain('href="https://pactum.example/actions/reject?token=v1.ccc.ddd"');
    expect(mail.text).toContain('Approve: https://pactum.example/actions/approve?token=v1.aaa.bbb');
    expect(mail.text).toContain('Reject:  https://pactum.example/actions/reject?token=v1.ccc.ddd');
    expect(mail.text).toContain('until 2026-12-01 10:30 UTC');
    expect(mail.text).toContain('Hello Mia Manager,');
    expect(mail.text).toContain('Changed since the previous version: price of SKU-1');
  });

  it('shows the rejection reason', () => {
    const mail = renderMail('rejected', samples.rejected);
    expect(mail.text).toContain('Reason:\nDiscount on SKU-1 too high');
    expect(mail.html).toContain('Discount on SKU-1 too high');
    expect(mail.subject).toBe('Contract ACME-2026 v1.2 rejected');
  });

  it('puts accept and decline links into a contract request mail', () => {
    const mail = renderMail('contract-request-received', samples['contract-request-received']);
    expect(mail.subject).toBe('Contract request from Buyer GmbH');
    expect(mail.html).toContain('href="https://pactum.example/actions/accept?token=v1.eee.fff"');
    expect(mail.text).toContain('Decline: https://pactum.example/actions/decline?token=v1.ggg.hhh');
    expect(mail.text).toContain('Customer number: C-77');
  });

  it('says "day" for one day and "days" otherwise', () => {
    expect(renderMail('expiring-soon', samples['expiring-soon']).subject).toBe('Contract ACME-2026 expires in 1 day');
    expect(renderMail('expiring-soon', { ...samples['expiring-soon'], daysLeft: 7 }).subject).toBe('Contract ACME-2026 expires in 7 days');
  });

  it('lists unmet obligations to buy in the expiring-soon mail, and says nothing of them without any', () => {
    const unmetObligations = [{ amount: '1000.00', currency: 'USD', bought: '250.00', remaining: '750.00', endsAt: '2026-04-01T00:00:00Z' }];
    const mail = renderMail('expiring-soon', { ...samples['expiring-soon'], unmetObligations });
    expect(mail.text).toContain('Obligation to buy not met:\n- a minimum of 1000.00 USD by 2026-04-01 00:00 UTC: 250.00 USD bought, 750.00 USD still to buy');
    expect(mail.html).toContain('<li>a minimum of 1000.00 USD by 2026-04-01 00:00 UTC: 250.00 USD bought, <strong>750.00 USD</strong> still to buy</li>');
    expect(renderMail('expiring-soon', samples['expiring-soon']).text).not.toContain('Obligation');
  });

  it('escapes user data in HTML but keeps it verbatim in plain text', () => {
    const mail = renderMail('rejected', { ...samples.rejected, reason: hostile, recipientName: hostile, contract: { ...contract, description: hostile } });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;');
    expect(mail.text).toContain(`Reason:\n${hostile}`);
    expect(mail.text).toContain(`Hello ${hostile},`);
  });

  it('keeps a subject on one line whatever the data holds', () => {
    const mail = renderMail('contract-request-received', { ...samples['contract-request-received'], request: { id: 'r', customerName: 'Evil\r\nBcc: victim@example.com' } });
    expect(mail.subject).toBe('Contract request from Evil Bcc: victim@example.com');
  });

  it.each(['javascript:alert(1)', '/relative/path', 'https://ok.example/" onclick="x', ''])('refuses a link that is not an absolute http(s) URL: %j', (url) => {
    expect(() => renderMail('approval-requested', { ...samples['approval-requested'], approveUrl: url })).toThrow(MailRenderError);
    expect(() => renderMail('approved', { ...samples.approved, contract: { ...contract, url } })).toThrow(/contract\.url must be an absolute http\(s\) URL/);
  });

  it('refuses an unknown kind and an invalid timestamp', () => {
    expect(() => renderMail('nope' as MailKind, samples.approved as never)).toThrow(/kind is not a known mail kind/);
    expect(() => renderMail('expired', { contract, endedAt: 'not a date' })).toThrow(/not a valid timestamp/);
  });

  it('compiles the templates once: later edits of the files do not change a renderer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pactum-templates-'));
    cpSync(defaultTemplatesDir(), dir, { recursive: true });
    const renderer = createMailRenderer(dir);
    const before = renderer.render('approved', samples.approved);
    writeFileSync(join(dir, 'approved', 'subject.hbs'), 'changed');
    expect(renderer.render('approved', samples.approved)).toEqual(before);
    expect(createMailRenderer(dir).render('approved', samples.approved).subject).toBe('changed');
    expect(readFileSync(join(dir, 'layout.html.hbs'), 'utf8')).toContain('{{{body}}}');
  });
});
