export const ROLES = ['account_rep', 'sales_manager', 'integration', 'order_service', 'admin'] as const;
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
