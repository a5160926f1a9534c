import { readFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { loadConfig } from '@pactum/config';
import { WorkflowCommandSigner } from '@pactum/security';
import { withCommandKey } from '@pactum/worker';
import type { CommandSeal } from '@pactum/workflows';
import { TEST_JWT_SECRET, testStack } from './test-stack';

/**
 * Tests that talk to contract workflows directly sign their commands as the API does: the
 * workflow refuses an unsigned start or update (docs/security.md, "The Temporal trust boundary").
 */

/** The secret the test API and worker derive from TEST_JWT_SECRET (appEnv sets no WORKFLOW_COMMAND_SECRET). */
export const TEST_WORKFLOW_COMMAND_SECRET = loadConfig({ JWT_SECRET: TEST_JWT_SECRET }).workflowCommands.secret!;

/** Signs as the API does; `clock` is the time the commands are issued at (a time-skipping server's, say). */
export function testSigner(clock?: () => number): WorkflowCommandSigner {
  return new WorkflowCommandSigner(TEST_WORKFLOW_COMMAND_SECRET, clock);
}

/** The test stack's workflow bundle with the command key defined in front, as the worker loads it. */
export function keyedWorkflowBundle(): { code: string } {
  return { code: withCommandKey(readFileSync(testStack().workflowBundlePath, 'utf8'), TEST_WORKFLOW_COMMAND_SECRET) };
}

/** Sends `input` to the workflow as a signed update, as the API would. */
export function signedUpdate<Ret, T extends { seal?: CommandSeal }>(
  handle: WorkflowHandle, update: UpdateDefinition<Ret, [T]>, input: T, signer: WorkflowCommandSigner = testSigner(),
): Promise<Ret> {
  return handle.executeUpdate(update, signer.update(handle.workflowId, update, input));
}
