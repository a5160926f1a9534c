import { createLogger, loadConfig, requireTemporalAddress, temporalTlsOptions } from '@pactum/config';
import { ensureNamespace } from '@pactum/local-stack';

export const TEMPORAL_NAMESPACE_USAGE = `temporal:namespace register TEMPORAL_NAMESPACE on TEMPORAL_ADDRESS with TEMPORAL_RETENTION_DAYS (or set that retention on it)`;

/** `pactum temporal:namespace`: the namespace of a Temporal cluster, set up as the project wants it. */
export async function temporalNamespaceCommand(): Promise<number> {
  const config = loadConfig();
  const log = createLogger('cli', config.logLevel);
  const address = requireTemporalAddress(config);
  const { namespace, retentionDays } = config.temporal;
  const outcome = await ensureNamespace({ address, namespace, retentionDays, tls: temporalTlsOptions(config), timeoutMs: 120_000 });
  log.info({ address, namespace, retentionDays }, `namespace ${namespace} ${outcome}: closed workflow histories are kept ${retentionDays} day(s)`);
  return 0;
}
