import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
import { WORKFLOW_COMMAND_KEY_GLOBAL } from '@pactum/workflows';

/**
 * Where the worker gets its workflow code: a prebuilt bundle when one is configured
 * (production images build it with `npm run workflow:bundle`), otherwise the compiled workflow
 * sources, bundled at start. Either way the code is handed to the worker with the command key
 * defined in front of it (withCommandKey).
 */
export async function workflowSource(commandKey: string, env: Record<string, string | undefined> = process.env): Promise<Pick<WorkerOptions, 'workflowBundle'>> {
  const bundle = env.PACTUM_WORKFLOW_BUNDLE;
  if (bundle) {
    if (!existsSync(bundle)) throw new Error(`PACTUM_WORKFLOW_BUNDLE points to a missing file: ${bundle}`);
    return { workflowBundle: { code: withCommandKey(readFileSync(bundle, 'utf8'), commandKey) } };
  }
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry() });
  return { workflowBundle: { code: withCommandKey(code, commandKey) } };
}

/**
 * The bundle's code with the key that verifies workflow commands defined first, as a global of the
 * workflow sandbox: the SDK copies the globals the bundle leaves into every workflow's context, so
 * each workflow sees it, and it never enters workflow history. Written on the bundle's first line,
 * so stack traces keep their line numbers.
 */
export function withCommandKey(code: string, commandKey: string): string {
  if (typeof commandKey !== 'string' || commandKey.length < 32) throw new Error('the workflow command key must be at least 32 characters');
  return `Object.defineProperty(globalThis, ${JSON.stringify(WORKFLOW_COMMAND_KEY_GLOBAL)}, { value: ${JSON.stringify(commandKey)}, enumerable: false, writable: false, configurable: true });${code}`;
}

/** The workflow bundle's entry in the @pactum/workflows package: compiled when built, else its source. */
export function workflowsEntry(): string {
  const dir = dirname(require.resolve('@pactum/workflows/package.json'));
  const compiled = join(dir, 'dist', 'workflows.js');
  return existsSync(compiled) ? compiled : join(dir, 'workflows.ts');
}
