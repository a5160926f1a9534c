import type { EntityManager } from 'typeorm';
import { DomainError, type ContractDraft } from '@pactum/domain';

/**
 * The id of the base contract a draft refers to: the named version, or the newest one when none is
 * named. Used by every writer of contracts (API drafts and imports), so both resolve alike.
 */
export async function resolveBaseContractId(m: Pick<EntityManager, 'query'>, d: ContractDraft): Promise<string | null> {
  if (!d.baseContract) return null;
  const [base] = await m.query(
    `SELECT id FROM contracts WHERE code = $1 AND seller_dn = $2 AND is_base AND deleted_at IS NULL
       AND ($3::text IS NULL OR version_major || '.' || version_minor = $3)
     ORDER BY version_major DESC, version_minor DESC LIMIT 1`,
    [d.baseContract.code, d.seller, d.baseContract.version ?? null],
  );
  if (!base) throw DomainError.validation([{ field: 'baseContract.code', message: `no base contract "${d.baseContract.code}" of this seller` }]);
  return base.id;
}
