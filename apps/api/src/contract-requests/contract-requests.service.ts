import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, requireActionLinkSecret, type AppConfig } from '@pactum/config';
import { currencyProblem, DomainError, hasRole, isDistinguishedName, type Actor, type ErrorDetail } from '@pactum/domain';
import { ContractRequestStore, UserStore, type ContractRequest, type ContractView } from '@pactum/persistence';
import { actionLinkExpiry, newActionLinkNonce, signActionLink, type ActionLinkAction } from '@pactum/security';
import { ContractsService } from '../contracts/contracts.service';
import { ApiMailer } from '../mail/api-mailer';

function text(body: Record<string, unknown>, field: string, problems: ErrorDetail[], opts: { required?: boolean; max?: number } = {}): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === '') {
    if (opts.required) problems.push({ field, message: 'is required' });
    return undefined;
  }
  if (typeof v !== 'string' || !v.trim()) { problems.push({ field, message: 'must be a non-empty string' }); return undefined; }
  if (v.length > (opts.max ?? 200)) { problems.push({ field, message: `must be at most ${opts.max ?? 200} characters` }); return undefined; }
  return v.trim();
}

/**
 * Contract requests (a buyer, or an integration on its behalf, asks a seller for a contract). The
 * seller's desk gets a mail with accept/decline links; accepting records the customer number and
 * currency and creates the Draft contract, owned by the seller's configured representative.
 */
@Injectable()
export class ContractRequestsService {
  constructor(
    @Inject(ContractRequestStore) private readonly requests: ContractRequestStore,
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(ApiMailer) private readonly mailer: ApiMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, raw: unknown): Promise<ContractRequest> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object');
    const body = raw as Record<string, unknown>;
    const problems: ErrorDetail[] = [];
    const seller = text(body, 'seller', problems, { required: true, max: 1000 });
    const buyer = text(body, 'buyer', problems, { required: true, max: 1000 });
    if (seller && !isDistinguishedName(seller)) problems.push({ field: 'seller', message: 'must be an organisation distinguished name (o=…,o=Root Organization)' });
    if (buyer && !isDistinguishedName(buyer)) problems.push({ field: 'buyer', message: 'must be an organisation distinguished name' });
    const customerName = text(body, 'customerName', problems, { required: true });
    const message = text(body, 'message', problems, { max: 4000 });
    const customerNumber = text(body, 'customerNumber', problems, { max: 64 });
    const currency = text(body, 'currency', problems, { max: 3 });
    if (currency && currencyProblem(currency)) problems.push({ field: 'currency', message: currencyProblem(currency)! });
    const unknown = Object.keys(body).filter((k) => !['seller', 'buyer', 'customerName', 'message', 'customerNumber', 'currency'].includes(k));
    for (const k of unknown) problems.push({ field: k, message: 'is not a contract request field' });
    if (problems.length) throw DomainError.validation(problems, 'The contract request is not valid');
    const desk = await this.requests.deskOf(seller!);
    if (!desk.email || !desk.owner) {
      throw DomainError.validation([{ field: 'seller', message: 'does not take contract requests (no request address configured)' }], 'The seller does not take contract requests');
    }
    const request = await this.requests.create({ seller: seller!, buyer: buyer!, customerName: customerName!, requestedBy: actor.username, message, customerNumber, currency });
    const owner = await this.users.findByUsername(desk.owner);
    const expiresAt = actionLinkExpiry(new Date(), this.config.actionLinks.ttlSeconds);
    const link = (action: ActionLinkAction) => `${this.config.http.publicUrl}/actions/${signActionLink(
      { contractId: request.id, stateSeq: request.stateSeq, username: desk.owner!, action, expiresAt, nonce: newActionLinkNonce() }, requireActionLinkSecret(this.config))}`;
    await this.mailer.send(`contract-request/${request.id}`, desk.email, 'contract-request-received', {
      recipientName: owner?.displayName ?? undefined,
      request: { id: request.id, customerName: request.customerName, requestedBy: actor.username, customerNumber, currency, message },
      acceptUrl: link('accept'), declineUrl: link('decline'), linksExpireAt: expiresAt,
    });
    return request;
  }

  async get(actor: Actor, id: string): Promise<ContractRequest> {
    const r = await this.requests.find(id);
    if (!r || !(await this.maySee(actor, r))) throw new DomainError('not_found', 'CONTRACT_REQUEST_NOT_FOUND', `No contract request ${id}`);
    return r;
  }

  async list(actor: Actor): Promise<ContractRequest[]> {
    if (hasRole(actor, 'admin')) return this.requests.list({});
    if (hasRole(actor, 'account_rep', 'sales_manager')) {
      const user = await this.users.findByUsername(actor.username);
      return user?.organizationDn ? this.requests.list({ seller: user.organizationDn }) : [];
    }
    return this.requests.list({ requestedBy: actor.username });
  }

  /**
   * Accepts into a Draft contract owned by `actor` (a representative of the seller) or declines.
   * `expectedSeq` guards against two decisions: the second gets 409 and changes nothing.
   */
  async decide(actor: Actor, id: string, decision: 'accept' | 'decline', raw: unknown, expectedSeq?: number): Promise<{ request: ContractRequest; contract?: ContractView }> {
    const r = await this.get(actor, id);
    if (!hasRole(actor, 'admin') && !(hasRole(actor, 'account_rep') && (await this.users.findByUsername(actor.username))?.organizationDn === r.seller)) {
      throw new DomainError('forbidden', 'NOT_SELLER_REPRESENTATIVE', "Only a representative of the seller decides on its contract requests");
    }
    if (r.status !== 'PENDING' || (expectedSeq !== undefined && expectedSeq !== r.stateSeq)) {
      throw new DomainError('conflict', 'REQUEST_ALREADY_DECIDED', `The contract request was already ${r.status.toLowerCase()}`, [{ field: 'status', message: `is ${r.status}` }]);
    }
    const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const problems: ErrorDetail[] = [];
    if (decision === 'decline') {
      const reason = text(body, 'reason', problems, { required: true, max: 2000 });
      if (problems.length) throw DomainError.validation(problems);
      const decided = await this.requests.decide(id, r.stateSeq, { status: 'DECLINED', by: actor.username, reason });
      if (!decided) throw new DomainError('conflict', 'REQUEST_ALREADY_DECIDED', 'Someone else decided on the contract request first');
      return { request: decided };
    }
    const customerNumber = text(body, 'customerNumber', problems, { max: 64 }) ?? r.customerNumber ?? undefined;
    const currency = text(body, 'currency', problems, { max: 3 }) ?? r.currency ?? undefined;
    if (!customerNumber) problems.push({ field: 'customerNumber', message: 'is required to accept' });
    if (!currency) problems.push({ field: 'currency', message: 'is required to accept' });
    else if (currencyProblem(currency)) problems.push({ field: 'currency', message: currencyProblem(currency)! });
    if (problems.length) throw DomainError.validation(problems, 'The contract request cannot be accepted like this');
    // Claim the request first: a second accept must not create a second contract.
    const claimed = await this.requests.decide(id, r.stateSeq, { status: 'ACCEPTED', by: actor.username, customerNumber, currency });
    if (!claimed) throw new DomainError('conflict', 'REQUEST_ALREADY_DECIDED', 'Someone else decided on the contract request first');
    const start = new Date();
    start.setUTCHours(0, 0, 0, 0);
    const end = new Date(start);
    end.setUTCFullYear(end.getUTCFullYear() + 1);
    end.setUTCSeconds(end.getUTCSeconds() - 1);
    let contract: ContractView;
    try {
      contract = await this.contracts.create(actor, {
        code: `REQ-${customerNumber}-${r.id.slice(0, 8)}`,
        description: `Requested by ${r.customerName} (customer ${customerNumber})${r.message ? `: ${r.message.slice(0, 200)}` : ''}`,
        currency, startsAt: start.toISOString(), endsAt: end.toISOString(),
        seller: r.seller, buyers: [{ organization: r.buyer }], baseContract: null, terms: [],
      });
    } catch (err) {
      await this.requests.reopen(id, r.stateSeq);
      throw err;
    }
    const request = (await this.requests.attachContract(id, contract.id)) ?? claimed;
    return { request, contract };
  }

  private async maySee(actor: Actor, r: ContractRequest): Promise<boolean> {
    if (hasRole(actor, 'admin') || r.requestedBy === actor.username) return true;
    if (!hasRole(actor, 'account_rep', 'sales_manager')) return false;
    return (await this.users.findByUsername(actor.username))?.organizationDn === r.seller;
  }
}
