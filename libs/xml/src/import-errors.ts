/**
 * Errors of the XML import. Every problem points at a place in the file (1-based line and,
 * where known, column) and, once the contract's unique key is known, names the contract.
 */
export interface ImportErrorDetail {
  line: number;
  column?: number;
  /** The contract's unique-key name (or the account name), when the problem lies inside one. */
  contract?: string;
  /** The draft field the problem belongs to (e.g. `terms[3].price`), when it comes from the domain checks. */
  field?: string;
  message: string;
}

/** A problem that stops reading the file (malformed XML, DOCTYPE, wrong encoding, too deep). */
export class XmlImportError extends Error {
  readonly line: number;
  readonly column?: number;
  readonly contract?: string;
  /** The message without the position prefix. */
  readonly reason: string;
  /** Every problem that refuses the file (the first is the one above). */
  readonly details: ImportErrorDetail[];

  constructor(detail: ImportErrorDetail, all?: ImportErrorDetail[]) {
    super(formatImportError(detail));
    this.details = all?.length ? all : [detail];
    this.name = 'XmlImportError';
    this.line = detail.line;
    this.column = detail.column;
    this.contract = detail.contract;
    this.reason = detail.message;
  }

  get detail(): ImportErrorDetail {
    return { line: this.line, column: this.column, contract: this.contract, message: this.reason };
  }
}

/** `line 12, column 7 (contract NWF-1): message`, the form the CLI prints. */
export function formatImportError(d: ImportErrorDetail): string {
  const where = d.column !== undefined ? `line ${d.line}, column ${d.column}` : `line ${d.line}`;
  const who = d.contract ? ` (contract ${d.contract})` : '';
  const field = d.field ? ` ${d.field}:` : '';
  return `${where}${who}:${field} ${d.message}`;
}
