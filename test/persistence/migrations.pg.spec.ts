import { Client } from 'pg';
import { MIGRATIONS, createDataSource, runMigrations } from '@pactum/persistence';
import { testStack } from '../support/test-stack';

// Every migration must apply to an empty database and revert cleanly.
describe('migrations', () => {
  const database = `pactum_migrations_${process.pid}`;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: testStack().adminDatabaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('apply to an empty database, revert, and apply again', async () => {
    const ds = await createDataSource({ url: testStack().adminDatabaseUrl.replace(/\/postgres$/, `/${database}`) }).initialize();
    try {
      // Every migration, in the order of their timestamps (the order they were released in).
      const all = MIGRATIONS.map((m) => m.name);
      expect(all.slice(0, 4)).toEqual(['InitialSchema1764000000000', 'NormalisedTerms1764050000000', 'MailOutboxAndActionLinks1764100000000', expect.any(String)]);
      expect([...all].sort((a, b) => Number(a.match(/\d{13}$/)![0]) - Number(b.match(/\d{13}$/)![0]))).toEqual(all);
      expect(await runMigrations(ds)).toEqual(all);
      expect(await runMigrations(ds)).toEqual([]);
      const tables = async () => (await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);
      expect(await tables()).toEqual(expect.arrayContaining(['contracts', 'contract_buyers', 'contract_terms', 'contract_history', 'contract_deployments', 'users', 'organizations', 'business_accounts', 'products']));
      expect(await tables()).toEqual(expect.arrayContaining(['contract_price_offers', 'mail_outbox', 'action_link_uses', 'approval_delegations', 'contract_requests', 'import_jobs', 'import_job_parts', 'import_job_results', 'contract_notices']));
      // Deploys no longer copy buyers and offers into tables nothing read (1767300000000).
      expect(await tables()).not.toEqual(expect.arrayContaining(['runtime_entitlements']));
      expect(await tables()).not.toEqual(expect.arrayContaining(['runtime_price_offers']));
      for (let i = 0; i < all.length; i++) await ds.undoLastMigration();
      expect(await tables()).toEqual(['schema_migrations']);
      expect(await runMigrations(ds)).toEqual(all);
    } finally {
      await ds.destroy();
    }
  });
});
