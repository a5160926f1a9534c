import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reference data contract terms name but do not hold: member groups (which organisations
 * belong to a group that may be a Buyer or a price-rule scope), named price lists (a price per
 * SKU and currency) and named product sets (SKUs and categories).
 *
 * Statement triggers announce every change on `pactum_reference_data` (payload `member-groups`,
 * `price-list:NAME` or `product-set:NAME`), so the API's checkout snapshot follows whoever wrote
 * it (API, CLI, a hand-run SQL fix) within the second, as it does for contracts. Postgres folds
 * identical notifications of one transaction, so replacing a list of 100,000 prices announces it once.
 */
export class ReferenceData1764800000000 implements MigrationInterface {
  name = 'ReferenceData1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_groups (
        name text PRIMARY KEY CHECK (btrim(name) <> ''),
        description text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Checkout compares group names case-insensitively (as buyer keys): two groups must not differ only in case.
    await q.query(`CREATE UNIQUE INDEX member_groups_name_ci_key ON member_groups (lower(name))`);
    await q.query(`
      CREATE TABLE member_group_members (
        group_name text NOT NULL REFERENCES member_groups (name) ON DELETE CASCADE,
        organization_dn text NOT NULL CHECK (btrim(organization_dn) <> ''),
        PRIMARY KEY (group_name, organization_dn)
      )`);
    await q.query(`
      CREATE TABLE price_lists (
        name text PRIMARY KEY CHECK (btrim(name) <> ''),
        description text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE price_list_prices (
        price_list text NOT NULL REFERENCES price_lists (name) ON DELETE CASCADE,
        currency char(3) NOT NULL,
        sku text NOT NULL,
        price pactum_decimal NOT NULL CHECK (price >= 0),
        PRIMARY KEY (price_list, currency, sku)
      )`);
    await q.query(`
      CREATE TABLE product_sets (
        name text PRIMARY KEY CHECK (btrim(name) <> ''),
        description text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE product_set_members (
        product_set text NOT NULL REFERENCES product_sets (name) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('sku', 'category')),
        code text NOT NULL CHECK (code <> ''),
        PRIMARY KEY (product_set, kind, code)
      )`);

    await q.query(`
      CREATE FUNCTION pactum_member_groups_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('pactum_reference_data', 'member-groups');
        RETURN NULL;
      END $$`);
    for (const table of ['member_groups', 'member_group_members']) {
      await q.query(`CREATE TRIGGER ${table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION pactum_member_groups_changed()`);
    }

    // Named announcements: one per list or set the statement touched (transition tables, one trigger per event).
    const named = [
      { table: 'price_lists', column: 'name', prefix: 'price-list' },
      { table: 'price_list_prices', column: 'price_list', prefix: 'price-list' },
      { table: 'product_sets', column: 'name', prefix: 'product-set' },
      { table: 'product_set_members', column: 'product_set', prefix: 'product-set' },
    ];
    for (const { table, column, prefix } of named) {
      const fn = `pactum_${table}_changed`;
      await q.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM pg_notify('pactum_reference_data', '${prefix}:' || n) FROM (SELECT DISTINCT ${column} AS n FROM new_rows) d;
          END IF;
          IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM pg_notify('pactum_reference_data', '${prefix}:' || n) FROM (SELECT DISTINCT ${column} AS n FROM old_rows) d;
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER ${table}_notify_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`CREATE TRIGGER ${table}_notify_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`CREATE TRIGGER ${table}_notify_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['product_set_members', 'product_sets', 'price_list_prices', 'price_lists']) {
      await q.query(`DROP TABLE ${table}`);
      await q.query(`DROP FUNCTION pactum_${table}_changed()`);
    }
    await q.query(`DROP TABLE member_group_members`);
    await q.query(`DROP TABLE member_groups`);
    await q.query(`DROP FUNCTION pactum_member_groups_changed()`);
  }
}
