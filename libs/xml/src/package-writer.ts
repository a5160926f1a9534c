/**
 * Writes contracts as a WCS Package (version 9 format): contracts first, then at most one Account,
 * then ContractNationalLanguageDescription elements for descriptions in further languages. What WCS
 * has no element for travels in TermCondition elements of Pactum's types (wcs-vocabulary.ts), so
 * the file passes WCS's own schema and importPackage reads it back to the same drafts.
 */
import type { ContractBuyer, ProductSetRef, TypedContractTerm } from '@pactum/domain';
import type { ContractKey, ImportedDraft, ImportedTerm, WcsStateToken } from './mapped-records';
import { PACTUM_TYPE, WCS_CONTACT_ROLES, flatten } from './wcs-vocabulary';
import { OPEN_END, OPEN_START, normalizeDn } from './wcs-reader';
import { WCS_NAMESPACE } from './xsd-validator';

export interface ExportContract {
  key: ContractKey;
  state: WcsStateToken;
  draft: ImportedDraft;
  /** The base contract's key (its origin and owner are not in the draft). */
  baseKey?: ContractKey;
}

export interface ExportAccount {
  name: string;
  seller: string;
  buyerOrganization: string;
  creditAllowed?: boolean;
  terms?: ImportedTerm[];
}

/** Pactum names policies without a store; WCS keeps its built-in ones in the store group. */
const STORE_NAME = 'StoreGroup1';
const STORE_OWNER = 'o=Root Organization';
const MASTER_CATALOG = 'MasterCatalog';

/** Escapes text and attribute values (quotes included, so one function serves both). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** UTC ISO → the format's GMT without zone (seconds precision; milliseconds are dropped). */
export function toGmtTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

type Attrs = ReadonlyArray<readonly [string, unknown]>;

function attrs(pairs: Attrs): string {
  return pairs
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** An element; children are strings already indented one level deeper by the caller's `at`. */
function el(name: string, pairs: Attrs, body: string[], at: string): string {
  if (!body.length) return `${at}<${name}${attrs(pairs)}/>`;
  return `${at}<${name}${attrs(pairs)}>\n${body.join('\n')}\n${at}</${name}>`;
}

const inner = (at: string) => `${at}  `;

function orgRef(dn: string, at: string): string {
  return el('OrganizationRef', [['distinguishName', dn]], [], at);
}

function member(wrapper: string, dn: string, at: string): string {
  return el(wrapper, [], [orgRef(dn, inner(at))], at);
}

function policyRef(name: string, policy: string, at: string): string {
  const store = el('StoreRef', [['name', STORE_NAME]], [member('Owner', STORE_OWNER, inner(inner(at)))], inner(at));
  return el(name, [['policyName', policy]], [store], at);
}

function property(name: string, value: string, at: string): string {
  return el('Property', [['name', name], ['value', value]], [], at);
}

function money(value: string, currency: string, at: string): string {
  return el('MonetaryAmount', [['value', value], ['currency', currency]], [], at);
}

function adjustment(pct: string | undefined, at: string): string[] {
  return pct === undefined ? [] : [el('PriceAdjustment', [['signedPercentage', pct]], [], at)];
}

function participant(role: string, ref: string, at: string): string {
  return el('Participant', [['role', role]], [el('ParticipantMember', [], [ref], inner(at))], at);
}

/** The description written inline: en_US when there is one, else the first locale. */
function inlineLocale(d: Record<string, string>): string | undefined {
  const locales = Object.keys(d);
  return locales.includes('en_US') ? 'en_US' : locales[0];
}

interface Context {
  code: string;
  seller: string;
  currency: string;
  firstBuyer: string;
  /** Term descriptions in further languages, for ContractNationalLanguageDescription. */
  extra: Array<{ sequenceNumber: number; locale: string; text: string }>;
}

/**
 * One term element. `props` are the Pactum properties the element carries; the common part
 * (properties, description, buyers) comes first, as the format orders it.
 */
function termEl(name: string, t: Pick<TypedContractTerm, 'sequenceNumber' | 'descriptions' | 'buyers'>, body: string[], at: string, ctx: Context, props: Array<[string, string]> = [], extraAttrs: Attrs = []): string {
  const i = inner(at);
  const common = props.map(([n, v]) => property(n, v, i));
  if (t.descriptions) {
    const locale = inlineLocale(t.descriptions);
    if (locale !== undefined) common.push(el('TermConditionDescription', [['locale', locale], ['shortDescription', t.descriptions[locale]]], [], i));
    for (const [l, text] of Object.entries(t.descriptions)) if (l !== locale) ctx.extra.push({ sequenceNumber: t.sequenceNumber, locale: l, text });
  }
  for (const dn of t.buyers ?? []) common.push(participant('Buyer', orgRef(dn, inner(inner(i))), i));
  return el(name, [['sequenceNumber', t.sequenceNumber], ...extraAttrs], [...common, ...body], at);
}

/** A term whose parameters the WCS element cannot hold: its parameters as properties by path. */
function genericTerm(t: TypedContractTerm, at: string, ctx: Context): string {
  const { type, sequenceNumber: _s, descriptions: _d, buyers: _b, ...params } = t as TypedContractTerm & Record<string, unknown>;
  return termEl('TermCondition', t, [], at, ctx, [['type', type], ...flatten(params)], [['type', PACTUM_TYPE.term]]);
}

function productSetEl(set: ProductSetRef, generatedName: string, at: string, ctx: Context): string {
  const i = inner(at);
  const entries = [...(set.skus ?? []).map((s) => el('CatalogEntryRef', [['partNumber', s]], [], inner(i))), ...(set.categories ?? []).map((c) => el('CatalogGroupRef', [['groupIdentifier', c]], [], inner(i)))];
  const body = entries.length ? [el('PSInclusionList', [], entries, i)] : [];
  body.push(member('ProductSetOwner', ctx.seller, i));
  return el('ProductSet', [['name', set.name ?? generatedName]], body, at);
}

const namedOnly = (set: ProductSetRef | undefined) => !!set?.name && !set.skus?.length && !set.categories?.length;

/** WCS amounts hold 5 decimals, Pactum's 6: a term with a finer amount travels as a pactum.Term. */
const finerThanWcs = (v: string | undefined) => v !== undefined && /\.\d{6,}$/.test(v);

function amountsOf(t: TypedContractTerm): Array<string | undefined> {
  switch (t.type) {
    case 'PriceTCCustomPriceList': return t.offers.map((o) => o.price);
    case 'RightToBuyTCByAmount': return [t.maximumAmount];
    case 'ObligationToBuyTCByAmount': return [t.minimumAmount];
    case 'OrderApprovalTC': return [t.thresholdAmount];
    case 'ShippingTCShippingChargeAdjustment': return [t.amount];
    default: return [];
  }
}

function termXml(t: TypedContractTerm, at: string, ctx: Context): string {
  const i = inner(at);
  if (amountsOf(t).some(finerThanWcs)) return genericTerm(t, at, ctx);
  const generated = `${ctx.code} term ${t.sequenceNumber}`;
  switch (t.type) {
    case 'PriceTCMasterCatalogWithOptionalAdjustment':
      return termEl(t.type, t, adjustment(t.signedPercentage, i), at, ctx);
    case 'PriceTCPriceListWithOptionalAdjustment':
      return termEl(t.type, t, [policyRef('PricePolicyRef', t.priceList, i), ...adjustment(t.signedPercentage, i)], at, ctx);
    case 'PriceTCPriceListWithSelectiveAdjustment': {
      const set = namedOnly(t.productSet) ? policyRef('ProductSetPolicyRef', t.productSet.name!, inner(inner(i))) : productSetEl(t.productSet, generated, inner(inner(i)), ctx);
      const on = el('PriceAdjustmentOnProductSet', [], [el('ProductSetInclusion', [], [set], inner(i)), ...adjustment(t.signedPercentage, inner(i))], i);
      return termEl(t.type, t, [policyRef('PricePolicyRef', t.priceList, i), on], at, ctx, !namedOnly(t.productSet) && !t.productSet.name ? [['pactum.generatedName', 'true']] : []);
    }
    case 'PriceTCCustomPriceList': {
      const o = inner(i);
      const offers = t.offers.map((offer) => el('Offer', [
        ['published', 'Published'], ['skuNumber', offer.sku], ['minimumPurchaseQuantity', offer.minQuantity], ['maximumPurchaseQuantity', offer.maxQuantity], ['precedence', offer.precedence],
      ], [el('OfferPrice', [], [money(offer.price, offer.currency, inner(inner(o)))], inner(o))], o));
      const list = el('PriceList', [['name', t.name ?? generated], ['precedence', '0'], ['type', 'C']], [...offers, member('Owner', ctx.seller, o)], i);
      return termEl(t.type, t, [list], at, ctx, t.name === undefined ? [['pactum.generatedName', 'true']] : []);
    }
    case 'PriceTCMasterCatalogWithFiltering': {
      const s = inner(i);
      const bare = t.filters.flatMap((f, k) => (f.action === 'include' && f.signedPercentage === undefined ? [String(k)] : []));
      const selections = t.filters.map((f) => el('Selection', [['type', f.action === 'include' ? 'Include' : 'Exclude'], ['synchronize', 'false']], [
        el('Adjustment', [['signedPercentage', f.signedPercentage ?? '0'], ['precedence', '0']], [], inner(s)),
        f.sku !== undefined ? el('CatalogEntryRef', [['partNumber', f.sku]], [], inner(s)) : el('CatalogGroupRef', [['groupIdentifier', f.category]], [], inner(s)),
      ], s));
      const selection = el('CatalogSelection', [['includeEntireCatalog', !t.filters.some((f) => f.action === 'include')], ['signedPercentage', t.signedPercentage ?? '0']], [
        el('CatalogRef', [['name', MASTER_CATALOG]], [], s),
        ...(selections.length ? [member('ProductSetOwner', ctx.seller, s), ...selections] : []),
      ], i);
      const props: Array<[string, string]> = [];
      if (bare.length) props.push(['pactum.filtersWithoutPercentage', bare.join(',')]);
      if (t.signedPercentage === undefined) props.push(['pactum.noDefaultPercentage', 'true']);
      return termEl(t.type, t, [policyRef('PricePolicyRef', MASTER_CATALOG, i), selection], at, ctx, props);
    }
    case 'PriceRule':
      return termEl('TermCondition', t, [], at, ctx, flatten({ rules: t.rules }), [['type', PACTUM_TYPE.priceRule]]);
    case 'ProductSetTCInclusion':
    case 'ProductSetTCExclusion':
      if (namedOnly(t.productSet)) return termEl(t.type, t, [policyRef('ProductSetPolicyRef', t.productSet.name!, i)], at, ctx);
      return termEl(t.type.replace('ProductSetTC', 'ProductSetTCCustom'), t, [productSetEl(t.productSet, generated, i, ctx)], at, ctx, t.productSet.name ? [] : [['pactum.generatedName', 'true']]);
    case 'ShippingTCShippingMode':
      return termEl(t.type, t, [policyRef('ShippingModePolicyRef', t.mode, i)], at, ctx);
    case 'ShippingTCShippingCharge':
      return termEl(t.type, t, [policyRef('ShippingChargePolicyRef', t.policy, i)], at, ctx);
    case 'ShippingTCShipToAddress':
      return termEl(t.type, t, [el('AddressReference', [['nickName', t.nickname]], [member('Owner', ctx.firstBuyer, inner(i))], i)], at, ctx);
    case 'ShippingTCShippingChargeAdjustment': {
      const set = t.productSet;
      const single = !set || (!set.name && (set.skus?.length ?? 0) + (set.categories?.length ?? 0) === 1);
      if (!single) return genericTerm(t, at, ctx);
      const target = set?.skus?.length ? [el('CatalogEntryRef', [['partNumber', set.skus[0]]], [], i)] : set?.categories?.length ? [el('CatalogGroupRef', [['groupIdentifier', set.categories[0]]], [], i)] : [];
      const amount = t.amount !== undefined ? [money(t.amount, t.currency!, i)] : adjustment(t.signedPercentage, i);
      return termEl(t.type, t, [...amount, ...target], at, ctx);
    }
    case 'FulfillmentTC':
      return termEl(t.type, t, t.fulfillmentCenters.map((f) => el('FulfillmentCenterRef', [['name', f]], [member('Owner', ctx.seller, inner(i))], i)), at, ctx);
    case 'PaymentTCPaymentMethod': {
      const m = inner(i);
      const billTo = t.billingAddress !== undefined ? [el('BillToAddress', [], [el('AddressReference', [['nickName', t.billingAddress]], [member('Owner', ctx.firstBuyer, inner(inner(m)))], inner(m))], m)] : [];
      return termEl('PaymentTC', t, [el('PaymentMethod', [], [policyRef('PaymentPolicyRef', t.method, m), ...billTo, el('PaymentMethodDisplayString', [['name', t.method]], [], m)], i)], at, ctx);
    }
    case 'ReturnTCRefundPaymentMethod':
      return termEl(t.type, t, [policyRef('ReturnPaymentPolicyRef', t.method, i)], at, ctx);
    case 'RightToBuyTCByAmount':
      return termEl(t.type, t, [el('AllowablePurchaseTotal', [], [money(t.maximumAmount, t.currency, inner(i))], i)], at, ctx);
    case 'ObligationToBuyTCByAmount':
      return termEl(t.type, t, [el('ObligatedPurchaseTotal', [], [money(t.minimumAmount, t.currency, inner(i))], i)], at, ctx, [], [['numberOfDays', t.days]]);
    case 'OrderApprovalTC':
      return termEl(t.type, t, [money(t.thresholdAmount, t.currency ?? ctx.currency, i)], at, ctx, t.currency === undefined ? [['pactum.currencyOfContract', 'true']] : []);
    case 'QuantityCommitmentTC':
      return termEl('TermCondition', t, [], at, ctx, flatten({ autoArchive: t.autoArchive, lines: t.lines }), [['type', PACTUM_TYPE.quantityCommitment]]);
    case 'TermCondition':
      return termEl('TermCondition', t, [], at, ctx, Object.entries(t.properties), [['type', t.conditionType]]);
    default:
      // The return charge and approval are written together by termsXml; alone, they travel generically.
      return genericTerm(t, at, ctx);
  }
}

/** Every term; the return charge and the return approval become one ReturnTCReturnCharge when they pair up cleanly. */
function termsXml(terms: TypedContractTerm[], at: string, ctx: Context): string[] {
  const charges = terms.filter((t) => t.type === 'ReturnTCReturnCharge');
  const approvals = terms.filter((t) => t.type === 'ReturnTCReturnApproval');
  const pair = charges.length === 1 && approvals.length === 1 && !approvals[0].buyers?.length && !approvals[0].descriptions ? { charge: charges[0], approval: approvals[0] } : undefined;
  const out: string[] = [];
  for (const t of terms) {
    if (pair && t === pair.approval) continue;
    if (pair && t === pair.charge && pair.charge.type === 'ReturnTCReturnCharge' && pair.approval.type === 'ReturnTCReturnApproval') {
      out.push(termEl(t.type, t, [policyRef('ReturnChargePolicyRef', pair.charge.policy, inner(at)), policyRef('ReturnApprovalPolicyRef', pair.approval.policy, inner(at))], at, ctx,
        [['pactum.approvalSequenceNumber', String(pair.approval.sequenceNumber)]]));
      continue;
    }
    out.push(termXml(t, at, ctx));
  }
  return out;
}

function buyerParticipant(b: ContractBuyer, seller: string, at: string): string {
  const ref = b.memberGroup !== undefined
    ? el('MemberGroupRef', [['memberGroupName', b.memberGroup]], [orgRef(seller, inner(inner(inner(at))))], inner(inner(at)))
    : orgRef(b.organization, inner(inner(at)));
  return participant('Buyer', ref, at);
}

function settingsTerm(type: string, props: Array<[string, string]>, at: string): string {
  return el('TermCondition', [['type', type]], props.map(([n, v]) => property(n, v, inner(at))), at);
}

function keyXml(name: string, k: ContractKey, at: string): string {
  return el(name, [['name', k.name], ['origin', k.origin], ['majorVersionNumber', k.major], ['minorVersionNumber', k.minor]], [member('ContractOwner', k.ownerDn, inner(at))], at);
}

/**
 * Writes a Package as a stream: open(), contract() for each contract, account() once at most,
 * close() (which adds the descriptions in further languages). Holds nothing but those descriptions.
 */
export class PackageWriter {
  private readonly extra: string[] = [];

  open(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${WCS_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${WCS_NAMESPACE} Package.xsd">\n`;
  }

  /** One BuyerContract element and its line break. */
  contract(c: ExportContract): string {
    const d = c.draft;
    const at = '  ';
    const i = inner(at);
    const ctx: Context = { code: c.key.name, seller: d.seller, currency: d.currency, firstBuyer: d.buyers.find((b) => b.organization)?.organization ?? d.seller, extra: [] };
    const parts: string[] = [participant('Seller', orgRef(d.seller, inner(inner(i))), i), ...d.buyers.map((b) => buyerParticipant(b, d.seller, i))];
    const contacts = d.contacts ?? [];
    const asParticipants = contacts.every((ct) => ct.email === undefined && (WCS_CONTACT_ROLES as readonly string[]).includes(ct.role ?? '') && ct.name.includes('=') && normalizeDn(ct.name) === ct.name);
    if (asParticipants) for (const ct of contacts) parts.push(participant(ct.role!, el('UserRef', [['distinguishName', ct.name]], [], inner(inner(i))), i));
    parts.push(keyXml('ContractUniqueKey', c.key, i));
    const descriptions = d.descriptions ?? (d.description !== undefined ? { en_US: d.description } : {});
    const first = d.description !== undefined ? Object.keys(descriptions).find((l) => descriptions[l] === d.description) : Object.keys(descriptions)[0];
    if (first !== undefined) parts.push(el('ContractDescription', [['locale', first], ['shortDescription', descriptions[first]]], [], i));
    if (d.account) parts.push(el('AccountReference', [], [el('AccountRef', [['name', d.account]], [member('AccountOwner', d.seller, inner(inner(i)))], inner(i))], i));
    for (const a of d.attachments ?? []) parts.push(el('Attachment', [['URL', a.uri], ['mimeType', a.mimeType]], [], i));
    if (d.baseContract) {
      const base = c.baseKey ?? { name: d.baseContract.code, origin: 'Manual', ownerDn: d.seller, major: Number(d.baseContract.version?.split('.')[0] ?? 1), minor: Number(d.baseContract.version?.split('.')[1] ?? 0) };
      parts.push(el('ContractReference', [], [keyXml('ContractRef', base, inner(i))], i));
    }
    parts.push(...termsXml(d.terms, i, ctx));
    const settings: Array<[string, string]> = [['currency', d.currency], ['isBase', String(d.isBase ?? false)]];
    if (d.forceContractPrice !== undefined) settings.push(['forceContractPrice', String(d.forceContractPrice)]);
    parts.push(settingsTerm(PACTUM_TYPE.contractSettings, settings, i));
    for (const b of d.buyers) {
      if (b.startsAt === undefined && b.endsAt === undefined && b.active !== false) continue;
      const props: Array<[string, string]> = [b.memberGroup !== undefined ? ['memberGroup', b.memberGroup] : ['organization', b.organization]];
      if (b.startsAt) props.push(['startTime', toGmtTime(b.startsAt)]);
      if (b.endsAt) props.push(['endTime', toGmtTime(b.endsAt)]);
      if (b.active === false) props.push(['active', 'false']);
      parts.push(settingsTerm(PACTUM_TYPE.buyerAccount, props, i));
    }
    if (!asParticipants) {
      for (const ct of contacts) parts.push(settingsTerm(PACTUM_TYPE.contact, [['name', ct.name], ...(ct.role !== undefined ? [['role', ct.role] as [string, string]] : []), ...(ct.email !== undefined ? [['email', ct.email] as [string, string]] : [])], i));
    }
    for (const a of d.attachments ?? []) if (a.description !== undefined) parts.push(settingsTerm(PACTUM_TYPE.attachment, [['url', a.uri], ['description', a.description]], i));

    const further = Object.keys(descriptions).filter((l) => l !== first);
    const localeSet = new Set([...further, ...ctx.extra.map((e) => e.locale)]);
    for (const locale of localeSet) {
      const body = [keyXml('ContractRef', c.key, i)];
      if (further.includes(locale)) body.push(el('ContractDescription', [['locale', locale], ['shortDescription', descriptions[locale]]], [], i));
      for (const e of ctx.extra.filter((x) => x.locale === locale)) body.push(el('TermConditionDescription', [['locale', locale], ['shortDescription', e.text], ['sequenceNumber', e.sequenceNumber]], [], i));
      this.extra.push(`${el('ContractNationalLanguageDescription', [], body, at)}\n`);
    }
    return `${el('BuyerContract', [
      ['state', c.state], ['contractUsage', 'OrganizationBuyer'], ['comment', d.comment], ['creditAllowed', d.creditAllowed ?? false],
      ['startTime', d.startsAt === OPEN_START ? undefined : toGmtTime(d.startsAt)], ['endTime', d.endsAt === OPEN_END ? undefined : toGmtTime(d.endsAt)],
    ], parts, at)}\n`;
  }

  /** The Account element: after every contract, once per file. */
  account(a: ExportAccount): string {
    const at = '  ';
    const i = inner(at);
    const ctx: Context = { code: a.name, seller: a.seller, currency: 'USD', firstBuyer: a.buyerOrganization, extra: [] };
    const body = [
      participant('AccountHolder', orgRef(a.buyerOrganization, inner(inner(i))), i),
      participant('Seller', orgRef(a.seller, inner(inner(i))), i),
      el('AccountUniqueKey', [['name', a.name]], [member('AccountOwner', a.seller, inner(i))], i),
      el('AccountDescription', [['locale', 'en_US'], ['shortDescription', a.name]], [], i),
      ...(a.terms ?? []).map((t) => termXml(t, i, ctx)),
      settingsTerm(PACTUM_TYPE.accountSettings, [['creditAllowed', String(a.creditAllowed ?? false)]], i),
    ];
    return `${el('Account', [], body, at)}\n`;
  }

  close(): string {
    return `${this.extra.splice(0).join('')}</Package>\n`;
  }
}

/** A Package with the contracts and, after them, their account (a file holds at most one). */
export function exportPackage(contracts: ReadonlyArray<ExportContract>, account?: ExportAccount): string {
  const w = new PackageWriter();
  const parts = [w.open(), ...contracts.map((c) => w.contract(c))];
  if (account) parts.push(w.account(account));
  parts.push(w.close());
  return parts.join('');
}
