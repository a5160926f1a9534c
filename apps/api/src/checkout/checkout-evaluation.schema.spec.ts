import type { CheckoutEvaluation } from '@pactum/domain';
import { CHECKOUT_EVALUATION_SCHEMA } from './checkout-evaluation.schema';
import { writeCheckoutEvaluation, writeCommitAnswer } from './checkout-evaluation.writer';

// Fastify's own serializer compiler (a dependency of fastify): what the schema alone would write.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compile: (schema: unknown) => (value: unknown) => string = require('fast-json-stringify');

describe('CHECKOUT_EVALUATION_SCHEMA and writeCheckoutEvaluation', () => {
  const fromSchema = compile(CHECKOUT_EVALUATION_SCHEMA);
  const serialize = (e: CheckoutEvaluation) => {
    const text = writeCheckoutEvaluation(e);
    // Byte for byte what a serializer compiled from the documented schema writes.
    expect(text).toBe(fromSchema(e));
    return text;
  };
  const ref = { id: '8d1f6c1e-0c5e-4d55-9d7e-1a2b3c4d5e6f', code: 'NW-2026', version: '1.0' };
  const evaluation: CheckoutEvaluation = {
    allowed: false,
    approvalRequired: true,
    total: '412.50',
    lines: [
      {
        sku: 'FST-HXB-M8-100', quantity: 20, listPrice: '21.00', unitPrice: '18.40', lineTotal: '368.00', contract: ref, boughtUnder: ref, rule: 'PriceTCCustomPriceList',
        explanation: ['NW-2026 1.0: offer from quantity 10, precedence 0 → 18.40 (winner)', 'NW-BASE 2.1: above the list price 21.00 "quoted"'],
      },
      { sku: 'UNLISTED', quantity: 1, listPrice: '44.50', unitPrice: '44.50', lineTotal: '44.50', contract: null, boughtUnder: null, rule: 'LIST_PRICE', explanation: [] },
      { sku: 'AT-LIST', quantity: 2, listPrice: '5.00', unitPrice: '5.00', lineTotal: '10.00', contract: null, boughtUnder: ref, rule: 'LIST_PRICE', explanation: [] },
    ],
    violations: [
      { code: 'PRODUCT_NOT_ENTITLED', message: 'no contract of the buyer entitles UNLISTED', lineIndex: 1 },
      { code: 'PAYMENT_METHOD_NOT_ALLOWED', message: 'contract NW-2026 1.0 allows payment by PO-NET30, not VISA', lineIndex: null },
    ],
    rightToBuy: [
      { contract: ref, limit: '50000.00', consumed: '49800.00', remaining: '200.00', currency: 'USD', orderAmount: '412.50' },
      { contract: ref, limit: '9000.00', consumed: '0.00', remaining: '9000.00', currency: 'EUR', orderAmount: '379.50', exchangeRate: '0.92' },
      { contract: ref, limit: '100.00', consumed: '0.00', remaining: '100.00', currency: 'GBP', orderAmount: null },
    ],
    shipping: {
      chargePolicy: 'StandardShippingChargeBySeller', policySource: { contract: ref, from: 'account', sequenceNumber: 3 },
      charge: '20.00', adjustedCharge: '18.00', fulfillmentCenters: ['FC-EAST', 'FC-WEST'],
      explanation: ['charge policy StandardShippingChargeBySeller: …', 'ShippingTCShippingChargeAdjustment #4 of NW-2026 1.0: -10% on 20.00 = -2.00'],
    },
    obligations: [
      {
        contract: ref, amount: '5000.00', bought: '1200.00', remaining: '3800.00', currency: 'USD', startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: '2026-03-31T00:00:00.000Z', daysLeft: 30, orderAmount: '412.50', met: false,
      },
      {
        contract: ref, amount: '10.00', bought: '20.00', remaining: '0.00', currency: 'GBP', startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: '2026-03-31T00:00:00.000Z', daysLeft: 0, orderAmount: null, met: true,
      },
    ],
  };

  it('writes every field of an evaluation, as JSON.stringify does', () => {
    const text = serialize(evaluation);
    expect(JSON.parse(text)).toEqual(evaluation);
  });

  it('escapes what JSON must escape, as JSON.stringify does, and writes a contract named twice the same way both times', () => {
    const odd = { id: 'a"b\\c', code: 'CODE\u0001', version: '1.0\ud800' };
    const tricky: CheckoutEvaluation = {
      ...evaluation,
      lines: [
        { ...evaluation.lines[0], sku: 'SKU "quoted" \\ back\nslash', contract: odd, boughtUnder: odd, explanation: ['tab\there', 'é ü ✓ 😀', `${'long '.repeat(20)}"`] },
        ...evaluation.lines.slice(1),
      ],
      shipping: { ...evaluation.shipping!, policySource: null, fulfillmentCenters: null, chargePolicy: null, explanation: [] },
    };
    const text = serialize(tricky);
    expect(JSON.parse(text)).toEqual(tricky);
    expect(serialize(tricky)).toBe(text);
  });

  it('writes an evaluation with no lines, violations, caps, shipping or obligations', () => {
    const empty: CheckoutEvaluation = { allowed: true, approvalRequired: false, total: '0.00', lines: [], violations: [], rightToBuy: [], shipping: null, obligations: [] };
    expect(JSON.parse(serialize(empty))).toEqual(empty);
  });

  it('writes a commit answer as the order id, commit time and evaluation, exactly as JSON.stringify writes that object', () => {
    const text = writeCommitAnswer('order "7"', '2026-06-01T10:00:00.000Z', evaluation);
    expect(text).toBe(JSON.stringify({ orderId: 'order "7"', committed: true, committedAt: '2026-06-01T10:00:00.000Z', ...evaluation }));
  });
});
