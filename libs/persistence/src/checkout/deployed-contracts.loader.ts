import type { DataSource, EntityManager } from 'typeorm';
import { contractFamilyKey, type ContractStatus, type DeployedContractInput, type TypedContractTerm } from '@pactum/domain';
import { readAccountTerms } from '../terms/account-terms.store';
import { readContractContent, readContractContentInBulk } from '../terms/contract-terms.reader';

type Queryable = Pick<EntityManager | DataSource, 'query'>;

/**
 * Statuses checkout compiles: Active sells; Approved (and Deploying) sells from its start, so an
 * evaluation `at` a later time sees it, and its start closes the older versions of its family;
 * Suspended is kept (without terms) so that it and its referrers give nothing.
 */
export const LIVE_STATUSES: readonly ContractStatus[] = ['ACTIVE', 'APPROVED', 'DEPLOYING', 'SUSPENDED'];

/** Contracts per content read: ~100 offers each gives ~50,000 offer rows per batch (bounded memory). */
export const DEFAULT_BATCH_SIZE = 500;

interface HeaderRow {
  id: string;
  code: string;
  origin: string;
  seller_dn: string;
  version_major: number;
  version_minor: number;
  status: ContractStatus;
  starts_at: Date;
  ends_at: Date;
  currency: string;
  is_base: boolean;
  base_contract_id: string | null;
  credit_allowed: boolean;
  account_id: string | null;
}

/**
 * Reads live contracts (deployed, or approved and waiting for their start) from the content tables (contract_terms and its child tables, the
 * same reader the API uses), batch by batch, as the input of compilePricingSnapshot.
 *
 * Checkout needs every enforced term (shipping, payment, product sets, right to buy, quantities,
 * price rules…), so it reads the content tables, one contract always as one consistent version. An
 * approved contract waiting for its start is read the same way.
 *
 * `onBatch` runs while the next batch is being read (one batch in flight: memory stays bounded).
 * A whole load reads a query per table; a refresh of named contracts (`ids`: a few, after a
 * deploy or an expiry) reads them in one query.
 */
export async function loadDeployedContracts(
  q: Queryable,
  onBatch: (contracts: DeployedContractInput[]) => void,
  options: { ids?: readonly string[]; batchSize?: number } = {},
): Promise<{ contracts: number }> {
  const headers: HeaderRow[] = await q.query(
    `SELECT c.id, c.code, c.origin, c.seller_dn, c.version_major, c.version_minor, c.status, c.starts_at, c.ends_at, c.currency::text AS currency,
       c.is_base, c.base_contract_id, c.credit_allowed AND coalesce(a.credit_allowed, true) AS credit_allowed, a.id AS account_id
     FROM contracts c LEFT JOIN business_accounts a ON a.name = c.account_name AND a.seller_dn = c.seller_dn
     WHERE c.status = ANY($1::text[]) AND c.deleted_at IS NULL AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
     ORDER BY c.id`,
    [LIVE_STATUSES, options.ids ? [...options.ids] : null],
  );
  const accountIds = [...new Set(headers.map((h) => h.account_id).filter((x): x is string => x !== null))];
  const accountTerms = await readAccountTerms(q, accountIds);

  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batches: HeaderRow[][] = [];
  for (let i = 0; i < headers.length; i += size) batches.push(headers.slice(i, i + size));

  const reader = options.ids ? readContractContent : readContractContentInBulk;
  const read = (batch: HeaderRow[]) => reader(q, batch.filter((h) => h.status !== 'SUSPENDED').map((h) => h.id));
  let pending = batches.length ? read(batches[0]) : null;
  for (let i = 0; i < batches.length; i++) {
    const content = await pending!;
    pending = i + 1 < batches.length ? read(batches[i + 1]) : null;
    onBatch(batches[i].map((h): DeployedContractInput => {
      const c = content.get(h.id);
      return {
        id: h.id,
        code: h.code,
        version: `${h.version_major}.${h.version_minor}`,
        status: h.status,
        startsAt: h.starts_at.toISOString(),
        endsAt: h.ends_at.toISOString(),
        currency: h.currency,
        isBase: h.is_base,
        baseContractId: h.base_contract_id,
        forceContractPrice: c?.forceContractPrice ?? false,
        creditAllowed: h.credit_allowed,
        // A suspended contract is compiled bare (no buyers, no terms): it sells nothing, and referrers see its status.
        buyers: c?.buyers ?? [],
        terms: c?.terms ?? [],
        accountTerms: h.account_id && h.status !== 'SUSPENDED' ? (accountTerms.get(h.account_id) ?? []) as TypedContractTerm[] : [],
        family: contractFamilyKey(h.code, h.origin, h.seller_dn),
      };
    }));
  }
  return { contracts: headers.length };
}
