import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, requireDatabaseUrl, type AppConfig } from '@pactum/config';
import { createDataSource } from './data-source';
import { ContractStore } from './repositories/contract.store';
import { ImportJobStore } from './repositories/import-job.store';
import { UserStore } from './repositories/user.store';
import { ActionLinkStore } from './repositories/action-link.store';
import { MailOutboxStore } from './repositories/mail-outbox.store';
import { ContractNoticeStore } from './repositories/contract-notice.store';
import { ApproverDirectory, DelegationStore, NoticeSubjectReader } from './approvals';
import { ContractRequestStore } from './contract-requests/contract-request.store';
import { WebhookStore } from './webhooks/webhook.store';

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
        return createDataSource({
          url: databaseUrl, applicationName: `pactum-${process.env.PACTUM_COMPONENT ?? 'app'}`, preparedStatements: config.databasePreparedStatements,
        }).initialize();
      },
    },
    { provide: ContractStore, inject: [DataSource], useFactory: (ds: DataSource) => new ContractStore(ds) },
    { provide: UserStore, inject: [DataSource], useFactory: (ds: DataSource) => new UserStore(ds) },
    { provide: MailOutboxStore, inject: [DataSource], useFactory: (ds: DataSource) => new MailOutboxStore(ds) },
    { provide: ContractNoticeStore, inject: [DataSource], useFactory: (ds: DataSource) => new ContractNoticeStore(ds) },
    { provide: ActionLinkStore, inject: [DataSource], useFactory: (ds: DataSource) => new ActionLinkStore(ds) },
    { provide: ApproverDirectory, inject: [DataSource], useFactory: (ds: DataSource) => new ApproverDirectory(ds) },
    { provide: NoticeSubjectReader, inject: [DataSource], useFactory: (ds: DataSource) => new NoticeSubjectReader(ds) },
    { provide: DelegationStore, inject: [DataSource], useFactory: (ds: DataSource) => new DelegationStore(ds) },
    { provide: ContractRequestStore, inject: [DataSource], useFactory: (ds: DataSource) => new ContractRequestStore(ds) },
    { provide: ImportJobStore, inject: [DataSource], useFactory: (ds: DataSource) => new ImportJobStore(ds) },
    { provide: WebhookStore, inject: [DataSource], useFactory: (ds: DataSource) => new WebhookStore(ds) },
    DataSourceCloser,
  ],
  exports: [DataSource, ContractStore, UserStore, MailOutboxStore, ContractNoticeStore, ActionLinkStore, ApproverDirectory, NoticeSubjectReader, DelegationStore, ContractRequestStore, ImportJobStore, WebhookStore],
})
export class PersistenceModule {}
