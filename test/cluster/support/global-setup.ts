import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureTemporalServer, freePort, startEmbeddedPostgres } from '@pactum/local-stack';
import { createDataSource, runMigrations, seedDemoData } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';
import { workflowsEntry } from '@pactum/worker';
import type { TestStack } from '../../support/test-stack';

/**
 * The cluster tier's shared pieces: the real Temporal server built from its Go module (once per
 * machine, into the cache outside the clone), one embedded Postgres holding Pactum's database
 * (migrated, demo data) and, per test file, Temporal's own databases; the workflow bundle. Each
 * test file starts its own Temporal cluster (test/cluster/support/cluster-stack.ts): it kills and
 * restarts its services. Fails, never skips, when Go or a server cannot be brought up.
 */
export default async function globalSetup(): Promise<void> {
  const binaries = await ensureTemporalServer((line) => process.stdout.write(`[cluster tier] ${line}\n`));
  const tmpDir = mkdtempSync(join(tmpdir(), 'pactum-cluster-'));
  chmodSync(tmpDir, 0o755); // the embedded Postgres runs as the `postgres` user when we are root
  const postgres = await startEmbeddedPostgres({ dataDir: join(tmpDir, 'postgres'), port: await freePort(), database: 'pactum_test' });
  (globalThis as any).__PACTUM_STACK__ = { postgres, tmpDir };

  const dataSource = await createDataSource({ url: postgres.url, preparedStatements: false }).initialize();
  try {
    await runMigrations(dataSource);
    await seedDemoData(dataSource, hashPassword);
  } finally {
    await dataSource.destroy();
  }
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry(), logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as any });
  const workflowBundlePath = join(tmpDir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, code);

  const stack: TestStack & { temporalServerVersion: string } = {
    databaseUrl: postgres.url,
    adminDatabaseUrl: postgres.url.replace(/\/[^/]+$/, '/postgres'),
    temporalAddress: '', // each test file's own cluster
    workflowBundlePath,
    tmpDir,
    temporalServerVersion: binaries.version,
  };
  const stackFile = join(tmpDir, 'stack.json');
  writeFileSync(stackFile, JSON.stringify(stack, null, 2));
  process.env.PACTUM_TEST_STACK_FILE = stackFile;
}
