import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, requireActionLinkSecret, type AppConfig } from '@pactum/config';
import { DomainError, hasRole, isRole, type Actor } from '@pactum/domain';
import { ActionLinkStore, ContractRequestStore, ContractStore, UserStore } from '@pactum/persistence';
import { matchActionLink, verifyActionLink, type ActionLinkPayload } from '@pactum/security';
import { toErrorBody } from '../errors/api-exception.filter';
import { ContractRequestsService } from '../contract-requests/contract-requests.service';
import { ContractsService } from '../contracts/contracts.service';
import { confirmPage, donePage, escapeHtml, refusalPage, type LinkedContract } from './action-link.page';
import { confirmRequestPage } from './contract-request-link.page';

export interface ActionPage {
  status: number;
  html: string;
}

type Checked = { ok: true; payload: ActionLinkPayload; actor: Actor } | { ok: false; page: ActionPage };

/**
 * Mailed action links: approve/reject a contract, accept/decline a contract request, without
 * signing in. A link is signed, bound to its target, the step it was made at, one user and one
 * action, used once, and expires. GET only shows what the link would do; POST does it.
 */
@Injectable()
export class ActionLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ActionLinkStore) private readonly links: ActionLinkStore,
    @Inject(ContractStore) private readonly store: ContractStore,
    @Inject(ContractRequestStore) private readonly requests: ContractRequestStore,
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(ContractRequestsService) private readonly requestsService: ContractRequestsService,
  ) {}

  /** The web app's inbox (the app's own route; /inbox, named by older pages, redirects there too). */
  private get inboxUrl(): string {
    return `${this.config.http.publicUrl}/#/inbox`;
  }

  private refuse(status: number, title: string, message: string): { ok: false; page: ActionPage } {
    return { ok: false, page: { status, html: refusalPage(title, message, this.inboxUrl) } };
  }

  /** Everything but the single use: signature, expiry, target unchanged, user still allowed. */
  private async check(token: string): Promise<Checked> {
    const verified = verifyActionLink(token, requireActionLinkSecret(this.config));
    if (!verified.ok) {
      return verified.reason === 'expired'
        ? this.refuse(410, 'This link has expired', `${verified.message}. Decide in the approval inbox instead.`)
        : this.refuse(400, 'This link is not valid', 'The link is damaged or was not made by Pactum. Copy the whole link from the mail, or use the approval inbox.');
    }
    const payload = verified.payload;
    if (await this.links.isUsed(payload.nonce)) return this.refuse(410, 'This link was used already', 'Each link in a mail works once.');
    const user = await this.users.findByUsername(payload.username);
    const actor: Actor | undefined = user?.active ? { username: user.username, roles: user.roles.filter(isRole) } : undefined;
    if (payload.action === 'approve' || payload.action === 'reject') {
      if (!actor || !hasRole(actor, 'sales_manager')) return this.refuse(403, 'Not allowed', 'The person this link was made for can no longer approve contracts.');
      const found = await this.store.findHeaderForDecision(payload.contractId);
      if (!found || found.contract.deletedAt) return this.refuse(404, 'Contract not found', 'The contract of this link no longer exists.');
      const { contract, decisionSeq } = found;
      const match = matchActionLink(payload, { contractId: contract.id, stateSeq: decisionSeq });
      if (!match.ok || contract.status !== 'PENDING_APPROVAL') {
        return this.refuse(409, 'The contract changed', `Contract ${contract.code} changed since this link was sent (it is now ${contract.status.replace(/_/g, ' ').toLowerCase()}).`);
      }
      return { ok: true, payload, actor };
    }
    if (!actor || !hasRole(actor, 'account_rep', 'admin')) return this.refuse(403, 'Not allowed', 'The person this link was made for can no longer accept contract requests.');
    const request = await this.requests.find(payload.contractId);
    if (!request) return this.refuse(404, 'Request not found', 'The contract request of this link no longer exists.');
    if (!matchActionLink(payload, { contractId: request.id, stateSeq: request.stateSeq }).ok || request.status !== 'PENDING') {
      return this.refuse(409, 'The request was decided', `The contract request was already ${request.status.toLowerCase()}.`);
    }
    return { ok: true, payload, actor };
  }

  async show(token: string): Promise<ActionPage> {
    const checked = await this.check(token);
    if (!checked.ok) return checked.page;
    const { payload } = checked;
    if (payload.action === 'approve' || payload.action === 'reject') {
      return { status: 200, html: confirmPage(payload.action, token, await this.linkedContract(payload.contractId), this.inboxUrl) };
    }
    const request = (await this.requests.find(payload.contractId))!;
    return { status: 200, html: confirmRequestPage(payload.action, token, request) };
  }

  async use(token: string, form: Record<string, string | undefined>): Promise<ActionPage> {
    const checked = await this.check(token);
    if (!checked.ok) return checked.page;
    const { payload, actor } = checked;
    const reason = form.reason?.trim();
    if ((payload.action === 'reject' || payload.action === 'decline') && !reason) {
      const html = payload.action === 'reject'
        ? confirmPage('reject', token, await this.linkedContract(payload.contractId), this.inboxUrl, 'Please give a reason for rejecting.')
        : confirmRequestPage('decline', token, (await this.requests.find(payload.contractId))!, 'Please give a reason for declining.');
      return { status: 422, html };
    }
    if (!(await this.links.consume(payload.nonce, actor.username))) return this.refuse(410, 'This link was used already', 'Each link in a mail works once.').page;
    try {
      if (payload.action === 'approve' || payload.action === 'reject') {
        const view = await this.contracts.act(actor, payload.contractId, payload.action,
          payload.action === 'approve' ? { comment: form.comment?.trim() || undefined, via: 'action-link' } : { reason, via: 'action-link' });
        const verb = payload.action === 'approve' ? 'approved' : 'rejected';
        return { status: 200, html: donePage(`Contract ${verb}`, `You ${verb} contract ${view!.code} version ${view!.version}. Its status is now ${view!.status}.`, this.inboxUrl) };
      }
      const { request, contract } = await this.requestsService.decide(actor, payload.contractId, payload.action, form, payload.stateSeq);
      return {
        status: 200,
        html: donePage(payload.action === 'accept' ? 'Request accepted' : 'Request declined', payload.action === 'accept'
          ? `Contract request from ${request.customerName} accepted: draft contract ${contract!.code} was created for ${actor.username}.`
          : `Contract request from ${request.customerName} declined.`, this.inboxUrl),
      };
    } catch (err) {
      const body = toErrorBody(err);
      // A business refusal ends the link (the target moved on); a technical failure gives it back.
      if (body.statusCode >= 500) await this.links.release(payload.nonce);
      const detail = body.details.map((d) => `${'field' in d ? `${d.field}: ` : ''}${d.message}`).join('; ');
      return { status: body.statusCode, html: refusalPage(body.statusCode >= 500 ? 'Please try again' : 'Not done', `${body.message}${detail ? ` (${detail})` : ''}`, this.inboxUrl) };
    }
  }

  private async linkedContract(id: string): Promise<LinkedContract> {
    const record = await this.store.findById(id);
    if (!record) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `No contract ${escapeHtml(id)}`);
    const c = record.contract;
    return {
      code: c.code, version: `${c.versionMajor}.${c.versionMinor}`, description: c.description, seller: c.sellerDn,
      buyers: record.buyers.map((b) => ('organization' in b && b.organization) || ('memberGroup' in b && b.memberGroup) || '').filter(Boolean) as string[],
      startsAt: c.startsAt.toISOString().slice(0, 10), endsAt: c.endsAt.toISOString().slice(0, 10), currency: c.currency,
      submittedBy: c.submittedBy, terms: record.terms.length,
    };
  }
}
