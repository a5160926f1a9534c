import { ApplicationFailure, currentUpdateInfo, workflowInfo } from '@temporalio/workflow';
import { sandboxCommandKey, sealProblem, unsealed, type CommandSeal, type SealedCommand } from './command-seal';

/** A command without a valid seal: refused, with no hint of the workflow's state. */
function forged(problem: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'forbidden', message: `Refused a command the API did not issue: ${problem}`, nonRetryable: true, details: [{ code: 'UNSIGNED_COMMAND' }],
  });
}

/** Refuses an update (in its validator) whose seal does not verify: `payload` is what the seal covers, `seal` the one that came. */
export function checkUpdateSeal(payload: unknown, seal: unknown): void {
  const update = currentUpdateInfo();
  const command: SealedCommand = { kind: 'update', workflowId: workflowInfo().workflowId, name: update?.name ?? '', updateId: update?.id, payload };
  const problem = sealProblem(sandboxCommandKey(), command, seal, new Date().getTime());
  if (problem) throw forged(problem);
}

/** An update's argument as its seal covers it; anything that is not an object is checked as it came. */
export const payloadOf = (input: unknown): { payload: unknown; seal: unknown } => (input !== null && typeof input === 'object'
  ? { payload: unsealed(input as { seal?: unknown }), seal: (input as { seal?: unknown }).seal }
  : { payload: input ?? null, seal: undefined });

/**
 * A fresh run acts only on an input its starter signed, checked against the time the server
 * started it; call it first, so that a forged start fails the run before any activity. A run
 * continued as new carries what its previous run, already checked, handed on. Replays skip the
 * check: the run got past it when it first ran (a rotated key would otherwise fail it and wedge
 * the run).
 */
export function checkStartSeal(input: { seal?: CommandSeal }): void {
  const info = workflowInfo();
  if (info.continuedFromExecutionRunId || info.unsafe.isReplaying) return;
  const command: SealedCommand = { kind: 'start', workflowId: info.workflowId, name: info.workflowType, payload: unsealed(input) };
  const problem = sealProblem(sandboxCommandKey(), command, input.seal, info.runStartTime.getTime());
  if (problem) throw forged(problem);
}
