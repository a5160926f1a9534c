import type { SchemaObject } from '@nestjs/swagger';
import { CONTRACT_STATUSES, ROLES } from '@pactum/domain';
import { WEBHOOK_EVENT_TYPES } from '@pactum/persistence';
import { CSV_IMPORT_KINDS } from '@pactum/xml';
import { CHECKOUT_EVALUATION_SCHEMA } from '../checkout/checkout-evaluation.schema';
import { previewSchemas } from './preview.schemas';
import { adminSchemas } from './admin.schemas';
import { CODE, CURRENCY, DECIMAL, ref, termSchemas } from './term.schemas';

/**
 * The named schemas of the OpenAPI document (components.schemas), each derived from the code that
 * builds the body: the services, the domain types and the persistence views named beside it. The
 * web app's typed client is generated from them, and test/e2e/openapi-conformance.e2e.spec.ts
 * checks real answers against them with unknown properties refused.
 */

const STRING: SchemaObject = { type: 'string' };
const TEXT: SchemaObject = { type: 'string', minLength: 1 };
const BOOLEAN: SchemaObject = { type: 'boolean' };
const INTEGER: SchemaObject = { type: 'integer' };
const COUNT: SchemaObject = { type: 'integer', minimum: 0 };
const TIME: SchemaObject = { type: 'string', format: 'date-time' };
const UUID: SchemaObject = { type: 'string', format: 'uuid' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
/** A reference that may be null (OpenAPI 3.0 ignores siblings of $ref, hence allOf). */
const nullableRef = (name: string): SchemaObject => ({ nullable: true, allOf: [ref(name)] });
const array = (items: SchemaObject | { $ref: string }, extra: SchemaObject = {}): SchemaObject => ({ type: 'array', items, ...extra });
const LOCALIZED: SchemaObject = { type: 'object', additionalProperties: { type: 'string' }, description: 'text per locale, e.g. { "en_US": "…" }' };

/** A closed object: `required` names the properties always present. */
function closed(properties: Record<string, SchemaObject | { $ref: string }>, required: string[] = Object.keys(properties), description?: string): SchemaObject {
  return { type: 'object', additionalProperties: false, required, properties, ...(description ? { description } : {}) };
}

/** A page of items (contracts, inbox, my contracts). */
function page(item: string, extra: Record<string, SchemaObject> = {}): SchemaObject {
  return closed({ items: array(ref(item)), page: { type: 'integer', minimum: 1 }, pageSize: { type: 'integer', minimum: 1 }, total: COUNT, ...extra });
}

/**
 * CHECKOUT_EVALUATION_SCHEMA is JSON Schema (`type: [x, 'null']`, `anyOf` with null): the same
 * shape in OpenAPI 3.0's words, every object closed, since writeCheckoutEvaluation writes no
 * property that is not in it (its spec checks it against a serializer compiled from the schema).
 */
export function toOpenApi30(schema: unknown): SchemaObject {
  if (Array.isArray(schema)) return schema.map(toOpenApi30) as unknown as SchemaObject;
  if (typeof schema !== 'object' || schema === null) return schema as SchemaObject;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.anyOf) && s.anyOf.length === 2 && s.anyOf.some((x) => (x as { type?: unknown }).type === 'null')) {
    const other = s.anyOf.find((x) => (x as { type?: unknown }).type !== 'null');
    return { ...toOpenApi30(other), nullable: true };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      out.type = types[0];
      if (types.length !== value.length) out.nullable = true;
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toOpenApi30(v)]));
    } else {
      out[key] = typeof value === 'object' ? toOpenApi30(value) : value;
    }
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out as SchemaObject;
}

const EVALUATION = toOpenApi30(CHECKOUT_EVALUATION_SCHEMA);

const CONTRACT_STATUS = ref('ContractStatus');
/** The status before the first step (create) is null. */
const NULLABLE_STATUS: SchemaObject = { type: 'string', enum: [...CONTRACT_STATUSES, null] as string[], nullable: true };

// The buyer of a contract: an organisation (distinguished name) or a member group, exactly one.
const BUYER_PROPERTIES = { organization: TEXT, memberGroup: TEXT, startsAt: TIME, endsAt: TIME, active: BOOLEAN };

// The editable content of a contract (libs/domain contract-draft.ts ContractDraft).
const DRAFT_PROPERTIES: Record<string, SchemaObject | { $ref: string }> = {
  code: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._\\-/ ]{0,127}$' },
  description: { type: 'string', maxLength: 4000 },
  currency: CURRENCY,
  startsAt: TIME,
  endsAt: TIME,
  seller: { type: 'string', description: 'organisation distinguished name, e.g. "o=Acme Industrial Supply,o=Root Organization"' },
  buyers: array(ref('ContractBuyerInput')),
  account: nullable({ type: 'string', description: 'business account name' }),
  isBase: BOOLEAN,
  baseContract: nullable(closed({ code: TEXT, version: { type: 'string', example: '1.0' } }, ['code'])),
  comment: nullable({ type: 'string', maxLength: 4000 }),
  creditAllowed: BOOLEAN,
  forceContractPrice: { type: 'boolean', description: 'the contract price applies even above the list price' },
  descriptions: LOCALIZED,
  attachments: array(ref('ContractAttachment')),
  contacts: array(ref('ContractContact')),
  terms: array(ref('Term')),
};

const REDLINE_SUMMARY = closed({ total: COUNT, added: COUNT, removed: COUNT, changed: COUNT });

const TIMING = { submittedAt: TIME, waitingSeconds: COUNT, escalatesAt: nullable(TIME), secondsLeft: nullable(COUNT), escalated: BOOLEAN };

const WEBHOOK_EVENTS: SchemaObject = array({ type: 'string', enum: [...WEBHOOK_EVENT_TYPES, '*'] }, { minItems: 1, description: '["*"]: every event' });
const WEBHOOK_FILTER = closed({ seller: TEXT, buyer: TEXT, account: TEXT }, [], 'only the contracts of this seller, buyer organisation and/or account');

const CHECKOUT_LINE = closed({
  sku: TEXT, quantity: { type: 'integer', minimum: 1, maximum: 1_000_000_000 }, listPrice: DECIMAL,
  categories: array(TEXT, { maxItems: 100 }), contractId: { ...UUID, description: 'buy this line under this contract' },
}, ['sku', 'quantity', 'listPrice']);
const CHECKOUT_REQUEST_PROPERTIES = {
  buyer: { type: 'string', description: 'the buyer organisation DN' },
  currency: CURRENCY,
  at: { ...TIME, description: 'default: now' },
  lines: array(CHECKOUT_LINE, { minItems: 1, maxItems: 1000 }),
  shipping: closed({ mode: TEXT, shipTo: TEXT, fulfillmentCenter: TEXT, charge: DECIMAL }, []),
  payment: closed({ method: TEXT, billTo: TEXT }, []),
};
const ORDER_ID: SchemaObject = { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' };
const GIVE_BACK_LINE = (quantityRequired: boolean) => closed({ sku: TEXT, quantity: { type: 'integer', minimum: 1 } }, quantityRequired ? ['sku', 'quantity'] : ['sku']);
const GIVE_BACK_TOTALS = {
  currency: CURRENCY,
  rightToBuy: array(ref('ContractRefund'), { description: 'right-to-buy spend given back, per capped contract' }),
  obligations: array(ref('ContractRefund'), { description: 'obligation progress given back, per contract' }),
  quantities: array(closed({ contractId: UUID, sku: STRING, quantity: COUNT }), { description: 'reserved quantity given back' }),
};

const EVALUATION_PROPERTIES = EVALUATION.properties as Record<string, SchemaObject>;

// The examples of API.md, shown by /docs.
const DRAFT_EXAMPLE = {
  code: 'NWF-MSA-2026-001', description: 'Northwind MSA', currency: 'USD', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-12-31T23:59:59Z',
  seller: 'o=Acme Industrial Supply,o=Root Organization', buyers: [{ organization: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization' }],
  account: 'Northwind Fabrication', baseContract: null,
  terms: [{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' }, { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' }],
};
const CHECKOUT_EXAMPLE = {
  buyer: 'ou=East,o=Northwind,o=Root Organization', currency: 'USD', at: '2026-03-01T12:00:00Z',
  lines: [{ sku: 'FST-HXB-M8-100', quantity: 20, listPrice: '21.00', categories: ['fasteners'] }],
  shipping: { mode: 'UPS-GROUND', shipTo: 'EAST-DOCK' }, payment: { method: 'PO-NET30' },
};

export function apiSchemas(): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {
    ...termSchemas(),
    ...adminSchemas(),
    ErrorDetail: closed({ field: STRING, line: INTEGER, column: INTEGER, lineIndex: INTEGER, message: STRING }, ['message'], 'one problem, naming where it is'),
    ErrorResponse: closed({
      statusCode: { type: 'integer', minimum: 400, maximum: 599 }, error: STRING,
      code: { type: 'string', description: 'stable machine-readable code, e.g. CONTRACT_EXISTS' }, message: STRING, details: array(ref('ErrorDetail')),
    }, ['statusCode', 'error', 'message', 'details']),

    Role: { type: 'string', enum: [...ROLES] },
    TokenRequest: closed({ username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1024 } }),
    TokenResponse: closed({ accessToken: STRING, tokenType: { type: 'string', enum: ['Bearer'] }, expiresIn: { type: 'integer', description: 'seconds' }, roles: array(ref('Role')) }),

    // contracts (persistence contract.view.ts, contract-terms.reader.ts)
    ContractStatus: { type: 'string', enum: [...CONTRACT_STATUSES] },
    ContractRef: closed({ id: UUID, code: STRING, version: { type: 'string', example: '1.0' } }),
    ContractBuyer: closed(BUYER_PROPERTIES, ['active'], 'exactly one of organization and memberGroup'),
    ContractBuyerInput: closed(BUYER_PROPERTIES, [], 'exactly one of organization and memberGroup; active defaults to true'),
    ContractAttachment: closed({ uri: STRING, mimeType: STRING, description: STRING }, ['uri', 'mimeType']),
    ContractContact: closed({ name: STRING, email: STRING, role: STRING }, ['name']),
    Contract: closed({
      id: UUID, code: STRING, version: { type: 'string', example: '1.0' }, origin: { type: 'string', description: 'Manual or Imported' }, status: CONTRACT_STATUS,
      wcsState: nullable({ type: 'integer', description: 'WebSphere Commerce state code; null for states WCS lacks' }),
      description: nullable(STRING), startsAt: TIME, endsAt: TIME, currency: CURRENCY, isBase: BOOLEAN, baseContract: nullableRef('ContractRef'),
      seller: STRING, account: nullable(STRING), comment: nullable(STRING), creditAllowed: BOOLEAN, forceContractPrice: BOOLEAN, descriptions: LOCALIZED,
      buyers: array(ref('ContractBuyer')), terms: array(ref('Term')), attachments: array(ref('ContractAttachment')), contacts: array(ref('ContractContact')),
      createdBy: STRING, owner: STRING, submittedBy: nullable(STRING), workflowId: STRING, createdAt: TIME, updatedAt: TIME,
    }, ['id', 'code', 'version', 'origin', 'status', 'wcsState', 'description', 'startsAt', 'endsAt', 'currency', 'isBase', 'baseContract', 'seller', 'account',
      'comment', 'creditAllowed', 'forceContractPrice', 'buyers', 'terms', 'attachments', 'contacts', 'createdBy', 'owner', 'submittedBy', 'workflowId', 'createdAt', 'updatedAt']),
    ContractPage: page('Contract'),
    ContractDraft: {
      ...closed(DRAFT_PROPERTIES, ['code', 'currency', 'startsAt', 'endsAt', 'seller', 'buyers', 'terms'], 'a contract\'s content; terms use the element names of the XML format, their parameters in camelCase'),
      example: DRAFT_EXAMPLE,
    },
    ContractPatch: closed(Object.fromEntries(Object.entries(DRAFT_PROPERTIES).filter(([k]) => !['code', 'seller', 'terms'].includes(k))), [],
      'profile fields to change (code and seller are the unique key; terms change with PUT …/terms)'),
    ContractTerms: {
      oneOf: [array(ref('Term')), closed({ terms: array(ref('Term')) })],
      description: 'the whole new list of terms, or { terms }',
    },
    ContractAction: closed({ comment: { type: 'string', maxLength: 4000 }, reason: { type: 'string', maxLength: 4000 } }, [], 'approve: an optional comment; suspend: an optional reason'),
    ContractReason: closed({ reason: { type: 'string', minLength: 1, maxLength: 4000 }, comment: { type: 'string', maxLength: 4000 } }, ['reason']),
    ContractDeleted: closed({ id: UUID, deleted: { type: 'boolean', enum: [true] } }),
    HistoryEntry: closed({
      at: TIME, actor: STRING, action: { type: 'string', example: 'approve' }, fromStatus: NULLABLE_STATUS, toStatus: CONTRACT_STATUS,
      detail: { type: 'object', nullable: true, additionalProperties: true, description: 'what the step recorded (comment, reason, …)' },
    }),

    // imports and exports (apps/api imports.service.ts, persistence import-job.store.ts)
    ImportAccepted: closed({ id: UUID }),
    ImportCounts: closed({ contracts: COUNT, created: COUNT, updated: COUNT, unchanged: COUNT, failed: COUNT, priceLines: COUNT }),
    ImportJobError: closed({ line: INTEGER, column: INTEGER, contract: STRING, field: STRING, message: STRING }, ['line', 'message']),
    ImportJob: closed({
      id: UUID, status: { type: 'string', enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL'] },
      format: { type: 'string', enum: ['xml', ...CSV_IMPORT_KINDS.map((k) => `csv:${k}`)] }, dryRun: BOOLEAN, createMissing: BOOLEAN,
      counts: ref('ImportCounts'), errors: array(ref('ImportJobError')),
      progress: closed({ bytesRead: COUNT, totalBytes: COUNT, records: COUNT, workflowsStarted: COUNT }),
      createdBy: STRING, createdAt: TIME, finishedAt: nullable(TIME),
    }),
    ImportJobSummary: closed({
      id: UUID, status: { type: 'string', enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL'] },
      format: { type: 'string', enum: ['xml', ...CSV_IMPORT_KINDS.map((k) => `csv:${k}`)] }, dryRun: BOOLEAN, createMissing: BOOLEAN,
      counts: ref('ImportCounts'), errorCount: COUNT, fileBytes: COUNT, createdBy: STRING, createdAt: TIME, finishedAt: nullable(TIME),
    }),
    ImportJobPage: page('ImportJobSummary'),
    PriceRulesUploaded: closed({ contractId: UUID, sequenceNumber: COUNT, priceRules: COUNT }),

    // inbox (apps/api inbox.service.ts, domain redline)
    RedlineSummary: REDLINE_SUMMARY,
    RedlineChange: closed({
      path: STRING, section: { type: 'string', enum: ['profile', 'buyers', 'terms'] }, label: STRING,
      kind: { type: 'string', enum: ['added', 'removed', 'changed'] }, before: STRING, after: STRING,
    }, ['path', 'section', 'label', 'kind']),
    InboxItem: closed({
      id: UUID, code: STRING, version: STRING, description: nullable(STRING),
      buyers: array(STRING, { description: 'the first buyers (organisation DNs, or "group <name>")' }), buyerCount: COUNT,
      value: closed({ label: STRING, rightToBuy: nullable(closed({ amount: DECIMAL, currency: CURRENCY })), offers: COUNT }),
      submitter: nullable(STRING), owner: STRING, ...TIMING,
      previousVersion: nullable(closed({ id: UUID, version: STRING })),
      changes: closed({ total: COUNT, added: COUNT, removed: COUNT, changed: COUNT, href: STRING }),
      warningCount: { ...COUNT, description: 'overlap warnings: other contracts in force for its buyers that also price what it prices' },
    }),
    InboxPage: page('InboxItem', { escalationMinutes: COUNT }),
    InboxDetail: closed({
      contract: ref('Contract'),
      terms: array(closed({ type: ref('TermType'), sequenceNumber: COUNT, title: STRING, lines: array(STRING) })),
      previousVersion: nullable(closed({ id: UUID, version: STRING, status: CONTRACT_STATUS })),
      redline: closed({ summary: ref('RedlineSummary'), changes: array(ref('RedlineChange')) }),
      submitter: nullable(STRING), ...TIMING, canDecide: BOOLEAN, warnings: array(ref('OverlapWarning')),
    }, ['contract', 'terms', 'previousVersion', 'redline', 'submitter', 'canDecide', 'warnings']),
    BulkApproveRequest: closed({ ids: array(UUID, { minItems: 1, maxItems: 100 }), comment: { type: 'string', maxLength: 4000 } }, ['ids']),
    BulkApproveResult: closed({
      results: array({
        oneOf: [
          closed({ id: UUID, ok: { type: 'boolean', enum: [true] }, status: CONTRACT_STATUS }),
          closed({ id: UUID, ok: { type: 'boolean', enum: [false] }, statusCode: INTEGER, code: STRING, message: STRING }, ['id', 'ok', 'statusCode', 'message']),
        ],
      }),
      approved: COUNT, failed: COUNT,
    }),
    TimelineEntry: closed({ at: TIME, action: STRING, actor: STRING, fromStatus: NULLABLE_STATUS, toStatus: CONTRACT_STATUS, reason: STRING, comment: STRING },
      ['at', 'action', 'actor', 'fromStatus', 'toStatus']),
    MyContract: closed({
      id: UUID, code: STRING, version: STRING, status: CONTRACT_STATUS, description: nullable(STRING), createdAt: TIME, updatedAt: TIME,
      timeline: array(ref('TimelineEntry')), rejection: nullable(closed({ at: TIME, by: STRING, reason: STRING })),
    }),
    MyContractsPage: page('MyContract'),

    // delegations and contract requests (persistence delegation.store.ts, contract-request.store.ts)
    DelegationRequest: closed({ delegate: { type: 'string', minLength: 1, description: "a sales manager's username" }, startsAt: { ...TIME, description: 'default: now' }, endsAt: TIME }, ['delegate', 'endsAt']),
    Delegation: closed({ id: UUID, delegator: STRING, delegate: STRING, startsAt: TIME, endsAt: TIME, createdAt: TIME, revokedAt: nullable(TIME) }),
    ContractRequestInput: closed({
      seller: { type: 'string', maxLength: 1000 }, buyer: { type: 'string', maxLength: 1000 }, customerName: { type: 'string', minLength: 1, maxLength: 200 },
      message: { type: 'string', maxLength: 4000 }, customerNumber: { type: 'string', maxLength: 64 }, currency: CURRENCY,
    }, ['seller', 'buyer', 'customerName']),
    ContractRequest: closed({
      id: UUID, seller: STRING, buyer: STRING, customerName: STRING, requestedBy: STRING, message: nullable(STRING), customerNumber: nullable(STRING),
      currency: nullable(STRING), status: { type: 'string', enum: ['PENDING', 'ACCEPTED', 'DECLINED'] }, stateSeq: INTEGER, contractId: nullable(UUID),
      decidedBy: nullable(STRING), decidedAt: nullable(TIME), declineReason: nullable(STRING), createdAt: TIME,
    }),
    ContractRequestAccept: closed({ customerNumber: { type: 'string', maxLength: 64 }, currency: CURRENCY }, [], "default: the request's"),
    ContractRequestDecline: closed({ reason: { type: 'string', minLength: 1, maxLength: 2000 } }),
    ContractRequestDecision: closed({ request: ref('ContractRequest'), contract: ref('Contract') }, ['request'], 'accept: the request and the new Draft contract; decline: the request'),

    // webhooks (persistence webhook.store.ts, apps/api webhook-request.ts)
    WebhookEventType: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] },
    WebhookFilter: WEBHOOK_FILTER,
    Webhook: closed({
      id: UUID, owner: STRING, url: STRING, events: WEBHOOK_EVENTS, description: nullable(STRING), filter: ref('WebhookFilter'), enabled: BOOLEAN,
      disabledAt: nullable(TIME), disabledReason: nullable(STRING), previousSecretExpiresAt: nullable(TIME), createdAt: TIME, updatedAt: TIME,
    }),
    WebhookCreated: closed({
      id: UUID, owner: STRING, url: STRING, events: WEBHOOK_EVENTS, description: nullable(STRING), filter: ref('WebhookFilter'), enabled: BOOLEAN,
      disabledAt: nullable(TIME), disabledReason: nullable(STRING), previousSecretExpiresAt: nullable(TIME), createdAt: TIME, updatedAt: TIME,
      secret: { type: 'string', description: 'the signing secret (whsec_…), shown only in this answer' },
    }),
    WebhookCreateRequest: closed({
      url: { type: 'string', maxLength: 2000 }, events: { oneOf: [{ type: 'string', enum: ['*'] }, WEBHOOK_EVENTS] },
      description: nullable({ type: 'string', maxLength: 500 }), filter: nullableRef('WebhookFilter'),
    }, ['url', 'events']),
    WebhookPatchRequest: closed({
      url: { type: 'string', maxLength: 2000 }, events: { oneOf: [{ type: 'string', enum: ['*'] }, WEBHOOK_EVENTS] },
      description: nullable({ type: 'string', maxLength: 500 }), filter: nullableRef('WebhookFilter'), enabled: BOOLEAN,
    }, []),
    WebhookRotateRequest: closed({ graceMinutes: { type: 'integer', minimum: 0, maximum: 10080, description: 'default 1440' } }, []),
    WebhookSecretRotation: closed({ id: UUID, secret: STRING, previousSecretExpiresAt: TIME }),
    WebhookDelivery: closed({
      id: { type: 'string', pattern: '^[0-9]+$' }, eventId: STRING, eventType: ref('WebhookEventType'), scope: STRING, occurredAt: TIME,
      status: { type: 'string', enum: ['pending', 'delivered', 'failed'] }, attempts: COUNT, lastStatusCode: nullable(INTEGER), lastAttemptAt: nullable(TIME),
      lastError: nullable(STRING), nextAttemptAt: nullable(TIME), deliveredAt: nullable(TIME),
    }),

    // checkout (apps/api checkout-request.ts, checkout.service.ts, checkout-returns.ts; persistence checkout-*.store.ts)
    CheckoutRequest: { ...closed(CHECKOUT_REQUEST_PROPERTIES, ['buyer', 'currency', 'lines']), example: CHECKOUT_EXAMPLE },
    CheckoutCommitRequest: {
      ...closed({ orderId: { ...ORDER_ID, description: 'the idempotency key' }, ...CHECKOUT_REQUEST_PROPERTIES }, ['orderId', 'buyer', 'currency', 'lines']),
      example: { orderId: 'SO-2026-000123', ...CHECKOUT_EXAMPLE },
    },
    CheckoutEvaluation: EVALUATION,
    CheckoutCommit: closed({ orderId: STRING, committed: { type: 'boolean', enum: [true] }, committedAt: TIME, ...EVALUATION_PROPERTIES },
      ['orderId', 'committed', 'committedAt', ...(EVALUATION.required ?? [])]),
    CheckoutReleaseRequest: closed({ orderId: ORDER_ID, releaseId: { ...ORDER_ID, description: 'with lines: the idempotency key' }, lines: array(GIVE_BACK_LINE(false), { minItems: 1, maxItems: 1000 }) }, ['orderId']),
    ContractRefund: closed({ contract: ref('ContractRef'), amount: DECIMAL, currency: CURRENCY }),
    CheckoutRelease: closed({
      orderId: STRING, releaseId: STRING, released: { type: 'boolean', enum: [true] }, alreadyReleased: BOOLEAN,
      lines: array(closed({ sku: STRING, quantity: COUNT, lineIndex: COUNT, contract: nullableRef('ContractRef'), amount: DECIMAL })),
      ...GIVE_BACK_TOTALS,
    }, ['orderId', 'released', 'alreadyReleased'], 'the whole order: orderId, released, alreadyReleased; with lines: what each gave back'),
    CheckoutReturnRequest: closed({ returnId: ORDER_ID, orderId: ORDER_ID, lines: array(GIVE_BACK_LINE(true), { minItems: 1, maxItems: 1000 }), reason: { type: 'string', minLength: 1, maxLength: 1000 } }),
    CheckoutReturn: closed({
      returnId: STRING, orderId: STRING, reason: STRING, returnedAt: TIME, approvalRequired: BOOLEAN,
      lines: array(closed({
        sku: STRING, quantity: COUNT, lineIndex: COUNT, contract: ref('ContractRef'), unitPrice: DECIMAL, amount: DECIMAL, charge: nullable(DECIMAL), refund: nullable(DECIMAL),
        chargePolicy: STRING, approvalPolicy: STRING, approvalRequired: BOOLEAN, refundMethod: STRING, explanation: array(STRING),
      })),
      totals: closed({ amount: DECIMAL, charge: nullable(DECIMAL), refund: nullable(DECIMAL) }),
      ...GIVE_BACK_TOTALS,
    }),

    // reference data (domain reference-data.ts, persistence reference-data/*.store.ts)
    MemberGroupSummary: closed({ name: STRING, description: nullable(STRING), organizations: { ...COUNT, description: 'how many organisations' }, updatedAt: TIME }),
    MemberGroup: closed({ name: STRING, description: nullable(STRING), organizations: array(STRING), updatedAt: TIME }),
    MemberGroupRequest: closed({ description: nullable({ type: 'string', maxLength: 2000 }), organizations: array(STRING, { description: 'organisation DNs; their divisions are members too' }) }, ['organizations']),
    ProductSetSummary: closed({ name: STRING, description: nullable(STRING), skus: COUNT, categories: COUNT, updatedAt: TIME }),
    ProductSet: closed({ name: STRING, description: nullable(STRING), skus: array(STRING), categories: array(STRING), updatedAt: TIME }),
    ProductSetRequest: closed({ description: nullable({ type: 'string', maxLength: 2000 }), skus: array(CODE), categories: array(CODE) }, []),
    PriceListPrice: closed({ sku: STRING, currency: CURRENCY, price: DECIMAL }),
    PriceListSummary: closed({ name: STRING, description: nullable(STRING), prices: { type: 'object', additionalProperties: COUNT, description: 'number of prices per currency' }, updatedAt: TIME }),
    PriceList: closed({ name: STRING, description: nullable(STRING), prices: array(ref('PriceListPrice')), updatedAt: TIME }),
    PriceListRequest: closed({ description: nullable({ type: 'string', maxLength: 2000 }), prices: array(ref('PriceListPrice')) }, ['prices']),
    CurrencyRate: closed({ from: CURRENCY, to: CURRENCY, rate: { ...DECIMAL, description: 'units of `to` per unit of `from`' }, updatedAt: TIME }),
    CurrencyRatesRequest: closed({ rates: array(closed({ from: CURRENCY, to: CURRENCY, rate: DECIMAL })) }),

    // operations (apps/api health.controller.ts)
    Health: closed({
      status: { type: 'string', enum: ['ok', 'unavailable'] },
      checks: closed({ database: { type: 'string', enum: ['up', 'down'] }, temporal: { type: 'string', enum: ['up', 'down'] } }),
      reasons: closed({ database: STRING, temporal: STRING }, [], 'why a check is down (503 only)'),
    }, ['status', 'checks']),
    Liveness: closed({ status: { type: 'string', enum: ['ok'] } }),

    AccountBuyers: closed({
      name: STRING, seller: STRING, holder: { type: 'string', description: 'the account holder organisation' },
      organizations: array(STRING, { description: 'the holder and every organisation below it' }), memberGroups: array(STRING, { description: 'member groups with a member among them' }),
    }),

    // the web app's dashboard (libs/persistence dashboard.store.ts)
    Dashboard: closed({
      byStatus: array(closed({ status: CONTRACT_STATUS, count: COUNT })),
      waiting: array(closed({ fromDays: COUNT, toDays: nullable(COUNT), count: COUNT }), { description: 'contracts waiting for approval by days since their last submission' }),
      expiring: array(closed({ withinDays: COUNT, count: COUNT }), { description: 'contracts in force ending within 30, 60 and 90 days' }),
      rightToBuy: array(closed({
        contract: ref('ContractRef'), limit: DECIMAL, consumed: DECIMAL, remaining: DECIMAL, currency: CURRENCY,
        share: { type: 'number', minimum: 0, maximum: 1, description: 'consumed / limit' },
      }), { description: 'contracts with a right-to-buy cap, most consumed first (20 at most)' }),
      generatedAt: TIME,
    }),
  };
  return { ...schemas, ...previewSchemas(schemas) };
}
