import type { Readable } from 'node:stream';
import { DomainError, validateContractDraft, validateContractRules, type ContractDraft, type ErrorDetail } from '../../domain/src';
import type { ProductSetRef, TypedContractTerm } from '../../domain/src/terms/term-parameters';
import type { ImportErrorDetail } from './import-errors';
import { readPackageChunks, type ParsedChunk, type ReadOptions, type XmlElement } from './package-splitter';
import { TERM_SPECS, isTermElement, type AttributeSpec, type ValueKind } from './term-codec';

export const WCS_STATE_TOKENS = ['Draft', 'Pending', 'Approved', 'Active', 'Reject', 'Cancelled', 'Closed', 'Suspended', 'DeploymentInProgress', 'DeploymentFailed'] as const;
export type WcsStateToken = (typeof WCS_STATE_TOKENS)[number];

/** The WCS numeric state codes (CONTRACT-MODEL.md), kept for import/export. */
export const WCS_STATE_CODES: Record<WcsStateToken, number> = {
  Draft: 0, Pending: 1, Approved: 2, Active: 3, Reject: 4, Cancelled: 5, Closed: 6, Suspended: 7, DeploymentInProgress: -1, DeploymentFailed: -2,
};

export interface ContractKey {
  name: string;
  origin: string;
  ownerDn: string;
  major: number;
  minor: number;
}

/** A term as the import produces it: exactly the shared term model (the force-price flag is the draft's). */
export type ImportedTerm = TypedContractTerm;

/** The draft as the import produces it: validateContractDraft's output. */
export type ImportedDraft = ContractDraft;

/** What the Package carries beyond ContractDraft. */
export interface ContractExtras {
  /**
   * Attachment descriptions by attachment index, when they are more than the draft keeps (the first
   * Description's text): several locales, or a single one other than en_US.
   */
  attachmentDescriptions?: Record<number, Record<string, string>>;
}

export interface MappedContract {
  kind: 'contract';
  key: ContractKey;
  state: WcsStateToken;
  draft: ImportedDraft;
  extras: ContractExtras;
  line: number;
  column: number;
}

export interface MappedAccount {
  kind: 'account';
  name: string;
  seller: string;
  buyerOrganization: string;
  creditAllowed: boolean;
  terms: ImportedTerm[];
  line: number;
  column: number;
}

/** A chunk that could not be imported; the rest of the file goes on. */
export interface ImportFailure {
  kind: 'error';
  /** The unique-key name or account name, when it could be read. */
  contract?: string;
  line: number;
  column: number;
  errors: ImportErrorDetail[];
}

export type ImportRecord = MappedContract | MappedAccount | ImportFailure;

export interface RuleContext {
  key: ContractKey;
  /** Accounts read so far from the same file, by name. */
  accounts: ReadonlyMap<string, MappedAccount>;
}

/**
 * The rules hook that runs libs/domain validateContractRules with the contract's account as read so
 * far (from the file or MapOptions.accounts); a named account not among them is reported as not found.
 * Base contracts are not looked up: their rules are checked when the lead's import resolves them.
 */
export const contractRules: NonNullable<MapOptions['rules']> = (draft, { accounts }) => {
  if (draft.account === undefined) return validateContractRules(draft, {});
  const a = accounts.get(draft.account);
  return validateContractRules(draft, { account: a ? { name: a.name, buyerDn: a.buyerOrganization, creditAllowed: a.creditAllowed, terms: a.terms } : null });
};

export interface MapOptions {
  /** Cross-term rules (libs/domain validateContractRules); field errors are placed on lines like the draft's. */
  rules?: (draft: ImportedDraft, context: RuleContext) => ErrorDetail[];
  accounts?: ReadonlyMap<string, MappedAccount>;
}

const GMT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** Decodes the predefined entities and character references (for names read from raw chunk text). */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

class ChunkReader {
  readonly problems: ErrorDetail[] = [];
  /** The contract's force-contract-price flag as read so far (Profile element or any price term). */
  forceContractPrice: boolean | undefined;

  /** True wins: a contract is forced when any of its price terms (or its Profile) says so. */
  forcePrice(raw: string | undefined): void {
    const v = this.bool(raw?.trim());
    if (v !== undefined) this.forceContractPrice = this.forceContractPrice || v;
  }

  /** Values come decoded from the parser (entities and character references). */
  attr(el: XmlElement, name: string): string | undefined {
    return el.attributes[name];
  }

  text(el: XmlElement | undefined): string | undefined {
    return el?.text;
  }

  bool(v: string | undefined): boolean | undefined {
    return v === undefined ? undefined : v === 'true' || v === '1';
  }

  int(v: string | undefined): number | undefined {
    return v === undefined ? undefined : Number.parseInt(v, 10);
  }

  /** GMT without zone → UTC ISO; a zone is refused (the format has none, a zone would be silently wrong). */
  time(v: string | undefined, field: string): string | undefined {
    if (v === undefined) return undefined;
    if (ZONED_TIME.test(v)) {
      this.problems.push({ field, message: `time "${v}" has a time zone: the Package format writes GMT without one (YYYY-MM-DDThh:mm:ss)` });
      return undefined;
    }
    if (!GMT_TIME.test(v)) {
      this.problems.push({ field, message: `"${v}" is not a time of the form YYYY-MM-DDThh:mm:ss` });
      return undefined;
    }
    return `${v}.000Z`;
  }

  value(raw: string | undefined, kind: ValueKind): unknown {
    if (raw === undefined) return undefined;
    // The XSD collapses whitespace around numbers and booleans before checking them; do the same.
    const v = kind === 'string' ? raw : raw.trim();
    if (kind === 'int') return this.int(v);
    if (kind === 'bool') return this.bool(v);
    return v;
  }

  descriptions(el: XmlElement): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    let any = false;
    for (const d of children(el, 'Description')) {
      out[this.attr(d, 'locale')!] = this.text(d)!;
      any = true;
    }
    return any ? out : undefined;
  }

  object(el: XmlElement, specs: readonly AttributeSpec[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [attribute, field, kind] of specs) {
      const v = this.value(this.attr(el, attribute), kind);
      if (v !== undefined) out[field] = v;
    }
    return out;
  }

  productSet(el: XmlElement): ProductSetRef {
    const set: ProductSetRef = {};
    const name = this.attr(el, 'name');
    if (name !== undefined) set.name = name;
    const skus = children(el, 'Sku').map((s) => this.text(s)!);
    const categories = children(el, 'Category').map((c) => this.text(c)!);
    if (skus.length) set.skus = skus;
    if (categories.length) set.categories = categories;
    return set;
  }

  term(el: XmlElement, index: number): ImportedTerm {
    const type = el.name as TypedContractTerm['type'];
    const spec = TERM_SPECS[type];
    const term: Record<string, unknown> = { type, sequenceNumber: this.int(el.attributes.sequenceNumber) };
    const descriptions = this.descriptions(el);
    if (descriptions) term.descriptions = descriptions;
    const buyers = children(el, 'Buyer').map((b) => this.attr(b, 'distinguishedName')!);
    if (buyers.length) term.buyers = buyers;
    Object.assign(term, this.object(el, spec.attributes));
    if (spec.price) this.forcePrice(el.attributes.forceContractPrice);
    if (spec.productSet) {
      const set = children(el, 'ProductSet')[0];
      if (set) {
        term.productSet = this.productSet(set);
        if (!term.productSet || !Object.keys(term.productSet).length) this.problems.push({ field: `terms[${index}].productSet`, message: 'a product set needs a name, SKUs or categories' });
      }
    }
    for (const list of spec.lists ?? []) {
      term[list.field] = children(el, list.element).map((item) => (list.text ? this.text(item) : this.object(item, list.attributes ?? [])));
    }
    if (spec.properties) {
      const properties: Record<string, string> = {};
      for (const p of children(el, 'Property')) properties[this.attr(p, 'name')!] = this.attr(p, 'value')!;
      term.properties = properties;
    }
    return term as unknown as ImportedTerm;
  }

  terms(el: XmlElement | undefined): ImportedTerm[] {
    return (el?.children ?? []).filter((c) => isTermElement(c.name)).map((c, i) => this.term(c, i));
  }
}

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Maps one validated, parsed chunk to a contract or account, or to the problems that stop it. */
export function mapChunk(chunk: ParsedChunk, options: MapOptions = {}): ImportRecord {
  const base = { line: chunk.line, column: chunk.column };
  const el = chunk.element;
  const name = el ? keyName(el) : undefined;
  if (chunk.errors.length || !el) {
    return { kind: 'error', contract: name ?? nameFromXml(chunk.xml), ...base, errors: chunk.errors.map((e) => ({ ...e, contract: name ?? nameFromXml(chunk.xml) })) };
  }
  const r = new ChunkReader();
  if (chunk.kind === 'account') {
    const record: MappedAccount = {
      kind: 'account',
      name: r.attr(el, 'name')!,
      seller: r.attr(child(el, 'Seller')!, 'distinguishedName')!,
      buyerOrganization: r.attr(child(el, 'BuyerOrganization')!, 'distinguishedName')!,
      creditAllowed: r.bool(r.text(child(el, 'CreditAllowed'))) ?? false,
      terms: r.terms(child(el, 'TermsAndConditions')),
      ...base,
    };
    return r.problems.length ? failure(chunk, record.name, r.problems) : record;
  }
  if (chunk.kind !== 'contract') {
    return { kind: 'error', ...base, errors: [{ ...base, message: `unexpected element ${el.name} in Package: expected Account or BuyerContract` }] };
  }

  const keyEl = child(el, 'ContractUniqueKey')!;
  const key: ContractKey = {
    name: r.text(child(keyEl, 'Name'))!,
    origin: r.text(child(keyEl, 'Origin'))!,
    ownerDn: r.attr(child(keyEl, 'Owner')!, 'distinguishedName')!,
    major: r.int(r.text(child(keyEl, 'MajorVersion')))!,
    minor: r.int(r.text(child(keyEl, 'MinorVersion')))!,
  };
  const profile = child(el, 'Profile')!;
  const participants = child(el, 'Participants');
  const descriptions = r.descriptions(profile);
  const extras: ContractExtras = {};
  const buyers: Record<string, unknown>[] = [];
  for (const b of participants ? children(participants, 'Buyer') : []) {
    const field = `buyers[${buyers.length}]`;
    const buyer: Record<string, unknown> = { organization: r.attr(b, 'distinguishedName'), memberGroup: r.attr(b, 'memberGroup') };
    if (buyer.organization === undefined && buyer.memberGroup === undefined) r.problems.push({ field, message: 'a Buyer needs distinguishedName or memberGroup' });
    buyer.startsAt = r.time(r.attr(b, 'startTime'), `${field}.startsAt`);
    buyer.endsAt = r.time(r.attr(b, 'endTime'), `${field}.endsAt`);
    buyer.active = r.bool(r.attr(b, 'active'));
    buyers.push(buyer);
  }
  const contacts = participants ? children(participants, 'Contact').map((c) => r.object(c, [['name', 'name', 'string'], ['email', 'email', 'string'], ['role', 'role', 'string']])) : [];
  const attachmentDescriptions: Record<number, Record<string, string>> = {};
  const attachments = children(child(el, 'Attachments') ?? { name: '', attributes: {}, children: [], text: '' }, 'Attachment').map((a, i) => {
    const d = r.descriptions(a);
    const locales = Object.keys(d ?? {});
    if (locales.length > 1 || (locales.length === 1 && locales[0] !== 'en_US')) attachmentDescriptions[i] = d!;
    return { uri: r.attr(a, 'uri'), mimeType: r.attr(a, 'mimeType'), description: d ? Object.values(d)[0] : undefined };
  });
  if (Object.keys(attachmentDescriptions).length) extras.attachmentDescriptions = attachmentDescriptions;
  r.forcePrice(r.text(child(profile, 'ForceContractPrice')));

  const baseRef = child(profile, 'BaseContractReference');
  const sellerEl = participants ? child(participants, 'Seller') : undefined;
  const raw = {
    code: key.name,
    description: descriptions ? Object.values(descriptions)[0] : undefined,
    currency: r.text(child(profile, 'Currency')),
    startsAt: r.time(r.text(child(profile, 'StartTime')), 'startsAt'),
    endsAt: r.time(r.text(child(profile, 'EndTime')), 'endsAt'),
    seller: sellerEl ? r.attr(sellerEl, 'distinguishedName') : key.ownerDn,
    buyers,
    account: child(el, 'AccountReference') ? r.attr(child(el, 'AccountReference')!, 'name') : undefined,
    isBase: r.bool(r.text(child(profile, 'BaseContract'))) ?? false,
    baseContract: baseRef ? { code: r.attr(baseRef, 'name')!, ...(baseRef.attributes.version !== undefined ? { version: r.attr(baseRef, 'version') } : {}) } : null,
    comment: r.text(child(profile, 'Comment')),
    creditAllowed: r.bool(r.text(child(profile, 'CreditAllowed'))) ?? false,
    // A single en_US description is all of `description`; `descriptions` only when it adds something.
    descriptions: descriptions && (Object.keys(descriptions).length > 1 || !('en_US' in descriptions)) ? descriptions : undefined,
    attachments: attachments.length ? attachments : undefined,
    contacts: contacts.length ? contacts : undefined,
    terms: r.terms(child(el, 'TermsAndConditions')),
    // After the terms: their price terms may set it.
    forceContractPrice: undefined as boolean | undefined,
  };
  raw.forceContractPrice = r.forceContractPrice;
  if (r.problems.length) return failure(chunk, key.name, r.problems);

  let draft: ImportedDraft;
  try {
    draft = validateContractDraft(raw);
  } catch (e) {
    if (e instanceof DomainError) return failure(chunk, key.name, e.details);
    throw e;
  }
  const ruleErrors = options.rules?.(draft, { key, accounts: options.accounts ?? new Map() }) ?? [];
  if (ruleErrors.length) return failure(chunk, key.name, ruleErrors);
  const state = (el.attributes.state ?? 'Draft') as WcsStateToken;
  return { kind: 'contract', key, state, draft, extras, ...base };
}

function keyName(el: XmlElement): string | undefined {
  if (el.name === 'Account') return el.attributes.name;
  return child(child(el, 'ContractUniqueKey'), 'Name')?.text;
}

/** For chunks that failed validation: the name as written, if a quick look finds it. */
function nameFromXml(xml: string): string | undefined {
  const m = /<(?:[\w.-]+:)?Name>([^<]*)<\/(?:[\w.-]+:)?Name>/.exec(xml) ?? /^<(?:[\w.-]+:)?Account\b[^>]*\bname="([^"]*)"/.exec(xml);
  return m ? decodeXmlText(m[1].trim()) : undefined;
}

function failure(chunk: ParsedChunk, contract: string | undefined, problems: ErrorDetail[]): ImportFailure {
  const places = locateFields(chunk.xml, chunk.line, chunk.column);
  return {
    kind: 'error',
    contract,
    line: chunk.line,
    column: chunk.column,
    errors: problems.map((p) => {
      const at = (p.field !== undefined && findPlace(places, p.field)) || { line: chunk.line, column: chunk.column };
      return { line: p.line ?? at.line, column: p.column ?? at.column, contract, ...(p.field !== undefined ? { field: p.field } : {}), message: p.message };
    }),
  };
}

type Place = { line: number; column: number };

function findPlace(places: Map<string, Place>, field: string): Place | undefined {
  // terms[3].offers[2].price → terms[3].offers[2] → terms[3] → terms
  for (let f = field; f; f = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const p = places.get(f);
    if (p) return p;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(f)) break;
  }
  return undefined;
}

const PLACE_OF_ELEMENT: Record<string, string> = {
  Name: 'code', StartTime: 'startsAt', EndTime: 'endsAt', Currency: 'currency', Comment: 'comment', CreditAllowed: 'creditAllowed',
  BaseContract: 'isBase', BaseContractReference: 'baseContract', AccountReference: 'account', Seller: 'seller',
  Participants: 'buyers', TermsAndConditions: 'terms',
};

/**
 * Draft field → place in the file, found by scanning the chunk's start tags (fast-xml-parser
 * keeps no positions). Only run when a chunk has problems.
 */
function locateFields(xml: string, firstLine: number, firstColumn: number): Map<string, Place> {
  const places = new Map<string, Place>();
  const tag = /<(?:[\w.-]+:)?([\w.-]+)([^>]*)>/g;
  let line = firstLine;
  let lineStart = -firstColumn + 1;
  let scanned = 0;
  let terms = -1;
  let buyers = 0;
  let contacts = 0;
  let attachments = 0;
  let inTerms = false;
  let termName: TypedContractTerm['type'] | undefined;
  let listIndex = new Map<string, number>();
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    for (let i = xml.indexOf('\n', scanned); i >= 0 && i < m.index; i = xml.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = m.index;
    const place = { line, column: m.index - lineStart + 1 };
    const [, name] = m;
    if (name === 'TermsAndConditions') inTerms = true;
    if (inTerms && isTermElement(name)) {
      terms++;
      termName = name;
      listIndex = new Map();
      places.set(`terms[${terms}]`, place);
      continue;
    }
    if (inTerms && terms >= 0) {
      const list = TERM_SPECS[termName!].lists?.find((l) => l.element === name);
      if (list) {
        const i = listIndex.get(name) ?? 0;
        listIndex.set(name, i + 1);
        places.set(`terms[${terms}].${list.field}[${i}]`, place);
      } else if (name === 'ProductSet') places.set(`terms[${terms}].productSet`, place);
      continue;
    }
    if (name === 'Buyer') {
      places.set(`buyers[${buyers++}]`, place);
      continue;
    }
    if (name === 'Contact') {
      places.set(`contacts[${contacts++}]`, place);
      continue;
    }
    if (name === 'Attachment') {
      places.set(`attachments[${attachments++}]`, place);
      if (!places.has('attachments')) places.set('attachments', place);
      continue;
    }
    if (name === 'ForceContractPrice') places.set('forceContractPrice', place);
    if (name === 'Description' && !places.has('description')) places.set('description', place);
    const field = PLACE_OF_ELEMENT[name];
    if (field && !places.has(field)) places.set(field, place);
  }
  return places;
}

/**
 * Reads a whole Package: split, XSD, parse, map, duplicate unique keys, cross-term rules.
 * Yields one record per Account/BuyerContract; throws XmlImportError only for file-level problems.
 */
export async function* importPackage(input: Readable | AsyncIterable<Buffer | string>, options: ReadOptions & MapOptions = {}): AsyncGenerator<ImportRecord> {
  const accounts = new Map<string, MappedAccount>(options.accounts ?? []);
  const seen = new Map<string, number>();
  for await (const chunk of readPackageChunks(input, options)) {
    const record = mapChunk(chunk, { ...options, accounts });
    if (record.kind === 'account') accounts.set(record.name, record);
    if (record.kind === 'contract') {
      const k = record.key;
      const id = [k.name, k.origin, k.ownerDn.toLowerCase(), k.major, k.minor].join('\u0000');
      const first = seen.get(id);
      if (first !== undefined) {
        const message = `duplicate unique key ${k.name} ${k.major}.${k.minor} (origin ${k.origin}, owner ${k.ownerDn}): first at line ${first}`;
        yield { kind: 'error', contract: k.name, line: record.line, column: record.column, errors: [{ line: record.line, column: record.column, contract: k.name, message }] };
        continue;
      }
      seen.set(id, record.line);
    }
    yield record;
  }
}

