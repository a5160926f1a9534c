import type { components } from './schema';

/**
 * The bodies the sales manager's pages use, by their OpenAPI schema names (apps/api/src/openapi/
 * api.schemas.ts), as generated into schema.d.ts. The client infers them from each path; these
 * names are for the components' props.
 */
type Schemas = components['schemas'];

export type ContractStatus = Schemas['ContractStatus'];
export type ContractView = Schemas['Contract'];
export type InboxItem = Schemas['InboxItem'];
export type InboxPage = Schemas['InboxPage'];
export type InboxDetail = Schemas['InboxDetail'];
export type RedlineChange = Schemas['RedlineChange'];
export type RedlineSummary = Schemas['RedlineSummary'];
export type MyContract = Schemas['MyContract'];
export type Delegation = Schemas['Delegation'];
export type DelegationRequest = Schemas['DelegationRequest'];

/** Timing of a pending approval, as InboxItem (always) and InboxDetail (while pending) carry it. */
export type ApprovalTiming = Partial<Pick<InboxItem, 'submittedAt' | 'waitingSeconds' | 'escalatesAt' | 'secondsLeft' | 'escalated'>>;
