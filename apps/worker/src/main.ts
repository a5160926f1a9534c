import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { ConfigError, closeOnSignals, createLogger, loadConfig } from '@pactum/config';
import { WorkerRootModule } from './worker.module';

/** The Temporal worker process: `npm run start:worker` (needs DATABASE_URL and TEMPORAL_ADDRESS). */
export async function startWorker() {
  process.env.PACTUM_COMPONENT ??= 'worker';
  const config = loadConfig();
  const log = createLogger('worker', config.logLevel);
  // The SDK's own logs, as JSON lines like ours.
  Runtime.install({
    logger: new DefaultLogger((config.logLevel === 'fatal' ? 'ERROR' : config.logLevel.toUpperCase()) as LogLevel, (entry) => {
      const level = entry.level === 'TRACE' ? 'trace' : entry.level === 'DEBUG' ? 'debug' : entry.level === 'INFO' ? 'info' : entry.level === 'WARN' ? 'warn' : 'error';
      log[level]({ sdk: true, ...entry.meta }, entry.message);
    }),
    shutdownSignals: [],
  });
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forConfig(config), { logger: ['error', 'warn'] });
  closeOnSignals(app, log);
  log.info('worker started');
  return app;
}

if (require.main === module) {
  startWorker().catch((err) => {
    const log = createLogger('worker');
    if (err instanceof ConfigError) log.fatal(err.message);
    else log.fatal({ err }, 'worker failed to start');
    process.exit(1);
  });
}
