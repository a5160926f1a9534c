import { ConfigError, closeOnSignals, createLogger, loadConfig } from '@pactum/config';
import { createApiApp } from './create-api-app';

/** The HTTP API process: `npm run start:api` (needs DATABASE_URL, TEMPORAL_ADDRESS, JWT_SECRET). */
export async function startApi() {
  process.env.PACTUM_COMPONENT ??= 'api';
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  const log = createLogger('api', config.logLevel);
  closeOnSignals(app, log);
  log.info({ url: config.http.publicUrl }, 'API listening');
  return app;
}

if (require.main === module) {
  startApi().catch((err) => {
    const log = createLogger('api');
    if (err instanceof ConfigError) log.fatal(err.message);
    else log.fatal({ err }, 'API failed to start');
    process.exit(1);
  });
}
