import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ActionLinkStore, createDataSource, runMigrations } from '@pactum/persistence';
import { newActionLinkNonce } from '@pactum/security';
import { testStack } from '../support/test-stack';

describe('ActionLinkStore (Postgres)', () => {
  let ds: DataSource;
  let store: ActionLinkStore;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 8 }).initialize();
    store = new ActionLinkStore(ds);
  });
  afterAll(() => ds.destroy());

  it('consumes a nonce once', async () => {
    const nonce = newActionLinkNonce();
    expect(await store.consume(nonce, 'manager1')).toBe(true);
    expect(await store.consume(nonce, 'manager1')).toBe(false);
    expect(await store.consume(nonce, 'manager2')).toBe(false);
    expect(await ds.query('SELECT used_by FROM action_link_uses WHERE nonce = $1', [nonce])).toEqual([{ used_by: 'manager1' }]);
  });

  it('lets exactly one of many simultaneous clicks through', async () => {
    const nonce = newActionLinkNonce();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.consume(nonce, `click-${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('leaves the link usable when the transaction of the action rolls back', async () => {
    const nonce = newActionLinkNonce();
    await expect(ds.transaction(async (m) => {
      expect(await store.consume(nonce, 'manager1', m)).toBe(true);
      throw new Error('the action failed');
    })).rejects.toThrow('the action failed');
    expect(await store.consume(nonce, 'manager1')).toBe(true);
  });

  it('purges uses older than a cutoff', async () => {
    const old = newActionLinkNonce();
    await store.consume(old, 'manager1');
    await ds.query(`UPDATE action_link_uses SET used_at = now() - interval '30 days' WHERE nonce = $1`, [old]);
    const fresh = newActionLinkNonce();
    await store.consume(fresh, 'manager1');
    expect(await store.purgeUsedBefore(new Date(Date.now() - 7 * 86400_000))).toBeGreaterThanOrEqual(1);
    const left = (await ds.query('SELECT nonce FROM action_link_uses WHERE nonce = ANY($1)', [[old, fresh]])).map((r: { nonce: string }) => r.nonce);
    expect(left).toEqual([fresh]);
  });
});

describe('migration MailOutboxAndActionLinks1764100000000', () => {
  const database = `pactum_mail_migration_${process.pid}_${randomUUID().slice(0, 8)}`;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: testStack().adminDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('applies after the initial schema, reverts alone, and applies again', async () => {
    const ds = await createDataSource({ url: testStack().adminDatabaseUrl.replace(/\/postgres$/, `/${database}`) }).initialize();
    const tables = async () => (await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((r: { tablename: string }) => r.tablename);
    try {
      const applied = await runMigrations(ds);
      // This migration and every later one, undone newest first, then applied again.
      const fromHere = applied.slice(applied.indexOf('MailOutboxAndActionLinks1764100000000'));
      expect(fromHere[0]).toBe('MailOutboxAndActionLinks1764100000000');
      expect(await tables()).toEqual(expect.arrayContaining(['mail_outbox', 'action_link_uses', 'contracts']));
      for (let i = 0; i < fromHere.length; i++) await ds.undoLastMigration();
      const after = await tables();
      expect(after).toEqual(expect.arrayContaining(['contracts']));
      expect(after).not.toContain('mail_outbox');
      expect(after).not.toContain('action_link_uses');
      expect(await runMigrations(ds)).toEqual(fromHere);
      await expect(ds.query(`INSERT INTO mail_outbox (mail_key, recipients, subject, html_body, text_body, message_id) VALUES ('k', '{}', 's', 'h', 't', 'm')`))
        .rejects.toThrow(/check constraint/);
      await expect(ds.query(`INSERT INTO mail_outbox (mail_key, recipients, subject, html_body, text_body, message_id, status) VALUES ('k', '{a@b.c}', 's', 'h', 't', 'm', 'sent')`))
        .rejects.toThrow(/check constraint/);
    } finally {
      await ds.destroy();
    }
  });
});
