import type { CheckoutEvaluation, ContractRef } from '@pactum/domain';

/**
 * The JSON text of a checkout evaluation, written by hand: `evaluate` answers with it for every
 * order, so it is the API's largest own cost after the pricing itself. It writes exactly what a
 * serializer compiled from CHECKOUT_EVALUATION_SCHEMA writes (its properties, in its order;
 * checkout-evaluation.schema.spec.ts compares the two byte for byte), with two savings:
 *
 * - a string is quoted as it is unless it holds a character JSON escapes (then JSON.stringify);
 * - a contract reference is written once per contract and reused: every line names its contract
 *   twice (`contract`, `boughtUnder`), and the references are the pricing snapshot's own objects,
 *   which never change (a rebuilt snapshot has new ones; the old ones' text goes with them).
 */
export function writeCheckoutEvaluation(e: CheckoutEvaluation): string {
  let json = `{"allowed":${e.allowed},"approvalRequired":${e.approvalRequired},"total":${str(e.total)},"lines":[`;
  for (let i = 0; i < e.lines.length; i++) {
    const l = e.lines[i];
    json += `${i ? ',' : ''}{"sku":${str(l.sku)},"quantity":${l.quantity},"listPrice":${str(l.listPrice)},"unitPrice":${str(l.unitPrice)},"lineTotal":${str(l.lineTotal)},`
      + `"contract":${refOrNull(l.contract)},"boughtUnder":${refOrNull(l.boughtUnder)},"rule":${str(l.rule)},"explanation":${strs(l.explanation)}}`;
  }
  json += '],"violations":[';
  for (let i = 0; i < e.violations.length; i++) {
    const v = e.violations[i];
    json += `${i ? ',' : ''}{"code":${str(v.code)},"message":${str(v.message)},"lineIndex":${v.lineIndex === null ? 'null' : v.lineIndex}}`;
  }
  json += '],"rightToBuy":[';
  for (let i = 0; i < e.rightToBuy.length; i++) {
    const r = e.rightToBuy[i];
    json += `${i ? ',' : ''}{"contract":${ref(r.contract)},"limit":${str(r.limit)},"consumed":${str(r.consumed)},"remaining":${str(r.remaining)},"currency":${str(r.currency)},`
      + `"orderAmount":${strOrNull(r.orderAmount)}${r.exchangeRate !== undefined ? `,"exchangeRate":${str(r.exchangeRate)}` : ''}}`;
  }
  const s = e.shipping;
  json += '],"shipping":';
  if (s === null) {
    json += 'null';
  } else {
    const source = s.policySource;
    json += `{"chargePolicy":${strOrNull(s.chargePolicy)},"policySource":${source === null ? 'null' : `{"contract":${ref(source.contract)},"from":${str(source.from)},"sequenceNumber":${source.sequenceNumber}}`},`
      + `"charge":${strOrNull(s.charge)},"adjustedCharge":${strOrNull(s.adjustedCharge)},"fulfillmentCenters":${s.fulfillmentCenters === null ? 'null' : strs(s.fulfillmentCenters)},"explanation":${strs(s.explanation)}}`;
  }
  json += ',"obligations":[';
  for (let i = 0; i < e.obligations.length; i++) {
    const o = e.obligations[i];
    json += `${i ? ',' : ''}{"contract":${ref(o.contract)},"amount":${str(o.amount)},"bought":${str(o.bought)},"remaining":${str(o.remaining)},"currency":${str(o.currency)},`
      + `"startsAt":${str(o.startsAt)},"endsAt":${str(o.endsAt)},"daysLeft":${o.daysLeft},"orderAmount":${strOrNull(o.orderAmount)},"met":${o.met}}`;
  }
  return `${json}]}`;
}

/**
 * The JSON text of a commit's answer: the order id and commit time, then the evaluation's fields
 * (as writeCheckoutEvaluation writes them). Stored as the order's answer and sent as it is.
 */
export function writeCommitAnswer(orderId: string, committedAt: string, e: CheckoutEvaluation): string {
  return `{"orderId":${str(orderId)},"committed":true,"committedAt":${str(committedAt)},${writeCheckoutEvaluation(e).slice(1)}`;
}

/** Characters a JSON string cannot hold as they are: controls, `"`, `\` and surrogates (JSON.stringify escapes lone ones). */
// eslint-disable-next-line no-control-regex -- the control characters are the point
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/;

function str(text: string): string {
  return ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function strOrNull(text: string | null): string {
  return text === null ? 'null' : str(text);
}

function strs(texts: readonly string[]): string {
  let json = '[';
  for (let i = 0; i < texts.length; i++) json += i ? `,${str(texts[i])}` : str(texts[i]);
  return `${json}]`;
}

const REFS = new WeakMap<ContractRef, string>();

function ref(r: ContractRef): string {
  let json = REFS.get(r);
  if (json === undefined) {
    json = `{"id":${str(r.id)},"code":${str(r.code)},"version":${str(r.version)}}`;
    REFS.set(r, json);
  }
  return json;
}

function refOrNull(r: ContractRef | null): string {
  return r === null ? 'null' : ref(r);
}
