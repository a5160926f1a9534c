import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { XmlImportError } from './import-errors';
import { generatePackage } from './package-generator';
import { importPackage, type ImportFailure, type ImportRecord } from './package-mapper';
import { readPackageChunks, splitPackage, type PackageChunk } from './package-splitter';

const fixture = (name: string) => join(__dirname, '../../../test/fixtures/xml', name);

async function split(input: Readable, options = {}): Promise<PackageChunk[]> {
  const out: PackageChunk[] = [];
  for await (const c of splitPackage(input, options)) out.push(c);
  return out;
}

async function fatal(name: string, options = {}): Promise<XmlImportError> {
  try {
    await split(createReadStream(fixture(name)), options);
  } catch (e) {
    if (e instanceof XmlImportError) return e;
    throw e;
  }
  throw new Error(`${name} was accepted`);
}

async function importAll(input: Readable): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of importPackage(input)) out.push(r);
  return out;
}

describe('splitPackage', () => {
  it('cuts the complete example into its account and contracts with their positions', async () => {
    const chunks = await split(createReadStream(fixture('complete-package.xml')));
    expect(chunks.map((c) => [c.kind, c.line, c.column])).toEqual([['account', 6, 3], ['contract', 14, 3], ['contract', 37, 3]]);
    expect(chunks[1].xml).toMatch(/^<BuyerContract state="Active">[\s\S]*<\/BuyerContract>$/);
  });

  it('finds chunks whose start tag is cut across input pieces, one byte at a time', async () => {
    const xml = '<?xml version="1.0"?>\n<p:Package xmlns:p="http://www.ibm.com/WebSphereCommerce">\n  <p:Account name="A"><p:Seller distinguishedName="o=S"/></p:Account><p:BuyerContract/>\n</p:Package>';
    const bytes = Buffer.from(xml);
    const pieces = Readable.from([...bytes].map((b) => Buffer.from([b])));
    const chunks = await split(pieces);
    expect(chunks.map((c) => [c.kind, c.line, c.column, c.xml.slice(0, 12)])).toEqual([['account', 3, 3, '<p:Account n'], ['contract', 3, 70, '<p:BuyerCont']]);
  });

  it.each([
    ['xxe-external-entity.xml', 2],
    ['billion-laughs.xml', 2],
    ['doctype.xml', 2],
  ])('refuses the DOCTYPE of %s at line %d', async (name, line) => {
    const e = await fatal(name);
    expect(e.message).toMatch(/DOCTYPE is not allowed/);
    expect(e.line).toBe(line);
  });

  it('refuses a declared encoding other than UTF-8 on line 1', async () => {
    const e = await fatal('iso-8859-1-declared.xml');
    expect([e.line, e.reason]).toEqual([1, 'encoding "ISO-8859-1" is not supported: a Package must be UTF-8']);
  });

  it('refuses bytes that are not UTF-8, at their line and column', async () => {
    const e = await fatal('invalid-utf8-bytes.xml');
    expect(e.reason).toMatch(/invalid UTF-8/);
    expect([e.line, e.column]).toEqual([20, 19]);
  });

  it('refuses a UTF-16 byte order mark', async () => {
    await expect(split(Readable.from([Buffer.from([0xff, 0xfe, 0x3c, 0x00])]))).rejects.toThrow(/UTF-16 is not supported/);
  });

  it('refuses nesting deeper than the limit, at the element that goes too deep', async () => {
    const e = await fatal('deep-nesting.xml');
    expect(e.reason).toBe('elements are nested deeper than 32 levels');
    expect(e.line).toBe(27);
    await expect(split(createReadStream(fixture('deep-nesting.xml')), { maxDepth: 64 })).resolves.toHaveLength(2);
  });

  it('refuses undeclared entities and malformed XML with the line', async () => {
    const e = await split(Readable.from(['<Package xmlns="http://www.ibm.com/WebSphereCommerce">\n<Account name="&xxe;"/></Package>'])).catch((x) => x as XmlImportError);
    expect(e).toBeInstanceOf(XmlImportError);
    expect((e as XmlImportError).line).toBe(2);
    expect((e as XmlImportError).reason).toMatch(/undefined entity/);
    const m = await split(Readable.from(['<Package xmlns="http://www.ibm.com/WebSphereCommerce">\n<Account>\n</Package>'])).catch((x) => x as XmlImportError);
    expect((m as XmlImportError).line).toBe(3);
  });

  it('refuses a root that is not the WCS Package', async () => {
    await expect(split(Readable.from(['<Package><Account/></Package>']))).rejects.toThrow(/root element must be Package in namespace http:\/\/www.ibm.com\/WebSphereCommerce/);
  });

  describe('limits that keep a hostile file from exhausting memory', () => {
    const OPEN = '<?xml version="1.0"?>\n<Package xmlns="http://www.ibm.com/WebSphereCommerce">\n';
    /** `mb` MiB of `unit` after `head`, as 64 KiB pieces; counts what the splitter pulled. */
    function hostile(head: string, unit: string, mb: number, tail = '') {
      const piece = unit.repeat(Math.ceil(65536 / unit.length));
      const pieces = Math.ceil((mb * 1024 * 1024) / piece.length);
      const pulled = { bytes: 0 };
      const input = Readable.from((function* () {
        yield Buffer.from(OPEN + head);
        for (let i = 0; i < pieces; i++) {
          pulled.bytes += piece.length;
          yield Buffer.from(piece);
        }
        yield Buffer.from(tail);
      })());
      return { input, pulled };
    }

    async function refusal(input: Readable, options = {}): Promise<XmlImportError> {
      const e = await split(input, options).catch((x) => x);
      expect(e).toBeInstanceOf(XmlImportError);
      return e as XmlImportError;
    }

    it.each([
      ['a text node', '<BuyerContract>\n<Comment>', 'x', '</Comment></BuyerContract></Package>', 4, 10],
      ['an attribute value', '<Account name="', 'y', '"/></Package>', 3, 10],
      ['a comment', '<!-- ', 'z', ' --></Package>', 3, 2],
      ['whitespace straight inside Package', '', ' ', '</Package>', 2, 55],
    ])('refuses %s of 8 MiB at its line after reading about 1 MiB', async (_what, head, unit, tail, line, column) => {
      const { input, pulled } = hostile(head, unit, 8, tail);
      const e = await refusal(input);
      expect(e.reason).toBe('a single text, attribute value, comment or tag of the Package is longer than 1048576 characters (the import limit)');
      expect([e.line, e.column]).toEqual([line, column]);
      expect(pulled.bytes).toBeLessThan(1.5 * 1024 * 1024);
    });

    it('refuses a 50 MiB BuyerContract of small elements at its start tag, by its element count or its size, reading only up to the limit', async () => {
      const many = hostile('<BuyerContract>', '<Offer/>', 50, '</BuyerContract></Package>');
      const e = await refusal(many.input);
      expect([e.line, e.column, e.reason]).toEqual([3, 1, 'an element of the Package holds more than 250000 elements (the import limit)']);
      expect(many.pulled.bytes).toBeLessThan(3 * 1024 * 1024);

      const big = hostile('<BuyerContract>', `<Offer a="${'0123456789'.repeat(20)}"/>`, 50, '</BuyerContract></Package>');
      const b = await refusal(big.input);
      expect([b.line, b.column, b.reason]).toEqual([3, 1, `an element of the Package is larger than ${16 * 1024 * 1024} characters (the import limit)`]);
      expect(big.pulled.bytes).toBeLessThan(17 * 1024 * 1024);
    });

    it('takes the limits as options', async () => {
      const text = `<BuyerContract><Comment>${'x'.repeat(5000)}</Comment></BuyerContract>`;
      await expect(split(Readable.from([`${OPEN}${text}</Package>`]))).resolves.toHaveLength(1);
      expect((await refusal(Readable.from([`${OPEN}${text}</Package>`]), { maxNodeChars: 4096 })).reason).toMatch(/longer than 4096 characters/);
      expect((await refusal(Readable.from([`${OPEN}${text}</Package>`]), { maxChunkElements: 1 })).reason).toMatch(/more than 1 elements/);
      expect((await refusal(Readable.from([`${OPEN}${text}</Package>`]), { maxChunkChars: 4096 })).reason).toMatch(/larger than 4096 characters/);
    });

    it('refuses a NUL character reference with its line and column', async () => {
      const e = await refusal(Readable.from([`${OPEN}<BuyerContract>\n  <Comment>a&#0;b</Comment></BuyerContract></Package>`]));
      expect([e.line, e.reason]).toEqual([4, 'malformed character entity.']);
    });
  });

  // What it proves is the chunking (each contract its own chunk, none past a contract's size), not
  // the splitter's memory: the import benchmark's peak RSS watches that.
  it('cuts a 20 MB package into one chunk per contract and account, none larger than one contract (30,000 characters)', async () => {
    let maxChunk = 0;
    let count = 0;
    for await (const c of splitPackage(generatePackage({ contracts: 1000, offersPerContract: 200 }))) {
      maxChunk = Math.max(maxChunk, c.xml.length);
      count++;
    }
    expect(count).toBe(1010); // 1,000 contracts + 10 accounts
    expect(maxChunk).toBeLessThan(30_000);
  });
});

describe('readPackageChunks / importPackage on broken files', () => {
  const failureOf = async (name: string): Promise<ImportFailure> => {
    const records = await importAll(createReadStream(fixture(name)));
    const failures = records.filter((r): r is ImportFailure => r.kind === 'error');
    expect(failures).toHaveLength(1);
    return failures[0];
  };

  it('reports an unknown element at its line and goes on with the other contracts', async () => {
    const records = await importAll(createReadStream(fixture('unknown-element.xml')));
    expect(records.map((r) => r.kind)).toEqual(['account', 'contract', 'error']);
    const f = records[2] as ImportFailure;
    expect(f.contract).toBe('NWF-UNKNOWN');
    expect(f.errors[0]).toMatchObject({ line: 50, column: 7, contract: 'NWF-UNKNOWN' });
    expect(f.errors[0].message).toMatch(/PriceTCCustomPricelist': This element is not expected/);
  });

  it('reports a wrong state token (Rejected for Reject)', async () => {
    const f = await failureOf('wrong-state-token.xml');
    expect(f.errors[0]).toMatchObject({ line: 7, column: 18, contract: 'NWF-001' });
    expect(f.errors[0].message).toMatch(/'Rejected' is not an element of the set/);
  });

  it('reports a time zone where the format has none', async () => {
    const f = await failureOf('time-zone.xml');
    expect(f.errors[0]).toMatchObject({ line: 17, column: 7 });
    expect(f.errors[0].message).toMatch(/StartTime.*'2026-01-01T00:00:00\+02:00'/);
  });

  it('reports a negative price at the attribute', async () => {
    const f = await failureOf('negative-amount.xml');
    expect(f.errors[0]).toMatchObject({ line: 27, column: 31 });
    expect(f.errors[0].message).toMatch(/attribute 'price'.*'-18.40'/);
  });

  it('reports a non-numeric amount', async () => {
    const f = await failureOf('non-numeric-amount.xml');
    expect(f.errors[0]).toMatchObject({ line: 29, column: 48 });
    expect(f.errors[0].message).toMatch(/maximumAmount.*'ten thousand' is not a valid value/);
  });

  it('reports a duplicate unique key at the second occurrence, naming the first', async () => {
    const records = await importAll(createReadStream(fixture('duplicate-unique-key.xml')));
    expect(records.map((r) => r.kind)).toEqual(['account', 'contract', 'contract', 'error']);
    const f = records[3] as ImportFailure;
    expect(f.errors[0]).toMatchObject({ line: 55, column: 3, contract: 'NWF-DUP' });
    expect(f.errors[0].message).toMatch(/duplicate unique key NWF-DUP 1.0 .*first at line 7/);
  });
});

describe('streaming a generated package', () => {
  it('splits, validates and parses 2,000 contracts × 50 offers with the right counts', async () => {
    let contracts = 0;
    let accounts = 0;
    let offers = 0;
    let bytes = 0;
    const source = generatePackage({ contracts: 2000, offersPerContract: 50 });
    source.on('data', (b: Buffer) => (bytes += b.length));
    const started = process.hrtime.bigint();
    for await (const c of readPackageChunks(source)) {
      expect(c.errors).toEqual([]);
      if (c.kind === 'account') accounts++;
      if (c.kind === 'contract') {
        contracts++;
        const terms = c.element!.children.find((e) => e.name === 'TermsAndConditions')!;
        offers += terms.children[0].children.filter((e) => e.name === 'Offer').length;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect([contracts, accounts, offers]).toEqual([2000, 20, 100_000]);
    process.stdout.write(`split+validate+parse: ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${(bytes / 1e6 / seconds).toFixed(1)} MB/s\n`);
  });
});
