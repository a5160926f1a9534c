import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Returns and per-line releases of committed orders.
 * - `refunded` / `returned` on what an order took (spend, obligation progress, quantity rows): what
 *   has been given back so far, so that no give-back ever exceeds what was bought, and a whole-order
 *   release gives back only the rest. Remaining spend = amount - refunded, as WCS keeps purchase
 *   and refund amounts side by side.
 * - checkout_returns: one row per return (its `return_id` is the idempotency key; a per-line
 *   release without an id has none) with the request as first received and the first answer.
 * - checkout_return_lines: the order lines each give-back took quantity from (the never-more-than-
 *   bought rule sums them); checkout_return_refunds: the spend and obligation given back per contract.
 */
export class CheckoutReturns1766000000000 implements MigrationInterface {
  name = 'CheckoutReturns1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE checkout_order_spend ADD COLUMN refunded pactum_decimal NOT NULL DEFAULT 0,
      ADD CONSTRAINT checkout_order_spend_refund_check CHECK (refunded >= 0 AND refunded <= amount)`);
    await q.query(`ALTER TABLE checkout_order_obligation ADD COLUMN refunded pactum_decimal NOT NULL DEFAULT 0,
      ADD CONSTRAINT checkout_order_obligation_refund_check CHECK (refunded >= 0 AND refunded <= amount)`);
    await q.query(`ALTER TABLE checkout_order_quantities ADD COLUMN returned int NOT NULL DEFAULT 0,
      ADD CONSTRAINT checkout_order_quantities_returned_check CHECK (returned >= 0 AND returned <= quantity)`);
    await q.query(`
      CREATE TABLE checkout_returns (
        id bigserial PRIMARY KEY,
        return_id text UNIQUE CHECK (length(return_id) BETWEEN 1 AND 200),
        order_id text NOT NULL REFERENCES checkout_orders(order_id),
        kind text NOT NULL CHECK (kind IN ('RETURN', 'RELEASE')),
        reason text,
        request jsonb NOT NULL,
        answer jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'RELEASE' OR return_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX checkout_returns_order_idx ON checkout_returns (order_id)`);
    await q.query(`
      CREATE TABLE checkout_return_lines (
        return_ref bigint NOT NULL REFERENCES checkout_returns(id),
        order_id text NOT NULL REFERENCES checkout_orders(order_id),
        line_index int NOT NULL CHECK (line_index >= 0),
        sku text NOT NULL,
        contract_id uuid REFERENCES contracts(id),
        quantity int NOT NULL CHECK (quantity > 0),
        amount pactum_decimal NOT NULL CHECK (amount >= 0),
        charge pactum_decimal CHECK (charge >= 0),
        PRIMARY KEY (return_ref, line_index)
      )`);
    await q.query(`CREATE INDEX checkout_return_lines_order_idx ON checkout_return_lines (order_id, line_index)`);
    await q.query(`
      CREATE TABLE checkout_return_refunds (
        return_ref bigint NOT NULL REFERENCES checkout_returns(id),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        right_to_buy pactum_decimal CHECK (right_to_buy >= 0),
        right_to_buy_currency char(3),
        obligation pactum_decimal CHECK (obligation >= 0),
        obligation_currency char(3),
        PRIMARY KEY (return_ref, contract_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE checkout_return_refunds`);
    await q.query(`DROP TABLE checkout_return_lines`);
    await q.query(`DROP TABLE checkout_returns`);
    await q.query(`ALTER TABLE checkout_order_quantities DROP COLUMN returned`);
    await q.query(`ALTER TABLE checkout_order_obligation DROP COLUMN refunded`);
    await q.query(`ALTER TABLE checkout_order_spend DROP COLUMN refunded`);
  }
}
