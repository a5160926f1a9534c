import type { EntityManager } from 'typeorm';
import { DomainError } from '@pactum/domain';

/** Contracts in these statuses depend on the reference data they name: it cannot be deleted under them. */
export const REFERENCING_STATUSES = ['PENDING_APPROVAL', 'APPROVED', 'DEPLOYING', 'DEPLOYMENT_FAILED', 'ACTIVE', 'SUSPENDED'];

/**
 * Refuses (409 IN_USE, naming up to ten contracts) when `contractIdsSql` finds contracts on their
 * way to or in force that refer to what is about to be deleted. `contractIdsSql` selects contract
 * ids and may use `$1` (the name).
 */
export async function refuseIfReferenced(m: EntityManager, what: string, name: string, contractIdsSql: string): Promise<void> {
  const rows: { code: string; version: string; status: string }[] = await m.query(
    `SELECT c.code, c.version_major || '.' || c.version_minor AS version, c.status FROM contracts c
      WHERE c.id IN (${contractIdsSql}) AND c.deleted_at IS NULL AND c.status = ANY($2::text[])
      ORDER BY c.code, c.version_major, c.version_minor LIMIT 10`, [name, REFERENCING_STATUSES]);
  if (rows.length) {
    throw new DomainError('conflict', 'IN_USE', `The ${what} ${JSON.stringify(name)} is named by contracts that are in force or on their way; change them first`,
      rows.map((r) => ({ field: 'name', message: `contract ${r.code} ${r.version} (${r.status})` })));
  }
}
