import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { XmlImportError } from './import-errors';
import { generatePackage } from './package-generator';
import { readWholePackage, scanPackage, type ImportFailure, type MappedContract } from './package-mapper';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/xml', name), 'utf8');
const NS = 'http://www.ibm.com/WebSphereCommerce';
const SELLER = 'o=Acme,o=Root Organization';
const ORG = (dn: string) => `<OrganizationRef distinguishName="${dn}"/>`;
const STORE = `<StoreRef name="S"><Owner>${ORG('o=Root Organization')}</Owner></StoreRef>`;

/** A Package of one BuyerContract whose terms (and header extras) are given. */
function pkg(terms: string, { header = '', attrs = 'startTime="2026-01-01T00:00:00" endTime="2027-01-01T00:00:00"', participants = `<Participant role="Buyer"><ParticipantMember>${ORG(`ou=East,${SELLER}`)}</ParticipantMember></Participant>` } = {}): string {
  return `<Package xmlns="${NS}">
  <BuyerContract state="Draft" contractUsage="OrganizationBuyer" ${attrs}>
    <Participant role="Seller"><ParticipantMember>${ORG(SELLER)}</ParticipantMember></Participant>
    ${participants}
    <ContractUniqueKey name="C-1" origin="Manual"><ContractOwner>${ORG(SELLER)}</ContractOwner></ContractUniqueKey>
    ${header}
    ${terms}
  </BuyerContract>
</Package>`;
}

const charge = `<ShippingTCShippingCharge><ShippingChargePolicyRef policyName="NoShippingCharge">${STORE}</ShippingChargePolicyRef></ShippingTCShippingCharge>`;
const amount = (tag: string, value: string, currency: string) => `<RightToBuyTCByAmount><AllowablePurchaseTotal><MonetaryAmount value="${value}" currency="${currency}"/></AllowablePurchaseTotal></RightToBuyTCByAmount>`.replace('RightToBuyTCByAmount', tag).replace('RightToBuyTCByAmount', tag);

async function one(xml: string, options = {}): Promise<MappedContract | ImportFailure> {
  const { records } = await readWholePackage(xml, options);
  expect(records).toHaveLength(1);
  return records[0] as MappedContract | ImportFailure;
}

describe('reading a WCS export', () => {
  it('maps contracts before their account, a forward base reference, a member group, contacts and a second language', async () => {
    const { index, records } = await readWholePackage(fixture('wcs-export.xml'));
    expect(records.map((r) => r.kind)).toEqual(['contract', 'contract', 'contract', 'account']);
    expect(index.account).toMatchObject({ kind: 'account', name: 'Holdout Buyer Corp', buyerOrganization: 'o=Holdout Buyer Corp,o=Root Organization', seller: 'o=Holdout Seller Inc,o=Root Organization', creditAllowed: true });
    // The base contract follows its referrers: it is read first by the importer.
    expect([...index.basesFirst]).toEqual([2]);
    const [supply, , base] = records as MappedContract[];
    expect(supply.key).toEqual({ name: 'HB Supply 2026', origin: 'Manual', ownerDn: 'o=Holdout Seller Inc,o=Root Organization', major: 1, minor: 0 });
    expect(supply.baseKey).toMatchObject({ name: 'HS Base Terms 2026', major: 1, minor: 0 });
    expect(supply.draft).toMatchObject({
      // the seller's DN written with a space after the comma is the same organisation
      seller: 'o=Holdout Seller Inc,o=Root Organization',
      currency: 'EUR',
      // 24:00:00 is the next day's midnight
      endsAt: '2027-01-01T00:00:00.000Z',
      isBase: false,
      baseContract: { code: 'HS Base Terms 2026', version: '1.0' },
      account: 'Holdout Buyer Corp',
      buyers: [{ organization: 'ou=Plant 7,o=Holdout Buyer Corp,o=Root Organization', active: true }, { memberGroup: 'Holdout Purchasing Agents', active: true }],
      contacts: [{ name: 'uid=jdoe,o=Holdout Seller Inc,o=Root Organization', role: 'Creator' }, { name: 'uid=buyeradmin,o=Holdout Buyer Corp,o=Root Organization', role: 'BuyerContact' }],
      description: 'Holdout Buyer supply agreement',
      descriptions: { en_US: 'Holdout Buyer supply agreement', de_DE: 'Liefervertrag Holdout Buyer' },
      attachments: [{ uri: 'https://docs.holdout.example/hb-supply-2026.pdf', mimeType: 'application/pdf' }],
    });
    // Sequence numbers: kept when given once, the next free ones for a missing or repeated one, in document order.
    expect(supply.draft.terms.map((t) => [t.type, t.sequenceNumber])).toEqual([
      ['PriceTCCustomPriceList', 1], ['ShippingTCShippingMode', 4], ['PaymentTCPaymentMethod', 3], ['RightToBuyTCByAmount', 5], ['TermCondition', 6],
    ]);
    expect(supply.draft.terms[0]).toMatchObject({
      descriptions: { en_US: 'Contract prices', de_DE: 'Vertragspreise' },
      offers: [{ sku: 'FIT-100', price: '12.50000', currency: 'EUR', precedence: 0 }, { sku: 'FIT-100', price: '11.75', currency: 'EUR', minQuantity: 100, maxQuantity: 499, precedence: 1 }, { sku: 'FIT-200', price: '4.10', currency: 'EUR', minQuantity: 1 }],
    });
    expect(supply.draft.terms[4]).toEqual({ type: 'TermCondition', sequenceNumber: 6, conditionType: 'PriceRuleTC', properties: { priceRuleId: '10000000501', priceRuleBeginDate: '2026-01-01' } });
    // A contract without buyers, referred to as a base, is a base contract.
    expect(base.draft).toMatchObject({ isBase: true, buyers: [], currency: 'USD' });
  });

  it('applies the key\'s version defaults and the open period when times are left out', async () => {
    const r = await one(pkg(charge, { attrs: '' })) as MappedContract;
    expect(r.key).toMatchObject({ major: 1, minor: 0 });
    expect(r.draft).toMatchObject({ startsAt: '1900-01-01T00:00:00.000Z', endsAt: '9999-12-31T23:59:59.000Z' });
  });

  it.each([
    ['one currency in the amounts', amount('RightToBuyTCByAmount', '5', 'CAD'), {}, 'CAD'],
    ['no amounts: the configured default', '', { defaultCurrency: 'EUR' }, 'EUR'],
    ['several currencies including the default', amount('RightToBuyTCByAmount', '5', 'CAD') + amount('OrderApprovalTC', '1', 'USD').replace(/<\/?AllowablePurchaseTotal>/g, ''), {}, 'USD'],
    ['our contract settings', `${amount('RightToBuyTCByAmount', '5', 'CAD')}<TermCondition type="pactum.ContractSettings"><Property name="currency" value="GBP"/></TermCondition>`, {}, 'GBP'],
  ])('takes the contract currency from %s', async (_what, terms, options, currency) => {
    expect(await one(pkg(charge + terms), options)).toMatchObject({ kind: 'contract', draft: { currency } });
  });

  it('refuses amounts in several currencies none of which is the default, naming the currencies', async () => {
    const r = await one(pkg(charge + amount('RightToBuyTCByAmount', '5', 'CAD') + amount('OrderApprovalTC', '1', 'EUR').replace(/<\/?AllowablePurchaseTotal>/g, '')));
    expect(r).toMatchObject({ kind: 'error', errors: [{ line: 2, field: 'currency', message: expect.stringMatching(/amounts are in CAD, EUR.*pactum\.ContractSettings/) }] });
  });

  it.each([
    ['a term Pactum does not model', `<OrderTCOrderComment comment="Call first"/>`, 7, /<OrderTCOrderComment> is not read: order comments are not modelled/],
    ['configurator pricing', `<PriceTCConfigBuildBlock><ConfigBuildBlockList/></PriceTCConfigBuildBlock>`, 7, /configurator pricing is not modelled/],
    ['an edit instruction', `<ShippingTCShippingMode action="delete"><ShippingModePolicyRef policyName="X">${STORE}</ShippingModePolicyRef></ShippingTCShippingMode>`, 7, /action="delete"> is an edit instruction/],
    ['purchase limits on an offer', `<PriceTCCustomPriceList><PriceList name="L" precedence="0" type="C"><Offer published="Published" skuNumber="A"><OfferPrice><MonetaryAmount value="1" currency="USD"/></OfferPrice><PurchaseLimits><PurchaseLimitByQuantity maximumQuantity="5"/></PurchaseLimits></Offer><Owner>${ORG(SELLER)}</Owner></PriceList></PriceTCCustomPriceList>`, 7, /purchase limits on an offer are not modelled/],
    ['a fractional quantity', `<PriceTCCustomPriceList><PriceList name="L" precedence="0" type="C"><Offer published="Published" skuNumber="A" minimumPurchaseQuantity="2.5"><OfferPrice><MonetaryAmount value="1" currency="USD"/></OfferPrice></Offer><Owner>${ORG(SELLER)}</Owner></PriceList></PriceTCCustomPriceList>`, 7, /minimumPurchaseQuantity="2.5" must be a whole number/],
    ['a property on a standard term', `<ShippingTCShippingMode><Property name="carrierAccount" value="123"/><ShippingModePolicyRef policyName="X">${STORE}</ShippingModePolicyRef></ShippingTCShippingMode>`, 7, /Property "carrierAccount" on <ShippingTCShippingMode>: Pactum keeps properties only on TermCondition/],
  ])('refuses %s with the line of the element', async (_what, term, line, message) => {
    const r = await one(pkg(charge + term));
    expect(r).toMatchObject({ kind: 'error', contract: 'C-1', errors: [expect.objectContaining({ line, message: expect.stringMatching(message) })] });
  });

  it.each([
    ['a Buyer participant without a member (every buyer)', '<Participant role="Buyer"/>', /means every buyer/],
    ['a user as buyer', `<Participant role="Buyer"><ParticipantMember><UserRef distinguishName="uid=a,${SELLER}"/></ParticipantMember></Participant>`, /not a user/],
  ])('refuses %s at the participant\'s line', async (_what, participants, message) => {
    expect(await one(pkg(charge, { participants }))).toMatchObject({ kind: 'error', errors: [expect.objectContaining({ line: 4, field: 'buyers[0]', message: expect.stringMatching(message) })] });
  });

  it('places the domain\'s field errors at the element they came from', async () => {
    const { records } = await readWholePackage(fixture('negative-amount.xml'));
    expect(records[0]).toMatchObject({ kind: 'error', contract: 'NWF-001', errors: [{ line: 10, column: 9, field: 'terms[0].offers[0].price', message: 'must not be below 0' }] });
  });

  it('places an error of a later offer, and of a quantity, at that offer\'s own line', async () => {
    const offer = (sku: string, value: string, extra = '') => `<Offer published="Published" skuNumber="${sku}"${extra}><OfferPrice><MonetaryAmount value="${value}" currency="USD"/></OfferPrice></Offer>`;
    const list = `<PriceTCCustomPriceList><PriceList name="L" precedence="0" type="C">\n${offer('A', '1.00')}\n${offer('B', '2.00')}\n${offer('C', '-3.00')}\n${offer('D', '4.00', ' minimumPurchaseQuantity="2.5"')}\n<Owner>${ORG(SELLER)}</Owner></PriceList></PriceTCCustomPriceList>`;
    const xml = pkg(list);
    const lineOf = (needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length;
    const record = await one(xml);
    expect(record.kind).toBe('error');
    expect((record as ImportFailure).errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: lineOf('skuNumber="D"'), field: 'terms[0].offers[3].minQuantity', message: expect.stringMatching(/whole number/) }),
    ]));
    const withoutQuantity = await one(xml.replace(' minimumPurchaseQuantity="2.5"', ''));
    expect((withoutQuantity as ImportFailure).errors).toEqual([expect.objectContaining({ line: lineOf('skuNumber="C"'), field: 'terms[0].offers[2].price', message: 'must not be below 0' })]);
  });

  it('refuses a duplicate unique key, naming the first', async () => {
    const { records } = await readWholePackage(fixture('duplicate-unique-key.xml'));
    expect(records[1]).toMatchObject({ kind: 'error', contract: 'NWF-001', errors: [{ line: 19, message: expect.stringMatching(/duplicate unique key NWF-001 1\.0 .*first at line 3/) }] });
  });

  it('refuses a description for a contract that is not in the file', async () => {
    const xml = pkg(charge).replace('</Package>', `  <ContractNationalLanguageDescription><ContractRef name="ELSEWHERE" origin="Manual" majorVersionNumber="1" minorVersionNumber="0"><ContractOwner>${ORG(SELLER)}</ContractOwner></ContractRef></ContractNationalLanguageDescription>\n</Package>`);
    await expect(readWholePackage(xml)).rejects.toThrow(XmlImportError);
    await expect(readWholePackage(xml)).rejects.toThrow(/names contract ELSEWHERE 1\.0, which is not in this file/);
  });
});

describe('the account at the end of a large file', () => {
  async function text(contracts: number): Promise<string> {
    let t = '';
    for await (const piece of generatePackage({ contracts, offersPerContract: 100 })) t += piece.toString();
    return t;
  }
  const lineOf = (t: string, needle: string) => t.slice(0, t.indexOf(needle)).split('\n').length;

  it('is read after more than the node limit of contracts before it, and reported at its own line', async () => {
    const t = await text(60); // about 900 KB before the account: over the 64 KiB node limit used here
    const index = await scanPackage(Readable.from([t]), { maxNodeChars: 64 * 1024 });
    expect(index.contractCount).toBe(60);
    expect(index.account).toMatchObject({ kind: 'account', name: 'Account 0', line: lineOf(t, '<Account>') });
  });

  it('names the account\'s own errors at their lines in the file', async () => {
    const t = (await text(60)).replace('<AccountDescription ', '<AccountDescription bogus="1" ');
    const index = await scanPackage(Readable.from([t]), { maxNodeChars: 64 * 1024 });
    expect(index.account).toMatchObject({ kind: 'error', line: lineOf(t, '<Account>') });
    expect((index.account as ImportFailure).errors[0]!.line).toBe(lineOf(t, 'bogus="1"'));
  });
});
