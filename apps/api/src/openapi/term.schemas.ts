import type { SchemaObject } from '@nestjs/swagger';
import { SHIPPING_CHARGE_POLICIES, TERM_TYPES, type TermType } from '@pactum/domain';

/**
 * JSON Schemas of the terms (libs/domain terms/term-parameters.ts and term-parameter-readers.ts):
 * one closed object per term type, each with the fields every term has. A term comes back from
 * the API in the shape it was sent, normalised (contract-terms.reader.ts), so one schema serves
 * requests and responses.
 */

export const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

/** A decimal string (money, percentages, rates): never a JSON number. */
export const DECIMAL: SchemaObject = { type: 'string', pattern: '^[-+]?[0-9]+(\\.[0-9]+)?$', description: 'a decimal string such as "18.40" or "-5"' };
export const CURRENCY: SchemaObject = { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' };
export const CODE: SchemaObject = { type: 'string', minLength: 1 };
const CODES: SchemaObject = { type: 'array', items: CODE };
const POSITIVE_INTEGER: SchemaObject = { type: 'integer', minimum: 1 };

export const PRODUCT_SET_REF: SchemaObject = {
  type: 'object',
  description: 'A named product set, or inline SKUs and/or categories (at least one of the three)',
  minProperties: 1,
  additionalProperties: false,
  properties: { name: CODE, skus: CODES, categories: CODES },
};

const PRICE_OFFER: SchemaObject = {
  type: 'object', additionalProperties: false, required: ['sku', 'price', 'currency'],
  properties: { sku: CODE, price: DECIMAL, currency: CURRENCY, minQuantity: POSITIVE_INTEGER, maxQuantity: POSITIVE_INTEGER, precedence: { type: 'integer' } },
};

const CATALOG_FILTER: SchemaObject = {
  type: 'object', additionalProperties: false, required: ['action'], description: 'exactly one of sku and category',
  properties: { action: { type: 'string', enum: ['include', 'exclude'] }, category: CODE, sku: CODE, signedPercentage: DECIMAL },
};

const PRICE_RULE_LINE: SchemaObject = {
  type: 'object', additionalProperties: false, required: ['itemCode', 'rule'],
  description: 'at most one of customerId, customerGroupId and priceRuleGroup (none: everyone)',
  properties: {
    itemCode: CODE,
    rule: { type: 'string', description: 'a new price ("24"), a percentage change ("-15%") or a fixed change ("-10", "+2")' },
    customerId: CODE, customerGroupId: CODE, priceRuleGroup: CODE,
  },
};

/** The parameters of each term type: [properties, required]. */
const PARAMETERS: Record<TermType, [Record<string, SchemaObject>, string[]]> = {
  PriceTCMasterCatalogWithOptionalAdjustment: [{ signedPercentage: DECIMAL }, []],
  PriceTCPriceListWithOptionalAdjustment: [{ priceList: CODE, signedPercentage: DECIMAL }, ['priceList']],
  PriceTCPriceListWithSelectiveAdjustment: [{ priceList: CODE, signedPercentage: DECIMAL, productSet: PRODUCT_SET_REF }, ['priceList', 'signedPercentage', 'productSet']],
  PriceTCCustomPriceList: [{ name: CODE, offers: { type: 'array', items: PRICE_OFFER } }, ['offers']],
  PriceTCMasterCatalogWithFiltering: [{ signedPercentage: DECIMAL, filters: { type: 'array', items: CATALOG_FILTER } }, ['filters']],
  PriceRule: [{ rules: { type: 'array', items: PRICE_RULE_LINE } }, ['rules']],
  ProductSetTCInclusion: [{ productSet: PRODUCT_SET_REF }, ['productSet']],
  ProductSetTCExclusion: [{ productSet: PRODUCT_SET_REF }, ['productSet']],
  ShippingTCShippingMode: [{ mode: CODE }, ['mode']],
  ShippingTCShipToAddress: [{ nickname: CODE }, ['nickname']],
  ShippingTCShippingCharge: [{ policy: { type: 'string', enum: [...SHIPPING_CHARGE_POLICIES] } }, ['policy']],
  ShippingTCShippingChargeAdjustment: [{ signedPercentage: DECIMAL, amount: DECIMAL, currency: CURRENCY, productSet: PRODUCT_SET_REF }, []],
  FulfillmentTC: [{ fulfillmentCenters: CODES }, ['fulfillmentCenters']],
  PaymentTCPaymentMethod: [{ method: CODE, billingAddress: CODE }, ['method']],
  ReturnTCReturnCharge: [{ policy: CODE }, ['policy']],
  ReturnTCReturnApproval: [{ policy: CODE }, ['policy']],
  ReturnTCRefundPaymentMethod: [{ method: CODE }, ['method']],
  RightToBuyTCByAmount: [{ maximumAmount: DECIMAL, currency: CURRENCY }, ['maximumAmount', 'currency']],
  ObligationToBuyTCByAmount: [{ minimumAmount: DECIMAL, currency: CURRENCY, days: POSITIVE_INTEGER }, ['minimumAmount', 'currency', 'days']],
  OrderApprovalTC: [{ thresholdAmount: DECIMAL, currency: CURRENCY }, ['thresholdAmount']],
  QuantityCommitmentTC: [{
    lines: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['sku', 'quantity'], properties: { sku: CODE, quantity: POSITIVE_INTEGER } } },
    autoArchive: { type: 'boolean' },
  }, ['lines']],
  TermCondition: [{ conditionType: CODE, properties: { type: 'object', additionalProperties: { type: 'string' } } }, ['conditionType', 'properties']],
};

/** The schema name of one term type's schema, e.g. `TermPriceRule`. */
export const termSchemaName = (type: TermType): string => `Term${type}`;

/** `Term` (oneOf every term type, told apart by `type`) and one `Term<type>` schema each. */
export function termSchemas(): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {};
  for (const type of TERM_TYPES) {
    const [params, required] = PARAMETERS[type];
    schemas[termSchemaName(type)] = {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'sequenceNumber', ...required],
      properties: {
        type: { type: 'string', enum: [type] },
        sequenceNumber: { type: 'integer', minimum: 0 },
        descriptions: { type: 'object', additionalProperties: { type: 'string' }, description: 'text per locale, e.g. { "en_US": "Spring promotion" }' },
        buyers: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'only these buyers (distinguished names); absent: every buyer' },
        ...params,
      },
    };
  }
  schemas.TermType = { type: 'string', enum: [...TERM_TYPES] };
  schemas.Term = {
    oneOf: TERM_TYPES.map((type) => ref(termSchemaName(type))),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(TERM_TYPES.map((type) => [type, ref(termSchemaName(type)).$ref])) },
  };
  return schemas;
}
