import { DomainError, type ErrorDetail } from '@pactum/domain';
import { WEBHOOK_EVENT_TYPES, type WebhookFilter, type WebhookSubscriptionPatch } from '@pactum/persistence';

/** A create or patch body, read and checked except for the URL's addresses (that needs DNS: the controller does it). */
export interface WebhookRequest extends WebhookSubscriptionPatch {
  url?: string;
}

const CREATE_FIELDS = ['url', 'events', 'description', 'filter'];
const PATCH_FIELDS = [...CREATE_FIELDS, 'enabled'];
const FILTER_FIELDS = ['seller', 'buyer', 'account'];
const KNOWN_TYPES = new Set<string>(WEBHOOK_EVENT_TYPES);

function text(v: unknown, field: string, max: number, problems: ErrorDetail[]): string | undefined {
  if (typeof v !== 'string' || !v.trim()) {
    problems.push({ field, message: 'must be a non-empty string' });
    return undefined;
  }
  if (v.length > max) {
    problems.push({ field, message: `must be at most ${max} characters` });
    return undefined;
  }
  return v.trim();
}

/** `*` (or ["*"]) for every event, else known types without repeats; `*` with others is `*`. */
function events(v: unknown, problems: ErrorDetail[]): string[] | undefined {
  if (v === '*') return ['*'];
  if (!Array.isArray(v) || v.length === 0) {
    problems.push({ field: 'events', message: 'must be "*" or a non-empty list of event types' });
    return undefined;
  }
  const out: string[] = [];
  v.forEach((t, i) => {
    if (t !== '*' && (typeof t !== 'string' || !KNOWN_TYPES.has(t))) {
      problems.push({ field: `events[${i}]`, message: `is not an event type (${WEBHOOK_EVENT_TYPES.join(', ')}, or *)` });
    } else if (!out.includes(t)) {
      out.push(t);
    }
  });
  return out.includes('*') ? ['*'] : out;
}

function filter(v: unknown, problems: ErrorDetail[]): WebhookFilter | undefined {
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    problems.push({ field: 'filter', message: 'must be an object with seller, buyer and/or account' });
    return undefined;
  }
  const out: WebhookFilter = {};
  for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
    if (!FILTER_FIELDS.includes(key)) {
      problems.push({ field: `filter.${key}`, message: 'is not a filter field (seller, buyer, account)' });
      continue;
    }
    if (value === null || value === undefined) continue;
    const t = text(value, `filter.${key}`, 1000, problems);
    if (t !== undefined) out[key as keyof WebhookFilter] = t;
  }
  return out;
}

/**
 * Reads the body of POST (`create`: url and events required) or PATCH /api/v1/webhooks. Every
 * problem is reported at once, each naming its field; a field the API does not know is one.
 */
export function readWebhookRequest(raw: unknown, mode: 'create' | 'patch'): WebhookRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object');
  const body = raw as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  const allowed = mode === 'create' ? CREATE_FIELDS : PATCH_FIELDS;
  for (const key of Object.keys(body)) if (!allowed.includes(key)) problems.push({ field: key, message: `is not a field of a webhook subscription (${allowed.join(', ')})` });
  const out: WebhookRequest = {};
  if (body.url !== undefined || mode === 'create') {
    if (body.url === undefined) problems.push({ field: 'url', message: 'is required' });
    else out.url = text(body.url, 'url', 2000, problems);
  }
  if (body.events !== undefined || mode === 'create') {
    if (body.events === undefined) problems.push({ field: 'events', message: 'is required ("*" or a list of event types)' });
    else out.events = events(body.events, problems);
  }
  if (body.description !== undefined) out.description = body.description === null ? null : text(body.description, 'description', 500, problems);
  if (body.filter !== undefined) out.filter = filter(body.filter, problems);
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== 'boolean') problems.push({ field: 'enabled', message: 'must be true or false' });
    else out.enabled = body.enabled;
  }
  if (problems.length) throw DomainError.validation(problems, 'The webhook subscription is not valid');
  return out;
}

/** The grace period of a secret rotation, in minutes: 0 (the old secret stops now) to 7 days; 24 h when absent. */
export function readGraceMinutes(raw: unknown): number {
  const body = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const unknown = Object.keys(body).filter((k) => k !== 'graceMinutes');
  if (unknown.length) throw DomainError.validation(unknown.map((field) => ({ field, message: 'is not a field of a rotation (graceMinutes)' })));
  const v = body.graceMinutes;
  if (v === undefined) return 24 * 60;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 7 * 24 * 60) {
    throw DomainError.validation([{ field: 'graceMinutes', message: 'must be a whole number of minutes from 0 to 10080 (7 days)' }]);
  }
  return v;
}
