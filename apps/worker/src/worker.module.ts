import { Module } from '@nestjs/common';
import { APP_CONFIG, createLogger, loadConfig, type AppConfig } from '@pactum/config';
import { PersistenceModule } from '@pactum/persistence';
import { TemporalWorkerService } from './temporal-worker.service';
import { WORKER_LOGGER } from './worker.tokens';

/** The worker process: Postgres, the activities, and the Temporal worker. No HTTP server. */
@Module({
  imports: [PersistenceModule],
  providers: [TemporalWorkerService],
})
export class WorkerModule {}

export function workerProviders(config: AppConfig = loadConfig()) {
  return [
    { provide: APP_CONFIG, useValue: config },
    { provide: WORKER_LOGGER, useValue: createLogger('worker', config.logLevel) },
  ];
}

/** Config and logger are global to the process; they are provided to every module through this wrapper. */
@Module({})
export class WorkerRootModule {
  static forConfig(config: AppConfig) {
    return {
      module: WorkerRootModule,
      global: true,
      imports: [WorkerModule],
      providers: workerProviders(config),
      exports: [APP_CONFIG, WORKER_LOGGER],
    };
  }
}
