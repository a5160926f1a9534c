import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

export function workflowsEntry(): string {
  // Compiled: dist/apps/worker/src → dist/workflows/index.js; under ts (tests): apps/worker/src → workflows/index.ts.
  const compiled = join(__dirname, '..', '..', '..', 'workflows', 'index.js');
  if (existsSync(compiled)) return compiled;
  return join(__dirname, '..', '..', '..', 'workflows', 'index.ts');
}
