import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@pactum/config';
import { DomainError, ROLES, USERNAME_PATTERN, isRole, rolesNeedingOrganization, type Actor, type ErrorDetail } from '@pactum/domain';
import { AdminStore, UserStore, type AdminUser, type UserChanges } from '@pactum/persistence';
import { hashPassword, passwordProblem } from '@pactum/security';
import { API_LOGGER } from '../api.tokens';
import { TokenStates } from '../auth/token-states';

const NAME_MAX = 200;
const EMAIL_MAX = 320;
const DN_MAX = 1000;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const CREATE_FIELDS = ['username', 'password', 'roles', 'organization', 'displayName', 'email'];
const CHANGE_FIELDS = ['password', 'roles', 'organization', 'displayName', 'email', 'active'];

function objectBody(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: 'body', message: 'must be a JSON object' }]);
  }
  return raw as Record<string, unknown>;
}

function unknownFields(body: Record<string, unknown>, known: string[], problems: ErrorDetail[]): void {
  for (const key of Object.keys(body)) if (!known.includes(key)) problems.push({ field: key, message: `unknown field; expected ${known.join(', ')}` });
}

function rolesOf(v: unknown, problems: ErrorDetail[]): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isRole)) {
    problems.push({ field: 'roles', message: `one or more of ${ROLES.join(', ')}` });
    return undefined;
  }
  return [...new Set(v)];
}

/** Optional text: undefined when absent; null (clear it) for null or ''. */
function optionalText(body: Record<string, unknown>, field: string, max: number, problems: ErrorDetail[], pattern?: RegExp, hint?: string): string | null | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  if (typeof v !== 'string' || v.trim().length > max || (pattern && !pattern.test(v.trim()))) {
    problems.push({ field, message: hint ?? `at most ${max} characters` });
    return undefined;
  }
  return v.trim();
}

/**
 * Users and roles for administrators, with the rules of the CLI's users:add: a username of 2–64
 * safe characters, known roles, the password policy of @pactum/security, an organisation (that
 * exists) for sales managers and representatives. A change to a user's password, roles,
 * organisation or active flag moves their token version (a trigger), so their tokens stop working;
 * this process forgets its cached token state so it happens at once here too. An admin cannot
 * deactivate themselves or take their own admin role away (nobody would be left to undo it).
 */
@Injectable()
export class AdminUsersService {
  constructor(
    @Inject(AdminStore) private readonly admin: AdminStore,
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(TokenStates) private readonly tokenStates: TokenStates,
    @Inject(API_LOGGER) private readonly log: Logger,
  ) {}

  list(): Promise<AdminUser[]> {
    return this.admin.listUsers();
  }

  async create(actor: Actor, raw: unknown): Promise<AdminUser> {
    const body = objectBody(raw);
    const problems: ErrorDetail[] = [];
    unknownFields(body, CREATE_FIELDS, problems);
    const username = typeof body.username === 'string' ? body.username : '';
    if (!USERNAME_PATTERN.test(username)) problems.push({ field: 'username', message: '2–64 letters, digits, ".", "_", "@" or "-"' });
    const roles = rolesOf(body.roles, problems);
    const organization = optionalText(body, 'organization', DN_MAX, problems, undefined, 'a distinguished name, e.g. "o=Acme Industrial Supply,o=Root Organization"');
    const displayName = optionalText(body, 'displayName', NAME_MAX, problems);
    const email = optionalText(body, 'email', EMAIL_MAX, problems, EMAIL, 'an e-mail address');
    const password = typeof body.password === 'string' ? body.password : undefined;
    if (password === undefined) problems.push({ field: 'password', message: 'is required' });
    else if (USERNAME_PATTERN.test(username)) {
      const weak = passwordProblem(password, username);
      if (weak) problems.push({ field: 'password', message: weak });
    }
    if (roles) await this.checkOrganization(roles, organization ?? null, organization ?? undefined, problems);
    if (problems.length) throw DomainError.validation(problems, 'The user is not valid; nothing was written');
    const created = await this.users.insert({
      username, passwordHash: await hashPassword(password!), roles: roles!, displayName: displayName ?? undefined, email: email ?? undefined, organizationDn: organization ?? undefined,
    });
    if (!created) throw new DomainError('conflict', 'USER_EXISTS', `User ${username} exists already: nothing changed`, [{ field: 'username', message: 'is taken' }]);
    this.log.info({ event: 'admin.user_created', admin: actor.username, user: username, roles: roles!, organization: organization ?? null }, 'admin created a user');
    return (await this.admin.user(username))!;
  }

  async change(actor: Actor, username: string, raw: unknown): Promise<AdminUser> {
    const body = objectBody(raw);
    const existing = await this.admin.user(username);
    if (!existing) throw new DomainError('not_found', 'USER_NOT_FOUND', `No user ${username}`);
    const problems: ErrorDetail[] = [];
    unknownFields(body, CHANGE_FIELDS, problems);
    const roles = body.roles === undefined ? undefined : rolesOf(body.roles, problems);
    const organization = optionalText(body, 'organization', DN_MAX, problems, undefined, 'a distinguished name, e.g. "o=Acme Industrial Supply,o=Root Organization"');
    const displayName = optionalText(body, 'displayName', NAME_MAX, problems);
    const email = optionalText(body, 'email', EMAIL_MAX, problems, EMAIL, 'an e-mail address');
    let active: boolean | undefined;
    if (body.active !== undefined) {
      if (typeof body.active !== 'boolean') problems.push({ field: 'active', message: 'true or false' });
      else active = body.active;
    }
    let password: string | undefined;
    if (body.password !== undefined) {
      if (typeof body.password !== 'string') problems.push({ field: 'password', message: 'must be text' });
      else {
        const weak = passwordProblem(body.password, username);
        if (weak) problems.push({ field: 'password', message: weak });
        else password = body.password;
      }
    }
    const self = actor.username === username;
    if (self && active === false) problems.push({ field: 'active', message: 'you cannot deactivate yourself: another admin can' });
    if (self && roles && existing.roles.includes('admin') && !roles.includes('admin')) {
      problems.push({ field: 'roles', message: 'you cannot remove your own admin role: another admin can' });
    }
    const newRoles = roles ?? existing.roles;
    const newOrganization = organization === undefined ? existing.organization : organization;
    if (roles || organization !== undefined) await this.checkOrganization(newRoles, newOrganization, organization ?? undefined, problems);
    if (problems.length) throw DomainError.validation(problems, `The change to ${username} is not valid; nothing was written`);

    const changes: UserChanges = {};
    const changed: string[] = [];
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((r) => b.includes(r));
    if (roles && !same(roles, existing.roles)) { changes.roles = roles; changed.push('roles'); }
    if (organization !== undefined && organization !== existing.organization) { changes.organizationDn = organization; changed.push('organization'); }
    if (displayName !== undefined && displayName !== existing.displayName) { changes.displayName = displayName; changed.push('displayName'); }
    if (email !== undefined && email !== existing.email) { changes.email = email; changed.push('email'); }
    if (active !== undefined && active !== existing.active) { changes.active = active; changed.push('active'); }
    if (password !== undefined) { changes.passwordHash = await hashPassword(password); changed.push('password'); }
    if (changed.length) {
      await this.users.update(username, changes);
      this.tokenStates.forget(username);
      // The fields changed and their new values, the password's never.
      this.log.info({
        event: 'admin.user_changed', admin: actor.username, user: username, changed,
        ...(changes.roles ? { roles: changes.roles } : {}), ...(changes.organizationDn !== undefined ? { organization: changes.organizationDn } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
      }, 'admin changed a user');
    }
    return (await this.admin.user(username))!;
  }

  /** users:add's organisation rules: sales managers and representatives need one, and a named one must exist. */
  private async checkOrganization(roles: string[], organization: string | null, named: string | undefined, problems: ErrorDetail[]): Promise<void> {
    const needing = rolesNeedingOrganization(roles);
    if (needing.length && !organization) {
      problems.push({ field: 'organization', message: `a ${needing.join(' or ')} works for one seller organisation (without one a sales manager would approve for every seller)` });
    }
    if (named && !(await this.admin.organizationExists(named))) problems.push({ field: 'organization', message: `"${named}" is not a known organisation` });
  }
}
