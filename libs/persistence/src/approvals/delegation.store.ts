import type { DataSource } from 'typeorm';
import { DomainError } from '@pactum/domain';
import { returningRows } from '../repositories/returning-rows';

export interface Delegation {
  id: string;
  delegator: string;
  delegate: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  revokedAt: string | null;
}

interface DelegationRow {
  id: string;
  delegator: string;
  delegate: string;
  starts_at: Date;
  ends_at: Date;
  created_at: Date;
  revoked_at: Date | null;
}

const view = (r: DelegationRow): Delegation => ({
  id: r.id, delegator: r.delegator, delegate: r.delegate, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(),
  createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null,
});

const COLUMNS = 'id, delegator, delegate, starts_at, ends_at, created_at, revoked_at';

/** Out-of-office delegations: a manager names a delegate for a period; approvals route to the delegate. */
export class DelegationStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(delegator: string, delegate: string, startsAt: Date, endsAt: Date, now: Date = new Date()): Promise<Delegation> {
    if (delegate === delegator) throw DomainError.validation([{ field: 'delegate', message: 'must be someone else' }], 'A manager cannot delegate to themselves');
    if (!(startsAt < endsAt)) throw DomainError.validation([{ field: 'endsAt', message: 'must be after startsAt' }], 'The delegation period is empty');
    if (endsAt <= now) throw DomainError.validation([{ field: 'endsAt', message: 'must be in the future' }], 'The delegation period is over already');
    const [target]: { ok: boolean }[] = await this.dataSource.query(
      `SELECT (active AND 'sales_manager' = ANY (roles)) AS ok FROM users WHERE username = $1`, [delegate]);
    if (!target?.ok) throw DomainError.validation([{ field: 'delegate', message: `"${delegate}" is not an active sales manager` }], 'Unknown delegate');
    const [row]: DelegationRow[] = await this.dataSource.query(
      `INSERT INTO approval_delegations (delegator, delegate, starts_at, ends_at) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [delegator, delegate, startsAt, endsAt]);
    return view(row!);
  }

  /** Delegations given or received by `username` that are not over yet (newest first). */
  async currentFor(username: string, now: Date = new Date()): Promise<Delegation[]> {
    const rows: DelegationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM approval_delegations
        WHERE (delegator = $1 OR delegate = $1) AND revoked_at IS NULL AND ends_at > $2 ORDER BY created_at DESC`, [username, now]);
    return rows.map(view);
  }

  /** Ends a delegation early; only its delegator may. Revoking twice changes nothing. */
  async revoke(id: string, delegator: string): Promise<Delegation> {
    const [row]: DelegationRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM approval_delegations WHERE id = $1`, [id]);
    if (!row) throw new DomainError('not_found', 'DELEGATION_NOT_FOUND', `No delegation ${id}`);
    if (row.delegator !== delegator) throw new DomainError('forbidden', 'NOT_DELEGATOR', 'Only the manager who gave a delegation ends it');
    if (row.revoked_at) return view(row);
    const [updated] = returningRows<DelegationRow>(await this.dataSource.query(
      `UPDATE approval_delegations SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`, [id]));
    return view(updated ?? row);
  }
}
