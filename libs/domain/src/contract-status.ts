/** Contract states as the API names them, with the WCS numeric codes kept for import/export. */
export const CONTRACT_STATUSES = [
  'DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'DEPLOYING', 'DEPLOYMENT_FAILED',
  'ACTIVE', 'SUSPENDED', 'EXPIRED', 'CANCELLED', 'CLOSED', 'COMPLETED', 'ARCHIVED',
] as const;

export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** WCS state codes. Pactum's own states (Expired, Completed, Archived) have none in WCS: null. */
export const WCS_STATE_CODE: Record<ContractStatus, number | null> = {
  DRAFT: 0,
  PENDING_APPROVAL: 1,
  APPROVED: 2,
  ACTIVE: 3,
  REJECTED: 4,
  CANCELLED: 5,
  CLOSED: 6,
  SUSPENDED: 7,
  DEPLOYING: -1,
  DEPLOYMENT_FAILED: -2,
  EXPIRED: null,
  COMPLETED: null,
  ARCHIVED: null,
};

export function isContractStatus(value: unknown): value is ContractStatus {
  return typeof value === 'string' && (CONTRACT_STATUSES as readonly string[]).includes(value);
}

/** States from which nothing moves any more (deletion marks a flag, it is not a state). */
export const FINAL_STATUSES: readonly ContractStatus[] = ['CANCELLED', 'CLOSED', 'ARCHIVED'];
