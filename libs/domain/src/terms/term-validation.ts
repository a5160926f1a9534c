/**
 * Checks one term against term-parameters.ts: its envelope (type, sequence number, descriptions,
 * buyers) here, its parameters in term-parameter-readers.ts. Every problem goes to `add` with its
 * precise field (`terms[2].offers[5].price`); the normalised term comes back only when there was none.
 */
import { isDistinguishedName } from './distinguished-name';
import { checkLocalizedTexts, compact, isObject, ParamReader, type AddProblem } from './param-reader';
import { PARAMS } from './term-parameter-readers';
import { PRICE_TERM_TYPES, type TypedContractTerm } from './term-parameters';

export { checkLocalizedTexts, isContractDecimal, type AddProblem } from './param-reader';

/** Term element names of the WCS vocabulary (CONTRACT-MODEL.md), in the order of term-parameters.ts. */
export const TERM_TYPES = [
  ...PRICE_TERM_TYPES,
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
] as const satisfies readonly TypedContractTerm['type'][];
export type TermType = (typeof TERM_TYPES)[number];

export function isTermType(value: unknown): value is TermType {
  return typeof value === 'string' && (TERM_TYPES as readonly string[]).includes(value);
}

/**
 * Validates one term (`field` is its path, e.g. `terms[2]`). Reports every problem through `add`
 * and returns the normalised term (codes trimmed, no undefined keys), or undefined if it had any.
 */
export function validateTerm(input: unknown, field: string, add: AddProblem): TypedContractTerm | undefined {
  if (!isObject(input)) {
    add(field, 'must be an object with "type" and "sequenceNumber"');
    return undefined;
  }
  let problems = 0;
  const count: AddProblem = (f, m) => {
    problems++;
    add(f, m);
  };
  const r = new ParamReader(input, field, count);
  const type = r.raw('type');
  const sequenceNumber = r.raw('sequenceNumber');
  if (!isTermType(type)) count(r.at('type'), `is not a known term type${typeof type === 'string' ? ` ("${type}")` : ''}`);
  if (!Number.isSafeInteger(sequenceNumber) || (sequenceNumber as number) < 0) count(r.at('sequenceNumber'), 'must be a non-negative integer');

  let descriptions: Record<string, string> | undefined;
  if (r.raw('descriptions') !== undefined) descriptions = checkLocalizedTexts(input.descriptions, r.at('descriptions'), count);
  let buyers: string[] | undefined;
  if (r.raw('buyers') !== undefined) buyers = checkBuyerList(input.buyers, r.at('buyers'), count);

  // Without a known type there is no parameter list to check the rest against.
  if (!isTermType(type)) return undefined;
  const params = PARAMS[type](r);
  r.reportUnknown();
  if (problems) return undefined;
  return compact({ type, sequenceNumber, descriptions, buyers, ...params }) as unknown as TypedContractTerm;
}

function checkBuyerList(v: unknown, field: string, add: AddProblem): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    add(field, 'must be a non-empty list of buyer distinguished names (leave it out for all buyers)');
    return undefined;
  }
  const seen = new Map<string, number>();
  let ok = true;
  v.forEach((dn: unknown, i) => {
    if (!isDistinguishedName(dn)) {
      add(`${field}[${i}]`, 'must be an organisation distinguished name');
      ok = false;
    } else if (seen.has(dn.toLowerCase())) {
      add(`${field}[${i}]`, `repeats ${field}[${seen.get(dn.toLowerCase())}]`);
      ok = false;
    } else {
      seen.set(dn.toLowerCase(), i);
    }
  });
  return ok ? [...(v as string[])] : undefined;
}
