import { rmSync } from 'node:fs';

/** Stops the Postgres of the global setup and removes its files. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as any).__PACTUM_STACK__;
  if (!stack) return;
  await stack.postgres.stop().catch(() => undefined);
  rmSync(stack.tmpDir, { recursive: true, force: true });
}
