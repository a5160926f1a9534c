import { Readable } from 'node:stream';
import { PackageWriter } from './package-writer';

export interface GeneratePackageOptions {
  contracts: number;
  offersPerContract: number;
  /** Contracts per business account (AccountReference); the file's one Account element, last, is the first account's. */
  contractsPerAccount?: number;
  /** Every contract's endTime (WCS local time); 2027-01-01T00:00:00 unless given. */
  endTime?: string;
}

const SELLER = 'o=Acme Industrial,o=Root Organization';
const STORE = '<StoreRef name="StoreGroup1"><Owner><OrganizationRef distinguishName="o=Root Organization"/></Owner></StoreRef>';

/**
 * A synthetic, valid Package in the WCS format produced on the fly (for streaming tests and the
 * import benchmark): nothing is held but the contract being written, so 10,000 × 100 costs no memory.
 * Odd contracts are Active, even ones Draft; accounts other than the first are created by the import
 * (createMissing), since a Package holds one Account.
 */
export function generatePackage(options: GeneratePackageOptions): Readable {
  return Readable.from(generatePackageText(options), { objectMode: false });
}

function* generatePackageText({ contracts, offersPerContract, contractsPerAccount = 100, endTime = '2027-01-01T00:00:00' }: GeneratePackageOptions): Generator<Buffer> {
  const writer = new PackageWriter();
  yield Buffer.from(writer.open());
  for (let c = 0; c < contracts; c++) {
    const accountNo = Math.floor(c / contractsPerAccount);
    const buyerOrg = `o=Buyer ${accountNo},o=Root Organization`;
    const parts: string[] = [
      `  <BuyerContract state="${c % 2 ? 'Active' : 'Draft'}" contractUsage="OrganizationBuyer" startTime="2026-01-01T00:00:00" endTime="${endTime}">\n`,
      `    <Participant role="Seller"><ParticipantMember><OrganizationRef distinguishName="${SELLER}"/></ParticipantMember></Participant>\n`,
      `    <Participant role="Buyer"><ParticipantMember><OrganizationRef distinguishName="ou=Purchasing,${buyerOrg}"/></ParticipantMember></Participant>\n`,
      `    <ContractUniqueKey name="GEN-${String(c).padStart(6, '0')}" origin="Imported" majorVersionNumber="1" minorVersionNumber="0">\n`,
      `      <ContractOwner><OrganizationRef distinguishName="${SELLER}"/></ContractOwner>\n    </ContractUniqueKey>\n`,
      `    <ContractDescription locale="en_US" shortDescription="Generated contract ${c}"/>\n`,
      `    <AccountReference><AccountRef name="Account ${accountNo}"><AccountOwner><OrganizationRef distinguishName="${SELLER}"/></AccountOwner></AccountRef></AccountReference>\n`,
      '    <PriceTCCustomPriceList sequenceNumber="1">\n',
      `      <PriceList name="GEN-${String(c).padStart(6, '0')}" precedence="0" type="C">\n`,
    ];
    for (let o = 0; o < offersPerContract; o++) {
      const cents = 100 + ((c * 7919 + o * 104729) % 100000);
      parts.push(`        <Offer published="Published" skuNumber="SKU-${String(o).padStart(5, '0')}"><OfferPrice><MonetaryAmount value="${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}" currency="USD"/></OfferPrice></Offer>\n`);
    }
    parts.push(
      `        <Owner><OrganizationRef distinguishName="${SELLER}"/></Owner>\n      </PriceList>\n    </PriceTCCustomPriceList>\n`,
      `    <ShippingTCShippingCharge sequenceNumber="2"><ShippingChargePolicyRef policyName="StandardShippingChargeBySeller">${STORE}</ShippingChargePolicyRef></ShippingTCShippingCharge>\n`,
      '  </BuyerContract>\n',
    );
    yield Buffer.from(parts.join(''));
  }
  if (contracts > 0) yield Buffer.from(writer.account({ name: 'Account 0', seller: SELLER, buyerOrganization: 'o=Buyer 0,o=Root Organization', creditAllowed: false }));
  yield Buffer.from(writer.close());
}
