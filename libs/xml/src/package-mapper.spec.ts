import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { contractRules, importPackage, mapChunk, type ImportFailure, type ImportRecord, type MapOptions, type MappedAccount, type MappedContract } from './package-mapper';
import { generatePackage } from './package-generator';
import { parseChunk } from './package-splitter';
import { TERM_SPECS } from './term-codec';

const fixture = (name: string) => join(__dirname, '../../../test/fixtures/xml', name);

async function importAll(input: Readable, options: MapOptions = {}): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of importPackage(input, options)) out.push(r);
  return out;
}

const failures = (records: ImportRecord[]) => records.filter((r): r is ImportFailure => r.kind === 'error');

describe('importPackage: the complete example', () => {
  let records: ImportRecord[];
  beforeAll(async () => {
    records = await importAll(createReadStream(fixture('complete-package.xml')));
  });

  it('reads the account and both contracts without errors', () => {
    expect(failures(records)).toEqual([]);
    expect(records.map((r) => [r.kind, r.line])).toEqual([['account', 6], ['contract', 14], ['contract', 37]]);
    const account = records[0] as MappedAccount;
    expect(account).toMatchObject({ name: 'Northwind Fabrication', creditAllowed: true, terms: [{ type: 'ShippingTCShippingCharge', sequenceNumber: 1, policy: 'ShippingChargeByCarrier' }] });
  });

  it('maps key, state, profile and participants (times GMT → UTC ISO, entities decoded)', () => {
    const c = records[2] as MappedContract;
    expect(c.key).toEqual({ name: 'NWF-MSA-2026-001', origin: 'Imported', ownerDn: 'o=Acme Industrial,o=Root Organization', major: 1, minor: 2 });
    expect(c.state).toBe('Draft');
    expect(c.draft).toMatchObject({
      code: 'NWF-MSA-2026-001',
      description: 'Northwind MSA & spare parts',
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2026-12-31T23:59:59.000Z',
      currency: 'USD',
      account: 'Northwind Fabrication',
      isBase: false,
      creditAllowed: true,
      baseContract: { code: 'ACME-BASE-2026', version: '1.0' },
      buyers: [
        { organization: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization', startsAt: '2026-02-01T00:00:00.000Z', endsAt: '2026-12-31T23:59:59.000Z', active: true },
        { organization: 'ou=Northwind West Division,o=Northwind Fabrication,o=Root Organization', active: false },
        { memberGroup: 'cn=Northwind Buyers,o=Northwind Fabrication,o=Root Organization', active: true },
      ],
    });
    expect(c.draft.descriptions).toEqual({ en_US: 'Northwind MSA & spare parts', de_DE: 'Northwind Rahmenvertrag' });
    expect(c.draft.contacts).toEqual([{ name: 'Jane Doe', email: 'jane.doe@acme.example', role: 'AccountRepresentative' }]);
    expect(c.draft.attachments).toEqual([{ uri: 'https://docs.acme.example/contracts/NWF-MSA-2026-001.pdf', mimeType: 'application/pdf', description: 'Signed master services agreement' }]);
    // A price term's px:forceContractPrice="true" forces the whole contract; the term keeps no flag.
    expect(c.draft.forceContractPrice).toBe(true);
    expect(c.extras).toEqual({});
    // The base contract's single en_US description is all of `description`; nothing forces its prices.
    expect((records[1] as MappedContract).draft).not.toHaveProperty('descriptions');
    expect((records[1] as MappedContract).draft).not.toHaveProperty('forceContractPrice');
    expect((records[1] as MappedContract).draft).toMatchObject({ isBase: true, buyers: [], baseContract: null });
  });

  it('holds every term type across its two contracts, typed as in term-parameters.ts (decimals as strings, quantities as numbers)', () => {
    const terms = (records[2] as MappedContract).draft.terms;
    const all = [...(records[1] as MappedContract).draft.terms, ...terms];
    expect(new Set(all.map((t) => t.type))).toEqual(new Set(Object.keys(TERM_SPECS)));
    expect(terms.find((t) => t.type === 'PriceTCCustomPriceList')).toEqual({
      type: 'PriceTCCustomPriceList', sequenceNumber: 3, name: 'NWF-OFFERS',
      descriptions: { en_US: 'Contract prices with quantity breaks' },
      offers: [
        { sku: 'WIDGET-1', price: '18.40', currency: 'USD' },
        { sku: 'WIDGET-1', price: '17.90', currency: 'USD', minQuantity: 100, maxQuantity: 999, precedence: 2 },
        { sku: 'GEAR-7', price: '120', currency: 'USD', minQuantity: 1 },
      ],
    });
    expect(terms.find((t) => t.type === 'PriceRule')).toMatchObject({ buyers: ['ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization'], rules: [{ itemCode: 'WIDGET-2', rule: '24' }, { itemCode: 'WIDGET-3', rule: '-15%', customerGroupId: 'GOLD' }, {}, {}] });
    expect(terms.find((t) => t.type === 'QuantityCommitmentTC')).toEqual({ type: 'QuantityCommitmentTC', sequenceNumber: 21, autoArchive: true, lines: [{ sku: 'WIDGET-1', quantity: 5000 }, { sku: 'GEAR-7', quantity: 200 }] });
    expect(terms.find((t) => t.type === 'TermCondition')).toMatchObject({ conditionType: 'PurchaseOrderRule', properties: { poRequired: 'true', blanketPo: 'NWF-BLANKET-2026' } });
    expect(terms.find((t) => t.type === 'ProductSetTCExclusion')).toMatchObject({ productSet: { name: 'Hazardous goods' } });
  });
});

describe('mapChunk', () => {
  const contractXml = (startTime: string) => readFileSync(fixture('time-zone.xml'), 'utf8')
    .split('\n').slice(6, 30).join('\n').replace('2026-01-01T00:00:00+02:00', startTime);

  it('refuses a time with a zone at the element, even where the XSD did not run', () => {
    const xml = contractXml('2026-01-01T00:00:00Z');
    const record = mapChunk({ kind: 'contract', index: 0, line: 7, column: 3, xml, element: parseChunk(xml).element, errors: [] });
    expect(record.kind).toBe('error');
    expect((record as ImportFailure).errors).toEqual([{ line: 17, column: 7, contract: 'NWF-001', field: 'startsAt', message: 'time "2026-01-01T00:00:00Z" has a time zone: the Package format writes GMT without one (YYYY-MM-DDThh:mm:ss)' }]);
  });

  it('converts a GMT time without zone to UTC ISO', () => {
    const xml = contractXml('2026-03-04T05:06:07');
    const record = mapChunk({ kind: 'contract', index: 0, line: 7, column: 3, xml, element: parseChunk(xml).element, errors: [] }) as MappedContract;
    expect(record.draft.startsAt).toBe('2026-03-04T05:06:07.000Z');
  });
});

describe('importPackage: domain checks and cross-term rules, placed on lines', () => {
  const pkg = (contract: string) => Readable.from([`<Package xmlns="http://www.ibm.com/WebSphereCommerce">\n${contract}\n</Package>\n`]);
  const contract = (profile: string, terms: string) => `  <BuyerContract>
    <ContractUniqueKey><Name>C-1</Name><Origin>Manual</Origin><Owner distinguishedName="o=Acme"/><MajorVersion>1</MajorVersion><MinorVersion>0</MinorVersion></ContractUniqueKey>
    <Profile>
${profile}
      <Currency>USD</Currency>
    </Profile>
    <Participants><Buyer distinguishedName="o=Northwind"/></Participants>
    <TermsAndConditions>
${terms}
    </TermsAndConditions>
  </BuyerContract>`;

  it('forces the contract price when any price term says so, and leaves the terms without the flag', async () => {
    const xmlns = '<Package xmlns="http://www.ibm.com/WebSphereCommerce" xmlns:px="http://pactum.dev/xml/contract-extensions/1">';
    const read = async (a: string, b: string) => {
      const terms = `      <PriceTCMasterCatalogWithOptionalAdjustment sequenceNumber="1"${a}/>\n      <PriceTCPriceListWithOptionalAdjustment sequenceNumber="2" priceList="L"${b}/>`;
      const xml = contract('      <StartTime>2026-01-01T00:00:00</StartTime>\n      <EndTime>2026-06-01T00:00:00</EndTime>', terms);
      const [record] = await importAll(Readable.from([`${xmlns}\n${xml}\n</Package>\n`]));
      return (record as MappedContract).draft;
    };
    const forced = await read(' px:forceContractPrice="false"', ' px:forceContractPrice=" true "');
    expect(forced.forceContractPrice).toBe(true);
    expect(forced.terms).toEqual([{ type: 'PriceTCMasterCatalogWithOptionalAdjustment', sequenceNumber: 1 }, { type: 'PriceTCPriceListWithOptionalAdjustment', sequenceNumber: 2, priceList: 'L' }]);
    expect((await read(' px:forceContractPrice="false"', '')).forceContractPrice).toBe(false);
    expect(await read('', '')).not.toHaveProperty('forceContractPrice');
  });

  it('puts validateContractDraft field errors on the line of their element', async () => {
    const records = await importAll(pkg(contract(
      '      <StartTime>2026-06-01T00:00:00</StartTime>\n      <EndTime>2026-01-01T00:00:00</EndTime>',
      '      <ShippingTCShippingMode sequenceNumber="1" mode="UPS"/>\n      <ShippingTCShippingMode sequenceNumber="1" mode="DHL"/>',
    )));
    expect(failures(records)[0].errors).toEqual([
      { line: 6, column: 7, contract: 'C-1', field: 'endsAt', message: 'must be after startsAt' },
      { line: 12, column: 7, contract: 'C-1', field: 'terms[1].sequenceNumber', message: 'repeats the sequence number of terms[0]' },
    ]);
  });

  it('passes the complete example and a generated package through the real rules without errors', async () => {
    for (const input of [createReadStream(fixture('complete-package.xml')), generatePackage({ contracts: 3, offersPerContract: 2, contractsPerAccount: 2 })]) {
      const records = await importAll(input, { rules: contractRules });
      expect(failures(records)).toEqual([]);
      expect(records.filter((r) => r.kind === 'contract').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('runs the rules hook: two RightToBuyTCByAmount terms, at the second one', async () => {
    const records = await importAll(createReadStream(fixture('two-right-to-buy.xml')), { rules: contractRules });
    expect(failures(records)).toEqual([{
      kind: 'error', contract: 'NWF-001', line: 7, column: 3,
      errors: [{ line: 30, column: 7, contract: 'NWF-001', field: 'terms[2]', message: 'is a second RightToBuyTCByAmount (the first is terms[1]): a contract holds at most one' }],
    }]);
    // Without the rule the file is fine: the hook is what finds it.
    expect(failures(await importAll(createReadStream(fixture('two-right-to-buy.xml'))))).toEqual([]);
  });

  it('gives the rules the accounts read so far: a buyer outside the account, at its Buyer element', async () => {
    const records = await importAll(createReadStream(fixture('buyer-outside-account.xml')), { rules: contractRules });
    expect(failures(records)[0].errors).toEqual([
      { line: 23, column: 7, contract: 'NWF-001', field: 'buyers[0].organization', message: 'is not the buyer organisation of account "Northwind Fabrication" (o=Northwind Fabrication,o=Root Organization) or one under it' },
    ]);
    // The same contract with its buyer under the account's organisation passes.
    const inside = readFileSync(fixture('buyer-outside-account.xml'), 'utf8').replace('o=Contoso,', 'o=Northwind Fabrication,');
    expect(failures(await importAll(Readable.from([inside]), { rules: contractRules }))).toEqual([]);
    // An account neither in the file nor given in options is not found.
    const noAccount = inside.replace(/<Account [\s\S]*?<\/Account>\n/, '');
    expect(failures(await importAll(Readable.from([noAccount]), { rules: contractRules }))[0].errors).toEqual([
      { line: 11, column: 5, contract: 'NWF-001', field: 'account', message: 'no business account "Northwind Fabrication" was found' },
    ]);
  });
});
