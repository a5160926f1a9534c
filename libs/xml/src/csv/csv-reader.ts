/**
 * A streaming CSV reader (RFC 4180, as spreadsheets write it): comma-separated fields, a field in
 * double quotes may hold commas, line breaks and doubled quotes (""). Line breaks are CRLF, LF or
 * CR. A byte-order mark at the start is dropped; the text must be UTF-8. Every field carries the
 * line and column (1-based, in characters) where it starts, so errors point at a cell. Malformed
 * quoting stops the reader with a CsvSyntaxError at the offending character: what follows a broken
 * quote cannot be told apart from data.
 */

export interface CsvField {
  value: string;
  line: number;
  column: number;
  quoted: boolean;
}

export interface CsvRecord {
  /** The line the record starts on. */
  line: number;
  fields: CsvField[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvReadOptions {
  /** Longest field, in characters (IMPORT_MAX_NODE_CHARS): an unclosed quote would otherwise swallow the file. */
  maxFieldChars?: number;
  /** Most fields in one record. */
  maxFields?: number;
}

// NUL is searched for on purpose: Postgres cannot store it, so it is refused at its place.
// eslint-disable-next-line no-control-regex
const UNQUOTED_STOP = /[,\r\n"\u0000]/g;
// eslint-disable-next-line no-control-regex
const QUOTED_STOP = /["\r\n\u0000]/g;

type State = 'start' | 'unquoted' | 'quoted' | 'closing';

/**
 * The reader's state machine, fed text piece by piece (push) and closed with end(). Records that
 * are blank (every field empty) are skipped: spreadsheets write them after the data.
 */
export class CsvParser {
  private line = 1;
  /** Offset (in characters since the start of the text) of the current line's first character. */
  private lineStart = 0;
  /** Offset of the first character of the piece being read. */
  private base = 0;
  private state: State = 'start';
  private field = '';
  private fieldLine = 1;
  private fieldColumn = 1;
  private fields: CsvField[] = [];
  private recordLine = 1;
  /** The last piece ended with CR: an LF opening the next one belongs to the same line break. */
  private pendingLf = false;
  private started = false;
  private readonly maxFieldChars: number;
  private readonly maxFields: number;

  constructor(options: CsvReadOptions = {}) {
    this.maxFieldChars = options.maxFieldChars ?? 1024 * 1024;
    this.maxFields = options.maxFields ?? 1000;
  }

  /** The line the reader stands on (for errors found outside the parser, such as invalid UTF-8). */
  get currentLine(): number {
    return this.line;
  }

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let i = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        i = 1;
        this.lineStart = 1;
      }
    }
    if (this.pendingLf && n > 0) {
      this.pendingLf = false;
      if (text[0] === '\n') {
        if (this.state === 'quoted') this.append('\n', 0, 1);
        i = 1;
        this.lineStart = this.base + 1;
      }
    }
    while (i < n) {
      switch (this.state) {
        case 'start': {
          if (this.fields.length === 0) this.recordLine = this.line;
          this.fieldLine = this.line;
          this.fieldColumn = this.base + i - this.lineStart + 1;
          this.field = '';
          if (text[i] === '"') {
            this.state = 'quoted';
            i++;
          } else {
            this.state = 'unquoted';
          }
          break;
        }
        case 'unquoted': {
          UNQUOTED_STOP.lastIndex = i;
          const m = UNQUOTED_STOP.exec(text);
          const end = m ? m.index : n;
          this.append(text, i, end);
          if (!m) { i = n; break; }
          const ch = text[end];
          if (ch === ',') {
            this.endField(false);
            this.state = 'start';
            i = end + 1;
            // A comma at the end of the line: the last field is empty.
            if (i < n && (text[i] === '\r' || text[i] === '\n')) this.beginEmptyField(i);
          } else if (ch === '\r' || ch === '\n') {
            this.endField(false);
            const record = this.endRecord();
            if (record) out.push(record);
            i = this.lineBreak(text, end, false);
            this.state = 'start';
          } else if (ch === '"') {
            throw new CsvSyntaxError('a quote inside a field that does not start with one: put the whole field in quotes and double each quote inside it ("")', this.line, this.column(end));
          } else {
            throw new CsvSyntaxError('the character U+0000 (NUL) cannot be stored', this.line, this.column(end));
          }
          break;
        }
        case 'quoted': {
          QUOTED_STOP.lastIndex = i;
          const m = QUOTED_STOP.exec(text);
          const end = m ? m.index : n;
          this.append(text, i, end);
          if (!m) { i = n; break; }
          const ch = text[end];
          if (ch === '"') {
            this.state = 'closing';
            i = end + 1;
          } else if (ch === '\r' || ch === '\n') {
            i = this.lineBreak(text, end, true);
          } else {
            throw new CsvSyntaxError('the character U+0000 (NUL) cannot be stored', this.line, this.column(end));
          }
          break;
        }
        case 'closing': {
          const ch = text[i];
          if (ch === '"') {
            this.append('"', 0, 1);
            this.state = 'quoted';
            i++;
          } else if (ch === ',') {
            this.endField(true);
            this.state = 'start';
            i++;
            if (i < n && (text[i] === '\r' || text[i] === '\n')) this.beginEmptyField(i);
          } else if (ch === '\r' || ch === '\n') {
            this.endField(true);
            const record = this.endRecord();
            if (record) out.push(record);
            i = this.lineBreak(text, i, false);
            this.state = 'start';
          } else {
            throw new CsvSyntaxError(`"${ch}" after the closing quote of a field: a quoted field ends with its quote, then a comma or the end of the line (a quote inside it is doubled: "")`, this.line, this.column(i));
          }
          break;
        }
      }
    }
    this.base += n;
    return out;
  }

  /** The last record, when the text does not end with a line break; throws for a quote left open. */
  end(): CsvRecord[] {
    if (this.state === 'quoted') {
      throw new CsvSyntaxError('the quoted field that starts here is never closed: its closing quote is missing', this.fieldLine, this.fieldColumn);
    }
    if (this.state === 'start' && this.fields.length === 0) return [];
    // A comma at the very end (state start with fields) leaves an empty last field.
    if (this.state === 'start') this.beginEmptyField(0);
    this.endField(this.state === 'closing');
    this.state = 'start';
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private column(offsetInPiece: number): number {
    return this.base + offsetInPiece - this.lineStart + 1;
  }

  private beginEmptyField(offsetInPiece: number): void {
    this.fieldLine = this.line;
    this.fieldColumn = this.column(offsetInPiece);
    this.field = '';
    this.state = 'unquoted';
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.field += text.slice(from, to);
    if (this.field.length > this.maxFieldChars) {
      throw new CsvSyntaxError(`a field of more than ${this.maxFieldChars} characters (IMPORT_MAX_NODE_CHARS): is a closing quote missing?`, this.fieldLine, this.fieldColumn);
    }
  }

  private endField(quoted: boolean): void {
    this.fields.push({ value: this.field, line: this.fieldLine, column: this.fieldColumn, quoted });
    this.field = '';
    if (this.fields.length > this.maxFields) {
      throw new CsvSyntaxError(`more than ${this.maxFields} fields in one record`, this.fieldLine, this.fieldColumn);
    }
  }

  private endRecord(): CsvRecord | undefined {
    const fields = this.fields;
    this.fields = [];
    if (fields.every((f) => f.value === '')) return undefined;
    return { line: this.recordLine, fields };
  }

  /** Steps over a line break at `at` (CRLF counts once); inside a quoted field the break is part of the value. */
  private lineBreak(text: string, at: number, inValue: boolean): number {
    let len = 1;
    if (text[at] === '\r') {
      if (at + 1 < text.length) {
        if (text[at + 1] === '\n') len = 2;
      } else {
        this.pendingLf = true;
      }
    }
    if (inValue) this.append(text, at, at + len);
    this.line++;
    this.lineStart = this.base + at + len;
    return at + len;
  }
}

/** Reads CSV records from a stream of UTF-8 bytes (or text), a piece at a time. */
export async function* readCsvRecords(input: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const decode = (piece?: Buffer | Uint8Array): string => {
    try {
      return piece === undefined ? decoder.decode() : decoder.decode(piece, { stream: true });
    } catch {
      throw new CsvSyntaxError('the file is not valid UTF-8 here (save it as "CSV UTF-8")', parser.currentLine, 1);
    }
  };
  for await (const piece of input as AsyncIterable<Buffer | Uint8Array | string>) {
    const text = typeof piece === 'string' ? piece : decode(piece);
    for (const record of parser.push(text)) yield record;
  }
  for (const record of parser.push(decode())) yield record;
  for (const record of parser.end()) yield record;
}
