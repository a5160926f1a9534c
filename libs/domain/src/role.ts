/**
 * `import_approved` is a permission more than a job: an import by its holder deploys contracts the
 * file says are Approved or Active without a sales manager. Nobody holds it by default.
 */
export const ROLES = ['account_rep', 'sales_manager', 'integration', 'order_service', 'admin', 'import_approved'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who performs an action. `system` stands for timers and the workflow itself. */
export interface Actor {
  username: string;
  roles: readonly Role[];
}

export const SYSTEM_ACTOR: Actor = { username: 'system', roles: [] };

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** A username: 2–64 letters, digits, ".", "_", "@" or "-" (users:add and the admin API). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{2,64}$/;

/**
 * Roles whose rights are bounded by the user's organisation: without one, a sales manager would
 * approve for every seller, so these roles need one.
 */
export const ORGANIZATION_SCOPED_ROLES: readonly Role[] = ['sales_manager', 'account_rep'];

/** The roles among `roles` that need an organisation (ORGANIZATION_SCOPED_ROLES). */
export const rolesNeedingOrganization = (roles: readonly string[]): Role[] => ORGANIZATION_SCOPED_ROLES.filter((r) => roles.includes(r));
