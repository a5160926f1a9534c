import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from './app-processes';
import { HttpClient, expectStatus } from './http-client';
import { testStack } from './test-stack';

/**
 * What the checkout end-to-end files share: a worker and two API processes on one task queue of
 * their own (the real Postgres and Temporal of the test stack), the users signed in on the first
 * API, the order service also on the second, and a Postgres connection for the ledger's rows.
 */
export class CheckoutStack {
  readonly users: Record<string, HttpClient> = {};
  /** The order service signed in on the second API process. */
  other!: HttpClient;
  db!: Client;
  /** The second API process (a test may stop and restart it). */
  api2!: AppProcess;
  private processes: AppProcess[] = [];

  constructor(private readonly name: string) {}

  async start(users: string[]): Promise<this> {
    const [port1, port2] = [await freePort(), await freePort()];
    const taskQueue = `e2e-${this.name}-${randomUUID()}`;
    const env = (port: number) => appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: taskQueue, WORKFLOW_ANSWER_TIMEOUT_MS: '60000', LOG_LEVEL: 'info' });
    const worker = new AppProcess('worker', env(port1)).start();
    const api1 = new AppProcess('api', env(port1)).start();
    const api2 = new AppProcess('api', env(port2)).start();
    this.api2 = api2;
    this.processes = [api1, api2, worker];
    await Promise.all([worker.waitForOutput(/worker polling/), api1.waitForOutput(/API listening/), api2.waitForOutput(/API listening/)]);
    const http1 = new HttpClient(`http://127.0.0.1:${port1}`);
    for (const u of users) this.users[u] = await http1.login(u);
    this.other = await new HttpClient(`http://127.0.0.1:${port2}`).login('checkout');
    this.db = new Client({ connectionString: testStack().databaseUrl });
    await this.db.connect();
    return this;
  }

  async stop(): Promise<void> {
    await this.db?.end();
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  /** Submits the contract as rep1, approves it as manager1 and waits until it is ACTIVE. */
  async activate(id: string): Promise<void> {
    await expectStatus(await this.users.rep1!.post(`/api/v1/contracts/${id}/submit`));
    await expectStatus(await this.users.manager1!.post(`/api/v1/contracts/${id}/approve`));
    await this.users.rep1!.waitForStatus(id, 'ACTIVE');
  }
}
