import type { DataSource } from 'typeorm';
import { readsSql } from '../approvals/contract-scope.sql';

export interface DashboardFigures {
  byStatus: { status: string; count: number }[];
  /** Contracts waiting for approval, by days since their last submission. */
  waiting: { fromDays: number; toDays: number | null; count: number }[];
  /** Contracts in force (Active, Approved, Suspended) ending within 30, 60 and 90 days. */
  expiring: { withinDays: number; count: number }[];
  /** Contracts with a right-to-buy cap, most consumed first (at most `limit`). */
  rightToBuy: { contract: { id: string; code: string; version: string }; limit: string; consumed: string; remaining: string; currency: string; share: number }[];
  generatedAt: string;
}

const WAITING_BUCKETS = [[0, 1], [1, 3], [3, 7], [7, null]] as const;
const EXPIRING_DAYS = [30, 60, 90] as const;

/**
 * The dashboard's figures over the contracts one user may read (the same scope rule as every
 * contract read): four queries on one visible set, each an aggregate.
 */
export class DashboardStore {
  constructor(private readonly dataSource: DataSource) {}

  async figures(username: string, rightToBuyLimit = 20): Promise<DashboardFigures> {
    const visible = `SELECT c.id, c.code, c.version_major, c.version_minor, c.status, c.ends_at FROM contracts c
      WHERE c.deleted_at IS NULL AND ${readsSql('$1', 'c.seller_dn', 'c.owner', 'now()')}`;
    const [byStatus, waiting, expiring, rightToBuy] = await Promise.all([
      this.dataSource.query(`WITH v AS (${visible}) SELECT status, count(*)::int AS count FROM v GROUP BY status ORDER BY status`, [username]),
      this.dataSource.query(`WITH v AS (${visible}),
          w AS (SELECT extract(epoch FROM now() - (SELECT max(h.at) FROM contract_history h WHERE h.contract_id = v.id AND h.action = 'submit')) / 86400 AS days
                FROM v WHERE v.status = 'PENDING_APPROVAL')
        SELECT ${WAITING_BUCKETS.map(([from, to], i) => `count(*) FILTER (WHERE coalesce(days, 0) >= ${from}${to === null ? '' : ` AND coalesce(days, 0) < ${to}`})::int AS b${i}`).join(', ')} FROM w`, [username]),
      this.dataSource.query(`WITH v AS (${visible})
        SELECT ${EXPIRING_DAYS.map((d) => `count(*) FILTER (WHERE v.ends_at < now() + interval '${d} days')::int AS d${d}`).join(', ')}
        FROM v WHERE v.status IN ('ACTIVE', 'APPROVED', 'SUSPENDED') AND v.ends_at >= now()`, [username]),
      this.dataSource.query(`WITH v AS (${visible})
        SELECT v.id, v.code, v.version_major || '.' || v.version_minor AS version, r.limit_amount::text AS "limit", r.consumed::text AS consumed,
               (r.limit_amount - r.consumed)::text AS remaining, r.currency,
               CASE WHEN r.limit_amount > 0 THEN (r.consumed / r.limit_amount)::float8 ELSE 0 END AS share
        FROM v JOIN checkout_right_to_buy r ON r.contract_id = v.id
        WHERE v.status IN ('ACTIVE', 'APPROVED', 'SUSPENDED', 'EXPIRED')
        ORDER BY share DESC, v.code LIMIT $2`, [username, rightToBuyLimit]),
    ]);
    return {
      byStatus,
      waiting: WAITING_BUCKETS.map(([fromDays, toDays], i) => ({ fromDays, toDays, count: waiting[0][`b${i}`] })),
      expiring: EXPIRING_DAYS.map((withinDays) => ({ withinDays, count: expiring[0][`d${withinDays}`] })),
      rightToBuy: rightToBuy.map((r: Record<string, any>) => ({
        contract: { id: r.id, code: r.code, version: r.version }, limit: r.limit, consumed: r.consumed, remaining: r.remaining, currency: r.currency.trim(), share: r.share,
      })),
      generatedAt: new Date().toISOString(),
    };
  }
}
