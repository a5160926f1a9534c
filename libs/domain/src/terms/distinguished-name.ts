/**
 * Organisation distinguished names such as `ou=East,o=Northwind,o=Root Organization`.
 * Compared case-insensitively (LDAP attribute names and our organisation names are case-blind).
 */
const DN_PATTERN = /^(?:[a-zA-Z]+=[^,=]+)(?:,[a-zA-Z]+=[^,=]+)*$/;

export function isDistinguishedName(value: unknown): value is string {
  return typeof value === 'string' && DN_PATTERN.test(value);
}

export function dnEquals(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when `dn` is `ancestor` or lies under it, matching whole components (`o=Northwind` is not under `o=wind`). */
export function dnIsWithin(dn: string, ancestor: string): boolean {
  const d = dn.toLowerCase();
  const a = ancestor.toLowerCase();
  return d === a || d.endsWith(`,${a}`);
}
