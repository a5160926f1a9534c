import type { TypedContractTerm } from '@pactum/domain';
import type { ContractContentDraft } from '@pactum/persistence';

export const EAST = 'ou=East,o=Northwind,o=Root Organization';
export const WEST = 'ou=West,o=Northwind,o=Root Organization';

/** One term of every type, with optional parameters both present and absent, and decimals whose scale must survive. */
export const EVERY_TERM: TypedContractTerm[] = [
  { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-5', descriptions: { en_US: 'Five off', de_DE: 'Fünf weniger' } },
  { type: 'PriceTCPriceListWithOptionalAdjustment', sequenceNumber: 2, priceList: 'DEALER-2026' },
  { type: 'PriceTCPriceListWithSelectiveAdjustment', sequenceNumber: 3, priceList: 'DEALER-2026', signedPercentage: '2.500000',
    productSet: { name: 'Fasteners', skus: ['SKU-2', 'SKU-1'], categories: ['bolts'] } },
  { type: 'PriceTCCustomPriceList', sequenceNumber: 4, name: 'NW-CUSTOM', buyers: [WEST, EAST], offers: [
    { sku: 'SKU-1', price: '18.40', currency: 'USD' },
    { sku: 'SKU-1', price: '17', currency: 'USD', minQuantity: 100, maxQuantity: 999, precedence: 2 },
    { sku: 'SKU-1', price: '0.000001', currency: 'EUR', minQuantity: 0 },
    { sku: 'SKU-9', price: '999999999999.999999', currency: 'USD', precedence: -1 },
  ] },
  { type: 'PriceTCCustomPriceList', sequenceNumber: 5, offers: [] },
  { type: 'PriceTCMasterCatalogWithFiltering', sequenceNumber: 6, signedPercentage: '-0.5', filters: [
    { action: 'include', category: 'tools', signedPercentage: '-10' },
    { action: 'include', sku: 'SKU-3' },
    { action: 'exclude', sku: 'SKU-4' },
  ] },
  { type: 'PriceRule', sequenceNumber: 7, rules: [
    { itemCode: 'SKU-1', rule: '24' },
    { itemCode: 'SKU-2', rule: '-15%', customerId: 'C-17' },
    { itemCode: 'SKU-3', rule: '-10', customerGroupId: 'GOLD' },
    { itemCode: 'SKU-4', rule: '+2', priceRuleGroup: 'PRG-1' },
  ] },
  { type: 'ProductSetTCInclusion', sequenceNumber: 8, productSet: { categories: ['tools', 'bolts'] } },
  { type: 'ProductSetTCExclusion', sequenceNumber: 9, productSet: { name: 'Hazmat' } },
  { type: 'ShippingTCShippingMode', sequenceNumber: 10, mode: 'UPS-GROUND' },
  { type: 'ShippingTCShipToAddress', sequenceNumber: 11, nickname: 'EAST-DOCK', buyers: [EAST] },
  { type: 'ShippingTCShippingCharge', sequenceNumber: 12, policy: 'NoShippingCharge' },
  { type: 'ShippingTCShippingChargeAdjustment', sequenceNumber: 13, amount: '-4.90', currency: 'USD', productSet: { skus: ['SKU-1'] } },
  { type: 'ShippingTCShippingChargeAdjustment', sequenceNumber: 14, signedPercentage: '-50' },
  { type: 'FulfillmentTC', sequenceNumber: 15, fulfillmentCenters: ['FC-2', 'FC-1', 'FC-3'] },
  { type: 'PaymentTCPaymentMethod', sequenceNumber: 16, method: 'LOC', billingAddress: 'HQ' },
  { type: 'PaymentTCPaymentMethod', sequenceNumber: 17, method: 'VISA' },
  { type: 'ReturnTCReturnCharge', sequenceNumber: 18, policy: 'RESTOCK-15' },
  { type: 'ReturnTCReturnApproval', sequenceNumber: 19, policy: 'AUTO' },
  { type: 'ReturnTCRefundPaymentMethod', sequenceNumber: 20, method: 'ORIGINAL' },
  { type: 'RightToBuyTCByAmount', sequenceNumber: 21, maximumAmount: '250000.00', currency: 'USD' },
  { type: 'ObligationToBuyTCByAmount', sequenceNumber: 22, minimumAmount: '10000', currency: 'EUR', days: 90 },
  { type: 'OrderApprovalTC', sequenceNumber: 23, thresholdAmount: '5000.5' },
  { type: 'QuantityCommitmentTC', sequenceNumber: 24, autoArchive: true, lines: [{ sku: 'SKU-1', quantity: 500 }, { sku: 'SKU-2', quantity: 0 }] },
  { type: 'TermCondition', sequenceNumber: 25, conditionType: 'PurchaseOrder', properties: { poRequired: 'true', 'po.prefix': 'NW-' } },
  { type: 'TermCondition', sequenceNumber: 26, conditionType: 'Empty', properties: {} },
];

export const FULL_DRAFT: ContractContentDraft = {
  buyers: [
    { organization: EAST, active: true },
    { organization: WEST, startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-09-30T00:00:00.000Z', active: false },
    { memberGroup: 'Gold customers', active: true },
  ],
  terms: EVERY_TERM,
  attachments: [{ uri: 'https://docs.example.com/msa.pdf', mimeType: 'application/pdf', description: 'Signed MSA' }, { uri: 's3://b/x.png', mimeType: 'image/png' }],
  contacts: [{ name: 'Ann Rep', email: 'ann@example.com', role: 'AccountRepresentative' }, { name: 'Bo' }],
  descriptions: { en_US: 'Northwind MSA' },
  forceContractPrice: true,
};
