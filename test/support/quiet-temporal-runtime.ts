import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Installs the Temporal runtime once per test process with only errors logged (tests that expect failures stay readable). */
export function installQuietTemporalRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
      shutdownSignals: [],
    });
  } catch { /* already installed in this process */ }
}
