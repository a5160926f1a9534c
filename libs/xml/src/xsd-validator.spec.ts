import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDocuments, validateXsd } from './xsd-validator';

const complete = readFileSync(join(__dirname, '../../../test/fixtures/xml/complete-package.xml'), 'utf8');

describe('validateXsd', () => {
  it('accepts the complete example', async () => {
    expect(await validateXsd(complete)).toEqual([]);
  });

  it('reports errors with line, column and plain element names', async () => {
    const xml = complete.replace('thresholdAmount="10000"', 'thresholdAmount="-1"').replace('<Currency>USD</Currency>\n      <BaseContract>true', '<Currency>usd</Currency>\n      <BaseContract>true');
    const errors = await validateXsd(xml);
    expect(errors).toEqual([
      { line: 26, column: 7, message: "Element 'Currency': [facet 'pattern'] The value 'usd' is not accepted by the pattern '[A-Z]{3}'." },
      { line: 123, column: 44, message: "Element 'OrderApprovalTC', attribute 'thresholdAmount': [facet 'pattern'] The value '-1' is not accepted by the pattern '\\d{1,12}(\\.\\d{1,6})?'." },
    ]);
  });

  it.each([
    ['price="18.40"', 'price="-0.01"', false],
    ['maximumAmount="250000.00"', 'maximumAmount="-5"', false],
    ['minimumAmount="50000"', 'minimumAmount="1e5"', false],
    ['signedPercentage="-12.5"', 'signedPercentage="-100.5"', false],
    ['signedPercentage="-12.5"', 'signedPercentage="-100"', true],
    ['amount="-5.00"', 'amount="-5.001"', true],
    ['quantity="200"', 'quantity="0"', false],
    ['rule="-15%"', 'rule="-15 %"', false],
    ['state="Draft"', 'state="Rejected"', false],
    ['<EndTime>2026-12-31T23:59:59', '<EndTime>2026-12-31T23:59:59Z', false],
    ['<EndTime>2026-12-31T23:59:59', '<EndTime>2026-02-30T23:59:59', false],
  ])('%s → %s valid: %s', async (from, to, valid) => {
    expect(complete.includes(from)).toBe(true);
    expect((await validateXsd(complete.replace(from, to))).length === 0).toBe(valid);
  });

  it('validates several documents in one run and keeps their errors apart', async () => {
    const result = await validateDocuments([
      { name: 'good.xml', xml: complete },
      { name: 'bad.xml', xml: complete.replace('<Origin>Manual</Origin>', '<Origin>Manual</Origin><Origin>Again</Origin>') },
    ]);
    expect(result.get('good.xml')).toEqual([]);
    expect(result.get('bad.xml')).toHaveLength(1);
    expect(result.get('bad.xml')![0]).toMatchObject({ line: 17, message: expect.stringMatching(/Element 'Origin': This element is not expected/) });
  });
});
