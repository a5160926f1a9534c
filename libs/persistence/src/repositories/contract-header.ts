import { ContractEntity } from '../entities';

/**
 * The contracts row's columns under ContractEntity's property names, for plain SQL reads of the
 * row (`c` is the contracts table). Plain SQL, because the row is read several times per request
 * and TypeORM's entity query costs more CPU than the read itself.
 */
export const CONTRACT_HEADER_COLUMNS = [
  'c.id', 'c.code', 'c.origin', 'c.seller_dn AS "sellerDn"', 'c.version_major AS "versionMajor"', 'c.version_minor AS "versionMinor"',
  'c.status', 'c.description', 'c.currency', 'c.starts_at AS "startsAt"', 'c.ends_at AS "endsAt"', 'c.is_base AS "isBase"',
  'c.base_contract_id AS "baseContractId"', 'c.account_name AS "accountName"', 'c.comment', 'c.credit_allowed AS "creditAllowed"',
  'c.created_by AS "createdBy"', 'c.owner', 'c.submitted_by AS "submittedBy"', 'c.workflow_id AS "workflowId"',
  'c.state_seq AS "stateSeq"', 'c.deleted_at AS "deletedAt"', 'c.created_at AS "createdAt"', 'c.updated_at AS "updatedAt"',
].join(', ');

/** A timestamp as a row carries it: a Date from pg, an ISO string from JSON (both to the millisecond, truncated alike). */
const toDate = (v: Date | string | null): Date | null => (v === null || v instanceof Date ? v : new Date(v));

/** A row read with CONTRACT_HEADER_COLUMNS (directly, or as JSON) as the entity TypeORM would have loaded. */
export function toContractHeader(row: Record<string, any>): ContractEntity {
  return Object.assign(new ContractEntity(), {
    id: row.id, code: row.code, origin: row.origin, sellerDn: row.sellerDn, versionMajor: row.versionMajor, versionMinor: row.versionMinor,
    status: row.status, description: row.description, currency: row.currency, startsAt: toDate(row.startsAt)!, endsAt: toDate(row.endsAt)!,
    isBase: row.isBase, baseContractId: row.baseContractId, accountName: row.accountName, comment: row.comment, creditAllowed: row.creditAllowed,
    createdBy: row.createdBy, owner: row.owner, submittedBy: row.submittedBy, workflowId: row.workflowId, stateSeq: row.stateSeq,
    deletedAt: toDate(row.deletedAt), createdAt: toDate(row.createdAt)!, updatedAt: toDate(row.updatedAt)!,
  });
}

/** The header columns and the key of the base contract (`baseContract`, JSON or null): a contract record's row. */
export const CONTRACT_RECORD_COLUMNS = `${CONTRACT_HEADER_COLUMNS}, (SELECT json_build_object('id', b.id, 'code', b.code, 'versionMajor', b.version_major, 'versionMinor', b.version_minor)
  FROM contracts b WHERE b.id = c.base_contract_id) AS "baseContract"`;
