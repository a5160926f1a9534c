import type { DataSource } from 'typeorm';
import { DomainError, type ProductSetContent } from '@pactum/domain';
import { refuseIfReferenced } from './reference-in-use';

export interface ProductSet extends ProductSetContent {
  name: string;
  updatedAt: string;
}

export interface ProductSetSummary {
  name: string;
  description: string | null;
  skus: number;
  categories: number;
  updatedAt: string;
}

const notFound = (name: string) => new DomainError('not_found', 'PRODUCT_SET_NOT_FOUND', `No product set ${JSON.stringify(name)}`);

/** Named product sets (reference data): SKUs and categories that product-set terms and selective adjustments name. */
export class ProductSetStore {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<ProductSetSummary[]> {
    const rows: { name: string; description: string | null; skus: number; categories: number; updated_at: Date }[] = await this.dataSource.query(
      `SELECT s.name, s.description, s.updated_at,
              (SELECT count(*)::int FROM product_set_members m WHERE m.product_set = s.name AND m.kind = 'sku') AS skus,
              (SELECT count(*)::int FROM product_set_members m WHERE m.product_set = s.name AND m.kind = 'category') AS categories
         FROM product_sets s ORDER BY s.name`);
    return rows.map((r) => ({ name: r.name, description: r.description, skus: r.skus, categories: r.categories, updatedAt: r.updated_at.toISOString() }));
  }

  async get(name: string): Promise<ProductSet> {
    const [set]: { name: string; description: string | null; updated_at: Date }[] = await this.dataSource.query(
      `SELECT name, description, updated_at FROM product_sets WHERE name = $1`, [name]);
    if (!set) throw notFound(name);
    const members: { kind: 'sku' | 'category'; code: string }[] = await this.dataSource.query(
      `SELECT kind, code FROM product_set_members WHERE product_set = $1 ORDER BY kind, code`, [name]);
    return {
      name, description: set.description, updatedAt: set.updated_at.toISOString(),
      skus: members.filter((m) => m.kind === 'sku').map((m) => m.code),
      categories: members.filter((m) => m.kind === 'category').map((m) => m.code),
    };
  }

  /** Creates the set or replaces its description and members, in one transaction. */
  async put(name: string, content: ProductSetContent): Promise<{ set: ProductSet; created: boolean }> {
    const created = await this.dataSource.transaction(async (m) => {
      const [row]: { created: boolean }[] = await m.query(
        `INSERT INTO product_sets (name, description) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, updated_at = now()
         RETURNING (xmax = 0) AS created`, [name, content.description]);
      await m.query(`DELETE FROM product_set_members WHERE product_set = $1`, [name]);
      await m.query(
        `INSERT INTO product_set_members (product_set, kind, code)
           SELECT $1, 'sku', code FROM unnest($2::text[]) AS u(code)
           UNION ALL SELECT $1, 'category', code FROM unnest($3::text[]) AS u(code)`, [name, content.skus, content.categories]);
      return row!.created;
    });
    return { set: await this.get(name), created };
  }

  async delete(name: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [set] = await m.query(`SELECT name FROM product_sets WHERE name = $1 FOR UPDATE`, [name]);
      if (!set) throw notFound(name);
      await refuseIfReferenced(m, 'product set', name, `SELECT contract_id FROM contract_product_set_items WHERE kind = 'set' AND code = $1`);
      await m.query(`DELETE FROM product_sets WHERE name = $1`, [name]);
    });
  }
}
