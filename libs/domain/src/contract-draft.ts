import { DomainError, type ErrorDetail } from './domain-error';

/** Term element names of the WCS vocabulary (CONTRACT-MODEL.md); parameters are term-specific. */
export const TERM_TYPES = [
  'PriceTCMasterCatalogWithOptionalAdjustment',
  'PriceTCPriceListWithOptionalAdjustment',
  'PriceTCPriceListWithSelectiveAdjustment',
  'PriceTCCustomPriceList',
  'PriceTCMasterCatalogWithFiltering',
  'PriceRule',
  'ProductSetTCInclusion',
  'ProductSetTCExclusion',
  'ShippingTCShippingMode',
  'ShippingTCShipToAddress',
  'ShippingTCShippingCharge',
  'ShippingTCShippingChargeAdjustment',
  'FulfillmentTC',
  'PaymentTCPaymentMethod',
  'ReturnTCReturnCharge',
  'ReturnTCReturnApproval',
  'ReturnTCRefundPaymentMethod',
  'RightToBuyTCByAmount',
  'ObligationToBuyTCByAmount',
  'OrderApprovalTC',
  'QuantityCommitmentTC',
  'TermCondition',
] as const;
export type TermType = (typeof TERM_TYPES)[number];

export interface ContractTerm {
  type: TermType;
  sequenceNumber: number;
  [parameter: string]: unknown;
}

export interface ContractBuyer {
  organization: string;
  startsAt?: string;
  endsAt?: string;
  active?: boolean;
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
  terms: ContractTerm[];
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/ ]{0,127}$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]00:?00)$/;
const DN_PATTERN = /^(?:[a-zA-Z]+=[^,=]+)(?:,[a-zA-Z]+=[^,=]+)*$/;
const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;

function isTermType(t: unknown): t is TermType {
  return typeof t === 'string' && (TERM_TYPES as readonly string[]).includes(t);
}

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
  if (typeof d.currency !== 'string' || !CURRENCY_PATTERN.test(d.currency)) add('currency', 'must be an ISO 4217 code such as "USD"');
  const startsAt = checkTime(d.startsAt, 'startsAt', add, true);
  const endsAt = checkTime(d.endsAt, 'endsAt', add, true);
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) add('endsAt', 'must be after startsAt');
  if (typeof d.seller !== 'string' || !DN_PATTERN.test(d.seller)) add('seller', 'must be an organisation distinguished name such as "o=Acme,o=Root Organization"');
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
      if (typeof b !== 'object' || b === null) return add(f, 'must be an object with "organization"');
      const buyer = b as Record<string, unknown>;
      if (typeof buyer.organization !== 'string' || !DN_PATTERN.test(buyer.organization)) add(`${f}.organization`, 'must be an organisation distinguished name');
      else if (seen.has(buyer.organization.toLowerCase())) add(`${f}.organization`, 'is listed twice');
      else seen.add(buyer.organization.toLowerCase());
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

  if (!Array.isArray(d.terms)) {
    add('terms', 'must be a list of terms');
  } else {
    const sequenceNumbers = new Map<number, number>();
    d.terms.forEach((t: unknown, i) => {
      const f = `terms[${i}]`;
      if (typeof t !== 'object' || t === null) return add(f, 'must be an object with "type" and "sequenceNumber"');
      const term = t as Record<string, unknown>;
      if (!isTermType(term.type)) add(`${f}.type`, `is not a known term type${typeof term.type === 'string' ? ` ("${term.type}")` : ''}`);
      if (!Number.isInteger(term.sequenceNumber) || (term.sequenceNumber as number) < 0) add(`${f}.sequenceNumber`, 'must be a non-negative integer');
      else if (sequenceNumbers.has(term.sequenceNumber as number)) add(`${f}.sequenceNumber`, `repeats the sequence number of terms[${sequenceNumbers.get(term.sequenceNumber as number)}]`);
      else sequenceNumbers.set(term.sequenceNumber as number, i);
      for (const [key, value] of Object.entries(term)) {
        if (/(Percentage|Amount|Price)$/i.test(key) && value !== undefined && (typeof value !== 'string' || !DECIMAL.test(value))) {
          add(`${f}.${key}`, 'must be a decimal string such as "-5" or "18.40"');
        }
      }
    });
  }

  if (problems.length) throw DomainError.validation(problems);
  return {
    code: (d.code as string).trim(),
    description: d.description as string | undefined,
    currency: d.currency as string,
    startsAt: new Date(startsAt!).toISOString(),
    endsAt: new Date(endsAt!).toISOString(),
    seller: d.seller as string,
    buyers: (d.buyers as ContractBuyer[]).map((b) => ({
      organization: b.organization,
      ...(b.startsAt ? { startsAt: new Date(b.startsAt).toISOString() } : {}),
      ...(b.endsAt ? { endsAt: new Date(b.endsAt).toISOString() } : {}),
      active: b.active ?? true,
    })),
    account: (d.account as string | undefined) ?? undefined,
    isBase,
    baseContract: (d.baseContract as ContractDraft['baseContract']) ?? null,
    comment: d.comment as string | undefined,
    creditAllowed: (d.creditAllowed as boolean | undefined) ?? false,
    terms: d.terms as ContractTerm[],
  };
}

function checkTime(value: unknown, field: string, add: (f: string, m: string) => void, required: boolean): number | undefined {
  if (value === undefined || value === null) {
    if (required) add(field, 'is required (UTC ISO-8601, e.g. "2026-01-01T00:00:00Z")');
    return undefined;
  }
  if (typeof value !== 'string' || !ISO_UTC.test(value) || Number.isNaN(Date.parse(value)) || new Date(Date.parse(value)).toISOString().slice(0, 10) !== value.slice(0, 10)) {
    add(field, 'must be a UTC ISO-8601 time such as "2026-01-01T00:00:00Z"');
    return undefined;
  }
  return Date.parse(value);
}
