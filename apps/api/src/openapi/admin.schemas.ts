import type { SchemaObject } from '@nestjs/swagger';
import { USERNAME_PATTERN } from '@pactum/domain';
import { ref } from './term.schemas';

/** The admin API's bodies (apps/api/src/admin; persistence admin.store.ts), spread into apiSchemas(). */

const STRING: SchemaObject = { type: 'string' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const closed = (properties: Record<string, SchemaObject | { $ref: string }>, required: string[] = Object.keys(properties), description?: string): SchemaObject =>
  ({ type: 'object', additionalProperties: false, required, properties, ...(description ? { description } : {}) });

const USERNAME: SchemaObject = { type: 'string', pattern: USERNAME_PATTERN.source };
const PASSWORD: SchemaObject = { type: 'string', minLength: 12, maxLength: 1024, description: '12+ characters, not a common password, not containing the username' };
const ROLES: SchemaObject = { type: 'array', items: ref('Role'), minItems: 1 };
const ORGANIZATION: SchemaObject = { type: 'string', maxLength: 1000, description: 'a known organisation DN; required for sales_manager and account_rep' };
const DISPLAY_NAME: SchemaObject = { type: 'string', maxLength: 200 };
const EMAIL: SchemaObject = { type: 'string', maxLength: 320 };

export function adminSchemas(): Record<string, SchemaObject> {
  return {
    AdminUser: closed({
      username: STRING, displayName: nullable(STRING), email: nullable(STRING), roles: { type: 'array', items: ref('Role') },
      organization: nullable(STRING), active: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' },
    }, undefined, 'a user, without their password'),
    AdminUserCreateRequest: closed({
      username: USERNAME, password: PASSWORD, roles: ROLES, organization: ORGANIZATION, displayName: DISPLAY_NAME, email: EMAIL,
    }, ['username', 'password', 'roles']),
    AdminUserChangeRequest: closed({
      password: PASSWORD, roles: ROLES, organization: nullable(ORGANIZATION), displayName: nullable(DISPLAY_NAME), email: nullable(EMAIL),
      active: { type: 'boolean', description: 'false: the user can no longer sign in, and their tokens stop working' },
    }, [], 'what to change (absent: unchanged; null: cleared)'),
    SellerOrganization: closed({
      dn: STRING, name: STRING, parent: nullable(STRING), requiresContractApproval: { type: 'boolean' },
      fallbackApprover: nullable({ type: 'string', description: 'the sales manager who gets the approval requests no other approver can decide' }),
    }),
    SellerOrganizationChangeRequest: closed({
      requiresContractApproval: { type: 'boolean', description: "false: the seller's contracts are deployed without a sales manager's approval" },
      fallbackApprover: nullable({ type: 'string', description: "an active sales manager's username; null: none" }),
    }, []),
  };
}
