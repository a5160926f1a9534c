/**
 * The Temporal SDK's workflow thread, set up without its promise hook (see
 * workflow-stack-traces.ts): the hook would capture and format an Error stack for every promise a
 * workflow creates. The workflows answer the `__stack_trace` query with "stack traces are not
 * enabled on this worker", the SDK's own state for runtimes without promise hooks.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { GlobalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared') as { GlobalHandlers?: { prototype: Record<string, unknown> } };
if (typeof GlobalHandlers?.prototype.setPromiseHook === 'function') {
  GlobalHandlers.prototype.setPromiseHook = function promiseStackTracesSkipped(): void {};
} else {
  // A newer SDK moved it: stack traces stay on (slower, still correct).
  process.emitWarning('the Temporal SDK has no GlobalHandlers.setPromiseHook: workflow stack traces stay on', { code: 'PACTUM_STACK_TRACES' });
}
require('@temporalio/worker/lib/workflow/workflow-worker-thread');
export {};
