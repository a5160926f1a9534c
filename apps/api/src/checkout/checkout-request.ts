import { isUuid, checkInstant, currencyProblem, DomainError, isDecimal, type CheckoutLineRequest, type CheckoutRequest, type ErrorDetail } from '@pactum/domain';

export interface CommitRequest extends CheckoutRequest {
  orderId: string;
}

const MAX_LINES = 1000;
const MAX_TEXT = 1000;
const ORDER_ID = /^[\x21-\x7e]{1,200}$/;
const REQUEST_KEYS = ['buyer', 'currency', 'at', 'lines', 'shipping', 'payment'];
const LINE_KEYS = ['sku', 'quantity', 'listPrice', 'categories', 'contractId'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max;

function unknownKeys(obj: Json, allowed: string[], prefix: string, details: ErrorDetail[]): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) details.push({ field: `${prefix}${key}`, message: 'is not a known field' });
}

function optionalTexts(obj: unknown, field: string, keys: string[], details: ErrorDetail[], otherKeys: string[] = []): Json | undefined {
  if (obj === undefined) return undefined;
  if (!isObject(obj)) {
    details.push({ field, message: 'must be an object' });
    return undefined;
  }
  unknownKeys(obj, [...keys, ...otherKeys], `${field}.`, details);
  for (const key of keys) {
    if (obj[key] !== undefined && !isText(obj[key], 200)) details.push({ field: `${field}.${key}`, message: 'must be a non-empty string of at most 200 characters' });
  }
  return obj;
}

/**
 * Strict validation of a checkout body (API.md): every problem is reported at once with the field
 * it concerns (`lines[2].quantity`), as 400 (422 when every problem is a well-formed value that is
 * refused). `at` defaults to now and needs a zone; unknown fields are refused so that a misspelt
 * field is not silently ignored.
 */
export function parseCheckoutRequest(body: unknown, kind: 'evaluate' | 'commit'): CheckoutRequest | CommitRequest {
  if (!isObject(body)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
  const details: ErrorDetail[] = [];
  unknownKeys(body, kind === 'commit' ? [...REQUEST_KEYS, 'orderId'] : REQUEST_KEYS, '', details);
  if (kind === 'commit' && (typeof body.orderId !== 'string' || !ORDER_ID.test(body.orderId))) {
    details.push({ field: 'orderId', message: 'is required: 1 to 200 printable characters without spaces' });
  }
  if (!isText(body.buyer)) details.push({ field: 'buyer', message: 'must be the buyer organisation DN' });
  // Well-formed values that are refused (an unknown currency, a time without a zone or out of
  // range) are a 422; they are reported with the malformed ones when there are any (then a 400).
  const refused: ErrorDetail[] = [];
  const currency = currencyProblem(body.currency);
  if (currency) (typeof body.currency === 'string' && /^[A-Z]{3}$/.test(body.currency) ? refused : details).push({ field: 'currency', message: currency });
  if (body.at !== undefined) {
    const at = checkInstant(body.at);
    if (at.problem !== undefined) (at.malformed ? details : refused).push({ field: 'at', message: at.problem });
  }
  const shipping = optionalTexts(body.shipping, 'shipping', ['mode', 'shipTo', 'fulfillmentCenter'], details, ['charge']);
  if (shipping?.charge !== undefined && (!isDecimal(shipping.charge) || shipping.charge.startsWith('-'))) {
    details.push({ field: 'shipping.charge', message: 'must be a non-negative decimal string such as "12.50" (never a number)' });
  }
  optionalTexts(body.payment, 'payment', ['method', 'billTo'], details);

  if (!Array.isArray(body.lines) || body.lines.length === 0 || body.lines.length > MAX_LINES) {
    details.push({ field: 'lines', message: `must be a list of 1 to ${MAX_LINES} order lines` });
  } else {
    body.lines.forEach((line: unknown, i: number) => {
      const f = `lines[${i}]`;
      if (!isObject(line)) {
        details.push({ field: f, message: 'must be an object', lineIndex: i });
        return;
      }
      unknownKeys(line, LINE_KEYS, `${f}.`, details);
      if (!isText(line.sku, 200)) details.push({ field: `${f}.sku`, message: 'must be a non-empty string of at most 200 characters', lineIndex: i });
      if (typeof line.quantity !== 'number' || !Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > 1_000_000_000) {
        details.push({ field: `${f}.quantity`, message: 'must be a whole number from 1 to 1,000,000,000', lineIndex: i });
      }
      if (!isDecimal(line.listPrice) || line.listPrice.startsWith('-')) {
        details.push({ field: `${f}.listPrice`, message: 'must be a non-negative decimal string such as "21.00" (never a number)', lineIndex: i });
      }
      if (line.categories !== undefined && (!Array.isArray(line.categories) || line.categories.length > 100 || line.categories.some((c) => !isText(c, 200)))) {
        details.push({ field: `${f}.categories`, message: 'must be a list of at most 100 category codes', lineIndex: i });
      }
      if (line.contractId !== undefined && !isUuid(line.contractId)) {
        details.push({ field: `${f}.contractId`, message: 'must be the id of a contract (a UUID)', lineIndex: i });
      }
    });
  }
  if (details.length) throw new DomainError('bad_request', 'BAD_REQUEST', 'The checkout request is not valid', [...details, ...refused]);
  if (refused.length) throw DomainError.validation(refused, 'The checkout request is not valid');

  // Optional fields are set only when present (a spread of `{}` per line made an object for nothing).
  const lines = (body.lines as Json[]).map((l) => {
    const line: CheckoutLineRequest = { sku: l.sku as string, quantity: l.quantity as number, listPrice: l.listPrice as string };
    if (l.categories) line.categories = l.categories as string[];
    if (l.contractId !== undefined) line.contractId = (l.contractId as string).toLowerCase();
    return line;
  });
  const request: CheckoutRequest = { buyer: body.buyer as string, currency: body.currency as string, at: (body.at as string | undefined) ?? new Date().toISOString(), lines };
  if (body.shipping) request.shipping = body.shipping as CheckoutRequest['shipping'];
  if (body.payment) request.payment = body.payment as CheckoutRequest['payment'];
  return kind === 'commit' ? { ...request, orderId: body.orderId as string } : request;
}

/** `{ "orderId" }` releases the whole order; with `lines` (and optionally `releaseId`, its idempotency key) only those. */
export function parseReleaseRequest(body: unknown): ReleaseRequest {
  if (!isObject(body)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
  const details: ErrorDetail[] = [];
  unknownKeys(body, ['orderId', 'lines', 'releaseId'], '', details);
  if (typeof body.orderId !== 'string' || !ORDER_ID.test(body.orderId)) details.push({ field: 'orderId', message: 'is required: 1 to 200 printable characters without spaces' });
  if (body.releaseId !== undefined && (typeof body.releaseId !== 'string' || !ORDER_ID.test(body.releaseId))) {
    details.push({ field: 'releaseId', message: 'must be 1 to 200 printable characters without spaces' });
  }
  if (body.releaseId !== undefined && body.lines === undefined) details.push({ field: 'releaseId', message: 'goes with lines: a whole-order release is idempotent by orderId' });
  const lines = body.lines === undefined ? undefined : parseGiveBackLines(body.lines, false, details);
  if (details.length) throw new DomainError('bad_request', 'BAD_REQUEST', 'The release request is not valid', details);
  return { orderId: body.orderId as string, ...(lines ? { lines } : {}), ...(body.releaseId !== undefined ? { releaseId: body.releaseId as string } : {}) };
}

/** A return or a per-line release: the order's SKUs and quantities (a release may leave a quantity out: all that remains). */
export interface GiveBackLineRequest {
  sku: string;
  quantity: number | null;
}

export interface ReturnRequest {
  returnId: string;
  orderId: string;
  lines: GiveBackLineRequest[];
  reason: string;
}

export interface ReleaseRequest {
  orderId: string;
  /** Absent: the whole order. */
  lines?: GiveBackLineRequest[];
  releaseId?: string;
}

function parseGiveBackLines(value: unknown, quantityRequired: boolean, details: ErrorDetail[]): GiveBackLineRequest[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LINES) {
    details.push({ field: 'lines', message: `must be a list of 1 to ${MAX_LINES} lines` });
    return [];
  }
  const seen = new Map<string, number>();
  return value.map((line: unknown, i: number) => {
    const f = `lines[${i}]`;
    if (!isObject(line)) {
      details.push({ field: f, message: 'must be an object', lineIndex: i });
      return { sku: '', quantity: null };
    }
    unknownKeys(line, ['sku', 'quantity'], `${f}.`, details);
    if (!isText(line.sku, 200)) details.push({ field: `${f}.sku`, message: 'must be a non-empty string of at most 200 characters', lineIndex: i });
    else if (seen.has(line.sku)) details.push({ field: `${f}.sku`, message: `repeats lines[${seen.get(line.sku)}]: give each SKU once`, lineIndex: i });
    else seen.set(line.sku, i);
    const badQuantity = typeof line.quantity !== 'number' || !Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > 1_000_000_000;
    if ((quantityRequired || line.quantity !== undefined) && badQuantity) {
      details.push({ field: `${f}.quantity`, message: `must be a whole number from 1 to 1,000,000,000${quantityRequired ? '' : ' (or left out: all that remains)'}`, lineIndex: i });
    }
    return { sku: line.sku as string, quantity: line.quantity === undefined ? null : line.quantity as number };
  });
}

/** `{ returnId, orderId, lines: [{ sku, quantity }], reason }`: every problem at once, naming its field. */
export function parseReturnRequest(body: unknown): ReturnRequest {
  if (!isObject(body)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
  const details: ErrorDetail[] = [];
  unknownKeys(body, ['returnId', 'orderId', 'lines', 'reason'], '', details);
  for (const key of ['returnId', 'orderId']) {
    if (typeof body[key] !== 'string' || !ORDER_ID.test(body[key] as string)) details.push({ field: key, message: 'is required: 1 to 200 printable characters without spaces' });
  }
  if (!isText(body.reason)) details.push({ field: 'reason', message: `is required: a non-empty text of at most ${MAX_TEXT} characters` });
  const lines = parseGiveBackLines(body.lines, true, details);
  if (details.length) throw new DomainError('bad_request', 'BAD_REQUEST', 'The return request is not valid', details);
  return { returnId: body.returnId as string, orderId: body.orderId as string, lines, reason: body.reason as string };
}
