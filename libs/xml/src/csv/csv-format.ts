/**
 * The three spreadsheet files (docs/csv-format.md): their columns as the exports write them, which
 * of them an import reads, and the header check. Columns are matched by name, in any order and
 * case; the export's informational columns (counts, audit fields) may be left out.
 */
import type { ContractStatus } from '@pactum/domain';
import type { ImportErrorDetail } from '../import-errors';
import type { WcsStateToken } from '../mapped-records';
import type { CsvRecord } from './csv-reader';

export const CSV_COLUMNS = {
  contracts: ['id', 'code', 'version', 'origin', 'status', 'wcsState', 'seller', 'account', 'currency', 'startsAt', 'endsAt', 'isBase',
    'baseContract', 'buyers', 'terms', 'priceOffers', 'createdBy', 'owner', 'updatedAt'],
  buyers: ['contractId', 'code', 'version', 'status', 'position', 'organization', 'memberGroup', 'startsAt', 'endsAt', 'active'],
  products: ['contractId', 'code', 'version', 'status', 'termSequence', 'termType', 'kind', 'item', 'currency', 'price', 'minQuantity',
    'maxQuantity', 'precedence', 'action', 'signedPercentage'],
} as const;

export type CsvExportKind = keyof typeof CSV_COLUMNS;

/** The `kind` of POST /api/v1/imports with text/csv: the file's name without `.csv`. */
export const CSV_IMPORT_KINDS = ['contracts', 'contract-buyers', 'contract-products'] as const;
export type CsvImportKind = (typeof CSV_IMPORT_KINDS)[number];

export const EXPORT_KIND_OF: Record<CsvImportKind, CsvExportKind> = { contracts: 'contracts', 'contract-buyers': 'buyers', 'contract-products': 'products' };

export function isCsvImportKind(value: unknown): value is CsvImportKind {
  return typeof value === 'string' && (CSV_IMPORT_KINDS as readonly string[]).includes(value);
}

/** Columns an import needs: the key and everything the file edits. The others may be left out and are not read. */
export const CSV_REQUIRED_COLUMNS: Record<CsvImportKind, readonly string[]> = {
  contracts: ['code', 'version', 'origin', 'seller', 'status', 'account', 'currency', 'startsAt', 'endsAt', 'isBase', 'baseContract'],
  'contract-buyers': ['code', 'version', 'status', 'organization', 'memberGroup', 'startsAt', 'endsAt', 'active'],
  'contract-products': ['code', 'version', 'status', 'termSequence', 'termType', 'kind', 'item', 'currency', 'price', 'minQuantity', 'maxQuantity',
    'precedence', 'action', 'signedPercentage'],
};

/** Pactum status → the state token of the formats (Expired, Completed and Archived have none: they are over, like Closed). */
export const STATUS_STATE_TOKEN: Record<ContractStatus, WcsStateToken> = {
  DRAFT: 'Draft', PENDING_APPROVAL: 'Pending', APPROVED: 'Approved', REJECTED: 'Reject', DEPLOYING: 'DeploymentInProgress',
  DEPLOYMENT_FAILED: 'DeploymentFailed', ACTIVE: 'Active', SUSPENDED: 'Suspended', EXPIRED: 'Closed', CANCELLED: 'Cancelled',
  CLOSED: 'Closed', COMPLETED: 'Closed', ARCHIVED: 'Closed',
};

/** A data row: its cells by column name (as the export spells it). */
export interface CsvRow {
  line: number;
  /** Position of the line's first cell, for problems of the row as a whole. */
  column: number;
  cells: Map<string, { value: string; line: number; column: number }>;
}

/** Where each column stands in the file. */
export interface CsvHeader {
  line: number;
  /** Column index → column name (undefined: a column the import does not read). */
  names: Array<string | undefined>;
}

/** Checks the header line: every required column once, no column the file kind does not have. */
export function readCsvHeader(record: CsvRecord, kind: CsvImportKind): { header?: CsvHeader; problems: ImportErrorDetail[] } {
  const known = new Map<string, string>(CSV_COLUMNS[EXPORT_KIND_OF[kind]].map((c) => [c.toLowerCase(), c]));
  const problems: ImportErrorDetail[] = [];
  const names: Array<string | undefined> = [];
  const seen = new Set<string>();
  for (const f of record.fields) {
    const name = known.get(f.value.trim().toLowerCase());
    if (!name) {
      problems.push({ line: f.line, column: f.column, message: `"${f.value}" is not a column of ${kind}.csv (its columns: ${CSV_COLUMNS[EXPORT_KIND_OF[kind]].join(', ')})` });
    } else if (seen.has(name)) {
      problems.push({ line: f.line, column: f.column, message: `the column ${name} appears twice` });
    } else {
      seen.add(name);
    }
    names.push(name);
  }
  const missing = CSV_REQUIRED_COLUMNS[kind].filter((c) => !seen.has(c));
  if (missing.length) problems.push({ line: record.line, column: 1, message: `${kind}.csv needs the column(s) ${missing.join(', ')}` });
  return problems.length ? { problems } : { header: { line: record.line, names }, problems };
}

/** A record under the header: its cells, or the problem when it has more fields than the header. */
export function csvRow(record: CsvRecord, header: CsvHeader): { row?: CsvRow; problem?: ImportErrorDetail } {
  if (record.fields.length > header.names.length) {
    const extra = record.fields[header.names.length];
    return { problem: { line: extra.line, column: extra.column, message: `${record.fields.length} fields where the header has ${header.names.length}: is a comma inside a value that is not quoted?` } };
  }
  const cells = new Map<string, { value: string; line: number; column: number }>();
  record.fields.forEach((f, i) => {
    const name = header.names[i];
    if (name) cells.set(name, { value: f.value, line: f.line, column: f.column });
  });
  return { row: { line: record.line, column: record.fields[0]?.column ?? 1, cells } };
}

/** A cell's text, trimmed ('' when the column is absent or the row is short). */
export function cell(row: CsvRow, name: string): string {
  return row.cells.get(name)?.value.trim() ?? '';
}

/** Where a cell stands (the row's start when the row is shorter than the header). */
export function cellPlace(row: CsvRow, name: string): { line: number; column: number } {
  const c = row.cells.get(name);
  return c ? { line: c.line, column: c.column } : { line: row.line, column: row.column };
}

/**
 * The rows of one contract are grouped by this key (no database needed): the unique key for the
 * contracts file; code and version for the others (contractId is checked per group).
 */
export function groupKeyOf(kind: CsvImportKind, row: CsvRow): string {
  if (kind === 'contracts') {
    return [cell(row, 'seller').replace(/\s*([,=])\s*/g, '$1').toLowerCase(), cell(row, 'origin'), cell(row, 'code'), cell(row, 'version')].join('\u0000');
  }
  return [cell(row, 'code'), cell(row, 'version')].join('\u0000');
}
