import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { StatementPreparingClient } from './statement-preparing-client';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /**
   * Prepare the statements each connection runs repeatedly (StatementPreparingClient; default
   * on). Off behind a pooler that cannot keep prepared statements, and for migrations, which
   * change the tables under them.
   */
  preparedStatements?: boolean;
}

/** Pool connections are replaced after an hour, which also retires the statements they prepared. */
const CONNECTION_LIFETIME_SECONDS = 3600;

/** The one way to reach Postgres: migrations run by command (`pactum migrate`), never `synchronize`. */
export function createDataSource({ url, poolSize = 10, applicationName = 'pactum', preparedStatements = true }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: process.env.TYPEORM_LOGGING === 'true' ? ['error', 'warn', 'migration'] : false,
    poolSize,
    applicationName,
    extra: {
      connectionTimeoutMillis: 10_000,
      ...(preparedStatements ? { Client: StatementPreparingClient, maxLifetimeSeconds: CONNECTION_LIFETIME_SECONDS } : {}),
    },
  });
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
