import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** The one way to reach Postgres: migrations run by command (`pactum migrate`), never `synchronize`. */
export function createDataSource({ url, poolSize = 10, applicationName = 'pactum' }: DataSourceOptions): DataSource {
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
    extra: { connectionTimeoutMillis: 10_000 },
  });
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
