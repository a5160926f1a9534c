import { validateContractDraft } from '@pactum/domain';
import { XmlImportError } from '../import-errors';
import { applyCsvEdit, csvIdentity, parseCsvVersion } from './csv-contract-edit';
import { readCsvGroups, scanCsv, type CsvGroup } from './csv-import';
import type { CsvImportKind } from './csv-format';

const SELLER = 'o=Acme,o=Root Organization';
const base = validateContractDraft({
  code: 'C-1', currency: 'USD', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z', seller: SELLER,
  buyers: [{ organization: 'o=Buyer,o=Root Organization' }],
  terms: [
    { type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: 'A', price: '18.40', currency: 'USD' }, { sku: 'B', price: '5', currency: 'USD', minQuantity: 10 }] },
    { type: 'ProductSetTCInclusion', sequenceNumber: 2, productSet: { skus: ['A', 'B'] } },
  ],
});

const PRODUCTS = 'contractId,code,version,status,termSequence,termType,kind,item,currency,price,minQuantity,maxQuantity,precedence,action,signedPercentage';

async function groups(kind: CsvImportKind, text: string): Promise<CsvGroup[]> {
  const index = await scanCsv([text], kind);
  const out: CsvGroup[] = [];
  for await (const g of readCsvGroups([text], index)) out.push(g);
  return out;
}

async function refusal(kind: CsvImportKind, text: string, options = {}): Promise<XmlImportError> {
  try {
    await scanCsv([text], kind, options);
  } catch (err) {
    if (err instanceof XmlImportError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('CSV import: grouping and edits', () => {
  it('hands out the rows of each contract together, even when a sort scattered them, numbered by first appearance', async () => {
    const text = `${PRODUCTS}\n,C-1,1.0,DRAFT,1,PriceTCCustomPriceList,offer,A,USD,1,,,,,\n,C-2,1.0,DRAFT,1,PriceTCCustomPriceList,offer,A,USD,1,,,,,\n,C-1,1.0,DRAFT,1,PriceTCCustomPriceList,offer,B,USD,2,,,,,\n`;
    const got = await groups('contract-products', text);
    expect(got.map((g) => [g.index, g.rows.map((r) => r.line)])).toEqual([[1, [3]], [0, [2, 4]]]);
  });

  it('an edited price replaces the offer; a price a spreadsheet saved as 18.4 is the stored 18.40, no change', async () => {
    const [g] = await groups('contract-products', `${PRODUCTS}\n,C-1,1.0,DRAFT,1,PriceTCCustomPriceList,offer,A,USD,18.4,,,,,\n,C-1,1.0,DRAFT,1,PriceTCCustomPriceList,offer,B,USD,4.50,10,,,,\n`);
    const { edit, problems } = applyCsvEdit('contract-products', g, base);
    expect(problems).toEqual([]);
    expect(edit!.draft.terms[0]).toEqual({ type: 'PriceTCCustomPriceList', sequenceNumber: 1, offers: [{ sku: 'A', price: '18.40', currency: 'USD' }, { sku: 'B', price: '4.50', currency: 'USD', minQuantity: 10 }] });
    // the term the file does not name stays as stored
    expect(edit!.draft.terms[1]).toEqual(base.terms[1]);
  });

  it('adds a custom price list the contract did not have, and replaces a product set', async () => {
    const [g] = await groups('contract-products', `${PRODUCTS}\n,C-1,1.0,DRAFT,2,ProductSetTCInclusion,category,Bolts,,,,,,,\n,C-1,1.0,DRAFT,7,PriceTCCustomPriceList,offer,Z,USD,3.00,,,,,\n`);
    const { edit } = applyCsvEdit('contract-products', g, base);
    expect(edit!.draft.terms.map((t) => t.sequenceNumber)).toEqual([1, 2, 7]);
    expect(edit!.draft.terms[1]).toMatchObject({ productSet: { categories: ['Bolts'] } });
    expect(edit!.draft.terms[2]).toEqual({ type: 'PriceTCCustomPriceList', sequenceNumber: 7, offers: [{ sku: 'Z', price: '3.00', currency: 'USD' }] });
  });

  it('a bad value fails the contract with the line and column of its cell and the column name', async () => {
    const [g] = await groups('contract-products', `${PRODUCTS}\n,C-1,1.0,DRAFT,1,PriceTCCustomPriceList,offer,A,USD,-3,,,,,\n`);
    const { edit, problems } = applyCsvEdit('contract-products', g, base);
    expect(edit).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: 53, field: 'price', contract: 'C-1' })]);
    expect(problems[0].message).toMatch(/offers\[0\]\.price/);
  });

  it('refuses a cell the row kind does not use, a term type that does not match, and a term a file cannot add', async () => {
    const [g] = await groups('contract-products', `${PRODUCTS}\n,C-1,1.0,DRAFT,1,PriceTCCustomPriceList,offer,A,USD,1,,,,include,\n,C-1,1.0,DRAFT,2,PriceTCCustomPriceList,offer,A,USD,1,,,,,\n,C-1,1.0,DRAFT,9,OrderApprovalTC,offer,A,USD,1,,,,,\n`);
    const { problems } = applyCsvEdit('contract-products', g, base);
    expect(problems.map((p) => [p.line, p.field])).toEqual([[2, 'action'], [3, 'termType'], [4, 'termSequence']]);
  });

  it('a buyers file replaces the buyers; a missing organisation and memberGroup is named', async () => {
    const head = 'contractId,code,version,status,position,organization,memberGroup,startsAt,endsAt,active';
    const [g] = await groups('contract-buyers', `${head}\n,C-1,1.0,DRAFT,0,"o=New,o=Root Organization",,2026-02-01T00:00:00.000Z,,FALSE\n,C-1,1.0,DRAFT,1,,Agents,,,\n`);
    const { edit } = applyCsvEdit('contract-buyers', g, base);
    expect(edit!.draft.buyers).toEqual([{ organization: 'o=New,o=Root Organization', startsAt: '2026-02-01T00:00:00.000Z', active: false }, { memberGroup: 'Agents', active: true }]);
    const [bad] = await groups('contract-buyers', `${head}\n,C-1,1.0,DRAFT,0,,,,,\n,C-1,1.0,DRAFT,1,"o=X,o=Root Organization",,,,maybe\n`);
    expect(applyCsvEdit('contract-buyers', bad, base).problems.map((p) => [p.line, p.field])).toEqual([[2, 'organization']]);
  });

  it('a contracts file edits the profile columns; identity reads the key, the status as a state token and a version saved as 1', async () => {
    const head = 'id,code,version,origin,status,seller,account,currency,startsAt,endsAt,isBase,baseContract';
    const [g] = await groups('contracts', `${head}\n,C-1,1,Manual,ACTIVE,"${SELLER}",Northwind,USD,2026-01-01T00:00:00.000Z,2027-01-01T00:00:00.000Z,false,ACME BASE 2026 1.0\n`);
    expect(csvIdentity('contracts', g)).toEqual({ identity: { code: 'C-1', major: 1, minor: 0, state: 'Active', origin: 'Manual', seller: SELLER }, problems: [] });
    const { edit } = applyCsvEdit('contracts', g, base);
    expect(edit!.draft).toMatchObject({ account: 'Northwind', endsAt: '2027-01-01T00:00:00.000Z', isBase: false, baseContract: { code: 'ACME BASE 2026', version: '1.0' } });
    expect(edit!.draft.terms).toEqual(base.terms);
    expect(parseCsvVersion('1.10')).toEqual({ major: 1, minor: 10 });
    expect(parseCsvVersion('v1')).toBeUndefined();
  });

  it('identity: an unknown status and rows that disagree are named at their cells', async () => {
    const [g] = await groups('contract-products', `${PRODUCTS}\n,C-1,1.0,LIVE,1,PriceTCCustomPriceList,offer,A,USD,1,,,,,\n`);
    expect(csvIdentity('contract-products', g).problems).toEqual([expect.objectContaining({ line: 2, column: 10, field: 'status' })]);
  });

  it('refuses the whole file for a bad header, a row with more fields than the header, or no rows', async () => {
    expect((await refusal('contract-products', 'code,version,price\nX,1.0,1\n')).details[0].message).toMatch(/needs the column\(s\) status, termSequence/);
    expect((await refusal('contract-products', `${PRODUCTS},colour\n`)).details[0]).toMatchObject({ line: 1, message: expect.stringMatching(/"colour" is not a column/) });
    const wide = await refusal('contract-products', `${PRODUCTS}\n,C-1,1.0,DRAFT,1,PriceTCCustomPriceList,offer,A,USD,1,000.00,,,,,\n`);
    expect(wide.details[0]).toMatchObject({ line: 2, message: expect.stringMatching(/16 fields where the header has 15/) });
    expect((await refusal('contract-products', `${PRODUCTS}\n`)).details[0].message).toMatch(/no rows/);
    expect((await refusal('contract-products', `${PRODUCTS}\n,C-1,1.0,DRAFT,1,X,offer,"A\n`)).details[0]).toMatchObject({ line: 2, column: 26, message: expect.stringMatching(/never closed/) });
  });

  it('refuses a file whose contracts would hold more rows at once than allowed, before anything is read for import', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `,C-${i % 3},1.0,DRAFT,1,PriceTCCustomPriceList,offer,A${i},USD,1,,,,,`).join('\n');
    expect((await refusal('contract-products', `${PRODUCTS}\n${rows}\n`, { maxRowsHeld: 4 })).details[0].message).toMatch(/lie too far apart/);
    await expect(scanCsv([`${PRODUCTS}\n${rows}\n`], 'contract-products', { maxRowsHeld: 6 })).resolves.toMatchObject({ groups: expect.any(Map) });
  });
});
