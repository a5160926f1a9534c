/**
 * What reading a Package produces: one record per Account or BuyerContract, or the problems that
 * stopped it, and the options the mapping takes.
 */
import type { ContractDraft, TypedContractTerm } from '@pactum/domain';
import type { ImportErrorDetail } from './import-errors';
import type { ContractKey } from './wcs-reader';

export const WCS_STATE_TOKENS = ['Draft', 'Pending', 'Approved', 'Active', 'Reject', 'Cancelled', 'Closed', 'Suspended', 'DeploymentInProgress', 'DeploymentFailed'] as const;
export type WcsStateToken = (typeof WCS_STATE_TOKENS)[number];

/** The WCS numeric state codes (CONTRACT-MODEL.md), kept for import/export. */
export const WCS_STATE_CODES: Record<WcsStateToken, number> = {
  Draft: 0, Pending: 1, Approved: 2, Active: 3, Reject: 4, Cancelled: 5, Closed: 6, Suspended: 7, DeploymentInProgress: -1, DeploymentFailed: -2,
};

export type { ContractKey } from './wcs-reader';

/** A term as the import produces it: exactly the shared term model (the force-price flag is the draft's). */
export type ImportedTerm = TypedContractTerm;

/** The draft as the import produces it: validateContractDraft's output. */
export type ImportedDraft = ContractDraft;

/** What the Package carries beyond ContractDraft. */
export interface ContractExtras {
  /**
   * Attachment descriptions by attachment index, when they are more than the draft keeps (the first
   * Description's text): several locales, or a single one other than en_US.
   */
  attachmentDescriptions?: Record<number, Record<string, string>>;
}

export interface MappedContract {
  kind: 'contract';
  /** Position among the Package's children: the record's number in the job. */
  index: number;
  key: ContractKey;
  /** The base contract's full key, when the contract refers to one. */
  baseKey?: ContractKey;
  state: WcsStateToken;
  draft: ImportedDraft;
  extras: ContractExtras;
  line: number;
  column: number;
  /** Where a draft field came from, when the record knows better than its own line (a CSV cell). */
  place?: (field: string) => { line: number; column: number; columnName?: string } | undefined;
}

export interface MappedAccount {
  kind: 'account';
  index: number;
  name: string;
  seller: string;
  buyerOrganization: string;
  creditAllowed: boolean;
  terms: ImportedTerm[];
  line: number;
  column: number;
}

/** A chunk that could not be imported; the rest of the file goes on. */
export interface ImportFailure {
  kind: 'error';
  index: number;
  /** The unique-key name or account name, when it could be read. */
  contract?: string;
  line: number;
  column: number;
  errors: ImportErrorDetail[];
}

export type ImportRecord = MappedContract | MappedAccount | ImportFailure;

export interface MapOptions {
  /** Contract currency when neither the file nor its amounts name one (IMPORT_DEFAULT_CURRENCY; USD). */
  defaultCurrency?: string;
}
