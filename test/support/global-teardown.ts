import { rmSync } from 'node:fs';

/** Stops what the global setup started and removes its files: no process is left behind. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as any).__PACTUM_STACK__;
  if (!stack) return;
  await stack.temporal.stop().catch(() => undefined);
  await stack.postgres.stop().catch(() => undefined);
  rmSync(stack.tmpDir, { recursive: true, force: true });
}
