import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the global setup started for this test run (one Postgres, one Temporal dev server). */
export interface TestStack {
  databaseUrl: string;
  adminDatabaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  tmpDir: string;
}

// Set by the global setup of each jest run, so concurrent runs never read each other's stack.
export function stackFile(): string {
  return process.env.PACTUM_TEST_STACK_FILE ?? join(__dirname, '..', '..', 'test-results', 'stack.json');
}

export function testStack(): TestStack {
  const STACK_FILE = stackFile();
  if (!existsSync(STACK_FILE)) throw new Error(`${STACK_FILE} is missing: integration tests run through jest's global setup (npm test)`);
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as TestStack;
}

export const TEST_TASK_QUEUE_PREFIX = 'pactum-test';
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';
