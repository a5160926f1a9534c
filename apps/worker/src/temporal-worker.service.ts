import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { APP_CONFIG, requireTemporalAddress, type AppConfig, type Logger } from '../../../libs/config/src';
import { ContractStore, ImportJobStore } from '../../../libs/persistence/src';
import { createContractActivities, type ContractNotifier } from './contract.activities';
import { createImportActivities } from './import/import.activities';
import { SubmissionChecker } from './submission-checker';
import { workflowSource } from './workflow-source';
import { WORKER_LOGGER } from './worker.tokens';

/**
 * Owns the Temporal worker: connects and starts polling when the application boots, and on
 * shutdown stops polling, lets running activities and workflow tasks finish, then disconnects.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection?: NativeConnection;
  /** The import activities start contract workflows through a client of their own. */
  private clientConnection?: Connection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ContractStore) private readonly store: ContractStore,
    @Inject(ImportJobStore) private readonly imports: ImportJobStore,
    @Inject(WORKER_LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const temporalAddress = requireTemporalAddress(this.config);
    this.connection = await NativeConnection.connect({ address: temporalAddress });
    this.clientConnection = await Connection.connect({ address: temporalAddress });
    const client = new Client({ connection: this.clientConnection, namespace: this.config.temporal.namespace });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      activities: {
        ...createContractActivities(this.store, new SubmissionChecker(this.store), this.notifier()),
        ...createImportActivities({ jobs: this.imports, contracts: this.store, temporal: client, config: this.config, log: this.log }),
      },
      shutdownGraceTime: '20 seconds',
      ...workflowSource(),
    });
    this.running = this.worker.run();
    this.running.catch((err) => {
      this.log.fatal({ err }, 'the Temporal worker stopped with an error');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
    this.log.info({ taskQueue: this.config.temporal.taskQueue, namespace: this.config.temporal.namespace, address: temporalAddress }, 'worker polling');
  }

  /** Until the mail outbox is wired in, notices are logged. */
  private notifier(): ContractNotifier {
    return { notify: async (n) => { this.log.info({ notice: n }, `notice ${n.kind} for contract ${n.contractId}`); } };
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.log.info({ signal }, 'worker draining');
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await this.clientConnection?.close();
    this.log.info('worker stopped');
  }
}
