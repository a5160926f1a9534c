import type { DataSource } from 'typeorm';
import { DomainError, type PriceListContent, type PriceListPrice } from '@pactum/domain';
import { refuseIfReferenced } from './reference-in-use';

export interface PriceListSummary {
  name: string;
  description: string | null;
  /** Prices per currency. */
  prices: Record<string, number>;
  updatedAt: string;
}

export interface PriceList extends PriceListContent {
  name: string;
  updatedAt: string;
}

/** Rows per INSERT statement when a list is replaced (parameters travel as three text arrays). */
const INSERT_CHUNK = 50_000;

const notFound = (name: string) => new DomainError('not_found', 'PRICE_LIST_NOT_FOUND', `No price list ${JSON.stringify(name)}`);

/** Named price lists (reference data): a price per SKU and currency, named by `PriceTCPriceList…` terms. */
export class PriceListStore {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<PriceListSummary[]> {
    return this.summaries(null);
  }

  /** Every list, or only the one named, with its number of prices per currency. */
  private async summaries(name: string | null): Promise<PriceListSummary[]> {
    const rows: { name: string; description: string | null; updated_at: Date; counts: Record<string, number> | null }[] = await this.dataSource.query(
      `SELECT l.name, l.description, l.updated_at,
              (SELECT jsonb_object_agg(currency, n) FROM (SELECT currency::text, count(*)::int AS n FROM price_list_prices p
                 WHERE p.price_list = l.name GROUP BY currency) c) AS counts
         FROM price_lists l WHERE ($1::text IS NULL OR l.name = $1) ORDER BY l.name`, [name]);
    return rows.map((r) => ({ name: r.name, description: r.description, prices: r.counts ?? {}, updatedAt: r.updated_at.toISOString() }));
  }

  /** The list with its prices, optionally of one currency. */
  async get(name: string, currency?: string): Promise<PriceList> {
    const [list]: { description: string | null; updated_at: Date }[] = await this.dataSource.query(
      `SELECT description, updated_at FROM price_lists WHERE name = $1`, [name]);
    if (!list) throw notFound(name);
    const prices: PriceListPrice[] = await this.dataSource.query(
      `SELECT sku, currency::text AS currency, price::text AS price FROM price_list_prices
        WHERE price_list = $1 AND ($2::text IS NULL OR currency = $2) ORDER BY currency, sku`, [name, currency?.toUpperCase() ?? null]);
    return { name, description: list.description, prices, updatedAt: list.updated_at.toISOString() };
  }

  /** Creates the list or replaces its description and every price, in one transaction. */
  /** `keepDescription`: an existing list keeps its description (a CSV upload carries none). */
  async put(name: string, content: PriceListContent & { keepDescription?: boolean }): Promise<{ summary: PriceListSummary; created: boolean }> {
    const created = await this.dataSource.transaction(async (m) => {
      const [row]: { created: boolean }[] = await m.query(
        `INSERT INTO price_lists (name, description) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET description = CASE WHEN $3 THEN price_lists.description ELSE EXCLUDED.description END, updated_at = now()
         RETURNING (xmax = 0) AS created`, [name, content.description, content.keepDescription === true]);
      await m.query(`DELETE FROM price_list_prices WHERE price_list = $1`, [name]);
      for (let i = 0; i < content.prices.length; i += INSERT_CHUNK) {
        const chunk = content.prices.slice(i, i + INSERT_CHUNK);
        await m.query(
          `INSERT INTO price_list_prices (price_list, currency, sku, price)
             SELECT $1, c, s, p::numeric FROM unnest($2::text[], $3::text[], $4::text[]) AS u(c, s, p)`,
          [name, chunk.map((p) => p.currency), chunk.map((p) => p.sku), chunk.map((p) => p.price)]);
      }
      return row!.created;
    });
    const [summary] = await this.summaries(name);
    return { summary: summary!, created };
  }

  async delete(name: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [list] = await m.query(`SELECT name FROM price_lists WHERE name = $1 FOR UPDATE`, [name]);
      if (!list) throw notFound(name);
      await refuseIfReferenced(m, 'price list', name, `
        SELECT contract_id FROM contract_terms WHERE type IN ('PriceTCPriceListWithOptionalAdjustment', 'PriceTCPriceListWithSelectiveAdjustment') AND code = $1`);
      await m.query(`DELETE FROM price_lists WHERE name = $1`, [name]);
    });
  }
}
