import type { ContractDraft } from '../contract-draft';
import type { TypedContractTerm } from '../terms/term-parameters';
import {
  describeTerm, filterKey, filterText, lineKey, offerKey, offerText, PARAMETER_LABELS, percent, ruleKey, termTitle,
} from './term-description';

export type RedlineKind = 'added' | 'removed' | 'changed';
export type RedlineSection = 'profile' | 'buyers' | 'terms';

/** One difference between two versions of a contract, readable as it is. */
export interface RedlineChange {
  /** Stable address of the thing that changed, e.g. `terms[PriceTCCustomPriceList#3].offers[SKU-1 USD from 10]`. */
  path: string;
  section: RedlineSection;
  /** What a sales manager reads, e.g. "Custom price list (term 3) · offer SKU-1 USD from 10". */
  label: string;
  kind: RedlineKind;
  before?: string;
  after?: string;
}

export interface RedlineSummary {
  total: number;
  added: number;
  removed: number;
  changed: number;
}

interface Entry {
  path: string;
  section: RedlineSection;
  label: string;
  value: string;
  /** Sort order: section, then term sequence number, then position. */
  order: [number, number, number];
}

const SECTION_ORDER: Record<RedlineSection, number> = { profile: 0, buyers: 1, terms: 2 };
const PROFILE_LABELS: [keyof ContractDraft, string][] = [
  ['description', 'Description'], ['currency', 'Currency'], ['startsAt', 'Starts'], ['endsAt', 'Ends'],
  ['account', 'Business account'], ['isBase', 'Base contract'], ['baseContract', 'Refers to base contract'],
  ['comment', 'Comment'], ['creditAllowed', 'Credit allowed'], ['forceContractPrice', 'Force contract price'],
];

/**
 * What changed from `previous` to `current`, over the profile, the buyers and every term.
 * Terms match by type + sequence number; inside a term, offers match by SKU, currency and minimum
 * quantity, filters by action and SKU/category, price rules by item code and scope, quantity lines
 * by SKU, properties and descriptions by key. A term present on one side only is one change that
 * carries the whole term. With no previous version, everything is "added".
 */
export function contractRedline(previous: ContractDraft | null, current: ContractDraft): RedlineChange[] {
  const before = previous ? flatten(previous, termKeys(current)) : new Map<string, Entry>();
  const after = flatten(current, previous ? termKeys(previous) : new Set());
  const changes: (RedlineChange & { order: [number, number, number] })[] = [];
  for (const [path, a] of after) {
    const b = before.get(path);
    if (!b) changes.push({ path, section: a.section, label: a.label, kind: 'added', after: a.value, order: a.order });
    else if (b.value !== a.value) changes.push({ path, section: a.section, label: a.label, kind: 'changed', before: b.value, after: a.value, order: a.order });
  }
  for (const [path, b] of before) {
    if (!after.has(path)) changes.push({ path, section: b.section, label: b.label, kind: 'removed', before: b.value, order: b.order });
  }
  changes.sort((x, y) => x.order[0] - y.order[0] || x.order[1] - y.order[1] || x.order[2] - y.order[2]);
  return changes.map(({ order: _order, ...change }) => change);
}

export function summarizeRedline(changes: readonly RedlineChange[]): RedlineSummary {
  const count = (kind: RedlineKind) => changes.filter((c) => c.kind === kind).length;
  return { total: changes.length, added: count('added'), removed: count('removed'), changed: count('changed') };
}

const termKey = (t: { type: string; sequenceNumber: number }) => `terms[${t.type}#${t.sequenceNumber}]`;
const termKeys = (d: ContractDraft) => new Set(d.terms.map(termKey));

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** The draft as path → readable value. Terms also on the other side are broken down to their parts. */
function flatten(d: ContractDraft, otherTerms: Set<string>): Map<string, Entry> {
  const out = new Map<string, Entry>();
  let position = 0;
  const put = (section: RedlineSection, seq: number, path: string, label: string, value: string) => {
    // Two parts with the same identity (e.g. duplicate offers) stay apart by their occurrence.
    let unique = path;
    for (let n = 2; out.has(unique); n++) unique = `${path}#${n}`;
    out.set(unique, { path: unique, section, label: unique === path ? label : `${label} (${unique.slice(path.length + 1)})`, value, order: [SECTION_ORDER[section], seq, position++] });
  };

  for (const [key, label] of PROFILE_LABELS) {
    const v = d[key];
    if (key === 'baseContract') {
      if (v) put('profile', 0, 'profile.baseContract', label, `${d.baseContract!.code}${d.baseContract!.version ? ` ${d.baseContract!.version}` : ''}`);
    } else if (key === 'startsAt' || key === 'endsAt') {
      put('profile', 0, `profile.${key}`, label, showTime(v as string));
    } else if (v !== undefined || key === 'forceContractPrice' || key === 'creditAllowed' || key === 'isBase') {
      put('profile', 0, `profile.${key}`, label, show(v ?? false));
    }
  }
  for (const [locale, text] of Object.entries(d.descriptions ?? {})) put('profile', 0, `profile.descriptions[${locale}]`, `Description (${locale})`, text);
  for (const a of d.attachments ?? []) put('profile', 0, `profile.attachments[${a.uri}]`, `Attachment ${a.uri}`, [a.mimeType, a.description].filter(Boolean).join(', '));
  for (const c of d.contacts ?? []) put('profile', 0, `profile.contacts[${c.name}]`, `Contact ${c.name}`, [c.role, c.email].filter(Boolean).join(', ') || c.name);

  for (const b of d.buyers) {
    const who = b.organization !== undefined ? b.organization : `group ${b.memberGroup}`;
    const value = [b.active === false ? 'switched off' : 'active', b.startsAt ? `from ${showTime(b.startsAt)}` : '', b.endsAt ? `until ${showTime(b.endsAt)}` : '']
      .filter(Boolean).join(', ');
    put('buyers', 0, `buyers[${who}]`, `Buyer ${who}`, value);
  }

  for (const term of d.terms) {
    const base = termKey(term);
    const title = termTitle(term);
    const seq = term.sequenceNumber;
    if (!otherTerms.has(base)) {
      const { lines } = describeTerm(term);
      put('terms', seq, base, title, lines.join('; ') || 'present');
      continue;
    }
    for (const [path, label, value] of termParts(term)) put('terms', seq, `${base}${path}`, `${title} · ${label}`, value);
  }
  return out;
}

/** A term broken down into [path suffix, label, value] parts that match across versions. */
function termParts(term: TypedContractTerm): [string, string, string][] {
  const parts: [string, string, string][] = [];
  for (const [key, value] of Object.entries(term as unknown as Record<string, unknown>)) {
    if (key === 'type' || key === 'sequenceNumber' || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push([`.${key}`, PARAMETER_LABELS[key] ?? key, key === 'signedPercentage' ? percent(String(value)) : show(value)]);
    }
  }
  switch (term.type) {
    case 'PriceTCCustomPriceList': for (const o of term.offers) parts.push([`.offers[${offerKey(o)}]`, `offer ${offerKey(o)}`, offerText(o)]); break;
    case 'PriceTCMasterCatalogWithFiltering': for (const f of term.filters) parts.push([`.filters[${filterKey(f)}]`, filterKey(f), filterText(f)]); break;
    case 'PriceRule': for (const r of term.rules) parts.push([`.rules[${ruleKey(r)}]`, `rule ${ruleKey(r)}`, r.rule]); break;
    case 'QuantityCommitmentTC': for (const l of term.lines) parts.push([`.lines[${lineKey(l)}]`, `reserved ${l.sku}`, String(l.quantity)]); break;
    case 'FulfillmentTC': for (const c of term.fulfillmentCenters) parts.push([`.fulfillmentCenters[${c}]`, `centre ${c}`, 'allowed']); break;
    case 'TermCondition': for (const [k, v] of Object.entries(term.properties)) parts.push([`.properties[${k}]`, `property ${k}`, v]); break;
    default: break;
  }
  if ('productSet' in term && term.productSet) {
    const p = term.productSet;
    if (p.name !== undefined) parts.push(['.productSet.name', 'product set', p.name]);
    for (const s of p.skus ?? []) parts.push([`.productSet.skus[${s}]`, `SKU ${s}`, 'in the product set']);
    for (const c of p.categories ?? []) parts.push([`.productSet.categories[${c}]`, `category ${c}`, 'in the product set']);
  }
  for (const b of term.buyers ?? []) parts.push([`.buyers[${b}]`, `only for ${b}`, 'restricted to this buyer']);
  for (const [locale, text] of Object.entries(term.descriptions ?? {})) parts.push([`.descriptions[${locale}]`, `description (${locale})`, text]);
  return parts;
}

/** "2026-01-01T00:00:00.000Z" → "2026-01-01 00:00 UTC". */
function showTime(iso: string | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
