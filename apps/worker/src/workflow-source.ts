import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

/**
 * Where the worker gets its workflow code: a prebuilt bundle when one is configured
 * (production images build it with `npm run workflow:bundle`), otherwise the compiled workflow
 * sources, bundled at start.
 */
export function workflowSource(env: Record<string, string | undefined> = process.env): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundle = env.PACTUM_WORKFLOW_BUNDLE;
  if (bundle) {
    if (!existsSync(bundle)) throw new Error(`PACTUM_WORKFLOW_BUNDLE points to a missing file: ${bundle}`);
    return { workflowBundle: { codePath: resolve(bundle) } };
  }
  return { workflowsPath: workflowsEntry() };
}

/** The workflow bundle's entry in the @pactum/workflows package: compiled when built, else its source. */
export function workflowsEntry(): string {
  const dir = dirname(require.resolve('@pactum/workflows/package.json'));
  const compiled = join(dir, 'dist', 'workflows.js');
  return existsSync(compiled) ? compiled : join(dir, 'workflows.ts');
}
