import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed links in notification mails ("approve", "reject", "accept", "decline"). A token is
 * `<payload>.<signature>`, both base64url: the payload is compact JSON, the signature
 * HMAC-SHA256 over a fixed prefix and the payload. The link only proves who it was made for and
 * what it allows; single use (the nonce) and "the contract has not changed since" (stateSeq) are
 * checked by the caller against the database: see ActionLinkStore and matchActionLink.
 */
export const CONTRACT_LINK_ACTIONS = ['approve', 'reject'] as const;
export const REQUEST_LINK_ACTIONS = ['accept', 'decline'] as const;
export type ActionLinkAction = (typeof CONTRACT_LINK_ACTIONS)[number] | (typeof REQUEST_LINK_ACTIONS)[number];

export interface ActionLinkPayload {
  /** The contract (approve/reject) or the contract request (accept/decline) the link acts on. */
  contractId: string;
  /** The contract's state_seq when the link was made: any later change makes the link stale. */
  stateSeq: number;
  /** Who may use the link (the approver, or the seller user the request went to). */
  username: string;
  action: ActionLinkAction;
  /** Whole seconds; the link is refused from this instant on. */
  expiresAt: Date;
  /** Random, unique per link: the key of its single use. */
  nonce: string;
}

export type ActionLinkClaims = Omit<ActionLinkPayload, 'nonce'> & { nonce?: string };

export type ActionLinkFailure = 'malformed' | 'bad_signature' | 'expired';
export type ActionLinkVerification =
  | { ok: true; payload: ActionLinkPayload }
  | { ok: false; reason: ActionLinkFailure; message: string };

/** 72 hours: long enough for a weekend, short enough that old mails stop working. */
export const DEFAULT_ACTION_LINK_TTL_SECONDS = 72 * 3600;
export const MIN_ACTION_LINK_SECRET_LENGTH = 32;

const VERSION = 1;
// Domain separation: a signature made with the same secret for another purpose never verifies here.
const SIGNING_PREFIX = `pactum-action-link.v${VERSION}.`;
const MAX_TOKEN_LENGTH = 2048;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const ACTIONS: readonly string[] = [...CONTRACT_LINK_ACTIONS, ...REQUEST_LINK_ACTIONS];

interface WirePayload {
  v: number;
  c: string;
  s: number;
  u: string;
  a: string;
  e: number;
  n: string;
}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < MIN_ACTION_LINK_SECRET_LENGTH) {
    throw new Error(`the action link secret must be at least ${MIN_ACTION_LINK_SECRET_LENGTH} characters`);
  }
}

function mac(secret: string, payloadPart: string): Buffer {
  return createHmac('sha256', secret).update(SIGNING_PREFIX + payloadPart).digest();
}

export function newActionLinkNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The expiry of a link made `now` with a lifetime of `ttlSeconds`. */
export function actionLinkExpiry(now: Date, ttlSeconds: number = DEFAULT_ACTION_LINK_TTL_SECONDS): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlSeconds * 1000);
}

export function signActionLink(claims: ActionLinkClaims, secret: string): string {
  checkSecret(secret);
  const nonce = claims.nonce ?? newActionLinkNonce();
  const problem = invalidField({ contractId: claims.contractId, stateSeq: claims.stateSeq, username: claims.username, action: claims.action, nonce, expiresAt: claims.expiresAt });
  if (problem) throw new Error(`cannot sign an action link: ${problem}`);
  const wire: WirePayload = {
    v: VERSION, c: claims.contractId, s: claims.stateSeq, u: claims.username, a: claims.action,
    e: Math.floor(claims.expiresAt.getTime() / 1000), n: nonce,
  };
  const payloadPart = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
  return `${payloadPart}.${mac(secret, payloadPart).toString('base64url')}`;
}

function invalidField(p: Record<string, unknown>): string | null {
  if (typeof p.contractId !== 'string' || p.contractId.length === 0 || p.contractId.length > 200) return 'contractId must be a non-empty string';
  if (!Number.isSafeInteger(p.stateSeq) || (p.stateSeq as number) < 0) return 'stateSeq must be a non-negative integer';
  if (typeof p.username !== 'string' || p.username.length === 0 || p.username.length > 200) return 'username must be a non-empty string';
  if (typeof p.action !== 'string' || !ACTIONS.includes(p.action)) return `action must be one of ${ACTIONS.join(', ')}`;
  if (!(p.expiresAt instanceof Date) || Number.isNaN(p.expiresAt.getTime())) return 'expiresAt must be a valid date';
  if (typeof p.nonce !== 'string' || !NONCE.test(p.nonce)) return 'nonce must be 16 to 64 base64url characters';
  return null;
}

const fail = (reason: ActionLinkFailure, message: string): ActionLinkVerification => ({ ok: false, reason, message });

/**
 * Checks the signature first and reads the payload only once it is authentic, so a forged
 * token learns nothing but "bad_signature". Expiry is checked last.
 */
export function verifyActionLink(token: string, secret: string, now: Date = new Date()): ActionLinkVerification {
  checkSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return fail('malformed', 'the token is missing or too long');
  const parts = token.split('.');
  if (parts.length !== 2 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return fail('malformed', 'the token is not <payload>.<signature> in base64url');
  const [payloadPart, signaturePart] = parts;
  const signature = Buffer.from(signaturePart, 'base64url');
  // Only the canonical encoding verifies, so one link has exactly one spelling.
  if (signature.length !== 32 || signature.toString('base64url') !== signaturePart) return fail('malformed', 'the signature is not 32 bytes of base64url');
  if (!timingSafeEqual(signature, mac(secret, payloadPart))) return fail('bad_signature', 'the signature does not match');

  let wire: WirePayload;
  try {
    wire = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return fail('malformed', 'the payload is not JSON');
  }
  if (wire === null || typeof wire !== 'object' || wire.v !== VERSION || !Number.isSafeInteger(wire.e)) return fail('malformed', 'the payload has an unknown version or no expiry');
  const payload: ActionLinkPayload = { contractId: wire.c, stateSeq: wire.s, username: wire.u, action: wire.a as ActionLinkAction, expiresAt: new Date(wire.e * 1000), nonce: wire.n };
  const problem = invalidField({ ...payload });
  if (problem) return fail('malformed', problem);
  if (now.getTime() >= payload.expiresAt.getTime()) return fail('expired', `the link expired at ${payload.expiresAt.toISOString()}`);
  return { ok: true, payload };
}

export type ActionLinkMismatch = { ok: true } | { ok: false; reason: 'stale' | 'wrong_target'; field: string; message: string };

/**
 * Compares a verified link with what it is used on: the right contract, action and user, and a
 * contract that has not moved since the link was made (its state_seq is unchanged).
 */
export function matchActionLink(
  payload: ActionLinkPayload,
  current: { contractId: string; stateSeq: number; action?: ActionLinkAction; username?: string },
): ActionLinkMismatch {
  if (payload.contractId !== current.contractId) return { ok: false, reason: 'wrong_target', field: 'contractId', message: 'the link is for another contract' };
  if (current.action !== undefined && payload.action !== current.action) return { ok: false, reason: 'wrong_target', field: 'action', message: `the link is for "${payload.action}"` };
  if (current.username !== undefined && payload.username !== current.username) return { ok: false, reason: 'wrong_target', field: 'username', message: 'the link was made for another user' };
  if (payload.stateSeq !== current.stateSeq) return { ok: false, reason: 'stale', field: 'stateSeq', message: 'the contract changed since the link was sent' };
  return { ok: true };
}
