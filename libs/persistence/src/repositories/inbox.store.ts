import type { DataSource } from 'typeorm';
import { fallbackForSellerSql, managesSellerSql } from '../approvals/approval-scope.sql';

/** A contract waiting for approval, as the inbox lists it (one row, no term content). */
export interface PendingApprovalRow {
  id: string;
  code: string;
  version: string;
  description: string | null;
  currency: string;
  owner: string;
  submittedBy: string | null;
  submittedAt: Date;
  stateSeq: number;
  /** The first buyers (organisation DNs, or `group <name>`), and how many there are in all. */
  buyers: string[];
  buyerCount: number;
  rightToBuy: { amount: string; currency: string } | null;
  offerCount: number;
  escalated: boolean;
  previous: { id: string; version: string; stateSeq: number } | null;
}

export interface OwnContractRow {
  id: string;
  code: string;
  version: string;
  status: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface HistoryLine {
  contractId: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  detail: Record<string, unknown> | null;
}

const BUYERS_SHOWN = 5;

/**
 * The version a contract is compared with: the one it was copied from (recorded in its first
 * history line by "new version"), else the newest lower version of its family.
 */
const PREVIOUS_ID = (c: string) => `COALESCE(
  (SELECT (h1.detail->>'copiedFrom')::uuid FROM contract_history h1 WHERE h1.contract_id = ${c}.id AND h1.seq = 1),
  (SELECT f.id FROM contracts f WHERE f.code = ${c}.code AND f.origin = ${c}.origin AND f.seller_dn = ${c}.seller_dn
     AND f.deleted_at IS NULL AND (f.version_major, f.version_minor) < (${c}.version_major, ${c}.version_minor)
   ORDER BY f.version_major DESC, f.version_minor DESC LIMIT 1))`;

/** The submission time: the last history line that entered PENDING_APPROVAL (contract_history_submitted_idx). */
const SUBMITTED_AT = (c: string) => `(SELECT max(h.at) FROM contract_history h WHERE h.contract_id = ${c}.id
  AND h.to_status = 'PENDING_APPROVAL' AND h.from_status IS DISTINCT FROM 'PENDING_APPROVAL')`;

/**
 * Whether the pending contract `c` waits for manager `$1`: its seller is in the manager's
 * organisation (or below), or in that of a manager who is away and named `$1` the delegate, or
 * the contract was escalated and `$1` is the fallback approver of its seller (or of an ancestor).
 * Nobody sees what they own or submitted.
 */
const WAITING_FOR_MANAGER = (c: string) => `${c}.owner <> $1 AND ${c}.submitted_by IS DISTINCT FROM $1 AND (
  ${managesSellerSql('$1', `${c}.seller_dn`, 'now()')}
  OR (${fallbackForSellerSql('$1', `${c}.seller_dn`)}
      AND EXISTS (SELECT 1 FROM contract_history e WHERE e.contract_id = ${c}.id AND e.action = 'escalate' AND e.at >= ${SUBMITTED_AT(c)})))`;

/** Reads for the approval inbox and the representatives' "my contracts": plain SQL, a page at a time. */
export class InboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Contracts waiting for `manager`'s decision (WAITING_FOR_MANAGER), oldest submission first. */
  async pendingFor(manager: string, limit: number, offset: number): Promise<{ rows: PendingApprovalRow[]; total: number }> {
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT p.id, p.code, p.version_major, p.version_minor, p.description, p.currency::text AS currency, p.owner, p.submitted_by,
              p.state_seq, p.submitted_at, p.total, b.names AS buyers, COALESCE(b.n, 0) AS buyer_count,
              r.amount::text AS rtb_amount, r.currency::text AS rtb_currency,
              (SELECT count(*)::int FROM contract_price_offers o WHERE o.contract_id = p.id) AS offer_count,
              EXISTS (SELECT 1 FROM contract_history e WHERE e.contract_id = p.id AND e.action = 'escalate' AND e.at >= p.submitted_at) AS escalated,
              v.id AS previous_id, v.state_seq AS previous_seq, v.version_major AS previous_major, v.version_minor AS previous_minor
       FROM (
         SELECT c.id, c.code, c.origin, c.seller_dn, c.version_major, c.version_minor, c.description, c.currency, c.owner,
                c.submitted_by, c.state_seq, COALESCE(${SUBMITTED_AT('c')}, c.updated_at) AS submitted_at, count(*) OVER () AS total
         FROM contracts c
         WHERE c.status = 'PENDING_APPROVAL' AND c.deleted_at IS NULL AND ${WAITING_FOR_MANAGER('c')}
         ORDER BY submitted_at, c.id
         LIMIT $2 OFFSET $3
       ) p
       LEFT JOIN LATERAL (
         SELECT (array_agg(COALESCE(cb.organization_dn, 'group ' || cb.member_group) ORDER BY cb.position))[1:${BUYERS_SHOWN}] AS names, count(*)::int AS n
         FROM contract_buyers cb WHERE cb.contract_id = p.id
       ) b ON true
       LEFT JOIN LATERAL (
         SELECT t.amount, t.currency FROM contract_terms t WHERE t.contract_id = p.id AND t.type = 'RightToBuyTCByAmount' LIMIT 1
       ) r ON true
       LEFT JOIN contracts v ON v.id = ${PREVIOUS_ID('p')}
       ORDER BY p.submitted_at, p.id`,
      [manager, limit, offset],
    );
    let total = rows.length ? Number(rows[0]!.total) : 0;
    if (!rows.length && offset > 0) {
      const [row] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM contracts c WHERE c.status = 'PENDING_APPROVAL' AND c.deleted_at IS NULL AND ${WAITING_FOR_MANAGER('c')}`, [manager]);
      total = row.n;
    }
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id, code: r.code, version: `${r.version_major}.${r.version_minor}`, description: r.description, currency: r.currency,
        owner: r.owner, submittedBy: r.submitted_by, submittedAt: r.submitted_at, stateSeq: r.state_seq,
        buyers: r.buyers ?? [], buyerCount: r.buyer_count,
        rightToBuy: r.rtb_amount !== null ? { amount: r.rtb_amount, currency: r.rtb_currency } : null,
        offerCount: r.offer_count, escalated: r.escalated,
        previous: r.previous_id ? { id: r.previous_id, version: `${r.previous_major}.${r.previous_minor}`, stateSeq: r.previous_seq } : null,
      })),
    };
  }

  /** The version a contract is compared with, and when it was last submitted (null when never). */
  async approvalContext(contractId: string): Promise<{ previous: { id: string; version: string; status: string; stateSeq: number } | null; submittedAt: Date | null; escalated: boolean } | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${SUBMITTED_AT('c')} AS submitted_at, v.id AS previous_id, v.status AS previous_status, v.state_seq AS previous_seq,
              v.version_major AS previous_major, v.version_minor AS previous_minor,
              EXISTS (SELECT 1 FROM contract_history e WHERE e.contract_id = c.id AND e.action = 'escalate' AND e.at >= ${SUBMITTED_AT('c')}) AS escalated
       FROM contracts c LEFT JOIN contracts v ON v.id = ${PREVIOUS_ID('c')}
       WHERE c.id = $1`,
      [contractId],
    );
    if (!row) return null;
    return {
      submittedAt: row.submitted_at,
      escalated: row.escalated,
      previous: row.previous_id ? { id: row.previous_id, version: `${row.previous_major}.${row.previous_minor}`, status: row.previous_status, stateSeq: row.previous_seq } : null,
    };
  }

  /** The contracts a representative owns, newest first (contracts_owner_idx). */
  async ownedBy(owner: string, limit: number, offset: number): Promise<{ rows: OwnContractRow[]; total: number }> {
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT id, code, version_major, version_minor, status, description, created_at, updated_at, count(*) OVER () AS total
       FROM contracts WHERE owner = $1 AND deleted_at IS NULL
       ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [owner, limit, offset],
    );
    return {
      total: rows.length ? Number(rows[0]!.total) : 0,
      rows: rows.map((r) => ({
        id: r.id, code: r.code, version: `${r.version_major}.${r.version_minor}`, status: r.status, description: r.description,
        createdAt: r.created_at, updatedAt: r.updated_at,
      })),
    };
  }

  /** The audit lines of several contracts at once, in order. */
  async histories(contractIds: string[]): Promise<Map<string, HistoryLine[]>> {
    const out = new Map<string, HistoryLine[]>();
    if (!contractIds.length) return out;
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT contract_id, seq, at, actor, action, from_status, to_status, detail FROM contract_history
       WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id, seq`,
      [contractIds],
    );
    for (const r of rows) {
      const line: HistoryLine = { contractId: r.contract_id, seq: r.seq, at: r.at, actor: r.actor, action: r.action, fromStatus: r.from_status, toStatus: r.to_status, detail: r.detail };
      const list = out.get(line.contractId);
      if (list) list.push(line);
      else out.set(line.contractId, [line]);
    }
    return out;
  }
}
