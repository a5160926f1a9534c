/**
 * Reads the elements of a WCS Package (version 9 format, docs/xml-format.md) into Pactum's shapes:
 * a BuyerContract into the input of validateContractDraft, an Account into an account record, a
 * ContractNationalLanguageDescription into extra descriptions. Collects every problem with the line
 * and column of its element instead of throwing, so one contract reports all of them at once.
 */
import type { ErrorDetail } from '@pactum/domain';
import type { XmlElement } from './package-splitter';
import { PACTUM_TYPE, WCS_CONTACT_ROLES, flattenedValue } from './wcs-vocabulary';

export interface Place {
  line: number;
  column: number;
}

export interface PlacedProblem extends ErrorDetail {
  line: number;
  column: number;
}

export interface ContractKey {
  name: string;
  origin: string;
  ownerDn: string;
  major: number;
  minor: number;
}

/** Identity of a contract version across files and Postgres: name, origin, owner, version (DNs compared blind to case). */
export function keyId(k: ContractKey): string {
  return [k.name, k.origin, normalizeDn(k.ownerDn).toLowerCase(), k.major, k.minor].join('\u0000');
}

/** DNs differ in spacing between systems (`o=Root Organization` / `o = Root Organization`): spaces around `,` and `=` go. */
export function normalizeDn(dn: string): string {
  return dn.trim().replace(/\s*([,=])\s*/g, '$1');
}

/** Extra descriptions of one contract, from ContractNationalLanguageDescription elements after the Account. */
export interface ExtraDescriptions {
  contract: Array<{ locale: string; text: string; at: Place }>;
  /** By the sequence number of the term they describe. */
  terms: Array<{ sequenceNumber?: number; locale: string; text: string; at: Place }>;
}

export interface ReadContractOptions {
  /** Contract currency when the file names none and its amounts none either (IMPORT_DEFAULT_CURRENCY). */
  defaultCurrency?: string;
  /** Another contract of the same file refers to this one as its base. */
  referencedAsBase?: boolean;
  descriptions?: ExtraDescriptions;
}

export interface ReadContract {
  key: ContractKey;
  state: string;
  /** The input of validateContractDraft. */
  raw: Record<string, unknown>;
  /** The base contract's full key, as ContractReference names it. */
  baseKey?: ContractKey;
  /** Draft field → place in the file, for the domain's field errors. */
  places: Places;
  problems: PlacedProblem[];
}

export interface ReadAccount {
  name: string;
  seller: string;
  buyerOrganization: string;
  creditAllowed: boolean;
  /** Raw terms, each to be checked by validateTerm. */
  terms: Record<string, unknown>[];
  places: Places;
  problems: PlacedProblem[];
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

const GMT = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
/** Absent start and end times: in force from the earliest and until the latest time Pactum stores. */
export const OPEN_START = '1900-01-01T00:00:00.000Z';
export const OPEN_END = '9999-12-31T23:59:59.000Z';
const WHOLE = /^[+-]?\d+(\.0*)?$/;
/** Term elements Pactum does not model: refused by name, with what Pactum reads instead. */
const UNMODELLED: Record<string, string> = {
  PriceTCConfigBuildBlock: 'configurator pricing is not modelled',
  OrderTCOrderComment: 'order comments are not modelled',
  OrderTCOrderItemPAttribute: 'order item attributes are not modelled',
  HandlingChargeTC: 'handling charges are not modelled',
  AddressBookTC: 'address book rules are not modelled',
  InvoiceTC: 'invoice terms are not modelled',
  POTCLimited: 'purchase-order terms are not modelled',
  POTCIndividual: 'purchase-order terms are not modelled',
  POTCBlanket: 'purchase-order terms are not modelled',
  DisplayCustomizationTC: 'display customisation is not modelled',
};
const ACCOUNT_TERMS = new Set(['ShippingTCShippingMode', 'ShippingTCShippingCharge', 'ShippingTCShipToAddress', 'ShippingTCShippingChargeAdjustment', 'PaymentTC', 'TermCondition']);
const HEADER = new Set(['Participant', 'ContractUniqueKey', 'ContractDescription', 'AccountReference', 'Attachment', 'ContractReference',
  'AccountUniqueKey', 'AccountDescription', 'CreatedInStore']);

/** A term as read, before sequence numbers are settled. */
interface ReadTerm {
  term: Record<string, unknown>;
  /** The sequence number the file gave it (absent, or repeated: the next free one is assigned). */
  given?: number;
  el: XmlElement;
}

/**
 * Draft field → where it stands in the file. The elements of a long list (a price list's offers)
 * are kept as an array and found by their index: a map entry, a field path and a place per price
 * offer were a million of each on a large import, kept for errors that seldom come.
 */
export class Places {
  private readonly fields = new Map<string, Place>();
  private readonly lists = new Map<string, XmlElement[]>();

  has(field: string): boolean {
    return this.fields.has(field);
  }

  set(field: string, place: Place): void {
    this.fields.set(field, place);
  }

  /** The elements of the list `field` (e.g. `terms[3].offers`), item i standing at elements[i]. */
  list(field: string, elements: XmlElement[]): void {
    this.lists.set(field, elements);
  }

  get(field: string): Place | undefined {
    const known = this.fields.get(field);
    if (known) return known;
    const item = /^(.*)\[(\d+)\]$/.exec(field);
    const el = item ? this.lists.get(item[1])?.[Number(item[2])] : undefined;
    return el ? { line: el.line ?? 0, column: el.column ?? 0 } : undefined;
  }
}

class ElementReader {
  readonly problems: PlacedProblem[] = [];
  readonly places = new Places();
  /** Currencies of the contract's amounts, for the contract currency rule. */
  readonly currencies = new Map<string, Place>();

  at(el: XmlElement): Place {
    return { line: el.line ?? 0, column: el.column ?? 0 };
  }

  problem(el: XmlElement, message: string, field?: string): void {
    this.problems.push({ ...this.at(el), ...(field !== undefined ? { field } : {}), message });
  }

  place(field: string, el: XmlElement): void {
    if (!this.places.has(field)) this.places.set(field, this.at(el));
  }

  attr(el: XmlElement | undefined, name: string): string | undefined {
    return el?.attributes[name];
  }

  /** `action` is an edit instruction relative to what WCS holds; a file carries whole contracts. */
  action(el: XmlElement): void {
    const a = el.attributes.action?.trim();
    if (a && a !== 'new' && a !== 'noaction') this.problem(el, `<${el.name} action="${a}"> is an edit instruction Pactum does not apply: a file carries whole contracts (leave action out, or write new)`);
  }

  /** GMTTimeStamp → UTC ISO; `24:00:00` is the next day's midnight. */
  time(el: XmlElement, attribute: string, field: string): string | undefined {
    const v = el.attributes[attribute]?.trim();
    if (v === undefined) return undefined;
    const m = GMT.exec(v);
    if (!m) {
      this.problem(el, `${attribute}="${v}" is not a GMT time of the form YYYY-MM-DDThh:mm:ss (no zone, no fraction)`, field);
      return undefined;
    }
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    if (Number.isNaN(ms)) {
      this.problem(el, `${attribute}="${v}" is not a real time`, field);
      return undefined;
    }
    return new Date(ms).toISOString();
  }

  bool(v: string | undefined): boolean | undefined {
    const t = v?.trim();
    return t === undefined ? undefined : t === 'true' || t === '1';
  }

  /** A double attribute that Pactum keeps as a whole number (quantities, precedence). */
  whole(el: XmlElement, attribute: string, field: string): number | string | undefined {
    const v = el.attributes[attribute]?.trim();
    if (v === undefined) return undefined;
    if (!WHOLE.test(v)) {
      this.problem(el, `${attribute}="${v}" must be a whole number`, field);
      return undefined;
    }
    return Number.parseInt(v, 10);
  }

  /** whole() of an offer's attribute; its field path (`terms[0].offers[12].minQuantity`) is built only when the attribute is there. */
  offerWhole(o: XmlElement, attribute: string, term: string, index: number, key: string): number | string | undefined {
    return o.attributes[attribute] === undefined ? undefined : this.whole(o, attribute, `${term}.offers[${index}].${key}`);
  }

  /** A member reference (ContractOwner, ParticipantMember, …). */
  member(el: XmlElement | undefined): { kind: 'organization' | 'user' | 'group'; dn?: string; group?: string } | undefined {
    const ref = el?.children[0];
    if (!ref) return undefined;
    if (ref.name === 'OrganizationRef') return { kind: 'organization', dn: normalizeDn(ref.attributes.distinguishName ?? '') };
    if (ref.name === 'UserRef') return { kind: 'user', dn: normalizeDn(ref.attributes.distinguishName ?? '') };
    return { kind: 'group', group: ref.attributes.memberGroupName?.trim() };
  }

  organization(el: XmlElement | undefined, what: string, field: string): string | undefined {
    const m = this.member(el);
    if (!el || !m) return undefined;
    if (m.kind !== 'organization') {
      this.problem(el, `${what} must be an organisation (OrganizationRef), not a ${m.kind === 'user' ? 'user' : 'member group'}`, field);
      return undefined;
    }
    return m.dn;
  }

  key(el: XmlElement | undefined, defaults: boolean): ContractKey | undefined {
    if (!el) return undefined;
    const int = (a: string, d: number) => {
      const v = el.attributes[a]?.trim();
      return v === undefined ? (defaults ? d : NaN) : Number.parseInt(v, 10);
    };
    return {
      name: (el.attributes.name ?? '').trim(),
      origin: (el.attributes.origin ?? '').trim(),
      ownerDn: this.organization(child(el, 'ContractOwner'), 'ContractOwner', 'seller') ?? '',
      major: int('majorVersionNumber', 1),
      minor: int('minorVersionNumber', 0),
    };
  }

  /** Property name → value; the element's text has no defined use, `value` is what counts. */
  properties(el: XmlElement): Map<string, string> {
    const out = new Map<string, string>();
    for (const p of children(el, 'Property')) {
      const name = p.attributes.name ?? '';
      if (out.has(name)) this.problem(p, `Property "${name}" is given twice in this term`);
      out.set(name, p.attributes.value ?? '');
    }
    return out;
  }

  money(el: XmlElement | undefined): { value?: string; currency?: string } {
    if (!el) return {};
    const currency = el.attributes.currency?.trim();
    if (currency && !this.currencies.has(currency)) this.currencies.set(currency, this.at(el));
    return { value: el.attributes.value?.trim(), currency };
  }

  policy(el: XmlElement, name: string): string | undefined {
    return child(el, name)?.attributes.policyName?.trim();
  }

  /** A ProductSet element: a name and its inclusion list (SKUs, then categories). */
  productSet(el: XmlElement, field: string, generatedName: boolean): Record<string, unknown> {
    this.place(field, el);
    const exclusions = child(el, 'PSExclusionList');
    if (exclusions?.children.length) this.problem(exclusions, 'a product set with its own exclusion list is not modelled: list the excluded items in a ProductSetTCCustomExclusion term', field);
    const list = child(el, 'PSInclusionList');
    const skus = children(list, 'CatalogEntryRef').map((c) => c.attributes.partNumber?.trim() ?? '');
    const categories = children(list, 'CatalogGroupRef').map((c) => c.attributes.groupIdentifier?.trim() ?? '');
    return {
      ...(generatedName ? {} : { name: el.attributes.name?.trim() }),
      ...(skus.length ? { skus } : {}),
      ...(categories.length ? { categories } : {}),
    };
  }

  productSetInclusion(el: XmlElement | undefined, field: string, generatedName: boolean): Record<string, unknown> | undefined {
    const ref = child(el, 'ProductSetPolicyRef');
    if (ref) {
      this.place(field, ref);
      return { name: ref.attributes.policyName?.trim() };
    }
    const set = child(el, 'ProductSet');
    return set ? this.productSet(set, field, generatedName) : undefined;
  }

  /** The common part of every term: properties, its description, the buyers it is restricted to. */
  common(el: XmlElement, field: string, props: Map<string, string>, ownProperties: boolean): Record<string, unknown> {
    this.action(el);
    this.place(field, el);
    const term: Record<string, unknown> = {};
    if (!ownProperties) {
      for (const [name] of props) {
        if (!name.startsWith('pactum.')) {
          const p = children(el, 'Property').find((x) => x.attributes.name === name)!;
          this.problem(p, `Property "${name}" on <${el.name}>: Pactum keeps properties only on TermCondition terms`, field);
        }
      }
    }
    const d = child(el, 'TermConditionDescription');
    if (d) term.descriptions = { [d.attributes.locale?.trim() ?? '']: d.attributes.shortDescription ?? '' };
    const buyers: string[] = [];
    for (const p of children(el, 'Participant')) {
      this.action(p);
      const m = this.member(child(p, 'ParticipantMember'));
      if (p.attributes.role?.trim() !== 'Buyer' || m?.kind !== 'organization') {
        this.problem(p, 'a participant of a term restricts the term to some of the contract\'s buyers: only Buyer participants with an OrganizationRef are read', `${field}.buyers`);
        continue;
      }
      this.place(`${field}.buyers[${buyers.length}]`, p);
      buyers.push(m.dn!);
    }
    if (buyers.length) term.buyers = buyers;
    return term;
  }

  /**
   * One term element → zero, one or two Pactum terms (ReturnTCReturnCharge holds the return charge and
   * the return approval). `pactum.*` TermConditions that carry contract data are handled by the caller.
   */
  term(el: XmlElement, field: string): ReadTerm[] {
    const props = this.properties(el);
    const isCondition = el.name === 'TermCondition';
    const c = this.common(el, field, props, isCondition);
    const seq = el.attributes.sequenceNumber?.trim();
    const given = seq === undefined ? undefined : Number.parseInt(seq, 10);
    const one = (type: string, params: Record<string, unknown>): ReadTerm[] => [{ term: { type, ...c, ...params }, given, el }];
    const adjustment = (a: XmlElement | undefined) => a?.attributes.signedPercentage?.trim();
    const generatedName = props.get('pactum.generatedName') === 'true';
    switch (el.name) {
      case 'PriceTCMasterCatalogWithOptionalAdjustment':
        return one(el.name, { signedPercentage: adjustment(child(el, 'PriceAdjustment')) });
      case 'PriceTCPriceListWithOptionalAdjustment':
        return one(el.name, { priceList: this.policy(el, 'PricePolicyRef'), signedPercentage: adjustment(child(el, 'PriceAdjustment')) });
      case 'PriceTCPriceListWithSelectiveAdjustment': {
        const on = child(el, 'PriceAdjustmentOnProductSet');
        return one(el.name, {
          priceList: this.policy(el, 'PricePolicyRef'),
          signedPercentage: adjustment(child(on, 'PriceAdjustment')),
          productSet: this.productSetInclusion(child(on, 'ProductSetInclusion'), `${field}.productSet`, generatedName),
        });
      }
      case 'PriceTCCustomPriceList': {
        const list = child(el, 'PriceList')!;
        const offers: Record<string, unknown>[] = [];
        // Where each offer stands: its Offer element, by the offer's index (no field path per offer).
        const offerElements: XmlElement[] = [];
        this.places.list(`${field}.offers`, offerElements);
        for (const o of list.children) {
          if (o.name !== 'Offer') continue;
          this.action(o);
          const published = o.attributes.published?.trim();
          if (published !== 'Published') this.problem(o, `an offer marked ${published} is not read: send only Published offers (remove the others from the file)`);
          const limits = child(o, 'PurchaseLimits');
          if (limits) this.problem(limits, 'purchase limits on an offer are not modelled: use minimumPurchaseQuantity and maximumPurchaseQuantity');
          if (o.attributes.startTime !== undefined || o.attributes.endTime !== undefined) this.problem(o, 'offers with their own start or end time are not modelled: an offer lasts as long as its contract');
          for (const price of o.children) {
            if (price.name !== 'OfferPrice') continue;
            const at = offers.length;
            offerElements.push(o);
            const { value, currency } = this.money(child(price, 'MonetaryAmount'));
            offers.push({
              sku: o.attributes.skuNumber?.trim(), price: value, currency,
              minQuantity: this.offerWhole(o, 'minimumPurchaseQuantity', field, at, 'minQuantity'),
              maxQuantity: this.offerWhole(o, 'maximumPurchaseQuantity', field, at, 'maxQuantity'),
              precedence: this.offerWhole(o, 'precedence', field, at, 'precedence'),
            });
          }
        }
        return one(el.name, { ...(props.get('pactum.generatedName') === 'true' ? {} : { name: list.attributes.name?.trim() }), offers });
      }
      case 'PriceTCMasterCatalogWithFiltering': {
        const selection = child(el, 'CatalogSelection')!;
        const bare = new Set((props.get('pactum.filtersWithoutPercentage') ?? '').split(',').filter(Boolean).map(Number));
        const filters = children(selection, 'Selection').map((s, i) => {
          this.action(s);
          this.place(`${field}.filters[${i}]`, s);
          const include = s.attributes.type?.trim() === 'Include';
          const entry = child(s, 'CatalogEntryRef');
          const group = child(s, 'CatalogGroupRef');
          return {
            action: include ? 'include' : 'exclude',
            ...(entry ? { sku: entry.attributes.partNumber?.trim() } : { category: group?.attributes.groupIdentifier?.trim() }),
            ...(include && !bare.has(i) ? { signedPercentage: adjustment(child(s, 'Adjustment')) } : {}),
          };
        });
        const noDefault = props.get('pactum.noDefaultPercentage') === 'true';
        return one(el.name, { ...(noDefault ? {} : { signedPercentage: adjustment(selection) }), filters });
      }
      case 'ProductSetTCInclusion':
      case 'ProductSetTCExclusion':
        return one(el.name, { productSet: this.productSetInclusion(el, `${field}.productSet`, false) });
      case 'ProductSetTCCustomInclusion':
      case 'ProductSetTCCustomExclusion':
        return one(el.name.replace('Custom', ''), { productSet: this.productSet(child(el, 'ProductSet')!, `${field}.productSet`, generatedName) });
      case 'ShippingTCShippingMode':
        return one(el.name, { mode: this.policy(el, 'ShippingModePolicyRef') });
      case 'ShippingTCShippingCharge':
        return one(el.name, { policy: this.policy(el, 'ShippingChargePolicyRef') });
      case 'ShippingTCShipToAddress':
        return one(el.name, { nickname: child(el, 'AddressReference')?.attributes.nickName?.trim() });
      case 'ShippingTCShippingChargeAdjustment': {
        const mode = child(el, 'ShippingModePolicyRef');
        if (mode) this.problem(mode, 'a shipping charge adjustment for one shipping mode is not modelled: Pactum adjusts the charge of every mode');
        const amount = child(el, 'MonetaryAmount');
        const { value, currency } = this.money(amount);
        const entry = child(el, 'CatalogEntryRef');
        const group = child(el, 'CatalogGroupRef');
        const productSet = entry ? { skus: [entry.attributes.partNumber?.trim()] } : group ? { categories: [group.attributes.groupIdentifier?.trim()] } : undefined;
        return one(el.name, amount ? { amount: value, currency, productSet } : { signedPercentage: adjustment(child(el, 'PriceAdjustment')), productSet });
      }
      case 'FulfillmentTC':
        return one(el.name, { fulfillmentCenters: children(el, 'FulfillmentCenterRef').map((f) => f.attributes.name?.trim()) });
      case 'PaymentTC': {
        const method = child(el, 'PaymentMethod')!;
        for (const a of children(method, 'AttributeDetail')) this.problem(a, 'payment attributes (AttributeDetail) are not modelled: Pactum keeps the payment method and its bill-to address');
        const billTo = child(child(method, 'BillToAddress'), 'AddressReference')?.attributes.nickName?.trim();
        return one('PaymentTCPaymentMethod', { method: this.policy(method, 'PaymentPolicyRef'), ...(billTo !== undefined ? { billingAddress: billTo } : {}) });
      }
      case 'ReturnTCReturnCharge': {
        const approvalSeq = props.get('pactum.approvalSequenceNumber');
        return [
          { term: { type: 'ReturnTCReturnCharge', ...c, policy: this.policy(el, 'ReturnChargePolicyRef') }, given, el },
          { term: { type: 'ReturnTCReturnApproval', policy: this.policy(el, 'ReturnApprovalPolicyRef') }, given: approvalSeq === undefined ? undefined : Number.parseInt(approvalSeq, 10), el },
        ];
      }
      case 'ReturnTCRefundPaymentMethod':
        return one(el.name, { method: this.policy(el, 'ReturnPaymentPolicyRef') });
      case 'RightToBuyTCByAmount': {
        const { value, currency } = this.money(child(child(el, 'AllowablePurchaseTotal'), 'MonetaryAmount'));
        return one(el.name, { maximumAmount: value, currency });
      }
      case 'ObligationToBuyTCByAmount': {
        const { value, currency } = this.money(child(child(el, 'ObligatedPurchaseTotal'), 'MonetaryAmount'));
        return one(el.name, { minimumAmount: value, currency, days: this.whole(el, 'numberOfDays', `${field}.days`) });
      }
      case 'OrderApprovalTC': {
        const { value, currency } = this.money(child(el, 'MonetaryAmount'));
        return one(el.name, { thresholdAmount: value, ...(props.get('pactum.currencyOfContract') === 'true' ? {} : { currency }) });
      }
      case 'TermCondition': {
        const type = el.attributes.type ?? '';
        if (type === PACTUM_TYPE.priceRule) return one('PriceRule', unflatten(props));
        if (type === PACTUM_TYPE.quantityCommitment) return one('QuantityCommitmentTC', unflatten(props));
        if (type === PACTUM_TYPE.term) {
          const { type: pactumType, ...params } = unflatten(props);
          for (const [k, v] of Object.entries(params)) if (v && typeof v === 'object' && !Array.isArray(v)) trackCurrencies(this, v, el, k);
          if (typeof params.currency === 'string' && !this.currencies.has(params.currency)) this.currencies.set(params.currency, this.at(el));
          return one(String(pactumType), params);
        }
        if (type.startsWith('pactum.')) {
          this.problem(el, `TermCondition type "${type}" is not one of Pactum's own types (${Object.values(PACTUM_TYPE).join(', ')})`, field);
          return [];
        }
        return one('TermCondition', { conditionType: type, properties: Object.fromEntries(props) });
      }
      default:
        this.problem(el, `<${el.name}> is not read: ${UNMODELLED[el.name] ?? 'it is not a term Pactum knows'}`, field);
        return [];
    }
  }

  /**
   * Settles sequence numbers: a term keeps the number the file gave it unless an earlier term has
   * it; a term without one, or with a repeated one, gets the next number after the largest, in
   * document order.
   */
  numbered(read: ReadTerm[]): Record<string, unknown>[] {
    const used = new Set<number>();
    let max = 0;
    for (const r of read) if (r.given !== undefined && Number.isSafeInteger(r.given)) max = Math.max(max, r.given);
    return read.map((r) => {
      let n = r.given;
      if (n === undefined || !Number.isSafeInteger(n) || used.has(n)) n = ++max;
      used.add(n);
      return { ...r.term, sequenceNumber: n };
    });
  }
}

function trackCurrencies(reader: ElementReader, value: object, el: XmlElement, _key: string): void {
  for (const v of Object.values(value)) {
    if (v && typeof v === 'object') {
      const currency = (v as Record<string, unknown>).currency;
      if (typeof currency === 'string' && !reader.currencies.has(currency)) reader.currencies.set(currency, reader.at(el));
    }
  }
}

/** `rules.0.itemCode` … → `{ rules: [{ itemCode }] }`; numbers and flags typed by their field name. */
export function unflatten(props: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of props) {
    const path = name.split('.');
    let at: Record<string, unknown> | unknown[] = out;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const index = /^\d+$/.test(segment) ? Number(segment) : undefined;
      const keyOf = index ?? segment;
      const holder = at as Record<string | number, unknown>;
      if (last) holder[keyOf] = flattenedValue(segment, value);
      else {
        holder[keyOf] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
        at = holder[keyOf] as Record<string, unknown>;
      }
    });
  }
  return out;
}

/** A BuyerContract element → the input of validateContractDraft, with places and problems. */
export function readContract(el: XmlElement, options: ReadContractOptions = {}): ReadContract {
  const r = new ElementReader();
  r.action(el);
  const keyEl = child(el, 'ContractUniqueKey');
  const key = r.key(keyEl, true) ?? { name: '', origin: '', ownerDn: '', major: 1, minor: 0 };
  if (keyEl) r.place('code', keyEl);
  r.place('startsAt', el);
  r.place('endsAt', el);
  r.place('currency', el);
  r.place('comment', el);

  let seller: string | undefined;
  const buyers: Record<string, unknown>[] = [];
  const contacts: Record<string, unknown>[] = [];
  for (const p of children(el, 'Participant')) {
    r.action(p);
    const role = p.attributes.role?.trim() ?? '';
    const memberEl = child(p, 'ParticipantMember');
    const m = r.member(memberEl);
    if (role === 'Seller') {
      r.place('seller', p);
      if (seller !== undefined) r.problem(p, 'a second Seller participant: a contract has one seller', 'seller');
      else seller = r.organization(memberEl, 'the Seller', 'seller') ?? '';
    } else if (role === 'Buyer') {
      const field = `buyers[${buyers.length}]`;
      r.place(field, p);
      if (!m) r.problem(p, 'a Buyer participant without a member means every buyer (a store default contract): a Pactum contract names its buyers (OrganizationRef or MemberGroupRef)', field);
      else if (m.kind === 'user') r.problem(p, 'a buyer must be an organisation (OrganizationRef) or a member group (MemberGroupRef), not a user', field);
      else buyers.push(m.kind === 'group' ? { memberGroup: m.group } : { organization: m.dn });
    } else {
      r.place(`contacts[${contacts.length}]`, p);
      contacts.push({ name: m?.dn ?? m?.group ?? p.attributes.information ?? role, role });
    }
  }
  if (seller === undefined) seller = key.ownerDn;

  const descriptions: Record<string, string> = {};
  let description: string | undefined;
  const d = child(el, 'ContractDescription');
  if (d) {
    r.place('description', d);
    r.place('descriptions', d);
    description = d.attributes.shortDescription;
    if (description !== undefined) descriptions[d.attributes.locale?.trim() ?? ''] = description;
  }
  for (const extra of options.descriptions?.contract ?? []) descriptions[extra.locale] = extra.text;

  const accountRef = child(child(el, 'AccountReference'), 'AccountRef');
  if (accountRef) r.place('account', accountRef);
  const attachments: Record<string, unknown>[] = children(el, 'Attachment').map((a, i) => {
    r.action(a);
    r.place(`attachments[${i}]`, a);
    return { uri: a.attributes.URL?.trim(), mimeType: a.attributes.mimeType?.trim() };
  });
  const baseRef = child(child(el, 'ContractReference'), 'ContractRef');
  const baseKey = r.key(baseRef, false);
  if (baseRef) r.place('baseContract', baseRef);

  // Terms, and the TermCondition elements that carry what WCS has no element for.
  const read: ReadTerm[] = [];
  let settings: Map<string, string> | undefined;
  const buyerAccounts: Array<{ props: Map<string, string>; el: XmlElement }> = [];
  const pactumContacts: Record<string, unknown>[] = [];
  const attachmentDescriptions = new Map<string, string>();
  for (const t of el.children) {
    if (HEADER.has(t.name)) continue;
    const type = t.name === 'TermCondition' ? t.attributes.type : undefined;
    if (type === PACTUM_TYPE.contractSettings) settings = r.properties(t);
    else if (type === PACTUM_TYPE.buyerAccount) buyerAccounts.push({ props: r.properties(t), el: t });
    else if (type === PACTUM_TYPE.contact) pactumContacts.push(Object.fromEntries(r.properties(t)));
    else if (type === PACTUM_TYPE.attachment) {
      const p = r.properties(t);
      attachmentDescriptions.set(p.get('url') ?? '', p.get('description') ?? '');
    } else read.push(...r.term(t, `terms[${read.length}]`));
  }
  // Places were recorded by document position; terms keep that order.
  const terms = r.numbered(read);

  // Descriptions in other languages, linked to terms by the sequence number the file gave them.
  for (const extra of options.descriptions?.terms ?? []) {
    const i = read.findIndex((x) => x.given === extra.sequenceNumber);
    if (i < 0) {
      r.problems.push({ ...extra.at, message: `a TermConditionDescription for sequence number ${extra.sequenceNumber ?? '(none)'} names no term of contract ${key.name}` });
      continue;
    }
    terms[i].descriptions = { ...(terms[i].descriptions as Record<string, string> | undefined), [extra.locale]: extra.text };
  }

  for (const { props, el: b } of buyerAccounts) {
    const org = props.get('organization');
    const group = props.get('memberGroup');
    const i = buyers.findIndex((x) => (org !== undefined && x.organization !== undefined && normalizeDn(org).toLowerCase() === String(x.organization).toLowerCase()) || (group !== undefined && x.memberGroup === group));
    if (i < 0) {
      r.problem(b, `${PACTUM_TYPE.buyerAccount} names ${org ?? group ?? 'no buyer'}, which is not a Buyer participant of this contract`);
      continue;
    }
    const buyer = buyers[i];
    if (props.has('startTime')) buyer.startsAt = r.time({ ...b, attributes: { startTime: props.get('startTime')! } }, 'startTime', `buyers[${i}].startsAt`);
    if (props.has('endTime')) buyer.endsAt = r.time({ ...b, attributes: { endTime: props.get('endTime')! } }, 'endTime', `buyers[${i}].endsAt`);
    if (props.has('active')) buyer.active = r.bool(props.get('active'));
  }
  for (const a of attachments) {
    const text = attachmentDescriptions.get(String(a.uri));
    if (text !== undefined) a.description = text;
  }

  // The contract currency: ours when the file names it, else the one currency of its amounts.
  let currency = settings?.get('currency')?.trim();
  if (currency === undefined) {
    const found = [...r.currencies.keys()];
    const fallback = options.defaultCurrency ?? 'USD';
    if (found.length === 1) currency = found[0];
    else if (found.length === 0 || found.includes(fallback)) currency = fallback;
    else {
      r.problems.push({ ...r.at(el), field: 'currency', message: `the contract's amounts are in ${found.join(', ')}, and the default currency ${fallback} (IMPORT_DEFAULT_CURRENCY) is not among them: name the contract currency in a TermCondition of type ${PACTUM_TYPE.contractSettings} (Property currency)` });
    }
  }

  const isBaseSetting = settings?.get('isBase');
  const startsAt = el.attributes.startTime === undefined ? OPEN_START : r.time(el, 'startTime', 'startsAt');
  const endsAt = el.attributes.endTime === undefined ? OPEN_END : r.time(el, 'endTime', 'endsAt');
  const allContacts = [...contacts, ...pactumContacts];
  const raw: Record<string, unknown> = {
    code: key.name,
    description,
    currency,
    startsAt,
    endsAt,
    seller,
    buyers,
    account: accountRef?.attributes.name?.trim(),
    isBase: isBaseSetting !== undefined ? r.bool(isBaseSetting) : buyers.length === 0 || options.referencedAsBase === true,
    baseContract: baseKey ? { code: baseKey.name, version: `${baseKey.major}.${baseKey.minor}` } : null,
    comment: el.attributes.comment,
    creditAllowed: r.bool(el.attributes.creditAllowed) ?? false,
    ...(settings?.has('forceContractPrice') ? { forceContractPrice: r.bool(settings.get('forceContractPrice')) } : {}),
    // A single en_US description is all of `description`; `descriptions` only when it adds something.
    descriptions: Object.keys(descriptions).length > 1 || (Object.keys(descriptions).length === 1 && !('en_US' in descriptions)) ? descriptions : undefined,
    attachments: attachments.length ? attachments : undefined,
    contacts: allContacts.length ? allContacts : undefined,
    terms,
  };
  return { key, state: el.attributes.state?.trim() ?? 'Draft', raw, baseKey, places: r.places, problems: r.problems };
}

/** An Account element → the account record (its terms unchecked), with places and problems. */
export function readAccount(el: XmlElement): ReadAccount {
  const r = new ElementReader();
  let seller: string | undefined;
  let holder: string | undefined;
  for (const p of children(el, 'Participant')) {
    r.action(p);
    const role = p.attributes.role?.trim();
    const m = child(p, 'ParticipantMember');
    if (role === 'Seller') seller = r.organization(m, 'the Seller', 'seller');
    else if (role === 'AccountHolder') holder = r.organization(m, 'the AccountHolder', 'buyerOrganization');
  }
  const keyEl = child(el, 'AccountUniqueKey');
  const name = keyEl?.attributes.name?.trim() ?? '';
  seller ??= r.organization(child(keyEl, 'AccountOwner'), 'the AccountOwner', 'seller');
  if (!holder) r.problem(el, 'an Account needs an AccountHolder participant with an OrganizationRef: the buyer organisation of its contracts', 'buyerOrganization');
  if (!seller) r.problem(el, 'an Account needs a Seller participant or an AccountOwner organisation', 'seller');
  let creditAllowed = true;
  const read: ReadTerm[] = [];
  for (const t of el.children) {
    if (HEADER.has(t.name)) continue;
    if (t.name === 'TermCondition' && t.attributes.type === PACTUM_TYPE.accountSettings) {
      creditAllowed = r.bool(r.properties(t).get('creditAllowed')) ?? true;
      continue;
    }
    if (!ACCOUNT_TERMS.has(t.name)) {
      r.problem(t, `<${t.name}> is not read on an Account: ${UNMODELLED[t.name] ?? 'Pactum keeps shipping and payment terms (and TermCondition) for accounts'}`);
      continue;
    }
    read.push(...r.term(t, `terms[${read.length}]`));
  }
  return { name, seller: seller ?? '', buyerOrganization: holder ?? '', creditAllowed, terms: r.numbered(read), places: r.places, problems: r.problems };
}

/** A ContractNationalLanguageDescription → the contract it names and its extra descriptions. */
export function readExtraDescriptions(el: XmlElement): { key?: ContractKey; descriptions: ExtraDescriptions; problems: PlacedProblem[] } {
  const r = new ElementReader();
  const key = r.key(child(el, 'ContractRef'), false);
  const descriptions: ExtraDescriptions = { contract: [], terms: [] };
  const d = child(el, 'ContractDescription');
  if (d?.attributes.shortDescription !== undefined) descriptions.contract.push({ locale: d.attributes.locale?.trim() ?? '', text: d.attributes.shortDescription, at: r.at(d) });
  for (const t of children(el, 'TermConditionDescription')) {
    const seq = t.attributes.sequenceNumber?.trim();
    descriptions.terms.push({ sequenceNumber: seq === undefined ? undefined : Number.parseInt(seq, 10), locale: t.attributes.locale?.trim() ?? '', text: t.attributes.shortDescription ?? '', at: r.at(t) });
  }
  return { key, descriptions, problems: r.problems };
}

/** `WCS_CONTACT_ROLES` re-exported for the writer's choice of a contact's form. */
export { WCS_CONTACT_ROLES };
