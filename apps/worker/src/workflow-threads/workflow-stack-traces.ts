import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import threads from 'node:worker_threads';

const THREAD_WITHOUT_STACK_TRACES = join(__dirname, 'workflow-thread-without-stack-traces.js');
const SDK_WORKFLOW_THREAD = `${sep}@temporalio${sep}worker${sep}lib${sep}workflow${sep}workflow-worker-thread.js`;
let wrapped = false;

/**
 * Turns off the Temporal SDK's collection of workflow stack traces in the workflow threads this
 * process starts from now on; answers whether it could.
 *
 * The SDK keeps a stack trace per promise for the `__stack_trace` query (`temporal workflow
 * stack`, the Web UI's Stack Trace tab), through a promise hook that builds an Error stack for
 * every promise a workflow creates. It has no option for it, and in a contract lifecycle it cost
 * a fifth of the worker's CPU (BENCHMARKS.md). So worker_threads.Worker is wrapped for the
 * SDK's workflow thread script alone: such a thread runs our entry script instead, which sets the
 * SDK up without the hook and then loads the SDK's script (same options, same inherited flags).
 * Only from the build output, as the thread's entry must be JavaScript: under ts-jest stack
 * traces stay on.
 */
export function skipWorkflowStackTraces(): boolean {
  if (!existsSync(THREAD_WITHOUT_STACK_TRACES)) return false;
  if (wrapped) return true;
  class WorkflowThreadWithoutStackTraces extends threads.Worker {
    constructor(script: string | URL, options?: threads.WorkerOptions) {
      super(typeof script === 'string' && script.endsWith(SDK_WORKFLOW_THREAD) ? THREAD_WITHOUT_STACK_TRACES : script, options);
    }
  }
  threads.Worker = WorkflowThreadWithoutStackTraces;
  wrapped = true;
  return true;
}
