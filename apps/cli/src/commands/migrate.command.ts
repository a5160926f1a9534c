import { createLogger, loadConfig, requireDatabaseUrl } from '@pactum/config';
import { createDataSource, runMigrations } from '@pactum/persistence';

/** `pactum migrate`: applies pending migrations to DATABASE_URL and exits. */
export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const log = createLogger('cli', config.logLevel);
  const dataSource = await createDataSource({ url: requireDatabaseUrl(config), applicationName: 'pactum-migrate', preparedStatements: false }).initialize();
  try {
    const applied = await runMigrations(dataSource);
    log.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date');
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
