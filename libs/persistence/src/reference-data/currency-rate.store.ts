import type { DataSource, EntityManager } from 'typeorm';
import type { CurrencyRate } from '@pactum/domain';

type Queryable = Pick<EntityManager | DataSource, 'query'>;

export interface StoredCurrencyRate extends CurrencyRate {
  updatedAt: string;
}

/** The exchange rates checkout may convert with (reference data), replaced as a whole. */
export class CurrencyRateStore {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<StoredCurrencyRate[]> {
    const rows: { from: string; to: string; rate: string; updated_at: Date }[] = await this.dataSource.query(
      `SELECT from_currency::text AS "from", to_currency::text AS "to", rate::text AS rate, updated_at FROM currency_rates ORDER BY 1, 2`);
    return rows.map((r) => ({ from: r.from, to: r.to, rate: r.rate, updatedAt: r.updated_at.toISOString() }));
  }

  /** Replaces every rate in one transaction (an empty table: no conversion at all). */
  async replace(rates: readonly CurrencyRate[]): Promise<StoredCurrencyRate[]> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`LOCK TABLE currency_rates IN SHARE ROW EXCLUSIVE MODE`);
      await m.query(`DELETE FROM currency_rates`);
      if (rates.length) {
        await m.query(`INSERT INTO currency_rates (from_currency, to_currency, rate) SELECT f, t, r::numeric FROM unnest($1::text[], $2::text[], $3::text[]) AS u(f, t, r)`,
          [rates.map((r) => r.from), rates.map((r) => r.to), rates.map((r) => r.rate)]);
      }
    });
    return this.list();
  }
}

/** Every configured rate, for checkout. */
export async function loadCurrencyRates(q: Queryable): Promise<CurrencyRate[]> {
  return q.query(`SELECT from_currency::text AS "from", to_currency::text AS "to", rate::text AS rate FROM currency_rates`);
}
