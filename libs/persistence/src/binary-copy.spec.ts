import { binaryCopyRows } from './binary-copy';

/** A binary COPY stream of rows of (int4, bytea), as Postgres writes it. */
function copyStream(rows: Array<[number, Buffer]>): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(4), Buffer.from([0, 0, 0, 2]), Buffer.from('xy')];
  for (const [seq, data] of rows) {
    const head = Buffer.alloc(2 + 4 + 4 + 4);
    head.writeInt16BE(2, 0);
    head.writeInt32BE(4, 2);
    head.writeInt32BE(seq, 6);
    head.writeInt32BE(data.length, 10);
    parts.push(head, data);
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

async function* pieces(buf: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts, buf.length]) {
    yield buf.subarray(from, cut);
    from = cut;
  }
}

async function read(stream: AsyncIterable<Buffer>): Promise<Array<[number, string]>> {
  const out: Array<[number, string]> = [];
  for await (const [seq, data] of binaryCopyRows(stream)) out.push([seq.readInt32BE(0), data.toString('latin1')]);
  return out;
}

describe('binaryCopyRows', () => {
  const rows: Array<[number, Buffer]> = [[0, Buffer.from([0x3c, 0xff, 0x00, 0x41])], [1, Buffer.alloc(0)], [2, Buffer.from('<Package/>')]];
  const whole = copyStream(rows);
  const expected = rows.map(([seq, data]): [number, string] => [seq, data.toString('latin1')]);

  it('reads every row byte for byte (invalid UTF-8 and empty fields included) however the stream is cut', async () => {
    expect(await read(pieces(whole, []))).toEqual(expected);
    for (let cut = 1; cut < whole.length; cut++) expect(await read(pieces(whole, [cut]))).toEqual(expected);
    expect(await read(pieces(whole, Array.from({ length: whole.length - 1 }, (_, i) => i + 1)))).toEqual(expected);
  });

  it('refuses a stream that ends before its trailer, or that is not a binary COPY', async () => {
    await expect(read(pieces(whole.subarray(0, whole.length - 2), []))).rejects.toThrow('ended early');
    await expect(read(pieces(Buffer.from('seq\tdata\n0\t\\x3c\n'.padEnd(40, ' ')), []))).rejects.toThrow('not a binary COPY');
  });
});
