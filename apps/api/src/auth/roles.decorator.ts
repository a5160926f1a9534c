import { SetMetadata } from '@nestjs/common';
import type { Role } from '@pactum/domain';

export const ROLES_KEY = 'pactum:roles';
/** The roles allowed on a route; the guard answers 403 to everyone else. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
