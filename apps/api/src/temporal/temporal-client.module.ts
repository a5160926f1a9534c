import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, requireTemporalAddress, type AppConfig } from '@pactum/config';

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** One Temporal client connection per API process. */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => Connection.connect({ address: requireTemporalAddress(config), connectTimeout: '10 seconds' }),
    },
    {
      provide: Client,
      inject: [Connection, APP_CONFIG],
      useFactory: (connection: Connection, config: AppConfig) => new Client({ connection, namespace: config.temporal.namespace }),
    },
    TemporalConnectionCloser,
  ],
  exports: [Connection, Client],
})
export class TemporalClientModule {}
