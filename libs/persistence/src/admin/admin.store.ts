import type { DataSource } from 'typeorm';
import { returningRows } from '../repositories/returning-rows';

/** A user as administrators see them: never the password hash. */
export interface AdminUser {
  username: string;
  displayName: string | null;
  email: string | null;
  roles: string[];
  organization: string | null;
  active: boolean;
  createdAt: string;
}

/** A seller organisation's approval settings. */
export interface SellerOrganization {
  dn: string;
  name: string;
  parent: string | null;
  requiresContractApproval: boolean;
  /** The sales manager approval requests go to when the seller has no approver; null: none. */
  fallbackApprover: string | null;
}

export interface SellerOrganizationChanges {
  requiresContractApproval?: boolean;
  /** null clears it. */
  fallbackApprover?: string | null;
}

interface UserRow {
  username: string;
  display_name: string | null;
  email: string | null;
  roles: string[];
  organization_dn: string | null;
  active: boolean;
  created_at: Date;
}

interface OrganizationRow {
  dn: string;
  name: string;
  parent_dn: string | null;
  requires_contract_approval: boolean;
  fallback_approver: string | null;
}

const USER_COLUMNS = 'username, display_name, email, roles, organization_dn, active, created_at';

const toUser = (r: UserRow): AdminUser => ({
  username: r.username, displayName: r.display_name, email: r.email, roles: r.roles, organization: r.organization_dn, active: r.active, createdAt: r.created_at.toISOString(),
});

const toOrganization = (r: OrganizationRow): SellerOrganization => ({
  dn: r.dn, name: r.name, parent: r.parent_dn, requiresContractApproval: r.requires_contract_approval, fallbackApprover: r.fallback_approver,
});

/**
 * What the admin pages read and change besides UserStore's writes: users without their secrets,
 * and the seller organisations' approval settings. A seller is an organisation that sells through
 * a business account, that users work for, or whose approval settings were set.
 */
export class AdminStore {
  constructor(private readonly dataSource: DataSource) {}

  async listUsers(): Promise<AdminUser[]> {
    const rows: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
    return rows.map(toUser);
  }

  async user(username: string): Promise<AdminUser | null> {
    const [row]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
    return row ? toUser(row) : null;
  }

  async organizationExists(dn: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM organizations WHERE dn = $1`, [dn]);
    return row !== undefined;
  }

  async listSellerOrganizations(): Promise<SellerOrganization[]> {
    const rows: OrganizationRow[] = await this.dataSource.query(
      `SELECT o.dn, o.name, o.parent_dn, o.requires_contract_approval, o.fallback_approver FROM organizations o
        WHERE o.fallback_approver IS NOT NULL OR NOT o.requires_contract_approval
           OR EXISTS (SELECT 1 FROM business_accounts a WHERE a.seller_dn = o.dn)
           OR EXISTS (SELECT 1 FROM users u WHERE u.organization_dn = o.dn)
        ORDER BY o.name, o.dn`);
    return rows.map(toOrganization);
  }

  async organization(dn: string): Promise<SellerOrganization | null> {
    const [row]: OrganizationRow[] = await this.dataSource.query(
      `SELECT dn, name, parent_dn, requires_contract_approval, fallback_approver FROM organizations WHERE dn = $1`, [dn]);
    return row ? toOrganization(row) : null;
  }

  /**
   * Changes an organisation's approval settings in one statement; a fallback approver is set only
   * while they are an active sales manager (checked in the same statement, so a deactivation
   * racing with it cannot slip through). Answers what was written, or why nothing was.
   */
  async updateOrganization(dn: string, changes: SellerOrganizationChanges): Promise<
    { organization: SellerOrganization; problem?: undefined } | { organization?: undefined; problem: 'not_found' | 'not_a_sales_manager' }> {
    const sets: string[] = [];
    const params: unknown[] = [dn];
    if (changes.requiresContractApproval !== undefined) {
      params.push(changes.requiresContractApproval);
      sets.push(`requires_contract_approval = $${params.length}`);
    }
    let guard = '';
    if (changes.fallbackApprover !== undefined) {
      params.push(changes.fallbackApprover);
      sets.push(`fallback_approver = $${params.length}`);
      if (changes.fallbackApprover !== null) {
        guard = ` AND EXISTS (SELECT 1 FROM users u WHERE u.username = $${params.length} AND u.active AND 'sales_manager' = ANY (u.roles))`;
      }
    }
    if (!sets.length) {
      const current = await this.organization(dn);
      return current ? { organization: current } : { problem: 'not_found' };
    }
    const rows = returningRows<OrganizationRow>(await this.dataSource.query(
      `UPDATE organizations SET ${sets.join(', ')} WHERE dn = $1${guard} RETURNING dn, name, parent_dn, requires_contract_approval, fallback_approver`, params));
    if (rows[0]) return { organization: toOrganization(rows[0]) };
    return { problem: (await this.organization(dn)) ? 'not_a_sales_manager' : 'not_found' };
  }
}
