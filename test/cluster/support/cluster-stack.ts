import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort, startTemporalCluster, type RunningTemporalCluster } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../../support/app-processes';
import { HttpClient } from '../../support/http-client';
import { testStack } from '../../support/test-stack';

/**
 * Production topology on one machine: Temporal's four services as separate processes, two Pactum
 * workers and two API processes on one task queue, sharing one Postgres. Temporal's databases are
 * this test file's own (`temporal_<name>`), so files never see each other's workflows.
 */
export class ClusterStack {
  readonly workers: AppProcess[] = [];
  readonly apis: AppProcess[] = [];
  readonly urls: string[] = [];
  private constructor(readonly temporal: RunningTemporalCluster, readonly dir: string, readonly taskQueue: string) {}

  static async start(name: string, appExtra: Record<string, string> = {}): Promise<ClusterStack> {
    const url = new URL(testStack().databaseUrl);
    const temporalLog: string[] = [];
    const temporal = await startTemporalCluster({
      postgres: { host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
      databases: { default: `temporal_${name}`, visibility: `temporal_${name}_visibility` },
      frontendPort: await freePort(),
      retentionDays: 1,
      log: (service, line) => { temporalLog.push(`${service}: ${line}`); if (temporalLog.length > 200) temporalLog.shift(); },
    });
    const stack = new ClusterStack(temporal, mkdtempSync(join(tmpdir(), `pactum-cluster-${name}-`)), `cluster-${name}-${randomUUID().slice(0, 8)}`);
    for (let i = 0; i < 2; i++) {
      stack.workers.push(new AppProcess('worker', stack.env({ MAIL_OUTBOX_DIR: join(stack.dir, `outbox-${i}`), ...appExtra })).start());
      const port = await freePort();
      stack.apis.push(new AppProcess('api', stack.env({ PORT: String(port), ...appExtra })).start());
      stack.urls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all([...stack.workers.map((w) => w.waitForOutput(/worker polling/)), ...stack.apis.map((a) => a.waitForOutput(/API listening/))]);
    return stack;
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return appEnv({ TEMPORAL_ADDRESS: this.temporal.address, TEMPORAL_TASK_QUEUE: this.taskQueue, ...extra });
  }

  http(i: number): HttpClient {
    return new HttpClient(this.urls[i]!);
  }

  /** The workflows of this stack's task queue, as the cluster's visibility store lists them. */
  async listWorkflows(): Promise<{ workflowId: string; status: string }[]> {
    const connection = await Connection.connect({ address: this.temporal.address });
    try {
      const client = new Client({ connection, namespace: this.temporal.namespace });
      const result: { workflowId: string; status: string }[] = [];
      for await (const w of client.workflow.list({ query: `TaskQueue = '${this.taskQueue}'` })) result.push({ workflowId: w.workflowId, status: w.status.name });
      return result;
    } finally {
      await connection.close();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((p) => p.stop().catch(() => undefined)));
    await this.temporal.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// The fault tests' polling helper, for the cluster files' waits.
export { waitUntil } from '../../faults/support/fault-stack';
