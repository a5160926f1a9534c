import { type ChildProcess, spawn } from 'node:child_process';
import { stopChild } from '@pactum/local-stack';

/**
 * A child process (the API or the worker) that is started again if it dies on its own, e.g. a
 * worker killed in the middle of a contract's deploy: the workflow carries on when it is back.
 */
export class SupervisedProcess {
  private child?: ChildProcess;
  private stopping = false;
  private restarts: number[] = [];

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly say: (line: string) => void,
    /** Node flags of this process (before PACTUM_NODE_ARGS). */
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    // Own process group: Ctrl-C reaches only `up`, which then stops everything in order.
    // PACTUM_NODE_ARGS: extra Node flags for the API and the worker (e.g. --cpu-prof when profiling).
    const extra = (this.env.PACTUM_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, ['--enable-source-maps', ...this.nodeArgs, ...extra, this.script], { env: this.env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      const now = Date.now();
      this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
      if (this.restarts.length > 5) {
        this.say(`${this.name} exited (${code ?? signal}) more than 5 times in a minute; not restarting it. Press Ctrl-C to stop.`);
        return;
      }
      this.say(`${this.name} exited (${code ?? signal}); starting it again`);
      setTimeout(() => { if (!this.stopping) this.start(); }, 1000);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child) await stopChild(this.child, 30_000);
  }
}
