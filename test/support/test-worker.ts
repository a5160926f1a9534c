import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createContractActivities } from '../../apps/worker/src/contract.activities';
import { ContractStore, createDataSource } from '../../libs/persistence/src';
import type { ContractActivities } from '../../workflows/contract-activities';
import { testStack } from './test-stack';

let runtimeInstalled = false;

/** A real worker in the test process, on its own task queue, with the real activities and Postgres. */
export async function startTestWorker(taskQueue: string, activities?: (real: ContractActivities) => ContractActivities) {
  if (!runtimeInstalled) {
    try { Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] }); } catch { /* already installed */ }
    runtimeInstalled = true;
  }
  const stack = testStack();
  const dataSource: DataSource = await createDataSource({ url: stack.databaseUrl, poolSize: 5 }).initialize();
  const real = createContractActivities(new ContractStore(dataSource));
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const worker = await Worker.create({
    connection, taskQueue, namespace: 'default',
    workflowBundle: { codePath: stack.workflowBundlePath },
    activities: activities ? activities(real) : real,
  });
  const running = worker.run();
  return {
    worker, dataSource,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await dataSource.destroy();
    },
  };
}
