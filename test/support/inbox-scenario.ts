import { draftBody } from './contract-fixtures';
import type { HttpClient } from './http-client';

async function ok<T = any>(res: Promise<{ status: number; body: T; text: string }>, expected = 200): Promise<T> {
  const r = await res;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${r.text}`);
  return r.body;
}

/** A contract created by `rep` and submitted: it waits for a sales manager. */
export async function submittedContract(rep: HttpClient, overrides: Parameters<typeof draftBody>[0] = {}): Promise<any> {
  const c = await ok(rep.post('/api/v1/contracts', draftBody(overrides)), 201);
  return ok(rep.post(`/api/v1/contracts/${c.id}/submit`));
}

/**
 * Version 1.1 of a deployed 1.0, with changed terms (percentage -5 → -7.5, a price offer changed
 * and one added, a right-to-buy cap added, the UPS shipping mode dropped, the end date moved), submitted for approval.
 */
export async function submittedNewVersion(rep: HttpClient, manager: HttpClient, code: string): Promise<{ v1: any; v2: any }> {
  const v1 = await ok(rep.post('/api/v1/contracts', draftBody({
    code,
    description: 'Northwind framework agreement for fasteners, with a deliberately long description that must wrap on a phone',
    terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5' },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
      { type: 'PriceTCCustomPriceList', sequenceNumber: 3, offers: [{ sku: 'FST-HXB-M8-100', price: '18.40', currency: 'USD' }] },
      { type: 'ShippingTCShippingMode', sequenceNumber: 5, mode: 'UPS-GROUND' },
    ],
  })), 201);
  await ok(rep.post(`/api/v1/contracts/${v1.id}/submit`));
  await ok(manager.post(`/api/v1/contracts/${v1.id}/approve`));
  await rep.waitForStatus(v1.id, 'ACTIVE');
  const v2 = await ok(rep.post(`/api/v1/contracts/${v1.id}/new-version`), 201);
  await ok(rep.request('PUT', `/api/v1/contracts/${v2.id}/terms`, [
    { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-7.5' },
    { type: 'ShippingTCShippingCharge', sequenceNumber: 2, policy: 'StandardShippingChargeBySeller' },
    { type: 'PriceTCCustomPriceList', sequenceNumber: 3, offers: [
      { sku: 'FST-HXB-M8-100', price: '17.90', currency: 'USD' },
      { sku: 'FST-HXN-M8', price: '5.80', currency: 'USD', minQuantity: 10 },
    ] },
    { type: 'RightToBuyTCByAmount', sequenceNumber: 4, maximumAmount: '250000.00', currency: 'USD' },
  ]));
  await ok(rep.request('PATCH', `/api/v1/contracts/${v2.id}`, { endsAt: '2028-06-30T00:00:00Z' }));
  return { v1, v2: await ok(rep.post(`/api/v1/contracts/${v2.id}/submit`)) };
}
