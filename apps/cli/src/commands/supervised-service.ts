import type { ChildProcess } from 'node:child_process';

export interface ServiceInstance {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** More deaths than this within DEATH_WINDOW_MS and `up` gives up on the service. */
const MAX_DEATHS = 3;
const DEATH_WINDOW_MS = 5 * 60_000;
const START_ATTEMPTS = 5;

/**
 * A server `up` runs itself (embedded Postgres, the Temporal dev server): when it dies, it is
 * started again on the same data and port, and the API and the worker reconnect to it. When it
 * cannot be started again, or keeps dying, `giveUp` is told why (`up` then stops everything:
 * a half-working stack is worse than a stopped one).
 */
export class SupervisedService<T extends ServiceInstance> {
  private current?: T;
  private stopping = false;
  private deaths: number[] = [];

  constructor(
    readonly name: string,
    private readonly startOnce: () => Promise<T>,
    private readonly say: (line: string) => void,
    private readonly giveUp: (reason: string) => void,
  ) {}

  async start(): Promise<T> {
    const instance = await this.startOnce();
    this.adopt(instance);
    return instance;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.current?.stop();
  }

  private adopt(instance: T): void {
    this.current = instance;
    instance.process.once('exit', (code, signal) => {
      if (this.stopping || instance !== this.current) return;
      void this.restart(`${code ?? signal}`);
    });
  }

  private async restart(how: string): Promise<void> {
    const now = Date.now();
    this.deaths = [...this.deaths.filter((t) => now - t < DEATH_WINDOW_MS), now];
    if (this.deaths.length > MAX_DEATHS) {
      this.giveUp(`${this.name} exited (${how}) ${this.deaths.length} times within ${DEATH_WINDOW_MS / 60_000} minutes`);
      return;
    }
    this.say(`${this.name} exited (${how}); starting it again on the same data…`);
    let last = '';
    for (let attempt = 1; attempt <= START_ATTEMPTS && !this.stopping; attempt++) {
      try {
        const instance = await this.startOnce();
        if (this.stopping) {
          await instance.stop();
          return;
        }
        this.adopt(instance);
        this.say(`${this.name} is running again`);
        return;
      } catch (err) {
        last = (err as Error).message;
        // A killed Postgres's backends take a moment to notice and let go of its shared memory.
        this.say(`${this.name} did not start (attempt ${attempt} of ${START_ATTEMPTS}): ${last}`);
        await new Promise((r) => setTimeout(r, 1000 * attempt));
      }
    }
    if (!this.stopping) this.giveUp(`${this.name} exited (${how}) and could not be started again: ${last}`);
  }
}
