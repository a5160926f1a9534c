import type { DataSource } from 'typeorm';
import type { ContractEntity } from '../entities';
import { CONTRACT_HEADER_COLUMNS, toContractHeader } from '../repositories/contract-header';
import { coversSql, delegationRunsSql, fallbackForSellerSql, managesSellerSql } from './approval-scope.sql';
import { actsOnSql, readsSql, representsSql } from './contract-scope.sql';

/** Someone a contract's approval request goes to. */
export interface Approver {
  username: string;
  displayName: string | null;
  email: string | null;
  /** Set when the approver stands in for a manager who is away (delegation). */
  onBehalfOf?: string;
}

interface UserRow {
  username: string;
  display_name: string | null;
  email: string | null;
}

/** Whether a user may decide on a contract's seller's contracts, and for whom they stand in (ApproverDirectory.contractWithDecisionRights). */
export interface DecisionRights {
  allowed: boolean;
  standsInFor: string[];
}

interface DecisionRightsRow {
  decision_allowed: boolean;
  stands_in_for: string[];
}

/** Decision rights of `username` on `sellerDn` at `at` (SQL expressions), as a query a FROM may follow. */
const decisionRightsSql = (username: string, sellerDn: string, at: string): string =>
  `WITH away AS (SELECT DISTINCT ad.delegator FROM approval_delegations ad WHERE ad.delegate = ${username} AND ${delegationRunsSql('ad', at)})
   SELECT EXISTS (SELECT 1 FROM users me WHERE me.username = ${username} AND me.active AND 'sales_manager' = ANY (me.roles))
            AND (${managesSellerSql(username, sellerDn, at)} OR ${fallbackForSellerSql(username, sellerDn)}) AS decision_allowed,
          ARRAY(SELECT delegator FROM away ORDER BY delegator) AS stands_in_for`;

const toDecisionRights = (row: DecisionRightsRow | undefined): DecisionRights => ({ allowed: row?.decision_allowed === true, standsInFor: row?.stands_in_for ?? [] });

/** A contract's header with what a user may do on it (ApproverDirectory.contractWithDecisionRights). */
export interface ContractWithRights {
  contract: ContractEntity;
  /** As an approver: whether they decide, and for whom they stand in. */
  rights: DecisionRights;
  /** Organisation scope (contract-scope.sql.ts): may act on it (the domain's rules still apply), may read it. */
  scope: { act: boolean; read: boolean };
}

/** A row of approverRowsSql: a sales manager, and their delegate while they are away. */
export interface ApproverRow {
  username: string;
  display_name: string | null;
  email: string | null;
  delegate: string | null;
  delegate_display_name: string | null;
  delegate_email: string | null;
}

/**
 * The approvers of `sellerDn` at `at` (SQL expressions) before exclusions: every active sales
 * manager of the seller or an ancestor, by username, with the delegate who stands in for them.
 */
export const approverRowsSql = (sellerDn: string, at: string): string =>
  `SELECT u.username, u.display_name, u.email, d.username AS delegate, d.display_name AS delegate_display_name, d.email AS delegate_email
     FROM users u
     LEFT JOIN LATERAL (
       SELECT du.username, du.display_name, du.email FROM approval_delegations ad
         JOIN users du ON du.username = ad.delegate AND du.active AND 'sales_manager' = ANY (du.roles)
        WHERE ad.delegator = u.username AND ${delegationRunsSql('ad', at)}
        ORDER BY ad.created_at DESC LIMIT 1) d ON true
    WHERE u.active AND 'sales_manager' = ANY (u.roles)
      AND ${coversSql('u.organization_dn', sellerDn)}
    ORDER BY u.username`;

/** The approvers of approverRowsSql's rows: a delegate in place of who is away, each once, none of `excluded`. */
export function approversFromRows(rows: ApproverRow[], excluded: string[]): Approver[] {
  const skip = new Set(excluded);
  const byUsername = new Map<string, Approver>();
  for (const r of rows) {
    const approver: Approver = r.delegate
      ? { username: r.delegate, displayName: r.delegate_display_name, email: r.delegate_email, onBehalfOf: r.username }
      : { username: r.username, displayName: r.display_name, email: r.email };
    if (skip.has(approver.username) || byUsername.has(approver.username)) continue;
    byUsername.set(approver.username, approver);
  }
  return [...byUsername.values()];
}

/**
 * Who decides on a seller's contracts. The approvers are the active sales managers of the seller
 * organisation or one of its ancestors (a manager without an organisation approves for every
 * seller). A manager who is away (an approval delegation covering `at`) is replaced by the
 * delegate; delegations do not chain. The owner and the submitter never approve their own contract.
 */
export class ApproverDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async approversFor(sellerDn: string, excluded: string[], at: Date = new Date()): Promise<Approver[]> {
    return approversFromRows(await this.dataSource.query(approverRowsSql('$1', '$2'), [sellerDn, at]), excluded);
  }

  /** The seller's (or its nearest ancestor's) fallback approver, if configured and still a sales manager. */
  async fallbackApproverFor(sellerDn: string): Promise<Approver | null> {
    const [row]: UserRow[] = await this.dataSource.query(
      `WITH RECURSIVE chain (dn, parent_dn, fallback_approver, depth) AS (
         SELECT dn, parent_dn, fallback_approver, 0 FROM organizations WHERE dn = $1
         UNION ALL
         SELECT o.dn, o.parent_dn, o.fallback_approver, c.depth + 1 FROM organizations o JOIN chain c ON o.dn = c.parent_dn WHERE c.depth < 32)
       SELECT u.username, u.display_name, u.email FROM chain c
         JOIN users u ON u.username = c.fallback_approver AND u.active AND 'sales_manager' = ANY (u.roles)
        ORDER BY c.depth LIMIT 1`,
      [sellerDn],
    );
    return row ? { username: row.username, displayName: row.display_name, email: row.email } : null;
  }

  /**
   * The contract's header and whether `username` may decide on it — an active sales manager of the
   * seller's organisation or an ancestor (none: every seller), the delegate of such a manager while
   * the delegation runs, or the fallback approver of the seller or an ancestor — and whom they stand
   * in for at `at`: one query for the approve path; null when there is no such contract.
   */
  async contractWithDecisionRights(username: string, contractId: string, at: Date = new Date()): Promise<ContractWithRights | null> {
    const [row]: (DecisionRightsRow & { can_act: boolean; can_read: boolean } & Record<string, unknown>)[] = await this.dataSource.query(
      `${decisionRightsSql('$1', 'c.seller_dn', '$3')}, ${actsOnSql('$1', 'c.seller_dn', '$3')} AS can_act,
         ${readsSql('$1', 'c.seller_dn', 'c.owner', '$3')} AS can_read, ${CONTRACT_HEADER_COLUMNS} FROM contracts c WHERE c.id = $2`, [username, contractId, at],
    );
    return row ? { contract: toContractHeader(row), rights: toDecisionRights(row), scope: { act: row.can_act === true, read: row.can_read === true } } : null;
  }

  /**
   * Whether `username` may create a contract for `sellerDn`: admin, or a representative of the
   * seller's organisation (or an ancestor); `sellerKnown`: whether the organisation exists.
   */
  async creationRights(username: string, sellerDn: string): Promise<{ allowed: boolean; organization: string | null; sellerKnown: boolean }> {
    const [row]: { allowed: boolean; organization: string | null; seller_known: boolean }[] = await this.dataSource.query(
      `SELECT (EXISTS (SELECT 1 FROM users a WHERE a.username = $1 AND a.active AND 'admin' = ANY (a.roles)) OR ${representsSql('$1', '$2')}) AS allowed,
              (SELECT organization_dn FROM users WHERE username = $1) AS organization,
              EXISTS (SELECT 1 FROM organizations WHERE dn = $2) AS seller_known`, [username, sellerDn]);
    return { allowed: row?.allowed === true, organization: row?.organization ?? null, sellerKnown: row?.seller_known === true };
  }
}
