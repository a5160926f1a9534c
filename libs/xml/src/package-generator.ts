import { Readable } from 'node:stream';
import { PACKAGE_CLOSE, PACKAGE_OPEN } from './package-writer';

export interface GeneratePackageOptions {
  contracts: number;
  offersPerContract: number;
  /** Contracts per account (one Account element before each group). */
  contractsPerAccount?: number;
}

/**
 * A synthetic, valid Package produced on the fly (for streaming tests and the import benchmark):
 * nothing is held but the contract being written, so 10,000 × 100 costs no memory.
 */
export function generatePackage(options: GeneratePackageOptions): Readable {
  return Readable.from(generatePackageText(options), { objectMode: false });
}

function* generatePackageText({ contracts, offersPerContract, contractsPerAccount = 100 }: GeneratePackageOptions): Generator<Buffer> {
  yield Buffer.from(PACKAGE_OPEN);
  const seller = 'o=Acme Industrial,o=Root Organization';
  for (let c = 0; c < contracts; c++) {
    const accountNo = Math.floor(c / contractsPerAccount);
    const account = `Account ${accountNo}`;
    const buyerOrg = `o=Buyer ${accountNo},o=Root Organization`;
    const parts: string[] = [];
    if (c % contractsPerAccount === 0) {
      parts.push(`  <Account name="${account}">\n    <Seller distinguishedName="${seller}"/>\n    <BuyerOrganization distinguishedName="${buyerOrg}"/>\n  </Account>\n`);
    }
    parts.push(
      `  <BuyerContract state="${c % 2 ? 'Active' : 'Draft'}">\n`,
      `    <ContractUniqueKey>\n      <Name>GEN-${String(c).padStart(6, '0')}</Name>\n      <Origin>Imported</Origin>\n`,
      `      <Owner distinguishedName="${seller}"/>\n      <MajorVersion>1</MajorVersion>\n      <MinorVersion>0</MinorVersion>\n    </ContractUniqueKey>\n`,
      `    <AccountReference name="${account}"/>\n`,
      `    <Profile>\n      <Description locale="en_US">Generated contract ${c}</Description>\n`,
      `      <StartTime>2026-01-01T00:00:00</StartTime>\n      <EndTime>2027-01-01T00:00:00</EndTime>\n      <Currency>USD</Currency>\n    </Profile>\n`,
      `    <Participants>\n      <Seller distinguishedName="${seller}"/>\n      <Buyer distinguishedName="ou=Purchasing,${buyerOrg}"/>\n    </Participants>\n`,
      `    <TermsAndConditions>\n      <PriceTCCustomPriceList sequenceNumber="1">\n`,
    );
    for (let o = 0; o < offersPerContract; o++) {
      const cents = 100 + ((c * 7919 + o * 104729) % 100000);
      parts.push(`        <Offer sku="SKU-${String(o).padStart(5, '0')}" price="${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}" currency="USD"/>\n`);
    }
    parts.push(
      '      </PriceTCCustomPriceList>\n',
      '      <ShippingTCShippingCharge sequenceNumber="2" policy="StandardShippingChargeBySeller"/>\n',
      '    </TermsAndConditions>\n  </BuyerContract>\n',
    );
    yield Buffer.from(parts.join(''));
  }
  yield Buffer.from(PACKAGE_CLOSE);
}
