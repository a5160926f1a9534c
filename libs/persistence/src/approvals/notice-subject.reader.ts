import type { DataSource } from 'typeorm';
import { compareDecimals, formatMoney, subtractDecimals } from '@pactum/domain';
import type { ContractEntity } from '../entities';
import { CONTRACT_HEADER_COLUMNS, toContractHeader } from '../repositories/contract-header';
import { AUDIT_NOTE_ACTIONS, decisionSeqSql } from '../repositories/contract.store';
import { approverRowsSql, approversFromRows, type Approver, type ApproverRow } from './approver-directory';

/** What a lifecycle notice's mail is made from. */
export interface NoticeSubject {
  contract: ContractEntity;
  /** The seq action links bind to (ContractStore.findHeaderForDecision). */
  decisionSeq: number;
  /** The owner's and the submitter's contacts, by username; absent when that user is inactive or gone. */
  contacts: Map<string, Approver>;
  /** The seller's approvers, neither the owner nor the submitter (ApproverDirectory.approversFor); read only when asked for. */
  approvers: Approver[];
  /** The contract's obligation to buy when it is not met yet (own term, else its base contract's); read only when asked for. */
  unmetObligations?: UnmetObligation[];
}

/** An obligation to buy not met yet: `bought` is what committed orders counted towards it. */
export interface UnmetObligation {
  amount: string;
  currency: string;
  bought: string;
  remaining: string;
  /** The end of its window: `days` after the contract start, or the contract end if earlier. */
  endsAt: Date;
}

interface SubjectRow {
  decisionSeq: number | null;
  contacts: { username: string; display_name: string | null; email: string | null }[];
  approvers: ApproverRow[] | null;
  obligations: { amount: string; currency: string; bought: string; endsAt: string }[] | null;
  [column: string]: unknown;
}

/**
 * Reads a notice's contract, its decision seq and its recipients in one query, where the mail
 * notifier used to take one for each (the contract, its decision seq, the approvers, each contact).
 */
export class NoticeSubjectReader {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `approvers`: whether the notice goes to the seller's approvers (requests, reminders, escalations);
   * `obligations`: whether to read the obligation to buy and its progress (expiring-soon).
   */
  async read(contractId: string, opts: { approvers: boolean; at: Date; obligations?: boolean }): Promise<NoticeSubject | null> {
    const [row]: SubjectRow[] = await this.dataSource.query(
      `SELECT ${CONTRACT_HEADER_COLUMNS},
         ${decisionSeqSql('$2')} AS "decisionSeq",
         (SELECT coalesce(json_agg(json_build_object('username', u.username, 'display_name', u.display_name, 'email', u.email)), '[]'::json)
            FROM users u WHERE u.username IN (c.owner, c.submitted_by) AND u.active) AS contacts,
         CASE WHEN $3::boolean THEN (SELECT coalesce(json_agg(a ORDER BY a.username), '[]'::json) FROM (${approverRowsSql('c.seller_dn', '$4')}) a) END AS approvers,
         CASE WHEN $5::boolean THEN (SELECT coalesce(json_agg(x), '[]'::json) FROM (
           SELECT t.amount::text AS amount, t.currency::text AS currency,
                  least(c.starts_at + make_interval(days => t.days), c.ends_at) AS "endsAt",
                  coalesce((SELECT sum(s.amount - s.refunded) FROM checkout_order_obligation s
                              JOIN checkout_orders o ON o.order_id = s.order_id AND o.status = 'COMMITTED'
                             WHERE s.contract_id = c.id), 0)::text AS bought
             FROM contract_terms t
            WHERE t.type = 'ObligationToBuyTCByAmount' AND (t.contract_id = c.id OR t.contract_id = c.base_contract_id)
            ORDER BY (t.contract_id = c.id) DESC, t.sequence_number LIMIT 1) x) END AS obligations
       FROM contracts c WHERE c.id = $1`,
      [contractId, AUDIT_NOTE_ACTIONS, opts.approvers, opts.at, opts.obligations ?? false],
    );
    if (!row) return null;
    const contract = toContractHeader(row);
    const people = [contract.owner, contract.submittedBy].filter((u): u is string => !!u);
    return {
      contract,
      decisionSeq: row.decisionSeq ?? contract.stateSeq,
      contacts: new Map(row.contacts.map((u) => [u.username, { username: u.username, displayName: u.display_name, email: u.email }])),
      approvers: approversFromRows(row.approvers ?? [], people),
      ...(row.obligations ? {
        unmetObligations: row.obligations.filter((o) => compareDecimals(o.bought, o.amount) < 0).map((o) => ({
          amount: formatMoney(o.amount), currency: o.currency, bought: formatMoney(o.bought),
          remaining: formatMoney(subtractDecimals(o.amount, o.bought)), endsAt: new Date(o.endsAt),
        })),
      } : {}),
    };
  }
}
