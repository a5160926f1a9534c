/**
 * Serialises the workflow's handlers: update handlers and the main loop interleave at every
 * await, and a lifecycle step (decide → persist → commit) must not. Plain promise chaining is
 * deterministic inside the workflow sandbox.
 */
export class WorkflowLock {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }
}
