import { createHmac } from 'node:crypto';
import {
  actionLinkExpiry, matchActionLink, signActionLink, verifyActionLink, type ActionLinkClaims, type ActionLinkPayload,
} from './action-link';

const SECRET = 'action-link-secret-of-at-least-32-chars';
const NOW = new Date('2026-11-23T12:00:00Z');
const claims = (over: Partial<ActionLinkClaims> = {}): ActionLinkClaims => ({
  contractId: '7b0a4c52-3f2e-4a51-9d55-0c1d2e3f4a5b', stateSeq: 4, username: 'manager1', action: 'approve',
  expiresAt: actionLinkExpiry(NOW, 3600), ...over,
});
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const resign = (payloadJson: string, secret = SECRET) => {
  const p = b64(payloadJson);
  return `${p}.${createHmac('sha256', secret).update(`pactum-action-link.v1.${p}`).digest('base64url')}`;
};

describe('action links', () => {
  it('round-trips every field and makes a fresh nonce per link', () => {
    const token = signActionLink(claims(), SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const result = verifyActionLink(token, SECRET, NOW);
    expect(result).toEqual({ ok: true, payload: { ...claims(), nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) } });
    const again = verifyActionLink(signActionLink(claims(), SECRET), SECRET, NOW);
    expect(again.ok && result.ok && again.payload.nonce !== result.payload.nonce).toBe(true);
  });

  it('keeps a given nonce, and accept/decline links for contract requests', () => {
    const r = verifyActionLink(signActionLink(claims({ action: 'decline', nonce: 'n'.repeat(22), stateSeq: 0 }), SECRET), SECRET, NOW);
    expect(r).toMatchObject({ ok: true, payload: { action: 'decline', nonce: 'n'.repeat(22), stateSeq: 0 } });
  });

  it('expires at the expiry instant, not a second later', () => {
    const token = signActionLink(claims(), SECRET);
    expect(verifyActionLink(token, SECRET, new Date(NOW.getTime() + 3599_999)).ok).toBe(true);
    expect(verifyActionLink(token, SECRET, new Date(NOW.getTime() + 3600_000))).toMatchObject({ ok: false, reason: 'expired', message: expect.stringContaining('2026-11-23T13:00:00.000Z') });
  });

  it('refuses a token signed with another secret', () => {
    const token = signActionLink(claims(), 'another-secret-that-is-also-32-chars-long');
    expect(verifyActionLink(token, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it.each<[string, (payload: ActionLinkPayload) => Record<string, unknown>]>([
    ['another contract', (p) => ({ c: 'other-id', s: p.stateSeq, u: p.username, a: p.action })],
    ['an older state sequence', (p) => ({ c: p.contractId, s: p.stateSeq - 1, u: p.username, a: p.action })],
    ['another approver', (p) => ({ c: p.contractId, s: p.stateSeq, u: 'mallory', a: p.action })],
    ['approve turned into reject', (p) => ({ c: p.contractId, s: p.stateSeq, u: p.username, a: 'reject' })],
    ['a later expiry', (p) => ({ c: p.contractId, s: p.stateSeq, u: p.username, a: p.action, e: Math.floor(p.expiresAt.getTime() / 1000) + 86400 })],
  ])('refuses a payload tampered to %s', (_label, change) => {
    const token = signActionLink(claims(), SECRET);
    const verified = verifyActionLink(token, SECRET, NOW);
    if (!verified.ok) throw new Error('precondition');
    const original = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    const forged = `${b64(JSON.stringify({ ...original, ...change(verified.payload) }))}.${token.split('.')[1]}`;
    expect(verifyActionLink(forged, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a flipped signature byte and a signature from another token', () => {
    const token = signActionLink(claims(), SECRET);
    const [p, s] = token.split('.');
    const bytes = Buffer.from(s, 'base64url');
    bytes[0] ^= 1;
    expect(verifyActionLink(`${p}.${bytes.toString('base64url')}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
    const other = signActionLink(claims({ action: 'reject' }), SECRET);
    expect(verifyActionLink(`${p}.${other.split('.')[1]}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['an empty string', ''],
    ['one part', 'abc'],
    ['three parts', 'a.b.c'],
    ['non-base64url characters', 'a+b.c/d'],
    ['a short signature', `${b64('{}')}.${b64('short')}`],
    ['a very long token', `${'a'.repeat(3000)}.${'b'.repeat(43)}`],
  ])('calls %s malformed', (_label, token) => {
    expect(verifyActionLink(token, SECRET, NOW)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('calls a non-canonical spelling of the signature malformed', () => {
    const token = signActionLink(claims(), SECRET);
    const [p, s] = token.split('.');
    // 32 bytes = 43 base64url characters; the last one carries 2 unused bits that must be zero.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s[42]);
    const variant = `${s.slice(0, 42)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(variant, 'base64url').equals(Buffer.from(s, 'base64url'))).toBe(true);
    expect(verifyActionLink(`${p}.${variant}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['not JSON', 'not json'],
    ['an unknown version', JSON.stringify({ v: 2, c: 'c', s: 1, u: 'u', a: 'approve', e: 9e9, n: 'n'.repeat(22) })],
    ['an unknown action', JSON.stringify({ v: 1, c: 'c', s: 1, u: 'u', a: 'delete', e: 9e9, n: 'n'.repeat(22) })],
    ['a fractional state sequence', JSON.stringify({ v: 1, c: 'c', s: 1.5, u: 'u', a: 'approve', e: 9e9, n: 'n'.repeat(22) })],
    ['a missing nonce', JSON.stringify({ v: 1, c: 'c', s: 1, u: 'u', a: 'approve', e: 9e9 })],
    ['JSON null', 'null'],
  ])('calls a correctly signed payload with %s malformed', (_label, json) => {
    expect(verifyActionLink(resign(json), SECRET, NOW)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses short secrets and invalid claims when signing', () => {
    expect(() => signActionLink(claims(), 'short')).toThrow(/at least 32 characters/);
    expect(() => verifyActionLink('a.b', 'short')).toThrow(/at least 32 characters/);
    expect(() => signActionLink(claims({ stateSeq: -1 }), SECRET)).toThrow(/stateSeq/);
    expect(() => signActionLink(claims({ action: 'delete' as never }), SECRET)).toThrow(/action must be one of/);
    expect(() => signActionLink(claims({ expiresAt: new Date('x') }), SECRET)).toThrow(/expiresAt/);
  });

  it('matches a link against the contract it is used on', () => {
    const verified = verifyActionLink(signActionLink(claims(), SECRET), SECRET, NOW);
    if (!verified.ok) throw new Error('precondition');
    const p = verified.payload;
    expect(matchActionLink(p, { contractId: p.contractId, stateSeq: 4, action: 'approve', username: 'manager1' })).toEqual({ ok: true });
    expect(matchActionLink(p, { contractId: p.contractId, stateSeq: 5 })).toMatchObject({ ok: false, reason: 'stale', field: 'stateSeq' });
    expect(matchActionLink(p, { contractId: 'other', stateSeq: 4 })).toMatchObject({ ok: false, reason: 'wrong_target', field: 'contractId' });
    expect(matchActionLink(p, { contractId: p.contractId, stateSeq: 4, action: 'reject' })).toMatchObject({ ok: false, reason: 'wrong_target', field: 'action' });
    expect(matchActionLink(p, { contractId: p.contractId, stateSeq: 4, username: 'rep1' })).toMatchObject({ ok: false, reason: 'wrong_target', field: 'username' });
  });
});
