import type { SchemaObject } from '@nestjs/swagger';
import { OVERLAP_SKUS_LISTED } from '@pactum/domain';
import { DECIMAL, ref } from './term.schemas';

/**
 * Schemas of the draft price preview and the overlap warnings (apps/api contract-preview.service.ts,
 * libs/domain pricing/overlap-warnings.ts), and of the answers that carry the warnings.
 */

const STRING: SchemaObject = { type: 'string' };
const TEXT: SchemaObject = { type: 'string', minLength: 1 };
const COUNT: SchemaObject = { type: 'integer', minimum: 0 };
const UUID: SchemaObject = { type: 'string', format: 'uuid' };

function closed(properties: Record<string, SchemaObject | { $ref: string }>, required: string[] = Object.keys(properties), description?: string): SchemaObject {
  return { type: 'object', additionalProperties: false, required, properties, ...(description ? { description } : {}) };
}

const PREVIEW_LINE = closed({
  sku: TEXT, quantity: { type: 'integer', minimum: 1, maximum: 1_000_000_000 }, listPrice: DECIMAL,
  categories: { type: 'array', items: TEXT, maxItems: 100 }, contractId: { ...UUID, description: 'buy this line under this contract' },
}, ['sku', 'quantity', 'listPrice']);

const CONTRACT_ID: SchemaObject = { ...UUID, description: 'the saved contract the draft edits: its family, version and id are the ones evaluated' };

/** The preview schemas, some extending the Contract and CheckoutEvaluation schemas of `base`. */
export function previewSchemas(base: Record<string, SchemaObject>): Record<string, SchemaObject> {
  const contract = base.Contract;
  const evaluation = base.CheckoutEvaluation;
  return {
    ContractPreviewRequest: {
      ...closed({
        draft: { ...ref('ContractDraft'), description: 'the create body, possibly not yet valid (422 names its fields under draft.)' } as SchemaObject,
        contractId: CONTRACT_ID,
        buyer: { type: 'string', description: 'the buyer organisation DN or member group' },
        at: { type: 'string', format: 'date-time', description: 'default: the draft\'s start when it lies ahead, else now' },
        lines: { type: 'array', items: PREVIEW_LINE, minItems: 1, maxItems: 1000 },
      }, ['draft', 'buyer', 'lines']),
    },
    ContractPreview: closed({
      ...evaluation.properties,
      preview: closed({
        id: { ...UUID, description: 'the draft\'s id, or the one a create would give it' }, code: STRING, version: STRING,
        at: { type: 'string', format: 'date-time', description: 'the time evaluated' },
        compileWarnings: { type: 'array', items: STRING, description: 'terms or offers of the draft left out when compiling it (as the checkout snapshot would leave them out)' },
      }),
    }, [...(evaluation.required ?? []), 'preview'], 'the checkout evaluation of the lines under the draft, and what was evaluated'),
    ContractOverlapsRequest: closed({ draft: ref('ContractDraft') as SchemaObject, contractId: CONTRACT_ID }, ['draft']),
    OverlapWinner: closed({
      sku: STRING,
      contract: { oneOf: [closed({ code: STRING, version: STRING }), { type: 'string', enum: ['list price'] }] },
      unitPrice: { ...DECIMAL, nullable: true, description: 'null: the winning price is a share of the list price' },
      rule: { type: 'string', description: 'the winning term type, or LIST_PRICE' },
      dependsOnListPrice: { type: 'boolean', description: 'some price of this SKU follows the list price: a lower list price may change the winner' },
    }),
    OverlapWarning: closed({
      buyer: { type: 'string', description: 'the draft\'s buyer entry (organisation DN or member group)' },
      contract: ref('ContractRef'),
      kind: { type: 'string', enum: ['prices', 'excludes'], description: 'prices: both price these SKUs; excludes: one excludes SKUs the other prices' },
      skus: { type: 'array', items: STRING, maxItems: OVERLAP_SKUS_LISTED, description: `the first ${OVERLAP_SKUS_LISTED} SKUs` },
      skuCount: COUNT,
      catalogue: { type: 'boolean', description: 'a catalogue-wide adjustment of one of them prices what the other prices (no SKUs listed for it)' },
      winners: { type: 'array', items: ref('OverlapWinner'), description: 'per listed SKU, the price checkout would pick for quantity 1' },
      message: STRING,
    }),
    ContractOverlaps: closed({ warnings: { type: 'array', items: ref('OverlapWarning') } }),
    ContractSubmitted: closed({ ...contract.properties, warnings: { type: 'array', items: ref('OverlapWarning') } }, [...(contract.required ?? []), 'warnings'],
      'the contract, and the other contracts in force for its buyers that also price what it prices (warnings: the submit happened)'),
  };
}
