import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exchange rates for checkout: with a rate from the order's currency to the currency of a
 * right-to-buy cap (or an order-approval threshold), the order is converted and compared instead of
 * refused. Replaced as a whole; a statement trigger announces `currency-rates` on the
 * reference-data channel, so every API process follows within the second.
 */
export class CurrencyRates1764900000000 implements MigrationInterface {
  name = 'CurrencyRates1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE currency_rates (
        from_currency char(3) NOT NULL,
        to_currency char(3) NOT NULL,
        rate pactum_decimal NOT NULL CHECK (rate > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (from_currency, to_currency),
        CHECK (from_currency <> to_currency)
      )`);
    await q.query(`
      CREATE FUNCTION pactum_currency_rates_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('pactum_reference_data', 'currency-rates');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER currency_rates_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON currency_rates
      FOR EACH STATEMENT EXECUTE FUNCTION pactum_currency_rates_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE currency_rates`);
    await q.query(`DROP FUNCTION pactum_currency_rates_changed()`);
  }
}
