import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { XmlImportError } from './import-errors';
import { generatePackage } from './package-generator';
import { readPackageChunks, splitPackage, type PackageChunk, type SplitOptions } from './package-splitter';

const fixture = (name: string) => join(__dirname, '../../../test/fixtures/xml', name);
const NS = 'http://www.ibm.com/WebSphereCommerce';

async function split(input: Readable, options: SplitOptions = {}): Promise<PackageChunk[]> {
  const out: PackageChunk[] = [];
  for await (const c of splitPackage(input, options)) out.push(c);
  return out;
}

async function fatal(input: string | Readable, options: SplitOptions = {}): Promise<XmlImportError> {
  try {
    await split(typeof input === 'string' ? createReadStream(fixture(input)) : input, options);
  } catch (e) {
    if (e instanceof XmlImportError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('splitPackage', () => {
  it('cuts the complete example into its contracts, account and extra descriptions, with their positions', async () => {
    const chunks = await split(createReadStream(fixture('complete-package.xml')));
    expect(chunks.map((c) => [c.kind, c.index, c.line, c.column])).toEqual([['contract', 0, 9, 3], ['contract', 1, 31, 3], ['account', 2, 252, 3], ['description', 3, 269, 3]]);
    expect(chunks[0].xml).toMatch(/^<BuyerContract state="Active"[\s\S]*<\/BuyerContract>$/);
    expect(chunks[0].element?.children.find((e) => e.name === 'ContractUniqueKey')).toMatchObject({ line: 14, attributes: { name: 'ACME-BASE-2026' } });
  });

  it('finds chunks whose start tag is cut across input pieces, one byte at a time, under any prefix', async () => {
    const xml = `<?xml version="1.0"?>\n<p:Package xmlns:p="${NS}">\n  <p:BuyerContract state="Draft"/><p:Account/>\n</p:Package>`;
    const chunks = await split(Readable.from([...Buffer.from(xml)].map((b) => Buffer.from([b]))));
    expect(chunks.map((c) => [c.kind, c.line, c.column, c.xml.slice(0, 12)])).toEqual([['contract', 3, 3, '<p:BuyerCont'], ['account', 3, 35, '<p:Account/>']]);
  });

  it('keeps only the header of each contract when asked (a quick read of a large file)', async () => {
    const [c] = await split(createReadStream(fixture('complete-package.xml')), { headersOnly: true });
    expect(c.element!.children.map((e) => e.name)).toEqual(['Participant', 'ContractUniqueKey', 'ContractDescription']);
  });

  it('hands on only the chunks asked for, and still checks the others', async () => {
    const chunks = await split(createReadStream(fixture('complete-package.xml')), { only: (i) => i === 1 });
    expect(chunks.map((c) => c.index)).toEqual([1]);
    await expect(split(createReadStream(fixture('out-of-scope-elements.xml')), { only: () => false })).rejects.toThrow(/<StoreNationalLanguageDescription> is a store description/);
  });

  it.each([
    ['xxe-external-entity.xml', 2, /DOCTYPE is not allowed/],
    ['billion-laughs.xml', 2, /DOCTYPE is not allowed/],
    ['doctype.xml', 2, /DOCTYPE is not allowed/],
    ['trading-dtd.xml', 2, /root <Trading> is the pre-XSD WCS contract format/],
    ['trading-root.xml', 2, /root <Trading> is the pre-XSD WCS contract format/],
    ['package-without-namespace.xml', 2, /the root element must be <Package> in namespace http:\/\/www.ibm.com\/WebSphereCommerce, found <Package> in no namespace/],
    ['iso-8859-1-declared.xml', 1, /encoding "ISO-8859-1" is not supported/],
    ['invalid-utf8-bytes.xml', 3, /invalid UTF-8/],
    ['deep-nesting.xml', 16, /nested deeper than 32 levels/],
    ['unexpected-top-level.xml', 16, /<Discounts> is not an element of a WCS Package; this importer reads BuyerContract, Account and ContractNationalLanguageDescription only/],
    ['account-before-contracts.xml', 9, /<BuyerContract> comes after <Account>: a Package lists its contracts first/],
    ['two-accounts.xml', 22, /a second <Account> \(the first is at line 16\)/],
    ['hosting-contract.xml', 3, /<HostingContract> is a hosting contract/],
    ['referral-contract.xml', 3, /<ReferralContract> is a referral contract/],
  ])('refuses %s at line %d with what it is', async (name, line, message) => {
    const e = await fatal(name);
    expect(e.reason).toMatch(message);
    expect(e.line).toBe(line);
  });

  it('names every element that is not contract content, one error each, after reading the whole file', async () => {
    const e = await fatal('out-of-scope-elements.xml');
    expect(e.details.map((d) => [d.line, d.message.replace(/ is .*/, '')])).toEqual([
      [22, '<StoreNationalLanguageDescription>'], [23, '<FulfillmentCenterNationalLanguageDescription>'], [24, '<Organization>'], [25, '<Store>'], [26, '<PriceList>'], [27, '<FulfillmentCenter>'],
    ]);
    expect(e.details[3].message).toBe('<Store> is a store, not contract content; this importer reads BuyerContract, Account and ContractNationalLanguageDescription only');
  });

  it('refuses a UTF-16 byte order mark', async () => {
    await expect(split(Readable.from([Buffer.from([0xff, 0xfe, 0x3c, 0x00])]))).rejects.toThrow(/UTF-16 is not supported/);
  });

  it('refuses undeclared entities and malformed XML with the line', async () => {
    const e = await fatal(Readable.from([`<Package xmlns="${NS}">\n  <BuyerContract comment="&nope;"/>\n</Package>`]));
    expect(e.line).toBe(2);
    const broken = await fatal(Readable.from([`<Package xmlns="${NS}">\n  <BuyerContract>\n</Package>`]));
    expect(broken.line).toBe(3);
  });

  it.each([
    ['a text directly in Package', (big: string) => `<Package xmlns="${NS}">${big}</Package>`],
    ['whitespace directly in Package', (big: string) => `<Package xmlns="${NS}">${' '.repeat(big.length)}</Package>`],
    ['a text in a contract', (big: string) => `<Package xmlns="${NS}"><BuyerContract><Property>${big}</Property></BuyerContract></Package>`],
    ['an attribute', (big: string) => `<Package xmlns="${NS}"><BuyerContract comment="${big}"/></Package>`],
    ['a CDATA section', (big: string) => `<Package xmlns="${NS}"><BuyerContract><![CDATA[${big}]]></BuyerContract></Package>`],
    ['a comment', (big: string) => `<Package xmlns="${NS}"><!--${big}--></Package>`],
    ['whitespace before the root', (big: string) => `${' '.repeat(big.length)}<Package xmlns="${NS}"/>`],
    ['a text in an element that is not contract content', (big: string) => `<Package xmlns="${NS}"><Store>${big}</Store></Package>`],
  ])('refuses a 50 MB node (%s) at its line, having read little more than the limit of the file', async (_what, make) => {
    const file = Buffer.from(make('x'.repeat(50 * 1024 * 1024)));
    let read = 0;
    async function* counted() {
      for (let i = 0; i < file.length; i += 128 * 1024) {
        const piece = file.subarray(i, i + 128 * 1024);
        read += piece.length;
        yield piece;
      }
    }
    const e = await fatal(Readable.from(counted()));
    // Refused as soon as the node passes the limit (1 MiB), not after reading the file.
    expect(read).toBeLessThan(2 * 1024 * 1024);
    expect(e.line).toBe(1);
    expect(e.reason).toMatch(/longer than 1048576 characters \(the import limit\)|text|not allowed/);
  });

  it('refuses a contract over its size or element limit at the contract\'s line', async () => {
    const xml = readFileSync(fixture('complete-package.xml'), 'utf8');
    expect((await fatal(Readable.from([xml]), { maxChunkChars: 4096 })).line).toBe(31);
    expect((await fatal(Readable.from([xml]), { maxChunkElements: 100 })).reason).toMatch(/more than 100 elements/);
  });
});

describe('readPackageChunks', () => {
  it('validates each chunk against the XSD and places the errors at file lines', async () => {
    const out = [];
    for await (const c of readPackageChunks(createReadStream(fixture('unknown-element.xml')))) out.push(c);
    expect(out.map((c) => c.errors.map((e) => [e.line, e.message]))).toEqual([[], [[28, "Element 'DiscountTC': This element is not expected."]], []]);
  });

  it('reads a generated Package of many contracts in batches, all valid', async () => {
    let n = 0;
    for await (const c of readPackageChunks(generatePackage({ contracts: 300, offersPerContract: 5, contractsPerAccount: 50 }), { firstBatchChars: 4096, batchChars: 65536 })) {
      expect(c.errors).toEqual([]);
      n++;
    }
    expect(n).toBe(301);
  });

  it('hands on proven and unproven chunks in file order, each with its own verdict, however the batches fall', async () => {
    let xml = '';
    for await (const piece of generatePackage({ contracts: 40, offersPerContract: 3, contractsPerAccount: 40 })) xml += piece;
    // Contracts 5, 6 and 23 break the schema (the proof declines them, xmllint refuses them); the others are proven.
    const broken = new Set([5, 6, 23]);
    for (const i of broken) xml = xml.replace(`<ContractUniqueKey name="GEN-${String(i).padStart(6, '0')}"`, `<ContractUniqueKey bogus="1" name="GEN-${String(i).padStart(6, '0')}"`);
    for (const batchChars of [2048, 65536]) {
      const out: { index: number; failed: boolean }[] = [];
      for await (const c of readPackageChunks(Readable.from([xml]), { firstBatchChars: 1024, batchChars })) out.push({ index: c.index, failed: c.errors.length > 0 });
      expect(out.map((c) => c.index)).toEqual(Array.from({ length: 41 }, (_, i) => i));
      expect(out.filter((c) => c.failed).map((c) => c.index)).toEqual([...broken]);
    }
  });
});
