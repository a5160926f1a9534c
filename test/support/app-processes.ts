import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { stopChild } from '@pactum/local-stack';
import { TEST_JWT_SECRET, testStack } from './test-stack';

const ROOT = join(__dirname, '..', '..');

/** The API or the worker as a real child process from the build output (npm test builds first). */
export class AppProcess {
  child?: ChildProcess;
  output = '';
  exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly app: 'api' | 'worker', readonly env: NodeJS.ProcessEnv) {}

  start(): this {
    this.output = '';
    const child = spawn(process.execPath, [join(ROOT, 'apps', this.app, 'dist', 'main.js')], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => { this.output += d.toString(); });
    child.stderr!.on('data', (d) => { this.output += d.toString(); });
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.child = child;
    return this;
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) throw new Error(`${this.app} exited (${this.child.exitCode}):\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.app} did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill9(): Promise<unknown> {
    this.child?.kill('SIGKILL');
    return this.exit!;
  }

  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child, 30_000);
  }
}

export function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const stack = testStack();
  // The test apps derive WORKFLOW_COMMAND_SECRET from TEST_JWT_SECRET, as workflow-commands.ts does.
  const { DATABASE_URL: _d, TEMPORAL_ADDRESS: _t, JWT_SECRET: _j, WORKFLOW_COMMAND_SECRET: _w, ...rest } = process.env;
  return {
    ...rest,
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    JWT_SECRET: TEST_JWT_SECRET,
    PACTUM_WORKFLOW_BUNDLE: stack.workflowBundlePath,
    LOG_LEVEL: 'info',
    ...extra,
  };
}
