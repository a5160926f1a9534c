import { Client } from 'pg';
import { createDataSource, runMigrations } from '../../libs/persistence/src';
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
      const all = ['InitialSchema1764000000000', 'NormalisedTerms1764050000000', 'MailOutboxAndActionLinks1764100000000', 'ImportJobs1764300000000'];
      expect(await runMigrations(ds)).toEqual(all);
      expect(await runMigrations(ds)).toEqual([]);
      const tables = async () => (await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);
      expect(await tables()).toEqual(expect.arrayContaining(['contracts', 'contract_buyers', 'contract_terms', 'contract_history', 'contract_deployments', 'users', 'organizations', 'business_accounts', 'products']));
      expect(await tables()).toEqual(expect.arrayContaining(['contract_price_offers', 'runtime_entitlements', 'mail_outbox', 'action_link_uses', 'import_jobs', 'import_job_parts', 'import_job_results']));
      for (let i = 0; i < all.length; i++) await ds.undoLastMigration();
      expect(await tables()).toEqual(['schema_migrations']);
      expect(await runMigrations(ds)).toEqual(all);
    } finally {
      await ds.destroy();
    }
  });
});
