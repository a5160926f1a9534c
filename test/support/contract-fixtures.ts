import { randomUUID } from 'node:crypto';
import type { ContractDraft } from '@pactum/domain';
import { DEMO_BUYERS, DEMO_SELLER } from '@pactum/persistence';

/** A valid draft with a unique code, as the API's create body (API.md). */
export function draftBody(overrides: Partial<ContractDraft> = {}): ContractDraft {
  return {
    code: `T-${randomUUID().slice(0, 8)}`,
    description: 'Test MSA',
    currency: 'USD',
    startsAt: '2026-01-01T00:00:00.000Z',
    endsAt: '2027-12-31T23:59:59.000Z',
    seller: DEMO_SELLER,
    buyers: [{ organization: DEMO_BUYERS.northwindEast, active: true }],
    account: 'Northwind Fabrication',
    isBase: false,
    baseContract: null,
    creditAllowed: false,
    terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
    ],
    ...overrides,
  };
}
