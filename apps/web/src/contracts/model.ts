/** The contract as the API carries it (GET /api/v1/contracts/{id}), and the editor's draft of it. */
import type { components } from '../api/schema';

export type Contract = components['schemas']['Contract'];
export type ContractPage = components['schemas']['ContractPage'];
export type Buyer = { organization?: string; memberGroup?: string; startsAt?: string; endsAt?: string; active?: boolean };
/** A term while it is edited: any parameters, typed as the user types them; the API checks them on save. */
export type Term = Record<string, unknown> & { type: string; sequenceNumber: number };

/** What the editor edits: the create body's shape (API.md), strings as typed until saved. */
export interface Draft {
  code: string; description: string; currency: string; startsAt: string; endsAt: string; seller: string;
  account: string; isBase: boolean; baseContract: string; comment: string; creditAllowed: boolean; forceContractPrice: boolean;
  buyers: Buyer[]; terms: Term[];
}

export function draftFrom(c: Contract, asCopy = false): Draft {
  return {
    code: asCopy ? '' : c.code, description: c.description ?? '', currency: c.currency,
    startsAt: c.startsAt.slice(0, 10), endsAt: c.endsAt.slice(0, 10), seller: c.seller, account: c.account ?? '',
    isBase: c.isBase, baseContract: c.baseContract?.code ?? '', comment: c.comment ?? '',
    creditAllowed: c.creditAllowed, forceContractPrice: c.forceContractPrice,
    buyers: c.buyers.map((b) => ({ ...b }) as Buyer), terms: c.terms.map((t) => structuredClone(t) as Term),
  };
}

export function emptyDraft(seller: string): Draft {
  const year = new Date().getUTCFullYear();
  return {
    code: '', description: '', currency: 'USD', startsAt: new Date().toISOString().slice(0, 10), endsAt: `${year + 1}-12-31`,
    seller, account: '', isBase: false, baseContract: '', comment: '', creditAllowed: false, forceContractPrice: false,
    buyers: [{ organization: '', active: true }], terms: [],
  };
}
