import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '@pactum/local-stack';
import { createDataSource, runMigrations, seedDemoData } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';
import { workflowsEntry } from '@pactum/worker';
import type { TestStack } from './test-stack';

/**
 * Starts the real services once for the whole integration run: an embedded PostgreSQL with the
 * real migrations and demo data, and the Temporal CLI's dev server (in memory). Fails, never
 * skips, when either cannot be brought up.
 */
export default async function globalSetup(): Promise<void> {
  const tmpDir = mkdtempSync(join(tmpdir(), 'pactum-test-'));
  chmodSync(tmpDir, 0o755); // the embedded Postgres runs as the `postgres` user when we are root
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const postgres = await startEmbeddedPostgres({ dataDir: join(tmpDir, 'postgres'), port: pgPort, database: 'pactum_test' });
  const temporal = await startTemporalDevServer({ port: temporalPort });
  (globalThis as any).__PACTUM_STACK__ = { postgres, temporal, tmpDir };

  const dataSource = await createDataSource({ url: postgres.url, preparedStatements: false }).initialize();
  try {
    await runMigrations(dataSource);
    await seedDemoData(dataSource, hashPassword);
  } finally {
    await dataSource.destroy();
  }
  // Bundle the workflow code once; every test worker loads the same bundle.
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry(), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as any });
  const workflowBundlePath = join(tmpDir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, code);

  const stack: TestStack = {
    databaseUrl: postgres.url,
    adminDatabaseUrl: postgres.url.replace(/\/[^/]+$/, '/postgres'),
    temporalAddress: temporal.address,
    workflowBundlePath,
    tmpDir,
  };
  const stackFile = join(tmpDir, 'stack.json');
  writeFileSync(stackFile, JSON.stringify(stack, null, 2));
  process.env.PACTUM_TEST_STACK_FILE = stackFile; // inherited by the test workers
}
