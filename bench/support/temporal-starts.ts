import type { Client } from '@temporalio/client';
import { runPool } from './bench-stats';

/** About the size of an imported contract's workflow input (its terms without the price offers). */
const INPUT = { contract: 'x'.repeat(2048) };

/**
 * The bare start rate of a Temporal server: `count` starts of a workflow, `concurrency` at a time,
 * each with a 2 KiB input, on a task queue no worker polls (so the server does nothing else). The
 * import's shape, the ceiling its workflow starts are measured against (`temporal` and `import`).
 * Answers the seconds the starts took.
 */
export async function timeBareStarts(client: Client, options: { count: number; concurrency: number; idPrefix: string }): Promise<number> {
  const ids = Array.from({ length: options.count }, (_, i) => `${options.idPrefix}-${i}`);
  const t0 = performance.now();
  await runPool(ids, options.concurrency, async (workflowId) => {
    await client.workflow.start('capacityStarted', { taskQueue: 'nobody-polls', workflowId, args: [INPUT] });
  });
  return (performance.now() - t0) / 1000;
}
