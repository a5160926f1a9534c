import { DomainError, type ContractDraft, type ErrorDetail } from '../../../libs/domain/src';
import type { ContractStore } from '../../../libs/persistence/src';

/** The rules checked at submit that need more than the contract itself: its base contract and account. */
export class SubmissionChecker {
  constructor(private readonly store: ContractStore) {}

  async check(contractId: string, draft: ContractDraft): Promise<void> {
    const problems: ErrorDetail[] = [];
    const record = await this.store.findById(contractId);
    if (!record) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `Contract ${contractId} does not exist`);
    if (draft.baseContract) {
      const base = record.baseContract ? await this.store.findById(record.baseContract.id) : null;
      if (!base || base.contract.status !== 'ACTIVE') {
        problems.push({ field: 'baseContract', message: 'must refer to an Active base contract' });
      }
    }
    if (problems.length) throw DomainError.validation(problems, 'The contract cannot be submitted');
  }
}
