import type { DataSource } from 'typeorm';
import { actsOnSql } from '../approvals/contract-scope.sql';

export interface AccountBuyers {
  name: string;
  seller: string;
  /** The account holder's organisation. */
  holder: string;
  /** The holder and every organisation below it: who may buy under the account's contracts. */
  organizations: string[];
  /** Member groups with a member among those organisations. */
  memberGroups: string[];
}

/**
 * The business accounts a user may write contracts for (the sellers they act on), each with the
 * organisations and member groups a contract of that account can name as buyers.
 */
export class AccountStore {
  constructor(private readonly dataSource: DataSource) {}

  async accountsFor(username: string): Promise<AccountBuyers[]> {
    const rows: { name: string; seller: string; holder: string; organizations: string[]; member_groups: string[] | null }[] = await this.dataSource.query(
      `WITH RECURSIVE mine AS (
         SELECT ba.id, ba.name, ba.seller_dn, ba.buyer_dn FROM business_accounts ba WHERE ${actsOnSql('$1', 'ba.seller_dn', 'now()')}
       ), tree (account_id, dn, depth) AS (
         SELECT id, buyer_dn, 0 FROM mine
         UNION
         SELECT t.account_id, o.dn, t.depth + 1 FROM organizations o JOIN tree t ON o.parent_dn = t.dn WHERE t.depth < 32
       )
       SELECT m.name, m.seller_dn AS seller, m.buyer_dn AS holder,
              array_agg(DISTINCT t.dn ORDER BY t.dn) AS organizations,
              (SELECT array_agg(DISTINCT g.group_name ORDER BY g.group_name) FROM member_group_members g
                 WHERE g.organization_dn IN (SELECT dn FROM tree WHERE account_id = m.id)) AS member_groups
       FROM mine m JOIN tree t ON t.account_id = m.id
       GROUP BY m.id, m.name, m.seller_dn, m.buyer_dn
       ORDER BY m.name, m.seller_dn`, [username]);
    return rows.map((r) => ({ name: r.name, seller: r.seller, holder: r.holder, organizations: r.organizations, memberGroups: r.member_groups ?? [] }));
  }
}
