/**
 * The `temporal` benchmark's worker, in a process of its own as Pactum's worker is: the capacity
 * workflows, and a local activity that does nothing. argv: ADDRESS TASK_QUEUE. Says "ready" on stdout.
 */
import { join } from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { CapacityActivities } from './capacity.workflow';

async function main(): Promise<void> {
  const [address, taskQueue] = process.argv.slice(2);
  if (!address || !taskQueue) throw new Error('usage: capacity-worker ADDRESS TASK_QUEUE');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const activities: CapacityActivities = { async step() { /* nothing: the cost measured is Temporal's */ } };
  const worker = await Worker.create({
    connection, taskQueue, activities, maxCachedWorkflows: 64, shutdownGraceTime: '5 seconds',
    workflowsPath: join(__dirname, 'capacity.workflow.js'),
  });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await connection.close();
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
