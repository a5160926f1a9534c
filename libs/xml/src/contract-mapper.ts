/**
 * Maps a BuyerContract chunk to a contract draft: reads the unique key, profile, participants,
 * attachments and terms, then runs the draft validation and the cross-term rules hook.
 */
import { DomainError, validateContractDraft } from '@pactum/domain';
import { child, children, ChunkReader } from './chunk-reader';
import type { ContractExtras, ContractKey, ImportedDraft, ImportRecord, MapOptions, WcsStateToken } from './mapped-records';
import type { ParsedChunk, XmlElement } from './package-splitter';
import { failure } from './problem-places';

export function mapContract(chunk: ParsedChunk, el: XmlElement, options: MapOptions): ImportRecord {
  const base = { line: chunk.line, column: chunk.column };
  const r = new ChunkReader();
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
