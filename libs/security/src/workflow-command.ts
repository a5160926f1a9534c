import { createHmac, randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { commandMessage, type CommandSeal, type SealedCommand } from '@pactum/workflows';

export const MIN_WORKFLOW_COMMAND_SECRET_LENGTH = 32;

/**
 * Signs the commands the API and the worker's importer send to contract workflows: starts and
 * updates. The workflow's validators verify the seal (command-seal.ts in @pactum/workflows) with
 * the same secret, which the worker puts into the workflow sandbox; an update or start that
 * anyone else sends to the Temporal frontend is refused. The HMAC here is node:crypto's; the
 * message is the one the workflow rebuilds.
 */
export class WorkflowCommandSigner {
  constructor(private readonly secret: string, private readonly clock: () => number = Date.now) {
    if (typeof secret !== 'string' || secret.length < MIN_WORKFLOW_COMMAND_SECRET_LENGTH) {
      throw new Error(`the workflow command secret must be at least ${MIN_WORKFLOW_COMMAND_SECRET_LENGTH} characters`);
    }
  }

  /** The seal of a command, issued now. */
  seal(command: SealedCommand): CommandSeal {
    const issuedAt = this.clock();
    return { issuedAt, signature: createHmac('sha256', this.secret).update(commandMessage(command, issuedAt)).digest('hex') };
  }

  /** A workflow's start input with its seal (`workflowType` and `workflowId` are those of the start). */
  start<T extends object>(workflowType: string, workflowId: string, input: T): T & { seal: CommandSeal } {
    const { seal: _old, ...payload } = input as T & { seal?: CommandSeal };
    return { ...input, seal: this.seal({ kind: 'start', workflowId, name: workflowType, payload }) };
  }

  /**
   * The options of an update whose one argument is `input`: the sealed argument and the update id
   * the seal is bound to. Spread them into executeUpdate's options.
   */
  update<Ret, T extends { seal?: CommandSeal }>(workflowId: string, update: UpdateDefinition<Ret, [T]>, input: T): { args: [T]; updateId: string } {
    const { seal: _old, ...payload } = input;
    const updateId = randomUUID();
    return { args: [{ ...input, seal: this.seal({ kind: 'update', workflowId, name: update.name, updateId, payload }) }], updateId };
  }

  /** The options of an update whose one argument is its seal (the contract workflow's `created`). */
  bareUpdate<Ret>(workflowId: string, update: UpdateDefinition<Ret, [CommandSeal]>): { args: [CommandSeal]; updateId: string } {
    const updateId = randomUUID();
    return { args: [this.seal({ kind: 'update', workflowId, name: update.name, updateId, payload: null })], updateId };
  }
}
