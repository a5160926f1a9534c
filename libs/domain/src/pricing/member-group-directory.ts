/**
 * The organisation directory checkout resolves buyers with: ancestors come from the DN itself,
 * member groups from the memberships Pactum keeps (reference data). An organisation belongs to
 * the groups that name it or any of its ancestors: a division of a member is a member, as it is
 * a buyer of its parent's contracts.
 */
import { dnAncestors, type OrganizationDirectory } from './buyer-contracts';
import { normalizeBuyerKey } from './compiled-terms';

export interface MemberGroupMembership {
  group: string;
  organization: string;
}

export function memberGroupDirectory(memberships: Iterable<MemberGroupMembership>): OrganizationDirectory & { readonly memberships: number } {
  const groupsByOrg = new Map<string, string[]>();
  let count = 0;
  for (const { group, organization } of memberships) {
    const key = normalizeBuyerKey(organization);
    const groups = groupsByOrg.get(key);
    if (groups) groups.push(group);
    else groupsByOrg.set(key, [group]);
    count++;
  }
  return {
    memberships: count,
    ancestorsOf: dnAncestors,
    groupsOf(dn: string): string[] {
      if (groupsByOrg.size === 0) return [];
      const found = new Set<string>();
      for (const org of [dn, ...dnAncestors(dn)]) for (const g of groupsByOrg.get(normalizeBuyerKey(org)) ?? []) found.add(g);
      return [...found];
    },
  };
}
