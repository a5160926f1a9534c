import type { DataSource } from 'typeorm';
import { DomainError, type MemberGroupDefinition } from '@pactum/domain';
import { refuseIfReferenced } from './reference-in-use';

export interface MemberGroup extends MemberGroupDefinition {
  name: string;
  updatedAt: string;
}

export interface MemberGroupSummary {
  name: string;
  description: string | null;
  organizations: number;
  updatedAt: string;
}

const notFound = (name: string) => new DomainError('not_found', 'MEMBER_GROUP_NOT_FOUND', `No member group ${JSON.stringify(name)}`);

/** Member groups of organisations (reference data): a Buyer participant or a price-rule scope may name one. */
export class MemberGroupStore {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<MemberGroupSummary[]> {
    const rows: { name: string; description: string | null; organizations: number; updated_at: Date }[] = await this.dataSource.query(
      `SELECT g.name, g.description, g.updated_at, (SELECT count(*)::int FROM member_group_members m WHERE m.group_name = g.name) AS organizations
         FROM member_groups g ORDER BY lower(g.name)`);
    return rows.map((r) => ({ name: r.name, description: r.description, organizations: r.organizations, updatedAt: r.updated_at.toISOString() }));
  }

  /** Group names compare case-insensitively, as checkout compares them. */
  async get(name: string): Promise<MemberGroup> {
    const [group]: { name: string; description: string | null; updated_at: Date }[] = await this.dataSource.query(
      `SELECT name, description, updated_at FROM member_groups WHERE lower(name) = lower($1)`, [name]);
    if (!group) throw notFound(name);
    const members: { organization_dn: string }[] = await this.dataSource.query(
      `SELECT organization_dn FROM member_group_members WHERE group_name = $1 ORDER BY organization_dn`, [group.name]);
    return { name: group.name, description: group.description, organizations: members.map((m) => m.organization_dn), updatedAt: group.updated_at.toISOString() };
  }

  /** Creates the group or replaces its description and members, in one transaction. */
  async put(name: string, definition: MemberGroupDefinition): Promise<{ group: MemberGroup; created: boolean }> {
    const created = await this.dataSource.transaction(async (m) => {
      const [existing]: { name: string }[] = await m.query(`SELECT name FROM member_groups WHERE lower(name) = lower($1) FOR UPDATE`, [name]);
      if (existing && existing.name !== name) {
        throw new DomainError('conflict', 'NAME_DIFFERS_IN_CASE', `A member group ${JSON.stringify(existing.name)} exists; group names compare case-insensitively`, [{ field: 'name', message: `use ${JSON.stringify(existing.name)}` }]);
      }
      if (existing) await m.query(`UPDATE member_groups SET description = $2, updated_at = now() WHERE name = $1`, [name, definition.description]);
      else await m.query(`INSERT INTO member_groups (name, description) VALUES ($1, $2)`, [name, definition.description]);
      await m.query(`DELETE FROM member_group_members WHERE group_name = $1`, [name]);
      if (definition.organizations.length) {
        await m.query(`INSERT INTO member_group_members (group_name, organization_dn) SELECT $1, dn FROM unnest($2::text[]) AS u(dn)`, [name, definition.organizations]);
      }
      return !existing;
    });
    return { group: await this.get(name), created };
  }

  async delete(name: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [group]: { name: string }[] = await m.query(`SELECT name FROM member_groups WHERE lower(name) = lower($1) FOR UPDATE`, [name]);
      if (!group) throw notFound(name);
      await refuseIfReferenced(m, 'member group', group.name, `
        SELECT contract_id FROM contract_buyers WHERE lower(member_group) = lower($1)
        UNION SELECT contract_id FROM contract_price_rules WHERE scope_kind IN ('customerGroup', 'priceRuleGroup') AND lower(scope_value) = lower($1)`);
      await m.query(`DELETE FROM member_groups WHERE name = $1`, [group.name]);
    });
  }
}
