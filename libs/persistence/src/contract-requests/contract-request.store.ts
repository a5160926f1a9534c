import type { DataSource } from 'typeorm';
import { DomainError } from '@pactum/domain';
import { returningRows } from '../repositories/returning-rows';

export type ContractRequestStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED';

export interface ContractRequest {
  id: string;
  seller: string;
  buyer: string;
  customerName: string;
  requestedBy: string;
  message: string | null;
  customerNumber: string | null;
  currency: string | null;
  status: ContractRequestStatus;
  /** Bumped by every decision: a mailed link made before it is stale. */
  stateSeq: number;
  contractId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  declineReason: string | null;
  createdAt: string;
}

export interface NewContractRequest {
  seller: string;
  buyer: string;
  customerName: string;
  requestedBy: string;
  message?: string;
  customerNumber?: string;
  currency?: string;
}

/** Where a seller wants contract requests: the desk's address and the representative who owns the drafts. */
export interface ContractRequestDesk {
  email: string | null;
  owner: string | null;
}

interface Row {
  id: string; seller_dn: string; buyer_dn: string; customer_name: string; requested_by: string; message: string | null;
  customer_number: string | null; currency: string | null; status: ContractRequestStatus; state_seq: number;
  contract_id: string | null; decided_by: string | null; decided_at: Date | null; decline_reason: string | null; created_at: Date;
}

const view = (r: Row): ContractRequest => ({
  id: r.id, seller: r.seller_dn, buyer: r.buyer_dn, customerName: r.customer_name, requestedBy: r.requested_by, message: r.message,
  customerNumber: r.customer_number, currency: r.currency?.trim() ?? null, status: r.status, stateSeq: r.state_seq,
  contractId: r.contract_id, decidedBy: r.decided_by, decidedAt: r.decided_at?.toISOString() ?? null, declineReason: r.decline_reason,
  createdAt: r.created_at.toISOString(),
});

/** Contract requests (a buyer asks a seller for a contract; the seller accepts into a Draft or declines). */
export class ContractRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(r: NewContractRequest): Promise<ContractRequest> {
    const known: { dn: string }[] = await this.dataSource.query(`SELECT dn FROM organizations WHERE dn = ANY ($1)`, [[r.seller, r.buyer]]);
    const dns = new Set(known.map((k) => k.dn));
    if (!dns.has(r.seller)) throw DomainError.validation([{ field: 'seller', message: `no organisation "${r.seller}"` }], 'Unknown seller');
    if (!dns.has(r.buyer)) throw DomainError.validation([{ field: 'buyer', message: `no organisation "${r.buyer}"` }], 'Unknown buyer');
    const [row]: Row[] = await this.dataSource.query(
      `INSERT INTO contract_requests (seller_dn, buyer_dn, customer_name, requested_by, message, customer_number, currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [r.seller, r.buyer, r.customerName, r.requestedBy, r.message ?? null, r.customerNumber ?? null, r.currency ?? null]);
    return view(row!);
  }

  async find(id: string): Promise<ContractRequest | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row]: Row[] = await this.dataSource.query(`SELECT * FROM contract_requests WHERE id = $1`, [id]);
    return row ? view(row) : null;
  }

  async list(filter: { seller?: string; requestedBy?: string; status?: ContractRequestStatus }): Promise<ContractRequest[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM contract_requests
        WHERE ($1::text IS NULL OR seller_dn = $1) AND ($2::text IS NULL OR requested_by = $2) AND ($3::text IS NULL OR status = $3)
        ORDER BY created_at DESC LIMIT 500`,
      [filter.seller ?? null, filter.requestedBy ?? null, filter.status ?? null]);
    return rows.map(view);
  }

  async deskOf(sellerDn: string): Promise<ContractRequestDesk> {
    const [row]: { contract_request_email: string | null; contract_request_owner: string | null }[] = await this.dataSource.query(
      `SELECT contract_request_email, contract_request_owner FROM organizations WHERE dn = $1`, [sellerDn]);
    return { email: row?.contract_request_email ?? null, owner: row?.contract_request_owner ?? null };
  }

  /**
   * Records a decision if the request is still PENDING at `expectedSeq`; null when someone else
   * decided first (the caller answers 409, nothing changes).
   */
  async decide(id: string, expectedSeq: number, decision: { status: 'ACCEPTED' | 'DECLINED'; by: string; customerNumber?: string; currency?: string; contractId?: string; reason?: string }): Promise<ContractRequest | null> {
    const [row] = returningRows<Row>(await this.dataSource.query(
      `UPDATE contract_requests SET status = $3, state_seq = state_seq + 1, decided_by = $4, decided_at = now(),
              customer_number = COALESCE($5, customer_number), currency = COALESCE($6, currency), contract_id = $7, decline_reason = $8
        WHERE id = $1 AND state_seq = $2 AND status = 'PENDING' RETURNING *`,
      [id, expectedSeq, decision.status, decision.by, decision.customerNumber ?? null, decision.currency ?? null, decision.contractId ?? null, decision.reason ?? null]));
    return row ? view(row) : null;
  }

  /** Links the Draft contract an accepted request became. */
  async attachContract(id: string, contractId: string): Promise<ContractRequest | null> {
    const [row] = returningRows<Row>(await this.dataSource.query(`UPDATE contract_requests SET contract_id = $2 WHERE id = $1 RETURNING *`, [id, contractId]));
    return row ? view(row) : null;
  }

  /** Undoes a claimed acceptance whose contract could not be created (links made before stay valid). */
  async reopen(id: string, seq: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE contract_requests SET status = 'PENDING', state_seq = $2, decided_by = NULL, decided_at = NULL
        WHERE id = $1 AND status = 'ACCEPTED' AND contract_id IS NULL`, [id, seq]);
  }
}
