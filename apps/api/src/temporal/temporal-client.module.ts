import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, requireTemporalAddress, requireWorkflowCommandSecret, temporalTlsOptions, type AppConfig } from '@pactum/config';
import { WorkflowCommandSigner } from '@pactum/security';
import { DependencyHealth, TEMPORAL_PROBE_CONNECTION } from '../health/dependency-health';
import { guardedByHealth } from './temporal-availability.interceptor';

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(Connection) private readonly connection: Connection,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly probeConnection: Connection,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
    await this.probeConnection.close();
  }
}

/**
 * gRPC waits up to two minutes between reconnection attempts after a server went away; a
 * restarted Temporal is used again within about two seconds instead.
 */
const RECONNECT_PROMPTLY = { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 2000 };

/** One Temporal client connection per API process, and the signer of the commands it sends to workflows. */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => Connection.connect({
        address: requireTemporalAddress(config), tls: temporalTlsOptions(config), connectTimeout: '10 seconds', channelArgs: RECONNECT_PROMPTLY,
      }),
    },
    {
      // The health probe's: no retry interceptor, so an unreachable server fails the check at once.
      provide: TEMPORAL_PROBE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => Connection.lazy({
        address: requireTemporalAddress(config), tls: temporalTlsOptions(config), interceptors: [], channelArgs: RECONNECT_PROMPTLY,
      }),
    },
    {
      provide: Client,
      inject: [Connection, APP_CONFIG, DependencyHealth],
      useFactory: (connection: Connection, config: AppConfig, health: DependencyHealth) => new Client({
        connection, namespace: config.temporal.namespace, interceptors: { workflow: [guardedByHealth(health)] },
      }),
    },
    DependencyHealth,
    {
      provide: WorkflowCommandSigner,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new WorkflowCommandSigner(requireWorkflowCommandSecret(config)),
    },
    TemporalConnectionCloser,
  ],
  exports: [Connection, Client, WorkflowCommandSigner, DependencyHealth],
})
export class TemporalClientModule {}
