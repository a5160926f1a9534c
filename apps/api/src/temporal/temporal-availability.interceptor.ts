import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { DependencyHealth } from '../health/dependency-health';

/**
 * Every workflow call of the API's client: refused at once (503 TEMPORAL_UNAVAILABLE, nothing
 * sent) while Temporal is known to be down, instead of waiting out the answer deadline; a call
 * that finds the server unreachable marks it down.
 */
export function guardedByHealth(health: DependencyHealth): WorkflowClientInterceptor {
  const guarded = <I, O>(next: (input: I) => Promise<O>, input: I): Promise<O> => {
    health.assertUp('temporal');
    return next(input).catch((err: unknown) => {
      health.observe(err);
      throw err;
    });
  };
  return {
    start: (input, next) => guarded(next, input),
    startWithDetails: (input, next) => guarded(next, input),
    startUpdate: (input, next) => guarded(next, input),
    startUpdateWithStart: (input, next) => guarded(next, input),
    signal: (input, next) => guarded(next, input),
    signalWithStart: (input, next) => guarded(next, input),
    query: (input, next) => guarded(next, input),
    terminate: (input, next) => guarded(next, input),
    cancel: (input, next) => guarded(next, input),
    describe: (input, next) => guarded(next, input),
  };
}
