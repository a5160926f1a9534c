import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@pactum/config';
import { DomainError, type Actor, type ErrorDetail } from '@pactum/domain';
import { AdminStore, type SellerOrganization, type SellerOrganizationChanges } from '@pactum/persistence';
import { API_LOGGER } from '../api.tokens';

const FIELDS = ['requiresContractApproval', 'fallbackApprover'];

/**
 * The seller organisations' approval settings: whether their contracts need a sales manager's
 * approval, and the fallback approver who gets the requests nobody else can decide (an active
 * sales manager, or none).
 */
@Injectable()
export class AdminOrganizationsService {
  constructor(@Inject(AdminStore) private readonly admin: AdminStore, @Inject(API_LOGGER) private readonly log: Logger) {}

  list(): Promise<SellerOrganization[]> {
    return this.admin.listSellerOrganizations();
  }

  async change(actor: Actor, dn: string, raw: unknown): Promise<SellerOrganization> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: 'body', message: 'must be a JSON object' }]);
    }
    const body = raw as Record<string, unknown>;
    const problems: ErrorDetail[] = [];
    for (const key of Object.keys(body)) if (!FIELDS.includes(key)) problems.push({ field: key, message: `unknown field; expected ${FIELDS.join(', ')}` });
    const changes: SellerOrganizationChanges = {};
    if (body.requiresContractApproval !== undefined) {
      if (typeof body.requiresContractApproval === 'boolean') changes.requiresContractApproval = body.requiresContractApproval;
      else problems.push({ field: 'requiresContractApproval', message: 'true or false' });
    }
    if (body.fallbackApprover !== undefined) {
      const v = body.fallbackApprover;
      if (v === null || v === '') changes.fallbackApprover = null;
      else if (typeof v === 'string' && v.trim().length <= 64) changes.fallbackApprover = v.trim();
      else problems.push({ field: 'fallbackApprover', message: "a sales manager's username, or null for none" });
    }
    if (problems.length) throw DomainError.validation(problems, 'The organisation settings are not valid; nothing was written');
    const result = await this.admin.updateOrganization(dn, changes);
    if (!result.organization) {
      if (result.problem === 'not_found') throw new DomainError('not_found', 'ORGANIZATION_NOT_FOUND', `No organisation ${JSON.stringify(dn)}`);
      throw DomainError.validation([{ field: 'fallbackApprover', message: `${changes.fallbackApprover} is not an active sales manager` }],
        'The organisation settings are not valid; nothing was written');
    }
    if (Object.keys(changes).length) {
      this.log.info({ event: 'admin.organization_changed', admin: actor.username, organization: dn, ...changes }, 'admin changed an organisation\'s approval settings');
    }
    return result.organization;
  }
}
