import type { DataSource, EntityManager } from 'typeorm';
import type { MemberGroupMembership, ProductSetDefinition } from '@pactum/domain';
import type { PriceListRow } from '../checkout/live-pricing-snapshot';

type Queryable = Pick<EntityManager | DataSource, 'query'>;

/** The NOTIFY channel of reference-data changes: `member-groups`, `price-list:NAME`, `product-set:NAME`, `currency-rates`. */
export const REFERENCE_DATA_CHANNEL = 'pactum_reference_data';

/** Every organisation's membership of every member group (checkout's organisation directory). */
export async function loadMemberships(q: Queryable): Promise<MemberGroupMembership[]> {
  return q.query(`SELECT group_name AS "group", organization_dn AS organization FROM member_group_members`);
}

/** The prices of the named lists (all lists when `names` is absent), grouped by list. */
export async function loadPriceLists(q: Queryable, names?: readonly string[]): Promise<Map<string, PriceListRow[]>> {
  const rows: (PriceListRow & { name: string })[] = await q.query(
    `SELECT price_list AS name, currency::text AS currency, sku, price::text AS price FROM price_list_prices
      WHERE ($1::text[] IS NULL OR price_list = ANY($1::text[]))`, [names ? [...names] : null]);
  const byList = new Map<string, PriceListRow[]>((names ?? []).map((n) => [n, []]));
  for (const { name, ...row } of rows) {
    const list = byList.get(name);
    if (list) list.push(row);
    else byList.set(name, [row]);
  }
  return byList;
}

/** The named product sets (all when `names` is absent); a name without a set is absent from the map. */
export async function loadProductSets(q: Queryable, names?: readonly string[]): Promise<Map<string, ProductSetDefinition>> {
  const rows: { name: string; kind: 'sku' | 'category'; code: string | null }[] = await q.query(
    `SELECT s.name, m.kind, m.code FROM product_sets s LEFT JOIN product_set_members m ON m.product_set = s.name
      WHERE ($1::text[] IS NULL OR s.name = ANY($1::text[]))`, [names ? [...names] : null]);
  const sets = new Map<string, { skus: string[]; categories: string[] }>();
  for (const r of rows) {
    let set = sets.get(r.name);
    if (!set) sets.set(r.name, (set = { skus: [], categories: [] }));
    if (r.code === null) continue;
    (r.kind === 'sku' ? set.skus : set.categories).push(r.code);
  }
  return sets;
}
