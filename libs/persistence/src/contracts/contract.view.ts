import { WCS_STATE_CODE, type ContractStatus } from '@pactum/domain';
import type { ContractHistoryEntity } from '../entities';
import type { ContractRecord } from '../repositories/contract.store';

/** The contract object of API.md, built from what Postgres holds. */
export function contractView({ contract: c, buyers, terms, baseContract, attachments, contacts, forceContractPrice, descriptions }: ContractRecord) {
  return {
    id: c.id,
    code: c.code,
    version: `${c.versionMajor}.${c.versionMinor}`,
    origin: c.origin,
    status: c.status as ContractStatus,
    wcsState: WCS_STATE_CODE[c.status as ContractStatus] ?? null,
    description: c.description,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    currency: c.currency,
    isBase: c.isBase,
    baseContract: baseContract ? { id: baseContract.id, code: baseContract.code, version: `${baseContract.versionMajor}.${baseContract.versionMinor}` } : null,
    seller: c.sellerDn,
    account: c.accountName,
    comment: c.comment,
    creditAllowed: c.creditAllowed,
    forceContractPrice,
    ...(descriptions ? { descriptions } : {}),
    buyers,
    terms,
    attachments,
    contacts,
    createdBy: c.createdBy,
    owner: c.owner,
    submittedBy: c.submittedBy,
    workflowId: c.workflowId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export type ContractView = ReturnType<typeof contractView>;

export function historyView(h: ContractHistoryEntity) {
  return { at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, detail: h.detail };
}

/** The editable content of a contract in the create body's shape (what PATCH and new-version start from). */
export function draftOf(record: ContractRecord): Record<string, unknown> {
  const v = contractView(record);
  return {
    code: v.code,
    ...(v.description !== null ? { description: v.description } : {}),
    currency: v.currency,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    seller: v.seller,
    buyers: v.buyers,
    ...(v.account !== null ? { account: v.account } : {}),
    isBase: v.isBase,
    baseContract: v.baseContract ? { code: v.baseContract.code, version: v.baseContract.version } : null,
    ...(v.comment !== null ? { comment: v.comment } : {}),
    creditAllowed: v.creditAllowed,
    forceContractPrice: v.forceContractPrice,
    ...(v.descriptions ? { descriptions: v.descriptions } : {}),
    ...(v.attachments.length ? { attachments: v.attachments } : {}),
    ...(v.contacts.length ? { contacts: v.contacts } : {}),
    terms: v.terms,
  };
}
