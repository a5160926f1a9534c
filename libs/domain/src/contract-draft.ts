import { DomainError, type ErrorDetail } from './domain-error';
import { checkInstant, currencyProblem } from './input';
import { isDistinguishedName } from './terms/distinguished-name';
import type { TypedContractTerm } from './terms/term-parameters';
import { checkLocalizedTexts, validateTerm } from './terms/term-validation';

/** Kept for existing callers: a contract term is one of the typed terms of term-parameters.ts. */
export type ContractTerm = TypedContractTerm;

interface ContractBuyerDates {
  startsAt?: string;
  endsAt?: string;
  active?: boolean;
}

/** A buyer participant: an organisation (by distinguished name) or a member group, exactly one of the two. */
export type ContractBuyer = ContractBuyerDates & ({ organization: string; memberGroup?: undefined } | { memberGroup: string; organization?: undefined });

/** A document of the contract; the document itself lives elsewhere. */
export interface ContractAttachment {
  uri: string;
  mimeType: string;
  description?: string;
}

/** A contact of the contract, e.g. the account representative. */
export interface ContractContact {
  name: string;
  email?: string;
  role?: string;
}

/** What an account representative sends to create a contract (API.md "Create body"). */
export interface ContractDraft {
  code: string;
  description?: string;
  currency: string;
  startsAt: string;
  endsAt: string;
  seller: string;
  buyers: ContractBuyer[];
  account?: string;
  isBase?: boolean;
  baseContract?: { code: string; version?: string } | null;
  comment?: string;
  creditAllowed?: boolean;
  /** TOTECS: the contract price applies even when the buyer's list price is lower. Absent = false. */
  forceContractPrice?: boolean;
  /** Description per locale (`{ "en_US": "…" }`), besides the plain `description`. */
  descriptions?: Record<string, string>;
  attachments?: ContractAttachment[];
  contacts?: ContractContact[];
  terms: TypedContractTerm[];
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/ ]{0,127}$/;
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;
const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks the profile, participants and term envelope of a new contract. Returns every problem
 * at once, each naming its field, so a client can fix its request in one go.
 */
export function validateContractDraft(input: unknown): ContractDraft {
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw DomainError.validation([{ field: '', message: 'must be a JSON object' }]);
  }
  const d = input as Record<string, unknown>;

  if (typeof d.code !== 'string' || !CODE_PATTERN.test(d.code)) add('code', 'is required: 1–128 letters, digits, space, ".", "_", "-" or "/"');
  if (d.description !== undefined && (typeof d.description !== 'string' || d.description.length > 4000)) add('description', 'must be a string of at most 4000 characters');
  const currency = currencyProblem(d.currency);
  if (currency) add('currency', currency);
  const startsAt = checkTime(d.startsAt, 'startsAt', add, true);
  const endsAt = checkTime(d.endsAt, 'endsAt', add, true);
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) add('endsAt', 'must be after startsAt');
  if (typeof d.seller !== 'string' || !isDistinguishedName(d.seller)) add('seller', 'must be an organisation distinguished name such as "o=Acme,o=Root Organization"');
  const isBase = d.isBase === true;
  if (d.isBase !== undefined && typeof d.isBase !== 'boolean') add('isBase', 'must be true or false');
  if (d.creditAllowed !== undefined && typeof d.creditAllowed !== 'boolean') add('creditAllowed', 'must be true or false');
  if (d.comment !== undefined && d.comment !== null && (typeof d.comment !== 'string' || d.comment.length > 4000)) add('comment', 'must be a string of at most 4000 characters');
  if (d.account !== undefined && d.account !== null && (typeof d.account !== 'string' || !d.account.trim())) add('account', 'must be a business account name');

  if (!Array.isArray(d.buyers)) {
    add('buyers', 'must be a list of buyer organisations');
  } else {
    if (d.buyers.length === 0 && !isBase) add('buyers', 'a contract needs at least one buyer (only a base contract may have none)');
    const seen = new Set<string>();
    d.buyers.forEach((b: unknown, i) => {
      const f = `buyers[${i}]`;
      if (typeof b !== 'object' || b === null) return add(f, 'must be an object with "organization" (or "memberGroup")');
      const buyer = b as Record<string, unknown>;
      if (buyer.organization !== undefined && buyer.memberGroup !== undefined) {
        add(f, 'names both "organization" and "memberGroup": a buyer is one or the other');
      } else if (buyer.memberGroup !== undefined) {
        const group = typeof buyer.memberGroup === 'string' ? buyer.memberGroup.trim() : '';
        if (!group || group.length > 256) add(`${f}.memberGroup`, 'must be a member group name of at most 256 characters');
        else if (seen.has(`group:${group.toLowerCase()}`)) add(`${f}.memberGroup`, 'is listed twice');
        else seen.add(`group:${group.toLowerCase()}`);
      } else if (!isDistinguishedName(buyer.organization)) {
        add(`${f}.organization`, 'must be an organisation distinguished name (or give "memberGroup" instead)');
      } else if (seen.has(buyer.organization.toLowerCase())) {
        add(`${f}.organization`, 'is listed twice');
      } else {
        seen.add(buyer.organization.toLowerCase());
      }
      const bs = checkTime(buyer.startsAt, `${f}.startsAt`, add, false);
      const be = checkTime(buyer.endsAt, `${f}.endsAt`, add, false);
      if (bs !== undefined && be !== undefined && be <= bs) add(`${f}.endsAt`, 'must be after startsAt');
      if (buyer.active !== undefined && typeof buyer.active !== 'boolean') add(`${f}.active`, 'must be true or false');
    });
  }

  if (d.baseContract !== undefined && d.baseContract !== null) {
    const b = d.baseContract as Record<string, unknown>;
    if (typeof b !== 'object' || typeof b.code !== 'string' || !b.code) add('baseContract.code', 'is required when baseContract is given');
  }

  const terms: TypedContractTerm[] = [];
  if (!Array.isArray(d.terms)) {
    add('terms', 'must be a list of terms');
  } else {
    const sequenceNumbers = new Map<number, number>();
    d.terms.forEach((t: unknown, i) => {
      const f = `terms[${i}]`;
      const term = validateTerm(t, f, add);
      if (term) terms.push(term);
      const sequenceNumber = (t as Record<string, unknown> | null)?.sequenceNumber;
      if (typeof sequenceNumber !== 'number' || !Number.isSafeInteger(sequenceNumber) || sequenceNumber < 0) return;
      if (sequenceNumbers.has(sequenceNumber)) add(`${f}.sequenceNumber`, `repeats the sequence number of terms[${sequenceNumbers.get(sequenceNumber)}]`);
      else sequenceNumbers.set(sequenceNumber, i);
    });
  }

  if (d.forceContractPrice !== undefined && typeof d.forceContractPrice !== 'boolean') add('forceContractPrice', 'must be true or false');
  const descriptions = d.descriptions === undefined ? undefined : checkLocalizedTexts(d.descriptions, 'descriptions', add);
  const attachments = d.attachments === undefined ? undefined : checkList(d.attachments, 'attachments', add, checkAttachment);
  const contacts = d.contacts === undefined ? undefined : checkList(d.contacts, 'contacts', add, checkContact);

  if (problems.length) throw DomainError.validation(problems);
  return {
    code: (d.code as string).trim(),
    description: d.description as string | undefined,
    currency: d.currency as string,
    startsAt: new Date(startsAt!).toISOString(),
    endsAt: new Date(endsAt!).toISOString(),
    seller: d.seller as string,
    buyers: (d.buyers as ContractBuyer[]).map((b): ContractBuyer => ({
      ...(b.memberGroup !== undefined ? { memberGroup: b.memberGroup.trim() } : { organization: b.organization as string }),
      ...(b.startsAt ? { startsAt: new Date(checkInstant(b.startsAt, { utcOnly: true }).ms!).toISOString() } : {}),
      ...(b.endsAt ? { endsAt: new Date(checkInstant(b.endsAt, { utcOnly: true }).ms!).toISOString() } : {}),
      active: b.active ?? true,
    })),
    account: (d.account as string | undefined) ?? undefined,
    isBase,
    baseContract: (d.baseContract as ContractDraft['baseContract']) ?? null,
    comment: d.comment as string | undefined,
    creditAllowed: (d.creditAllowed as boolean | undefined) ?? false,
    ...(d.forceContractPrice !== undefined ? { forceContractPrice: d.forceContractPrice as boolean } : {}),
    ...(descriptions ? { descriptions } : {}),
    ...(attachments ? { attachments } : {}),
    ...(contacts ? { contacts } : {}),
    terms,
  };
}

function checkTime(value: unknown, field: string, add: (f: string, m: string) => void, required: boolean): number | undefined {
  if (value === undefined || value === null) {
    if (required) add(field, 'is required (UTC ISO-8601, e.g. "2026-01-01T00:00:00Z")');
    return undefined;
  }
  const checked = checkInstant(value, { utcOnly: true });
  if (checked.problem !== undefined) {
    add(field, checked.problem);
    return undefined;
  }
  return checked.ms;
}

/** A list of objects, each checked by `check` (which returns the normalised entry or undefined). */
function checkList<T>(value: unknown, field: string, add: (f: string, m: string) => void, check: (o: Record<string, unknown>, f: string, add: (f: string, m: string) => void) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) {
    add(field, 'must be a list');
    return undefined;
  }
  const out: T[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return add(`${field}[${i}]`, 'must be an object');
    const entry = check(item as Record<string, unknown>, `${field}[${i}]`, add);
    if (entry) out.push(entry);
  });
  return out.length === value.length ? out : undefined;
}

function reportUnknownKeys(o: Record<string, unknown>, known: string[], field: string, add: (f: string, m: string) => void): boolean {
  const unknown = Object.keys(o).filter((k) => !known.includes(k) && o[k] !== undefined);
  for (const k of unknown) add(`${field}.${k}`, 'is not a known field here (check its spelling)');
  return unknown.length === 0;
}

function optionalText(o: Record<string, unknown>, key: string, field: string, add: (f: string, m: string) => void, max: number): boolean {
  if (o[key] === undefined || (typeof o[key] === 'string' && o[key].length <= max)) return true;
  add(`${field}.${key}`, `must be a string of at most ${max} characters`);
  return false;
}

function checkAttachment(o: Record<string, unknown>, field: string, add: (f: string, m: string) => void): ContractAttachment | undefined {
  let ok = reportUnknownKeys(o, ['uri', 'mimeType', 'description'], field, add);
  const uri = typeof o.uri === 'string' ? o.uri.trim() : '';
  if (!URI.test(uri) || uri.length > 2048) { add(`${field}.uri`, 'must be an absolute URI such as "https://docs.example.com/msa.pdf"'); ok = false; }
  const mimeType = typeof o.mimeType === 'string' ? o.mimeType.trim() : '';
  if (!MIME_TYPE.test(mimeType)) { add(`${field}.mimeType`, 'must be a MIME type such as "application/pdf"'); ok = false; }
  if (!optionalText(o, 'description', field, add, 4000)) ok = false;
  return ok ? { uri, mimeType, ...(o.description !== undefined ? { description: o.description as string } : {}) } : undefined;
}

function checkContact(o: Record<string, unknown>, field: string, add: (f: string, m: string) => void): ContractContact | undefined {
  let ok = reportUnknownKeys(o, ['name', 'email', 'role'], field, add);
  const name = typeof o.name === 'string' ? o.name.trim() : '';
  if (!name || name.length > 256) { add(`${field}.name`, 'is required: a name of at most 256 characters'); ok = false; }
  const email = typeof o.email === 'string' ? o.email.trim() : o.email;
  if (email !== undefined && (typeof email !== 'string' || !EMAIL.test(email) || email.length > 320)) { add(`${field}.email`, 'must be an e-mail address'); ok = false; }
  if (!optionalText(o, 'role', field, add, 256)) ok = false;
  return ok ? { name, ...(email !== undefined ? { email: email as string } : {}), ...(o.role !== undefined ? { role: o.role as string } : {}) } : undefined;
}
