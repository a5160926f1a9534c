import { DataSource, EntityManager } from 'typeorm';

/** The single use of action links: a nonce is recorded once, atomically. */
export class ActionLinkStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * True the first time a nonce is consumed, false ever after (also under concurrent clicks).
   * Pass the transaction's manager to consume the link in the transaction that performs the action,
   * so a failed action leaves the link usable.
   */
  async consume(nonce: string, usedBy: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO action_link_uses (nonce, used_by) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
      [nonce, usedBy],
    );
    return rows.length === 1;
  }

  async isUsed(nonce: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM action_link_uses WHERE nonce = $1`, [nonce]);
    return rows.length === 1;
  }

  /** Gives a use back when the action could not be carried out for a technical reason (the link may be retried). */
  async release(nonce: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM action_link_uses WHERE nonce = $1`, [nonce]);
  }

  /** Forgets uses older than the longest link lifetime: such links are refused as expired anyway. */
  async purgeUsedBefore(cutoff: Date): Promise<number> {
    const [, affected] = await this.dataSource.query(`DELETE FROM action_link_uses WHERE used_at < $1`, [cutoff]);
    return Number(affected ?? 0);
  }
}
