import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDocuments, validateXsd } from './xsd-validator';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/xml', name), 'utf8');
const complete = fixture('complete-package.xml');

describe('validateXsd (xml-schemas/wcs-package.xsd)', () => {
  it.each(['complete-package.xml', 'wcs-export.xml', 'out-of-scope-elements.xml', 'hosting-contract.xml'])('accepts %s, a Package of the real WCS structure', async (name) => {
    expect(await validateXsd(fixture(name))).toEqual([]);
  });

  it('reports errors with line, column and plain element names', async () => {
    const xml = complete.replace('<MonetaryAmount value="10000" currency="USD"/>', '<MonetaryAmount value="1e4" currency="USD"/>').replace('contractUsage="OrganizationBuyer" startTime', 'startTime');
    expect(await validateXsd(xml)).toEqual([
      // libxml2 names the line where a start tag spread over several lines ends.
      expect.objectContaining({ line: 10, message: "Element 'BuyerContract': The attribute 'contractUsage' is required but missing." }),
      expect.objectContaining({ line: 215, column: 23, message: expect.stringMatching(/^Element 'MonetaryAmount', attribute 'value': '1e4' is not a valid value/) }),
    ]);
  });

  it.each([
    ['value="18.40"', 'value="18.400001"', false],
    ['value="18.40"', 'value="-18.40"', true],
    ['signedPercentage="-12.5"', 'signedPercentage="1E1"', true],
    ['majorVersionNumber="1" minorVersionNumber="2"', 'majorVersionNumber="1.0" minorVersionNumber="2"', false],
    ['state="Draft"', 'state="Rejected"', false],
    ['state="Draft"', 'state=" Draft "', true],
    ['creditAllowed="true"', 'creditAllowed="True"', false],
    ['endTime="2026-12-31T23:59:59"', 'endTime="2026-12-31T23:59:59Z"', false],
    ['endTime="2026-12-31T23:59:59"', 'endTime="2026-12-31T23:59:59.5"', false],
    ['endTime="2026-12-31T23:59:59"', 'endTime="2026-02-30T23:59:59"', false],
    ['origin="Imported"', 'origin="2-Party"', true],
    ['<PaymentMethodDisplayString name="VISA"/>', '', false],
    ['role="AccountHolder"', 'role="Holder"', false],
  ])('%s → %s valid: %s', async (from, to, valid) => {
    expect(complete.includes(from)).toBe(true);
    expect((await validateXsd(complete.replace(from, to))).length === 0).toBe(valid);
  });

  it('validates several documents in one run and keeps their errors apart', async () => {
    const result = await validateDocuments([
      { name: 'good.xml', xml: complete },
      { name: 'bad.xml', xml: complete.replace('<ContractDescription locale="en_US" shortDescription="Acme base terms 2026"/>', '<ContractDescription locale="en_US"/><ContractDescription locale="de_DE"/>') },
    ]);
    expect(result.get('good.xml')).toEqual([]);
    expect(result.get('bad.xml')).toEqual([expect.objectContaining({ line: 17, message: expect.stringMatching(/Element 'ContractDescription': This element is not expected/) })]);
  });
});
