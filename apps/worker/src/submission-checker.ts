import { DomainError, validateContractRules, type ContractDraft, type ContractRuleContext, type ContractStatus } from '@pactum/domain';
import type { ContractStore } from '@pactum/persistence';

/**
 * The rules of CONTRACT-MODEL.md checked at submit: every cross-term rule, with the account and the
 * base contract the draft refers to loaded from Postgres (validateContractRules is the pure part), in
 * one query unless the draft names a base contract.
 */
export class SubmissionChecker {
  constructor(private readonly store: ContractStore) {}

  /** Throws the broken rules as one validation error; answers whether the seller requires approval. */
  async check(contractId: string, draft: ContractDraft): Promise<{ sellerRequiresApproval: boolean }> {
    const context = await this.store.submissionContext(contractId, draft.seller, draft.account ?? null);
    if (!context) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `Contract ${contractId} does not exist`);
    const ctx: ContractRuleContext = {};
    if (draft.account) ctx.account = context.account;
    if (draft.baseContract) {
      const base = context.baseContractId ? await this.store.findById(context.baseContractId) : null;
      ctx.baseContract = base
        ? { code: base.contract.code, isBase: base.contract.isBase, status: base.contract.status as ContractStatus, terms: base.terms }
        : null;
    }
    const problems = validateContractRules(draft, ctx);
    if (problems.length) throw DomainError.validation(problems, 'The contract cannot be submitted: it breaks the rules of its terms');
    return { sellerRequiresApproval: context.sellerRequiresApproval };
  }
}
