import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, requireDatabaseUrl, type AppConfig } from '../../config/src';
import { createDataSource } from './data-source';
import { ContractStore } from './repositories/contract.store';
import { ImportJobStore } from './repositories/import-job.store';
import { UserStore } from './repositories/user.store';

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Postgres for a Nest application: one pool, closed when the application shuts down. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const databaseUrl = requireDatabaseUrl(config);
        return createDataSource({ url: databaseUrl, applicationName: `pactum-${process.env.PACTUM_COMPONENT ?? 'app'}` }).initialize();
      },
    },
    { provide: ContractStore, inject: [DataSource], useFactory: (ds: DataSource) => new ContractStore(ds) },
    { provide: UserStore, inject: [DataSource], useFactory: (ds: DataSource) => new UserStore(ds) },
    { provide: ImportJobStore, inject: [DataSource], useFactory: (ds: DataSource) => new ImportJobStore(ds) },
    DataSourceCloser,
  ],
  exports: [DataSource, ContractStore, UserStore, ImportJobStore],
})
export class PersistenceModule {}
