import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each committed order counts towards the obligation to buy of the contract it buys under,
 * in the obligation's currency. Progress is the sum over the contract's committed orders (a
 * released order stops counting through its checkout_orders status), so release needs no change.
 * Written only for contracts whose obligation is in force at the order's `at`.
 */
export class ObligationSpend1765500000000 implements MigrationInterface {
  name = 'ObligationSpend1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checkout_order_obligation (
        order_id text NOT NULL REFERENCES checkout_orders(order_id),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        amount pactum_decimal NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        PRIMARY KEY (order_id, contract_id)
      )`);
    await q.query(`CREATE INDEX checkout_order_obligation_contract_idx ON checkout_order_obligation (contract_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE checkout_order_obligation`);
  }
}
