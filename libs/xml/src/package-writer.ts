import type { ContractAttachment, ContractBuyer, ProductSetRef } from '@pactum/domain';
import type { ContractExtras, ContractKey, ImportedDraft, ImportedTerm, WcsStateToken } from './package-mapper';
import { TERM_SPECS } from './term-codec';
import { PACTUM_EXTENSIONS_NAMESPACE, WCS_NAMESPACE } from './xsd-validator';

export interface ExportContract {
  key: ContractKey;
  state: WcsStateToken;
  draft: ImportedDraft;
  extras?: ContractExtras;
}

export interface ExportAccount {
  name: string;
  seller: string;
  buyerOrganization: string;
  creditAllowed?: boolean;
  terms?: ImportedTerm[];
}

/** Escapes text and attribute values (quotes included, so one function serves both). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** UTC ISO → the format's GMT without zone (seconds precision; milliseconds are dropped). */
export function toGmtTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

function attrs(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  return pairs
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function el(name: string, pairs: ReadonlyArray<readonly [string, unknown]>, body: string[], indent: string): string {
  if (!body.length) return `${indent}<${name}${attrs(pairs)}/>`;
  return `${indent}<${name}${attrs(pairs)}>\n${body.join('\n')}\n${indent}</${name}>`;
}

function textEl(name: string, value: string | number | boolean | undefined | null, indent: string, pairs: ReadonlyArray<readonly [string, unknown]> = []): string[] {
  return value === undefined || value === null ? [] : [`${indent}<${name}${attrs(pairs)}>${escapeXml(String(value))}</${name}>`];
}

function descriptions(d: Record<string, string> | undefined, indent: string): string[] {
  return Object.entries(d ?? {}).flatMap(([locale, text]) => textEl('Description', text, indent, [['locale', locale]]));
}

function productSet(set: ProductSetRef, indent: string): string {
  const body = [...(set.skus ?? []).flatMap((s) => textEl('Sku', s, `${indent}  `)), ...(set.categories ?? []).flatMap((c) => textEl('Category', c, `${indent}  `))];
  return el('ProductSet', [['name', set.name]], body, indent);
}

/** One term element; the shape comes from TERM_SPECS, the table the mapper reads with. */
export function termXml(term: ImportedTerm, indent = '      '): string {
  const spec = TERM_SPECS[term.type];
  const t = term as unknown as Record<string, unknown>;
  const px = spec.extension ? 'px:' : '';
  const inner = `${indent}  `;
  const body: string[] = [...descriptions(term.descriptions, inner), ...(term.buyers ?? []).map((dn) => el('Buyer', [['distinguishedName', dn]], [], inner))];
  if (spec.productSet && t.productSet) body.push(productSet(t.productSet as ProductSetRef, inner));
  for (const list of spec.lists ?? []) {
    for (const item of (t[list.field] as unknown[]) ?? []) {
      if (list.text) body.push(...textEl(list.element, item as string, inner));
      else body.push(el(`${px}${list.element}`, (list.attributes ?? []).map(([a, f]) => [a, (item as Record<string, unknown>)[f]] as const), [], inner));
    }
  }
  if (spec.properties) {
    for (const [name, value] of Object.entries((t.properties as Record<string, string>) ?? {})) body.push(el('Property', [['name', name], ['value', value]], [], inner));
  }
  const pairs: Array<readonly [string, unknown]> = [['sequenceNumber', term.sequenceNumber], ...spec.attributes.map(([a, f]) => [a, t[f]] as const)];
  return el(`${px}${term.type}`, pairs, body, indent);
}

function buyerXml(b: ContractBuyer, indent: string): string {
  return el('Buyer', [['distinguishedName', b.organization], ['memberGroup', b.memberGroup], ['startTime', b.startsAt && toGmtTime(b.startsAt)], ['endTime', b.endsAt && toGmtTime(b.endsAt)], ['active', b.active]], [], indent);
}

/** One BuyerContract element (no trailing newline). */
export function contractXml(c: ExportContract): string {
  const d = c.draft;
  const x = c.extras ?? {};
  const i2 = '    ';
  const i3 = '      ';
  const key = el('ContractUniqueKey', [], [
    ...textEl('Name', c.key.name, i3),
    ...textEl('Origin', c.key.origin, i3),
    el('Owner', [['distinguishedName', c.key.ownerDn]], [], i3),
    ...textEl('MajorVersion', c.key.major, i3),
    ...textEl('MinorVersion', c.key.minor, i3),
  ], i2);
  // The import reads description as the first locale's text: descriptions, when given, say it all.
  const descs = d.descriptions ?? (d.description !== undefined ? { en_US: d.description } : {});
  const profile = el('Profile', [], [
    ...descriptions(descs, i3),
    ...textEl('StartTime', toGmtTime(d.startsAt), i3),
    ...textEl('EndTime', toGmtTime(d.endsAt), i3),
    ...textEl('Currency', d.currency, i3),
    ...textEl('Comment', d.comment, i3),
    ...textEl('CreditAllowed', d.creditAllowed, i3),
    ...textEl('BaseContract', d.isBase, i3),
    ...(d.baseContract ? [el('BaseContractReference', [['name', d.baseContract.code], ['version', d.baseContract.version]], [], i3)] : []),
    // Once for the contract, not on a price term: a contract may force prices it inherits from its base.
    ...textEl('px:ForceContractPrice', d.forceContractPrice, i3),
  ], i2);
  const participants = el('Participants', [], [
    el('Seller', [['distinguishedName', d.seller]], [], i3),
    ...d.buyers.map((b) => buyerXml(b, i3)),
    ...(d.contacts ?? []).map((ct) => el('Contact', [['name', ct.name], ['role', ct.role], ['email', ct.email]], [], i3)),
  ], i2);
  const parts = [key];
  if (d.account) parts.push(el('AccountReference', [['name', d.account]], [], i2));
  parts.push(profile, participants);
  if (d.attachments?.length) {
    const attachmentDescriptions = (a: ContractAttachment, i: number) => x.attachmentDescriptions?.[i] ?? (a.description !== undefined ? { en_US: a.description } : undefined);
    parts.push(el('Attachments', [], d.attachments.map((a, i) => el('Attachment', [['uri', a.uri], ['mimeType', a.mimeType]], descriptions(attachmentDescriptions(a, i), `${i3}  `), i3)), i2));
  }
  if (d.terms.length) parts.push(el('TermsAndConditions', [], d.terms.map((t) => termXml(t, i3)), i2));
  return el('BuyerContract', [['state', c.state]], parts, '  ');
}

export function accountXml(a: ExportAccount): string {
  const i2 = '    ';
  const body = [
    el('Seller', [['distinguishedName', a.seller]], [], i2),
    el('BuyerOrganization', [['distinguishedName', a.buyerOrganization]], [], i2),
    ...textEl('CreditAllowed', a.creditAllowed, i2),
  ];
  if (a.terms?.length) body.push(el('TermsAndConditions', [], a.terms.map((t) => termXml(t, '      ')), i2));
  return el('Account', [['name', a.name]], body, '  ');
}

export const PACKAGE_OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${WCS_NAMESPACE}" xmlns:px="${PACTUM_EXTENSIONS_NAMESPACE}">\n`;
export const PACKAGE_CLOSE = '</Package>\n';

/**
 * Writes contracts (and accounts, first, so contracts can refer to them) as a Package that
 * importPackage reads back to the same drafts. For very large exports, write PACKAGE_OPEN,
 * contractXml per contract and PACKAGE_CLOSE to a stream instead.
 */
export function exportPackage(contracts: ReadonlyArray<ExportContract>, accounts: ReadonlyArray<ExportAccount> = []): string {
  const parts = [PACKAGE_OPEN];
  for (const a of accounts) parts.push(accountXml(a), '\n');
  for (const c of contracts) parts.push(contractXml(c), '\n');
  parts.push(PACKAGE_CLOSE);
  return parts.join('');
}
