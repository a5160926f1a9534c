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
