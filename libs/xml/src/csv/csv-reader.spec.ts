import { CsvParser, CsvSyntaxError, readCsvRecords, type CsvRecord } from './csv-reader';

async function read(pieces: Array<string | Buffer>, options = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(pieces, options)) out.push(r);
  return out;
}

const values = (records: CsvRecord[]) => records.map((r) => r.fields.map((f) => f.value));

async function syntaxError(pieces: Array<string | Buffer>, options = {}): Promise<CsvSyntaxError> {
  try {
    await read(pieces, options);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err;
    throw err;
  }
  throw new Error('no CsvSyntaxError');
}

describe('readCsvRecords', () => {
  it('reads plain fields, CRLF, LF and CR line ends, and a last line without a break', async () => {
    expect(values(await read(['a,b,c\r\n1,2,3\n4,5,6\r7,8,9']))).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']]);
  });

  it('reads quoted fields with commas, doubled quotes and embedded line breaks, numbering lines as the file does', async () => {
    const records = await read(['code,seller\r\n"A, ""quoted""","o=Acme,\r\no=Root"\r\nB,x\r\n']);
    expect(values(records)).toEqual([['code', 'seller'], ['A, "quoted"', 'o=Acme,\r\no=Root'], ['B', 'x']]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1].fields[1]).toMatchObject({ line: 2, column: 17, quoted: true });
  });

  it('drops a byte-order mark without counting it as a column', async () => {
    const records = await read([Buffer.from('\uFEFFcode,version\nX,1.0\n', 'utf8')]);
    expect(values(records)).toEqual([['code', 'version'], ['X', '1.0']]);
    expect(records[0].fields[0]).toMatchObject({ value: 'code', line: 1, column: 1 });
  });

  it('gives every field its line and column, empty fields included (a comma at the end of a line)', async () => {
    const [, row] = await read(['a,b,c\nxy,,\n']);
    expect(row.fields).toEqual([
      { value: 'xy', line: 2, column: 1, quoted: false }, { value: '', line: 2, column: 4, quoted: false }, { value: '', line: 2, column: 5, quoted: false },
    ]);
  });

  it('skips blank lines and rows of empty fields, as spreadsheets write them after the data', async () => {
    expect(values(await read(['a,b\n\n1,2\n,\n\r\n,,\n']))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads the same records whatever the pieces: a CRLF, a quote pair and a multi-byte character split across pieces', async () => {
    const text = 'sku,name\r\n"X-1","Ünïcode ""é"" €"\r\nY,"two\r\nlines"\r\n';
    const whole = values(await read([text]));
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(values(await read([bytes.subarray(0, cut), bytes.subarray(cut)]))).toEqual(whole);
    }
    expect(whole[1]).toEqual(['X-1', 'Ünïcode "é" €']);
  });

  it('refuses a quote inside an unquoted field at its line and column', async () => {
    const err = await syntaxError(['a,b\nab"c,d\n']);
    expect(err).toMatchObject({ line: 2, column: 3 });
    expect(err.reason).toMatch(/quote inside a field/);
  });

  it('refuses text after the closing quote of a field at its line and column', async () => {
    const err = await syntaxError(['a,b\n"x"y,d\n']);
    expect(err).toMatchObject({ line: 2, column: 4 });
    expect(err.reason).toMatch(/after the closing quote/);
  });

  it('refuses a quoted field that is never closed at the line and column where it opens', async () => {
    const err = await syntaxError(['a,b\n1,2\n3,"open\n4,5\n6,7\n']);
    expect(err).toMatchObject({ line: 3, column: 3 });
    expect(err.reason).toMatch(/never closed/);
  });

  it('stops a field longer than the limit (an unclosed quote cannot swallow the file)', async () => {
    const err = await syntaxError(['a\n"', 'x'.repeat(100), 'y'.repeat(100)], { maxFieldChars: 150 });
    expect(err).toMatchObject({ line: 2, column: 1 });
    expect(err.reason).toMatch(/more than 150 characters/);
  });

  it('refuses NUL, which Postgres cannot store, and bytes that are not UTF-8', async () => {
    expect(await syntaxError(['a,b\nx,y\u0000z\n'])).toMatchObject({ line: 2, column: 4 });
    const latin1 = Buffer.concat([Buffer.from('a,b\nx,'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect((await syntaxError([latin1])).reason).toMatch(/not valid UTF-8/);
  });

  it('the parser alone: push() answers complete records only, end() the last one', () => {
    const p = new CsvParser();
    expect(p.push('a,"b')).toEqual([]);
    expect(p.push('c",d\ne')).toEqual([{ line: 1, fields: [
      { value: 'a', line: 1, column: 1, quoted: false }, { value: 'bc', line: 1, column: 3, quoted: true }, { value: 'd', line: 1, column: 8, quoted: false }] }]);
    expect(p.end()).toEqual([{ line: 2, fields: [{ value: 'e', line: 2, column: 1, quoted: false }] }]);
  });
});
