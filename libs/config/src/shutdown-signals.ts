import type { Logger } from 'pino';

/**
 * Closes the application on SIGINT/SIGTERM and exits 0 once it has drained (Nest's own shutdown
 * hooks re-raise the signal, which looks like a crash to supervisors). A second signal forces exit.
 */
export function closeOnSignals(app: { close(): Promise<void> }, log: Logger): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(process.exitCode ?? 0),
      (err) => { log.error({ err }, 'shutdown failed'); process.exit(1); },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
