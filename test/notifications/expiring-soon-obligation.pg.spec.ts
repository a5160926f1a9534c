import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  ApproverDirectory, CheckoutLedgerStore, ContractStore, MailOutboxStore, NoticeSubjectReader, createDataSource, type OutboxTransport,
} from '@pactum/persistence';
import { createMailRenderer } from '@pactum/notifications';
import { ContractMailNotifier } from '@pactum/worker';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;

/**
 * The expiring-soon mail names the contract's unmet obligation to buy, with what committed orders
 * (through the checkout ledger) counted towards it; a released order no longer counts.
 */
describe('expiring-soon mail and the obligation to buy (Postgres)', () => {
  let ds: DataSource;
  let db: Client;
  const owner = `own-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 4 }).initialize();
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    await insertTestUsers(db, [{ username: owner, role: 'sales_rep', organization: 'o=Acme Industrial Supply,o=Root Organization' }]);
  });
  afterAll(async () => { await db.end(); await ds.destroy(); });

  async function contractWith(obligation: boolean): Promise<string> {
    const id = randomUUID();
    const base = draftBody();
    await new ContractStore(ds).createDraft({
      id, workflowId: `wf-${id}`, origin: 'Manual', createdBy: owner, at: new Date().toISOString(),
      draft: {
        ...base,
        terms: [...base.terms, ...(obligation ? [{ type: 'ObligationToBuyTCByAmount', sequenceNumber: 3, minimumAmount: '1000.00', currency: 'USD', days: 90 } as never] : [])],
      },
    });
    return id;
  }

  async function expiringSoonMail(contractId: string): Promise<{ subject: string; html: string; text: string }[]> {
    const sent: { subject: string; html: string; text: string }[] = [];
    const transport: OutboxTransport = { send: async (m) => { sent.push(m); return { messageId: m.messageId }; } };
    const notifier = new ContractMailNotifier({
      subjects: new NoticeSubjectReader(ds), directory: new ApproverDirectory(ds), outbox: new MailOutboxStore(ds), transport,
      renderer: createMailRenderer(), publicUrl: 'https://pactum.test', actionLinks: { secret: 'x'.repeat(40), ttlSeconds: 3600 }, log: quiet,
      now: () => new Date('2027-12-22T00:00:00Z'),
    });
    await notifier.notify({ key: `${contractId}/9/expiringSoon/${randomUUID()}`, kind: 'expiringSoon', contractId, seq: 9 } as never);
    return sent;
  }

  it('lists the unmet obligation with what was bought and what is still to buy; a released order does not count', async () => {
    const id = await contractWith(true);
    const ledger = new CheckoutLedgerStore(ds);
    const order = (orderId: string, amount: string) => ledger.commit({
      orderId, buyer: 'ou=East,o=Northwind,o=Root Organization', currency: 'USD', total: amount, rightToBuy: [], quantities: [],
      obligations: [{ contractId: id, amount, currency: 'USD' }], answer: () => JSON.stringify({ orderId }),
    });
    const kept = `o-${randomUUID()}`;
    const released = `o-${randomUUID()}`;
    await order(kept, '250.00');
    await order(released, '100.00');
    await ledger.release(released);
    expect((await ledger.view([], [], [id])).obligationBought.get(id)).toBe('250.00');

    const [mail] = await expiringSoonMail(id);
    expect(mail.subject).toMatch(/expires in 10 days/);
    // The window: 90 days from the start 2026-01-01.
    expect(mail.text).toContain('Obligation to buy not met:\n- a minimum of 1000.00 USD by 2026-04-01 00:00 UTC: 250.00 USD bought, 750.00 USD still to buy');
    expect(mail.html).toContain('<strong>750.00 USD</strong> still to buy');
  });

  it('says nothing about obligations when the obligation is met or the contract has none', async () => {
    const met = await contractWith(true);
    await new CheckoutLedgerStore(ds).commit({
      orderId: `o-${randomUUID()}`, buyer: 'ou=East,o=Northwind,o=Root Organization', currency: 'USD', total: '1000.00', rightToBuy: [], quantities: [],
      obligations: [{ contractId: met, amount: '1000.00', currency: 'USD' }], answer: () => '{}',
    });
    const none = await contractWith(false);
    for (const id of [met, none]) {
      const [mail] = await expiringSoonMail(id);
      expect(mail.text).toMatch(/expires on/);
      expect(mail.text).not.toContain('Obligation to buy');
    }
  });
});
