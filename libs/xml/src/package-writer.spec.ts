import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TERM_TYPES, validateContractDraft } from '@pactum/domain';
import { readWholePackage, type ImportRecord, type MappedAccount, type MappedContract } from './package-mapper';
import { exportPackage, type ExportContract } from './package-writer';
import { validateXsd } from './xsd-validator';

/** The file's records in document order, the account (read first, placed last by the format) included once. */
async function importAll(xml: string | Buffer): Promise<ImportRecord[]> {
  return (await readWholePackage(xml)).records;
}

const east = 'ou=East,o=Northwind,o=Root Organization';

/** One contract holding every term type with every optional parameter set, and awkward text. */
function everyTermContract(): ExportContract {
  const draft = validateContractDraft({
    code: 'RT-ALL/1',
    description: 'Round trip <all> & "every" term',
    currency: 'EUR',
    startsAt: '2026-01-01T00:00:00.000Z',
    endsAt: '2026-12-31T23:59:59.000Z',
    seller: 'o=Acme,o=Root Organization',
    descriptions: { en_US: 'Round trip <all> & "every" term', de_DE: 'Rundreise' },
    buyers: [
      { organization: east, startsAt: '2026-02-01T08:30:00.000Z', endsAt: '2026-11-30T00:00:00.000Z', active: false },
      { memberGroup: 'cn=Gold,o=Acme,o=Root Organization' },
      { organization: 'o=Northwind,o=Root Organization' },
    ],
    forceContractPrice: false,
    contacts: [{ name: 'Jane', email: 'jane@acme.example', role: 'AccountRepresentative' }, { name: "Bob O'Neil" }],
    attachments: [
      { uri: 'https://acme.example/a.pdf?x=1&y=2', mimeType: 'application/pdf', description: 'A' },
      { uri: 'https://acme.example/b.txt', mimeType: 'text/plain', description: 'Bee' },
      { uri: 'urn:doc:c', mimeType: 'image/png' },
    ],
    account: 'Northwind',
    baseContract: { code: 'BASE-1', version: '2.3' },
    comment: "O'Brien's deal",
    creditAllowed: true,
    terms: [
      { type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1, signedPercentage: '-2.5' },
      { type: 'PriceTCPriceListWithOptionalAdjustment', sequenceNumber: 2, priceList: 'LIST-A', signedPercentage: '3' },
      { type: 'PriceTCPriceListWithSelectiveAdjustment', sequenceNumber: 3, priceList: 'LIST-B', signedPercentage: '-100', productSet: { name: 'Set', skus: ['S1', 'S2'], categories: ['C1'] } },
      { type: 'PriceTCCustomPriceList', sequenceNumber: 4, name: 'Offers', descriptions: { en_US: 'Offers', fr_FR: 'Offres « spéciales »' }, buyers: [east],
        offers: [{ sku: 'A', price: '0.000001', currency: 'EUR' }, { sku: 'A', price: '999999999999.5', currency: 'EUR', minQuantity: 1, maxQuantity: 10, precedence: -1 }] },
      { type: 'PriceTCMasterCatalogWithFiltering', sequenceNumber: 5, signedPercentage: '1', filters: [{ action: 'include', category: 'C', signedPercentage: '-3' }, { action: 'exclude', sku: 'X' }] },
      { type: 'PriceRule', sequenceNumber: 6, rules: [{ itemCode: 'I1', rule: '24' }, { itemCode: 'I2', rule: '-15%', customerId: 'C1' }, { itemCode: 'I3', rule: '+2', customerGroupId: 'G' }, { itemCode: 'I4', rule: '-10', priceRuleGroup: 'P' }] },
      { type: 'ProductSetTCInclusion', sequenceNumber: 7, productSet: { categories: ['C1', 'C2'] } },
      { type: 'ProductSetTCExclusion', sequenceNumber: 8, productSet: { skus: ['X1'] } },
      { type: 'ShippingTCShippingMode', sequenceNumber: 9, mode: 'UPS-GROUND' },
      { type: 'ShippingTCShipToAddress', sequenceNumber: 10, nickname: 'DOCK & YARD' },
      { type: 'ShippingTCShippingCharge', sequenceNumber: 11, policy: 'NoShippingCharge' },
      { type: 'ShippingTCShippingChargeAdjustment', sequenceNumber: 12, amount: '-4.99', currency: 'EUR', productSet: { name: 'Heavy' } },
      { type: 'FulfillmentTC', sequenceNumber: 13, fulfillmentCenters: ['F1', 'F2', 'F3'] },
      { type: 'PaymentTCPaymentMethod', sequenceNumber: 14, method: 'LOC', billingAddress: 'HQ' },
      { type: 'ReturnTCReturnCharge', sequenceNumber: 15, policy: 'R15' },
      { type: 'ReturnTCReturnApproval', sequenceNumber: 16, policy: 'AUTO' },
      { type: 'ReturnTCRefundPaymentMethod', sequenceNumber: 17, method: 'ORIGINAL' },
      { type: 'RightToBuyTCByAmount', sequenceNumber: 18, maximumAmount: '1000000', currency: 'EUR' },
      { type: 'ObligationToBuyTCByAmount', sequenceNumber: 19, minimumAmount: '0.01', currency: 'EUR', days: 90 },
      { type: 'OrderApprovalTC', sequenceNumber: 20, thresholdAmount: '5000.50', currency: 'EUR' },
      { type: 'QuantityCommitmentTC', sequenceNumber: 21, autoArchive: false, lines: [{ sku: 'A', quantity: 1 }] },
      { type: 'TermCondition', sequenceNumber: 22, conditionType: 'PO', properties: { required: 'true', note: 'a < b & "c"' } },
    ],
  });
  return {
    key: { name: 'RT-ALL/1', origin: 'Manual', ownerDn: 'o=Acme,o=Root Organization', major: 2, minor: 7 },
    state: 'Suspended',
    draft,
    baseKey: { name: 'BASE-1', origin: 'Manual', ownerDn: 'o=Acme,o=Root Organization', major: 2, minor: 3 },
  };
}

describe('exportPackage', () => {
  it('writes every term type so that the import reads back the identical draft, key and state, and the file passes the XSD', async () => {
    const original = everyTermContract();
    expect(new Set(original.draft.terms.map((t) => t.type))).toEqual(new Set(TERM_TYPES));
    const minimal: ExportContract = {
      key: { name: 'RT-MIN', origin: 'Imported', ownerDn: 'o=Acme', major: 0, minor: 0 },
      state: 'Draft',
      draft: validateContractDraft({ code: 'RT-MIN', description: 'Minimal', currency: 'USD', startsAt: '1900-01-01T00:00:00Z', endsAt: '9999-12-31T23:59:59Z', seller: 'o=Acme', buyers: [], isBase: true, terms: [], forceContractPrice: true }),
    };
    const xml = exportPackage([original, minimal], { name: 'Northwind', seller: 'o=Acme,o=Root Organization', buyerOrganization: 'o=Northwind,o=Root Organization', creditAllowed: true, terms: [{ type: 'PaymentTCPaymentMethod', sequenceNumber: 1, method: 'LOC' }] });
    expect(await validateXsd(xml)).toEqual([]);
    // Contracts, then the account, then the descriptions in further languages: the format's order.
    expect([...xml.matchAll(/^ {2}<(\w+)/gm)].map((m) => m[1])).toEqual(['BuyerContract', 'BuyerContract', 'Account', 'ContractNationalLanguageDescription', 'ContractNationalLanguageDescription']);
    // No attribute or element of a namespace of ours: what WCS lacks travels as extended terms.
    expect(xml).not.toMatch(/xmlns:px|<px:/);
    // Open-ended periods are left out, as WCS writes them.
    expect(xml).toMatch(/<BuyerContract state="Draft" contractUsage="OrganizationBuyer" creditAllowed="false">/);

    const { records, index } = await readWholePackage(xml);
    expect(records.map((r) => r.kind)).toEqual(['contract', 'contract', 'account']);
    const [back, min] = records as [MappedContract, MappedContract];
    expect(back.draft).toEqual(original.draft);
    expect(back.key).toEqual(original.key);
    expect(back.baseKey).toEqual(original.baseKey);
    expect(back.state).toBe('Suspended');
    expect(min.draft).toEqual(minimal.draft);
    expect(index.account).toMatchObject({ kind: 'account', name: 'Northwind', creditAllowed: true, terms: [{ type: 'PaymentTCPaymentMethod', sequenceNumber: 1, method: 'LOC' }] });
  });

  it.each(['complete-package.xml', 'wcs-export.xml'])('re-exports %s to the same records', async (name) => {
    const first = await readWholePackage(readFileSync(join(__dirname, '../../../test/fixtures/xml', name)));
    const contracts = first.records.filter((r): r is MappedContract => r.kind === 'contract');
    const account = first.index.account as MappedAccount;
    const xml = exportPackage(contracts, account);
    expect(await validateXsd(xml)).toEqual([]);
    const second = await importAll(xml);
    const strip = (rs: ImportRecord[]) => rs.map((r) => ({ ...r, line: 0, column: 0, index: 0 }));
    expect(strip(second)).toEqual(strip(first.records));
  });
});
