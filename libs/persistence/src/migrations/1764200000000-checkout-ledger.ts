import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The checkout ledger: what orders have drawn from right-to-buy caps and reserved quantities.
 * - checkout_right_to_buy: one row per contract version with a cap; `consumed` only moves through
 *   conditional updates, and the check constraint is the last line of defence against overspend.
 * - checkout_orders: one row per orderId (the idempotency key) with the first answer as given.
 * - checkout_order_spend / checkout_order_quantities: what each order took, so that a release
 *   gives back exactly that (quantities per contract_quantity_lines row).
 */
export class CheckoutLedger1764200000000 implements MigrationInterface {
  name = 'CheckoutLedger1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checkout_right_to_buy (
        contract_id uuid PRIMARY KEY REFERENCES contracts(id),
        limit_amount pactum_decimal NOT NULL CHECK (limit_amount >= 0),
        currency char(3) NOT NULL,
        consumed pactum_decimal NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT checkout_right_to_buy_within_limit CHECK (consumed >= 0 AND consumed <= limit_amount)
      )`);
    await q.query(`
      CREATE TABLE checkout_orders (
        order_id text PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 200),
        status text NOT NULL CHECK (status IN ('COMMITTED', 'RELEASED')),
        buyer text NOT NULL,
        currency char(3) NOT NULL,
        total pactum_decimal NOT NULL,
        answer jsonb NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE checkout_order_spend (
        order_id text NOT NULL REFERENCES checkout_orders(order_id),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        amount pactum_decimal NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        PRIMARY KEY (order_id, contract_id)
      )`);
    await q.query(`CREATE INDEX checkout_order_spend_contract_idx ON checkout_order_spend (contract_id)`);
    await q.query(`
      CREATE TABLE checkout_order_quantities (
        order_id text NOT NULL REFERENCES checkout_orders(order_id),
        contract_id uuid NOT NULL,
        term_seq int NOT NULL,
        position int NOT NULL,
        sku text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, contract_id, term_seq, position),
        FOREIGN KEY (contract_id, term_seq, position) REFERENCES contract_quantity_lines (contract_id, term_seq, position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE checkout_order_quantities`);
    await q.query(`DROP TABLE checkout_order_spend`);
    await q.query(`DROP TABLE checkout_orders`);
    await q.query(`DROP TABLE checkout_right_to_buy`);
  }
}
