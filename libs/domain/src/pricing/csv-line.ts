/** Splits one CSV record; double-quoted fields may contain commas and "" for a quote. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') { quoted = true; field = ''; }
    else if (ch === ',') { fields.push(field.trim()); field = ''; }
    else field += ch;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

/** A CSV text's header: its 1-based line, its column names in upper case, and its text as written. */
export interface CsvHeader {
  line: number;
  names: string[];
  text: string;
}

/** A data line: its 1-based line number and its fields (null: a quoted field never closed). */
export interface CsvRow {
  line: number;
  fields: string[] | null;
}

/**
 * Reads a CSV text as its parsers here expect it: a byte-order mark is dropped, blank lines are
 * skipped, and the first non-blank line is the header (undefined for an empty text).
 */
export function readCsv(text: string): { header?: CsvHeader; rows: Generator<CsvRow> } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { rows: (function* () {})() };
  const header = { line: headerIndex + 1, names: (splitCsvLine(lines[headerIndex]) ?? []).map((h) => h.toUpperCase()), text: lines[headerIndex].trim() };
  function* rows(): Generator<CsvRow> {
    for (let i = headerIndex + 1; i < lines.length; i++) {
      if (lines[i].trim() !== '') yield { line: i + 1, fields: splitCsvLine(lines[i]) };
    }
  }
  return { header, rows: rows() };
}
