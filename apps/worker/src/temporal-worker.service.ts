import type { Server } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG, requireActionLinkSecret, requireDatabaseUrl, requireTemporalAddress, requireWorkflowCommandSecret, temporalTlsOptions, type AppConfig, type Logger,
} from '@pactum/config';
import { createMailRenderer, createMailTransport, mailTransportConfigFromEnv, type MailSender } from '@pactum/notifications';
import { ApproverDirectory, ContractNoticeStore, ContractStore, ImportJobStore, MailOutboxStore, NoticeSubjectReader, WebhookStore } from '@pactum/persistence';
import { WorkflowCommandSigner } from '@pactum/security';
import { createContractActivities } from './contract.activities';
import { createImportActivities } from './import/import.activities';
import { ContractMailNotifier } from './mail/contract-mail.notifier';
import { ContractNoticeDispatcher } from './mail/contract-notice.dispatcher';
import { MailOutboxSweeper } from './mail/mail-outbox.sweeper';
import { ImportUploadSweeper } from './import/upload-sweeper';
import { outboxFolderProblem } from './mail/outbox-folder-check';
import { SubmissionChecker } from './submission-checker';
import { workflowSource } from './workflow-source';
import { skipWorkflowStackTraces } from './workflow-threads/workflow-stack-traces';
import { WORKER_LOGGER } from './worker.tokens';
import { startWorkerHealth } from './worker-health';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookOwnerMailer } from './webhooks/webhook-owner-mailer';
import { WebhookSender } from './webhooks/webhook-sender';

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
  private mail?: MailSender;
  private sweeper?: MailOutboxSweeper;
  private uploads?: ImportUploadSweeper;
  private dispatcher?: ContractNoticeDispatcher;
  private webhooks?: WebhookDispatcher;
  private webhookSender?: WebhookSender;
  private health?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ContractStore) private readonly store: ContractStore,
    @Inject(ApproverDirectory) private readonly directory: ApproverDirectory,
    @Inject(NoticeSubjectReader) private readonly subjects: NoticeSubjectReader,
    @Inject(MailOutboxStore) private readonly outbox: MailOutboxStore,
    @Inject(ImportJobStore) private readonly imports: ImportJobStore,
    @Inject(ContractNoticeStore) private readonly notices: ContractNoticeStore,
    @Inject(WORKER_LOGGER) private readonly log: Logger,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WebhookStore) private readonly webhookStore: WebhookStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const temporalAddress = requireTemporalAddress(this.config);
    const actionLinkSecret = requireActionLinkSecret(this.config);
    const commandSecret = requireWorkflowCommandSecret(this.config);
    const tls = temporalTlsOptions(this.config);
    const mailConfig = mailTransportConfigFromEnv();
    this.mail = createMailTransport({ ...mailConfig, logger: this.log });
    this.log.info(mailConfig.smtpUrl ? { transport: 'smtp' } : { transport: 'outbox', dir: mailConfig.outboxDir }, mailConfig.smtpUrl ? 'mail goes to SMTP_URL' : `mail is written as .eml files to ${mailConfig.outboxDir}`);
    // The worker runs on without it (mail stays queued and is retried), but nobody would know why.
    const outboxProblem = mailConfig.smtpUrl ? undefined : await outboxFolderProblem(mailConfig.outboxDir!);
    if (outboxProblem) {
      this.log.warn({ dir: mailConfig.outboxDir, reason: outboxProblem },
        `the mail outbox folder ${mailConfig.outboxDir} is not writable (${outboxProblem}): no mail can be written until it is; set MAIL_OUTBOX_DIR or fix its permissions`);
    }
    const notifier = new ContractMailNotifier({
      subjects: this.subjects, directory: this.directory, outbox: this.outbox, transport: this.mail, renderer: createMailRenderer(),
      publicUrl: this.config.http.publicUrl, actionLinks: { secret: actionLinkSecret, ttlSeconds: this.config.actionLinks.ttlSeconds }, log: this.log,
    });
    const stackTraces = this.config.worker.stackTraces || !skipWorkflowStackTraces();
    this.log.info({ stackTraces }, stackTraces ? 'workflow stack traces on' : 'workflow stack traces off (WORKER_STACK_TRACES=on collects them)');
    this.connection = await NativeConnection.connect({ address: temporalAddress, tls });
    this.clientConnection = await Connection.connect({ address: temporalAddress, tls });
    const client = new Client({ connection: this.clientConnection, namespace: this.config.temporal.namespace });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      activities: {
        ...createContractActivities(this.store, new SubmissionChecker(this.store), this.config.temporal.taskQueue),
        ...createImportActivities({
          jobs: this.imports, contracts: this.store, temporal: client, signer: new WorkflowCommandSigner(commandSecret), config: this.config, log: this.log,
        }),
      },
      shutdownGraceTime: '20 seconds',
      maxCachedWorkflows: this.config.worker.maxCachedWorkflows,
      // The workflows verify the commands they receive with this key (never logged, never in history).
      ...(await workflowSource(commandSecret)),
    });
    this.running = this.worker.run();
    this.sweeper = new MailOutboxSweeper(this.outbox, this.mail, this.log);
    this.sweeper.start();
    this.uploads = new ImportUploadSweeper(this.imports, this.config.imports.fileRetentionMinutes, this.log);
    this.uploads.start();
    this.dispatcher = new ContractNoticeDispatcher({
      notices: this.notices, notifier, log: this.log, taskQueue: this.config.temporal.taskQueue, databaseUrl: requireDatabaseUrl(this.config),
    });
    await this.dispatcher.start();
    const hooks = this.config.webhooks;
    this.webhookSender = new WebhookSender({ policy: { allowedHosts: hooks.allowedHosts }, timeoutMs: hooks.timeoutMs, maxResponseBytes: hooks.maxResponseBytes });
    const ownerMailer = new WebhookOwnerMailer({ outbox: this.outbox, transport: this.mail, renderer: createMailRenderer(), publicUrl: this.config.http.publicUrl, log: this.log });
    this.webhooks = new WebhookDispatcher({
      store: this.webhookStore, sender: this.webhookSender, onDisabled: (s) => ownerMailer.disabled(s), log: this.log,
      taskQueue: this.config.temporal.taskQueue, publicUrl: this.config.http.publicUrl, retryBaseMs: hooks.retryBaseMs,
      retryWindowMs: hooks.retryWindowSeconds * 1000, staleClaimMs: 2 * hooks.timeoutMs + 10_000, databaseUrl: requireDatabaseUrl(this.config),
    });
    await this.webhooks.start();
    this.running.catch((err) => {
      this.log.fatal({ err }, 'the Temporal worker stopped with an error');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
    if (this.config.worker.health) {
      const worker = this.worker;
      this.health = await startWorkerHealth(this.config.worker.health.port, this.config.worker.health.host, {
        workerState: () => worker.getState(),
        database: async () => { await this.dataSource.query('SELECT 1'); },
      }, this.log);
    }
    this.log.info({ taskQueue: this.config.temporal.taskQueue, namespace: this.config.temporal.namespace, address: temporalAddress }, 'worker polling');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.log.info({ signal }, 'worker draining');
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.dispatcher?.stop();
    await this.webhooks?.stop();
    this.webhookSender?.close();
    await this.sweeper?.stop();
    await this.uploads?.stop();
    await this.mail?.close();
    await this.connection?.close();
    await this.clientConnection?.close();
    await new Promise((r) => (this.health ? this.health.close(r) : r(undefined)));
    this.log.info('worker stopped');
  }
}
