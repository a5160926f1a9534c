const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * The rows of `COPY … TO STDOUT (FORMAT binary)`, each as its fields' bytes (no NULLs expected),
 * from a stream that splits the data anywhere: a header (signature, flags, extension), then per
 * row a 16-bit field count and each field as a 32-bit length and its bytes, then -1.
 */
export async function* binaryCopyRows(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]> {
  let buf: Buffer = Buffer.alloc(0);
  let at = 0;
  let header = false;
  let row: Buffer[] | undefined;
  let fields = 0;
  const need = (n: number) => buf.length - at >= n;
  for await (const chunk of stream) {
    buf = at < buf.length ? Buffer.concat([buf.subarray(at), chunk]) : chunk;
    at = 0;
    for (;;) {
      if (!header) {
        if (!need(11)) break;
        if (!buf.subarray(0, 11).equals(COPY_SIGNATURE)) throw new Error('not a binary COPY stream');
        if (!need(19) || !need(19 + buf.readInt32BE(15))) break;
        at = 19 + buf.readInt32BE(15);
        header = true;
      } else if (!row) {
        if (!need(2)) break;
        fields = buf.readInt16BE(at);
        at += 2;
        if (fields === -1) return;
        row = [];
      } else if (row.length < fields) {
        if (!need(4)) break;
        const length = buf.readInt32BE(at);
        if (length < 0) throw new Error('a NULL in a binary COPY row');
        if (!need(4 + length)) break;
        // A copy: the part must not pin the chunk it came in (several parts share one).
        row.push(Buffer.from(buf.subarray(at + 4, at + 4 + length)));
        at += 4 + length;
      } else {
        yield row;
        row = undefined;
      }
    }
  }
  throw new Error('the binary COPY stream ended early');
}
