/**
 * Names shared by the reader and the writer: the extended-term types under which Pactum carries
 * what the WCS format has no element for, and how their Property values are typed.
 */

/** `TermCondition type="…"` values that are Pactum's own (docs/xml-format.md, "What WCS has no element for"). */
export const PACTUM_TYPE = {
  /** currency, isBase, forceContractPrice of a contract. */
  contractSettings: 'pactum.ContractSettings',
  /** A buyer's own period and active flag: organization | memberGroup, startTime, endTime, active. */
  buyerAccount: 'pactum.BuyerAccount',
  /** A contact: name, email, role. */
  contact: 'pactum.Contact',
  /** An attachment's description: url, description. */
  attachment: 'pactum.Attachment',
  /** Workspace-style price rules: rules.N.itemCode, rules.N.rule, rules.N.customerId | customerGroupId | priceRuleGroup. */
  priceRule: 'pactum.PriceRule',
  /** BrewKeeper quantity commitments: autoArchive, lines.N.sku, lines.N.quantity. */
  quantityCommitment: 'pactum.QuantityCommitment',
  /** A term whose parameters the WCS element cannot hold: type, then its parameters by path. */
  term: 'pactum.Term',
  /** creditAllowed of an account. */
  accountSettings: 'pactum.AccountSettings',
} as const;

/** Participant roles other than Seller and Buyer: a contract's contacts. */
export const WCS_CONTACT_ROLES = ['Creator', 'Supplier', 'Attorney', 'AccountHolder', 'BuyerContact', 'SellerContact', 'Reseller', 'Distributor',
  'Provider', 'Host', 'Recipient', 'ServiceRepresentative'] as const;

const WHOLE_FIELDS = new Set(['quantity', 'minQuantity', 'maxQuantity', 'precedence', 'days']);
const FLAG_FIELDS = new Set(['autoArchive', 'active']);

/** A Property value typed by the field it sets (the domain refuses what does not fit). */
export function flattenedValue(field: string, value: string): unknown {
  if (WHOLE_FIELDS.has(field) && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  if (FLAG_FIELDS.has(field) && /^(true|false)$/.test(value.trim())) return value.trim() === 'true';
  return value;
}

/** `{ rules: [{ itemCode }] }` → `[['rules.0.itemCode', …]]`, undefined left out. */
export function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object') return [[prefix, String(value)]];
  const out: Array<[string, string]> = [];
  for (const [k, v] of Array.isArray(value) ? value.map((x, i) => [String(i), x] as const) : Object.entries(value)) {
    out.push(...flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}
