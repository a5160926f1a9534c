import { DataSource, EntityManager } from 'typeorm';
import type { AlongsideWrite } from './mail-outbox.store';
import type { LifecycleEvent, LifecycleNoticeKind } from '@pactum/domain';
import { returningRows } from './returning-rows';

/** Postgres channel a queued notice is announced on (at commit), so the dispatcher need not poll. */
export const NOTICES_CHANNEL = 'pactum_notices';

/** A notice waiting to be turned into mail; `key` is `<contractId>/<seq>/<kind>`. */
export interface QueuedNotice {
  key: string;
  contractId: string;
  seq: number;
  kind: LifecycleNoticeKind;
  actor?: string;
  reason?: string;
  attempts: number;
}

export function noticeKey(contractId: string, seq: number, kind: string): string {
  return `${contractId}/${seq}/${kind}`;
}

/**
 * Queues the step's notice inside the step's transaction, for the workers of `taskQueue`; a retried
 * step queues nothing new.
 */
export async function queueNotice(m: EntityManager, t: LifecycleEvent, taskQueue: string): Promise<void> {
  if (!t.notice) return;
  await m.query(
    `INSERT INTO contract_notices (key, task_queue, contract_id, seq, kind, actor, reason) VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (key) DO NOTHING`,
    [noticeKey(t.contractId, t.seq, t.notice.kind), taskQueue, t.contractId, t.seq, t.notice.kind, t.notice.actor ?? null, t.notice.reason ?? null],
  );
  await m.query(`SELECT pg_notify($1, '')`, [NOTICES_CHANNEL]);
}

interface NoticeRow {
  key: string;
  contract_id: string;
  seq: number;
  kind: LifecycleNoticeKind;
  actor: string | null;
  reason: string | null;
  attempts: number;
}

/** The queue of lifecycle notices: claim, then mark done or failed. */
export class ContractNoticeStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` waiting notices, oldest first. A claim older than `staleAfterMs` (its
   * worker died, or the last attempt failed) can be claimed again; SKIP LOCKED keeps two workers
   * from claiming the same notice.
   */
  async claim(taskQueue: string, limit: number, staleAfterMs: number): Promise<QueuedNotice[]> {
    const rows = returningRows<NoticeRow>(await this.dataSource.query(
      `UPDATE contract_notices SET claimed_at = now(), attempts = attempts + 1
        WHERE key IN (SELECT key FROM contract_notices
                       WHERE task_queue = $1 AND done_at IS NULL AND (claimed_at IS NULL OR claimed_at < now() - $3 * interval '1 millisecond')
                       ORDER BY queued_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING key, contract_id, seq, kind, actor, reason, attempts`,
      [taskQueue, limit, staleAfterMs],
    ));
    return rows
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((r) => ({ key: r.key, contractId: r.contract_id, seq: r.seq, kind: r.kind, attempts: r.attempts, ...(r.actor ? { actor: r.actor } : {}), ...(r.reason ? { reason: r.reason } : {}) }));
  }

  /** Marks the notice done in the statement that queues its mail (queueAndTryDeliver's `alongside`). */
  static doneAlongside(key: string): AlongsideWrite {
    return { sql: `UPDATE contract_notices SET done_at = now(), last_error = NULL WHERE key = $1`, params: [key] };
  }

  /** Records why the attempt failed; `giveUp` ends the retries (the error stays for the operator). */
  async failed(key: string, error: string, giveUp: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE contract_notices SET last_error = $2, done_at = CASE WHEN $3::boolean THEN now() ELSE NULL END WHERE key = $1`,
      [key, error.slice(0, 2000), giveUp],
    );
  }

  /** Notices of `taskQueue` not yet handled (for tests and the operator). */
  async waiting(taskQueue: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM contract_notices WHERE task_queue = $1 AND done_at IS NULL`, [taskQueue]);
    return row.n;
  }
}
