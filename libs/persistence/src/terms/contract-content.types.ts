import type { ContractAttachment, ContractContact, TypedContractTerm } from '@pactum/domain';

// Local shapes matching the fields another helper adds to ContractDraft (same names and shapes), so a
// ContractDraft is accepted as it is today and once it is extended.

/** A buyer participant: an organisation (distinguished name) or a member group, exactly one. */
export interface ContentBuyer {
  organization?: string;
  memberGroup?: string;
  startsAt?: string;
  endsAt?: string;
  active?: boolean;
}

export type { ContractAttachment, ContractContact };

/** What writeContractContent stores: the participants, terms and profile extras of one contract version. */
export interface ContractContentDraft {
  buyers: readonly ContentBuyer[];
  terms: readonly { type: string; sequenceNumber: number }[];
  attachments?: readonly ContractAttachment[];
  contacts?: readonly ContractContact[];
  descriptions?: Record<string, string>;
  forceContractPrice?: boolean;
}

/** What readContractContent returns per contract. */
export interface ContractContent {
  buyers: (ContentBuyer & { active: boolean })[];
  terms: TypedContractTerm[];
  attachments: ContractAttachment[];
  contacts: ContractContact[];
  forceContractPrice: boolean;
  descriptions?: Record<string, string>;
}
