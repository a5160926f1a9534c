/**
 * Reading a CSV import in two passes, as the XML import does. The scan reads the whole file once:
 * its syntax, its header, the number of fields of every row, and which rows belong to which
 * contract; a file refused there writes nothing. The second pass hands out each contract's rows
 * together, once its last row has been read, so every contract is imported whole (rows of one
 * contract may lie anywhere in the file, as a spreadsheet sorts them).
 */
import { XmlImportError, type ImportErrorDetail } from '../import-errors';
import { CsvSyntaxError, readCsvRecords, type CsvReadOptions } from './csv-reader';
import { csvRow, groupKeyOf, readCsvHeader, type CsvHeader, type CsvImportKind, type CsvRow } from './csv-format';

type Input = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>;

/** Problems reported when the file as a whole is refused (a broken file would give one per line). */
const MAX_FILE_PROBLEMS = 100;

export interface CsvScanOptions extends CsvReadOptions {
  /**
   * Most rows the second pass may hold while it waits for the rest of their contracts
   * (IMPORT_MAX_RECORD_ELEMENTS): bounds memory when a sort scatters the rows of many contracts.
   */
  maxRowsHeld?: number;
  onRecord?: () => void;
}

export interface CsvGroupInfo {
  /** Order of first appearance: the record number of the job. */
  index: number;
  rows: number;
  line: number;
}

export interface CsvIndex {
  kind: CsvImportKind;
  header: CsvHeader;
  groups: Map<string, CsvGroupInfo>;
}

/** The rows of one contract, in file order. */
export interface CsvGroup {
  index: number;
  line: number;
  column: number;
  rows: CsvRow[];
}

function refuse(problems: ImportErrorDetail[]): never {
  throw new XmlImportError(problems[0], problems);
}

async function* rows(input: Input, kind: CsvImportKind, options: CsvReadOptions, onHeader: (h: CsvHeader) => void, problems?: ImportErrorDetail[]): AsyncGenerator<CsvRow> {
  let header: CsvHeader | undefined;
  try {
    for await (const record of readCsvRecords(input, options)) {
      if (!header) {
        const read = readCsvHeader(record, kind);
        if (!read.header) refuse(read.problems);
        header = read.header;
        onHeader(header);
        continue;
      }
      const { row, problem } = csvRow(record, header);
      if (problem) {
        if (!problems) refuse([problem]);
        problems.push(problem);
        if (problems.length >= MAX_FILE_PROBLEMS) refuse(problems);
        continue;
      }
      yield row!;
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) refuse([...(problems ?? []), { line: err.line, column: err.column, message: err.reason }]);
    throw err;
  }
  if (!header) refuse([{ line: 1, column: 1, message: `the file is empty: the first line must be the header of ${kind}.csv` }]);
}

/** The first pass. Throws XmlImportError (every problem with its line and column) when the file is refused as a whole. */
export async function scanCsv(input: Input, kind: CsvImportKind, options: CsvScanOptions = {}): Promise<CsvIndex> {
  const groups = new Map<string, CsvGroupInfo & { firstRow: number; lastRow: number }>();
  const problems: ImportErrorDetail[] = [];
  const read: { header?: CsvHeader } = {};
  let n = 0;
  for await (const row of rows(input, kind, options, (h) => { read.header = h; }, problems)) {
    options.onRecord?.();
    const missing = ['code', 'version'].filter((c) => (row.cells.get(c)?.value.trim() ?? '') === '');
    if (missing.length) {
      const at = row.cells.get(missing[0]);
      problems.push({ line: at?.line ?? row.line, column: at?.column ?? row.column, field: missing[0], message: `${missing.join(' and ')} must be given: they say which contract the row belongs to` });
      if (problems.length >= MAX_FILE_PROBLEMS) refuse(problems);
      continue;
    }
    const key = groupKeyOf(kind, row);
    const g = groups.get(key);
    if (g) {
      g.rows++;
      g.lastRow = n;
    } else {
      groups.set(key, { index: groups.size, rows: 1, line: row.line, firstRow: n, lastRow: n });
    }
    n++;
  }
  if (problems.length) refuse(problems);
  if (!groups.size) refuse([{ line: read.header!.line + 1, column: 1, message: 'the file holds no rows under its header' }]);
  const limit = options.maxRowsHeld;
  if (limit !== undefined) {
    // An upper bound of what the second pass holds at once: every row of a contract, from its first row to its last.
    const events: Array<[at: number, rows: number, line: number]> = [];
    for (const g of groups.values()) events.push([g.firstRow, g.rows, g.line], [g.lastRow + 0.5, -g.rows, g.line]);
    events.sort((a, b) => a[0] - b[0]);
    let held = 0;
    for (const [, rowsOf, line] of events) {
      held += rowsOf;
      if (held > limit) {
        refuse([{ line, column: 1, message: `the rows of the contracts lie too far apart: more than ${limit} rows would wait for the rest of their contract (IMPORT_MAX_RECORD_ELEMENTS). Sort the file by code and version` }]);
      }
    }
  }
  return { kind, header: read.header!, groups: new Map([...groups].map(([key, g]) => [key, { index: g.index, rows: g.rows, line: g.line }])) };
}

/** The second pass: each contract's rows, handed out when its last row has been read. */
export async function* readCsvGroups(input: Input, index: CsvIndex, options: CsvReadOptions = {}): AsyncGenerator<CsvGroup> {
  const pending = new Map<string, CsvRow[]>();
  for await (const row of rows(input, index.kind, options, () => undefined)) {
    if ((row.cells.get('code')?.value.trim() ?? '') === '' || (row.cells.get('version')?.value.trim() ?? '') === '') continue;
    const key = groupKeyOf(index.kind, row);
    const info = index.groups.get(key);
    if (!info) continue; // the scan read another file: cannot happen for a stored upload
    let held = pending.get(key);
    if (!held) pending.set(key, (held = []));
    held.push(row);
    if (held.length === info.rows) {
      pending.delete(key);
      yield { index: info.index, line: held[0].line, column: held[0].column, rows: held };
    }
  }
}
