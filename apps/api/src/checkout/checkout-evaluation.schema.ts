/**
 * JSON Schema of a checkout evaluation (CheckoutEvaluation in libs/domain): the 200 answer of
 * `evaluate` as the OpenAPI document has it (toOpenApi30). writeCheckoutEvaluation writes that
 * answer by hand; checkout-evaluation.schema.spec.ts checks that it writes exactly what a
 * serializer compiled from this schema writes, for an evaluation that has every field.
 */
const contractRef = {
  type: 'object',
  required: ['id', 'code', 'version'],
  properties: { id: { type: 'string' }, code: { type: 'string' }, version: { type: 'string' } },
} as const;

export const CHECKOUT_EVALUATION_SCHEMA = {
  type: 'object',
  required: ['allowed', 'approvalRequired', 'total', 'lines', 'violations', 'rightToBuy', 'shipping', 'obligations'],
  properties: {
    allowed: { type: 'boolean' },
    approvalRequired: { type: 'boolean' },
    total: { type: 'string' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sku', 'quantity', 'listPrice', 'unitPrice', 'lineTotal', 'contract', 'boughtUnder', 'rule', 'explanation'],
        properties: {
          sku: { type: 'string' },
          quantity: { type: 'number' },
          listPrice: { type: 'string' },
          unitPrice: { type: 'string' },
          lineTotal: { type: 'string' },
          contract: { anyOf: [contractRef, { type: 'null' }] },
          boughtUnder: { anyOf: [contractRef, { type: 'null' }] },
          rule: { type: 'string' },
          explanation: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    violations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'message', 'lineIndex'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, lineIndex: { type: ['integer', 'null'] } },
      },
    },
    rightToBuy: {
      type: 'array',
      items: {
        type: 'object',
        required: ['contract', 'limit', 'consumed', 'remaining', 'currency', 'orderAmount'],
        properties: {
          contract: contractRef, limit: { type: 'string' }, consumed: { type: 'string' }, remaining: { type: 'string' }, currency: { type: 'string' },
          orderAmount: { type: ['string', 'null'] }, exchangeRate: { type: 'string' },
        },
      },
    },
    shipping: {
      anyOf: [{
        type: 'object',
        required: ['chargePolicy', 'policySource', 'charge', 'adjustedCharge', 'fulfillmentCenters', 'explanation'],
        properties: {
          chargePolicy: { type: ['string', 'null'] },
          policySource: {
            anyOf: [{
              type: 'object',
              required: ['contract', 'from', 'sequenceNumber'],
              properties: { contract: contractRef, from: { type: 'string' }, sequenceNumber: { type: 'integer' } },
            }, { type: 'null' }],
          },
          charge: { type: ['string', 'null'] },
          adjustedCharge: { type: ['string', 'null'] },
          fulfillmentCenters: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }] },
          explanation: { type: 'array', items: { type: 'string' } },
        },
      }, { type: 'null' }],
    },
    obligations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['contract', 'amount', 'bought', 'remaining', 'currency', 'startsAt', 'endsAt', 'daysLeft', 'orderAmount', 'met'],
        properties: {
          contract: contractRef, amount: { type: 'string' }, bought: { type: 'string' }, remaining: { type: 'string' }, currency: { type: 'string' },
          startsAt: { type: 'string' }, endsAt: { type: 'string' }, daysLeft: { type: 'integer' }, orderAmount: { type: ['string', 'null'] }, met: { type: 'boolean' },
        },
      },
    },
  },
} as const;
